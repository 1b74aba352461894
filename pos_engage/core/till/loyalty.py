"""The customer's points for the customer card: the balance of each of her point accounts in Engage.

Asked with the contact (beside her offers) and bounded in time: points are something to show, never something an
identification waits for or fails on. Engage's failure, or no answer within ``POINTS_DEADLINE``, leaves the card
saying the points are unavailable; a tenant without point accounts (404) or a contact without any shows none.
The names of the kinds of points are asked only when a contact has more than one account, once per till session.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from decimal import Decimal

from pos_engage.core.errors import EngageError, EngageNotFound, InputError

log = logging.getLogger(__name__)

# Seconds the points may add to an identification (they are asked at the same time as the offers).
POINTS_DEADLINE = 2.0


@dataclass(frozen=True)
class PointsLine:
    """One account's balance as the card shows it: the kind's name (empty for a contact's only account)."""

    name: str
    balance: Decimal
    pending: Decimal = Decimal(0)


@dataclass(frozen=True)
class Points:
    """A contact's points: one line per account, or ``unavailable`` when Engage did not tell them."""

    lines: tuple[PointsLine, ...] = ()
    unavailable: bool = False


class PointsReader:
    """Reads a contact's point accounts through the client; keeps the tenant's kinds of points once read."""

    def __init__(self, client, *, deadline: float = POINTS_DEADLINE) -> None:
        self.client = client
        self.deadline = deadline
        self._names: dict[str, str] | None = None

    async def points_of(self, contact_id: str) -> Points:
        try:
            async with asyncio.timeout(self.deadline):
                accounts = await self.client.point_accounts(contact_id)
                names = await self._kinds() if len(accounts) > 1 else {}
        except EngageNotFound:
            return Points()
        except (EngageError, InputError, TimeoutError) as problem:
            log.info("points of %s not read (%s): the card says they are unavailable", contact_id,
                     type(problem).__name__)
            return Points(unavailable=True)
        return Points(tuple(PointsLine(names.get(a.definition_id, ""), a.balance, a.pending) for a in accounts))

    async def _kinds(self) -> dict[str, str]:
        if self._names is None:
            try:
                self._names = {d.id: d.name for d in await self.client.point_definitions()}
            except EngageError:
                return {}   # asked again with the next customer who has several accounts
        return self._names
