"""The demo's tenant outlives the till (sim/snapshot.py): a demo till killed and started again meets the tenant it
left, as a real till meets Engage, and a tenant file that cannot be read is set aside, never lost or fatal."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import stat
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from pos_engage.app import build_till
from pos_engage.core.config import Config, JournalSettings
from pos_engage.core.domain import ContactKey, NewContact
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.sim import snapshot
from pos_engage.sim.state import SimState

SIGRID = NewContact(first_name="Sigrid", last_name="Ek", email="sigrid.ek@example.se", zip_code="41101")

# A demo till in a process of its own: it registers Sigrid, sells her a coat, and is killed (SIGKILL: nothing is
# closed, nothing saved at exit) once both are done; it prints the contact id and the receipt's id first.
SELL_AND_DIE = textwrap.dedent("""
    import asyncio, os, signal, sys
    from decimal import Decimal
    from pos_engage.app import build_till
    from pos_engage.core.config import Config, JournalSettings
    from pos_engage.core.domain import NewContact
    from pos_engage.core.till.basket import Basket, BasketLine

    async def main():
        till = build_till(Config(store_external_id="1", till_id="1", journal=JournalSettings(retry_schedule=(0.0,))),
                          demo=True, journal_path=__import__("pathlib").Path(sys.argv[1]))
        outcome = await till.service.register(NewContact(first_name="Sigrid", last_name="Ek",
                                                         email="sigrid.ek@example.se", zip_code="41101"))
        sale = await till.service.commit(Basket([BasketLine("5555", "Rain coat", 1, Decimal("899"))]),
                                         outcome.customer)
        await till.deliver_now()
        print(outcome.customer.contact.id, sale.receipt_id, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    asyncio.run(main())
""")


def config() -> Config:
    return Config(store_external_id="1", till_id="1", journal=JournalSettings(retry_schedule=(0.0,)))


@contextlib.asynccontextmanager
async def demo_till(journal_path):
    """A demo till on the journal at ``journal_path``, as the window starts it, closed at the end."""
    till = build_till(config(), demo=True, journal_path=journal_path)
    try:
        yield till
    finally:
        await till.aclose()
        till.journal.close()


async def test_a_demo_till_killed_and_started_again_meets_the_customer_and_the_sale_it_left(tmp_path):
    journal_path = tmp_path / "demo-journal.sqlite3"
    killed = await asyncio.create_subprocess_exec(sys.executable, "-c", SELL_AND_DIE, str(journal_path),
                                                  stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(killed.communicate(), 120)
    assert killed.returncode == -signal.SIGKILL, err.decode()
    contact_id, receipt_id = out.decode().split()

    async with demo_till(journal_path) as again:
        assert await again.client.identify(ContactKey.email(SIGRID.email)) == contact_id
        assert receipt_id in again.sim_state.received.receipts
        assert again.sim_state.received.receipt_contacts[receipt_id] == contact_id
        # Registering her again finds her (no second contact), as Engage would.
        outcome = await again.service.register(SIGRID)
        assert not outcome.created
        found = outcome.customer.contact if outcome.customer is not None else outcome.existing.contact
        assert found.id == contact_id
        assert [c["id"] for c in again.sim_state.contacts.values()
                if c["attributes"].get("email") == SIGRID.email] == [contact_id]


async def test_ids_made_after_a_restart_never_repeat_one_made_before_it(tmp_path):
    journal_path = tmp_path / "demo-journal.sqlite3"
    async with demo_till(journal_path) as first:
        made = [(await first.service.register(NewContact(email=f"kund{n}@example.se"))).customer.contact.id
                for n in range(3)]
    async with demo_till(journal_path) as again:
        later = (await again.service.register(NewContact(email="kund9@example.se"))).customer.contact.id
        assert later not in made
        assert set(made) <= set(again.sim_state.contacts)


def test_the_tenant_file_is_its_owners_only_and_never_half_written(tmp_path):
    state = SimState(seed=3)
    path = tmp_path / "demo.tenant.json"
    snapshot.save(state, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["demo.tenant.json"]   # no temporary file left behind
    restored = snapshot.loads(path.read_text(encoding="utf-8"))
    assert json.loads(snapshot.dumps(restored)) == json.loads(snapshot.dumps(state))
    assert restored.new_id() == state.new_id()   # the generator goes on where it was


async def test_a_tenant_file_that_cannot_be_read_is_set_aside_and_the_demo_starts_afresh(tmp_path, caplog):
    journal_path = tmp_path / "demo-journal.sqlite3"
    damaged = snapshot.tenant_file(journal_path)
    damaged.write_text('{"format": 1, "seed": 1, "contacts": [', encoding="utf-8")   # cut off mid-write
    async with demo_till(journal_path) as till:
        assert len(till.sim_state.contacts) == len(SimState().contacts)   # a fresh demo tenant
        aside = sorted(tmp_path.glob("demo-journal.tenant.damaged-*.json"))
        assert len(aside) == 1 and aside[0].read_text(encoding="utf-8").endswith('"contacts": [')
        assert "set aside" in caplog.text
        await till.service.register(SIGRID)   # and it keeps the new tenant from now on
        assert SIGRID.email in damaged.read_text(encoding="utf-8")


async def test_engage_down_in_the_demo_is_not_kept_a_restarted_demo_finds_engage_up(tmp_path):
    journal_path = tmp_path / "demo-journal.sqlite3"
    async with demo_till(journal_path) as first:
        first.sim_state.faults.update({"down": True})
        await first.service.commit(Basket([BasketLine("5555", "Rain coat", 1, Decimal("899"))]), None)
    async with demo_till(journal_path) as again:
        assert not again.sim_state.faults.down


def test_a_tenant_without_a_file_yet_is_none_not_an_error(tmp_path):
    assert snapshot.load(tmp_path / "none.tenant.json") is None
    assert not any(tmp_path.iterdir())
    assert os.path.basename(snapshot.tenant_file(tmp_path / "demo-journal.sqlite3")) == "demo-journal.tenant.json"


def test_a_tenant_kept_for_weeks_keeps_its_offers_as_valid_as_on_its_first_day(tmp_path):
    """The demo's data is made relative to its first start (Anna's promotions end 5 to 60 days after it): kept for
    40 days, the showcase would have lost them. Loaded again, each offer ends as long after today as it did then."""
    first_day = datetime.now(UTC).astimezone() - timedelta(days=40)
    made = SimState(seed=7, now=first_day)

    def usable(state: SimState, at: datetime) -> set[str]:
        return {offer_id for offer_id, offer in (*state.promotions.items(), *state.vouchers.items())
                if not offer["redeemed"] and datetime.fromisoformat(offer["expiresOn"]) > at}

    then = usable(made, first_day)
    journal_path = tmp_path / "demo-journal.sqlite3"
    snapshot.save(made, snapshot.tenant_file(journal_path))
    kept, _keep = snapshot.kept_beside(journal_path)
    today = datetime.now(UTC).astimezone()
    assert then and usable(kept, today) == then
    assert usable(snapshot.loads(snapshot.dumps(made)), today) < then   # without carrying them forward
    assert kept.now >= today - timedelta(minutes=1)
