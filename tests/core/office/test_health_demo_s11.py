"""doctor in demo mode looked at the real journal's path (a POS integrator's review: `pos-engage --demo doctor` said
"no journal yet" while `--demo journal list` showed 13 delivered entries): it reads the demo's own journal now,
as every other door does (core.paths.journal_file)."""

from __future__ import annotations

from dataclasses import replace

from pos_engage.core.config import Config
from pos_engage.core.journal import identity, payloads
from pos_engage.core.office import health
from pos_engage.core.paths import DEMO_JOURNAL, journal_file
from tests.core.conftest import sale


def test_doctor_in_demo_mode_reads_the_demo_journal(tmp_path):
    config = Config(store_external_id="12", till_id="3", data_dir=str(tmp_path / "data"))
    demo = replace(config, engage=replace(config.engage, mode="demo"))
    assert journal_file(demo).name == DEMO_JOURNAL and journal_file(config) != journal_file(demo)
    journal_file(demo).parent.mkdir(parents=True)
    with identity.open_journal(journal_file(demo)) as journal:
        journal.record([payloads.receipt(sale(f"d-{n}")) for n in range(3)])
    checks = health.journal_checks(demo)
    assert checks and not any("no journal yet" in check.detail for check in checks), checks
    assert health.undelivered(demo).journal_exists
    assert not health.undelivered(config).journal_exists   # the real till's journal is another file
