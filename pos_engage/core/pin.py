"""Personal codes and the manager PIN: stored only as a salted scrypt hash, checked in constant time.

The record holds the scrypt parameters, the salt and the digest, never the code and never a failure count: the
lockout after repeated wrong codes is worked out from the attempts themselves (:func:`locked_until`), which
``core/office/people.py`` keeps as append-only rows of the audit log. A record in the till user's own keyring
or file could be rewritten by that user to reset a count kept beside it; the audit log cannot be edited (its
triggers refuse), so neither restarting the till nor rewriting the keyring ends a lockout early. Records written
before this version carried ``failures`` and ``locked_until``: both are ignored.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from pos_engage.core import texts
from pos_engage.core.errors import ConfigError, InputError

# scrypt parameters: ~50 ms per check on a till PC; a stolen hash is slow to brute-force.
N, R, P = 2**14, 8, 1
MAX_ATTEMPTS = 5
LOCKOUT_SECONDS = 300.0


class PinLocked(InputError):
    """Too many wrong codes for this person: wait before trying again."""


def _digest(pin: str, salt: bytes, n: int = N, r: int = R, p: int = P) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=64 * 1024 * 1024)


def hash_pin(pin: str, *, shortest: int = 4) -> str:
    """The stored form: scrypt parameters, salt and digest; never the code. ``shortest``: a personal code in the
    staff directory is at least 6 digits (its hash is readable by the till's user, see people.py)."""
    if not pin.isdigit() or not pin.isascii() or not shortest <= len(pin) <= 12:
        raise InputError(texts.tr("A code is {shortest} to 12 digits", shortest=shortest), field="pin")
    salt = secrets.token_bytes(16)
    return json.dumps({"scheme": "scrypt", "n": N, "r": R, "p": P, "salt": base64.b64encode(salt).decode(),
                       "hash": base64.b64encode(_digest(pin, salt)).decode()})


def matches(pin: str, stored: str) -> bool:
    """Whether ``pin`` is the code ``stored`` was made from (constant time). A damaged record is IT's to fix."""
    try:
        record = json.loads(stored)
        salt, expected = base64.b64decode(record["salt"]), base64.b64decode(record["hash"])
        n, r, p = int(record["n"]), int(record["r"]), int(record["p"])
    except (ValueError, TypeError, KeyError, binascii.Error) as exc:
        raise ConfigError(texts.tr("A stored code is damaged: IT sets it again")) from exc
    return hmac.compare_digest(_digest(pin, salt, n, r, p), expected)


@dataclass(frozen=True)
class Attempt:
    """One code typed for a person: when, and whether it was right."""

    at: float
    ok: bool


def locked_until(attempts: Iterable[Attempt]) -> float:
    """When the lockout that these attempts (oldest first) caused ends; 0 when there is none. A right code
    starts the count again; the fifth wrong one in a row locks for five minutes, and the count starts again
    after that."""
    failures, until = 0, 0.0
    for attempt in attempts:
        if attempt.ok:
            failures = 0
            continue
        failures += 1
        if failures >= MAX_ATTEMPTS:
            failures, until = 0, attempt.at + LOCKOUT_SECONDS
    return until
