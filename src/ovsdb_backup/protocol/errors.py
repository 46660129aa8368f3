"""Errors of the protocol layer: all are :class:`~ovsdb_backup.errors.ServerError` (exit 4).

::

    ServerError                      (errors.py; carries .remote)
    ├── ConnectError                 cannot connect: refused, timeout, TLS handshake
    ├── ConnectionLost               the server closed the connection or it broke
    ├── RequestTimeout               no reply within the per-request timeout
    ├── ProtocolError                the peer sent bytes that are not JSON-RPC
    └── RpcError                     the server answered with a JSON-RPC error
        └── TransactionError         an operation of a ``transact`` failed

The server's own ``error`` / ``details`` text is kept verbatim in the message:
operators search for those strings (e.g. ``"duplicate uuid"``,
``"unknown database"``), so paraphrasing them would hurt.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..errors import ServerError

__all__ = [
    "ConnectError",
    "ConnectionLost",
    "ProtocolError",
    "RequestTimeout",
    "RpcError",
    "ServerError",
    "TransactionError",
    "render_error",
]


class ConnectError(ServerError):
    """The connection could not be established (refused, timed out, TLS failure)."""


class ConnectionLost(ServerError):
    """The connection broke or the server closed it."""


class RequestTimeout(ServerError):
    """The server did not answer a request in time."""


class ProtocolError(ServerError):
    """The peer sent something that is not a JSON-RPC 1.0 message stream."""


class RpcError(ServerError):
    """The server answered a request with a JSON-RPC error (``"error"`` non-null)."""

    def __init__(self, message: str, *, error: Any, remote: str | None = None) -> None:
        super().__init__(message, remote=remote)
        self.error = error


class TransactionError(RpcError):
    """An operation inside a ``transact`` failed; ``op_index`` says which one."""

    def __init__(
        self, message: str, *, error: Any, op_index: int, remote: str | None = None
    ) -> None:
        super().__init__(message, error=error, remote=remote)
        self.op_index = op_index


def render_error(error: Any) -> str:
    """Show a server error verbatim: ``error`` first, then ``details``, then anything else.

    ovsdb-server errors are objects such as ``{"error": "unknown database",
    "details": "...", "syntax": "..."}``; some are bare strings
    (``"unknown method"``).
    """
    if isinstance(error, str):
        return error
    if isinstance(error, dict):
        head = error.get("error")
        details = error.get("details")
        text = str(head) if head is not None else ""
        if details:
            text = f"{text}: {details}" if text else str(details)
        rest = {k: v for k, v in error.items() if k not in ("error", "details")}
        if rest:
            # e.g. "syntax", which repeats the whole request: keep it short.
            extra = orjson.dumps(rest).decode()
            text = f"{text} {extra if len(extra) <= 300 else extra[:300] + '…'}"
        return text or orjson.dumps(error).decode()
    return orjson.dumps(error).decode()
