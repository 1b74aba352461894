"""What core tells a person (a cashier, a store manager), in a form the window can show in the till's language.

``texts.tr("No customer with that {kind}", kind=...)`` is English text (a ``str``: logs, the command line and
tests read it as it is) that also keeps its template and values. Core has no Qt, but Qt Linguist's lupdate
reads these calls all the same (context "texts"), so they are translated in the same .ts file as the window;
the window shows them through ``pos_engage.qt.texts.shown``. A value can itself be a ``Text`` (a word such as
"email"), translated in its turn.

What Engage or a server says in its own words is passed on as it is: it is not ours to translate.
"""

from __future__ import annotations

from typing import Any

CONTEXT = "texts"


class Text(str):
    """English text with its template and values kept for translation."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, values: dict[str, Any]) -> Text:
        text = super().__new__(cls, template.format(**values) if values else template)  # Listing formats itself
        text.template = template
        text.values = values
        return text

    def __reduce__(self):  # copied (copy.deepcopy, dataclasses.asdict) or pickled with its template and values
        return (Text, (self.template, self.values))


class Amount(str):
    """An amount of money in a sentence: "874.29 SEK" as it is (logs, the command line, tests), and as the till's
    language writes money where the window shows it (qt/texts.shown: "874,29 SEK" in Swedish). ``value`` is a
    number (Decimal, int or float: nothing here imports decimal, which the window is drawn without)."""

    value: Any
    currency: str

    def __new__(cls, value: Any, currency: str = "") -> Amount:
        text = super().__new__(cls, f"{value:.2f} {currency}".strip())
        text.value, text.currency = value, currency
        return text

    def __reduce__(self):  # copied or pickled with its value and currency, as Text keeps its template
        return (Amount, (self.value, self.currency))


class Listing(tuple):
    """Words listed in a sentence ("Shipped, Cancelled"), each shown in the till's language in its turn."""

    def __str__(self) -> str:
        return ", ".join(str(word) for word in self)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def tr(template: str, /, **values: Any) -> Text:
    """A sentence for a person: ``template`` in English with ``{name}`` places for ``values``."""
    return Text(template, values)


def message_of(problem: BaseException | str) -> str:
    """The text of an error as raised (``str(error)`` makes a plain copy and loses the template)."""
    if isinstance(problem, BaseException):
        first = problem.args[0] if problem.args else ""
        return first if isinstance(first, str) and first == str(problem) else str(problem)
    return problem
