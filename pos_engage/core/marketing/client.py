"""The second orders platform's client: one call, "add orders" (up to 1,000 per request), over https.

Its key travels only in the Authorization header, to the configured host; bodies are never logged (they carry
emails and phone numbers). Every failure becomes a MarketingError saying whether a later resend may help.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from pos_engage import __version__
from pos_engage.core.engage.auth import check_base_url
from pos_engage.core.errors import MarketingError, MarketingRejected, MarketingUnavailable
from pos_engage.core.marketing import wire

MAX_ANSWER_BYTES = 1024 * 1024
NO_KEY = ("no API key for the marketing platform: IT stores it with 'pos-engage configure --marketing-key-stdin' "
          "(scripts: POS_ENGAGE_MARKETING_API_KEY)")


class MarketingClient:
    def __init__(self, base_url: str, api_key: str, *, transport: httpx.AsyncBaseTransport | None = None,
                 timeout: float = 20.0) -> None:
        if not api_key:
            raise MarketingError(NO_KEY)
        self.base_url = check_base_url(base_url, what="the marketing platform", example="https://api.example.com")
        self._http = httpx.AsyncClient(
            base_url=self.base_url, transport=transport, timeout=timeout, follow_redirects=False,
            headers={"Authorization": f"Bearer {api_key}", "User-Agent": f"pos-engage/{__version__}",
                     "Content-Type": "application/json", "Accept": "application/json"})

    async def __aenter__(self) -> MarketingClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def add_orders(self, orders: list[dict[str, Any]]) -> dict[str, Any]:
        """Send up to 1,000 orders; an order sent again (same externalOrderId) is updated, not duplicated."""
        try:
            answer = await self._http.post("/v1/orders", json=wire.batch_json(orders))
            body = await answer.aread()
        except httpx.TimeoutException as exc:
            raise MarketingUnavailable(f"the marketing platform did not answer in time ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise MarketingUnavailable(f"the marketing platform cannot be reached ({type(exc).__name__})") from exc
        payload = _json(body[:MAX_ANSWER_BYTES])
        status = answer.status_code
        if 200 <= status < 300:
            return payload if isinstance(payload, dict) else {}
        message = (payload.get("message") if isinstance(payload, dict) else None) or answer.reason_phrase
        if status == 429 or status >= 500 or payload is None:
            retry_after = _seconds(answer.headers.get("retry-after"))
            what = "an answer that is not JSON (a proxy's page?)" if payload is None and status < 500 else message
            raise MarketingUnavailable(f"the marketing platform answered {status}: {what}", status=status,
                                       retry_after=retry_after)
        if status in (401, 403):
            raise MarketingUnavailable(f"the marketing platform refused the API key ({status}): IT checks it",
                                       status=status, retry_after=300.0)
        raise MarketingRejected(f"the marketing platform refused the orders ({status}): {message}", status=status,
                                rejected=wire.rejected_from(payload))


def _json(body: bytes) -> Any:
    try:
        return json.loads(body) if body else {}
    except ValueError:
        return None


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
