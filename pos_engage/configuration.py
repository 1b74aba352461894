"""Which configuration this till runs with: the files read, whether it is a demo, where its data lives.

Light on purpose: the window path reads its configuration before anything heavy (client, journal) is loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

from pos_engage.core import config as config_module
from pos_engage.core.config import Config
from pos_engage.core.errors import ConfigError
from pos_engage.core.paths import DataPaths, data_paths, machine_config_file, user_config_file


def load_config(path: str | None = None, env: dict[str, str] | None = None) -> Config:
    """--config PATH (or POS_ENGAGE_CONFIG) alone, else IT's machine-wide file then the user's override."""
    env = os.environ if env is None else env
    explicit = path or env.get("POS_ENGAGE_CONFIG")
    files = [Path(explicit)] if explicit else [machine_config_file(), user_config_file()]
    if explicit and not Path(explicit).exists():
        raise ConfigError(f"the configuration file {explicit} does not exist")
    return config_module.load(files, env)


def is_demo(config: Config) -> bool:
    return not config.engage.base_url


def paths_for(config: Config) -> DataPaths:
    return data_paths(config.data_dir)


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
    return frozenset(flat_keys(config_module.read_file(machine_config_file()))), user_config_file()
