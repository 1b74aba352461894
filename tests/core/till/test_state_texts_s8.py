"""What core says in a sale's state keeps its template (texts.Text), so the window shows it in the till's language:
an offer another open sale holds says why in words that can be translated (the ledger's), and an open sale's state
read after the POS's answer was encoded is still core's own dict, not plain text read back from JSON (a Swedish
window showed 'Kan inte användas nu: This offer is in another open sale at this till…')."""

from __future__ import annotations

import json
from types import SimpleNamespace

from pos_engage.core import texts
from pos_engage.core.config import TillSettings
from pos_engage.core.till.basket import Basket
from pos_engage.core.till.pos_sale_input import parse_basket
from pos_engage.core.till.sale_session import SaleSession
from pos_engage.core.till.session import SaleSessions


def test_why_another_sale_holds_an_offer_keeps_its_template(journal):
    journal.reserve_offer("offer-1", "promotion", "sale-1")
    reason = journal.held_elsewhere(["offer-1"], "sale-2")["offer-1"]
    assert isinstance(reason, texts.Text) and reason.template.startswith("This offer is in another open sale")


def test_an_open_sales_state_read_after_it_was_encoded_keeps_cores_words():
    sessions = SaleSessions(SimpleNamespace(config=SimpleNamespace(till=TillSettings()),
                                            journal=SimpleNamespace(release_orphaned_reservations=lambda: 0)))
    body = {"currency": "SEK", "lines": [{"lineId": "1", "sku": "1001", "name": "Socks", "quantity": 1,
                                          "lineTotal": 4900, "vatPercent": 25}]}
    session = SaleSession("s", Basket(currency="SEK", unique_id="u"))
    session.lines = parse_basket(body).lines
    session.basket.lines = [line.basket_line("SEK") for line in session.lines]
    session.messages.append(texts.tr("Engage answers again: the customer is found, with the offers Engage holds "
                                     "for them"))
    encoded = sessions.state_json(session)          # the POS's answer first
    message = sessions.state(session)["messages"][0]   # then the window
    assert isinstance(message, texts.Text) and json.loads(encoded)["messages"] == [str(message)]

    session.status = "committed"                       # an ended sale keeps only its bytes
    session.changed()
    sessions.state_json(session)
    assert session._answered[1] is None
