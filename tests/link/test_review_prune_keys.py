"""The POS link forgets its old idempotency keys while the till runs, not only when it starts (issue 16's review):
a till that ran for weeks kept every key since its start, well past the documented 7 days. At most one prune an
hour, by the request that stores a key (in the same write). Over loopback HTTP, the journal on an injected clock."""

from __future__ import annotations

from pos_engage.core.journal.store import Journal
from pos_engage.link.idempotency import KEEP_SECONDS, PRUNE_EVERY_SECONDS
from tests.link.conftest import ANNA, served

KARIN = "karin.berg@example.se"
T0 = 1_800_000_000.0


def kept(rig) -> set[str]:
    rows = rig.service.journal.connection.execute("SELECT idempotency_key FROM pos_link_requests").fetchall()
    return {row[0] for row in rows}


async def test_old_keys_are_forgotten_while_the_till_runs_at_most_once_an_hour(tenant, tmp_path):
    now = [T0]
    with Journal.open(tmp_path / "journal.sqlite3", clock=lambda: now[0]) as journal:
        async with served(tenant, tmp_path / "journal.sqlite3", journal=journal) as rig:
            http = rig.http
            assert (await http.put("/v1/sales/s1", json={"currency": "SEK", "lines": [
                {"lineId": "1", "sku": "1001", "name": "T-shirt", "quantity": 1, "lineTotal": 19900,
                 "vatPercent": 25}]})).status_code == 200

            async def identify(key: str, who: str = ANNA, at: float | None = None):
                if at is not None:
                    now[0] = at
                return await http.post("/v1/sales/s1/customer", json={"key": who}, headers={"Idempotency-Key": key})

            assert (await identify("key-a")).status_code == 200
            assert (await identify("key-x", at=T0 + 60)).status_code == 200
            assert (await identify("key-a", who=KARIN)).status_code == 422   # kept: another request is refused

            # A week and a half minute later, the next stored key forgets the ones older than a week.
            assert (await identify("key-b", at=T0 + KEEP_SECONDS + 30)).status_code == 200
            assert kept(rig) == {"key-x", "key-b"}
            again = await identify("key-a", who=KARIN)   # forgotten: a new request under it is taken
            assert again.status_code == 200 and again.json()["customer"]["name"] == "Karin Berg"

            # Not more than once an hour: key-x is over a week old half an hour later, and still kept ...
            assert (await identify("key-c", at=T0 + KEEP_SECONDS + 30 + PRUNE_EVERY_SECONDS / 2)).status_code == 200
            assert "key-x" in kept(rig)
            # ... until the hour has passed.
            assert (await identify("key-d", at=T0 + KEEP_SECONDS + 30 + PRUNE_EVERY_SECONDS)).status_code == 200
            assert kept(rig) == {"key-b", "key-a", "key-c", "key-d"}
