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
"""

from __future__ import annotations

from typing import Any

from ..model.database import Database, TxnError
from ..model.schema import DatabaseSchema


class UpdateMismatch(Exception):
    """An update that does not fit the contents held: the stream must be re-based."""


def record_changes(db: Database, updates: dict[str, Any]) -> tuple[dict[str, Any], int]:
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


def apply_changes(db: Database, changes: dict[str, Any]) -> None:
    """Apply record members to ``db`` (all or nothing)."""
    try:
        db.apply_txn({**changes, "_is_diff": True})
    except TxnError as exc:
        raise UpdateMismatch(str(exc)) from None


def contents_from_initial(schema: DatabaseSchema, updates: dict[str, Any]) -> Database:
    """The database a full ``monitor_cond_since`` reply (``found`` false) describes."""
    db = Database(schema)
    changes, _ = record_changes(db, updates)
    apply_changes(db, changes)
    return db


def monitor_requests(schema: DatabaseSchema) -> dict[str, Any]:
    """Every persistent column of every table: what a backup keeps (ephemeral are not)."""
    return {t: [{"columns": schema.persistent_columns(t)}] for t in sorted(schema.tables)}
