"""asyncio connections to OVSDB servers and the JSON-RPC session on top of them.

* :func:`open_stream` connects to a ``unix:``, ``tcp:`` or ``ssl:`` remote with a
  connect timeout.  TLS uses a fresh :class:`ssl.SSLContext` per connection built
  from the key, certificate and CA files given for it — never a process-global
  setting (python-ovs's ``Stream.ssl_set_*`` are global, which is one reason we
  do not use it), so two connections with different PKIs can coexist.
* :class:`Connection` owns one reader task.  It answers the server's ``echo``
  inactivity probes itself, whatever the caller is doing (on TCP the server
  sends one after 5 s of silence and drops the connection 5 s later), matches
  replies to requests, hands notifications to a callback, and routes the row
  batches of a streamed reply to the caller's sink, and those of a streamed
  notification (a big ``update3``) to ``on_update_stream``.

Backpressure: the reader awaits the sink (and ``on_update_stream``) before it
reads more bytes, so a slow sink slows the socket instead of filling memory.
The sink must still make progress every few seconds: ovsdb-server counts "the
client drained some of my output" as activity, and disconnects after two probe
intervals without it.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import itertools
import logging
import ssl
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias, cast

from ..errors import InputError
from .errors import (
    ConnectError,
    ConnectionLost,
    ProtocolError,
    RequestTimeout,
    RpcError,
    render_error,
)
from .jsonrpc import (
    Decoder,
    Event,
    Notification,
    ReplyShape,
    Request,
    Response,
    Row,
    RowBatch,
    UpdateBatch,
    UpdatesStart,
    encode_error,
    encode_request,
    encode_response,
)
from .remotes import Remote, TcpRemote, UnixRemote

__all__ = [
    "ConnectOptions",
    "Connection",
    "RowSink",
    "TlsFiles",
    "UpdateSink",
    "make_ssl_context",
    "open_connection",
    "open_stream",
]

log = logging.getLogger(__name__)

READ_SIZE = 256 * 1024

RowSink: TypeAlias = Callable[[int, list[Row]], Awaitable[None] | None]
"""Receives ``(op_index, rows)`` batches of a streamed reply; may be a coroutine function."""

UpdateSink: TypeAlias = Callable[[str, dict[str, Any]], Awaitable[None] | None]
"""Receives ``(table, {uuid: row update})`` batches of a streamed monitor reply."""

HeadSink: TypeAlias = Callable[[list[Any]], Awaitable[None] | None]
"""Receives what precedes the table updates of a streamed monitor reply (``[found,
last_txn_id]`` for ``monitor_cond_since``), before any of its batches."""

StreamSink: TypeAlias = Callable[[UpdatesStart | UpdateBatch], Awaitable[None] | None]
"""Receives the events of streamed notifications (see :meth:`Connection.stream_updates`)."""


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """PEM files for an ``ssl:`` connection, as ``ovsdb-client -p/-c/-C`` take them."""

    private_key: Path
    certificate: Path
    ca_cert: Path


@dataclass(frozen=True, slots=True)
class ConnectOptions:
    tls: TlsFiles | None = None
    connect_timeout: float = 10.0


def make_ssl_context(tls: TlsFiles) -> ssl.SSLContext:
    """A client context that trusts exactly ``tls.ca_cert`` and presents our certificate.

    Host names are not checked: OVS PKI certificates name no host (their CN is
    like ``"ovsclient id:…"``) and OVS itself authenticates a peer only by "its
    certificate was signed by the configured CA".
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = False
    context.verify_mode = ssl.CERT_REQUIRED
    try:
        context.load_cert_chain(str(tls.certificate), str(tls.private_key))
    except (OSError, ssl.SSLError) as exc:
        raise InputError(
            f"cannot use certificate {tls.certificate} with private key {tls.private_key}: {exc}"
        ) from None
    try:
        context.load_verify_locations(cafile=str(tls.ca_cert))
    except (OSError, ssl.SSLError) as exc:
        raise InputError(f"cannot use CA certificate {tls.ca_cert}: {exc}") from None
    return context


async def open_stream(
    remote: Remote, options: ConnectOptions
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Connect; every failure becomes a :class:`ConnectError` that names the remote."""
    name = str(remote)
    try:
        async with asyncio.timeout(options.connect_timeout):
            if isinstance(remote, UnixRemote):
                return await asyncio.open_unix_connection(remote.path)
            if isinstance(remote, TcpRemote):
                return await asyncio.open_connection(remote.host, remote.port)
            if options.tls is None:
                raise ConnectError(
                    f"{name}: ssl: needs a private key, a certificate and a CA certificate",
                    remote=name,
                )
            context = make_ssl_context(options.tls)
            return await asyncio.open_connection(
                remote.host,
                remote.port,
                ssl=context,
                server_hostname=remote.host,
                ssl_handshake_timeout=options.connect_timeout,
            )
    except TimeoutError:
        raise ConnectError(
            f"cannot connect to {name}: no answer within {options.connect_timeout:g} s",
            remote=name,
        ) from None
    except ssl.SSLCertVerificationError as exc:
        raise ConnectError(
            f"TLS handshake with {name} failed: certificate verify failed: "
            f"{exc.verify_message or exc.reason} "
            "(the server's certificate is not signed by the given CA certificate)",
            remote=name,
        ) from None
    except ssl.SSLError as exc:
        raise ConnectError(f"TLS handshake with {name} failed: {exc}", remote=name) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConnectError(f"cannot connect to {name}: {reason}", remote=name) from None


async def open_connection(
    remote: Remote,
    options: ConnectOptions | None = None,
    *,
    on_notification: Callable[[Notification], None] | None = None,
    on_close: Callable[[BaseException], None] | None = None,
    on_update_stream: StreamSink | None = None,
) -> Connection:
    reader, writer = await open_stream(remote, options or ConnectOptions())
    return Connection(
        reader,
        writer,
        str(remote),
        on_notification=on_notification,
        on_close=on_close,
        on_update_stream=on_update_stream,
    )


class _Stream:
    """The one streamed request in flight: where its rows go."""

    __slots__ = ("error", "on_start", "request_id", "sink")

    def __init__(
        self, request_id: int, sink: RowSink | UpdateSink, on_start: HeadSink | None
    ) -> None:
        self.request_id = request_id
        # (op_index, rows) for a transact, (table, row updates) for a monitor.
        self.sink: Callable[[Any, Any], Awaitable[None] | None] | None = sink
        self.on_start = on_start
        self.error: BaseException | None = None


class Connection:
    """A JSON-RPC session with one server."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        remote: str,
        *,
        on_notification: Callable[[Notification], None] | None = None,
        on_close: Callable[[BaseException], None] | None = None,
        on_update_stream: StreamSink | None = None,
    ) -> None:
        self.remote = remote
        self.on_notification = on_notification
        # Awaited by the reader for every event of a streamed notification; the
        # Notification that ends it still goes to on_notification.
        self.on_update_stream = on_update_stream
        # Called once when the connection ends, whatever the cause: consumers of
        # notifications (monitor queues) otherwise wait forever on a dead socket.
        self.on_close = on_close
        self.probes_answered = 0
        self._received_any = False
        self._reader = reader
        self._writer = writer
        self._decoder = Decoder()
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Response]] = {}
        # Requests sent and not yet answered, including those we stopped waiting
        # for: a streamed request may only start when this is empty (see
        # Decoder.stream_reply).
        self._unanswered: set[int] = set()
        self._stream: _Stream | None = None
        self._idle = asyncio.Condition()
        self._closed: BaseException | None = None
        self._task = asyncio.get_running_loop().create_task(
            self._read_loop(), name=f"ovsdb-reader {remote}"
        )

    # ------------------------------------------------------------------ public

    @property
    def closed(self) -> bool:
        return self._closed is not None

    async def request(
        self, method: str, params: Sequence[Any], *, timeout: float | None = None
    ) -> Any:
        """Send a request and return its ``result``; a JSON-RPC error raises RpcError.

        ``timeout`` covers everything, including waiting for a streamed reply
        in progress to finish.
        """
        request_id = -1
        try:
            async with asyncio.timeout(timeout):
                async with self._idle:
                    await self._idle.wait_for(lambda: self._stream is None or self.closed)
                    request_id, future = self._send_request(method, params)
                await self._writer.drain()
                response = await future
        except TimeoutError:
            raise self._timeout(method, timeout) from None
        except (ConnectionError, OSError) as exc:
            raise await self._lost(exc) from None
        finally:
            # A late reply is recognised by _unanswered and dropped.
            self._pending.pop(request_id, None)
        return self._result(method, response)

    def stream_updates(self, monitor_id: Any, enable: bool = True) -> None:
        """Stream the big ``update3``/``update2`` notifications of ``monitor_id``.

        Their events (:class:`UpdatesStart`, :class:`UpdateBatch`) go to
        ``on_update_stream``, awaited by the reader; the final
        :class:`Notification` (``row_count`` set) to ``on_notification``.
        Notifications smaller than a batch arrive whole, as before.
        """
        self._decoder.stream_updates(monitor_id, enable)

    async def request_stream(
        self,
        method: str,
        params: Sequence[Any],
        sink: RowSink | UpdateSink,
        *,
        shape: ReplyShape = ReplyShape.TRANSACT,
        on_start: HeadSink | None = None,
        timeout: float | None = None,
    ) -> Response:
        """Send a request whose reply's rows go to ``sink`` as they arrive.

        ``shape`` says what the reply holds: ``TRANSACT`` delivers ``(op_index,
        rows)``; ``MONITOR`` and ``MONITOR_SINCE`` deliver ``(table, {uuid: row
        update})`` after calling ``on_start`` with what precedes the updates.
        Waits until no other request is unanswered, and holds back new ones
        until the reply is complete.  Returns the final Response (``result``
        without the rows, ``row_counts`` set).
        """
        request_id = -1
        stream: _Stream | None = None
        try:
            async with asyncio.timeout(timeout):
                async with self._idle:
                    await self._idle.wait_for(
                        lambda: (self._stream is None and not self._unanswered) or self.closed
                    )
                    self._check_open()
                    request_id = next(self._ids)
                    stream = self._stream = _Stream(request_id, sink, on_start)
                    self._decoder.stream_reply(request_id, shape)
                    _, future = self._send_request(method, params, request_id)
                await self._writer.drain()
                response = await future
        except TimeoutError:
            raise self._timeout(method, timeout) from None
        except (ConnectionError, OSError) as exc:
            raise await self._lost(exc) from None
        finally:
            self._pending.pop(request_id, None)
            if stream is not None:
                stream.sink = None  # after a timeout, rows still arriving are dropped
        if stream is not None and stream.error is not None:
            raise stream.error
        self._result(method, response)
        if response.row_counts is None:
            # Not streamed (only possible if the result was not of the expected
            # shape); deliver whatever rows it has the same way.
            if shape is ReplyShape.TRANSACT:
                response = await _deliver_unstreamed(response, cast(RowSink, sink))
            else:
                updates_sink = cast(UpdateSink, sink)
                response = await _deliver_unstreamed_updates(
                    response, updates_sink, shape, on_start
                )
        return response

    async def close(self) -> None:
        if self._closed is None:
            self._closed = ConnectionLost(f"{self.remote}: connection closed", remote=self.remote)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._fail_all(self._closed)
        self._notify_closed(self._closed)
        async with self._idle:  # wake requests waiting for a stream to finish
            self._idle.notify_all()
        self._writer.close()
        with contextlib.suppress(OSError, ssl.SSLError, asyncio.CancelledError):
            await asyncio.wait_for(self._writer.wait_closed(), 1.0)

    # ------------------------------------------------------------------ internals

    def _check_open(self) -> None:
        if self._closed is not None:
            raise self._closed

    def _send_request(
        self, method: str, params: Sequence[Any], request_id: int | None = None
    ) -> tuple[int, asyncio.Future[Response]]:
        self._check_open()
        if request_id is None:
            request_id = next(self._ids)
        future: asyncio.Future[Response] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        self._unanswered.add(request_id)
        # The transport buffers without limit; writes of requests are small
        # except restores, whose caller paces itself by awaiting replies.
        self._writer.write(encode_request(method, params, request_id))
        return request_id, future

    async def _lost(self, exc: BaseException) -> BaseException:
        """The best explanation of a failed write: the reader usually knows why.

        When a server rejects our TLS certificate, the write fails with a bare
        "Broken pipe" while the reader receives the TLS alert naming the cause.
        """
        with contextlib.suppress(BaseException):
            await asyncio.wait_for(asyncio.shield(self._task), 0.5)
        if self._closed is not None:
            return self._closed
        return self._broken(exc)

    def _broken(self, exc: BaseException) -> ConnectionLost:
        text = f"{self.remote}: {_describe(exc)}"
        if self.remote.startswith("ssl:") and not self._received_any:
            # A TLS server that rejects our certificate closes right after the
            # handshake; depending on timing we see only a reset or broken pipe.
            text += (
                " (right after the TLS handshake: the server may have rejected our "
                "certificate; is it signed by a CA the server trusts?)"
            )
        return ConnectionLost(text, remote=self.remote)

    def _timeout(self, method: str, timeout: float | None) -> RequestTimeout:
        return RequestTimeout(
            f"{self.remote}: no reply to {method} within {timeout:g} s", remote=self.remote
        )

    def _result(self, method: str, response: Response) -> Any:
        if response.error is not None:
            raise RpcError(
                f"{self.remote}: {method} failed: {render_error(response.error)}",
                error=response.error,
                remote=self.remote,
            )
        return response.result

    async def _read_loop(self) -> None:
        try:
            while True:
                data = await self._reader.read(READ_SIZE)
                if not data:
                    partial = self._decoder.partial_message()
                    raise ConnectionLost(
                        f"{self.remote}: server closed the connection"
                        + (" in the middle of a message" if partial else ""),
                        remote=self.remote,
                    )
                self._received_any = True
                for event in self._decoder.feed(data):
                    await self._dispatch(event)
        except asyncio.CancelledError:
            raise
        except ProtocolError as exc:
            self._closed = ProtocolError(f"{self.remote}: {exc}", remote=self.remote)
        except ConnectionLost as exc:
            self._closed = exc
        except (OSError, ssl.SSLError, EOFError) as exc:
            self._closed = self._broken(exc)
        except Exception as exc:  # a bug in a callback must not hang every caller
            log.exception("reader of %s failed", self.remote)
            self._closed = ConnectionLost(
                f"{self.remote}: reader failed: {exc}", remote=self.remote
            )
        self._fail_all(self._closed)
        self._notify_closed(self._closed)
        self._writer.close()
        async with self._idle:  # wake requests waiting for a stream to finish
            self._idle.notify_all()

    def _notify_closed(self, exc: BaseException) -> None:
        callback, self.on_close = self.on_close, None
        if callback is not None:
            try:
                callback(exc)
            except Exception:
                log.exception("%s: close handler failed", self.remote)

    async def _dispatch(self, event: Event) -> None:
        if isinstance(event, RowBatch):
            await self._deliver(event)
        elif isinstance(event, UpdatesStart | UpdateBatch):
            if not event.notification:
                await self._deliver(event)
            elif self.on_update_stream is not None:
                # Not caught: a failing handler leaves the update incomplete, so the
                # connection must end (the reader reports it like any other failure).
                outcome = self.on_update_stream(event)
                if inspect.isawaitable(outcome):
                    await outcome
        elif isinstance(event, Response):
            await self._complete(event)
        elif isinstance(event, Request):
            await self._answer(event)
        elif self.on_notification is not None:
            try:
                self.on_notification(event)
            except Exception:
                log.exception("%s: notification handler failed on %s", self.remote, event.method)

    async def _deliver(self, event: RowBatch | UpdatesStart | UpdateBatch) -> None:
        stream = self._stream
        if stream is None or stream.sink is None or stream.error is not None:
            return
        try:
            if isinstance(event, RowBatch):
                result = stream.sink(event.op_index, event.rows)
            elif isinstance(event, UpdateBatch):
                result = stream.sink(event.table, event.rows)
            else:
                result = None if stream.on_start is None else stream.on_start(event.head)
            if inspect.isawaitable(result):
                await result
        except Exception as exc:
            # Keep reading (the rest of the reply must be consumed) but stop delivering.
            stream.error = exc

    async def _complete(self, response: Response) -> None:
        request_id = response.id
        if request_id not in self._unanswered:
            log.warning("%s: reply to unknown request id %r dropped", self.remote, request_id)
            return
        future = self._pending.pop(request_id, None)
        if future is not None and not future.done():
            future.set_result(response)
        async with self._idle:
            self._unanswered.discard(request_id)
            if self._stream is not None and self._stream.request_id == request_id:
                self._stream = None
            self._idle.notify_all()

    async def _answer(self, request: Request) -> None:
        if request.method == "echo":
            # The inactivity probe: the reply must echo the params (ovsdb-server
            # sends [] and only checks that a reply arrives).
            self._writer.write(encode_response(request.id, request.params))
            self.probes_answered += 1
            log.debug("%s: answered echo probe", self.remote)
        else:
            self._writer.write(encode_error(request.id, "unknown method"))
        await self._writer.drain()

    def _fail_all(self, exc: BaseException) -> None:
        for future in self._pending.values():
            if not future.done():
                future.set_exception(exc)
        self._pending.clear()


async def _deliver_unstreamed(response: Response, sink: RowSink) -> Response:
    results = response.result if isinstance(response.result, list) else []
    stripped: list[Any] = []
    counts: list[int] = []
    for index, result in enumerate(results):
        rows = result.get("rows") if isinstance(result, dict) else None
        if isinstance(rows, list):
            outcome = sink(index, rows)
            if inspect.isawaitable(outcome):
                await outcome
            result = {k: v for k, v in result.items() if k != "rows"}
        stripped.append(result)
        counts.append(len(rows) if isinstance(rows, list) else 0)
    return Response(response.id, stripped, response.error, tuple(counts))


async def _deliver_unstreamed_updates(
    response: Response, sink: UpdateSink, shape: ReplyShape, on_start: HeadSink | None
) -> Response:
    """A monitor reply parsed whole: deliver it as a streamed one would have been."""
    result = response.result
    placeholder: Any
    if shape is ReplyShape.MONITOR_SINCE:
        if not (isinstance(result, list) and len(result) == 3 and isinstance(result[2], dict)):
            return response  # malformed; the caller reports it
        head, updates, placeholder = result[:2], result[2], [*result[:2], {}]
    else:
        if not isinstance(result, dict):
            return response
        head, updates, placeholder = [], result, {}
    if on_start is not None:
        await _maybe_await(on_start(head))
    for table, rows in updates.items():
        await _maybe_await(sink(table, rows))
    count = sum(len(rows) for rows in updates.values() if isinstance(rows, dict))
    return Response(response.id, placeholder, response.error, (count,))


async def _maybe_await(outcome: Awaitable[None] | None) -> None:
    if inspect.isawaitable(outcome):
        await outcome


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLError):
        return f"TLS error: {exc.reason or exc}"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
