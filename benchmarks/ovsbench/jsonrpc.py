"""A small synchronous JSON-RPC client for ovsdb-server over a unix socket.

The generator sends a few hundred thousand transactions; a process per
transaction (``ovsdb-client transact``) would cost more than the server work.
This client keeps one connection, encodes with orjson and can keep several
requests in flight (``window``), because a clustered server answers a
transaction only after the Raft commit, and waiting for each answer before
sending the next request leaves both cores idle.
"""

from __future__ import annotations

import re
import socket
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import orjson

# Outside a string only braces and quotes matter for finding where a
# top-level object ends; inside a string only the closing quote and escapes.
_OUTSIDE = re.compile(rb'[{}"]')
_INSIDE = re.compile(rb'["\\]')
_BACKSLASH = 0x5C
_QUOTE = 0x22
_OPEN = 0x7B


class RpcError(Exception):
    """The server answered with an error, or the connection failed."""


class JsonStreamSplitter:
    """Cuts a byte stream into complete top-level JSON objects.

    OVSDB's JSON-RPC has no framing: messages are sent back to back, so the end
    of one is found by tracking brace depth outside strings. The scanner keeps
    its state between chunks and skips ahead with regular expressions, which
    keeps a multi-megabyte ``select`` reply cheap to split.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self._pos = 0
        self._depth = 0
        self._in_string = False

    def feed(self, data: bytes) -> list[bytes]:
        """Add bytes; return every message completed by them."""
        self._buf += data
        buf = self._buf
        pos = self._pos
        done: list[bytes] = []
        while True:
            if self._in_string:
                m = _INSIDE.search(buf, pos)
                if m is None:
                    pos = len(buf)
                    break
                at = m.start()
                if buf[at] == _BACKSLASH:
                    if at + 1 >= len(buf):
                        pos = at  # the escaped byte has not arrived yet
                        break
                    pos = at + 2
                    continue
                self._in_string = False
                pos = at + 1
                continue
            m = _OUTSIDE.search(buf, pos)
            if m is None:
                pos = len(buf)
                break
            char = buf[m.start()]
            pos = m.start() + 1
            if char == _QUOTE:
                self._in_string = True
            elif char == _OPEN:
                self._depth += 1
            else:
                self._depth -= 1
                if self._depth == 0:
                    done.append(bytes(buf[:pos]))
                    del buf[:pos]
                    pos = 0
        self._pos = pos
        return done


ResultHandler = Callable[[Any], None]


class JsonRpcClient:
    """One connection to an ovsdb-server unix socket."""

    def __init__(self, path: str, *, timeout: float = 600.0) -> None:
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.settimeout(timeout)
        self._sock.connect(path)
        self._splitter = JsonStreamSplitter()
        self._inbox: deque[dict[str, Any]] = deque()
        self._next_id = 0
        self._pending: dict[int, ResultHandler] = {}

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> JsonRpcClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- single calls -----------------------------------------------------
    def call(self, method: str, params: list[Any]) -> Any:
        """Send one request and wait for its result (other replies are handled too)."""
        box: list[Any] = []
        self.submit(method, params, box.append)
        while not box:
            self._dispatch_one()
        return box[0]

    def transact(self, db: str, ops: list[dict[str, Any]]) -> list[Any]:
        """Run one transaction; raise RpcError if any operation failed."""
        result = self.call("transact", [db, *ops])
        check_transact_result(result, ops)
        return list(result)

    # -- pipelined calls --------------------------------------------------
    def submit(self, method: str, params: list[Any], on_result: ResultHandler) -> None:
        """Send a request now; ``on_result`` runs when its reply arrives."""
        self._next_id += 1
        self._pending[self._next_id] = on_result
        self._sock.sendall(orjson.dumps({"method": method, "params": params, "id": self._next_id}))

    @property
    def in_flight(self) -> int:
        return len(self._pending)

    def wait_below(self, limit: int) -> None:
        """Handle replies until fewer than ``limit`` requests are in flight."""
        while len(self._pending) >= max(limit, 1):
            self._dispatch_one()

    def drain(self) -> None:
        self.wait_below(1)

    def _dispatch_one(self) -> None:
        msg = self._receive()
        if msg.get("method") == "echo":
            # ovsdb-server probes idle TCP clients; answer in case a remote enables it.
            reply = {"id": msg.get("id"), "result": msg.get("params"), "error": None}
            self._sock.sendall(orjson.dumps(reply))
            return
        msg_id = msg.get("id")
        handler = self._pending.pop(msg_id, None) if isinstance(msg_id, int) else None
        if handler is None:
            return  # notifications (e.g. "update") are not used by the harness
        if msg.get("error") is not None:
            raise RpcError(f"server error: {msg['error']!r}")
        handler(msg.get("result"))

    def _receive(self) -> dict[str, Any]:
        while not self._inbox:
            data = self._sock.recv(1 << 20)
            if not data:
                raise RpcError("server closed the connection")
            for raw in self._splitter.feed(data):
                self._inbox.append(orjson.loads(raw))
        return self._inbox.popleft()


def check_transact_result(result: Any, ops: list[dict[str, Any]]) -> None:
    """Raise RpcError with the failing operation when a transaction failed.

    ovsdb-server reports a failure inside the result array: the failing
    operation's slot (or one extra trailing slot for commit-time errors such as
    referential integrity) holds ``{"error": ..., "details": ...}``.
    """
    if not isinstance(result, list):
        raise RpcError(f"unexpected transact result: {result!r:.200}")
    for i, item in enumerate(result):
        if isinstance(item, dict) and "error" in item:
            op = ops[i] if i < len(ops) else None
            raise RpcError(
                f"transaction failed at operation {i}: {item.get('error')}: "
                f"{item.get('details', '')} (operation: {orjson.dumps(op)[:300]!r})"
            )


def wait_for_socket(path: str, *, timeout: float, alive: Callable[[], bool]) -> None:
    """Poll until a unix socket accepts connections (the server has loaded its DB)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                probe.connect(path)
            return
        except OSError:
            if not alive():
                raise RpcError(f"server exited before {path} answered") from None
            if time.monotonic() > deadline:
                raise RpcError(f"{path} did not answer within {timeout:.0f} s") from None
            time.sleep(0.02)
