"""The running window's first metrics write (node_exporter's textfile) says what Engage answered at start, not
"down" because nothing had asked yet: it waits a little for the start's question (OnlineMonitor.find_out), and
says down when Engage did not answer. The real till (build_till, demo: the simulator), its real textfile."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from pos_engage.app import build_till
from pos_engage.core.config import Config, TillSettings
from pos_engage.sim.state import SimState
from pos_engage.window import _write_metrics_every_minute


@pytest.mark.parametrize(("down", "up"), [(False, 1), (True, 0)])
async def test_the_first_metrics_write_says_what_engage_answered_at_start(tmp_path, down, up):
    textfile = tmp_path / "pos_engage.prom"
    config = replace(Config(), till=TillSettings(metrics_textfile=str(textfile)))
    sim = SimState(seed=7)
    sim.faults.update({"latency": 0.3, "down": down})
    till = build_till(config, demo=True, journal_path=tmp_path / "journal.sqlite3", sim_state=sim)
    try:
        checked = till.monitor.find_out(till.client.ping)
        stop = asyncio.Event()
        stop.set()   # one write, then it returns (as on the way out)
        await asyncio.wait_for(_write_metrics_every_minute(till, stop, checked), 15)
        assert checked.done()
        line = next(x for x in textfile.read_text().splitlines() if x.startswith("pos_engage_engage_up"))
        assert line.endswith(f" {up}")
    finally:
        await till.aclose()
        till.journal.close()
