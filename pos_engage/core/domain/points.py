"""Points: a contact's point accounts (the bonus balance) as Engage keeps them, one per kind of points.

Engage's point accounts (swagger ``PointAccountModel``): a balance, points earned but not yet counted
(``pendingPoints``), when the balance expires, and the definition (the kind of points) the account is of; the
definition's name (``PointDefinitionModel``) says what the points are called in this tenant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class PointAccount:
    """One of a contact's point accounts."""

    id: str
    definition_id: str
    balance: Decimal
    pending: Decimal = Decimal(0)
    expires: datetime | None = None


@dataclass(frozen=True)
class PointDefinition:
    """A kind of points in the tenant ("Bonus points", "Climate points")."""

    id: str
    name: str
