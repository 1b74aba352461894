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


class SecretsUnavailable(ConfigError):
    """No keyring backend on this machine, or the keyring could not be read or written."""


def _no_backend(name: str, exc: Exception) -> SecretsUnavailable:
    what, command = SECRET_WORDS.get(name, (name, "pos-engage configure"))
    override = ENV_OVERRIDES.get(name)
    instead = f"For scripts and CI, set {override} instead. " if override else ""
    return SecretsUnavailable(
        f"This computer has no keyring to keep {what} in (a desktop session's keyring, or Windows Credential "
        f"Manager); it is stored with '{command}' where one exists. {instead}({type(exc).__name__})")


def get_secret(name: str, env: dict[str, str] | None = None) -> str | None:
    env = os.environ if env is None else env
    override = ENV_OVERRIDES.get(name)
    if override and env.get(override):
        return env[override]
    import keyring  # imported when a secret is needed: it is slow to load, and demo mode never needs it
    import keyring.errors

    try:
        return keyring.get_password(SERVICE, name)
    except keyring.errors.NoKeyringError as exc:
        raise _no_backend(name, exc) from exc
    except keyring.errors.KeyringError as exc:
        raise SecretsUnavailable(f"the keyring could not be read for {SECRET_WORDS.get(name, (name,))[0]}: "
                                 f"{type(exc).__name__}") from exc


def set_secret(name: str, value: str) -> None:
    import keyring
    import keyring.errors

    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.NoKeyringError as exc:
        raise _no_backend(name, exc) from exc
    except keyring.errors.KeyringError as exc:
        raise SecretsUnavailable(f"the keyring could not be written for {SECRET_WORDS.get(name, (name,))[0]}: "
                                 f"{type(exc).__name__}") from exc
