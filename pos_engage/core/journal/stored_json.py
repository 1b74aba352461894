"""How the journal stores a JSON column (payload, result): compact, UTF-8 as it is, None as NULL.

One helper shared by the journal's writers (store.py's inserts, claims.py's settlements, manager_actions.py's
corrections), kept on its own so that each of them imports it without importing the others.
"""

from __future__ import annotations

import json
from typing import Any


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
