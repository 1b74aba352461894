"""How the journal stores a JSON column (payload, result): compact, UTF-8 as it is, None as NULL.

One helper shared by the journal's writers (store.py's inserts, claims.py's settlements, manager_actions.py's
corrections), kept on its own so that each of them imports it without importing the others.

orjson writes it (a 20-line receipt in ~3 us, against ~36 us for the standard library's encoder: a sale's commit
writes one per entry): the same compact JSON, UTF-8 as it is. What orjson would write that the standard library
refuses (a datetime, a dataclass) it is told to refuse too, and whatever it refuses (an integer beyond 64 bits, a
key that is not text, a lone surrogate) is left to the standard library, which writes or refuses it as before. The
text may differ only in how a float with an exponent is spelt (1e-05 / 1e-5); it reads back as the same number.
The columns are read by the standard library (json.loads), not orjson: orjson reads an integer beyond 64 bits as a
float, and a POS's receipt may pass one through (its extraData) to Engage.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_REFUSE_AS_JSON_DOES = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def _json(value: Any) -> str | None:
    if value is None:
        return None
    try:
        return orjson.dumps(value, option=_REFUSE_AS_JSON_DOES).decode()
    except TypeError:   # orjson.JSONEncodeError is one
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

