"""``ovs-appctl`` without the binary: one JSON-RPC request over a daemon's control socket.

The control socket (``ovsdb-server --unixctl=PATH``; OVN packaging uses
``/var/run/ovn/ovnnb_db.ctl``) speaks the same JSON-RPC as OVSDB.  A request is
``{"method": "cluster/status", "params": ["OVN_Northbound"], "id": 0}`` with
string arguments; the reply is ``{"id": 0, "result": "<text>", "error": null}``
or, on failure, ``{"id": 0, "error": "<text>"}`` with no ``result`` member.
Like ``ovs-appctl``, we open one connection per command.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from .errors import ConnectError, ConnectionLost, ProtocolError, RequestTimeout, RpcError
from .jsonrpc import Decoder, Response, encode_request

__all__ = ["unixctl"]


async def unixctl(
    socket_path: str | Path, command: str, *args: str, timeout: float | None = 10.0
) -> str:
    """Run ``ovs-appctl -t SOCKET COMMAND ARGS…`` and return its text output.

    Raises :class:`RpcError` carrying the daemon's message verbatim (e.g.
    ``"unknown cluster"`` for ``cluster/status`` of a standalone database).
    """
    where = f"unix:{socket_path}"
    try:
        async with asyncio.timeout(timeout):
            try:
                reader, writer = await asyncio.open_unix_connection(str(socket_path))
            except OSError as exc:
                raise ConnectError(
                    f"cannot connect to control socket {socket_path}: {exc.strerror or exc}",
                    remote=where,
                ) from None
            try:
                writer.write(encode_request(command, list(args), 0))
                await writer.drain()
                response = await _read_reply(reader, where)
            except OSError as exc:  # e.g. reset: the daemon died while we were talking
                raise ConnectionLost(
                    f"{where}: control connection failed: {exc.strerror or exc}", remote=where
                ) from None
            finally:
                writer.close()
                with contextlib.suppress(OSError):
                    await writer.wait_closed()
    except TimeoutError:
        raise RequestTimeout(
            f"{where}: no reply to {command} within {timeout:g} s", remote=where
        ) from None
    if response.error is not None:
        message = str(response.error).rstrip("\n")
        raise RpcError(f"{where}: {command} failed: {message}", error=response.error, remote=where)
    if not isinstance(response.result, str):
        raise ProtocolError(f"{where}: {command} returned {response.result!r}", remote=where)
    return response.result


async def _read_reply(reader: asyncio.StreamReader, where: str) -> Response:
    decoder = Decoder()
    while True:
        data = await reader.read(65536)
        if not data:
            raise ConnectionLost(f"{where}: daemon closed the control connection", remote=where)
        for event in decoder.feed(data):
            if isinstance(event, Response):
                return event
