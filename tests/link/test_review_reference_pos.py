"""The reference POS is the integrators' example (issue 16's review): its long polls must not spin.

With less than a second of its --wait left it asked with waitSeconds=0 (int() of 0.9), which answers at once, and
again, as fast as the loop could go, until the deadline: hundreds of requests. Over loopback HTTP, counting the
polls the till answered."""

from __future__ import annotations

import asyncio
import io
from argparse import Namespace

from pos_engage import cli_link
from pos_engage.core.config import Config


async def test_the_reference_pos_does_not_poll_in_a_tight_loop(rig):
    polls = 0
    read = rig.sessions.get

    def counted(pos_sale_id):
        nonlocal polls
        polls += 1
        return read(pos_sale_id)

    rig.sessions.get = counted   # the real sessions, their reads counted
    args = Namespace(url=rig.server.url, token="test-token-0123456789", sale="spin-1", customer=None, wait=1.5,
                     json=False)
    assert await asyncio.to_thread(cli_link.pos_demo, args, Config(), io.StringIO()) == 0
    assert rig.sessions.get("spin-1").status == "committed"
    assert polls <= 5, f"{polls} reads in 1.5 s"
