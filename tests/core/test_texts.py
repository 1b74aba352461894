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
