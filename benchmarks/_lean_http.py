"""A minimal HTTP/1.1 client for the benchmarks: one kept-alive loopback connection, a request written in one
piece, the answer read by its Content-Length. It does no more than a POS's request must, so what a round trip
through it costs is almost all the server's.

Why: httpx, the client the other measurements (and the reference POS) use, costs ~0.4 ms of a ~0.5 ms round trip
on this machine, the same on both sides of a ratio. A ratio measured through it says how much slower the POS's
whole round trip is; one measured through this says how much more the link's server side costs than a bare route's.
"""

from __future__ import annotations

import asyncio


class LeanHttp:
    """``await LeanHttp.connect(port, headers)``, then ``await client.request("PUT", "/v1/sales/s1", body)``."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, headers: dict[str, str]) -> None:
        self._reader, self._writer = reader, writer
        self._head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())

    @classmethod
    async def connect(cls, port: int, headers: dict[str, str]) -> LeanHttp:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer, headers)

    async def request(self, method: str, path: str, body: bytes = b"",
                      headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """The answer's status and body. Only an answer with a Content-Length is read (every answer the link and
        the bare routes give but an event stream, which the benchmarks do not open through this)."""
        more = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        self._writer.write(f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{self._head}{more}"
                           f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
        head = await self._reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = None
        for field in head.split(b"\r\n")[1:]:
            name, _, value = field.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise RuntimeError(f"an answer without Content-Length: {head!r}")
        return status, await self._reader.readexactly(length)

    async def close(self) -> None:
        self._writer.close()
        await self._writer.wait_closed()
