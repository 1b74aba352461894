"""The journal's schema versions, by name, without loading sqlite-utils (start-up checks them on every run)."""

MIGRATION_SET = "pos_engage_journal"
MIGRATION_NAMES = ("0001_entries", "0002_audit_exports_cache", "0003_delivered_at_index", "0004_orders",
                   "0005_offer_ledger", "0006_scale", "0007_pos_link", "0008_returns",
                   "0009_offer_uses", "0010_who_rang_up", "0011_sale_reservations",
                   "0012_anonymous_sales", "0013_reservation_holders")
