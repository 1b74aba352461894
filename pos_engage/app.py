"""The composition root: the one module that builds long-lived objects and sees core and the simulator together.

Only here (and in cli.py) is the choice made between real Engage and the embedded simulator, by base URL and
transport, so the same code path runs in demo mode and in a store. The simulator is chosen, never fallen back to
(``configuration.is_demo``): without an Engage address and without the demo, ``build_client`` refuses
(``NotConfigured``) and nothing is sent anywhere. Every journal is opened through ``core.journal.identity``, which
remembers that the till had one (a journal that vanished or was emptied is told, not silently replaced).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pos_engage.configuration import (  # noqa: F401 - callers use app.load_config
    is_demo,
    journal_path,
    load_config,
    not_configured,
    paths_for,
)
from pos_engage.core import credentials, logs
from pos_engage.core.config import Config
from pos_engage.core.domain import ContactKey, MatchKey, Payment, Receipt, ReceiptItem
from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.errors import ConfigError, EngageError, MarketingError
from pos_engage.core.journal import identity, recovery
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.orders import OrderDesk
from pos_engage.core.till.service import TillService

# https even in-process: the same URL rules apply in demo mode as in a store (the transport never dials it).
DEMO_BASE_URL = "https://demo.engage-sim.invalid"


def build_client(config: Config, env: dict[str, str] | None = None, *,
                 timeouts: Timeouts | None = None) -> EngageClient:
    """The embedded simulator when the demo was chosen; else real Engage at the configured address (key from the
    keyring or POS_ENGAGE_API_KEY). NotConfigured when there is no address: never the simulator in its place."""
    if is_demo(config):
        return demo_client()[0]
    if not config.engage.base_url:
        raise not_configured(env=env)
    api_key = credentials.get_secret(credentials.ENGAGE_API_KEY, env)
    if not api_key:
        raise ConfigError("no Engage API key is stored: IT provisions it with "
                          "'pos-engage configure --api-key-stdin' (or sets POS_ENGAGE_API_KEY for scripts)")
    logs.add_secret(api_key)
    timeouts = timeouts or Timeouts(interactive=config.engage.timeout_interactive,
                                    background=config.engage.timeout_background)
    return EngageClient(config.engage.base_url, api_key, timeouts=timeouts)


def open_journal(config: Config, *, on_damage: str = "raise") -> Journal:
    """This configuration's journal (the demo's own in demo mode), watched for having vanished or been emptied."""
    return identity.open_journal(journal_path(config), on_damage=on_damage)


def build_replayer(config: Config, journal: Journal, client: EngageClient,
                   monitor: OnlineMonitor | None = None) -> Replayer:
    from pos_engage.core.journal.order_delivery import JobPolling

    settings = config.journal
    return Replayer(journal, client, monitor=monitor, rate_per_second=settings.rate_limit,
                    tills_on_key=settings.tills_on_key, concurrency=settings.concurrency,
                    schedule=settings.retry_schedule, bulk_threshold=settings.bulk_threshold,
                    job_polling=JobPolling(config.orders.job_poll_schedule, config.orders.job_timeout))


def marketing_api_key(env: dict[str, str] | None = None) -> str:
    """The second orders platform's key (keyring, or POS_ENGAGE_MARKETING_API_KEY); MarketingError, saying how
    to provide it, when there is none or no keyring to read it from."""
    from pos_engage.core.marketing.client import NO_KEY

    try:
        api_key = credentials.get_secret(credentials.MARKETING_API_KEY, env) or ""
    except ConfigError as problem:  # no keyring on this machine
        raise MarketingError(f"the marketing platform's key cannot be read: {problem}; scripts set "
                             "POS_ENGAGE_MARKETING_API_KEY") from problem
    if not api_key:
        raise MarketingError(NO_KEY)
    return api_key


def build_marketing(config: Config, journal: Journal, env: dict[str, str] | None = None, *,
                    transport=None) -> MarketingSink | None:
    """The second orders platform's sink, when IT configured one (its key from the keyring); else None.
    MarketingError when it is configured but cannot be used (no key): the orders then wait in the journal."""
    settings = config.orders.second_backend
    if not settings.base_url:
        return None
    from pos_engage.core.marketing.client import MarketingClient
    from pos_engage.core.marketing.sink import MarketingSink

    api_key = marketing_api_key(env)
    logs.add_secret(api_key)
    client = MarketingClient(settings.base_url, api_key, transport=transport,
                             timeout=config.engage.timeout_background)
    return MarketingSink(journal, client, batch_size=settings.batch_size, schedule=config.journal.retry_schedule)


if TYPE_CHECKING:
    from pos_engage.core.marketing.sink import MarketingSink
    from pos_engage.sim.state import SimState


@dataclass
class Till:
    """Everything the till window runs on, built once here and closed in reverse order."""

    config: Config
    client: EngageClient
    monitor: OnlineMonitor
    journal: Journal
    replayer: Replayer
    service: TillService
    sim_state: SimState | None = None
    orders: OrderDesk | None = None
    marketing: MarketingSink | None = None
    trouble: recovery.Trouble | None = None  # a journal set aside or lost: the window tells the manager

    async def deliver_now(self, *, rounds: int = 4) -> None:
        """Send what is due now, to Engage and to the second orders platform. A few rounds, because an order's
        entries go one after the other (registration, then the order, then its email once the job is done)."""
        if self.marketing is not None:
            await self.marketing.send_once()
        for _ in range(rounds):
            report = await self.replayer.replay_once()
            if not report.claimed or report.offline:
                break

    async def aclose(self) -> None:
        self.replayer.close()  # the delivery lease goes back: a CLI replay may deliver this journal now
        if self.marketing is not None:
            await self.marketing.client.aclose()
        await self.client.aclose()


def build_till(config: Config, *, demo: bool, journal_path: Path | None = None,
               sim_state: SimState | None = None) -> Till:
    """The till's parts. Demo: the embedded simulator (no credentials, no network) and its own journal. Else
    real Engage (NotConfigured without an address: nothing is built that could send)."""
    monitor = OnlineMonitor(offline_after=2, probe_interval=5.0 if demo else 15.0)
    if demo:
        from pos_engage.sim import snapshot  # only demo mode loads the simulator
        from pos_engage.sim.state import DEMO_API_KEY
        from pos_engage.sim.transport import SimTransport

        path = journal_path or configuration_journal(config, demo=True)
        keep = None
        if sim_state is None:   # the demo's own tenant, kept beside its journal across restarts (sim/snapshot.py)
            sim_state, keep = snapshot.kept_beside(path)
        client = EngageClient(DEMO_BASE_URL, DEMO_API_KEY, transport=SimTransport(sim_state, on_change=keep),
                              monitor=monitor, timeouts=Timeouts(interactive=config.engage.timeout_interactive))
    else:
        client = build_client(config)
        client.monitor = monitor
        path = journal_path or configuration_journal(config, demo=False)
    # A damaged journal is set aside and a fresh one opened, so the till can sell; the window names the file.
    journal = identity.open_journal(path, on_damage="continue")
    # No recovery of entries in flight here: another process (a CLI replay) may be sending them. The replayer's
    # delivery lease recovers them when it takes the lease over from a stopped deliverer.
    journal.prune(config.journal.retention_days)  # retention happens by itself, not only when IT runs prune
    from pos_engage.core.office import gdpr

    gdpr.complete_pending(journal)  # a person's erasure waiting for their sales to arrive; cheap when none
    journal.prune_orders(config.journal.retention_days)  # orders' personal data has the same end
    replayer = build_replayer(config, journal, client, monitor)
    try:
        marketing = build_marketing(config, journal)
    except MarketingError as problem:  # its orders wait in the journal (the queue shows them); Engage carries on
        logging.getLogger(__name__).warning("second orders platform not used: %s", problem)
        marketing = None
    service = TillService(config, client, journal, replayer)
    # The order desk asks who is at the till (TillService.at_till, set by the window's sign-in) for each change it
    # journals: the manager's queue says who made the order.
    orders = OrderDesk(config, client, journal, at_till=lambda: service.at_till)
    return Till(config, client, monitor, journal, replayer, service, sim_state, orders, marketing,
                recovery.troubles(path))


def configuration_journal(config: Config, *, demo: bool) -> Path:
    from pos_engage.configuration import as_demo

    return journal_path(as_demo(config) if demo else config)


def demo_client(state: SimState | None = None) -> tuple[EngageClient, SimState]:
    """A client wired to a fresh embedded simulator (no network, no credentials)."""
    from pos_engage.sim.state import DEMO_API_KEY, SimState
    from pos_engage.sim.transport import SimTransport

    state = state or SimState()
    return EngageClient(DEMO_BASE_URL, DEMO_API_KEY, transport=SimTransport(state)), state


async def demo_tour(out: TextIO) -> int:
    """Identify a demo customer by email and by card, show her promotions, book a sale: real calls, printed."""
    client, state = demo_client()
    customer = state.showcase()["contacts"][0]
    async with client:
        try:
            contact_id = await client.identify(ContactKey.email(customer["email"]))
            by_card = await client.identify(ContactKey.custom(customer["cardNumber"]))
            contact = await client.get_contact(contact_id)
            out.write(f"Engage (embedded simulator, demo data): found {contact.display_name}, "
                      f"{contact.contact_type} {contact.member_number}\n")
            out.write(f"  by email {customer['email']} and by card {customer['cardNumber']}: "
                      f"{'same contact' if by_card == contact_id else 'DIFFERENT contacts'}\n")
            now = datetime.now(UTC).astimezone()
            usable = [p for p in await client.list_promotions(contact_id) if p.is_usable_at_pos(now)]
            out.write(f"  {len(usable)} promotions usable in store:\n")
            for promotion in usable:
                channel = promotion.pos_channel
                value = (f"{channel.percent} %" if channel.percent is not None else
                         f"{channel.amount.amount} {channel.amount.currency}" if channel.amount else channel.code)
                expires = f", expires {promotion.expires_on:%Y-%m-%d}" if promotion.expires_on else ""
                out.write(f"    - {promotion.heading or promotion.name} ({value}){expires}\n")
            receipt = Receipt(
                unique_receipt_id=f"demo-{now:%Y%m%d%H%M%S}", receipt_number="1", created_date=now,
                store_external_id="1", currency="SEK", contact=MatchKey(contact_id),
                items=(ReceiptItem("1001", "T-shirt organic", 1, Decimal("199.00"), Decimal("25")),),
                payments=(Payment("Card", Decimal("199.00")),),
            )
            await client.post_receipt(receipt)
            booked = state.received.receipts.get(receipt.unique_receipt_id)
            out.write(f"  receipt {receipt.unique_receipt_id} for {receipt.total_gross_price} SEK: "
                      f"{'booked by Engage' if booked else 'NOT booked'}\n")
        except EngageError as exc:
            out.write(f"demo failed: {exc.describe()}\n")
            return 1
    return 0


def run_demo_tour(out: TextIO) -> int:
    return asyncio.run(demo_tour(out))
