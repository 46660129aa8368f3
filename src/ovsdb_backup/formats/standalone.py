"""Standalone (and active-backup) database files: read, replay, write.

Record 0 is the schema; every later record is a transaction applied in order
(see :mod:`ovsdb_backup.model.database` for the diff rules).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import CorruptFileError, Location, ReplayError, SchemaError
from ..model.database import Database, TxnError, TxnSummary
from ..model.datum import is_canonical_uuid
from ..model.schema import DatabaseSchema
from ..model.snapshot import snapshot_chunks
from ..perf import bulk_allocation
from ..results import Finding, ProgressCallback, Severity
from .bigrecord import RecordSyntaxError, iter_record
from .dbfile import AtomicWriter
from .records import STANDALONE_MAGIC, Defect, DefectKind, Frame, encode_record, parse_body, scan

# Called before each transaction record; returning True stops replay before it.
StopBefore = Callable[[int, dict[str, Any]], bool]


@dataclass
class ReplayOutcome:
    """The database a file describes, and how reading it ended."""

    schema: DatabaseSchema
    schema_body: bytes
    db: Database
    records: int = 0  # records applied, the schema record included
    end_offset: int = 0  # offset just after the last applied record
    last_date: int | None = None
    last_comment: str | None = None
    stopped: Finding | None = None  # why reading stopped before the end, if it did
    findings: list[Finding] = field(default_factory=list)


def defect_finding(defect: Defect, path: str | None) -> Finding:
    severity = Severity.WARNING if defect.kind is DefectKind.TORN_TAIL else Severity.ERROR
    return Finding(defect.kind.value, severity, defect.message, path, defect.number, defect.offset)


def defect_error(defect: Defect, path: str | None) -> CorruptFileError:
    hint = None
    if defect.kind is DefectKind.TORN_TAIL:
        hint = "a torn last record is normal after a crash or power loss; 'db repair' cuts it off"
    return CorruptFileError(
        f"{path}: {defect.message}" if path else defect.message,
        Location(path, defect.number, defect.offset),
        hint=hint,
    )


def read_schema_record(frame: Frame | Defect, path: str | None) -> tuple[DatabaseSchema, bytes]:
    """Parse record 0 as a schema; any defect here is fatal (the server refuses too)."""
    if isinstance(frame, Defect):
        raise defect_error(frame, path)
    obj = parse_body(frame)
    if isinstance(obj, Defect):
        raise defect_error(obj, path)
    try:
        schema = DatabaseSchema.from_json(obj, text=frame.body.decode("utf-8").rstrip("\n"))
    except SchemaError as exc:
        raise SchemaError(f"{path}: record 0 is not a valid schema: {exc}") from None
    return schema, frame.body


# A first transaction record larger than this is applied as it is parsed, in
# batches of rows (see formats/bigrecord.py), instead of being parsed whole: a
# 500 MB record parsed at once needs ~4 GB of Python objects.
BIG_RECORD_BYTES = 32 << 20


class _Streamed(dict[str, Any]):
    """Marks a record that replay parses incrementally (it holds only metadata)."""


def iter_transactions(
    buf: Any, *, path: str | None = None, strict: bool = True, stream_first: bool = False
) -> Iterator[tuple[Frame, dict[str, Any]] | Defect]:
    """Yield (frame, parsed transaction) for records 1..n, or a final Defect.

    With ``stream_first``, a huge record 1 is yielded unparsed (as ``_Streamed``)
    for the caller to apply incrementally.
    """
    records = scan(buf, magic=STANDALONE_MAGIC, strict=strict)
    next(records, None)  # the schema record, read separately
    for item in records:
        if isinstance(item, Defect):
            yield item
            return
        if stream_first and item.number == 1 and item.length > BIG_RECORD_BYTES:
            yield item, _Streamed()
            continue
        obj = parse_body(item)
        if isinstance(obj, Defect):
            yield obj
            return
        yield item, obj


def replay_standalone(
    buf: Any,
    *,
    path: str | None = None,
    strict: bool = True,
    stop_before: StopBefore | None = None,
    on_txn: Callable[[Frame, dict[str, Any], TxnSummary], None] | None = None,
    progress: ProgressCallback | None = None,
) -> ReplayOutcome:
    """Replay a standalone file into a Database.

    ``strict``: any defect raises (CorruptFileError / ReplayError). Otherwise
    reading stops at the first defect, as ovsdb-server does, and the outcome
    says where and why (``stopped``); the database is the state before it.
    """
    first = next(scan(buf, magic=STANDALONE_MAGIC, strict=strict), None)
    if first is None:
        raise CorruptFileError(f"{path}: empty file", Location(path, 0, 0))
    schema, schema_body = read_schema_record(first, path)
    assert isinstance(first, Frame)
    db = Database(schema)
    outcome = ReplayOutcome(schema, schema_body, db, records=1, end_offset=first.end)
    total = len(buf)
    with bulk_allocation():
        for item in iter_transactions(buf, path=path, strict=strict, stream_first=True):
            if isinstance(item, Defect):
                if strict:
                    raise defect_error(item, path)
                outcome.stopped = defect_finding(item, path)
                break
            frame, txn = item
            if stop_before is not None and stop_before(frame.number, txn):
                break
            try:
                if isinstance(txn, _Streamed):
                    summary, txn = _apply_streamed(db, frame)
                else:
                    summary = db.apply_txn(txn)
            except (TxnError, RecordSyntaxError) as exc:
                location = Location(path, frame.number, frame.offset)
                message = f"record {frame.number} (offset {frame.offset}): {exc}"
                kind = "bad-json" if isinstance(exc, RecordSyntaxError) else "bad-transaction"
                if strict:
                    raise ReplayError(f"{path}: {message}", location) from None
                outcome.stopped = Finding(
                    kind, Severity.ERROR, message, path, frame.number, frame.offset
                )
                break
            outcome.records += 1
            outcome.end_offset = frame.end
            date = txn.get("_date")
            if type(date) is int:
                outcome.last_date = date
            comment = txn.get("_comment")
            if isinstance(comment, str):
                outcome.last_comment = comment
            if on_txn is not None:
                on_txn(frame, txn, summary)
            if progress is not None:
                progress(frame.end, total)
    return outcome


def _apply_streamed(db: Database, frame: Frame) -> tuple[TxnSummary, dict[str, Any]]:
    """Apply a huge first record batch by batch; on failure the database is left empty
    again (the state before the record), as an aborted transaction would leave it.

    Returns the summary and the record's metadata members (``_date``, ``_comment``).
    """
    summary = TxnSummary()
    meta: dict[str, Any] = {}
    try:
        for kind, (key, value) in iter_record([frame.body]):
            if kind == "rows":
                part = db.apply_txn({key: value})
                summary.inserted.update(part.inserted)
                summary.modified.update(part.modified)
                summary.deleted.update(part.deleted)
            else:
                db.apply_txn({key: value})  # validates _date/_comment/_is_diff
                meta[key] = value
    except BaseException:
        db.tables = {name: {} for name in db.schema.tables}
        raise
    return summary, meta


def inserted_rows(buf: Any, *, path: str | None = None) -> dict[str, dict[str, Any]] | None:
    """Every row of an insert-only file (a compacted snapshot) as raw JSON, undecoded.

    The cheap first half of a replay, for callers that will decode only a few rows.
    None if a record deletes or changes a row, names a row twice, or spells a UUID in a
    way replay would normalise (replay instead).
    """
    tables: dict[str, dict[str, Any]] = {}
    for item in iter_transactions(buf, path=path, strict=True, stream_first=True):
        if isinstance(item, Defect):
            raise defect_error(item, path)
        frame, txn = item
        if isinstance(txn, _Streamed):
            batches: Iterable[tuple[str, Any]] = (
                value for kind, value in iter_record([frame.body]) if kind == "rows"
            )
        else:
            batches = ((t, rows) for t, rows in txn.items() if not t.startswith("_"))
        for table, rows in batches:
            if type(rows) is not dict:
                return None
            held = tables.setdefault(table, {})
            before = len(held)
            held.update(rows)
            if len(held) != before + len(rows) or None in rows.values():
                return None
            if not all(map(is_canonical_uuid, rows)):
                return None
    return tables


def write_standalone(
    out: AtomicWriter, schema_body: bytes, data_chunks: Iterable[bytes] | None
) -> None:
    """Write a schema record and, if given, one data record built from chunks."""
    out.write(encode_record(STANDALONE_MAGIC, schema_body))
    if data_chunks is None:
        return
    chunks = list(data_chunks)
    digest = hashlib.sha1(usedforsecurity=False)
    length = 0
    for chunk in chunks:
        digest.update(chunk)
        length += len(chunk)
    out.write(
        b"OVSDB %s %d %s\n" % (STANDALONE_MAGIC.encode(), length, digest.hexdigest().encode())
    )
    out.writelines(chunks)


def write_compacted(out: AtomicWriter, db: Database, schema_body: bytes, comment: str) -> None:
    """Schema + one transaction inserting every row (what ovsdb-tool compact writes)."""
    write_standalone(out, schema_body, snapshot_chunks(db, comment=comment))
