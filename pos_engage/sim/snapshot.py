"""The demo's tenant kept across the till's restarts, in a JSON file beside the demo's journal.

Real Engage keeps its contacts, receipts and orders when a till restarts; the demo's simulator lives in the till's
process, so without this file a restarted demo till met a fresh tenant while its journal stayed: a customer
registered before the restart was unknown after it, and a sale or order queued during a demo outage named a contact
the new tenant never had (Engage's 422 on its delivery). The demo saves its tenant after every request that may
change it (``SimTransport(on_change=...)``) and loads it when it starts again.

What is kept: the tenant's data (contacts and their lookup indexes, promotions, vouchers, transactions, point
accounts, orders and their jobs, import batches, what was received) and the random generator's state, so ids made
after the restart never repeat one made before it. The dates its offers end on are carried forward by the time
since it was made (:func:`carried_forward`): the demo's showcase does not wither while it is kept. What is not:
the fault switches (a restarted demo finds Engage up, as a real till finds it after its own restart), the rate
limiter, and the request log.

The file is written whole to a temporary file and renamed over the old one (never half-written), readable by its
owner only (it holds the demo customers' names, emails and mobiles). A file that cannot be read is set aside as
``<name>.damaged-<time>.json`` (never deleted) and the demo starts with a fresh tenant, with one warning in the log.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections import Counter, defaultdict
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pos_engage.sim.state import INDEXED, Received, SimState

log = logging.getLogger(__name__)

FORMAT = 1
# The tenant's data: JSON as it is (the simulator keeps Engage's JSON in it).
_PLAIN = ("contacts", "promotions", "vouchers", "transactions", "next_member_number", "point_accounts",
          "point_definitions", "orders", "jobs", "batches", "redeem_attempts")
_NOT_KEPT = frozenset({"requests"})   # Received.requests: every request's log line, a debugging aid only


def tenant_file(journal_path: Path) -> Path:
    """Where the demo whose journal is ``journal_path`` keeps its tenant."""
    return journal_path.with_name(f"{journal_path.stem}.tenant.json")


def dumps(state: SimState) -> str:
    """The tenant as the file holds it."""
    # Field by field, not dataclasses.asdict: it rebuilds a Counter from (key, count) pairs, counting the pairs.
    received = {f.name: getattr(state.received, f.name) for f in fields(Received) if f.name not in _NOT_KEPT}
    version, internal, gauss = state.rng.getstate()
    return json.dumps({
        "format": FORMAT, "seed": state.seed, "apiKeys": sorted(state.api_keys), "now": state.now.isoformat(),
        "orderJobPolls": state.order_job_polls,
        "random": [version, list(internal), gauss],
        **{name: getattr(state, name) for name in _PLAIN},
        "index": {name: {key: sorted(ids) for key, ids in table.items() if ids} for name, table in state.index.items()},
        "received": received,
    }, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> SimState:
    """The tenant a file holds; ValueError (KeyError, TypeError) when it is not one this version wrote."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not a demo tenant of format {FORMAT}")
    state = SimState(seed=int(data["seed"]), api_keys=tuple(data["apiKeys"]),
                     now=datetime.fromisoformat(data["now"]), order_job_polls=int(data["orderJobPolls"]))
    for name in _PLAIN:
        setattr(state, name, data[name])
    state.index = {name: defaultdict(set) for name in INDEXED}
    for name, table in data["index"].items():
        for key, ids in table.items():
            state.index[name][key] = set(ids)
    received = dict(data["received"])
    received["receipt_posts"] = Counter(received["receipt_posts"])
    state.received = Received(**received)
    version, internal, gauss = data["random"]
    state.rng.setstate((version, tuple(internal), gauss))
    return state


def save(state: SimState, path: Path) -> None:
    """Write the tenant to ``path``: whole or not at all, owner-only."""
    text = dumps(state)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)   # created 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def load(path: Path) -> SimState | None:
    """The tenant ``path`` holds, or None when there is none yet. A file that cannot be read is set aside (never
    deleted) and None returned: the demo starts afresh rather than not at all."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        return loads(text)
    except (ValueError, KeyError, TypeError, IndexError) as problem:
        aside = path.with_name(f"{path.stem}.damaged-{datetime.now(UTC):%Y%m%dT%H%M%SZ}{path.suffix}")
        os.replace(path, aside)
        log.warning("the demo's tenant file %s could not be read (%s): set aside as %s; the demo starts with a "
                    "fresh tenant", path, problem, aside.name)
        return None


def carried_forward(state: SimState, now: datetime | None = None) -> SimState:
    """The demo's offers as valid as when it was made: its data was made relative to its first start (Anna's
    promotions end 5 to 60 days after it), so a tenant kept for weeks lost them one by one, and the showcase with
    them. Every date an offer or a point balance ends on moves forward by the time since; what happened (receipts,
    purchases, redemptions) keeps its date."""
    now = now or datetime.now(UTC).astimezone()
    elapsed = now - state.now
    if elapsed <= timedelta(0):
        return state
    for offer in (*state.promotions.values(), *state.vouchers.values()):
        if offer.get("expiresOn"):
            offer["expiresOn"] = _later(offer["expiresOn"], elapsed)
    for account in (a for accounts in state.point_accounts.values() for a in accounts):
        if account.get("balanceExpires"):
            account["balanceExpires"] = _later(account["balanceExpires"], elapsed)
    state.now = now
    return state


def _later(stamp: str, elapsed: timedelta) -> str:
    return (datetime.fromisoformat(stamp) + elapsed).isoformat(timespec="seconds")


def kept_beside(journal_path: Path) -> tuple[SimState, Any]:
    """The demo's tenant for the journal at ``journal_path`` (the one kept beside it, its offers carried forward,
    else a fresh one) and the callable that keeps it: ``SimTransport(state, on_change=keep)``."""
    path = tenant_file(journal_path)
    kept = load(path)
    state = carried_forward(kept) if kept is not None else SimState()

    def keep() -> None:
        try:
            save(state, path)
        except (OSError, TypeError, ValueError) as problem:   # a full disk, a value JSON cannot hold: the demo
            # goes on (a sale is never refused for the demo's bookkeeping); only a restart would forget
            log.warning("the demo's tenant could not be kept in %s: %s", path, problem)

    return state, keep
