"""The manager PIN: stored only as a salted scrypt hash, checked in constant time, locked after repeated
wrong attempts (the lockout state lives beside the hash, so restarting the till does not reset it)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from pos_engage.core import texts
from pos_engage.core.errors import InputError

# scrypt parameters: ~50 ms per check on a till PC; a stolen hash is slow to brute-force.
N, R, P = 2**14, 8, 1
MAX_ATTEMPTS = 5
LOCKOUT_SECONDS = 300.0


class PinLocked(InputError):
    """Too many wrong PINs: wait before trying again."""


def _digest(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=32)


def hash_pin(pin: str) -> str:
    """The stored form: scrypt parameters, salt and digest; never the PIN."""
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise InputError(texts.tr("The manager PIN is 4 to 12 digits"), field="pin")
    salt = secrets.token_bytes(16)
    return json.dumps({"scheme": "scrypt", "n": N, "r": R, "p": P, "salt": base64.b64encode(salt).decode(),
                       "hash": base64.b64encode(_digest(pin, salt)).decode(), "failures": 0, "locked_until": 0})


@dataclass
class PinCheck:
    """The outcome of one PIN attempt, with the record (failures, lockout) to store back."""

    ok: bool
    stored: str          # the updated record (failure count, lockout) to store back
    message: str = ""


def check_pin(pin: str, stored: str, *, clock: Callable[[], float] = time.time) -> PinCheck:
    record = json.loads(stored)
    now = clock()
    if record.get("locked_until", 0) > now:
        wait = int(record["locked_until"] - now) + 1
        raise PinLocked(texts.tr("Too many wrong PINs: try again in {seconds} s", seconds=wait))
    salt = base64.b64decode(record["salt"])
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=record["n"], r=record["r"], p=record["p"], dklen=32)
    if hmac.compare_digest(digest, base64.b64decode(record["hash"])):
        record.update(failures=0, locked_until=0)
        return PinCheck(True, json.dumps(record))
    record["failures"] = record.get("failures", 0) + 1
    message = texts.tr("Wrong PIN")
    if record["failures"] >= MAX_ATTEMPTS:
        record.update(failures=0, locked_until=now + LOCKOUT_SECONDS)
        message = texts.tr("Wrong PIN: locked for {minutes} minutes", minutes=int(LOCKOUT_SECONDS // 60))
    return PinCheck(False, json.dumps(record), message)
