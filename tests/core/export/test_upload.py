"""Upload to real SFTP and FTPS servers on loopback: .part then rename, contacts first, retries, pinned key."""

from __future__ import annotations

import ssl

import pytest

from pos_engage.core.config import FileServerSettings
from pos_engage.core.domain import MatchKey, MatchKeyType, NewContact
from pos_engage.core.errors import ConfigError
from pos_engage.core.export.exporter import export_queue
from pos_engage.core.export.upload import FileServer, upload_ready
from pos_engage.core.journal import payloads
from tests.core.conftest import sale
from tests.core.export.servers import PASSWORD, USER, FTPSTestServer, SFTPTestServer

pytestmark = pytest.mark.network


async def no_wait(seconds: float) -> None:
    return None


def exported(journal, folder):
    journal.record([payloads.registration(NewContact(first_name="Up", email="up@example.se"), store_external_id="1"),
                    payloads.receipt(sale("r-up", MatchKey("up@example.se", MatchKeyType.EMAIL)), depends_on_index=0)])
    result = export_queue(journal, folder, store="1", till="2", actor="manager", clock=journal.clock)
    assert len(result.files) == 2
    return result.files


@pytest.fixture
async def sftp(tmp_path):
    server = await SFTPTestServer(tmp_path / "sftp-root").start()
    yield server
    await server.stop()


@pytest.fixture
def ftps(tmp_path):
    (tmp_path / "certs").mkdir()
    server = FTPSTestServer(tmp_path / "ftp-root", tmp_path / "certs").start()
    yield server
    server.stop()


def sftp_settings(server: SFTPTestServer, **changes) -> FileServerSettings:
    values = {"protocol": "sftp", "host": "127.0.0.1", "port": server.port, "user": USER,
              "host_key": server.public_key} | changes
    return FileServerSettings(**values)


def ftps_server(server: FTPSTestServer, password: str = PASSWORD) -> FileServer:
    settings = FileServerSettings(protocol="ftps", host="127.0.0.1", port=server.port, user=USER)
    return FileServer(settings, password, tls_context=ssl.create_default_context(cafile=str(server.cert)))


def uploaded_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


async def test_sftp_upload_contacts_first_via_part_files(journal, tmp_path, sftp):
    contacts, transactions = exported(journal, tmp_path / "out")
    sent = transactions.read_bytes()
    result = await upload_ready(journal, tmp_path / "out", FileServer(sftp_settings(sftp), PASSWORD), sleep=no_wait)
    assert result.uploaded == [contacts.name, transactions.name]
    assert uploaded_files(sftp.root) == [f"integration/contactImport/{contacts.name}",
                                         f"integration/transactionImport/{transactions.name}"]
    assert (sftp.root / "integration/transactionImport" / transactions.name).read_bytes() == sent
    # Engage has them: the local copies (customers' emails) are gone; the manifest keeps the record.
    assert not contacts.exists() and not transactions.exists()
    assert sftp.faults.events == [f"rename {contacts.name}", f"rename {transactions.name}"]
    rows = journal.connection.execute("SELECT state, upload_target FROM exports ORDER BY id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("uploaded", f"sftp://{USER}@127.0.0.1:{sftp.port}")] * 2
    again = await upload_ready(journal, tmp_path / "out", FileServer(sftp_settings(sftp), PASSWORD), sleep=no_wait)
    assert again.uploaded == []  # each file goes up once


async def test_sftp_drop_mid_transfer_is_retried(journal, tmp_path, sftp):
    exported(journal, tmp_path / "out")
    big = tmp_path / "out"
    for path in big.glob("*.xml"):  # make the files long enough to be cut in the middle
        path.write_bytes(path.read_bytes() + b"<!-- " + b"x" * 300_000 + b" -->\n")
    sftp.faults.drops = 1
    result = await upload_ready(journal, big, FileServer(sftp_settings(sftp), PASSWORD), sleep=no_wait)
    assert len(result.uploaded) == 2 and not result.failed
    assert "dropped" in sftp.faults.events
    assert not any(name.endswith(".part") for name in uploaded_files(sftp.root))


async def test_sftp_host_key_mismatch_is_refused(journal, tmp_path, sftp):
    import asyncssh
    exported(journal, tmp_path / "out")
    impostor = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode()
    result = await upload_ready(journal, tmp_path / "out", FileServer(sftp_settings(sftp, host_key=impostor), PASSWORD),
                                sleep=no_wait)
    assert result.uploaded == [] and "host key does not match" in result.failed[0][1]
    assert "waits for the contacts file" in result.failed[1][1]
    assert uploaded_files(sftp.root) == []


async def test_sftp_wrong_password(journal, tmp_path, sftp):
    exported(journal, tmp_path / "out")
    result = await upload_ready(journal, tmp_path / "out", FileServer(sftp_settings(sftp), "wrong"), sleep=no_wait)
    assert result.uploaded == [] and "password" in result.failed[0][1]


def test_sftp_without_a_pinned_key_is_refused_up_front():
    with pytest.raises(ConfigError, match="host key"):
        FileServer(FileServerSettings(protocol="sftp", host="files.example", user="u"), "p")


async def test_ftps_upload_with_tls_and_rename(journal, tmp_path, ftps):
    contacts, transactions = exported(journal, tmp_path / "out")
    result = await upload_ready(journal, tmp_path / "out", ftps_server(ftps), sleep=no_wait)
    assert result.uploaded == [contacts.name, transactions.name], result.failed
    assert uploaded_files(ftps.root) == [f"integration/contactImport/{contacts.name}",
                                         f"integration/transactionImport/{transactions.name}"]
    assert ftps.faults.events == [f"rename {contacts.name}", f"rename {transactions.name}"]


async def test_ftps_drop_mid_transfer_is_retried(journal, tmp_path, ftps):
    exported(journal, tmp_path / "out")
    for path in (tmp_path / "out").glob("*.xml"):
        path.write_bytes(path.read_bytes() + b"<!-- " + b"x" * 300_000 + b" -->\n")
    ftps.faults.drops = 1
    result = await upload_ready(journal, tmp_path / "out", ftps_server(ftps), sleep=no_wait)
    assert len(result.uploaded) == 2, result.failed
    assert "dropped" in ftps.faults.events
    assert not any(name.endswith(".part") for name in uploaded_files(ftps.root))


async def test_ftps_untrusted_certificate_is_refused(journal, tmp_path, ftps):
    exported(journal, tmp_path / "out")
    settings = FileServerSettings(protocol="ftps", host="127.0.0.1", port=ftps.port, user=USER)
    result = await upload_ready(journal, tmp_path / "out", FileServer(settings, PASSWORD), sleep=no_wait)
    assert result.uploaded == [] and "certificate" in result.failed[0][1].lower()
    assert uploaded_files(ftps.root) == []


async def test_stopping_an_upload_between_files(journal, tmp_path, sftp):
    contacts, transactions = exported(journal, tmp_path / "out")
    done = []
    result = await upload_ready(journal, tmp_path / "out", FileServer(sftp_settings(sftp), PASSWORD), sleep=no_wait,
                                progress=lambda n, total: done.append((n, total)), should_stop=lambda: bool(done))
    assert result.uploaded == [contacts.name] and done == [(1, 2)]
    assert result.failed == [(transactions.name, "not uploaded: stopped")]
    again = await upload_ready(journal, tmp_path / "out", FileServer(sftp_settings(sftp), PASSWORD), sleep=no_wait)
    assert again.uploaded == [transactions.name]  # the rest goes next time
