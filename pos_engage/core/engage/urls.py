"""URL paths for Engage calls: an id becomes one escaped path segment and can never change which resource is
addressed."""

from __future__ import annotations

from urllib.parse import quote

from pos_engage.core.domain.checks import require_text


def segment(value: str, name: str) -> str:
    """An id for a URL path: checked and escaped (a '/' or '..' in it stays inside the segment)."""
    return quote(require_text(value, name, max_length=200), safe="")
