"""Where the client may send the API key: HTTPS only, except to this machine (the simulator, tests)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from pos_engage.core.errors import ConfigError

LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(url: str, *, what: str = "Engage", example: str = "https://yourtenant.voyado.com") -> str:
    """The base URL without a trailing slash; http:// is refused unless the host is loopback."""
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(f"the {what} address is empty: set it like {example}")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigError(f"'{url}' is not a web address: set it like {example}")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigError(
            f"'{url}' is not secure: {what} must be reached over https:// (http:// is only allowed to this machine)"
        )
    if parts.username or parts.password:
        raise ConfigError(f"the {what} address must not contain a user name or password")
    if parts.query or parts.fragment:
        raise ConfigError(f"the {what} address must not contain ?query or #fragment parts")
    # The API's own path pasted in (an IT review: '.../api/v3/' was taken, and every call's 404 was reported as
    # Engage being down for now): the till adds /api/v3/... itself. Another path stays (a proxy's prefix).
    if what == "Engage" and parts.path.lower().rstrip("/").split("/")[1:2] == ["api"]:
        base = f"{parts.scheme}://{parts.netloc}"
        raise ConfigError(f"'{url}' names Engage's API path: give the tenant's address only, like {base} (the till "
                          "adds /api/v3/... itself)")
    return url.strip().rstrip("/")


def check_api_key(key: str) -> str:
    if not isinstance(key, str) or not key.strip():
        raise ConfigError("no Engage API key is set: IT provisions it with 'pos-engage configure --api-key-stdin'")
    key = key.strip()
    if any(ord(ch) > 126 for ch in key):  # an HTTP header is plain ASCII: every request would fail, misleadingly
        raise ConfigError("the Engage API key holds a character that is not plain ASCII (a curly quote?): paste it "
                          "again as plain text")
    if any(ch.isspace() or ord(ch) < 32 for ch in key):
        raise ConfigError("the Engage API key contains spaces or control characters: paste it again")
    return key
