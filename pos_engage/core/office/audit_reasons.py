"""The till's own reasons in the audit log, said in the reader's language.

A person's reason (typed in the queue, given with ``--reason``) is kept and shown as typed. A reason the till gives
itself ("retry from the queue view", "after correction") is stored in English in the row's ``reason``, for the raw
log and ``journal show``, and its code in the row's ``detail`` (``{"said": code, ...its values}``): the queue's
history says it by that code, in the till's language (a Swedish queue read "skickas igen av Anna Berg (1001): retry
from the queue view"). Told by the code, never by matching the stored English: a rewording here keeps the code, so
older rows still find their words. Rows written before the codes say their English as stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pos_engage.core import texts

QUEUE_RETRY = "queue-retry"
AFTER_CORRECTION = "after-correction"
CORRECTED = "corrected"
SHOWN_IN_QUEUE = "shown-in-queue"
SHOWN_TO_CORRECT = "shown-to-correct"
SHOWN_BY_JOURNAL_SHOW = "shown-by-journal-show"
QUEUE_EXPORT = "queue-export"
QUEUE_EXPORT_ENTRY = "queue-export-entry"
OFFER_REFUSED_REMOVED = "offer-refused-removed"

# A registration's fields a manager corrects (ManagerActions.correct), as the history names them.
_FIELDS = {"email": texts.tr("the email address"), "mobilePhone": texts.tr("the mobile number")}


class OwnReason(str):
    """A reason the till gives itself: its English words (a ``str``, as the audit row's reason), its code and
    values (the row's detail)."""

    code: str
    values: dict[str, Any]

    def __new__(cls, code: str, values: dict[str, Any]) -> OwnReason:
        words = _words(code, values)
        if words is None:
            raise ValueError(f"no words for the audit reason {code!r}")
        reason = super().__new__(cls, words)
        reason.code, reason.values = code, values
        return reason


def own(code: str, **values: Any) -> OwnReason:
    """The till's own reason ``code`` (one of this module's constants), with the values its words name."""
    return OwnReason(code, values)


def said(reason: str) -> dict[str, Any]:
    """What an audit row's detail records of ``reason``: its code and values, or nothing for a person's words."""
    return {"said": reason.code, **reason.values} if isinstance(reason, OwnReason) else {}


def detail_of(reason: str) -> str | None:
    """The audit row's detail for ``reason`` (None: a person's words, which need none)."""
    recorded = said(reason)
    return json.dumps(recorded) if recorded else None


def reason_words(row: Mapping[str, Any]) -> str | texts.Text:
    """An audit row's reason as the manager reads it: the till's own by its code, a person's as typed."""
    try:
        detail = json.loads(row.get("detail") or "null")
    except ValueError:
        detail = None
    if isinstance(detail, dict) and isinstance(detail.get("said"), str):
        values = {name: value for name, value in detail.items() if name not in ("said", "file")}
        try:
            words = _words(detail["said"], values)
        except (KeyError, TypeError):   # a code whose values are not those it needs: said as stored
            words = None
        if words is not None:
            return words
    return row.get("reason") or ""


def _words(code: str, values: Mapping[str, Any]) -> texts.Text | None:
    if code == QUEUE_RETRY:
        return texts.tr("retry from the queue view")
    if code == AFTER_CORRECTION:
        return texts.tr("after correction")
    if code == CORRECTED:
        fields = texts.Listing(_FIELDS.get(str(name), str(name)) for name in values["fields"])
        return texts.tr("corrected {fields}", fields=fields)
    if code == SHOWN_IN_QUEUE:
        return texts.tr("personal data shown in the queue view")
    if code == SHOWN_TO_CORRECT:
        return texts.tr("personal data shown to correct the registration")
    if code == SHOWN_BY_JOURNAL_SHOW:
        return texts.tr("personal data shown by journal show")
    if code == QUEUE_EXPORT:
        return texts.tr("exported from the queue view")
    if code == QUEUE_EXPORT_ENTRY:
        return texts.tr("entry {entry} exported from the queue view", entry=values["entry"])
    if code == OFFER_REFUSED_REMOVED:
        return texts.tr("Engage refused the offer (used elsewhere); the cashier removed it from sale {sale} before "
                        "the receipt was final", sale=values["sale"])
    return None
