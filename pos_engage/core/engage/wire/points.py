"""Point accounts on the wire: ``GET /api/v2/point-accounts?contactId=`` (``PointAccountModelsResult``: a page of
``PointAccountModel``) and ``GET /api/v2/point-accounts/definitions`` (a list of ``PointDefinitionModel``), as the
swagger names their fields."""

from __future__ import annotations

from collections.abc import Mapping

from pos_engage.core.domain.checks import parse_money
from pos_engage.core.domain.points import PointAccount, PointDefinition
from pos_engage.core.engage.wire.common import get, parse_time, text


def point_account_from_json(payload: Mapping) -> PointAccount:
    balance = get(payload, "balance")
    pending = get(payload, "pendingPoints")
    return PointAccount(
        id=text(get(payload, "id")),
        definition_id=text(get(payload, "definitionId")),
        balance=parse_money(0 if balance is None else balance, "balance"),
        pending=parse_money(0 if pending is None else pending, "pendingPoints"),
        expires=parse_time(get(payload, "balanceExpires")),
    )


def point_accounts_from_json(payload: object) -> tuple[PointAccount, ...]:
    """A contact's accounts: the page's items (a contact without points has none)."""
    if not isinstance(payload, dict):
        raise ValueError("the point accounts answer is not an object")
    items = get(payload, "items", default=[]) or []
    if not isinstance(items, list):
        raise ValueError("the point accounts' items are not a list")
    return tuple(point_account_from_json(item) for item in items if isinstance(item, dict))


def point_definitions_from_json(payload: object) -> tuple[PointDefinition, ...]:
    """The tenant's kinds of points. The swagger types the answer as a list; a page of them is read too."""
    items = get(payload, "items", default=[]) if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise ValueError("the point definitions are not a list")
    return tuple(PointDefinition(text(get(item, "id")), text(get(item, "name")))
                 for item in items if isinstance(item, dict))
