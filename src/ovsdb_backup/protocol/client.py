"""``OvsdbClient``: the OVSDB methods (RFC 7047 plus OVS extensions) over one connection.

Typical use::

    async with OvsdbClient(parse_remote("tcp:127.0.0.1:6641")) as client:
        schema = await client.get_schema("OVN_Northbound")
        ops = [{"op": "select", "table": t, "where": []} for t in schema.tables]
        done = await client.transact_stream("OVN_Northbound", ops, on_rows)

Every method takes ``timeout`` (seconds, ``None`` = wait forever); by default
the client's ``request_timeout`` applies, except for :meth:`transact_stream`
and the ``monitor_*_stream`` methods, whose reply may legitimately take minutes
to build (ovsdb-server needs ~20 s of CPU before the first byte of a 500 MB
select).

Monitors: :meth:`monitor_cond_since` returns the whole first reply and puts
each later ``update3`` into a queue as a :class:`MonitorUpdate`.  The streaming
variants (:meth:`monitor_cond_since_stream`, :meth:`monitor_cond_stream`) hand
the first reply to a sink in ``(table, {uuid: row update})`` batches, and an
update too big to parse whole (a transaction touching 100,000 rows) arrives in
the queue as a :class:`MonitorUpdateStream` that yields its batches while the
bytes arrive — client memory stays at a few batches either way.
"""

from __future__ import annotations

import asyncio
import inspect
from collections import deque
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from types import TracebackType
from typing import Any, Final, TypeAlias

from ..model.schema import DatabaseSchema
from .errors import ProtocolError, ServerError, TransactionError, render_error
from .jsonrpc import Notification, ReplyShape, UpdateBatch, UpdatesStart
from .remotes import Remote
from .transport import (
    Connection,
    ConnectOptions,
    RowSink,
    TlsFiles,
    UpdateSink,
    open_connection,
)

__all__ = [
    "DEFAULT",
    "MonitorCanceled",
    "MonitorEvent",
    "MonitorLost",
    "MonitorSince",
    "MonitorStarted",
    "MonitorUpdate",
    "MonitorUpdateStream",
    "OvsdbClient",
    "ServerDatabase",
    "StreamedTransaction",
]

ZERO_UUID: Final = "00000000-0000-0000-0000-000000000000"


class _Default(Enum):
    TOKEN = 0


DEFAULT: Final = _Default.TOKEN
Timeout: TypeAlias = float | _Default | None


@dataclass(frozen=True, slots=True)
class ServerDatabase:
    """One row of ``_Server.Database``: what the server says about one of its databases.

    ``schema`` is None while a clustered member has not joined or a relay has
    not synced; ``cid``/``sid``/``index`` are None except for clustered
    databases.  ``leader`` is true for standalone and active-backup servers.
    """

    name: str
    model: str
    connected: bool
    leader: bool
    schema: str | None = field(repr=False)  # the whole schema JSON: too long to show
    cid: str | None
    sid: str | None
    index: int | None


@dataclass(frozen=True, slots=True)
class StreamedTransaction:
    """Outcome of :meth:`OvsdbClient.transact_stream`.

    ``results[i]`` is operation ``i``'s result without ``"rows"``;
    ``row_counts[i]`` says how many rows were passed to the sink for it.
    """

    results: list[Any]
    row_counts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class MonitorUpdate:
    """An ``update3`` notification: changes up to transaction ``last_txn_id``.

    (``last_txn_id`` is None for the ``update2`` of a ``monitor_cond``.)
    """

    last_txn_id: str | None
    updates: dict[str, Any]


class MonitorUpdateStream:
    """An update too big to parse whole, delivered while its bytes arrive.

    Iterate it (``async for table, rows in stream``) for ``(table, {uuid: row
    update})`` batches, in the order of the notification (one table's rows may
    span several batches).  The connection's reader waits while
    ``MAX_PENDING`` batches are unread, so memory stays bounded and the socket
    slows down instead; the consumer must therefore iterate it before waiting on
    anything else that connection's reader has to deliver: a reply, the next
    event, an event of another monitor on the same connection (consume those
    concurrently, or give each streamed monitor its own connection) — or
    :meth:`discard` it.  A lost connection raises its error from the iteration.
    ``rows`` is the number of row updates once the iteration has ended.
    """

    MAX_PENDING = 2

    def __init__(self, last_txn_id: str | None) -> None:
        self.last_txn_id = last_txn_id
        self.rows = 0
        self._batches: deque[tuple[str, dict[str, Any]]] = deque()
        self._readable = asyncio.Event()
        self._writable = asyncio.Event()
        self._done = False
        self._discarded = False
        self._error: BaseException | None = None

    def __aiter__(self) -> MonitorUpdateStream:
        return self

    async def __anext__(self) -> tuple[str, dict[str, Any]]:
        while True:
            if self._error is not None:
                raise self._error  # the update can no longer be completed
            if self._batches:
                self._writable.set()
                return self._batches.popleft()
            if self._done:
                raise StopAsyncIteration
            self._readable.clear()
            await self._readable.wait()

    def discard(self) -> None:
        """Drop the rest of this update (the reader no longer waits for us)."""
        self._discarded = True
        self._batches.clear()
        self._writable.set()

    async def _put(self, table: str, rows: dict[str, Any]) -> None:
        while len(self._batches) >= self.MAX_PENDING and not self._discarded:
            self._writable.clear()
            await self._writable.wait()
        if not self._discarded:
            self._batches.append((table, rows))
            self._readable.set()

    def _finish(self, rows: int) -> None:
        self.rows = rows
        self._done = True
        self._readable.set()

    def _fail(self, error: BaseException) -> None:
        if not self._done:
            self._error = error
            self._done = True
        self._readable.set()


@dataclass(frozen=True, slots=True)
class MonitorCanceled:
    """The server canceled the monitor (database removed, converted, …)."""


@dataclass(frozen=True, slots=True)
class MonitorLost:
    """The connection ended: no further updates will come on this queue.

    ``error`` says why (a :class:`~.errors.ConnectionLost` or protocol error,
    or the client being closed).
    """

    error: BaseException


MonitorEvent: TypeAlias = MonitorUpdate | MonitorUpdateStream | MonitorCanceled | MonitorLost


@dataclass(frozen=True, slots=True)
class MonitorSince:
    """Reply of ``monitor_cond_since`` plus the queue its later updates arrive in.

    ``found`` tells whether the server still had ``last_txn_id`` in its
    history: then ``updates`` holds only what changed since; otherwise it holds
    the whole monitored contents.  The queue is unbounded: consume it.
    """

    found: bool
    last_id: str
    updates: dict[str, Any]
    events: asyncio.Queue[MonitorEvent]


@dataclass(frozen=True, slots=True)
class MonitorStarted:
    """Reply of a streamed monitor request (its rows went to the sink) plus its queue.

    ``found`` and ``last_id`` as in :class:`MonitorSince` (``False``/``None`` for
    ``monitor_cond``); ``rows`` is how many row updates the sink received.  The
    queue holds :class:`MonitorUpdate` and, for big updates,
    :class:`MonitorUpdateStream` events, in the order the server sent them.
    """

    found: bool
    last_id: str | None
    rows: int
    events: asyncio.Queue[MonitorEvent]


StartSink: TypeAlias = Callable[[bool, str], Awaitable[None] | None]
"""Called with ``(found, last_id)`` of a ``monitor_cond_since`` reply before its rows."""


class OvsdbClient:
    """An async context manager holding one connection to one OVSDB server."""

    def __init__(
        self,
        remote: Remote,
        *,
        tls: TlsFiles | None = None,
        connect_timeout: float = 10.0,
        request_timeout: float | None = 60.0,
    ) -> None:
        self.remote = remote
        self.request_timeout = request_timeout
        self._options = ConnectOptions(tls=tls, connect_timeout=connect_timeout)
        self._connection: Connection | None = None
        self._monitors: dict[Any, asyncio.Queue[MonitorEvent]] = {}
        self._streaming: MonitorUpdateStream | None = None  # the update arriving now

    async def __aenter__(self) -> OvsdbClient:
        await self.connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def connect(self) -> None:
        if self._connection is None:
            self._connection = await open_connection(
                self.remote,
                self._options,
                on_notification=self._on_notification,
                on_close=self._on_close,
                on_update_stream=self._on_update_stream,
            )

    async def close(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            await connection.close()

    @property
    def probes_answered(self) -> int:
        """How many ``echo`` inactivity probes of the server were answered."""
        return self._connection.probes_answered if self._connection else 0

    # ------------------------------------------------------------------ RFC 7047

    async def list_dbs(self, *, timeout: Timeout = DEFAULT) -> list[str]:
        result = await self._call("list_dbs", [], timeout)
        if not isinstance(result, list) or not all(isinstance(n, str) for n in result):
            raise self._malformed("list_dbs", result)
        return result

    async def get_schema(self, db: str, *, timeout: Timeout = DEFAULT) -> DatabaseSchema:
        result = await self._call("get_schema", [db], timeout)
        return DatabaseSchema.from_json(result)

    async def transact(
        self,
        db: str,
        ops: Sequence[Mapping[str, Any]],
        *,
        check: bool = True,
        timeout: Timeout = DEFAULT,
    ) -> list[Any]:
        """Run one transaction; with ``check``, a failed operation raises TransactionError."""
        result = await self._call("transact", [db, *ops], timeout)
        if not isinstance(result, list):
            raise self._malformed("transact", result)
        if check:
            self._check_transaction(db, ops, result)
        return result

    async def transact_stream(
        self,
        db: str,
        ops: Sequence[Mapping[str, Any]],
        on_rows: RowSink,
        *,
        check: bool = True,
        timeout: float | None = None,
    ) -> StreamedTransaction:
        """Like :meth:`transact`, but the rows of every ``select`` go to ``on_rows``.

        ``on_rows(op_index, rows)`` receives batches of about 1 MiB of JSON in
        order; it may be a coroutine function.  Memory stays at a few batches
        whatever the size of the reply.  ``timeout`` (default: none) covers the
        whole reply.
        """
        connection = self._require()
        response = await connection.request_stream("transact", [db, *ops], on_rows, timeout=timeout)
        if not isinstance(response.result, list) or response.row_counts is None:
            raise self._malformed("transact", response.result)
        if check:
            self._check_transaction(db, ops, response.result)
        return StreamedTransaction(response.result, response.row_counts)

    async def echo(self, *params: Any, timeout: Timeout = DEFAULT) -> list[Any]:
        result = await self._call("echo", list(params), timeout)
        if result != list(params):
            raise self._malformed("echo", result)
        return list(result)

    # ------------------------------------------------------------------ OVS extensions

    async def set_db_change_aware(self, aware: bool = True, *, timeout: Timeout = DEFAULT) -> None:
        """Ask for ``monitor_canceled`` instead of a disconnect when a database changes."""
        await self._call("set_db_change_aware", [aware], timeout)

    async def monitor_cond_since(
        self,
        db: str,
        monitor_id: Any,
        requests: Mapping[str, Any],
        last_txn_id: str | None = None,
        *,
        timeout: Timeout = DEFAULT,
    ) -> MonitorSince:
        """Start a monitor (OVS >= 2.12); later ``update3`` go to the returned queue.

        ``requests`` maps table names to monitor-cond requests
        (``{"Logical_Switch": [{"columns": ["name"]}]}``).  Without
        ``last_txn_id`` the server sends the full contents (``found`` false).
        """
        queue: asyncio.Queue[MonitorEvent] = asyncio.Queue()
        # Registered before sending: the first update3 may follow the reply at once.
        self._monitors[monitor_id] = queue
        try:
            result = await self._call(
                "monitor_cond_since", [db, monitor_id, requests, last_txn_id or ZERO_UUID], timeout
            )
        except BaseException:
            self._monitors.pop(monitor_id, None)
            raise
        if (
            not isinstance(result, list)
            or len(result) != 3
            or not isinstance(result[0], bool)
            or not isinstance(result[1], str)
            or not isinstance(result[2], dict)
        ):
            self._monitors.pop(monitor_id, None)
            raise self._malformed("monitor_cond_since", result)
        return MonitorSince(result[0], result[1], result[2], queue)

    async def monitor_cond_since_stream(
        self,
        db: str,
        monitor_id: Any,
        requests: Mapping[str, Any],
        last_txn_id: str | None,
        on_rows: UpdateSink,
        *,
        on_start: StartSink | None = None,
        timeout: float | None = None,
    ) -> MonitorStarted:
        """:meth:`monitor_cond_since` with the reply's rows streamed to ``on_rows``.

        ``on_start(found, last_id)`` is called first (the server sends them before
        the rows: with ``found`` false the rows are the whole contents, as
        ``{"initial": row}``; with ``found`` true, the changes since
        ``last_txn_id``); then ``on_rows(table, {uuid: row update})`` for batches
        of about 1 MiB of JSON.  Both may be coroutine functions; an exception
        from either is raised here once the reply has been read to its end.
        Later updates arrive in the returned queue, big ones streamed (see
        :class:`MonitorUpdateStream`).  ``timeout`` (default: none) covers the
        whole reply.
        """

        async def head(values: list[Any]) -> None:
            if len(values) != 2 or not isinstance(values[0], bool):
                raise self._malformed("monitor_cond_since", values)
            if not isinstance(values[1], str):
                raise self._malformed("monitor_cond_since", values)
            if on_start is not None:
                outcome = on_start(values[0], values[1])
                if inspect.isawaitable(outcome):
                    await outcome

        params = [db, monitor_id, requests, last_txn_id or ZERO_UUID]
        result, rows, queue = await self._start_streamed(
            "monitor_cond_since", params, ReplyShape.MONITOR_SINCE, on_rows, head, timeout
        )
        if not isinstance(result, list) or len(result) != 3 or result[2] != {}:
            self._forget(monitor_id)
            raise self._malformed("monitor_cond_since", result)
        found, last_id = result[0], result[1]
        if not isinstance(found, bool) or not isinstance(last_id, str):
            self._forget(monitor_id)
            raise self._malformed("monitor_cond_since", result)
        return MonitorStarted(found, last_id, rows, queue)

    async def monitor_cond_stream(
        self,
        db: str,
        monitor_id: Any,
        requests: Mapping[str, Any],
        on_rows: UpdateSink,
        *,
        timeout: float | None = None,
    ) -> MonitorStarted:
        """``monitor_cond`` (OVS >= 2.10): the initial rows to ``on_rows`` as they
        arrive, later ``update2`` in the queue (``last_txn_id`` None)."""
        result, rows, queue = await self._start_streamed(
            "monitor_cond", [db, monitor_id, requests], ReplyShape.MONITOR, on_rows, None, timeout
        )
        if result != {}:
            self._forget(monitor_id)
            raise self._malformed("monitor_cond", result)
        return MonitorStarted(False, None, rows, queue)

    async def monitor_cancel(self, monitor_id: Any, *, timeout: Timeout = DEFAULT) -> None:
        try:
            await self._call("monitor_cancel", [monitor_id], timeout)
        finally:
            self._forget(monitor_id)

    async def server_databases(self, *, timeout: Timeout = DEFAULT) -> list[ServerDatabase]:
        """Rows of ``_Server.Database`` (every server has this database, read-only)."""
        columns = ["name", "model", "connected", "leader", "schema", "cid", "sid", "index"]
        op = {"op": "select", "table": "Database", "where": [], "columns": columns}
        (result,) = await self.transact("_Server", [op], timeout=timeout)
        try:
            return [_server_database(row) for row in result["rows"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise ProtocolError(
                f"{self.remote}: unexpected _Server.Database row: {exc}", remote=str(self.remote)
            ) from None

    async def server_database(
        self, db: str, *, timeout: Timeout = DEFAULT
    ) -> ServerDatabase | None:
        for row in await self.server_databases(timeout=timeout):
            if row.name == db:
                return row
        return None

    # ------------------------------------------------------------------ internals

    async def _start_streamed(
        self,
        method: str,
        params: list[Any],
        shape: ReplyShape,
        on_rows: UpdateSink,
        on_head: Callable[[list[Any]], Awaitable[None]] | None,
        timeout: float | None,
    ) -> tuple[Any, int, asyncio.Queue[MonitorEvent]]:
        connection = self._require()
        monitor_id = params[1]
        queue: asyncio.Queue[MonitorEvent] = asyncio.Queue()
        # Registered before sending: the first update may follow the reply at once.
        self._monitors[monitor_id] = queue
        connection.stream_updates(monitor_id)
        try:
            response = await connection.request_stream(
                method, params, on_rows, shape=shape, on_start=on_head, timeout=timeout
            )
        except BaseException:
            self._forget(monitor_id)
            raise
        if response.row_counts is None or len(response.row_counts) != 1:
            self._forget(monitor_id)
            raise self._malformed(method, response.result)
        return response.result, response.row_counts[0], queue

    def _forget(self, monitor_id: Any) -> None:
        self._monitors.pop(monitor_id, None)
        if self._connection is not None:
            self._connection.stream_updates(monitor_id, enable=False)

    def _require(self) -> Connection:
        if self._connection is None:
            raise ServerError(
                f"{self.remote}: not connected (use 'async with OvsdbClient(...)')",
                remote=str(self.remote),
            )
        return self._connection

    async def _call(self, method: str, params: list[Any], timeout: Timeout) -> Any:
        seconds = self.request_timeout if timeout is DEFAULT else timeout
        assert not isinstance(seconds, _Default)
        return await self._require().request(method, params, timeout=seconds)

    def _check_transaction(
        self, db: str, ops: Sequence[Mapping[str, Any]], results: list[Any]
    ) -> None:
        # RFC 7047 4.1.3: a failed operation's result holds "error"; later ones
        # are null; an extra element after the last operation is a commit error.
        for index, result in enumerate(results):
            if isinstance(result, dict) and "error" in result:
                what = (
                    f"operation {index} ({ops[index].get('op')} on {ops[index].get('table')})"
                    if index < len(ops)
                    else "commit"
                )
                raise TransactionError(
                    f"{self.remote}: transaction on {db} failed at {what}: {render_error(result)}",
                    error=result,
                    op_index=index,
                    remote=str(self.remote),
                )

    def _malformed(self, method: str, result: Any) -> ProtocolError:
        text = repr(result)
        return ProtocolError(
            f"{self.remote}: unexpected reply to {method}: {text[:200]}", remote=str(self.remote)
        )

    def _on_close(self, exc: BaseException) -> None:
        streaming, self._streaming = self._streaming, None
        if streaming is not None:
            streaming._fail(exc)
        monitors, self._monitors = self._monitors, {}
        for queue in monitors.values():
            queue.put_nowait(MonitorLost(exc))

    async def _on_update_stream(self, event: UpdatesStart | UpdateBatch) -> None:
        """A big update of a streamed monitor, batch by batch (awaited by the reader)."""
        if isinstance(event, UpdatesStart):
            queue = self._monitors.get(event.head[0]) if event.head else None
            last_txn_id = event.head[1] if len(event.head) > 1 else None
            self._streaming = None
            if queue is not None:
                self._streaming = MonitorUpdateStream(
                    None if last_txn_id is None else str(last_txn_id)
                )
                # Queued at once, so that it keeps its place among the updates.
                queue.put_nowait(self._streaming)
        elif self._streaming is not None:
            await self._streaming._put(event.table, event.rows)

    def _on_notification(self, note: Notification) -> None:
        params = note.params
        if note.row_count is not None:  # the end of a streamed update
            streaming, self._streaming = self._streaming, None
            if streaming is not None:
                streaming._finish(note.row_count)
        elif note.method == "update3" and len(params) == 3:
            queue = self._monitors.get(params[0])
            if queue is not None and isinstance(params[2], dict):
                queue.put_nowait(MonitorUpdate(str(params[1]), params[2]))
        elif note.method == "update2" and len(params) == 2:
            queue = self._monitors.get(params[0])
            if queue is not None and isinstance(params[1], dict):
                queue.put_nowait(MonitorUpdate(None, params[1]))
        elif note.method == "monitor_canceled" and params:
            queue = self._monitors.pop(params[0], None)
            if queue is not None:
                queue.put_nowait(MonitorCanceled())


def _optional(value: Any) -> Any:
    """An optional column (``min 0, max 1``) as a bare value or None.

    RFC 7047 writes an empty optional as ``["set", []]`` and a one-element one
    as the bare atom (a UUID as ``["uuid", "…"]``).
    """
    if isinstance(value, list) and len(value) == 2:
        tag, inner = value
        if tag == "set":
            if not inner:
                return None
            if len(inner) == 1:
                return _optional(inner[0])
        if tag == "uuid":
            return inner
    return value


def _server_database(row: Mapping[str, Any]) -> ServerDatabase:
    def text(name: str) -> str | None:
        value = _optional(row.get(name))
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name} is {value!r}")
        return value or None  # an empty schema string means "no schema yet"

    index = _optional(row.get("index"))
    if index is not None and not isinstance(index, int):
        raise ValueError(f"index is {index!r}")
    return ServerDatabase(
        name=str(row["name"]),
        model=str(row["model"]),
        connected=bool(row["connected"]),
        leader=bool(row["leader"]),
        schema=text("schema"),
        cid=text("cid"),
        sid=text("sid"),
        index=index,
    )
