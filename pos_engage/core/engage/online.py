"""Is Engage reachable? Online, degraded or offline, judged from real calls and a cheap probe.

After ``offline_after`` transport failures in a row Engage is offline: interactive calls then fail fast (the
till never waits for a timeout while offline) and only a probe every ``probe_interval`` seconds tries the
network, until one answers. 5xx and 429 mean degraded: Engage answers, but not well.

An answer that is not Engage's at all (a guest network's login page, a proxy's redirect: ``EngageImpostor``) is
its own state, ``NOT_ENGAGE``, so the status bar and ``doctor`` can say that something in between answers instead
of Engage. It counts as offline (calls a cashier waits on fail at once, the journal only probes) from the first
such answer: whatever answers in Engage's place would take every queued entry otherwise. ``verified`` says that
Engage itself has answered since the start or since the last such answer; until then an empty "done" (a 204, an
empty 200) is confirmed with a probe before it counts (a middlebox can answer 204 to everything).

Before anything has been asked, nobody knows: a monitor told to find out at start (``find_out``: the window's start)
is ``CHECKING`` until a call answers (online, degraded, not Engage) or ``offline_after`` calls in a row found
nothing (offline), so the status bar never says "online" on faith. Calls meanwhile go out as when online; the
question itself is the cheapest authenticated call (the client's ping, as the probe and ``doctor`` ask), on the
running loop, and nothing waits for it. A monitor nobody asks to find out starts online, as it always did (the
command line's, which shows no status).

The probe's interval is jittered: each wait is drawn between ``1 - PROBE_JITTER`` times ``probe_interval`` and
the whole of it (never longer than IT configured), from a generator a test can seed. A fleet of tills that lost
Engage in the same second would otherwise probe, find it again and start draining in the same second. A 429
answered to any call is told to whoever listens (``on_rate_limited``: the pacer, which slows the whole till).
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import random
import time
from collections.abc import Callable

from pos_engage.core.errors import (
    EngageAuthError,
    EngageError,
    EngageImpostor,
    EngageRateLimited,
    EngageServerError,
    EngageTimeout,
    EngageTransportError,
    EngageUnavailable,
)

# Each wait between probes is drawn between (1 - this) times probe_interval and probe_interval.
PROBE_JITTER = 0.3


class Connectivity(enum.StrEnum):
    ONLINE = "online"
    DEGRADED = "degraded"
    OFFLINE = "offline"
    NOT_ENGAGE = "not_engage"   # something between the till and Engage answers in its place
    CHECKING = "checking"       # nothing has answered or failed yet since the start: not known (find_out)


class OnlineMonitor:
    def __init__(self, *, offline_after: int = 3, probe_interval: float = 15.0,
                 clock: Callable[[], float] = time.monotonic, rng: random.Random | None = None) -> None:
        self.offline_after = offline_after
        self.probe_interval = probe_interval
        self.clock = clock
        self.rng = rng or random.Random()
        self.next_probe_wait = self._draw_wait()
        self.state = Connectivity.ONLINE
        self.consecutive_failures = 0
        self.last_error: str | None = None
        self.auth_problem: str | None = None
        self.last_probe_at: float | None = None
        self.verified = False
        self.verifying = asyncio.Lock()        # one question "is it Engage?" at a time (EngageClient)
        self.not_engage: str | None = None     # what answered instead of Engage, while NOT_ENGAGE
        self.heard = False                     # a call has answered or failed since the start
        self._listeners: list[Callable[[Connectivity], None]] = []
        self._rate_limited: list[Callable[[float | None], None]] = []

    def subscribe(self, listener: Callable[[Connectivity], None]) -> None:
        self._listeners.append(listener)

    def on_rate_limited(self, listener: Callable[[float | None], None]) -> None:
        """``listener(retry_after)`` for every 429 a call reporting here gets (the till's pacer)."""
        self._rate_limited.append(listener)

    def _draw_wait(self) -> float:
        return self.probe_interval * (1 - self.rng.uniform(0, PROBE_JITTER))

    def _went_offline(self) -> None:
        self.last_probe_at = self.clock()
        self.next_probe_wait = self._draw_wait()

    def _set(self, state: Connectivity) -> None:
        if state is not self.state:
            self.state = state
            for listener in list(self._listeners):
                listener(state)

    @property
    def checking(self) -> bool:
        """The start's question (find_out) has no answer yet: whether Engage answers is not known."""
        return self.state is Connectivity.CHECKING

    @property
    def offline(self) -> bool:
        """Nothing but a probe goes out: Engage cannot be reached, or something else answers in its place."""
        return self.state in (Connectivity.OFFLINE, Connectivity.NOT_ENGAGE)

    def record_success(self, *, verified: bool = True) -> None:
        """A call succeeded. ``verified``: its answer carried the data only Engage sends (an empty "done" does
        not show who answered; EngageClient asks the contact count before the first one counts)."""
        self.heard = True
        self.consecutive_failures = 0
        self.last_error = None
        self.auth_problem = None
        self.not_engage = None
        self.verified = self.verified or verified
        self._set(Connectivity.ONLINE)

    def record_failure(self, error: EngageError) -> None:
        self.heard = True
        self.last_error = error.describe()
        if isinstance(error, EngageAuthError):
            self.auth_problem = str(error)
            self._set(Connectivity.DEGRADED)
            return
        if isinstance(error, EngageImpostor):
            # Not a passing failure: until a probe finds Engage itself, nothing else is sent.
            self.verified = False
            self.not_engage = str(error)
            self.consecutive_failures = 0
            if self.state is not Connectivity.NOT_ENGAGE:
                self._went_offline()
            self._set(Connectivity.NOT_ENGAGE)
            return
        if isinstance(error, (EngageTransportError, EngageTimeout)):
            self.consecutive_failures += 1
            if self.consecutive_failures >= self.offline_after:
                if not self.offline:
                    self._went_offline()
                self._set(Connectivity.OFFLINE)
            return
        if isinstance(error, EngageRateLimited):
            for listener in list(self._rate_limited):
                listener(error.retry_after)
        if isinstance(error, (EngageServerError, EngageRateLimited, EngageUnavailable)):
            if not self.offline:
                self._set(Connectivity.DEGRADED)
            return
        # 4xx validation/not found/conflict: Engage answered properly.
        if not self.offline:
            self.consecutive_failures = 0
            self._set(Connectivity.ONLINE)

    def find_out(self, ping: Callable) -> asyncio.Task:
        """Find out whether Engage answers, in the background on the running loop (the till's start): ``CHECKING``
        from now, unless a call has already been heard, until ``ping`` (a call through a client that reports here)
        has settled it. A failure that leaves it open (a transport error short of ``offline_after``) is asked
        again at once, as many times as it takes to count as offline. The task ends with the state known."""
        if not self.heard:
            self._set(Connectivity.CHECKING)
        return asyncio.ensure_future(self._settle(ping))

    async def _settle(self, ping: Callable) -> Connectivity:
        for _ in range(max(1, self.offline_after)):
            if self.state is not Connectivity.CHECKING:
                break
            with contextlib.suppress(EngageError):   # told to this monitor by the client, which is what counts
                await ping()
        return self.state

    def probe_due(self) -> bool:
        return self.offline and (self.last_probe_at is None or
                                 self.clock() - self.last_probe_at >= self.next_probe_wait)

    async def probe(self, ping: Callable) -> bool:
        """One cheap authenticated call through a client that reports to this monitor; True if it answered."""
        self.last_probe_at = self.clock()
        self.next_probe_wait = self._draw_wait()
        try:
            await ping()
        except EngageError:
            return False
        return True
