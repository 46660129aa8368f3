"""OVSDB active connection methods (``unix:``, ``tcp:``, ``ssl:``) as typed values.

Syntax accepted (what ``ovsdb-client`` and the OVN tools take as SERVER):

* ``unix:PATH``
* ``tcp:HOST[:PORT]`` and ``ssl:HOST[:PORT]``; HOST is an IPv4 address, a host
  name, or an IPv6 address in brackets (``tcp:[::1]:6641``); PORT defaults to
  6640, the IANA port for OVSDB.
* a comma-separated list of the above, spaces allowed around the commas
  (``"tcp:10.0.0.1:6641, tcp:10.0.0.2:6641"``), optionally with one
  ``cid:UUID`` element that names the cluster every server must belong to.

Passive methods (``ptcp:``, ``punix:``, ``pssl:``) are refused with a clear
message: they are what a *server* listens on, and mixing them up is a common
copy-and-paste mistake from ``ovsdb-server --remote`` lines.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from dataclasses import dataclass

from ..errors import UsageError

__all__ = [
    "DEFAULT_PORT",
    "Remote",
    "RemoteList",
    "SslRemote",
    "TcpRemote",
    "UnixRemote",
    "parse_remote",
    "parse_remotes",
]

DEFAULT_PORT = 6640

# A host name per RFC 1123 (labels of letters, digits and hyphens).  We do not
# resolve it here: resolution belongs to connect time, where it can time out.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOSTNAME = re.compile(rf"(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*\.?")


@dataclass(frozen=True, slots=True)
class UnixRemote:
    """``unix:PATH``: a unix domain socket of a local server."""

    path: str

    def __str__(self) -> str:
        return f"unix:{self.path}"


@dataclass(frozen=True, slots=True)
class TcpRemote:
    """``tcp:HOST:PORT``: plain TCP (no authentication, no encryption)."""

    host: str
    port: int = DEFAULT_PORT

    def __str__(self) -> str:
        return f"tcp:{_format_host(self.host)}:{self.port}"


@dataclass(frozen=True, slots=True)
class SslRemote:
    """``ssl:HOST:PORT``: TLS; needs a private key, a certificate and a CA certificate."""

    host: str
    port: int = DEFAULT_PORT

    def __str__(self) -> str:
        return f"ssl:{_format_host(self.host)}:{self.port}"


Remote = UnixRemote | TcpRemote | SslRemote


@dataclass(frozen=True, slots=True)
class RemoteList:
    """The servers of one database, in the order given, plus an optional cluster ID."""

    remotes: tuple[Remote, ...]
    cid: str | None = None

    def __str__(self) -> str:
        parts = [str(r) for r in self.remotes]
        if self.cid is not None:
            parts.append(f"cid:{self.cid}")
        return ",".join(parts)


def parse_remotes(text: str) -> RemoteList:
    """Parse a comma-separated list of connection methods with an optional ``cid:UUID``."""
    remotes: list[Remote] = []
    cid: str | None = None
    for element in text.split(","):
        element = element.strip()
        if not element:
            raise UsageError(f"empty element in remote list {text!r}")
        if element.startswith("cid:"):
            if cid is not None:
                raise UsageError(f"more than one cid: element in remote list {text!r}")
            cid = _parse_cid(element[4:])
            continue
        remotes.append(parse_remote(element))
    if not remotes:
        raise UsageError(f"remote list {text!r} names no server (only a cid)")
    return RemoteList(tuple(remotes), cid)


def parse_remote(text: str) -> Remote:
    """Parse one active connection method."""
    method, sep, rest = text.strip().partition(":")
    if not sep:
        raise UsageError(
            f"bad remote {text!r}: expected unix:PATH, tcp:HOST[:PORT] or ssl:HOST[:PORT]"
        )
    if method == "unix":
        if not rest:
            raise UsageError(f"bad remote {text!r}: unix: needs a socket path")
        return UnixRemote(rest)
    if method in ("tcp", "ssl"):
        host, port = _parse_host_port(text, rest)
        return TcpRemote(host, port) if method == "tcp" else SslRemote(host, port)
    if method in ("ptcp", "pssl", "punix"):
        raise UsageError(
            f"bad remote {text!r}: {method}: is a passive (listening) method; "
            f"connect with {method[1:]}: instead"
        )
    raise UsageError(
        f"bad remote {text!r}: unknown connection method {method!r} (expected unix:, tcp: or ssl:)"
    )


def _parse_host_port(text: str, rest: str) -> tuple[str, int]:
    if rest.startswith("["):
        close = rest.find("]")
        if close < 0:
            raise UsageError(f"bad remote {text!r}: missing ']' after IPv6 address")
        host, tail = rest[1:close], rest[close + 1 :]
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise UsageError(f"bad remote {text!r}: {host!r} is not an IPv6 address")
        if tail and not tail.startswith(":"):
            raise UsageError(f"bad remote {text!r}: expected ':PORT' after ']'")
        port_text = tail[1:] if tail else None
    else:
        if rest.count(":") > 1:
            raise UsageError(
                f"bad remote {text!r}: put an IPv6 address in brackets, e.g. tcp:[::1]:6641"
            )
        host, _, port_text_raw = rest.partition(":")
        port_text = port_text_raw if ":" in rest else None
        if not host:
            raise UsageError(f"bad remote {text!r}: missing host")
        if not _HOSTNAME.fullmatch(host):
            raise UsageError(f"bad remote {text!r}: {host!r} is not a valid host name or address")
    return host, _parse_port(text, port_text)


def _parse_port(text: str, port_text: str | None) -> int:
    if port_text is None:
        return DEFAULT_PORT
    if not port_text.isdigit():
        raise UsageError(f"bad remote {text!r}: port {port_text!r} is not a number")
    port = int(port_text)
    if not 1 <= port <= 65535:
        raise UsageError(f"bad remote {text!r}: port {port} is out of range 1-65535")
    return port


def _parse_cid(text: str) -> str:
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        raise UsageError(f"bad cluster ID {text!r}: expected cid:UUID")


def _format_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
