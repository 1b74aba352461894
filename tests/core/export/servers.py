"""Real file servers for upload tests, on 127.0.0.1 and free ports: SFTP (asyncssh) and FTP/FTPS (pyftpdlib).

Each can drop the connection in the middle of a transfer a given number of times.
"""

from __future__ import annotations

import datetime
import ipaddress
import threading
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_DTPHandler, TLS_FTPHandler
from pyftpdlib.servers import ThreadedFTPServer

USER, PASSWORD = "till-12", "s3cret-pass"
FOLDERS = ("integration/contactImport", "integration/transactionImport")


@dataclass
class Faults:
    drops: int = 0                          # transfers to cut in the middle
    events: list[str] = field(default_factory=list)


def make_root(root: Path) -> Path:
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
    return root


class SFTPTestServer:
    def __init__(self, root: Path) -> None:
        self.root = make_root(root)
        self.faults = Faults()
        self.host_key = asyncssh.generate_private_key("ssh-ed25519")
        self.server = None
        self.port = 0

    @property
    def public_key(self) -> str:
        return self.host_key.export_public_key().decode().strip()

    async def start(self) -> SFTPTestServer:
        faults, root = self.faults, str(self.root)

        class Auth(asyncssh.SSHServer):
            def begin_auth(self, username: str) -> bool:
                return True

            def password_auth_supported(self) -> bool:
                return True

            def validate_password(self, username: str, password: str) -> bool:
                return (username, password) == (USER, PASSWORD)

        class Files(asyncssh.SFTPServer):
            def __init__(self, chan) -> None:
                super().__init__(chan, chroot=root)

            def write(self, file_obj, offset, data):
                if faults.drops:
                    # Half of the block reaches the .part file, then the connection dies.
                    faults.drops -= 1
                    faults.events.append("dropped")
                    super().write(file_obj, offset, data[: len(data) // 2])
                    self.connection.abort()
                    raise asyncssh.SFTPConnectionLost("dropped by the test server")
                return super().write(file_obj, offset, data)

            def rename(self, oldpath, newpath):
                faults.events.append(f"rename {newpath.decode().split('/')[-1]}")
                return super().rename(oldpath, newpath)

            def posix_rename(self, oldpath, newpath):
                faults.events.append(f"rename {newpath.decode().split('/')[-1]}")
                return super().posix_rename(oldpath, newpath)

        self.server = await asyncssh.listen("127.0.0.1", 0, server_host_keys=[self.host_key], server_factory=Auth,
                                            sftp_factory=Files, allow_scp=False)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        self.server.close()
        await self.server.wait_closed()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class FTPSTestServer:
    def __init__(self, root: Path, certs: Path) -> None:
        self.root = make_root(root)
        self.faults = Faults()
        self.cert, self.key = self_signed(certs)
        faults = self.faults

        class DroppingDTP(TLS_DTPHandler):
            # recv, not handle_read: pyftpdlib binds handle_read_event to the base class's handle_read.
            def recv(self, buffer_size):
                if faults.drops and self.tot_bytes_received > 0:
                    faults.drops -= 1
                    faults.events.append("dropped")
                    self.socket.close()  # the data connection dies mid-file
                    raise OSError("dropped by the test server")
                return super().recv(buffer_size)

        authorizer = DummyAuthorizer()
        authorizer.add_user(USER, PASSWORD, str(self.root), perm="elradfmw")
        handler = type("Handler", (TLS_FTPHandler,), {
            "authorizer": authorizer, "certfile": str(self.cert), "keyfile": str(self.key),
            "tls_control_required": True, "tls_data_required": True, "dtp_handler": DroppingDTP,
            "passive_ports": None, "ac_in_buffer_size": 4096})

        def on_rename(self_handler, line):
            faults.events.append(f"rename {line.split('/')[-1]}")
            return TLS_FTPHandler.ftp_RNTO(self_handler, line)

        handler.ftp_RNTO = on_rename
        handler.banner = "pos-engage test FTPS"
        self.server = ThreadedFTPServer(("127.0.0.1", 0), handler)
        self.port = self.server.socket.getsockname()[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"timeout": 0.1}, daemon=True)

    def start(self) -> FTPSTestServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.close_all()
        self.thread.join(timeout=10)
