"""The POS link's token is read in a worker thread while the link listens, never by a request on the till's loop
(tokens.TokenSource.keep_fresh): a keyring answers in 0.1 ms (a file) to several ms (a secret service over D-Bus),
and a POS asking a few seconds apart found the token older than its two seconds at nearly every request, so the
read held up its answer and the window. Rotation still takes effect without a restart. Over loopback HTTP."""

from __future__ import annotations

import asyncio
import threading

from pos_engage.link.tokens import TokenSource
from tests.link.conftest import served


async def until(condition, tries: int = 500) -> bool:
    for _ in range(tries):
        if await condition():
            return True
        await asyncio.sleep(0.02)
    return False


async def test_requests_never_read_the_token_on_the_loop_and_a_new_one_is_taken(tenant, tmp_path):
    loop_thread = threading.current_thread()
    current, readers = ["first-token"], []

    def read() -> str:
        readers.append(threading.current_thread())
        return current[0]

    tokens = TokenSource(read, ttl=0.01)
    async with served(tenant, tmp_path / "journal.sqlite3", token="first-token", tokens=tokens) as rig:
        for _ in range(10):
            await asyncio.sleep(0.03)   # the token is older than its ttl at each request
            assert (await rig.http.get("/v1/status")).status_code == 200
        assert len(readers) > 1
        assert all(reader is not loop_thread for reader in readers)   # not one read on the loop

        current[0] = "second-token"   # IT rotated it: taken without a restart, and the old one refused

        async def second_taken() -> bool:
            answer = await rig.http.get("/v1/status", headers={"Authorization": "Bearer second-token"})
            return answer.status_code == 200

        assert await until(second_taken)
        assert (await rig.http.get("/v1/status")).status_code == 401
        assert all(reader is not loop_thread for reader in readers)


async def test_a_keyring_that_fails_keeps_the_token_read_before(tenant, tmp_path):
    calls = [0]

    def read() -> str:
        calls[0] += 1
        if calls[0] > 1:
            raise RuntimeError("the secret service went away")
        return "first-token"

    tokens = TokenSource(read, ttl=0.01)
    async with served(tenant, tmp_path / "journal.sqlite3", token="first-token", tokens=tokens) as rig:
        assert await until(lambda: asyncio.sleep(0, calls[0] > 3))
        assert (await rig.http.get("/v1/status")).status_code == 200


def test_without_the_server_a_read_past_its_ttl_reads_in_place():
    clock, reads = [0.0], []
    tokens = TokenSource(lambda: reads.append(1) or "t", ttl=2.0, clock=lambda: clock[0])
    assert tokens.accepts("Bearer t") and len(reads) == 1
    assert tokens.accepts("Bearer t") and len(reads) == 1
    clock[0] += 2.0
    assert tokens.accepts("Bearer t") and len(reads) == 2
