"""Uploading exported files to Engage's file server: SFTP (Engage's own, port 22) or FTPS.

Each file goes up as ``name.part`` and is renamed when complete, so Engage's hourly pickup never reads half a
file; contacts go before transactions; a failed transfer is retried; the SFTP host key is pinned (never
trust-on-first-use); each upload is recorded in the manifest.
"""

from __future__ import annotations

import asyncio
import contextlib
import ftplib
import posixpath
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from pos_engage.core import texts
from pos_engage.core.config import FileServerSettings
from pos_engage.core.errors import ConfigError, PosEngageError
from pos_engage.core.export.exporter import recover
from pos_engage.core.export.plan import files_counted
from pos_engage.core.journal.store import Journal

ATTEMPTS = 3
RETRY_DELAYS = (1.0, 3.0)
CONNECT_TIMEOUT = 15.0


class UploadError(PosEngageError):
    """The file server could not take the files; they stay ready and go with the next upload."""


@dataclass
class UploadResult:
    """Which exported files reached the file server and which did not (with why)."""

    uploaded: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        uploaded = files_counted(len(self.uploaded))
        if self.failed:
            return texts.tr("{uploaded} uploaded, {failed} not uploaded: {why}", uploaded=uploaded,
                            failed=len(self.failed), why="; ".join(f"{n}: {why}" for n, why in self.failed))
        return texts.tr("{uploaded} uploaded", uploaded=uploaded)


class ReusedSessionFTP_TLS(ftplib.FTP_TLS):
    """FTPS whose data connections resume the control connection's TLS session: vsftpd-style servers
    refuse a data connection that does not (stdlib ftplib does not do it by itself)."""

    def ntransfercmd(self, cmd, rest=None):
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)  # noqa: S321 - wrapped in TLS just below
        if self._prot_p:
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=self.sock.session)
        return conn, size


def _remote_folder(settings: FileServerSettings, file_kind: str) -> str:
    return {"contacts": settings.contacts_folder, "orders": settings.orders_folder}.get(
        file_kind, settings.transactions_folder)


class FileServer:
    """One upload session to the tenant's file server."""

    def __init__(self, settings: FileServerSettings, password: str, *,
                 tls_context: ssl.SSLContext | None = None) -> None:
        if not settings.host or not settings.user:
            raise ConfigError("the file server is not set up: host and user are needed (settings, IT)")
        if settings.protocol not in ("sftp", "ftps"):
            raise ConfigError(f"file server protocol must be sftp or ftps, not {settings.protocol!r}")
        if settings.protocol == "sftp" and not settings.host_key:
            raise ConfigError("the file server's host key is not pinned: IT sets file_server.host_key to the key "
                              "Voyado gives (never trusted on first use)")
        self.settings = settings
        self.password = password
        self.tls_context = tls_context or ssl.create_default_context()

    @property
    def target(self) -> str:
        return f"{self.settings.protocol}://{self.settings.user}@{self.settings.host}:{self.settings.port}"

    async def put(self, local: Path, folder: str) -> None:
        if self.settings.protocol == "sftp":
            await self._put_sftp(local, folder)
        else:
            await asyncio.to_thread(self._put_ftps, local, folder)

    async def _put_sftp(self, local: Path, folder: str) -> None:
        try:
            pinned = asyncssh.import_public_key(self.settings.host_key)
        except (asyncssh.KeyImportError, ValueError) as exc:
            raise ConfigError(f"the pinned file server host key cannot be read: {exc}") from exc
        part, final = posixpath.join(folder, local.name + ".part"), posixpath.join(folder, local.name)
        try:
            async with asyncssh.connect(self.settings.host, self.settings.port, username=self.settings.user,
                                        password=self.password, known_hosts=([pinned], [], []), client_keys=None,
                                        connect_timeout=CONNECT_TIMEOUT) as connection, \
                    connection.start_sftp_client() as sftp:
                await sftp.put(str(local), part)
                try:
                    await sftp.posix_rename(part, final)
                except asyncssh.SFTPOpUnsupported:
                    if await sftp.exists(final):
                        await sftp.remove(final)
                    await sftp.rename(part, final)
        except asyncssh.HostKeyNotVerifiable as exc:
            raise UploadError(f"the file server's host key does not match the pinned key: refusing to send "
                              f"(possible interception; ask IT) [{exc}]") from exc
        except asyncssh.PermissionDenied as exc:
            raise UploadError("the file server refused the user name or password (IT)") from exc
        except (OSError, asyncssh.Error, TimeoutError) as exc:
            raise UploadError(f"the transfer failed: {exc}") from exc

    def _put_ftps(self, local: Path, folder: str) -> None:
        try:
            with ReusedSessionFTP_TLS(context=self.tls_context, timeout=CONNECT_TIMEOUT) as ftp:
                ftp.connect(self.settings.host, self.settings.port)
                ftp.login(self.settings.user, self.password)
                ftp.prot_p()
                ftp.cwd(folder)
                with open(local, "rb") as handle:
                    ftp.storbinary(f"STOR {local.name}.part", handle)
                if local.name in ftp.nlst():
                    ftp.delete(local.name)
                ftp.voidcmd("TYPE I")  # nlst switched to ASCII
                ftp.rename(f"{local.name}.part", local.name)
        except ftplib.error_perm as exc:
            raise UploadError(f"the file server refused: {exc}") from exc
        except (OSError, ftplib.Error, EOFError) as exc:
            raise UploadError(f"the transfer failed: {exc}") from exc


async def upload_ready(journal: Journal, folder: Path, server: FileServer, *,
                       sleep: Callable[[float], object] = asyncio.sleep,
                       clock: Callable[[], float] = time.time,
                       progress: Callable[[int, int], None] | None = None,
                       should_stop: Callable[[], bool] | None = None) -> UploadResult:
    """Upload every exported file not yet uploaded: contacts first, then transactions, oldest first.
    A transactions file waits while an earlier contacts file could not be uploaded."""
    recover(journal, folder)
    rows = journal.connection.execute(
        "SELECT file_name, file_kind FROM exports WHERE state = 'ready' "
        "ORDER BY CASE file_kind WHEN 'contacts' THEN 0 ELSE 1 END, created_at, id").fetchall()
    result = UploadResult()
    contacts_failed = False
    for number, row in enumerate(rows, start=1):
        if should_stop and should_stop():  # between files: each file is either up (renamed) or not at all
            result.failed.extend((r["file_name"], "not uploaded: stopped") for r in rows[number - 1:])
            break
        name, kind = row["file_name"], row["file_kind"]
        if kind in ("transactions", "orders") and contacts_failed:
            result.failed.append((name, "waits for the contacts file (its customers must exist first)"))
            continue
        error = None
        for attempt in range(ATTEMPTS):
            try:
                await server.put(folder / name, _remote_folder(server.settings, kind))
                error = None
                break
            except UploadError as exc:
                error = str(exc)
                if "host key" in error or "refused" in error or attempt == ATTEMPTS - 1:
                    break
                await sleep(RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)])
        if error:
            result.failed.append((name, error))
            contacts_failed = contacts_failed or kind == "contacts"
            continue
        with journal.write_transaction("record the upload") as db:
            db.execute("UPDATE exports SET state = 'uploaded', uploaded_at = ?, upload_target = ? WHERE file_name = ?",
                       (clock(), server.target, name))
        # Engage has the file (the server confirmed the rename): the local copy holds customers' emails and has no
        # use left, so it goes. The manifest row (name, checksum, when, where) stays as the record.
        with contextlib.suppress(OSError):
            (folder / name).unlink()
        result.uploaded.append(name)
        if progress:
            progress(number, len(rows))
    return result
