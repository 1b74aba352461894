"""Reading, checking and writing configuration files, so a value that cannot work never reaches the till.

Separate from the declaration (config.py) because it is the one place that turns JSON into a Config: IT's
machine-wide file and the user's override (the override wins key by key), then environment variables for
scripts; older file versions upgraded; written atomically.

Every key is checked when it is read (``config.RULES``, one rule per key): a value that cannot work stops the till,
and every such value is named at once, one line each, with its key path, what is allowed and the file it came
from. Files may hold ``//`` comments, as the shipped example does. It is imported before the window paints: keep
its imports light.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from pos_engage.core import config_checks as checks
from pos_engage.core.config import (
    COUNTRY_CALLING_CODES,
    COUNTRY_VAT_RATES,
    CURRENT_VERSION,
    RULES,
    Config,
    group_exchange_rate,
)
from pos_engage.core.errors import ConfigError


class InvalidConfiguration(ConfigError):
    """Values that cannot work: one line per key in ``problems``, each naming its key path, what is allowed and
    where the value came from. The till does not start on it."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


_TYPE_WORDS = {str: "a text", int: "a whole number", float: "a number", bool: "true or false",
               "tuple[str, ...]": "a list of texts", "tuple[float, ...]": "a list of numbers",
               "tuple[CardRule, ...]": 'a list of cards, each {"prefix": "735", "length": 13, "check": "gs1"}'}


def _typed(item, default: Any, value: Any) -> tuple[Any, str | None]:
    """The value as the field holds it, or what type it must have. JSON true/false is never a number."""
    def is_number(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    if isinstance(default, tuple) and "CardRule" in str(item.type):
        # Each object is checked key by key by the key's rule (checks.card_rule), then made a CardRule.
        if not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
            return None, _TYPE_WORDS["tuple[CardRule, ...]"]
        return tuple(value), None
    if isinstance(default, tuple):
        kind = "tuple[str, ...]" if "str" in str(item.type) else "tuple[float, ...]"
        fits = isinstance(value, list) and all(isinstance(v, str) if kind == "tuple[str, ...]" else is_number(v)
                                                for v in value)
        if not fits:
            return None, _TYPE_WORDS[kind]
        try:
            return tuple(value if kind == "tuple[str, ...]" else (float(v) for v in value)), None
        except OverflowError:  # a number too large for any setting (1e999 is read as infinity, 10**400 is not)
            return None, _TYPE_WORDS[kind]
    if isinstance(default, bool):  # before int: JSON true/false only, never 0 or 1
        return (value, None) if isinstance(value, bool) else (None, _TYPE_WORDS[bool])
    if isinstance(default, float):
        if not is_number(value):
            return None, _TYPE_WORDS[float]
        try:
            return float(value), None
        except OverflowError:
            return None, _TYPE_WORDS[float]
    if isinstance(default, int):
        return (value, None) if isinstance(value, int) and not isinstance(value, bool) else (None, _TYPE_WORDS[int])
    return (value, None) if isinstance(value, str) else (None, _TYPE_WORDS[str])


def _build(cls: type, values: dict[str, Any], path: str, problems: list[tuple[str, str]], base: Any = None) -> Any:
    """A dataclass from a dict, every key checked: unknown keys, wrong types and values its rule refuses go to
    ``problems`` as (key path, complaint), and such a key keeps its default, so one mistake is told once. Keys not
    given keep ``base``'s values (a nested setting's own defaults, e.g. one order status changed, the others
    kept)."""
    defaults = base if base is not None else cls()
    known = {item.name: item for item in fields(cls)}
    rules = RULES.get(cls, {})
    kwargs = {}
    for name, value in values.items():
        where = f"{path}.{name}"
        if name not in known:
            import difflib  # only for a mistake

            near = difflib.get_close_matches(name, list(known), n=1)
            problems.append((where, f"is not a setting: did you mean {near[0]}?" if near else
                                    f"is not a setting: {path} has {', '.join(known)}"))
            continue
        default = getattr(defaults, name)
        if is_dataclass(default):
            if isinstance(value, dict):
                kwargs[name] = _build(type(default), value, where, problems, default)
            else:
                problems.append((where, f"must be an object {{...}} of settings — not {checks.shown(value)}"))
            continue
        typed, wanted = _typed(known[name], default, value)
        if wanted:
            problems.append((where, f"must be {wanted} — not {checks.shown(value)}"))
            continue
        rule = rules.get(name, lambda _: iter(()))  # a key without a rule is a test failure, not a crash here
        refused = [(where + suffix, complaint) for suffix, complaint in rule(typed)]
        problems.extend(refused)
        if not refused:
            kwargs[name] = typed
    return replace(defaults, **kwargs)


def _lines(problems: list[tuple[str, str]], origin: Callable[[str], str]) -> list[str]:
    return [f"{where}: {complaint}{origin(where)}" for where, complaint in problems]


def _checked(values: dict[str, Any], origin: Callable[[str], str]) -> Config:
    problems: list[tuple[str, str]] = []
    config = _build(Config, values, "configuration", problems)
    if group_exchange_rate(config) is not None and "exchange_rate_to_group_currency" not in values:
        # Left at 1.0, every receipt would tell Engage that one NOK is one SEK: a rate must be said, never assumed.
        problems.append(("exchange_rate_to_group_currency",
                         f"required when group_currency ({config.group_currency}) is not the till's currency "
                         f"({config.currency}): one {config.currency} in {config.group_currency}, such as 0.97"))
    if problems:
        raise InvalidConfiguration(_lines(problems, origin))
    till = values.get("till")
    if not (isinstance(till, dict) and "vat_rates" in till) and config.country in COUNTRY_VAT_RATES:
        # Not set: the VAT rates of the store's country (a Norwegian till does not offer Sweden's 6 %).
        config = replace(config, till=replace(config.till, vat_rates=COUNTRY_VAT_RATES[config.country]))
    if not (isinstance(till, dict) and "payment_methods" in till):
        # Not set: the tenders of the till's currency (Swish is Swedish: a Finnish or Danish till does not offer it).
        from pos_engage.core.till.payment_methods import for_currency

        config = replace(config, till=replace(config.till, payment_methods=for_currency(config.currency)))
    if "default_country_code" not in values and config.country in COUNTRY_CALLING_CODES:
        # Not set: the store's country's plan reads a local mobile (040 123 4567 at a Finnish till is +358).
        config = replace(config, default_country_code=COUNTRY_CALLING_CODES[config.country])
    return config


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) \
            else value
    return merged


def _key_paths(values: dict[str, Any], prefix: str = "configuration") -> Iterator[str]:
    for key, value in values.items():
        yield f"{prefix}.{key}"
        if isinstance(value, dict):
            yield from _key_paths(value, f"{prefix}.{key}")


# Upgrade functions: version N -> N+1, applied in order to older files.
UPGRADES: dict[int, Any] = {}


def _upgrade(values: dict[str, Any], where: str) -> dict[str, Any]:
    version = values.get("version", CURRENT_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= CURRENT_VERSION:
        newer = " (a newer pos-engage wrote this file)" if isinstance(version, int) and version > 0 else ""
        raise InvalidConfiguration([f"configuration.version: must be a whole number from 1 to {CURRENT_VERSION}, "
                                    f"the versions this pos-engage understands — not {checks.shown(version)}"
                                    f"{newer} (in {where})"])
    while version < CURRENT_VERSION:
        values = UPGRADES[version](values)
        version += 1
        values["version"] = version
    return values


# A string (kept whole, "//" and all) or a // comment to the end of its line (dropped).
_STRING_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"|//[^\n]*')


def strip_comments(text: str) -> str:
    """JSON with ``//`` comments (as in config.example.jsonc) made plain JSON. A "//" inside a string, such as
    https://, is kept; lines stay where they were, so a JSON error still names the line IT sees."""
    if "//" not in text:
        return text
    return _STRING_OR_COMMENT.sub(lambda found: found.group(0) if found.group(0).startswith('"') else "", text)


def read_file(path: Path) -> dict[str, Any]:
    """One config file's contents (``//`` comments allowed); a malformed file names the line and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # Notepad may save UTF-8 with a byte order mark
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text (byte {exc.start}): save it as UTF-8") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read the configuration {path}: {exc.strerror}") from exc
    try:
        values = json.loads(strip_comments(text)) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path} line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    if not isinstance(values, dict):
        raise ConfigError(f"{path}: the configuration must be a JSON object {{...}}")
    return _upgrade(values, str(path))


ENVIRONMENT = {"POS_ENGAGE_BASE_URL": ("engage", "base_url"), "POS_ENGAGE_DATA_DIR": ("data_dir",)}


def load(files: list[Path], env: dict[str, str] | None = None) -> Config:
    """Files in order (later ones override earlier ones key by key), then the environment; every key checked.
    InvalidConfiguration lists each problem on its own line, with the file (or variable) its value came from."""
    env = os.environ if env is None else env
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for path in files:
        values = read_file(path)
        merged = _merge(merged, values)
        origins.update((key, f"in {path}") for key in _key_paths(values))
    for variable, keys in ENVIRONMENT.items():
        if env.get(variable):
            override: dict[str, Any] = {keys[-1]: env[variable]}
            for key in reversed(keys[:-1]):
                override = {key: override}
            merged = _merge(merged, override)
            origins["configuration." + ".".join(keys)] = f"from the environment variable {variable}"
    merged["version"] = CURRENT_VERSION

    def origin(where: str) -> str:
        where = re.sub(r"\[\d+\]$", "", where)
        while where and where not in origins:
            where = where.rpartition(".")[0]
        return f" ({origins[where]})" if where else ""
    return _checked(merged, origin)


def save_changes(path: Path, changes: dict[str, Any]) -> Config:
    """Merge changes into a config file (keeping what it had), validate the result, write it atomically."""
    merged = _merge(read_file(path), changes)
    merged["version"] = CURRENT_VERSION
    config = validate(merged, str(path))
    write_atomically(path, merged)
    return config


def validate(values: dict[str, Any], where: str) -> Config:
    """The Config these values make (``where``: the file they are for), or InvalidConfiguration naming every key
    that is wrong."""
    return _checked(values, lambda _: f" (in {where})")


def write_atomically(path: Path, values: dict[str, Any]) -> None:
    """Write via a .tmp file and an fsync, keeping the previous file as .bak, so a crash never leaves a
    half-written configuration. A configuration holds no secret and must be readable by the till's user when IT
    (root, administrator) wrote the machine-wide file: 0644, whatever the process's umask (cli.py sets 077)."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True)
        os.chmod(path.parent, 0o755)  # noqa: S103 - the till user must read IT's folder; nothing secret
    tmp = path.with_suffix(path.suffix + ".tmp")
    data = json.dumps(values, indent=2, ensure_ascii=False) + "\n"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, 0o644)
    if path.exists():
        # A copy, not a move: there is never a moment without the configuration in place.
        shutil.copy2(path, path.with_suffix(path.suffix + ".bak"))
    os.replace(tmp, path)
