"""Configuration: frozen dataclasses, declared once and versioned, each key with its rule (``RULES``).

This module says what the configuration is: every setting with its default, the rule each key is held to (one
rule per key; the rules themselves are in config_checks.py), and the defaults that follow from the store's
country. Reading, checking, upgrading and writing the files is in config_files.py: IT's machine-wide file and
the user's override (the override wins key by key), then environment variables for scripts; written atomically.
It is imported before the window paints: keep its imports light.

No secret is ever part of the configuration: the API key and passwords live in the OS keyring (credentials.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

from pos_engage.core import config_checks as checks

CURRENT_VERSION = 1


@dataclass(frozen=True)
class MatchKeyTypes:
    """The receipt's ``contact.matchKeyType`` for each kind of key, as the tenant matches it. Defaults are the
    values of Voyado's swagger enum (Email, SocialSecurityNumber, MobilePhone, CardId, ExternalId, MemberNumber,
    ContactId, MemberNumberWithCardNumberAsFallback): a card number is a ``CardId``, never a member number."""

    card: str = "CardId"
    member_number: str = "MemberNumber"
    email: str = "Email"
    mobile: str = "MobilePhone"
    social_security_number: str = "SocialSecurityNumber"
    external_id: str = "ExternalId"
    contact_id: str = "ContactId"


@dataclass(frozen=True)
class EngageSettings:
    """Where Engage is and how long the till waits for it (a cashier waits less than background delivery)."""

    base_url: str = ""                # empty: not configured (nothing is sent anywhere), unless mode is "demo"
    mode: str = "engage"              # "demo": the embedded simulator on its own journal (as pos-engage --demo)
    timeout_interactive: float = 4.0
    timeout_background: float = 20.0
    match_key_types: MatchKeyTypes = field(default_factory=MatchKeyTypes)


@dataclass(frozen=True)
class JournalSettings:
    """How the journal delivers to Engage: pace, retries, concurrency, and how long delivered entries are kept."""

    rate_limit: float = 50.0          # requests/s to Engage (its recommendation), for the whole API key
    tills_on_key: int = 1             # tills sharing that key: each paces at rate_limit / tills_on_key at most
    retention_days: float = 30.0      # delivered entries keep their personal data this long
    retry_schedule: tuple[float, ...] = (10.0, 30.0, 60.0, 300.0)
    concurrency: int = 4
    bulk_threshold: int = 200         # more registrations due than this go through Engage's bulk API; 0: never


@dataclass(frozen=True)
class FileServerSettings:
    """Engage's file server for the manager's XML export, and the folders each kind of file goes to."""

    protocol: str = "sftp"            # Engage's file server is SFTP on port 22; "ftps" for tenants that use it
    host: str = ""
    port: int = 22
    user: str = ""
    host_key: str = ""                # the server's pinned public key ("ssh-ed25519 AAAA..."); required for SFTP
    contacts_folder: str = "integration/contactImport"
    transactions_folder: str = "integration/transactionImport"
    orders_folder: str = "integration/orderImport"   # ASSUMPTION: no documented order file import; agree it


CARD_CHECKS = ("luhn", "gs1", "none")


@dataclass(frozen=True)
class CardRule:
    """One kind of loyalty card: its number starts with ``prefix``, has ``length`` digits and ends in a check
    digit computed by ``check`` (luhn, gs1 or none)."""

    prefix: str
    length: int
    check: str = "none"


# The demo tenant's cards (EAN-13 style, GS1 check digit, 7350000...): a tenant sets its own in till.cards.
DEMO_CARDS = (CardRule("7350000", 13, "gs1"),)


@dataclass(frozen=True)
class TillSettings:
    """The till itself: card numbers, the offline redemption policy, the POS inbox, metrics, language."""

    card_patterns: tuple[str, ...] = (r"\d{6}",)   # regular expressions for loyalty card or member numbers
    cards: tuple[CardRule, ...] = DEMO_CARDS     # cards by prefix, length and check digit ({"prefix": ...} in files)
    vat_rates: tuple[float, ...] = (25.0, 12.0, 6.0, 0.0)  # the VAT rates a typed article can have; the first is usual
    offline_redemption: str = "allow_up_to"   # allow | deny | allow_up_to: promotions while Engage is offline
    offline_max: float = 200.0                # with allow_up_to: the largest discount (money) allowed offline in all
    offline_percent_max: float = 20.0         # with allow_up_to: the largest percent promotion allowed offline
    offline_voucher_max: float = 200.0        # with allow_up_to: the largest single voucher allowed offline
    offline_never: tuple[str, ...] = ("EXTERNALOFFER", "MANUAL", "SWIPE")  # offer value types never used offline
    percent_promotions_per_line: int = 1      # stacking: percent promotions one line may get
    redeem_deadline: float = 1.5              # seconds the till waits at commit for Engage to confirm redemptions
    anonymous_contact: str = ""               # externalId of the tenant's catch-all contact; empty: anonymous
                                              # sales are counted but not posted (they match no contact)
    inbox_dir: str = ""                       # folder the POS drops baskets/receipts into (empty: none)
    metrics_textfile: str = ""                # node_exporter .prom file the running till rewrites every minute
    language: str = ""                        # en or sv; empty: the computer's language
    sign_in: str = ""                         # required | shared; empty: required when IT keeps a staff list
                                              # (core/office/people.py), shared when not
    returns_reinstate_promotions: bool = False  # a sale returned in full gives its promotions back (assigned
                                                # again); its vouchers are always reactivated
    cash_rounding: str = ""                   # the step cash is rounded to ("0.05"); "0": none; empty: the
                                              # currency's own (SEK, NOK 1.00; DKK 0.50; core/till/cash_rounding.py)
    # The tenders offered, as Engage payment types, in the order shown (the first is the default). A Swedish till's
    # (SEK, the default currency); a file that leaves it out gets its currency's: no Swish outside Sweden
    # (config_files, core/till/payment_methods.py).
    payment_methods: tuple[str, ...] = ("Card", "Cash", "Swish", "GiftVoucher")

    def __post_init__(self) -> None:
        # A file gives each card as an object {"prefix", "length", "check"} (checked by checks.card_rules first).
        object.__setattr__(self, "cards", tuple(card if isinstance(card, CardRule) else CardRule(**card)
                                                for card in self.cards))


@dataclass(frozen=True)
class StageMapping:
    """What one step of an order's life is called in Engage (and on the second orders platform)."""

    status: str = ""                  # Engage's order status (v3 "status", v2 "orderStatus")
    external_status: str = ""         # v3 "externalStatus": the store's own word for it
    payment_status: str = ""          # v2 "paymentStatus"; values are set up per tenant
    action: str = ""                  # the order action that sends the customer's email; empty: none
    marketing_status: str = "IN_PROGRESS"   # the second platform's status (MARKETING_STATUSES)


@dataclass(frozen=True)
class OrderStatuses:
    """Our order life-cycle mapped to the tenant's statuses and automations (agree them with the tenant)."""

    created: StageMapping = StageMapping("Created", "Received", "Authorized", "ConfirmOrder", "INITIALIZED")
    in_progress: StageMapping = StageMapping("InProgress", "Picking", "Authorized", "", "IN_PROGRESS")
    ready_for_pickup: StageMapping = StageMapping("InProgress", "ReadyForPickup", "Authorized", "OrderReadyForPickup",
                                                  "IN_PROGRESS")
    shipped: StageMapping = StageMapping("InProgress", "Shipped", "Captured", "OrderShipped", "IN_PROGRESS")
    delivered: StageMapping = StageMapping("Completed", "Delivered", "Captured", "OrderDelivered", "DELIVERED")
    cancelled: StageMapping = StageMapping("Cancelled", "Cancelled", "Voided", "OrderCancelled", "CANCELLED")
    partially_returned: StageMapping = StageMapping("Completed", "PartiallyReturned", "PartiallyRefunded",
                                                    "OrderReturned", "DELIVERED")
    returned: StageMapping = StageMapping("Returned", "Returned", "Refunded", "OrderReturned", "CANCELLED")


@dataclass(frozen=True)
class MarketingSettings:
    """A second marketing platform's "Add orders" API that gets the same order events. Off without a base URL."""

    base_url: str = ""                # empty: off. Its API key is in the keyring ("configure --marketing-key-stdin")
    batch_size: int = 1000            # orders per request (the platform's limit)
    product_url: str = ""             # an item's url: "{sku}" is replaced, e.g. https://shop.example/p/{sku}
    image_url: str = ""               # an item's imageUrl, the same way


@dataclass(frozen=True)
class OrderSettings:
    """Orders for later delivery: which Engage orders API, how actions are sent, and the status mapping."""

    api: str = "v3"                   # v3: stored orders and order actions; v2: order communication only
    action_mode: str = "separate"     # separate: POST .../action once the job is done; embedded: in the order body
    language: str = "sv-SE"           # language of the customer's order emails
    job_poll_schedule: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0)   # seconds between job polls; the last repeats
    job_timeout: float = 120.0        # a job still pending after this: the change is sent again later
    statuses: OrderStatuses = field(default_factory=OrderStatuses)
    second_backend: MarketingSettings = field(default_factory=MarketingSettings)


@dataclass(frozen=True)
class PosLinkSettings:
    """The POS link (docs/pos-link.md): the shop's POS drives the sale over HTTP on this computer only."""

    enabled: str = "demo"             # on | off | demo (on in demo mode only)
    host: str = "127.0.0.1"           # loopback only: 127.0.0.1 or ::1
    port: int = 8765


@dataclass(frozen=True)
class Config:
    """The whole configuration of one till (store, till, currency, country) and each part's settings."""

    version: int = CURRENT_VERSION
    store_external_id: str = "1"
    till_id: str = "1"
    currency: str = "SEK"
    country: str = "SE"                # ISO 3166-1 alpha-2 of the store: countryCode of registrations without a mobile
    default_country_code: str = "+46"
    group_currency: str = ""           # the retailer's group currency (ISO 4217); empty: the till's own currency
    exchange_rate_to_group_currency: float = 1.0  # one unit of ``currency`` in the group currency
    data_dir: str = ""
    engage: EngageSettings = field(default_factory=EngageSettings)
    journal: JournalSettings = field(default_factory=JournalSettings)
    file_server: FileServerSettings = field(default_factory=FileServerSettings)
    till: TillSettings = field(default_factory=TillSettings)
    orders: OrderSettings = field(default_factory=OrderSettings)
    pos_link: PosLinkSettings = field(default_factory=PosLinkSettings)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


MARKETING_STATUSES = ("INITIALIZED", "IN_PROGRESS", "DELIVERED", "CANCELLED", "ABANDONED_SHOPPING_CART")
OFFLINE_REDEMPTION = ("allow", "deny", "allow_up_to")
LANGUAGES = ("", "en", "sv")
DEMO_MODE = "demo"   # engage.mode: the embedded simulator on its own journal (core.paths.journal_file)
ENGAGE_MODES = ("engage", DEMO_MODE)  # demo is chosen, never a fallback for a missing address

# Every key's rule (a key without one is a test failure: tests/core/test_config_keys.py). Objects are checked
# key by key; a wrong type is refused before its rule runs.
RULES: dict[type, dict[str, checks.Check]] = {
    Config: {
        "version": checks.whole(1, CURRENT_VERSION, note="the format version"),
        "store_external_id": checks.safe_id("Engage's storeExternalId of this store"),
        "till_id": checks.safe_id("this till's id"),
        "currency": checks.currency(),
        "country": checks.matches(r"[A-Z]{2}", "an ISO 3166 country code of two capitals, such as SE or NO"),
        "default_country_code": checks.matches(r"\+[1-9][0-9]{0,2}", "a calling code like +46: '+' and 1 to 3 digits"),
        "group_currency": checks.currency(empty_allowed=True),
        "exchange_rate_to_group_currency": checks.number(above=0, at_most=1_000_000,
                                                         note="one unit of the till's currency in the group's"),
        "data_dir": checks.text(max_length=4096, what="a folder"),
    },
    EngageSettings: {
        "base_url": checks.engage_address("Engage", "not configured", "https://yourtenant.voyado.com"),
        "mode": checks.one_of(*ENGAGE_MODES),
        "timeout_interactive": checks.number(above=0, at_most=600, unit="seconds"),
        "timeout_background": checks.number(above=0, at_most=600, unit="seconds"),
    },
    MatchKeyTypes: {kind.name: checks.one_of(*checks.MATCH_KEY_TYPES, ignore_case=True)
                    for kind in fields(MatchKeyTypes)},
    JournalSettings: {
        "rate_limit": checks.number(at_least=0, unit="requests per second", note="0: no limit"),
        "tills_on_key": checks.whole(1, 1000, note="the number of tills that share this till's Engage API key"),
        "retention_days": checks.number(at_least=1, unit="days"),
        "retry_schedule": checks.seconds_schedule(),
        "concurrency": checks.whole(1, 64),
        "bulk_threshold": checks.whole(0, 1_000_000, note="registrations due; 0: never in bulk"),
    },
    FileServerSettings: {
        "protocol": checks.one_of("sftp", "ftps"),
        "host": checks.host(),
        "port": checks.whole(1, 65535),
        "user": checks.text(what="a user name"),
        "host_key": checks.host_key(),
        "contacts_folder": checks.remote_folder(),
        "transactions_folder": checks.remote_folder(),
        "orders_folder": checks.remote_folder(),
    },
    TillSettings: {
        "card_patterns": checks.each(checks.card_pattern()),
        "cards": checks.each(checks.card_rule(CARD_CHECKS)),
        "vat_rates": checks.each(checks.number(at_least=0, at_most=99, unit="percent"), required=True,
                                 nothing="at least one VAT rate"),
        "offline_redemption": checks.one_of(*OFFLINE_REDEMPTION),
        "offline_max": checks.number(at_least=0, note="an amount in the sale's currency"),
        "offline_percent_max": checks.number(at_least=0, at_most=100, unit="percent"),
        "offline_voucher_max": checks.number(at_least=0, note="an amount in the sale's currency"),
        "offline_never": checks.each(checks.one_of(*checks.PROMOTION_VALUE_TYPES)),
        "percent_promotions_per_line": checks.whole(0, 100),
        "redeem_deadline": checks.number(above=0, at_most=1.5, unit="seconds",
                                         note="a customer waits at the till meanwhile"),
        "anonymous_contact": checks.text(what="an externalId"),
        "inbox_dir": checks.text(max_length=4096, what="a folder"),
        "metrics_textfile": checks.metrics_file(),
        "language": checks.one_of(*LANGUAGES),
        "sign_in": checks.one_of("", "required", "shared"),
        "returns_reinstate_promotions": checks.yes_no(),
        "cash_rounding": checks.matches(r"\d{1,3}([.,]\d{1,2})?", "an amount like 1, 0.50 or 0.05 in quotes (the "
                                        "step cash is rounded to; 0: none; empty: the currency's own)",
                                        empty_allowed=True),
        # Engage's payment type is a free string (ReceiptPaymentMethod.type): the store's own (MobilePay) too.
        "payment_methods": checks.each(checks.text(required=True, max_length=50, what="an Engage payment type such "
                                                   "as Card, Cash, Swish, GiftVoucher or MobilePay"),
                                       required=True, nothing="at least one payment type", unique=True),
    },
    PosLinkSettings: {
        "enabled": checks.one_of("on", "off", "demo"),
        "host": checks.one_of("127.0.0.1", "::1", "localhost"),
        "port": checks.whole(1024, 65535, note="a free port on this computer"),
    },
    StageMapping: {
        "status": checks.text(required=True, what="the tenant's order status"),
        "external_status": checks.text(what="a status word"),
        "payment_status": checks.text(what="a payment status word"),
        "action": checks.text(what="an order action name"),
        "marketing_status": checks.one_of(*MARKETING_STATUSES),
    },
    MarketingSettings: {
        "base_url": checks.engage_address("the marketing platform", "off", "https://api.marketing.example"),
        "batch_size": checks.whole(1, 1000, note="the platform's limit"),
        "product_url": checks.web_link("https://shop.example/p/{sku}"),
        "image_url": checks.web_link("https://shop.example/img/{sku}.jpg"),
    },
    OrderSettings: {
        "api": checks.one_of("v3", "v2"),
        "action_mode": checks.one_of("separate", "embedded"),
        "language": checks.matches(r"[a-z]{2,3}(-[A-Z]{2})?", "a language code like sv-SE"),
        "job_poll_schedule": checks.seconds_schedule(),
        "job_timeout": checks.number(above=0, unit="seconds"),
    },
}


def keys_without_rules() -> list[str]:
    """Setting names (Class.key) that no rule covers: none, or the configuration has a gap."""
    missing, seen, waiting = [], set(), [Config]
    while waiting:
        cls = waiting.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for item in fields(cls):
            default = getattr(cls(), item.name)
            if is_dataclass(default):
                waiting.append(type(default))
            elif item.name not in RULES.get(cls, {}):
                missing.append(f"{cls.__name__}.{item.name}")
    return sorted(missing)


# VAT rates per country, the usual first (till.vat_rates when the file sets none). Finland: 25.5 % since
# 1 September 2024; 14 % (food, restaurants) and 10 % (books, medicine, transport...) as known in 2025; a change
# since is set in till.vat_rates until this table follows.
COUNTRY_VAT_RATES: dict[str, tuple[float, ...]] = {
    "SE": (25.0, 12.0, 6.0, 0.0),
    "NO": (25.0, 15.0, 12.0, 0.0),
    "DK": (25.0, 0.0),
    "FI": (25.5, 14.0, 10.0, 0.0),
}


# The calling code a local mobile is read with (default_country_code when the file sets none).
COUNTRY_CALLING_CODES: dict[str, str] = {"SE": "+46", "NO": "+47", "DK": "+45", "FI": "+358"}


def group_exchange_rate(config: Config, currency: str | None = None) -> float | None:
    """``exchangeRateToGroupCurrency`` for a receipt in ``currency`` (the till's when not said): the configured rate
    for a receipt in the till's currency when the group's is another; none in the group's own currency; and none
    in any other currency, whose rate this till does not know (:func:`rate_unknown`: the POS must give it)."""
    till, group = _till_and_group(config)
    currency = (currency or till).upper()
    return config.exchange_rate_to_group_currency if currency == till != group else None


def rate_unknown(config: Config, currency: str) -> bool:
    """Whether a receipt in ``currency`` needs an ``exchangeRateToGroupCurrency`` this till does not know: neither
    the group's currency (none needed) nor the till's own (configured). A POS selling in such a currency sends
    the rate with its receipt (a commit's or a finished receipt's ``exchangeRateToGroupCurrency``)."""
    return currency.upper() not in _till_and_group(config)


def _till_and_group(config: Config) -> tuple[str, str]:
    """The till's currency and the group's (the till's own when the file sets none), in capitals."""
    return config.currency.upper(), (config.group_currency or config.currency).upper()
