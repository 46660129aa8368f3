"""``db cluster-to-standalone``: the committed contents of a member file as a standalone DB.

Streaming mode (default) copies each committed entry's transaction bytes
verbatim into a standalone record, in index order, once a ``commit_index``
record proves it final; entries that a later record truncates are never
written. Memory stays flat (only file offsets of not-yet-committed entries are
kept). ``--compact`` replays the contents instead and writes one compacted
transaction.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from .. import __version__
from ..errors import CorruptFileError, InputError, Location, ReplayError, UsageError
from ..formats.clustered import iter_raft_records, read_header, replay_clustered
from ..formats.dbfile import AtomicWriter, open_db_file
from ..formats.raft import EntryInfo, RaftLog, RaftRecord, RuleViolation
from ..formats.records import STANDALONE_MAGIC, Defect, DefectKind, encode_record
from ..formats.standalone import defect_error, defect_finding, write_compacted
from ..perf import bulk_allocation
from ..results import Finding, ProgressCallback, Severity
from .compact import check_distinct

# An entry body is {<simple members>,"data":[null,<txn>],<simple members>}: the
# members around "data" are numbers or UUID strings, so the transaction's exact
# bytes can be located without re-serialising it.
_SIMPLE = rb'"(?:term|index|eid|election_timer)":(?:[0-9]+|"[0-9a-f-]{36}")'
_PREFIX = re.compile(rb"\{(?:" + _SIMPLE + rb",)*")
_SUFFIX = re.compile(rb"\](?:," + _SIMPLE + rb")*\}\n?")
_DATA_KEY = b'"data":[null,'


@dataclass
class C2SResult:
    source: str
    output: str
    mode: str  # streaming | compact
    name: str
    commit_index: int
    last_index: int
    applied_index: int
    entries_written: int = 0
    uncommitted_dropped: int = 0
    uncommitted_included: int = 0
    truncated_entries: int = 0
    bytes_out: int = 0
    rows: dict[str, int] | None = None
    warnings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "output": self.output,
            "mode": self.mode,
            "name": self.name,
            "commit_index": self.commit_index,
            "last_index": self.last_index,
            "applied_index": self.applied_index,
            "entries_written": self.entries_written,
            "uncommitted_dropped": self.uncommitted_dropped,
            "uncommitted_included": self.uncommitted_included,
            "truncated_entries": self.truncated_entries,
            "bytes_out": self.bytes_out,
            "rows": self.rows,
            "warnings": [w.to_json() for w in self.warnings],
        }


def txn_span(body: bytes) -> tuple[int, int] | None:
    """(start, end) of the transaction JSON inside an entry body, or None."""
    key = body.find(_DATA_KEY)
    if key < 0 or _PREFIX.fullmatch(body, 0, key) is None:
        return None
    end = body.rfind(b"]")
    start = key + len(_DATA_KEY)
    if end <= start or _SUFFIX.fullmatch(body, end) is None:
        return None
    if body[start : start + 1] != b"{" or body[end - 1 : end] != b"}":
        return None
    return start, end


_NOTHING, _APPEND, _RESET = 0, 1, 2


class _StreamingSink:
    """Writes committed entries to the output as they become final.

    The reader frames each entry's transaction (``next_frame``) before the Raft
    rules see the record; pending entries keep only those bytes until a commit
    record makes them final or a truncation discards them.
    """

    def __init__(self, out: AtomicWriter, result: C2SResult) -> None:
        self.out = out
        self.result = result
        self.next_frame: bytes | None = None
        self.pending: list[tuple[EntryInfo, int, bytes]] = []
        self.fallback: str | None = None  # why streaming cannot continue

    def append(self, entry: EntryInfo, record: RaftRecord) -> None:
        if record.data is None:
            self.pending.append((entry, _NOTHING, b""))
            return
        schema_json, txn = record.data
        if schema_json is None:
            assert self.next_frame is not None
            self.pending.append((entry, _APPEND, self.next_frame))
        elif txn is None:
            self.fallback = f"entry {entry.index} converts the schema without data"
        else:
            # A reset entry replaces the whole database: the output restarts with it.
            records = encode_record(STANDALONE_MAGIC, orjson.dumps(schema_json) + b"\n")
            records += encode_record(STANDALONE_MAGIC, orjson.dumps(txn) + b"\n")
            self.pending.append((entry, _RESET, records))
        self.next_frame = None

    def truncate(self, index: int) -> None:
        while self.pending and self.pending[-1][0].index >= index:
            self.pending.pop()
            self.result.truncated_entries += 1

    def commit(self, index: int) -> None:
        n = 0
        for item in self.pending:
            if item[0].index > index:
                break
            self._write(*item)
            n += 1
        del self.pending[:n]

    def flush_uncommitted(self) -> None:
        for item in self.pending:
            self._write(*item)
            self.result.uncommitted_included += 1
        self.pending.clear()

    def _write(self, entry: EntryInfo, action: int, payload: bytes) -> None:
        self.result.applied_index = entry.index
        if action == _NOTHING:
            return
        if action == _RESET:
            self.out.truncate_to(0)
        self.out.write(payload)
        self.result.entries_written += 1


def _frame_txn(body: bytes, record: RaftRecord) -> bytes:
    """A standalone record holding an entry's transaction, bytes copied verbatim."""
    span = txn_span(body)
    if span is not None:
        start, end = span
        txn = memoryview(body)[start:end]
        digest = hashlib.sha1(txn, usedforsecurity=False)
        digest.update(b"\n")
        length = end - start + 1
        header = b"OVSDB %s %d %s\n" % (
            STANDALONE_MAGIC.encode(),
            length,
            digest.hexdigest().encode(),
        )
        return header + bytes(txn) + b"\n"
    assert record.data is not None
    return encode_record(STANDALONE_MAGIC, orjson.dumps(record.data[1]) + b"\n")


def _policy_stop(
    finding: Finding, error: Exception, lenient: bool, torn_ok: bool, warnings: list[Finding]
) -> None:
    if torn_ok or lenient:
        warnings.append(finding)
        return
    raise error


def _stream(
    buf: Any,
    path: str,
    out: AtomicWriter,
    result: C2SResult,
    *,
    lenient: bool,
    include_uncommitted: bool,
    commit_through: int | None,
    progress: ProgressCallback | None,
) -> RaftLog | None:
    header, _first = read_header(buf, path)
    schema_json = header.snapshot_schema()
    if schema_json is None:
        raise InputError(f"{path}: the header has no snapshot with a schema")
    schema_bytes = orjson.dumps(schema_json) + b"\n"
    out.write(encode_record(STANDALONE_MAGIC, schema_bytes))
    snapshot_txn = header.prev_data[1]
    if snapshot_txn:
        out.write(encode_record(STANDALONE_MAGIC, orjson.dumps(snapshot_txn) + b"\n"))
    sink = _StreamingSink(out, result)
    log = RaftLog(header, sink, path)
    total = len(buf)
    with bulk_allocation():
        for item in iter_raft_records(buf, path=path, strict=False):
            if isinstance(item, Defect):
                torn = item.kind is DefectKind.TORN_TAIL
                _policy_stop(
                    defect_finding(item, path),
                    defect_error(item, path),
                    lenient,
                    torn,
                    result.warnings,
                )
                break
            if isinstance(item, Finding):
                err = CorruptFileError(
                    f"{path}: {item.message}", Location(path, item.record, item.offset)
                )
                _policy_stop(item, err, lenient, False, result.warnings)
                break
            frame, record = item
            if record.kind == "entry" and record.data is not None and record.data[0] is None:
                sink.next_frame = _frame_txn(frame.body, record)
            try:
                log.apply(record, frame.number, frame.offset)
            except RuleViolation as exc:
                finding = Finding(
                    exc.kind, Severity.ERROR, exc.message, path, frame.number, frame.offset
                )
                violation = ReplayError(
                    f"{path}: {exc.message}",
                    Location(path, frame.number, frame.offset),
                    hint="--lenient converts what was committed before this record",
                )
                _policy_stop(finding, violation, lenient, False, result.warnings)
                break
            if sink.fallback is not None:
                return None
            if progress is not None and frame.number % 256 == 0:
                progress(frame.end, total)
    if include_uncommitted:
        sink.flush_uncommitted()
    else:
        if commit_through:
            sink.commit(min(commit_through, log.last_index))
        result.uncommitted_dropped = len(sink.pending)
    return log


def cluster_to_standalone(
    source: str,
    output: str,
    *,
    include_uncommitted: bool = False,
    commit_through: int | None = None,
    lenient: bool = False,
    compact: bool = False,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
) -> C2SResult:
    """Convert a clustered member file to a standalone database file.

    A torn last record is tolerated (warned about). Other damage and Raft rule
    violations (e.g. a gap) are errors unless ``lenient``, which converts what
    was committed before the problem. The output appears only when complete.
    ``commit_through`` also converts entries up to that index that this file
    does not (yet) know to be committed (see ``replay_clustered``).
    """
    check_distinct(source, output)
    with open_db_file(source) as f:
        if not f.is_clustered:
            raise UsageError(
                f"{source}: is not a clustered database file",
                hint="for standalone files use 'ovsdb-backup db compact'",
            )
        header, _ = read_header(f.buf, source)
        if header.joining:
            raise InputError(
                f"{source}: this server has not joined its cluster; the file holds no data"
            )
        if not compact:
            result = _try_streaming(
                f.buf,
                source,
                output,
                header.name,
                overwrite=overwrite,
                lenient=lenient,
                include_uncommitted=include_uncommitted,
                commit_through=commit_through,
                progress=progress,
            )
            if result is not None:
                return result
        return _compacted(
            f.buf,
            source,
            output,
            header.name,
            overwrite=overwrite,
            lenient=lenient,
            include_uncommitted=include_uncommitted,
            commit_through=commit_through,
            progress=progress,
        )


def _try_streaming(
    buf: Any,
    source: str,
    output: str,
    name: str,
    *,
    overwrite: bool,
    lenient: bool,
    include_uncommitted: bool,
    commit_through: int | None,
    progress: ProgressCallback | None,
) -> C2SResult | None:
    result = C2SResult(source, output, "streaming", name, 0, 0, 0)
    with AtomicWriter(output, overwrite=overwrite) as out:
        log = _stream(
            buf,
            source,
            out,
            result,
            lenient=lenient,
            include_uncommitted=include_uncommitted,
            commit_through=commit_through,
            progress=progress,
        )
        if log is None:
            out.abort()
            return None
        result.commit_index = log.commit_index
        result.last_index = log.last_index
        out.commit()
        result.bytes_out = out.bytes_written
    return result


def _compacted(
    buf: Any,
    source: str,
    output: str,
    name: str,
    *,
    overwrite: bool,
    lenient: bool,
    include_uncommitted: bool,
    commit_through: int | None,
    progress: ProgressCallback | None,
) -> C2SResult:
    replay = replay_clustered(
        buf,
        path=source,
        strict=not lenient,
        accept_torn_tail=True,
        include_uncommitted=include_uncommitted,
        commit_through=commit_through,
        progress=progress,
    )
    if replay.db is None:
        raise InputError(f"{source}: no schema found in the file")
    log = replay.log
    result = C2SResult(
        source,
        output,
        "compact",
        name,
        log.commit_index,
        log.last_index,
        replay.applied_index,
        truncated_entries=log.truncations,
    )
    pending = log.last_index - replay.applied_index
    if include_uncommitted:
        result.uncommitted_included = max(0, log.last_index - log.commit_index)
    else:
        result.uncommitted_dropped = pending
    if replay.stopped is not None:
        result.warnings.append(replay.stopped)
    with AtomicWriter(output, overwrite=overwrite) as out:
        schema_bytes = replay.db.schema.to_bytes() + b"\n"
        write_compacted(
            out, replay.db, schema_bytes, f"cluster-to-standalone by ovsdb-backup {__version__}"
        )
        out.commit()
        result.bytes_out = out.bytes_written
    result.rows = replay.db.row_counts()
    return result
