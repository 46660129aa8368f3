"""Replaying the contents of a clustered database file.

The snapshot in the header is the starting point; entries are applied only
once they are final: when a ``commit_index`` record covers them (the default,
"committed only"), or at the end of the file when uncommitted entries are
wanted. Entries that a later record truncates are never applied — the
difference from ``ovsdb-tool cluster-to-standalone``, which copies every
entry it sees and so can emit rows the cluster never committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import CorruptFileError, Location, ReplayError, SchemaError
from ..model.convert import ConversionError, convert_database
from ..model.database import Database, TxnError
from ..model.schema import DatabaseSchema
from ..perf import bulk_allocation
from ..results import Finding, ProgressCallback, Severity
from .raft import (
    EntryInfo,
    RaftFormatError,
    RaftHeader,
    RaftLog,
    RaftRecord,
    RuleViolation,
    parse_header,
    parse_record,
)
from .records import CLUSTER_MAGIC, Defect, DefectKind, Frame, parse_body, scan
from .standalone import defect_error, defect_finding


@dataclass
class ClusterReplay:
    """What a clustered file holds, and how reading it ended."""

    header: RaftHeader
    log: RaftLog
    db: Database | None = None
    applied_index: int = 0  # index of the last entry applied to ``db``
    applied_eid: str | None = None
    last_date: int | None = None
    last_comment: str | None = None
    end_offset: int = 0
    stopped: Finding | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def schema(self) -> DatabaseSchema | None:
        return self.db.schema if self.db is not None else None


class _Stop(Exception):
    def __init__(self, finding: Finding, error: Exception) -> None:
        super().__init__(finding.message)
        self.finding = finding
        self.error = error


def read_header(buf: Any, path: str | None, strict: bool = True) -> tuple[RaftHeader, Frame]:
    first = next(scan(buf, magic=CLUSTER_MAGIC, strict=strict), None)
    if first is None:
        raise CorruptFileError(f"{path}: empty file", Location(path, 0, 0))
    if isinstance(first, Defect):
        raise defect_error(first, path)
    obj = parse_body(first)
    if isinstance(obj, Defect):
        raise defect_error(obj, path)
    try:
        return parse_header(obj), first
    except RaftFormatError as exc:
        raise CorruptFileError(
            f"{path}: record 0 is not a valid clustered header: {exc}", Location(path, 0, 0)
        ) from None


def iter_raft_records(
    buf: Any, *, path: str | None, strict: bool
) -> Iterator[tuple[Frame, RaftRecord] | Defect | Finding]:
    """Records after the header: (frame, record), a Defect, or a Finding for a
    well-framed record whose members are wrong. Stops after a problem."""
    items = scan(buf, magic=CLUSTER_MAGIC, strict=strict)
    next(items, None)
    for item in items:
        if isinstance(item, Defect):
            yield item
            return
        obj = parse_body(item)
        if isinstance(obj, Defect):
            yield obj
            return
        try:
            yield item, parse_record(obj)
        except RaftFormatError as exc:
            yield Finding(
                "bad-record",
                Severity.ERROR,
                f"record {item.number}: {exc}",
                path,
                item.number,
                item.offset,
            )
            return


class _ContentSink:
    """Applies entries to a Database once they are final."""

    def __init__(self, replay: ClusterReplay, path: str | None) -> None:
        self.replay = replay
        self.path = path
        self.pending: list[tuple[EntryInfo, Any]] = []

    def append(self, entry: EntryInfo, record: RaftRecord) -> None:
        if record.data is not None:
            self.pending.append((entry, record.data))
        else:
            self.pending.append((entry, None))

    def truncate(self, index: int) -> None:
        while self.pending and self.pending[-1][0].index >= index:
            self.pending.pop()

    def commit(self, index: int) -> None:
        n = 0
        for entry, data in self.pending:
            if entry.index > index:
                break
            self.apply(entry, data)
            n += 1
        del self.pending[:n]

    def flush(self) -> None:
        for entry, data in self.pending:
            self.apply(entry, data)
        self.pending.clear()

    def apply(self, entry: EntryInfo, data: Any) -> None:
        replay = self.replay
        if data is not None:
            try:
                apply_entry_data(replay, data)
            except (TxnError, SchemaError, ConversionError) as exc:
                message = f"record {entry.record} (entry {entry.index}): {exc}"
                finding = Finding(
                    "bad-transaction",
                    Severity.ERROR,
                    message,
                    self.path,
                    entry.record,
                    entry.offset,
                )
                raise _Stop(
                    finding,
                    ReplayError(
                        f"{self.path}: {message}", Location(self.path, entry.record, entry.offset)
                    ),
                ) from None
            replay.applied_eid = entry.eid
        replay.applied_index = entry.index


def apply_entry_data(replay: ClusterReplay, data: Any) -> None:
    """Apply an entry's ``[schema-or-null, txn-or-null]`` (or the header snapshot)."""
    schema_json, txn = data
    if schema_json is not None:
        schema = DatabaseSchema.from_json(schema_json)
        fresh = Database(schema)
        if txn is not None:
            fresh.apply_txn(txn)
        elif replay.db is not None:
            # OVS >= 3.2 writes [schema, null]: the server converts the data itself.
            fresh = convert_database(replay.db, schema).db
        if replay.db is None:
            replay.db = fresh
        else:
            replay.db.replace_contents(fresh)
    elif txn is not None:
        if replay.db is None:
            raise TxnError("transaction before any schema is known")
        replay.db.apply_txn(txn)
    if isinstance(txn, dict):
        date = txn.get("_date")
        if type(date) is int:
            replay.last_date = date
        comment = txn.get("_comment")
        if isinstance(comment, str):
            replay.last_comment = comment


def replay_clustered(
    buf: Any,
    *,
    path: str | None = None,
    strict: bool = True,
    accept_torn_tail: bool = False,
    include_uncommitted: bool = False,
    commit_through: int | None = None,
    stop_before: Callable[[int, RaftRecord], bool] | None = None,
    progress: ProgressCallback | None = None,
) -> ClusterReplay:
    """Replay a clustered file with Raft rules; committed entries only by default.

    ``strict``: damage and rule violations raise. Otherwise reading stops at the
    first problem and ``stopped`` says where; the content is what was final
    before it. ``accept_torn_tail`` makes a torn last record a warning even in
    strict mode (it is normal after power loss).

    ``include_uncommitted`` applies, at the end, the entries of the log as read
    (after a torn tail or other damage too: that is the log ovsdb-server would
    start with). ``commit_through`` applies entries up to that index although the
    file has no commit record for them — for an index the cluster is known to
    have committed from other evidence (e.g. the entry is on a majority of
    members; ovsdb-server writes commit records lazily, after replying).
    """
    header, first = read_header(buf, path, strict)
    log = RaftLog(header, path=path)
    replay = ClusterReplay(header, log, end_offset=first.end)
    sink = _ContentSink(replay, path)
    log.sink = sink
    total = len(buf)
    with bulk_allocation():
        if header.has_snapshot:
            try:
                apply_entry_data(replay, header.prev_data)
            except (TxnError, SchemaError) as exc:
                raise CorruptFileError(
                    f"{path}: the snapshot in the header cannot be loaded: {exc}",
                    Location(path, 0, 0),
                ) from None
            replay.applied_index = header.prev_index
            replay.applied_eid = header.prev_eid
        try:
            _replay_records(
                buf, replay, log, path, strict, accept_torn_tail, stop_before, progress, total
            )
        except _Stop as stop:
            if strict:
                raise stop.error from None
            replay.stopped = stop.finding
        # After a transaction that cannot be applied, later entries must not be applied.
        readable = replay.stopped is None or replay.stopped.kind != "bad-transaction"
        if readable and (include_uncommitted or commit_through):
            try:
                if include_uncommitted:
                    sink.flush()
                elif commit_through:
                    sink.commit(min(commit_through, log.last_index))
            except _Stop as stop:
                if strict:
                    raise stop.error from None
                replay.stopped = stop.finding
    replay.findings.extend(log.findings)
    return replay


def _replay_records(
    buf: Any,
    replay: ClusterReplay,
    log: RaftLog,
    path: str | None,
    strict: bool,
    accept_torn_tail: bool,
    stop_before: Callable[[int, RaftRecord], bool] | None,
    progress: ProgressCallback | None,
    total: int,
) -> None:
    for item in iter_raft_records(buf, path=path, strict=strict):
        if isinstance(item, Defect):
            finding = defect_finding(item, path)
            if item.kind is DefectKind.TORN_TAIL and accept_torn_tail:
                replay.stopped = finding
                return
            raise _Stop(finding, defect_error(item, path))
        if isinstance(item, Finding):
            raise _Stop(
                item,
                CorruptFileError(
                    f"{path}: {item.message}", Location(path, item.record, item.offset)
                ),
            )
        frame, record = item
        if stop_before is not None and stop_before(frame.number, record):
            return
        try:
            log.apply(record, frame.number, frame.offset)
        except RuleViolation as exc:
            finding = Finding(
                exc.kind, Severity.ERROR, exc.message, path, frame.number, frame.offset
            )
            raise _Stop(
                finding,
                ReplayError(f"{path}: {exc.message}", Location(path, frame.number, frame.offset)),
            ) from None
        replay.end_offset = frame.end
        if progress is not None:
            progress(frame.end, total)
