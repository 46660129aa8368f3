"""The difference between two databases of one schema, keyed by row UUID.

This is the engine of every "make the live database equal to that one" task
(online restore, Neutron sync, point-in-time restore): rows only in the
target are inserted *with their UUID*, rows only in the current database are
deleted, rows in both are updated column by column, and rows that are already
equal are not touched at all. :func:`to_operations` turns a diff into RFC 7047
operations for one transaction.

A row cannot be deleted and re-inserted with the same UUID in one transaction
(ovsdb-server answers "duplicate uuid"), so a row that exists on both sides is
always updated in place — which is also what keeps the UUIDs that ovn-controller
and ovn-northd key their state on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .database import Database, Row
from .datum import ColumnCodec
from .schema import ColumnKind

# Sets/maps at least this large are changed with "mutate" (send only what changes)
# rather than "update" (send the whole new value): a 1% change to a 240k-element
# port group must not resend the whole set.
MUTATE_THRESHOLD = 64


@dataclass
class ColumnChange:
    column: str
    old: Any  # memory form, default filled in
    new: Any


@dataclass
class RowUpdate:
    uuid: str
    changes: list[ColumnChange]


@dataclass
class TableDiff:
    inserts: dict[str, Row] = field(default_factory=dict)
    deletes: dict[str, Row] = field(default_factory=dict)
    updates: dict[str, RowUpdate] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.inserts or self.deletes or self.updates)


@dataclass
class DatabaseDiff:
    """Per table: rows to insert (target row), delete (current row), update (changes)."""

    tables: dict[str, TableDiff] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)  # changes OVSDB cannot make in place

    @property
    def empty(self) -> bool:
        return all(t.empty for t in self.tables.values())

    def counts(self) -> dict[str, dict[str, int]]:
        """``{table: {"insert": n, "delete": n, "update": n}}`` for tables that change."""
        return {
            name: {"insert": len(t.inserts), "delete": len(t.deletes), "update": len(t.updates)}
            for name, t in self.tables.items()
            if not t.empty
        }

    def total(self) -> int:
        return sum(sum(c.values()) for c in self.counts().values())


def _full(codec: ColumnCodec, row: Row, column: str) -> Any:
    return row[column] if column in row else codec.default()


def diff_rows(
    codecs: dict[str, ColumnCodec], current: Row, target: Row, columns: Iterable[str]
) -> list[ColumnChange]:
    changes = []
    for column in columns:
        if current.get(column) == target.get(column):
            continue  # both absent (default) or equal
        codec = codecs[column]
        old, new = _full(codec, current, column), _full(codec, target, column)
        if old != new:
            changes.append(ColumnChange(column, old, new))
    return changes


def diff_databases(
    current: Database,
    target: Database,
    *,
    tables: Iterable[str] | None = None,
    ignore_columns: dict[str, set[str]] | None = None,
) -> DatabaseDiff:
    """What must change in ``current`` so that it equals ``target`` (same schema).

    ``tables`` limits the comparison; ``ignore_columns`` leaves columns alone (e.g.
    ephemeral columns, or columns a restore must not touch).
    """
    result = DatabaseDiff()
    names = list(tables) if tables is not None else list(current.schema.tables)
    for table in names:
        cur_rows = current.tables.get(table, {})
        tgt_rows = target.tables.get(table, {})
        codecs = current.codecs.columns[table]
        skip = (ignore_columns or {}).get(table, set())
        columns = [c for c in codecs if c not in skip]
        tdiff = TableDiff()
        for uuid, row in tgt_rows.items():
            existing = cur_rows.get(uuid)
            if existing is None:
                tdiff.inserts[uuid] = row
            elif existing != row:
                changes = diff_rows(codecs, existing, row, columns)
                if changes:
                    tdiff.updates[uuid] = RowUpdate(uuid, changes)
                    immutable = [
                        c.column
                        for c in changes
                        if not current.schema.tables[table].columns[c.column].mutable
                    ]
                    if immutable:
                        result.conflicts.append(
                            f"{table} row {uuid}: immutable column(s) {', '.join(immutable)} "
                            "differ; OVSDB cannot change them without replacing the row"
                        )
        for uuid, row in cur_rows.items():
            if uuid not in tgt_rows:
                tdiff.deletes[uuid] = row
        if not tdiff.empty:
            result.tables[table] = tdiff
    return result


def _where(uuid: str) -> list[Any]:
    return [["_uuid", "==", ["uuid", uuid]]]


def _encode_row(codecs: dict[str, ColumnCodec], row: Row) -> dict[str, Any]:
    return {column: codecs[column].encode(value) for column, value in row.items()}


def _mutations(codec: ColumnCodec, change: ColumnChange) -> list[list[Any]] | None:
    """Mutations that turn old into new, or None when an update is the better op."""
    old, new = change.old, change.new
    if codec.kind is ColumnKind.SET:
        if max(len(old), len(new)) < MUTATE_THRESHOLD or codec.type.min > 0:
            return None
        removed, added = old - new, new - old
        out: list[list[Any]] = []
        if removed:
            out.append([change.column, "delete", ["set", [codec.encode({x}) for x in removed]]])
        if added:
            out.append([change.column, "insert", ["set", [codec.encode({x}) for x in added]]])
        return out
    if codec.kind is ColumnKind.MAP:
        if max(len(old), len(new)) < MUTATE_THRESHOLD or codec.type.min > 0:
            return None
        gone = [k for k, v in old.items() if new.get(k, _MISSING) != v]
        fresh = {k: v for k, v in new.items() if old.get(k, _MISSING) != v}
        out = []
        if gone:
            # Deleting by key set also removes keys whose value changes; then re-insert.
            keys = codec.encode({k: old[k] for k in gone})[1]
            out.append([change.column, "delete", ["set", [pair[0] for pair in keys]]])
        if fresh:
            out.append([change.column, "insert", codec.encode(fresh)])
        return out
    return None


_MISSING = object()


def to_operations(
    db: Database,
    diff: DatabaseDiff,
    *,
    guard: bool = False,
    versions: Mapping[str, Mapping[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """RFC 7047 operations (one transaction) applying ``diff`` to the current database.

    Inserts carry ``"uuid"`` (OVS >= 2.13) so row UUIDs are kept; references to
    other inserted rows use their real UUIDs, which the server resolves within the
    transaction. With ``guard``, each updated or deleted row is preceded by a
    ``wait`` that aborts the whole transaction if the row changed since it was read:
    on its ``_version`` when ``versions`` (table -> uuid -> version, as read) has it,
    else on the values read.
    """
    ops: list[dict[str, Any]] = []
    for table, tdiff in diff.tables.items():
        codecs = db.codecs.columns[table]
        seen = (versions or {}).get(table, {})
        for uuid, row in tdiff.inserts.items():
            ops.append(
                {"op": "insert", "table": table, "uuid": uuid, "row": _encode_row(codecs, row)}
            )
        for uuid, update in tdiff.updates.items():
            if guard and uuid in seen:
                ops.append(_version_guard(table, uuid, seen[uuid]))
            elif guard:
                ops.append(_guard(table, uuid, codecs, {c.column: c.old for c in update.changes}))
            plain: dict[str, Any] = {}
            mutations: list[list[Any]] = []
            for change in update.changes:
                codec = codecs[change.column]
                muts = _mutations(codec, change)
                if muts is None:
                    plain[change.column] = codec.encode(change.new)
                else:
                    mutations.extend(muts)
            if plain:
                ops.append({"op": "update", "table": table, "where": _where(uuid), "row": plain})
            if mutations:
                ops.append(
                    {"op": "mutate", "table": table, "where": _where(uuid), "mutations": mutations}
                )
        for uuid, row in tdiff.deletes.items():
            if guard and uuid in seen:
                ops.append(_version_guard(table, uuid, seen[uuid]))
            elif guard:
                ops.append(_guard(table, uuid, codecs, {c: row[c] for c in row}))
            ops.append({"op": "delete", "table": table, "where": _where(uuid)})
    return ops


def _version_guard(table: str, uuid: str, version: str) -> dict[str, Any]:
    """Any change to the row gives it a new ``_version``: a small guard for big rows."""
    return {
        "op": "wait",
        "timeout": 0,
        "table": table,
        "where": _where(uuid),
        "columns": ["_version"],
        "until": "==",
        "rows": [{"_version": ["uuid", version]}],
    }


def _guard(table: str, uuid: str, codecs: dict[str, ColumnCodec], values: Row) -> dict[str, Any]:
    columns = sorted(values) or ["_uuid"]
    expected = {c: codecs[c].encode(values[c]) for c in sorted(values)}
    if not values:
        expected = {"_uuid": ["uuid", uuid]}
    return {
        "op": "wait",
        "timeout": 0,
        "table": table,
        "where": _where(uuid),
        "columns": columns,
        "until": "==",
        "rows": [expected],
    }
