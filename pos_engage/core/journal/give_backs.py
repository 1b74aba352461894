"""Returns: giving back what a sale returned in full had redeemed (a voucher reactivated, a promotion assigned).

Separate from dispatch.py because a give-back has its own rules: only what this till's sale really redeemed is
given back, and after a lost answer the voucher list or the contact's promotions tell whether it took effect
(a voucher used again after our reactivation is done, never given back twice).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pos_engage.core import texts
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import EngageConflict
from pos_engage.core.journal.delivery import NOT_DONE, CannotDeliver, OutcomeUnknown, _contact_id
from pos_engage.core.journal.entry import EntryKind, EntryStatus, JournalEntry
from pos_engage.core.journal.redemptions import REDEMPTIONS

GIVE_BACKS = frozenset({EntryKind.REACTIVATE_VOUCHER, EntryKind.REINSTATE_PROMOTION})
# Engage's answer to reactivating a voucher that is not redeemed: ASSUMPTION (not documented; the simulator's).
NOT_REDEEMED = "RewardVoucherNotRedeemed"


async def give_back(client: EngageClient, entry: JournalEntry, dependency: JournalEntry | None) -> dict:
    """Reactivate the voucher, or assign the promotion again, of a sale returned in full. Only what this till's
    sale really redeemed is given back: when the sale's redemption (the dependency) ended otherwise (Engage
    refused it: another sale used the offer), there is nothing of ours to give back."""
    payload = entry.payload or {}
    if dependency is not None and dependency.kind in REDEMPTIONS and dependency.status is not EntryStatus.DELIVERED:
        raise CannotDeliver(texts.tr("The original sale's redemption (entry {entry}) is {status}, not delivered: "
                                     "Engage never took the offer for that sale, so there is nothing to give back. "
                                     "Resolve this entry", entry=dependency.id, status=dependency.status.value))
    if entry.kind is EntryKind.REACTIVATE_VOUCHER:
        try:
            await client.reactivate_reward_voucher(payload["voucherId"])
        except EngageConflict as refused:
            if refused.code == NOT_REDEEMED:  # already active again (a person in Engage did it): what we want
                return {"alreadyActive": True}
            raise type(refused)(texts.tr("Engage would not give back voucher {id} for the return of sale {sale} "
                                         "({reason}): the customer did not get it back; the store decides",
                                         id=payload["voucherId"], sale=payload.get("originalId") or "?",
                                         reason=refused.describe()),
                                status=refused.status, code=refused.code) from refused
        return {"reactivated": True}
    contact_id = _contact_id(entry, None)
    await client.assign_promotion(contact_id, payload["promotionId"])
    return {"assigned": True}


async def check_given_back(client: EngageClient, entry: JournalEntry) -> Any:
    """Before sending again a give-back whose answer was lost. A voucher: active again means done; redeemed with
    the use the return saw means not done; redeemed by a later use means our reactivation took effect and the
    customer used it again (done: sending again would give it back twice). A promotion: an assignment of its
    template the contact did not hold at the return is ours."""
    payload = entry.payload or {}
    contact_id = payload.get("contactId")
    if not contact_id:
        raise OutcomeUnknown(texts.tr("This give-back may have reached Engage, and the customer it belongs to is "
                                      "not known to check: look in Engage, then resolve or retry it"))
    if entry.kind is EntryKind.REINSTATE_PROMOTION:
        known = set(payload.get("knownAssignments") or []) | {payload.get("assignmentId")}
        if payload.get("knownAssignments") is None:
            raise OutcomeUnknown(texts.tr("This promotion may have been given back already, and the till did not "
                                          "know the customer's promotions at the return to tell: look in Engage"))
        promotions = await client.list_promotions(contact_id)
        new = [p.id for p in promotions if p.promotion_id == payload["promotionId"] and p.id not in known]
        return {"assigned": True, "assignmentId": new[0], "checked": True} if new else NOT_DONE
    page = await client.list_reward_vouchers(contact_id, available_only=False)
    voucher = next((v for v in page.items if v.id == payload["voucherId"]), None)
    if voucher is None:
        raise OutcomeUnknown(texts.tr("Engage no longer lists voucher {id} for this customer: look in Engage, "
                                      "then resolve or retry", id=payload["voucherId"]))
    if not voucher.redeemed:
        return {"reactivated": True, "checked": True}
    seen = payload.get("redeemedOn")
    if seen is None:
        raise OutcomeUnknown(texts.tr("Voucher {id} is redeemed, and the till did not see its use at the return "
                                      "to tell it from a later one: look in Engage, then resolve or retry",
                                      id=payload["voucherId"]))
    then = _parsed_time(seen)
    if voucher.redeemed_on is not None and then is not None and voucher.redeemed_on == then:
        return NOT_DONE
    return {"reactivated": True, "usedAgain": True, "checked": True}


def _parsed_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None
