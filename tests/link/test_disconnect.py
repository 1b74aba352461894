"""A POS that hangs up mid-request (issue 16, Bad input): half a body, a chunked body cut short, or a long poll left
waiting; nothing is started from half a request, nothing is logged as a failure, and the link answers the next
request as usual. Raw sockets against the link served on loopback. (A commit whose answer is lost is
test_bad_input's.)"""

from __future__ import annotations

import asyncio
import json
import logging

from tests.link.conftest import TOKEN

SALE = json.dumps({"currency": "SEK", "lines": [
    {"lineId": "1", "sku": "1001", "name": "T-shirt", "quantity": 1, "lineTotal": 19900, "vatPercent": 25}]}).encode()


async def hang_up_after(port: int, request: bytes) -> None:
    _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    await asyncio.sleep(0.1)
    writer.close()
    await writer.wait_closed()


async def test_a_pos_that_hangs_up_mid_request_starts_nothing_and_the_link_goes_on(rig, caplog):
    caplog.set_level(logging.WARNING)
    head = f"Host: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n"
    await hang_up_after(rig.server.port, (f"PUT /v1/sales/half HTTP/1.1\r\n{head}Content-Length: {len(SALE)}"
                                          "\r\n\r\n").encode() + SALE[:25])
    await hang_up_after(rig.server.port, (f"PUT /v1/sales/chunked HTTP/1.1\r\n{head}Transfer-Encoding: chunked"
                                          "\r\n\r\n10\r\n").encode() + SALE[:16] + b"\r\n")
    opened = await rig.http.put("/v1/sales/waited", content=SALE)
    version = opened.json()["version"]
    await hang_up_after(rig.server.port, (f"GET /v1/sales/waited?afterVersion={version}&waitSeconds=1 HTTP/1.1"
                                          f"\r\n{head}\r\n").encode())
    for sale in ("half", "chunked"):
        assert (await rig.http.get(f"/v1/sales/{sale}")).status_code == 404
    assert [s.pos_sale_id for s in rig.sessions.open_sessions()] == ["waited"]
    await asyncio.sleep(1.2)                          # the abandoned long poll has run out meanwhile
    again = await rig.http.put("/v1/sales/half", content=SALE)
    assert again.status_code == 200 and again.json()["totals"]["toPay"] == 19900
    assert (await rig.http.get("/v1/status")).json()["openSales"] == 2
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
