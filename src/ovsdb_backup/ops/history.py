"""``db show-log``: the history a database file records, as structured values.

Each record becomes a :class:`LogEntry` with its time, comment (who changed
what: ``ovn-nbctl`` and ``ovs-vsctl`` put their command line there) and, at
higher detail, the rows it inserted, updated or deleted and their values.
Whether a row object is an insert or an update depends on the rows seen so
far, which is tracked by UUID in file order (as ``ovsdb-tool show-log`` does).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..formats.clustered import iter_raft_records, read_header
from ..formats.dbfile import open_db_file
from ..formats.records import Defect, Frame, parse_body, scan
from ..formats.standalone import defect_finding
from ..perf import bulk_allocation
from ..results import Finding

_META = ("_date", "_comment", "_is_diff")


@dataclass
class RowChange:
    table: str
    uuid: str
    op: str  # insert | update | delete
    name: str | None = None
    columns: dict[str, Any] | None = None  # raw JSON values (diffs for updates) at detail 2

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"table": self.table, "uuid": self.uuid, "op": self.op}
        if self.name is not None:
            data["name"] = self.name
        if self.columns is not None:
            data["columns"] = self.columns
        return data


@dataclass
class LogEntry:
    number: int
    offset: int
    kind: str  # schema | header | transaction | entry | commit_index | vote | leader | term | note
    date_ms: int | None = None
    comment: str | None = None
    changes: list[RowChange] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)  # kind-specific facts
    problem: Finding | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"record": self.number, "offset": self.offset, "kind": self.kind}
        if self.date_ms is not None:
            data["date_ms"] = self.date_ms
        if self.comment is not None:
            data["comment"] = self.comment
        data.update(self.fields)
        if self.changes:
            data["changes"] = [c.to_json() for c in self.changes]
        if self.problem is not None:
            data["problem"] = self.problem.to_json()
        return data


@dataclass(frozen=True)
class LogFilter:
    detail: int = 0  # 0: records; 1: + row changes; 2: + column values
    table: str | None = None
    row: str | None = None  # UUID or prefix of one
    since_ms: int | None = None

    @property
    def narrows(self) -> bool:
        return self.table is not None or self.row is not None


class _RowTracker:
    """Which rows exist (by table) and what they are called, in file order."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, str | None]] = {}

    def reset(self) -> None:
        self.rows.clear()

    def changes(self, txn: dict[str, Any], filt: LogFilter) -> list[RowChange]:
        out = []
        for table, rows in txn.items():
            if table in _META or not isinstance(rows, dict):
                continue
            known = self.rows.setdefault(table, {})
            for uuid, value in rows.items():
                if value is None:
                    op, name = "delete", known.pop(uuid, None)
                else:
                    op = "update" if uuid in known else "insert"
                    name = known.get(uuid)
                    if isinstance(value, dict) and isinstance(value.get("name"), str):
                        name = value["name"]
                    known[uuid] = name
                if filt.table is not None and table != filt.table:
                    continue
                if filt.row is not None and not uuid.startswith(filt.row):
                    continue
                columns = value if filt.detail >= 2 and isinstance(value, dict) else None
                out.append(RowChange(table, uuid, op, name, columns))
        return out


def _txn_entry(
    frame: Frame, kind: str, txn: Any, tracker: _RowTracker, filt: LogFilter
) -> LogEntry:
    entry = LogEntry(frame.number, frame.offset, kind)
    if isinstance(txn, dict):
        date, comment = txn.get("_date"), txn.get("_comment")
        entry.date_ms = date if type(date) is int else None
        entry.comment = comment if isinstance(comment, str) else None
        entry.changes = tracker.changes(txn, filt)
    return entry


def _wanted(entry: LogEntry, filt: LogFilter) -> bool:
    if filt.since_ms is not None and (entry.date_ms is None or entry.date_ms < filt.since_ms):
        return False
    return not (filt.narrows and not entry.changes)


def read_log(path: str, filt: LogFilter) -> Iterator[LogEntry]:
    """Yield the records of a standalone or clustered file that pass the filter."""
    with open_db_file(path) as f, bulk_allocation():
        if f.is_clustered:
            yield from _clustered(f.buf, path, filt)
        else:
            yield from _standalone(f.buf, path, filt)


def _standalone(buf: Any, path: str, filt: LogFilter) -> Iterator[LogEntry]:
    tracker = _RowTracker()
    for item in scan(buf, strict=False):
        if isinstance(item, Defect):
            yield _problem(item, path)
            return
        obj = parse_body(item)
        if isinstance(obj, Defect):
            yield _problem(obj, path)
            return
        if item.number == 0:
            if not filt.narrows and filt.since_ms is None:
                yield LogEntry(0, 0, "schema", fields=_schema_fields(obj))
            continue
        entry = _txn_entry(item, "transaction", obj, tracker, filt)
        if filt.detail == 0 and not filt.narrows:
            entry.changes = []
        if _wanted(entry, filt):
            yield entry


def _schema_fields(obj: dict[str, Any]) -> dict[str, Any]:
    return {"name": obj.get("name"), "version": obj.get("version"), "cksum": obj.get("cksum")}


def _clustered(buf: Any, path: str, filt: LogFilter) -> Iterator[LogEntry]:
    header, _first = read_header(buf, path, strict=False)
    tracker = _RowTracker()
    if not filt.narrows and filt.since_ms is None:
        fields: dict[str, Any] = {
            "name": header.name,
            "server_id": header.sid,
            "cluster_id": header.cid,
            "local_address": header.local_address,
        }
        if header.joining:
            fields["remote_addresses"] = list(header.remote_addresses)
        else:
            fields.update(
                prev_index=header.prev_index,
                prev_term=header.prev_term,
                prev_servers=dict(header.prev_servers),
            )
        yield LogEntry(0, 0, "header", fields=fields)
    if header.has_snapshot and isinstance(header.prev_data[1], dict):
        tracker.changes(header.prev_data[1], LogFilter())
    for item in iter_raft_records(buf, path=path, strict=False):
        if isinstance(item, Defect):
            yield _problem(item, path)
            return
        if isinstance(item, Finding):
            yield LogEntry(item.record or 0, item.offset or 0, "unreadable", problem=item)
            return
        frame, rec = item
        if rec.kind == "entry":
            txn = None
            if rec.data is not None:
                if rec.data[0] is not None:
                    tracker.reset()
                txn = rec.data[1]
            entry = _txn_entry(frame, "entry", txn, tracker, filt)
            if filt.detail == 0 and not filt.narrows:
                entry.changes = []
            entry.fields = {"term": rec.term, "index": rec.index}
            if rec.eid:
                entry.fields["eid"] = rec.eid
            if rec.data is not None and rec.data[0] is not None:
                entry.fields["schema_change"] = True
            if rec.servers is not None:
                entry.fields["servers"] = dict(rec.servers)
            if rec.election_timer:
                entry.fields["election_timer"] = rec.election_timer
        else:
            entry = LogEntry(frame.number, frame.offset, rec.kind, fields=_raft_fields(rec))
        if _wanted(entry, filt):
            yield entry


def _raft_fields(rec: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if rec.kind == "commit_index":
        fields["commit_index"] = rec.commit_index
    if rec.kind in ("vote", "leader", "term"):
        fields["term"] = rec.term
    if rec.kind in ("vote", "leader"):
        fields[rec.kind] = rec.sid
    if rec.kind == "note":
        fields["note"] = rec.note
    if rec.comment:
        fields["comment"] = rec.comment
    return fields


def _problem(defect: Defect, path: str) -> LogEntry:
    return LogEntry(
        defect.number, defect.offset, "unreadable", problem=defect_finding(defect, path)
    )
