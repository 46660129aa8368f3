"""``db repair`` and ``db rollback``: cutting a log at a record, safely.

Both follow the ovsdb(7) recipes ("Corruption", "Truncating History") with
the safety the manual leaves to the operator: ``repair`` saves the original
aside and checks the result before it replaces the file (and refuses while a
server holds the file's lock); ``rollback`` never works in place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..errors import InputError, UsageError
from ..formats.clustered import replay_clustered
from ..formats.dbfile import AtomicWriter, DbFile, copy_aside, open_db_file, server_lock
from ..formats.records import Defect, Frame, parse_body, scan
from ..formats.standalone import replay_standalone
from ..results import Finding
from .compact import check_distinct


@dataclass
class RecordMeta:
    """A short description of one record, for saying what was kept or lost."""

    number: int
    offset: int
    kind: str
    date_ms: int | None = None
    comment: str | None = None
    index: int | None = None
    term: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def describe_record(frame: Frame, clustered: bool) -> RecordMeta:
    obj = parse_body(frame)
    if isinstance(obj, Defect):
        return RecordMeta(frame.number, frame.offset, "unreadable")
    if not clustered:
        date = obj.get("_date")
        comment = obj.get("_comment")
        return RecordMeta(
            frame.number,
            frame.offset,
            "transaction",
            date if type(date) is int else None,
            comment if isinstance(comment, str) else None,
        )
    meta = RecordMeta(frame.number, frame.offset, _raft_kind(obj))
    if meta.kind == "entry":
        meta.index, meta.term = obj.get("index"), obj.get("term")
        data = obj.get("data")
        if isinstance(data, list) and len(data) == 2 and isinstance(data[1], dict):
            date, comment = data[1].get("_date"), data[1].get("_comment")
            meta.date_ms = date if type(date) is int else None
            meta.comment = comment if isinstance(comment, str) else None
    return meta


def _raft_kind(obj: dict[str, Any]) -> str:
    for kind in ("note", "commit_index", "leader", "vote"):
        if obj.get(kind):
            return kind
    return "entry" if obj.get("index") else "term"


def records_from(buf: Any, offset: int, clustered: bool, first_number: int) -> list[RecordMeta]:
    """The intact records at or after ``offset`` (resynchronising over damage)."""
    out = []
    for item in scan(buf, start=offset, first_number=first_number, resync=True):
        if isinstance(item, Frame):
            out.append(describe_record(item, clustered))
    return out


@dataclass
class RepairResult:
    path: str
    repaired: bool
    problem: Finding | None = None
    cut_offset: int | None = None
    records_kept: int = 0
    bytes_removed: int = 0
    lost_records: list[RecordMeta] = field(default_factory=list)
    saved_copy: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "repaired": self.repaired,
            "problem": self.problem.to_json() if self.problem else None,
            "cut_offset": self.cut_offset,
            "records_kept": self.records_kept,
            "bytes_removed": self.bytes_removed,
            "lost_records": [r.to_json() for r in self.lost_records],
            "saved_copy": self.saved_copy,
        }


def _cut_point(f: DbFile) -> tuple[Finding | None, int, int]:
    """(problem, offset to cut at, records kept) for a file read like ovsdb-server."""
    if f.is_clustered:
        replay = replay_clustered(f.buf, path=f.path, strict=False)
        return replay.stopped, replay.end_offset, replay.log.records + 1
    outcome = replay_standalone(f.buf, path=f.path, strict=False)
    return outcome.stopped, outcome.end_offset, outcome.records


def _verify_prefix(path: str, clustered: bool) -> None:
    with open_db_file(path) as f:
        if clustered:
            replay_clustered(f.buf, path=path, strict=True)
        else:
            replay_standalone(f.buf, path=path, strict=True)


def repair(path: str, *, dry_run: bool = False) -> RepairResult:
    """Cut a damaged file after its last good record; keep the original aside."""
    with open_db_file(path) as f:
        problem, cut, kept = _cut_point(f)
        result = RepairResult(path, False, problem)
        if problem is None:
            return result
        result.cut_offset, result.records_kept = cut, kept
        result.bytes_removed = f.size - cut
        result.lost_records = records_from(f.buf, cut, f.is_clustered, problem.record or kept)
        if dry_run:
            return result
        st = os.stat(path)
        with server_lock(path):
            result.saved_copy = copy_aside(path, "broken")
            with AtomicWriter(
                path, overwrite=True, mode=st.st_mode & 0o777, owner=(st.st_uid, st.st_gid)
            ) as out:
                copy_prefix(out, f.buf, cut)
                out.sync()
                _verify_prefix(out.tmp_path, f.is_clustered)
                out.commit()
        result.repaired = True
    return result


@dataclass
class RollbackResult:
    source: str
    output: str
    records_kept: int
    records_dropped: int
    last_kept: RecordMeta | None
    first_dropped: RecordMeta | None
    bytes_out: int

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "output": self.output,
            "records_kept": self.records_kept,
            "records_dropped": self.records_dropped,
            "last_kept": self.last_kept.to_json() if self.last_kept else None,
            "first_dropped": self.first_dropped.to_json() if self.first_dropped else None,
            "bytes_out": self.bytes_out,
        }


def parse_time(text: str) -> int:
    """ISO 8601 (naive = local time) or seconds since the epoch -> milliseconds."""
    try:
        return int(float(text) * 1000)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"{text}: not a time (use ISO 8601, e.g. 2026-11-21T10:30:00Z, or "
            "seconds since the epoch)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return int(moment.astimezone(UTC).timestamp() * 1000)


def rollback(
    source: str,
    output: str,
    *,
    to_record: int | None = None,
    to_time_ms: int | None = None,
    overwrite: bool = False,
) -> RollbackResult:
    """Write the log up to (not including) record N, or the first record after a time."""
    if (to_record is None) == (to_time_ms is None):
        raise UsageError("give exactly one of --to-record and --to-time")
    if to_record is not None and to_record < 1:
        raise UsageError("--to-record must be 1 or more (record 0 is the schema/header)")
    check_distinct(source, output)
    with open_db_file(source) as f:
        clustered = f.is_clustered
        stop = _stop_rule(to_record, to_time_ms, clustered)
        cut, kept, last_kept = f.size, 0, None
        for item in scan(f.buf, strict=False):
            if isinstance(item, Defect):
                raise InputError(
                    f"{source}: {item.message} (record {item.number}); run "
                    "'db check' and 'db repair' first"
                )
            meta = describe_record(item, clustered)
            if item.number > 0 and stop(meta):
                cut = item.offset
                break
            kept, last_kept = kept + 1, meta
        if to_record is not None and cut == f.size and to_record > kept:
            raise UsageError(f"{source} has only {kept} records; nothing to roll back")
        dropped = records_from(f.buf, cut, clustered, kept) if cut < f.size else []
        with AtomicWriter(output, overwrite=overwrite) as out:
            copy_prefix(out, f.buf, cut)
            out.sync()
            _verify_prefix(out.tmp_path, clustered)
            out.commit()
    return RollbackResult(
        source, output, kept, len(dropped), last_kept, dropped[0] if dropped else None, cut
    )


def _stop_rule(
    to_record: int | None, to_time_ms: int | None, clustered: bool
) -> Callable[[RecordMeta], bool]:
    if to_record is not None:
        return lambda meta: meta.number >= to_record
    assert to_time_ms is not None
    return lambda meta: meta.date_ms is not None and meta.date_ms > to_time_ms


_CHUNK = 16 << 20


def copy_prefix(out: AtomicWriter, buf: Any, end: int) -> None:
    """Copy buf[:end] in slices, so a multi-GB file is never duplicated in memory."""
    for start in range(0, end, _CHUNK):
        out.write(buf[start : min(end, start + _CHUNK)])
