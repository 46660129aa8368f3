"""From ``monitor_cond_since`` updates to standalone log records, checked as they go.

An ``update3`` row is ``{"insert": row}``, ``{"modify": diff}`` or ``{"delete": null}``
(``{"initial": row}`` in the first reply). ovsdb-server builds ``modify`` with the same
``ovsdb_datum_diff`` it uses for ``_is_diff`` file records (sets: elements to toggle;
maps: pairs to add, replace or remove; other columns: the new value) and leaves default
values out of ``insert`` rows, exactly as it writes them to its own log. So a record is
the update with ``delete`` turned into ``null``, and nothing is re-encoded.

Each update is checked against the contents the agent holds (an insert of a row that
exists, a change to one that does not, a value the schema refuses) and applied to them
atomically; a mismatch means the stream can no longer be trusted and the agent takes a
new base.

An update too big to parse whole (a :class:`~ovsdb_backup.protocol.MonitorUpdateStream`)
goes through :class:`UpdateInParts`: each batch is checked and applied as it arrives
(with what is needed to take it back) and its record members are appended to a
:class:`~.segment.BodySpool`; the record is written once the update is complete. Its
new rows are checked and serialised per batch but added to the contents only then,
when no parsed batch is alive (see ``contents.py``: measured, adding them batch by
batch left a 100,000-port transaction costing 290 MB instead of 50 MB).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from ..model.database import Database, TxnError
from ..model.schema import DatabaseSchema
from .contents import Contents, ContentsMismatch, PendingRows
from .segment import BodySpool, Mark


class UpdateMismatch(Exception):
    """An update that does not fit the contents held: the stream must be re-based."""


def record_changes(db: Database | Contents, updates: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The record members (table -> uuid -> row, diff or None) and the rows they touch."""
    out: dict[str, Any] = {}
    count = 0
    for table, rows in updates.items():
        current = db.tables.get(table)
        if current is None:
            raise UpdateMismatch(f"update for unknown table {table}")
        if not isinstance(rows, dict):
            raise UpdateMismatch(f"table {table}: object expected, got {type(rows).__name__}")
        changes: dict[str, Any] = {}
        for uuid, update in rows.items():
            changes[uuid] = _row_change(table, uuid, update, uuid in current)
        if changes:
            out[table] = changes
            count += len(changes)
    return out, count


def _row_change(table: str, uuid: str, update: Any, exists: bool) -> Any:
    if not isinstance(update, dict) or len(update) != 1:
        raise UpdateMismatch(f"{table} row {uuid}: malformed update {update!r:.100}")
    ((op, value),) = update.items()
    if op in ("insert", "initial"):
        if exists:
            raise UpdateMismatch(f"{table} row {uuid}: inserted, but it exists already")
        return value
    if op == "modify":
        if not exists:
            raise UpdateMismatch(f"{table} row {uuid}: modified, but it does not exist")
        return value
    if op == "delete":
        if not exists:
            raise UpdateMismatch(f"{table} row {uuid}: deleted, but it does not exist")
        return None
    raise UpdateMismatch(f"{table} row {uuid}: unknown update kind {op!r}")


def apply_changes(db: Database | Contents, changes: dict[str, Any]) -> None:
    """Apply record members to ``db`` (all or nothing)."""
    try:
        db.apply_txn({**changes, "_is_diff": True})
    except TxnError as exc:
        raise UpdateMismatch(str(exc)) from None


class UpdateInParts:
    """One update checked, applied and recorded batch by batch (see the module doc).

    ``finish`` completes the record body; ``abort`` takes every applied batch back,
    so the contents are as before the update (a connection lost in the middle of
    it must not leave half a transaction applied).
    """

    def __init__(self, contents: Contents, spool_dir: Path) -> None:
        self.contents = contents
        self.rows = 0
        self._undo: list[tuple[str, str, Any]] = []
        self._new: list[PendingRows] = []  # inserted rows, added by commit()
        self._spool = BodySpool(spool_dir)
        self._spool.write(b"{")
        self._table: str | None = None  # the table whose members are being written
        self._done_tables: set[str] = set()

    @property
    def empty(self) -> bool:
        return self._table is None

    def add(self, table: str, updates: dict[str, Any]) -> None:
        """Check and apply one batch of ``table``'s row updates; UpdateMismatch if wrong."""
        changes, count = record_changes(self.contents, {table: updates})
        if not changes:
            return
        if table != self._table and table in self._done_tables:
            # A record member may appear only once (a server never splits a table).
            raise UpdateMismatch(f"table {table} appears twice in one update")
        current = self.contents.tables[table]
        new = {u: row for u, row in changes[table].items() if row is not None and u not in current}
        others = {u: row for u, row in changes[table].items() if u not in new}
        try:
            if new:  # a UUID comes once per update: nothing later in it touches these
                self._new.append(self.contents.prepare(table, new))
            if others:
                self.contents.apply_part({table: others}, self._undo)
        except (TxnError, ContentsMismatch) as exc:
            raise UpdateMismatch(str(exc)) from None
        if table != self._table:
            if self._table is not None:
                self._done_tables.add(self._table)
                self._spool.write(b"},")
            self._spool.write(orjson.dumps(table) + b":{")
            self._table = table
        else:
            self._spool.write(b",")
        self._spool.write(orjson.dumps(changes[table])[1:-1])
        self.rows += count

    def finish(self, date_ms: int, mark: Mark) -> BodySpool:
        """The complete record body (metadata members last, as ``txn_record`` puts them)."""
        meta = {"_date": date_ms, "_comment": mark.to_comment(), "_is_diff": True}
        tail = orjson.dumps(meta)[1:] + b"\n"
        self._spool.write(tail if self._table is None else b"}," + tail)
        return self._spool

    def commit(self) -> None:
        """The update is recorded: add its new rows, forget how to take it back.

        Call it once the last batch is gone (no reference to it left).
        """
        self._new.reverse()
        while self._new:  # each serialised batch is freed once its rows are in
            self.contents.add(self._new.pop())
        self._undo.clear()
        self._spool.close()

    def abort(self) -> None:
        self._new.clear()
        self.contents.undo(self._undo)
        self._spool.close()


def monitor_requests(schema: DatabaseSchema) -> dict[str, Any]:
    """Every persistent column of every table: what a backup keeps (ephemeral are not)."""
    return {t: [{"columns": schema.persistent_columns(t)}] for t in sorted(schema.tables)}
