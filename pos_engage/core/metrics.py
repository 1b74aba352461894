"""Fleet monitoring without a home-made server: the till's figures in Prometheus text format, for
node_exporter's textfile collector. Written atomically: node_exporter must never read half a file.

The pacing figures (429s per minute, the rate the till allows itself and the rate it sent at) come from the
deliverer's last note in the journal (replayer.read_pacing): the process that delivers counts them, this one
only reads them. A note older than STALE_SECONDS is reported as zeros (no deliverer running)."""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

from pos_engage.core.journal.rate import PacingSummary
from pos_engage.core.journal.reads import Figures

# A pacing note older than this is no longer what the till does now (the deliverer stopped).
STALE_SECONDS = 300.0


def render(figures: Figures, *, engage_up: bool, store: str, till: str, now: float | None = None,
           pacing: PacingSummary | None = None) -> str:
    labels = f'store="{store}",till="{till}"'
    now = time.time() if now is None else now
    age = figures.oldest_age(now)
    fresh = pacing if pacing is not None and now - pacing.at <= STALE_SECONDS else None
    lines = []
    for name, help_text, value in (
        ("pos_engage_queue_pending", "Journal entries waiting to be delivered", figures.pending),
        ("pos_engage_queue_oldest_age_seconds", "Age of the oldest undelivered entry", age or 0),
        ("pos_engage_needs_attention", "Entries a manager must act on", figures.needs_attention),
        ("pos_engage_conflicts", "Entries Engage answered with a conflict", figures.conflicts),
        ("pos_engage_last_delivery_timestamp_seconds", "When an entry was last delivered (Unix time)",
         figures.last_delivered_at or 0),
        ("pos_engage_engage_up", "1 when Engage answered and accepted the key", int(engage_up)),
        ("pos_engage_rate_limited_per_minute", "429 answers from Engage in the last minute",
         fresh.refused_last_minute if fresh else 0),
        ("pos_engage_rate_share_per_second", "Requests per second this till may use of its API key",
         pacing.share if pacing else 0),
        ("pos_engage_rate_allowed_per_second", "Requests per second the till allows itself now, after 429s",
         fresh.rate if fresh else 0),
        ("pos_engage_rate_effective_per_second", "Requests per second sent over the last minute",
         fresh.effective_rate if fresh else 0),
    ):
        lines += [f"# HELP {name} {help_text}.", f"# TYPE {name} gauge", f"{name}{{{labels}}} {exact(value)}"]
    return "\n".join(lines) + "\n"


def exact(value: float) -> str:
    """A sample value as Prometheus reads it, exactly: a count as an integer, a time or rate with every digit
    (repr, which reads back as the same float). ``{:g}`` kept six digits: a Unix time came out as 1.79586e+09,
    off by up to an hour and a half for the alert on the last delivery (an IT review)."""
    if isinstance(value, int):  # also a bool: True is 1
        return str(int(value))
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value.is_integer() and abs(value) < 2**53:  # a whole float (0.0, a time to the second) without its ".0"
        return str(int(value))
    return repr(float(value))


def write_textfile(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    # node_exporter reads it as another user, and it holds only counts: readable by all, unlike our other files.
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)
