"""Three gaps the review of issue 15 found, each fixed where it belonged: a henkilötunnus is masked in the queue's
entry details (core/office/queue.py), a receipt the POS built at a till whose currency is not the group's carries
exchangeRateToGroupCurrency (core/till/receipts.py), and a till's country sets the calling code a local mobile is
read with when the configuration names none (core/config.py).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from types import SimpleNamespace

import pytest

from pos_engage.core import config_files
from pos_engage.core.config import Config
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.core.office.masking import masked_payload
from pos_engage.core.till.service import TillService
from pos_engage.link.host import build_link
from pos_engage.link.tokens import TokenSource
from pos_engage.sim.state import DEMO_API_KEY, SimState
from pos_engage.sim.transport import SimTransport

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "receipt.json"


def test_the_queue_details_mask_a_henkilotunnus():
    receipt = {"receipt": {"contact": {"matchKey": "131052-308T", "matchKeyType": "socialSecurityNumber"}}}
    entry = SimpleNamespace(payload=receipt)   # masked_payload reads the entry's payload only
    assert "131052-308T" not in json.dumps(masked_payload(entry))


async def test_a_receipt_the_pos_built_carries_the_rate_to_the_group_currency(tmp_path):
    settings = Config(store_external_id="31", till_id="2", currency="NOK", country="NO", default_country_code="+47",
                      group_currency="SEK", exchange_rate_to_group_currency=0.9712)
    receipt = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del receipt["currency"]   # the till's, NOK, filled in
    tenant = SimState(seed=7)
    async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(tenant)) as client:
        with Journal.open(tmp_path / "j.sqlite3") as journal:
            service = TillService(settings, client, journal, Replayer(journal, client, rate_per_second=None,
                                                                       schedule=(0.0,), rng=random.Random(1)))
            link = build_link(service, tokens=TokenSource(lambda: "t" * 24))
            answer = await link._receipts(receipt)
            body = journal.get(answer["journalEntries"][0]).payload["receipt"]
    assert body["currency"] == "NOK"
    assert body.get("exchangeRateToGroupCurrency") == 0.9712


def test_a_finnish_till_reads_mobiles_by_finlands_plan_without_being_told_twice():
    assert config_files.validate({"country": "FI"}, "test").default_country_code == "+358"


def test_a_group_currency_without_its_rate_is_refused_naming_the_key():
    with pytest.raises(config_files.InvalidConfiguration) as refused:
        config_files.validate({"currency": "NOK", "group_currency": "SEK"}, "test")
    assert "exchange_rate_to_group_currency: required when group_currency (SEK)" in str(refused.value)
    assert config_files.validate({"currency": "SEK", "group_currency": "SEK"}, "test").currency == "SEK"
    assert config_files.validate({"currency": "NOK", "group_currency": "SEK", "exchange_rate_to_group_currency": 0.97},
                           "test").exchange_rate_to_group_currency == 0.97
