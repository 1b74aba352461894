"""Redeeming an offer from the journal, and telling after a lost answer whether it was this till's attempt.

Separate from dispatch.py because a redemption's check before a resend is its own reasoning: Engage tells when an
offer was redeemed, never by which receipt, so a redemption is ours only when Engage's time falls within one of
this entry's own attempts (with the slack of whole-second stamps and clocks); anything else is a conflict a
person looks at, never a double use passed over.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from pos_engage.core import texts
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import EngageConflict, PromotionAlreadyRedeemed
from pos_engage.core.journal.delivery import NOT_DONE, OutcomeUnknown
from pos_engage.core.journal.entry import EntryKind, JournalEntry

REDEMPTIONS = frozenset({EntryKind.REDEEM_PROMOTION, EntryKind.REDEEM_VOUCHER})
# When Engage's redeemedOn has whole seconds only, a redemption up to a second either side of our attempts may be
# ours (the stamp was cut, not rounded, or rounded up): widened by this much. Sub-second stamps are compared as is.
WHOLE_SECOND_SLACK = 1.0
# Otherwise: the periods' own stamps are SQLite's wall clock, to the millisecond (cut, not rounded), and the till's
# clock and Engage's differ a little even when both are synchronised. A till whose clock is off by more takes its
# own lost answer for another's use: a conflict a person looks at, never a double use passed over.
CLOCK_SLACK = 0.25


class RedeemedElsewhere(PromotionAlreadyRedeemed):
    """Engage holds the offer as redeemed, and not by this till's attempts for this sale: a conflict."""

    code = "RedeemedElsewhere"


class RedeemedWhileAnswerLost(PromotionAlreadyRedeemed):
    """Engage holds the offer as redeemed at a moment one of this till's attempts was out and got no answer. Most
    likely that attempt did it; but another till redeeming the same offer at that moment looks exactly the same
    from here (Engage tells when, never which receipt), so a person decides: a conflict, never a silent 'ours'."""

    code = "RedeemedWhileAnswerLost"


def _offer_words(entry: JournalEntry) -> tuple[str, str]:
    payload = entry.payload or {}
    if entry.kind is EntryKind.REDEEM_PROMOTION:
        return texts.tr("promotion {id}", id=payload.get("assignmentId", "?")), payload.get("saleId") or "?"
    return texts.tr("voucher {id}", id=payload.get("voucherId", "?")), payload.get("saleId") or "?"


async def redeem(client: EngageClient, entry: JournalEntry) -> None:
    """Redeem the entry's offer. Engage's "already used" names this till's sale that gave the discount, so the
    manager sees both sides of the conflict."""
    payload = entry.payload or {}
    try:
        if entry.kind is EntryKind.REDEEM_PROMOTION:
            await client.redeem_promotion(payload["assignmentId"])
        else:
            await client.redeem_reward_voucher(payload["voucherId"])
    except EngageConflict as refused:
        offer, sale = _offer_words(entry)
        raise type(refused)(texts.tr("Engage refused {offer} for sale {sale} ({reason}): it was used by another "
                                     "sale, not this one, while sale {sale} gave its discount",
                                     offer=offer, sale=sale, reason=refused.describe()),
                            status=refused.status, code=refused.code) from refused


def _timestamp(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def attempt_periods(result: dict[str, Any] | None, now: float) -> list[tuple[float, float]]:
    """The periods this entry was out with a sender, as the journal keeps them (an open one: up to now)."""
    periods = []
    for pair in (result or {}).get("periods") or []:
        if isinstance(pair, list) and len(pair) == 2 and _timestamp(pair[0]) is not None:
            start = _timestamp(pair[0])
            end = _timestamp(pair[1])
            periods.append((start, end if end is not None and end >= start else now))
    return periods


def ours(redeemed_on: datetime | None, result: dict[str, Any] | None, now: float) -> bool:
    """Whether Engage's redemption time falls within one of this entry's own attempts. Nothing to compare (no
    time from Engage, no attempt kept, a stamp without an offset): not ours, so a person looks."""
    if redeemed_on is None or redeemed_on.tzinfo is None:
        return False
    slack = WHOLE_SECOND_SLACK if redeemed_on.microsecond == 0 else CLOCK_SLACK
    stamp = redeemed_on.timestamp()
    return any(start - slack <= stamp <= end + slack for start, end in attempt_periods(result, now))


async def check_redeemed(client: EngageClient, entry: JournalEntry) -> Any:
    """Before resending a redemption whose outcome is unknown: NOT_DONE when Engage still holds the offer unused;
    done when it was redeemed by one of our own attempts; otherwise RedeemedElsewhere (a conflict)."""
    payload = entry.payload or {}
    contact_id = payload.get("contactId")
    if not contact_id:
        raise OutcomeUnknown(texts.tr("This redemption may have reached Engage, and the contact it belongs to is "
                                      "not known yet to check: look the offer up in Engage, then resolve or retry"))
    if entry.kind is EntryKind.REDEEM_PROMOTION:
        promotions = await client.list_promotions(contact_id)
        found = next((p for p in promotions if p.id == payload["assignmentId"]), None)
    else:
        page = await client.list_reward_vouchers(contact_id, available_only=False)
        found = next((v for v in page.items if v.id == payload["voucherId"]), None)
    if found is None or not found.redeemed:
        return NOT_DONE
    offer, sale = _offer_words(entry)
    periods = attempt_periods(entry.result, time.time())
    if ours(found.redeemed_on, entry.result, time.time()):
        # Only an attempt whose answer was lost brings us here (a check runs only then), and another till's use
        # of the same offer inside that attempt's period is indistinguishable: the issue's promise is "exactly
        # once, or a person is told", so a person is told.
        raise RedeemedWhileAnswerLost(
            texts.tr("Engage shows {offer} redeemed at {when}, while this till's attempt for sale {sale} was out "
                     "and got no answer (from {start} to {until}): most likely sale {sale} used it, but another "
                     "till using it at that moment would look the same. Check in Engage that only sale {sale} used "
                     "it, then resolve this entry; if another sale used it too, sale {sale} gave its discount twice",
                     offer=offer, sale=sale, when=found.redeemed_on.isoformat() if found.redeemed_on else "?",
                     start=_clock_words(periods[0][0] if periods else None),
                     until=_clock_words(periods[-1][1] if periods else None)),
            status=409, code=RedeemedWhileAnswerLost.code)
    raise RedeemedElsewhere(
        texts.tr("Engage shows {offer} redeemed at {when}, outside this till's attempts for sale {sale} (from "
                 "{start} to {until}): another sale used it, and sale {sale} gave its discount too",
                 offer=offer, sale=sale,
                 when=found.redeemed_on.isoformat() if found.redeemed_on else texts.tr("an unknown time"),
                 start=_clock_words(periods[0][0] if periods else None),
                 until=_clock_words(periods[-1][1] if periods else None)),
        status=409, code=RedeemedElsewhere.code)


def _clock_words(value: Any) -> str:
    stamp = _timestamp(value)
    if stamp is None:
        return "?"
    return datetime.fromtimestamp(stamp, UTC).astimezone().isoformat(timespec="milliseconds")
