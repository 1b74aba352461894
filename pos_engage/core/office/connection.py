"""Does Engage answer, and accept this till's key? The connection test of Settings ("Test connection"), ``doctor``,
``metrics`` and ``configure`` (design.md §1): one real, authenticated call (the cheapest there is), and what its
answer means for the till.

* Answers and accepts the key: ok.
* The key or the address refused (401/403), or something that is not Engage answering (a guest network's login
  page, a proxy's redirect): broken. Waiting will not fix it; IT fixes the key, the address or the network.
* No answer now (timeout, refused connection, 5xx): degraded. Sales queue meanwhile and go once it answers.
"""

from __future__ import annotations

from pos_engage.core.engage.auth import check_base_url
from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.errors import EngageAuthError, EngageError, EngageImpostor, EngageRejected
from pos_engage.core.office.health import FAIL, OK, WARN, Check

__all__ = ["DOCTOR_TIMEOUTS", "SETTINGS_TIMEOUTS", "Timeouts", "check_base_url", "engage_check", "try_connection"]

# Settings: a manager waits at the dialog. doctor and metrics: a fleet's scripts wait, on every till.
SETTINGS_TIMEOUTS = Timeouts(interactive=8.0, connect=4.0)
DOCTOR_TIMEOUTS = Timeouts(interactive=5.0, connect=3.0)


async def try_connection(base_url: str, api_key: str, *, timeouts: Timeouts = SETTINGS_TIMEOUTS) -> None:
    """The address and key being set up, tried for real (Settings). Returns when Engage answers and accepts the
    key; raises what went wrong otherwise (a bad address, the key refused, an impostor, no answer)."""
    async with EngageClient(base_url, api_key, timeouts=timeouts) as client:
        await client.ping()


async def engage_check(client: EngageClient, base_url: str) -> Check:
    """``doctor``'s line about Engage, with the client the till would use (closed here)."""
    try:
        async with client:
            await client.ping()
    except (EngageAuthError, EngageImpostor) as problem:
        # Neither heals by waiting: IT fixes the key, the address, or the network's login page or proxy.
        return Check("engage", FAIL, str(problem))
    except EngageRejected as problem:
        # A 404 (or another refusal) of the cheapest call there is: Engage's API is not at this address (a path
        # too many, a proxy's prefix wrong); it was reported as Engage down for now, which never heals.
        return Check("engage", FAIL, f"Engage's API is not at {base_url} ({problem.describe()}): check "
                                     "engage.base_url, the tenant's address without a path")
    except EngageError as problem:
        return Check("engage", WARN, f"Engage not reachable now ({problem.describe()}); sales queue meanwhile")
    return Check("engage", OK, f"{base_url} answers and accepts the key")
