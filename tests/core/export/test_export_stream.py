"""Export streams: the files are written record by record from the journal, in bounded memory, with the bytes the
whole-document writer gives (xml_export.serialise of transactions_document, today's writer: the oracle here),
valid against the shipped XSDs, and a Stop at any moment leaves every entry either exported or queued."""

from __future__ import annotations

import random
import tracemalloc
from collections import defaultdict

import pytest
from lxml import etree

from pos_engage.core.domain import MatchKey, MatchKeyType
from pos_engage.core.export import xml_export
from pos_engage.core.export.exporter import EXPORT_MEMORY_BOUND, export_queue
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryKind, EntryStatus
from tests.core.conftest import sale

KEYS = (MatchKey("someone@example.se", MatchKeyType.EMAIL), MatchKey("+46701234567", MatchKeyType.MOBILE_PHONE),
        MatchKey("MEMBER-77", MatchKeyType.MEMBER_NUMBER))


def queue_receipts(journal, count: int, *, seed: int = 1) -> None:
    """``count`` queued receipts of the three match key types, 5,000 to a transaction (setup speed)."""
    rng = random.Random(seed)
    entries = [payloads.receipt(sale(f"s{seed}-{n}", contact=rng.choice(KEYS),
                                     amount=f"{rng.randint(1, 9999)}.{n % 100:02d}")) for n in range(count)]
    for start in range(0, count, 5000):
        journal.record(entries[start:start + 5000])


def expected_files(journal, max_per_file: int) -> list[bytes]:
    """What the whole-document writer makes of the queued receipts: per matchKeyType, max_per_file a file."""
    receipts = journal.entries(statuses=[EntryStatus.PENDING], kinds=[EntryKind.RECEIPT], limit=10_000_000)
    groups = defaultdict(list)
    for entry in receipts:
        body = entry.payload["receipt"]
        groups[str(body["contact"]["matchKeyType"]).lower()].append(xml_export.transaction_fragment(body))
    files = []
    for key_type in sorted(groups):
        fragments = groups[key_type]
        for start in range(0, len(fragments), max_per_file):
            files.append(xml_export.serialise(xml_export.transactions_document(fragments[start:start + max_per_file]),
                                              "transactions"))
    return files


def export(journal, folder, **options):
    return export_queue(journal, folder, store="1", till="7", actor="test", **options)


def test_files_are_byte_for_byte_what_the_whole_document_writer_gives_and_valid(journal, tmp_path):
    queue_receipts(journal, 2000)
    expected = expected_files(journal, max_per_file=300)
    result = export(journal, tmp_path / "out", max_per_file=300)
    assert result.exported == 2000 and not result.skipped
    written = [path.read_bytes() for path in result.files]
    assert len(written) == len(expected) > 3
    assert written == expected
    checker = xml_export.schema("transactions")
    for path in result.files:
        assert checker.validate(etree.parse(str(path))), checker.error_log
    assert journal.count(statuses=[EntryStatus.EXPORTED]) == 2000


@pytest.mark.parametrize("seed", range(12))
def test_stop_at_a_random_moment_leaves_every_entry_exported_or_queued_never_both(journal, tmp_path, seed):
    from pos_engage.core.domain import NewContact
    rng = random.Random(seed)
    for n in range(rng.randint(0, 4)):
        journal.record([payloads.registration(NewContact(first_name="Eva", email=f"eva{n}@example.se"),
                                              store_external_id="1")])
    queue_receipts(journal, rng.randint(20, 200), seed=seed)
    asked = [0]
    stop_at = rng.randint(1, 40)

    def should_stop() -> bool:
        asked[0] += 1
        return asked[0] >= stop_at

    folder = tmp_path / "out"
    result = export(journal, folder, max_per_file=rng.randint(5, 60), should_stop=should_stop)
    assert not list(folder.glob("*.tmp"))  # nothing half-written is left
    in_files = set()
    for path in folder.glob("*.xml"):
        root = etree.parse(str(path)).getroot()
        in_files |= {node.text for node in root.iter("{*}uniqueReceiptId")}
        in_files |= {node.text for node in root.iter("{*}email")}
    for entry in journal.entries(limit=10_000):
        body = entry.payload.get("receipt") or entry.payload.get("contact")
        name = body.get("uniqueReceiptId") or body.get("email")
        if entry.status is EntryStatus.EXPORTED:
            assert name in in_files
        else:
            assert entry.status is EntryStatus.PENDING and name not in in_files
    if result.stopped:
        assert not result.files and journal.count(statuses=[EntryStatus.EXPORTED]) == 0
    else:
        assert journal.count(statuses=[EntryStatus.PENDING]) == 0


@pytest.mark.slow
def test_100000_receipts_export_within_the_documented_memory_bound(journal, tmp_path):
    queue_receipts(journal, 100_000)
    tracemalloc.start()
    try:
        result = export(journal, tmp_path / "out")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exported == 100_000 and len(result.files) >= 5
    assert peak < EXPORT_MEMORY_BOUND, f"peak {peak / 2**20:.0f} MB"
