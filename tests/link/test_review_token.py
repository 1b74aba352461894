"""The token as IT may keep it (issue 16's review): with a line break or spaces around it (an environment file, a
value pasted into a keyring tool). It was compared with them, so no request could ever carry it and every one was
refused, while the link said it had a token (doctor: listens, no warning). Over loopback HTTP."""

from __future__ import annotations

from tests.link.conftest import served


async def test_a_token_kept_with_a_line_break_is_the_token(tenant, tmp_path):
    async with served(tenant, tmp_path / "journal.sqlite3", token="it-made-this-one\r\n") as rig:
        ok = await rig.http.get("/v1/status", headers={"Authorization": "Bearer it-made-this-one"})
        assert ok.status_code == 200, ok.text
        wrong = await rig.http.get("/v1/status", headers={"Authorization": "Bearer it-made-this"})
        assert wrong.status_code == 401


async def test_a_token_of_only_spaces_is_no_token(tenant, tmp_path):
    async with served(tenant, tmp_path / "journal.sqlite3", token="  \n") as rig:
        assert not rig.link.tokens.configured   # doctor warns: every request is refused until IT makes one
        assert (await rig.http.get("/v1/status", headers={"Authorization": "Bearer x"})).status_code == 401
