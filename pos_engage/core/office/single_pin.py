"""The till's single manager PIN (no staff list): whether it can approve anything on this computer, and reading it.

Without a staff directory (people.py) one PIN, kept as a hash in the till user's keyring, approves manager actions.
Whether it can is a question of this computer, not of the person at the till: a keyring may be missing (a
headless PC), locked, or hold no PIN yet. The till asks it before it asks anyone for a PIN (it says why none can
be accepted instead of refusing every code), and doctor's people line says it in the same words. Apart from
people.py, whose job is who is at the till and who approved what.
"""

from __future__ import annotations

from collections.abc import Callable

from pos_engage.core import texts
from pos_engage.core.errors import ConfigError

__all__ = ["keyring_pin", "keyring_pin_problem", "no_pin_set", "single_pin_problem"]


def no_pin_set() -> ConfigError:
    return ConfigError(texts.tr("No manager PIN is set: IT sets one with 'pos-engage configure --manager-pin-stdin' "
                                "or keeps a staff list ('pos-engage configure --machine --staff-add')"))


def single_pin_problem(read: Callable[[], str | None] | None = None) -> ConfigError | None:
    """Why the till's single manager PIN (no staff list) cannot approve anything here, or None: the keyring that
    keeps it is missing or cannot be read, or no PIN was set. What the till says instead of asking for a PIN, and
    what doctor's people line says."""
    try:
        stored = (read or keyring_pin)()
    except ConfigError as problem:
        return problem
    return None if stored else no_pin_set()


def keyring_pin_problem() -> ConfigError | None:
    """Why the keyring that keeps the till's PIN cannot be read here (none on this computer, a locked one), or
    None: doctor's people line says it in the words the till says."""
    try:
        keyring_pin()
    except ConfigError as problem:
        return problem
    return None


def keyring_pin() -> str | None:
    """The till's single manager PIN (its hash) from the keyring. A keyring that cannot be read is said in words
    the window translates, never with the keyring library's class name ("… (NoKeyringError)" reached the queue's
    message line, doctor and the command line)."""
    from pos_engage.core import credentials

    try:
        return credentials.get_secret(credentials.MANAGER_PIN_HASH)
    except credentials.SecretsUnavailable as problem:
        import keyring.errors

        if isinstance(problem.__cause__, keyring.errors.NoKeyringError):
            raise ConfigError(texts.tr("This computer has no keyring to keep the manager PIN in, so no PIN "
                                       "can approve a manager action here: IT keeps a staff list instead ('pos-engage "
                                       "configure --machine --staff-add')")) from problem
        raise ConfigError(texts.tr("The manager PIN cannot be read from this computer's keyring (it may be locked): "
                                   "unlock the desktop session's keyring, or ask IT")) from problem
