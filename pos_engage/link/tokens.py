"""The POS link's bearer token: created by IT (``pos-engage configure --pos-link-token-new``), kept where the
Engage API key lives (the keyring; ``POS_ENGAGE_POS_LINK_TOKEN`` overrides it for scripts and CI).

The current token is read again every ``ttl`` seconds, so a rotated token works without a restart (and the one it
replaced stops working). While the link server listens, a worker thread reads it (:meth:`TokenSource.keep_fresh`):
a request never waits for the keyring (0.1 ms measured here with a file-backed one; a desktop's secret service is
a D-Bus round trip), which on the till's loop held up the POS's answer and the window alike, for nearly every
request of a POS that asks a few seconds apart. Without it (doctor, a test), a read past ``ttl`` reads in place.

Comparison is in constant time: both sides are hashed first, so neither the content nor the
length of the token shows in the time a refusal takes. Demo mode without a stored token uses ``DEMO_TOKEN`` (the
README's two-terminal loop), and only then."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable

from pos_engage.core import credentials
from pos_engage.core.errors import ConfigError

DEMO_TOKEN = "demo-pos-link-token"  # noqa: S105 - demo mode only, documented in the README

log = logging.getLogger(__name__)


def new_token() -> str:
    """256 random bits, URL-safe (a POS may put it in a config file or a header without escaping)."""
    return secrets.token_urlsafe(32)


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class TokenSource:
    def __init__(self, read: Callable[[], str | None], *, ttl: float = 2.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._read = read
        self.ttl = ttl
        self.clock = clock
        self._cached: tuple[float, bytes | None] | None = None
        self._kept_fresh = False   # keep_fresh runs: requests take the cached token as it is

    def _current(self) -> bytes | None:
        if self._cached is None or (not self._kept_fresh and self.clock() - self._cached[0] >= self.ttl):
            self._cached = (self.clock(), self._read_digest())
        return self._cached[1]

    def _read_digest(self) -> bytes | None:
        try:
            token = self._read()
        except ConfigError as problem:  # no keyring: every request is refused until IT provides one
            log.warning("the POS link's token cannot be read: %s", problem)
            token = None
        # Stripped as the presented one is: a token kept with a line break (an env file, a pasted value) was one no
        # header can carry, so every request was refused while doctor said the link had a token.
        token = token.strip() if token else None
        return _digest(token) if token else None

    async def refresh(self) -> None:
        """Read the token now, in a worker thread. A read that fails for another reason than a missing keyring
        (a backend's own failure) keeps the token read before and is logged: the link goes on answering as it
        did, and the next read tries again."""
        try:
            digest = await asyncio.to_thread(self._read_digest)
        except Exception:
            log.warning("the POS link's token could not be read again; the one read before is kept", exc_info=True)
        else:
            self._cached = (self.clock(), digest)

    async def keep_fresh(self) -> None:
        """:meth:`refresh` every ``ttl`` seconds until cancelled; meanwhile requests take the token as last read
        (LinkServer runs it while it listens, after a first :meth:`refresh`)."""
        self._kept_fresh = True
        try:
            while True:
                await asyncio.sleep(self.ttl)
                await self.refresh()
        finally:
            self._kept_fresh = False

    @property
    def configured(self) -> bool:
        return self._current() is not None

    def accepts(self, authorization: str | None) -> bool:
        """Whether an ``Authorization`` header carries the current token."""
        expected = self._current()
        scheme, _, presented = (authorization or "").partition(" ")
        ok = hmac.compare_digest(_digest(presented.strip()), expected or _digest(new_token()))
        return ok and expected is not None and scheme.lower() == "bearer"


def from_credentials(*, demo: bool, env: dict[str, str] | None = None) -> TokenSource:
    def read() -> str | None:
        try:
            stored = credentials.get_secret(credentials.POS_LINK_TOKEN, env)
        except ConfigError:
            if demo:
                return DEMO_TOKEN
            raise
        return stored or (DEMO_TOKEN if demo else None)

    return TokenSource(read)
