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
3. **Follows**: each ``update3`` is checked against the contents held, applied to them,
   and appended as one record with its transaction id and the time it was seen.
   Records that arrived together are written with one ``write`` and one ``fsync``
   (``fsync_interval`` 0, the default: nothing is reported written before it is on
   disk); a larger interval trades that for fewer fsyncs.
4. **Probes** an idle connection with ``echo`` (ordered after every update the server
   sent before it), and writes a heartbeat record when nothing else was written for
   ``heartbeat`` seconds, so the segment says up to when it is known to be current.
5. **Rotates** by size or age: the segment is sealed and the next one starts with a base
   built from the contents held (same transaction, so no gap, and no load on the server).
6. On stop (SIGTERM/SIGINT): a ``stop`` record, fsync, close; the segment stays open and
   the next run continues it.

A follower never stops on a server error: it waits (exponential backoff up to
``reconnect_max``) and starts again at step 2.
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
from ..formats.dbfile import open_db_file
from ..formats.standalone import replay_standalone
from ..model.database import Database
from ..model.schema import DatabaseSchema
from ..protocol import (
    MonitorCanceled,
    MonitorLost,
    MonitorUpdate,
    OvsdbClient,
    RemoteList,
    RolePolicy,
    TlsFiles,
    choose_server,
)
from ..protocol.errors import ConnectionLost, ProtocolError
from . import catalog as cat
from .layout import Repository, is_segment_name, new_segment_name, now_ms
from .metrics import DbMetrics, StreamMetrics
from .segment import Mark, SegmentWriter, normalize_txn, read_segment, txn_record
from .updates import (
    UpdateMismatch,
    apply_changes,
    contents_from_initial,
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


@dataclass
class _Held:
    """What a follower holds between sessions."""

    db: Database | None = None
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
        with open_db_file(str(path)) as f:
            outcome = replay_standalone(f.buf, path=str(path), strict=False)
        if outcome.stopped is not None and outcome.stopped.kind != "torn-tail":
            self.held.gap_reason = "previous-damaged"
            log.error(
                "%s: %s: %s; it is kept as it is", self.db, path.name, outcome.stopped.message
            )
            return
        if outcome.stopped is not None:
            log.warning(
                "%s: %s ends in a torn record (a kill while writing); it is cut off at "
                "offset %d, nothing before it is lost",
                self.db,
                path.name,
                outcome.end_offset,
            )
        self.writer = SegmentWriter.reopen(path, outcome.end_offset, outcome.records)
        held = self.held
        held.db = outcome.db
        held.schema_json = outcome.db.schema.json
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
            since = self.held.confirmed_ms
            reply = await client.monitor_cond_since(
                self.db,
                f"ovsdb-backup-stream-{uuid.uuid4()}",
                monitor_requests(schema),
                resume,
                timeout=None,  # the first reply may be the whole database
            )
            self.metrics.connected = 1
            if resume is not None and reply.found:
                self.held.history_miss_since = None
                if reply.updates:
                    self._write_updates([(reply.updates, reply.last_id)], since=since)
                log.info("%s: resumed from %s on %s", self.db, resume, self.remote)
            else:
                if resume is not None:
                    self._history_missing(resume)
                reason = self._base_reason(resume, row.model)
                await self._new_base(schema, reply.updates, reply.last_id, row.model, reason)
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
        initial: dict[str, Any],
        last_id: str,
        model: str,
        reason: str | None,
    ) -> None:
        db = await asyncio.to_thread(contents_from_initial, schema, initial)
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
        while not stop.is_set():
            wait = min(0.5, self._sync_due())
            try:
                event = await asyncio.wait_for(events.get(), timeout=max(0.01, wait))
            except TimeoutError:
                self._maybe_sync()
                if time.monotonic() - idle_since >= opts.probe:
                    await self._probe(client, events)
                    idle_since = time.monotonic()
                continue
            batch = [event]
            while len(batch) < _BATCH_EVENTS and not events.empty():
                batch.append(events.get_nowait())
            self._handle(batch)
            idle_since = time.monotonic()
            await self._maybe_rotate()

    def _handle(self, batch: list[Any]) -> None:
        updates: list[tuple[dict[str, Any], str | None]] = []
        for event in batch:
            if isinstance(event, MonitorUpdate):
                updates.append((event.updates, event.last_txn_id))
                continue
            self._write_updates(updates)
            updates = []
            if isinstance(event, MonitorCanceled):
                raise _Resync("the server canceled the monitor (database converted or removed)")
            if isinstance(event, MonitorLost):
                error = event.error
                if isinstance(error, ServerError):
                    raise error
                raise ConnectionLost(f"{self.remote}: {error}", remote=self.remote)
        self._write_updates(updates)

    async def _probe(self, client: OvsdbClient, events: asyncio.Queue[Any]) -> None:
        """An echo round trip: every update sent before its reply is now in ``events``."""
        await client.echo("ovsdb-backup", timeout=max(self.opts.probe * 2, 5.0))
        pending = []
        while not events.empty():
            pending.append(events.get_nowait())
        if pending:
            self._handle(pending)
        self.held.confirmed_ms = now_ms()
        self.metrics.confirmed_time = self.held.confirmed_ms / 1000
        if self.held.confirmed_ms - self.held.last_ms >= self.opts.heartbeat * 1000:
            self._write([self._mark_record("heartbeat")])
            self._sync()

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
