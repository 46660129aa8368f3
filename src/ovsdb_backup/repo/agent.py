"""The stream agent: every committed change of a database, appended to a segment.

Per database, a :class:`Follower`:

1. **Recovers** the database's open segment, if an earlier run left one: replays it
   (leniently: a torn last record — a kill mid-write — is cut off, nothing before it is
   touched) to get the contents and the last transaction id.
2. **Connects** to a safe server (``choose_server``: connected, joined, not below the
   highest Raft index seen; the leader first unless ``--prefer-follower``) and starts
   ``monitor_cond_since`` on every persistent column of every table, from the last
   transaction id. ``found`` true: nothing was missed, the stream continues in the same
   segment (changes committed while disconnected arrive as one record marked
   ``since=``). ``found`` false (the history — about 100 transactions — moved past it;
   a standalone server, which keeps no ids; a new cluster; a converted schema): the
   reply holds the whole contents, which become the base of a new segment, and the
   catalog shows a gap between the two segments. A member that simply lags behind is
   given ``resume_wait`` seconds (trying the servers again) before a gap is accepted.
   The reply is *streamed* (``monitor_cond_since_stream``): ``found`` comes before the
   rows, so the old contents are let go before the new ones arrive, and the rows are
   checked and kept batch by batch — never the whole reply parsed at once.
3. **Follows**: each ``update3`` is checked against the contents held, applied to them,
   and appended as one record with its transaction id and the time it was seen.
   Records that arrived together are written with one ``write`` and one ``fsync``
   (``fsync_interval`` 0, the default: nothing is reported written before it is on
   disk); a larger interval trades that for fewer fsyncs. An update too big to parse
   whole arrives streamed and is applied and recorded batch by batch
   (:class:`~.updates.UpdateInParts`).
4. **Probes** an idle connection with ``echo`` (ordered after every update the server
   sent before it), and writes a heartbeat record when nothing else was written for
   ``heartbeat`` seconds, so the segment says up to when it is known to be current.
   The echo runs beside the event loop of step 3 (a streamed update ahead of its
   reply must be consumed for the reply to arrive) and reports back through the same
   queue, after every update it vouches for.
5. **Rotates** by size or age: the segment is sealed and the next one starts with a base
   built from the contents held (same transaction, so no gap, and no load on the server).
6. On stop (SIGTERM/SIGINT): a ``stop`` record, fsync, close; the segment stays open and
   the next run continues it.

A follower never stops on a server error: it waits (exponential backoff up to
``reconnect_max``) and starts again at step 2.

The contents are held as :class:`~.contents.Contents`: rows as their JSON text, the
recently changed ones decoded — about a quarter of the memory of a decoded database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, OvsdbBackupError, ServerError
from ..model.schema import DatabaseSchema
from ..protocol import (
    MonitorCanceled,
    MonitorLost,
    MonitorUpdate,
    MonitorUpdateStream,
    OvsdbClient,
    RemoteList,
    RolePolicy,
    TlsFiles,
    choose_server,
)
from ..protocol.errors import ConnectionLost, ProtocolError
from . import catalog as cat
from .contents import Contents, ContentsMismatch, PendingRows, load_segment
from .layout import Repository, is_segment_name, new_segment_name, now_ms
from .metrics import DbMetrics, StreamMetrics
from .segment import (
    Mark,
    SegmentWriter,
    normalize_txn,
    read_segment,
    remove_temporaries,
    txn_record,
)
from .updates import (
    UpdateInParts,
    UpdateMismatch,
    apply_changes,
    monitor_requests,
    record_changes,
)

log = logging.getLogger(__name__)

_BATCH_EVENTS = 500  # updates written (and fsynced) together at most


@dataclass
class StreamOptions:
    remotes: RemoteList
    databases: list[str]
    tls: TlsFiles | None = None
    role: RolePolicy = RolePolicy.PREFER_LEADER
    fsync_interval: float = 0.0  # seconds between fsyncs; 0: before anything is reported
    segment_max_bytes: int = 256 << 20
    segment_max_age: float = 24 * 3600.0
    heartbeat: float = 60.0  # seconds without a record before a heartbeat record
    probe: float = 5.0  # seconds of silence before an echo probe
    request_timeout: float = 30.0
    reconnect_max: float = 10.0
    resume_wait: float = 5.0


class _Resync(Exception):
    """The stream must start again from a new base (reason in the message)."""


class _Retry(Exception):
    """Try the connection again (e.g. a server that has not caught up yet)."""


@dataclass(frozen=True)
class _Probed:
    """Queued by the echo probe after its reply: every update before it is in the queue."""

    at_ms: int  # when the reply arrived


@dataclass(frozen=True)
class _ProbeFailed:
    error: BaseException


@dataclass
class _Held:
    """What a follower holds between sessions."""

    db: Contents | None = None
    last_txn: str | None = None
    last_ms: int = 0  # date of the last record written
    confirmed_ms: int = 0  # the contents were known current at this time
    model: str | None = None
    cid: str | None = None
    gap_reason: str | None = None  # why the next base does not continue the segment
    schema_json: Any = None
    history_miss_since: float | None = None
    segment_started: float = field(default_factory=time.monotonic)


class Follower:
    """Streams one database into the repository."""

    def __init__(self, repo: Repository, db: str, opts: StreamOptions, metrics: DbMetrics) -> None:
        self.repo = repo
        self.db = db
        self.opts = opts
        self.metrics = metrics
        self.held = _Held()
        self.writer: SegmentWriter | None = None
        self.remote: str | None = None
        self.min_index: int | None = None
        self._last_sync = time.monotonic()
        self._probe: asyncio.Task[None] | None = None

    # ------------------------------------------------------------------ life cycle

    async def run(self, stop: asyncio.Event) -> None:
        lock = self.repo.stream_lock(self.db)
        lock.acquire(wait=2.0)
        try:
            self._recover()
            backoff = 0.5
            while not stop.is_set():
                try:
                    await self._session_until_stopped(stop)
                    backoff = 0.5
                except _Retry as exc:
                    log.info("%s: %s; trying again", self.db, exc)
                    await _sleep(stop, 0.5)
                except _Resync as exc:
                    log.warning("%s: %s; taking a new base", self.db, exc)
                    self._seal(reason="resync")
                    self.held.db = None  # forces a base on the next connection
                    self.held.gap_reason = "resync"
                except (ServerError, ProtocolError, OSError, TimeoutError) as exc:
                    self.metrics.connected = 0
                    self.metrics.reconnects += 1
                    log.warning("%s: %s; reconnecting in %.1f s", self.db, exc, backoff)
                    await _sleep(stop, backoff)
                    backoff = min(backoff * 2, self.opts.reconnect_max)
        finally:
            self.metrics.connected = 0
            self._shutdown()
            lock.release()

    async def _session_until_stopped(self, stop: asyncio.Event) -> None:
        """One session; on stop, a session stuck in a request (say a frozen server while
        connecting) is given a moment, then cancelled, so a shutdown never hangs."""
        session = asyncio.create_task(self._session(stop), name=f"session {self.db}")
        stopped = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({session, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if not session.done():
                try:
                    await asyncio.wait_for(asyncio.shield(session), 2.0)
                except TimeoutError:
                    session.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await session
                    return
            session.result()
        finally:
            stopped.cancel()

    def _recover(self) -> None:
        """Continue the newest open segment of an earlier run, if there is one."""
        directory = self.repo.stream_dir(self.db)
        remove_temporaries(directory)
        names = sorted(n for n in _listdir(directory) if is_segment_name(n))
        if not names:
            return
        path = directory / names[-1]
        info = read_segment(path)
        if info.sealed is not None:
            self.held.gap_reason = "sealed"
            return
        if info.defect is not None and not info.torn_tail:
            self.held.gap_reason = "previous-damaged"
            log.error(
                "%s: %s is damaged (%s); it is kept as it is", self.db, path.name, info.defect
            )
            return
        loaded = load_segment(path)
        if loaded.problem is not None and not loaded.torn_tail:
            self.held.gap_reason = "previous-damaged"
            log.error("%s: %s: %s; it is kept as it is", self.db, path.name, loaded.problem)
            return
        if loaded.problem is not None:
            log.warning(
                "%s: %s ends in a torn record (a kill while writing); it is cut off at "
                "offset %d, nothing before it is lost",
                self.db,
                path.name,
                loaded.end_offset,
            )
        self.writer = SegmentWriter.reopen(path, loaded.end_offset, loaded.records)
        held = self.held
        held.db = loaded.contents
        held.schema_json = loaded.contents.schema.json
        held.last_txn = info.last_txn
        held.last_ms = held.confirmed_ms = (info.last.date_ms if info.last else 0) or 0
        base_fields = info.base.mark.fields if info.base and info.base.mark else {}
        held.model = base_fields.get("model")
        age = (now_ms() - (info.base.date_ms or 0)) / 1000 if info.base else 0.0
        held.segment_started = time.monotonic() - max(0.0, age)
        self._note_segment()
        log.info("%s: continuing %s after transaction %s", self.db, path.name, held.last_txn)

    def _shutdown(self) -> None:
        if self.writer is None:
            return
        try:
            if self.held.db is not None:
                self._write([self._mark_record("stop")])
            self.writer.sync()
        finally:
            self.writer.close()
            self.writer = None

    # ------------------------------------------------------------------ one connection

    async def _session(self, stop: asyncio.Event) -> None:
        opts = self.opts
        choice = await choose_server(
            opts.remotes, self.db, min_index=self.min_index, role=opts.role, tls=opts.tls
        )
        candidate = choice.require()
        if choice.highest_index is not None:
            self.min_index = max(self.min_index or 0, choice.highest_index)
        row = candidate.row
        assert row is not None
        async with OvsdbClient(
            candidate.remote, tls=opts.tls, request_timeout=opts.request_timeout
        ) as client:
            self.remote = str(candidate.remote)
            await client.set_db_change_aware(True)
            schema = await client.get_schema(self.db)
            resume = self._resumable(schema, row.cid)
            first = _FirstReply(self, schema, resume, row.model)
            try:
                reply = await client.monitor_cond_since_stream(
                    self.db,
                    f"ovsdb-backup-stream-{uuid.uuid4()}",
                    monitor_requests(schema),
                    resume,
                    first.rows,
                    on_start=first.start,
                    timeout=None,  # the first reply may be the whole database
                )
                self.metrics.connected = 1
                await first.finish(reply.last_id)
            finally:
                first.close()
            self.held.model, self.held.cid = row.model, row.cid
            self.held.confirmed_ms = now_ms()
            self.metrics.confirmed_time = self.held.confirmed_ms / 1000
            await self._follow(client, reply.events, stop)

    def _resumable(self, schema: DatabaseSchema, cid: str | None) -> str | None:
        held = self.held
        if held.db is None or held.last_txn is None:
            return None
        if held.schema_json != schema.json:
            held.gap_reason = "schema-changed"
            return None
        if held.cid is not None and cid is not None and cid != held.cid:
            held.gap_reason = "cluster-changed"
            log.warning("%s: the cluster id changed (%s -> %s)", self.db, held.cid, cid)
            return None
        return held.last_txn

    def _history_missing(self, txn: str) -> None:
        """Give a lagging server ``resume_wait`` seconds before accepting a gap."""
        first = self.held.history_miss_since
        if first is None:
            self.held.history_miss_since = time.monotonic()
            raise _Retry(f"{self.remote} does not know transaction {txn}")
        if time.monotonic() - first < self.opts.resume_wait:
            raise _Retry(f"{self.remote} does not know transaction {txn}")
        self.held.history_miss_since = None
        self.held.gap_reason = "history-lost"
        log.warning("%s: transaction %s is no longer in the servers' history", self.db, txn)

    def _base_reason(self, resume: str | None, model: str) -> str | None:
        held = self.held
        if held.gap_reason is not None:
            return held.gap_reason
        if held.db is None and self.writer is None and not self._has_segments():
            return None  # the very first base: nothing before it to be missing
        if held.db is not None and held.last_txn is None:
            return "no-txn-ids"
        return "restart"

    def _has_segments(self) -> bool:
        return any(is_segment_name(n) for n in _listdir(self.repo.stream_dir(self.db)))

    async def _new_base(
        self,
        schema: DatabaseSchema,
        db: Contents,
        last_id: str | None,
        model: str,
        reason: str | None,
    ) -> None:
        previous = self.writer.name if self.writer is not None else None
        if self.writer is not None:
            self._seal(reason="gap" if reason else "new-base")
        held = self.held
        held.db, held.schema_json = db, schema.json
        held.last_txn = normalize_txn(last_id)
        held.gap_reason = None
        fields = {"model": model, "from": self.remote, "after": reason}
        await self._start_segment(fields, continues=None)
        self.metrics.bases += 1
        if reason is not None:
            self.metrics.gaps += 1
            log.warning(
                "%s: gap after %s: %s; new base in %s",
                self.db,
                previous or "the previous segment",
                reason,
                self.writer.name if self.writer else "-",
            )

    async def _start_segment(self, fields: dict[str, str | None], continues: str | None) -> None:
        held = self.held
        assert held.db is not None
        date = max(now_ms(), held.last_ms)
        mark_fields = {k: v for k, v in fields.items() if v}
        if continues:
            mark_fields["continues"] = continues
        mark = Mark("base", held.last_txn, mark_fields)
        name = new_segment_name(date)
        path = self.repo.segment_path(self.db, name)
        db = held.db
        self.writer = await asyncio.to_thread(SegmentWriter.create, path, db, date, mark)
        held.last_ms = held.confirmed_ms = date
        held.segment_started = time.monotonic()
        self._note_segment()
        self._register()

    # ------------------------------------------------------------------ following

    async def _follow(
        self, client: OvsdbClient, events: asyncio.Queue[Any], stop: asyncio.Event
    ) -> None:
        opts = self.opts
        idle_since = time.monotonic()
        try:
            while not stop.is_set():
                wait = min(0.5, self._sync_due())
                try:
                    event = await asyncio.wait_for(events.get(), timeout=max(0.01, wait))
                except TimeoutError:
                    self._maybe_sync()
                    if self._probe is None and time.monotonic() - idle_since >= opts.probe:
                        self._probe = asyncio.create_task(self._echo(client, events))
                    continue
                batch = [event]
                while len(batch) < _BATCH_EVENTS and not events.empty():
                    batch.append(events.get_nowait())
                await self._handle(batch)
                idle_since = time.monotonic()
                await self._maybe_rotate()
        finally:
            if self._probe is not None:
                self._probe.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._probe
                self._probe = None

    async def _handle(self, batch: list[Any]) -> None:
        updates: list[tuple[dict[str, Any], str | None]] = []
        for event in batch:
            if isinstance(event, MonitorUpdate):
                updates.append((event.updates, event.last_txn_id))
                continue
            self._write_updates(updates)
            updates = []
            if isinstance(event, MonitorUpdateStream):
                await self._stream_update(event)
            elif isinstance(event, _Probed):
                self._probed(event.at_ms)
            elif isinstance(event, _ProbeFailed):
                raise event.error
            elif isinstance(event, MonitorCanceled):
                raise _Resync("the server canceled the monitor (database converted or removed)")
            elif isinstance(event, MonitorLost):
                error = event.error
                if isinstance(error, ServerError):
                    raise error
                raise ConnectionLost(f"{self.remote}: {error}", remote=self.remote)
        self._write_updates(updates)

    async def _echo(self, client: OvsdbClient, events: asyncio.Queue[Any]) -> None:
        """An echo round trip. Its reply follows every update the server sent before it,
        so the marker it queues comes after them (the updates are consumed meanwhile:
        a streamed one ahead of the reply holds the reader until it is read)."""
        try:
            await client.echo("ovsdb-backup", timeout=max(self.opts.probe * 2, 5.0))
        except Exception as exc:  # RequestTimeout, ConnectionLost: the loop raises it
            events.put_nowait(_ProbeFailed(exc))
        else:
            events.put_nowait(_Probed(now_ms()))

    def _probed(self, at_ms: int) -> None:
        """Everything committed before ``at_ms`` has been handled."""
        self._probe = None
        held = self.held
        held.confirmed_ms = max(held.confirmed_ms, at_ms)
        self.metrics.confirmed_time = held.confirmed_ms / 1000
        if held.confirmed_ms - held.last_ms >= self.opts.heartbeat * 1000:
            self._write([self._mark_record("heartbeat", at_ms=held.confirmed_ms)])
            self._sync()

    def _begin_update(self) -> UpdateInParts:
        assert self.held.db is not None
        return UpdateInParts(self.held.db, self.repo.stream_dir(self.db))

    async def _stream_update(self, stream: MonitorUpdateStream) -> None:
        """A big update: applied and recorded batch by batch, as it arrives."""
        update = self._begin_update()
        try:
            async for table, rows in stream:
                update.add(table, rows)
                del rows  # no reference to a parsed batch once it is applied
        except UpdateMismatch as exc:
            stream.discard()
            update.abort()
            raise _Resync(f"update after {self.held.last_txn} does not fit: {exc}") from None
        except BaseException:
            stream.discard()
            update.abort()
            raise
        self._commit_update(update, stream.last_txn_id)

    def _commit_update(
        self, update: UpdateInParts, last_id: str | None, *, since: int | None = None
    ) -> None:
        """Write the record of a complete :class:`UpdateInParts` (one record, like any)."""
        held = self.held
        try:
            txn = normalize_txn(last_id)
            fields = {"since": str(since)} if since is not None and not update.empty else {}
            date = max(now_ms(), held.last_ms)
            spool = update.finish(date, Mark("txn", txn, fields))
            if self.writer is not None:
                self.metrics.bytes += self.writer.add_spooled(spool)
                self.metrics.segment_bytes = self.writer.size
        except BaseException:
            update.abort()
            raise
        update.commit()
        held.last_txn, held.last_ms = txn, date
        self.metrics.transactions += 1
        self.metrics.rows += update.rows
        self.metrics.last_txn_time = self.metrics.confirmed_time = date / 1000
        if self.opts.fsync_interval <= 0:
            self._sync()
        self.metrics.write_lag = max(0.0, time.time() - date / 1000)

    def _write_updates(
        self, updates: list[tuple[dict[str, Any], str | None]], *, since: int | None = None
    ) -> None:
        if not updates:
            return
        held = self.held
        assert held.db is not None
        records: list[bytes] = []
        rows = 0
        for changes_json, last_id in updates:
            try:
                changes, count = record_changes(held.db, changes_json)
                apply_changes(held.db, changes)
            except UpdateMismatch as exc:
                self._write(records)
                self._sync()
                raise _Resync(f"update after {held.last_txn} does not fit: {exc}") from None
            held.last_txn = normalize_txn(last_id)
            fields = {"since": str(since)} if since is not None and changes else {}
            date = max(now_ms(), held.last_ms)
            records.append(txn_record(changes, date, Mark("txn", held.last_txn, fields)))
            held.last_ms = date
            rows += count
        self._write(records)
        self.metrics.transactions += len(records)
        self.metrics.rows += rows
        self.metrics.last_txn_time = held.last_ms / 1000
        self.metrics.confirmed_time = held.last_ms / 1000
        if self.opts.fsync_interval <= 0:
            self._sync()
        received = held.last_ms / 1000
        self.metrics.write_lag = max(0.0, time.time() - received)

    def _mark_record(self, kind: str, at_ms: int | None = None, **fields: str) -> bytes:
        held = self.held
        date = max(now_ms() if at_ms is None else at_ms, held.last_ms)
        held.last_ms = date
        return txn_record({}, date, Mark(kind, held.last_txn, dict(fields)))

    def _write(self, records: list[bytes]) -> None:
        if records and self.writer is not None:
            self.metrics.bytes += self.writer.add_records(records)
            self.metrics.segment_bytes = self.writer.size

    def _sync(self) -> None:
        if self.writer is not None:
            self.writer.sync()
        self._last_sync = time.monotonic()
        self.metrics.last_sync_time = time.time()

    def _sync_due(self) -> float:
        if self.writer is None or not self.writer.unsynced or self.opts.fsync_interval <= 0:
            return 0.5
        return max(0.0, self._last_sync + self.opts.fsync_interval - time.monotonic())

    def _maybe_sync(self) -> None:
        if self.writer is not None and self.writer.unsynced and self._sync_due() <= 0:
            self._sync()

    # ------------------------------------------------------------------ segments

    async def _maybe_rotate(self) -> None:
        writer = self.writer
        if writer is None or self.held.db is None:
            return
        reason = None
        if writer.size >= self.opts.segment_max_bytes:
            reason = "size"
        elif time.monotonic() - self.held.segment_started >= self.opts.segment_max_age:
            reason = "age"
        if reason is None:
            return
        old = writer.name
        date = max(now_ms(), self.held.last_ms)
        next_name = new_segment_name(date)
        self._seal(reason=reason, next_name=next_name)
        fields = {"model": self.held.model, "from": self.remote}
        await self._start_segment(fields, continues=old)
        log.info("%s: segment %s sealed (%s); continuing in %s", self.db, old, reason, next_name)

    def _seal(self, *, reason: str, next_name: str | None = None) -> None:
        if self.writer is None:
            return
        fields = {"reason": reason}
        if next_name:
            fields["next"] = next_name
        # A seal after a gap claims nothing new: it carries the last record's time. A
        # rotation seal is current now (everything received has been written).
        at = now_ms() if reason in ("size", "age") else self.held.last_ms
        self._write([self._mark_record("seal", at_ms=at, **fields)])
        self._sync()
        self.writer.close()
        self.writer = None
        self.metrics.segments_sealed += 1
        self._register()

    def _note_segment(self) -> None:
        if self.writer is not None:
            self.metrics.segment_bytes = self.writer.size
            self.metrics.segment = self.writer.name

    def _register(self) -> None:
        """Bring the catalog up to date (best effort: it is rebuilt from the files)."""
        try:
            with self.repo.mutating(f"stream agent for {self.db}"):
                catalog, _ = cat.reconcile(self.repo, cat.read_catalog_file(self.repo))
                cat.save(self.repo, catalog)
        except (OvsdbBackupError, OSError) as exc:
            log.warning("%s: catalog not updated (%s); it is rebuilt from the files", self.db, exc)


class _FirstReply:
    """Where the rows of the first ``monitor_cond_since`` reply go; ``found`` decides.

    The server sends ``found`` and the last transaction id before the rows, so this is
    known before any row arrives (``start``):

    * resuming and ``found``: the rows are the changes since the last transaction, an
      update like any other (applied and recorded in parts, marked ``since=``);
    * resuming but not ``found`` on a server that may just lag: ``_Retry`` (raised
      after the reply has been read; its rows are dropped as they come);
    * otherwise the rows are the whole contents: the old contents are let go at once
      (never two copies in memory) and each batch is checked and serialised
      (:meth:`Contents.prepare`); they are added once the reply is complete, when no
      parsed batch is left (see ``contents.py``), and become the next segment's base.
    """

    def __init__(
        self, follower: Follower, schema: DatabaseSchema, resume: str | None, model: str
    ) -> None:
        self.follower = follower
        self.schema = schema
        self.resume = resume
        self.model = model
        self.since = follower.held.confirmed_ms
        self.update: UpdateInParts | None = None  # found: the changes since resume
        self.contents: Contents | None = None  # not found: the new base
        self.pending: list[PendingRows] = []
        self.reason: str | None = None

    def start(self, found: bool, last_id: str) -> None:
        follower, held = self.follower, self.follower.held
        if self.resume is not None and found:
            held.history_miss_since = None
            self.update = follower._begin_update()
            return
        if self.resume is not None:
            follower._history_missing(self.resume)
        self.reason = follower._base_reason(self.resume, self.model)
        # Kept for the next session if this one fails before the base is written.
        held.gap_reason = self.reason
        held.db = None
        self.contents = Contents(self.schema)

    def rows(self, table: str, rows: dict[str, Any]) -> None:
        if self.update is not None:
            try:
                self.update.add(table, rows)
            except UpdateMismatch as exc:
                held = self.follower.held
                raise _Resync(f"update after {held.last_txn} does not fit: {exc}") from None
        elif self.contents is not None:
            try:
                self.pending.append(self.contents.prepare(table, rows, wrapped=True))
            except ContentsMismatch as exc:
                remote = self.follower.remote
                raise ProtocolError(
                    f"{remote}: the contents it sent do not fit its schema: {exc}", remote=remote
                ) from None

    async def finish(self, last_id: str | None) -> None:
        follower = self.follower
        if self.update is not None:
            update, self.update = self.update, None
            if update.empty:
                update.commit()
            else:
                follower._commit_update(update, last_id, since=self.since)
            log.info("%s: resumed from %s on %s", follower.db, self.resume, follower.remote)
            return
        contents = self.contents
        assert contents is not None
        self.pending.reverse()
        while self.pending:  # each serialised batch is freed once its rows are in
            contents.add(self.pending.pop())
        await follower._new_base(self.schema, contents, last_id, self.model, self.reason)

    def close(self) -> None:
        """After a failure: take back a partly applied update."""
        if self.update is not None:
            self.update.abort()
            self.update = None
        self.pending.clear()


def _listdir(directory: Path) -> list[str]:
    try:
        return [p.name for p in directory.iterdir()]
    except FileNotFoundError:
        return []


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def run_stream(
    repo: Repository, opts: StreamOptions, stop: asyncio.Event, metrics: StreamMetrics
) -> None:
    """Follow every database of ``opts`` until ``stop`` is set (then shut down cleanly)."""
    if not opts.databases:
        raise InputError("no database to stream: give --db")
    followers = [Follower(repo, db, opts, metrics.database(db)) for db in opts.databases]
    tasks = [asyncio.create_task(f.run(stop), name=f"stream {f.db}") for f in followers]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in done:
            if task.exception() is not None:
                stop.set()
                await asyncio.gather(*tasks, return_exceptions=True)
                raise task.exception()  # type: ignore[misc]
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
