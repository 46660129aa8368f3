"""The contents the stream agent holds: each row as its JSON text until an update changes it.

The agent keeps every streamed database in memory, for two jobs: checking each update
against it (an insert of a row that exists, a change to one that does not, a value or
a diff the schema refuses: the stream is re-based rather than recorded wrong) and
writing the base of the next segment at a rotation without asking the server. Both
need every row, but neither needs every row *decoded*: held as a
:class:`~ovsdb_backup.model.database.Database` (Python sets, dicts and strings per
value) the medium NB of the benchmarks (163k rows) takes ~450 MB; held as each row's
JSON (``bytes``, exactly what a record holds) ~130 MB. So a row here is

* ``bytes``: its JSON object, defaults left out — how every row starts;
* a decoded row (``dict``, as in ``Database``) once an update modifies it. It stays
  decoded while it is among the ``hot_rows`` most recently modified, so the rows every
  change touches (a port group, a switch's ``ports``) keep their O(diff) updates; a
  colder one goes back to JSON.

Checks and changes are ``Database``'s own (``apply_txn`` on the same tables), so the
rules are not written twice.

**Loading a base without fragmenting memory.** The rows of a base arrive as parsed
batches (a monitor reply, a big record). Python allocates small objects in 1 MiB
arenas and returns an arena to the system only when all of it is free; a row's JSON and
its UUID key made while a batch's ~10 MB of parsed objects is alive end up scattered
through those objects' arenas, and keep them all (measured on the medium NB: 700 MB
resident for 130 MB of rows). So :meth:`Contents.prepare` checks a batch and serialises
it into *one* buffer; :meth:`Contents.add` splits that buffer into rows later, when the
batch's objects are gone (right after the batch for a record read from a file; once
the whole reply is in for a monitor reply, the buffers meanwhile holding the rows'
JSON, compactly).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import orjson

from ..errors import CorruptFileError, Location
from ..formats.bigrecord import RecordSyntaxError, iter_record
from ..formats.dbfile import open_db_file
from ..formats.records import STANDALONE_MAGIC, Defect, Frame, parse_body, scan
from ..formats.standalone import BIG_RECORD_BYTES, read_schema_record
from ..model.database import Database, TxnError
from ..model.datum import DatumError, parse_uuid
from ..model.schema import DatabaseSchema
from ..model.snapshot import insert_record_chunks, row_encoder

__all__ = ["Contents", "LoadedSegment", "PendingRows", "load_segment"]

HOT_ROWS = 1024  # decoded rows kept decoded after a change (the most recent ones)
_SNAPSHOT_BATCH = 2000  # rows per piece of a snapshot
_UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Between two rows of orjson's compact output of {uuid: row}: a row holds no object, and
# a '"' inside a string is escaped, so this text is always a boundary.
_BOUNDARY = re.compile(rb'\},"(' + _UUID.pattern + rb')":\{')
_ABSENT: Any = object()


class ContentsMismatch(ValueError):
    """Rows or a change that do not fit the contents (or the schema); nothing changed."""


@dataclass(frozen=True, slots=True)
class PendingRows:
    """New rows of one table, checked and serialised, not yet added (see the module doc)."""

    table: str
    blob: bytes  # orjson.dumps({uuid: row, ...}) with canonical UUID keys
    count: int


class Contents:
    """A database's rows, as JSON text or (recently changed ones) decoded."""

    def __init__(self, schema: DatabaseSchema, *, hot_rows: int = HOT_ROWS) -> None:
        # Database supplies the codecs and apply_txn; its tables hold bytes or rows.
        self._db = Database(schema)
        self.schema = schema
        self.tables: dict[str, dict[str, Any]] = self._db.tables
        self._encoders = {t: row_encoder(self._db, t) for t in schema.tables}
        self._hot: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._hot_rows = hot_rows

    # ------------------------------------------------------------------ queries

    def row_counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}

    def total_rows(self) -> int:
        return sum(len(rows) for rows in self.tables.values())

    def row(self, table: str, uuid: str) -> dict[str, Any]:
        """One row, decoded: a copy, which later changes do not touch."""
        value = self.tables[table][uuid]
        if isinstance(value, dict):  # hot rows change in place
            value = self._encode(table, value)
        return self._decode(table, value)

    def to_database(self) -> Database:
        """Every row decoded into a new ``Database`` (for tests and tools, not the agent)."""
        db = Database(self.schema, self._db.codecs)
        for table, rows in self.tables.items():
            db.tables[table] = {u: self.row(table, u) for u in rows}
        return db

    # ------------------------------------------------------------------ loading a base

    def prepare(self, table: str, rows: Mapping[str, Any], *, wrapped: bool = False) -> PendingRows:
        """Check new rows of ``table`` and serialise them; nothing is added yet.

        ``rows`` is ``{uuid: row}``, or with ``wrapped`` a monitor reply's
        ``{uuid: {"initial": row}}``. Raises :class:`ContentsMismatch` for an unknown
        table, a bad UUID, a row that exists already or a value the schema refuses.
        """
        current = self.tables.get(table)
        if current is None:
            raise ContentsMismatch(f"rows for unknown table {table}")
        plain: dict[str, Any] = {}
        for key, value in rows.items():
            uuid = _canonical(table, key)
            row = _unwrap(table, uuid, value) if wrapped else value
            if type(row) is not dict:
                raise ContentsMismatch(f"table {table} row {uuid}: row must be a JSON object")
            if uuid in current or uuid in plain:
                raise ContentsMismatch(f"{table} row {uuid}: inserted, but it exists already")
            try:
                self._db.decode_row(table, row)  # the check; the JSON is what is kept
            except DatumError as exc:
                raise ContentsMismatch(f"table {table} row {uuid}: {exc}") from None
            plain[uuid] = row
        return PendingRows(table, orjson.dumps(plain), len(plain))

    def add(self, pending: PendingRows) -> None:
        """Add prepared rows (their parsed form should be gone by now: see the module doc)."""
        current = self.tables[pending.table]
        pieces = list(_split_rows(pending.blob))
        if len(pieces) != pending.count:  # cannot happen with orjson's output; be sure
            rows = orjson.loads(pending.blob)
            pieces = [(u, orjson.dumps(r)) for u, r in rows.items()]
        for uuid, _ in pieces:
            if uuid in current:
                raise ContentsMismatch(
                    f"{pending.table} row {uuid}: inserted, but it exists already"
                )
        current.update(pieces)

    # ------------------------------------------------------------------ changes

    def apply_txn(self, txn: Mapping[str, Any]) -> None:
        """Apply a transaction record, as :meth:`Database.apply_txn` (all or nothing).

        Raises :class:`~ovsdb_backup.model.database.TxnError`.
        """
        touched = self._thaw_for(txn)
        try:
            self._db.apply_txn(txn)
        finally:
            self._settle(touched)

    def apply_part(self, changes: Mapping[str, Any], undo: list[tuple[str, str, Any]]) -> None:
        """Apply one part of a transaction that arrives in parts (diff semantics).

        Each part is applied at once (all or nothing); ``undo`` collects what
        :meth:`undo` needs to take every applied part back.
        """
        for table, rows in changes.items():
            current = self.tables.get(table)
            if current is None or not isinstance(rows, dict):
                continue  # apply_txn reports it
            for key in rows:
                uuid = _canonical_or_none(key)
                if uuid is None:
                    continue
                before = current.get(uuid, _ABSENT)
                if isinstance(before, dict):  # decoded rows change in place: keep a copy
                    before = self._encode(table, before)
                undo.append((table, uuid, before))
        self.apply_txn({**changes, "_is_diff": True})

    def undo(self, undo: list[tuple[str, str, Any]]) -> None:
        for table, uuid, before in reversed(undo):
            if before is _ABSENT:
                self.tables[table].pop(uuid, None)
            else:
                self.tables[table][uuid] = before
            self._hot.pop((table, uuid), None)
        undo.clear()

    # ------------------------------------------------------------------ snapshot

    def snapshot_chunks(
        self, *, comment: str | None, date_ms: int, is_diff: bool = True
    ) -> Iterator[bytes]:
        """The body of a record inserting every row, in pieces (like ``snapshot_chunks``).

        Rows held as JSON are copied as they are; tables without rows are left out.
        """
        encode = self._encode

        def pieces(table: str, rows: dict[str, Any]) -> Iterator[bytes]:
            pending = iter(rows.items())
            while batch := list(islice(pending, _SNAPSHOT_BATCH)):
                yield b",".join(
                    b'"%b":%b'
                    % (uuid.encode(), row if isinstance(row, bytes) else encode(table, row))
                    for uuid, row in batch
                )

        tables = ((t, pieces(t, rows)) for t, rows in self.tables.items() if rows)
        return insert_record_chunks(tables, comment=comment, date_ms=date_ms, is_diff=is_diff)

    # ------------------------------------------------------------------ internals

    def _decode(self, table: str, data: bytes) -> dict[str, Any]:
        return self._db.decode_row(table, orjson.loads(data))

    def _encode(self, table: str, row: dict[str, Any]) -> bytes:
        return orjson.dumps(self._encoders[table](row))

    def _thaw_for(self, txn: Mapping[str, Any]) -> list[tuple[str, str, bool]]:
        """Decode the rows ``txn`` changes (apply_txn works on decoded rows).

        Returns ``(table, uuid, existed)`` for every row it names.
        """
        touched: list[tuple[str, str, bool]] = []
        for table, rows in txn.items():
            current = self.tables.get(table)
            if current is None or not isinstance(rows, dict):
                continue
            for key, change in rows.items():
                uuid = _canonical_or_none(key)
                if uuid is None:
                    continue
                value = current.get(uuid)
                touched.append((table, uuid, value is not None))
                if change is not None and isinstance(value, bytes):
                    current[uuid] = self._decode(table, value)
        return touched

    def _settle(self, touched: list[tuple[str, str, bool]]) -> None:
        """After a change: inserted rows to JSON, changed ones hot, the coldest to JSON."""
        hot = self._hot
        for table, uuid, existed in touched:
            value = self.tables[table].get(uuid)
            if not isinstance(value, dict):
                hot.pop((table, uuid), None)
            elif existed:
                hot[(table, uuid)] = None
                hot.move_to_end((table, uuid))
            else:  # inserted by this change: probably not changed again soon
                self.tables[table][uuid] = self._encode(table, value)
        while len(hot) > self._hot_rows:
            (table, uuid), _ = hot.popitem(last=False)
            value = self.tables[table].get(uuid)
            if isinstance(value, dict):
                self.tables[table][uuid] = self._encode(table, value)


def _canonical(table: str, key: Any) -> str:
    if type(key) is str and len(key) == 36 and _UUID_TEXT.fullmatch(key):
        return key
    try:
        return parse_uuid(key)
    except DatumError:
        raise ContentsMismatch(f'table {table}: "{key}" is not a valid UUID') from None


def _canonical_or_none(key: Any) -> str | None:
    try:
        return _canonical("", key)
    except ContentsMismatch:
        return None


def _unwrap(table: str, uuid: str, update: Any) -> Any:
    if type(update) is not dict or len(update) != 1 or "initial" not in update:
        raise ContentsMismatch(f"{table} row {uuid}: expected an initial row, got {update!r:.100}")
    return update["initial"]


def _split_rows(blob: bytes) -> Iterator[tuple[str, bytes]]:
    """``orjson.dumps({uuid: row, …})`` back into ``(uuid, row JSON)`` pairs."""
    if len(blob) <= 2:
        return
    # {"<36>":{…},"<36>":{…}}: the first key at 2, its row at 40.
    key = blob[2:38].decode()
    start = 40
    for m in _BOUNDARY.finditer(blob, start):
        yield key, blob[start : m.start() + 1]
        key = m.group(1).decode()
        start = m.end() - 1
    yield key, blob[start:-1]


# ---------------------------------------------------------------------- segments


@dataclass
class LoadedSegment:
    """A segment replayed into :class:`Contents`, and how reading it ended."""

    contents: Contents
    records: int  # records applied, the schema record included
    end_offset: int  # just after the last applied record
    torn_tail: bool = False  # reading stopped at a record cut short (a kill while writing)
    problem: str | None = None  # why reading stopped before the end, if it did


def load_segment(path: str | Path) -> LoadedSegment:
    """Replay a segment (leniently, like ovsdb-server: stop at the first defect).

    Record 1 (the base) of a big database is read batch by batch; a later big record
    (a big update) is applied in parts and taken back whole if a part does not fit.
    """
    with open_db_file(str(path)) as f:
        frames = scan(f.buf, magic=STANDALONE_MAGIC, strict=False)
        first = next(frames, None)
        if first is None:
            raise CorruptFileError(f"{path}: empty file", Location(str(path), 0, 0))
        schema, _ = read_schema_record(first, str(path))
        assert isinstance(first, Frame)
        loaded = LoadedSegment(Contents(schema), 1, first.end)
        for item in frames:
            if isinstance(item, Defect):
                loaded.torn_tail = item.is_torn_tail
                loaded.problem = item.message
                break
            problem = _load_record(loaded.contents, item)
            if problem is not None:
                loaded.problem = f"record {item.number} (offset {item.offset}): {problem}"
                break
            loaded.records += 1
            loaded.end_offset = item.end
    return loaded


def _load_record(contents: Contents, frame: Frame) -> str | None:
    """Apply one record; the reason it could not be, or None."""
    if frame.length > BIG_RECORD_BYTES:
        return _load_big_record(contents, frame)
    txn = parse_body(frame)
    if isinstance(txn, Defect):
        return txn.message
    try:
        contents.apply_txn(txn)
    except TxnError as exc:
        return str(exc)
    return None


def _load_big_record(contents: Contents, frame: Frame) -> str | None:
    base = contents.total_rows() == 0  # then every row is new: the lean loading path
    undo: list[tuple[str, str, Any]] = []
    meta: dict[str, Any] = {}
    try:
        for kind, (key, value) in iter_record([frame.body]):
            if kind == "meta":
                meta[key] = value
            elif base:
                pending = contents.prepare(key, value)
                del value  # the batch's parsed objects go before its rows are made
                contents.add(pending)
            else:
                contents.apply_part({key: value}, undo)
        if not base and meta.get("_is_diff") is not True:
            raise ContentsMismatch("a big record that is not a diff (not written by the agent)")
    except (RecordSyntaxError, ContentsMismatch, TxnError) as exc:
        if base:
            for rows in contents.tables.values():
                rows.clear()
        contents.undo(undo)
        return str(exc)
    return None
