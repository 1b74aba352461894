"""Configuration: frozen dataclasses, declared once, versioned, read from IT's machine-wide file and the
user's override (the override wins key by key), then environment variables for scripts; written atomically.

No secret is ever part of the configuration: the API key and passwords live in the OS keyring (credentials.py).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from pos_engage.core.errors import ConfigError

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

    base_url: str = ""                # empty: demo mode (the embedded simulator)
    timeout_interactive: float = 4.0
    timeout_background: float = 20.0
    match_key_types: MatchKeyTypes = field(default_factory=MatchKeyTypes)


@dataclass(frozen=True)
class JournalSettings:
    """How the journal delivers to Engage: pace, retries, concurrency, and how long delivered entries are kept."""

    rate_limit: float = 50.0          # requests/s to Engage (its recommendation)
    retention_days: float = 30.0      # delivered entries keep their personal data this long
    retry_schedule: tuple[float, ...] = (10.0, 30.0, 60.0, 300.0)
    concurrency: int = 4


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


@dataclass(frozen=True)
class TillSettings:
    """The till itself: card number patterns, the offline redemption policy, the POS inbox, metrics, language."""

    card_patterns: tuple[str, ...] = (r"\d{13}", r"\d{6}")   # regular expressions for loyalty card numbers
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
class Config:
    """The whole configuration of one till (store, till, currency, country) and each part's settings."""

    version: int = CURRENT_VERSION
    store_external_id: str = "1"
    till_id: str = "1"
    currency: str = "SEK"
    country: str = "SE"                # ISO 3166-1 alpha-2 of the store: countryCode of registrations without a mobile
    default_country_code: str = "+46"
    data_dir: str = ""
    engage: EngageSettings = field(default_factory=EngageSettings)
    journal: JournalSettings = field(default_factory=JournalSettings)
    file_server: FileServerSettings = field(default_factory=FileServerSettings)
    till: TillSettings = field(default_factory=TillSettings)
    orders: OrderSettings = field(default_factory=OrderSettings)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _build(cls: type, values: dict[str, Any], where: str, base: Any = None) -> Any:
    """A dataclass from a dict, refusing unknown keys and wrong types with the key's name. Keys not given keep
    ``base``'s values (a nested setting's own defaults, e.g. one order status changed, the others kept)."""
    known = {f.name: f for f in fields(cls)}
    unknown = set(values) - set(known)
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(sorted(unknown))}")
    kwargs = {}
    defaults = base if base is not None else cls()
    for name, value in values.items():
        default = getattr(defaults, name)
        if is_dataclass(default):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: '{name}' must be an object")
            kwargs[name] = _build(type(default), value, f"{where}.{name}", default)
        elif isinstance(default, tuple):
            if default and isinstance(default[0], str):
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ConfigError(f"{where}: '{name}' must be a list of texts")
                kwargs[name] = tuple(value)
            else:
                if not isinstance(value, list) or not all(isinstance(v, (int, float)) for v in value):
                    raise ConfigError(f"{where}: '{name}' must be a list of numbers")
                kwargs[name] = tuple(float(v) for v in value)
        elif isinstance(default, bool) or (not isinstance(value, type(default)) and not (
                isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool))):
            raise ConfigError(f"{where}: '{name}' must be {type(default).__name__}, not {type(value).__name__}")
        else:
            kwargs[name] = float(value) if isinstance(default, float) else value
    return replace(defaults, **kwargs)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) \
            else value
    return merged


# Upgrade functions: version N -> N+1, applied in order to older files.
UPGRADES: dict[int, Any] = {}


def _upgrade(values: dict[str, Any], where: str) -> dict[str, Any]:
    version = values.get("version", CURRENT_VERSION)
    if not isinstance(version, int) or version > CURRENT_VERSION:
        raise ConfigError(f"{where} is for a newer pos-engage (version {version}); this one understands "
                          f"{CURRENT_VERSION}")
    while version < CURRENT_VERSION:
        values = UPGRADES[version](values)
        version += 1
        values["version"] = version
    return values


def read_file(path: Path) -> dict[str, Any]:
    """One config file's contents; a malformed file names the line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"cannot read the configuration {path}: {exc.strerror}") from exc
    try:
        values = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path} line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    if not isinstance(values, dict):
        raise ConfigError(f"{path}: the configuration must be a JSON object")
    return _upgrade(values, str(path))


def load(files: list[Path], env: dict[str, str] | None = None) -> Config:
    """Files in order (later ones override earlier ones key by key), then the environment."""
    env = os.environ if env is None else env
    merged: dict[str, Any] = {}
    for path in files:
        merged = _merge(merged, read_file(path))
    merged["version"] = CURRENT_VERSION
    config = _build(Config, merged, "configuration")
    if env.get("POS_ENGAGE_BASE_URL"):
        config = replace(config, engage=replace(config.engage, base_url=env["POS_ENGAGE_BASE_URL"]))
    if env.get("POS_ENGAGE_DATA_DIR"):
        config = replace(config, data_dir=env["POS_ENGAGE_DATA_DIR"])
    return config


def save_changes(path: Path, changes: dict[str, Any]) -> Config:
    """Merge changes into a config file (keeping what it had), validate the result, write it atomically."""
    merged = _merge(read_file(path), changes)
    merged["version"] = CURRENT_VERSION
    config = validate(merged, str(path))
    if config.engage.base_url:
        from pos_engage.core.engage.auth import check_base_url
        check_base_url(config.engage.base_url)
    write_atomically(path, merged)
    return config


MARKETING_STATUSES = ("INITIALIZED", "IN_PROGRESS", "DELIVERED", "CANCELLED", "ABANDONED_SHOPPING_CART")


def validate(values: dict[str, Any], where: str) -> Config:
    """The Config these values make, or ConfigError naming what is wrong."""
    config = _build(Config, {k: v for k, v in values.items() if k != "version"}, where)
    rates = config.till.vat_rates
    if not rates or any(not 0 <= rate < 100 for rate in rates):
        raise ConfigError(f"{where}.till: 'vat_rates' needs at least one rate from 0 to 99 (%)")
    orders = config.orders
    if orders.api not in ("v3", "v2"):
        raise ConfigError(f"{where}.orders: 'api' must be v3 or v2, not {orders.api!r}")
    if orders.action_mode not in ("separate", "embedded"):
        raise ConfigError(f"{where}.orders: 'action_mode' must be separate or embedded, not {orders.action_mode!r}")
    if not orders.job_poll_schedule or min(orders.job_poll_schedule) <= 0:
        raise ConfigError(f"{where}.orders: 'job_poll_schedule' needs waits above 0 seconds")
    for stage in fields(orders.statuses):
        mapping = getattr(orders.statuses, stage.name)
        if not mapping.status:
            raise ConfigError(f"{where}.orders.statuses.{stage.name}: 'status' is required")
        if mapping.marketing_status not in MARKETING_STATUSES:
            raise ConfigError(f"{where}.orders.statuses.{stage.name}: 'marketing_status' must be one of "
                              f"{', '.join(MARKETING_STATUSES)}")
    if not 1 <= orders.second_backend.batch_size <= 1000:
        raise ConfigError(f"{where}.orders.second_backend: 'batch_size' must be 1 to 1000 (the platform's limit)")
    return config


def write_atomically(path: Path, values: dict[str, Any]) -> None:
    """Write via a .tmp file and an fsync, keeping the previous file as .bak, so a crash never leaves a
    half-written configuration."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    data = json.dumps(values, indent=2, ensure_ascii=False) + "\n"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if path.exists():
        # A copy, not a move: there is never a moment without the configuration in place.
        shutil.copy2(path, path.with_suffix(path.suffix + ".bak"))
    os.replace(tmp, path)
