"""Secrets (the Engage API key, the file-server password, the marketing platform's key) from the OS keyring,
never from files.

Environment variables override the keyring for CI and provisioning scripts: ``POS_ENGAGE_API_KEY``,
``POS_ENGAGE_FILE_SERVER_PASSWORD``, ``POS_ENGAGE_MARKETING_API_KEY`` and ``POS_ENGAGE_POS_LINK_TOKEN`` (the
token a POS presents to the POS link). A machine without a keyring backend
(headless Linux) gets a clear message.
"""

from __future__ import annotations

import os

from pos_engage.core.errors import ConfigError

SERVICE = "pos-engage"
ENGAGE_API_KEY = "engage-api-key"
FILE_SERVER_PASSWORD = "file-server-password"  # noqa: S105 - the keyring entry's name, not a secret
MANAGER_PIN_HASH = "manager-pin-hash"
MARKETING_API_KEY = "marketing-api-key"
POS_LINK_TOKEN = "pos-link-token"  # noqa: S105 - the keyring entry's name, not a secret
ENV_OVERRIDES = {ENGAGE_API_KEY: "POS_ENGAGE_API_KEY", FILE_SERVER_PASSWORD: "POS_ENGAGE_FILE_SERVER_PASSWORD",
                 MARKETING_API_KEY: "POS_ENGAGE_MARKETING_API_KEY", POS_LINK_TOKEN: "POS_ENGAGE_POS_LINK_TOKEN"}


# What each secret is called in a message, and how IT provides it (a PIN has no environment override: it must be
# set with configure, so a till's own user cannot replace it by setting a variable).
SECRET_WORDS = {
    ENGAGE_API_KEY: ("the Engage API key", "pos-engage configure --api-key-stdin"),
    FILE_SERVER_PASSWORD: ("the file server's password", "pos-engage configure --sftp-password-stdin"),
    MARKETING_API_KEY: ("the marketing platform's API key", "pos-engage configure --marketing-key-stdin"),
    MANAGER_PIN_HASH: ("the manager PIN", "pos-engage configure --manager-pin-stdin"),
    POS_LINK_TOKEN: ("the POS link's token", "pos-engage configure --pos-link-token-new"),
}


# Secrets sent in an HTTP header (the API keys) or compared with one (the POS link's token): a header carries plain
# ASCII only, so a key pasted with curly quotes from a document failed every request, far from where it was given,
# with a message blaming a text file (an IT review). The file server's password is not one of them.
PLAIN_TEXT_SECRETS = frozenset({ENGAGE_API_KEY, MARKETING_API_KEY, POS_LINK_TOKEN})
CURLY_QUOTES = frozenset("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a")


def not_plain_text(value: str) -> str | None:
    """What is wrong with a key that should be plain printable ASCII (a curly quote, another character, a control
    character), or None when it is plain."""
    if any(ch in CURLY_QUOTES for ch in value):
        return "a curly quote, not plain ASCII"
    if any(ord(ch) > 126 for ch in value):
        return "a character that is not plain ASCII (a curly quote, an accent, a non-breaking space?)"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return "a control character (a tab, a line break?)"
    return None


def check_plain_text(name: str, value: str, *, given: str, again: str) -> str:
    """``value`` as given, if ``name`` is not a header secret or the value is plain ASCII; else ConfigError in one
    line: which secret, where it was ``given``, and how to give it ``again``. Never the value itself."""
    problem = not_plain_text(value.strip()) if name in PLAIN_TEXT_SECRETS else None
    if problem:
        what = SECRET_WORDS.get(name, (name,))[0]
        raise ConfigError(f"{what} {given} holds {problem}: {again}")
    return value


class SecretsUnavailable(ConfigError):
    """No keyring backend on this machine, or the keyring could not be read or written."""


def _no_backend(name: str) -> SecretsUnavailable:
    what, command = SECRET_WORDS.get(name, (name, "pos-engage configure"))
    override = ENV_OVERRIDES.get(name)
    instead = f"For scripts and CI, set {override} instead. " if override else ""
    return SecretsUnavailable(
        f"This computer has no keyring to keep {what} in (a desktop session's keyring, or Windows Credential "
        f"Manager); it is stored with '{command}' where one exists. {instead}".rstrip())


def get_secret(name: str, env: dict[str, str] | None = None) -> str | None:
    env = os.environ if env is None else env
    override = ENV_OVERRIDES.get(name)
    if override and env.get(override):
        return check_plain_text(name, env[override], given=f"in {override}", again="set it again as plain text")
    import keyring  # imported when a secret is needed: it is slow to load, and demo mode never needs it
    import keyring.errors

    try:
        stored = keyring.get_password(SERVICE, name)
    except keyring.errors.NoKeyringError as exc:
        raise _no_backend(name) from exc
    except keyring.errors.KeyringError as exc:
        raise SecretsUnavailable(f"the keyring could not be read for {SECRET_WORDS.get(name, (name,))[0]} (it may be "
                                 "locked: unlock the desktop session's keyring, or ask IT)") from exc
    if stored is None:
        return None
    command = SECRET_WORDS.get(name, (name, "pos-engage configure"))[1]
    return check_plain_text(name, stored, given="in the keyring",  # stored before this check existed
                            again=f"store it again as plain text with '{command}'")


def set_secret(name: str, value: str) -> None:
    """Store a secret; a key that cannot go in an HTTP header is refused (ConfigError) and nothing is stored."""
    check_plain_text(name, value, given="as given", again="paste it again as plain text; nothing was stored")
    import keyring
    import keyring.errors

    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.NoKeyringError as exc:
        raise _no_backend(name) from exc
    except keyring.errors.KeyringError as exc:
        raise SecretsUnavailable(f"the keyring could not be written for {SECRET_WORDS.get(name, (name,))[0]} (it "
                                 "may be locked: unlock the desktop session's keyring, or ask IT)") from exc
