"""Which configuration this till runs with: the files read, whether it is a demo, where its data lives.

Demo is a choice, never a fallback: the embedded simulator runs only with ``--demo`` or ``engage.mode = "demo"``,
and then on its own journal (``demo-journal.sqlite3``), never on the real one. A till with neither a demo choice
nor an Engage address is *not configured*: it sends nothing anywhere, and the window, the command line and
``doctor`` say so in the same words (:func:`not_configured`), naming the file and key IT sets.

Light on purpose: the window path reads its configuration before anything heavy (client, journal) is loaded.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from pos_engage.core import config_files, texts
from pos_engage.core.config import DEMO_MODE, Config
from pos_engage.core.errors import ConfigError
from pos_engage.core.paths import DataPaths, data_paths, journal_file, machine_config_file, user_config_file


class NotConfigured(ConfigError):
    """No Engage address and no demo chosen: nothing may be sent. ``problems`` are the lines to show, the same
    on the terminal, in the window and in ``doctor``."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.problems = tuple(lines)


def load_config(path: str | None = None, env: dict[str, str] | None = None) -> Config:
    """--config PATH (or POS_ENGAGE_CONFIG) alone, else IT's machine-wide file then the user's override."""
    env = os.environ if env is None else env
    explicit = path or env.get("POS_ENGAGE_CONFIG")
    files = _files(path, env)
    if explicit and not Path(explicit).exists():
        raise ConfigError(f"the configuration file {explicit} does not exist")
    return config_files.load(files, env)


def is_demo(config: Config) -> bool:
    """The demo was chosen (``--demo`` applied with :func:`as_demo`, or ``engage.mode = "demo"``). An empty
    ``engage.base_url`` is *not* a demo: it is a till that is not configured."""
    return config.engage.mode == DEMO_MODE


def as_demo(config: Config) -> Config:
    """The configuration with the demo chosen (``pos-engage --demo``)."""
    return replace(config, engage=replace(config.engage, mode=DEMO_MODE))


def is_configured(config: Config) -> bool:
    """Somewhere to send to: the demo chosen, or an Engage address."""
    return is_demo(config) or bool(config.engage.base_url)


def not_configured(path: str | None = None, env: dict[str, str] | None = None) -> NotConfigured:
    """The words for a till without an Engage address: what IT sets, in which file, with which command."""
    target, command = _where_it_sets(path, env, "--base-url https://<tenant>.voyado.com --api-key-stdin")
    return NotConfigured([
        texts.tr("not configured: this till has no Engage address, so nothing is sent anywhere"),
        texts.tr("IT sets engage.base_url in {file}: '{command}' writes it and stores the API key "
                 "(scripts may set POS_ENGAGE_BASE_URL instead)", file=str(target), command=command),
        texts.tr("for training, 'pos-engage --demo' opens the demo: the embedded simulator, with its own journal"),
    ])


def _files(path: str | None, env: dict[str, str]) -> list[Path]:
    explicit = path or env.get("POS_ENGAGE_CONFIG")
    return [Path(explicit)] if explicit else [machine_config_file(), user_config_file()]


def _where_it_sets(path: str | None, env: dict[str, str] | None, options: str) -> tuple[Path, str]:
    """The file IT sets a missing key in (the one named, else the machine-wide one) and the command that writes
    ``options`` there."""
    env = os.environ if env is None else env
    explicit = path or env.get("POS_ENGAGE_CONFIG")
    if explicit:
        target = Path(explicit)
        return target, f"pos-engage --config {target} configure {options}"
    return machine_config_file(), f"pos-engage configure {options} --machine"


def identity_not_set(path: str | None = None, env: dict[str, str] | None = None) -> NotConfigured | None:
    """The words for a till whose store or till id no file sets, or None. Their defaults ("1", "1") are every
    such till's: each would book its receipts as store 1, till 1, and Engage keeps one receipt per id, so the
    same sale number at a second till would be lost (an IT review: an installer given only the Engage address
    made such tills, and doctor said "ok"). Nothing is sent until IT sets them; the demo needs none."""
    env = os.environ if env is None else env
    files = _files(path, env)
    given: dict = {}
    for file in files:
        given |= config_files.read_file(file)
    missing = [name for name in ("store_external_id", "till_id") if not str(given.get(name) or "").strip()]
    if not missing:
        return None
    target, command = _where_it_sets(path, env, "--store <store id> --till <till id>")
    return NotConfigured([
        texts.tr("not configured: this till has no {keys}, so its sales would share receipt ids with every other "
                 "such till and Engage would keep only one of each; nothing is sent until IT sets them",
                 keys=" and ".join(missing)),
        texts.tr("IT sets them in {file}: '{command}' (the store id as Engage knows the store, the till id unique "
                 "in the store)", file=str(target), command=command),
    ])


def paths_for(config: Config) -> DataPaths:
    return data_paths(config.data_dir)


def journal_path(config: Config) -> Path:
    """The journal this configuration works on: the demo has its own, so demo sales never mix with real ones."""
    return journal_file(config)


def flat_keys(values: dict, prefix: str = "") -> set[str]:
    """Every key path a configuration file sets ("engage.base_url", "till.card_patterns")."""
    keys: set[str] = set()
    for name, value in values.items():
        path = f"{prefix}{name}"
        if isinstance(value, dict):
            keys |= flat_keys(value, f"{path}.")
        elif name != "version":
            keys.add(path)
    return keys


def settings_layers(path: str | None = None, env: dict[str, str] | None = None) -> tuple[frozenset[str], Path]:
    """For Manager > Settings: the key paths IT fixed in the machine-wide file (shown read-only, never written),
    and the file a manager's changes go to (the user's file; the explicit file when one was given)."""
    env = os.environ if env is None else env
    explicit = path or env.get("POS_ENGAGE_CONFIG")
    if explicit:
        return frozenset(), Path(explicit)
    return frozenset(flat_keys(config_files.read_file(machine_config_file()))), user_config_file()
