"""Fleet monitoring without a home-made server: the till's figures in Prometheus text format, for
node_exporter's textfile collector. Written atomically: node_exporter must never read half a file."""

from __future__ import annotations

import os
import time
from pathlib import Path

from pos_engage.core.journal.reads import Figures


def render(figures: Figures, *, engage_up: bool, store: str, till: str, now: float | None = None) -> str:
    labels = f'store="{store}",till="{till}"'
    age = figures.oldest_age(time.time() if now is None else now)
    lines = []
    for name, help_text, value in (
        ("pos_engage_queue_pending", "Journal entries waiting to be delivered", figures.pending),
        ("pos_engage_queue_oldest_age_seconds", "Age of the oldest undelivered entry", age or 0),
        ("pos_engage_needs_attention", "Entries a manager must act on", figures.needs_attention),
        ("pos_engage_conflicts", "Entries Engage answered with a conflict", figures.conflicts),
        ("pos_engage_last_delivery_timestamp_seconds", "When an entry was last delivered (Unix time)",
         figures.last_delivered_at or 0),
        ("pos_engage_engage_up", "1 when Engage answered and accepted the key", int(engage_up)),
    ):
        lines += [f"# HELP {name} {help_text}.", f"# TYPE {name} gauge", f"{name}{{{labels}}} {value:g}"]
    return "\n".join(lines) + "\n"


def write_textfile(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    # node_exporter reads it as another user, and it holds only counts: readable by all, unlike our other files.
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)
