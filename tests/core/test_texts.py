"""Core's texts for people: English as plain strings, template and values kept for the window's translation."""

from __future__ import annotations

import copy

from pos_engage.core import texts
from pos_engage.core.errors import InputError


def test_a_text_reads_as_english_and_keeps_what_translation_needs():
    text = texts.tr("Only {remaining} remains; {method} cannot pay more than that", remaining="10.00", method="Card")
    assert text == "Only 10.00 remains; Card cannot pay more than that"
    assert (text.template, text.values) == ("Only {remaining} remains; {method} cannot pay more than that",
                                            {"remaining": "10.00", "method": "Card"})
    assert copy.deepcopy(text).values == text.values  # dataclasses.asdict deep-copies outcomes
    assert type(text + " (more)") is str  # joined text is no longer one sentence to translate


def test_an_errors_text_is_the_one_it_was_raised_with():
    text = texts.tr("Nothing remains to be paid")
    assert texts.message_of(InputError(text, field="payment")) is text
    assert texts.message_of(ValueError("Python's own words")) == "Python's own words"
    assert texts.message_of("already a string") == "already a string"


def test_a_listing_reads_as_english_words_and_each_is_translated_in_its_turn():
    from pos_engage.core.domain.order_life import STAGE_WORDS, OrderStage

    text = texts.tr("It can become: {allowed}", allowed=texts.Listing(
        STAGE_WORDS[s] for s in (OrderStage.SHIPPED, OrderStage.CANCELLED)))
    assert text == "It can become: Shipped, Cancelled"
    assert str(text.values["allowed"]) == "Shipped, Cancelled"
    assert [word.template for word in text.values["allowed"]] == ["Shipped", "Cancelled"]
