"""A small, realistic change to a live database: about 1 % of its rows, over every table.

The "restore after a 1 % change" benchmark needs a live database that differs
from a backup in a known, reproducible way: some rows updated, some deleted,
some inserted, spread over the tables in proportion to their size, sent in a few
transactions the way management clients (Neutron, ovn-nbctl) send them.

The plan is computed once from the live server (two rounds of ``select``,
nothing else read) and is valid for any server holding the same contents, so it
can be applied again after each reset. Everything it does respects the schema:

* **update**: a map column such as ``external_ids`` gets one more key (an
  integer or string column when the table has no map); never an index column;
* **delete**: a row that holds no strong reference to a non-root table (so
  nothing else is garbage-collected with it) and is not referenced through a
  map; every strong reference to it is removed from its referrer's set (only
  where the set may shrink), weak references are cleaned by the server;
* **insert**: a copy of an existing row under a new UUID (explicit ``"uuid"``),
  its index strings suffixed to stay unique, without the strong references to
  non-root children it would otherwise share; a row of a non-root table is
  attached to its original's referrer, or it would be garbage-collected at
  commit. Tables whose indexes have no string column get no inserts.

Choices come from a seeded random generator over rows sorted by UUID, so the
same contents and seed give the same plan.
"""

from __future__ import annotations

import random
import uuid as uuidlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .jsonrpc import JsonRpcClient

Op = dict[str, Any]


@dataclass(frozen=True)
class BaseType:
    atomic: str
    ref_table: str | None = None
    weak: bool = False
    enum: bool = False


@dataclass(frozen=True)
class ColumnType:
    key: BaseType
    value: BaseType | None
    min: int
    max: int | None  # None: unlimited

    @property
    def is_map(self) -> bool:
        return self.value is not None

    @property
    def is_scalar(self) -> bool:
        return self.value is None and self.min == 1 and self.max == 1

    def strong_refs(self) -> list[str]:
        return [b.ref_table for b in (self.key, self.value) if b and b.ref_table and not b.weak]

    def weak_refs(self) -> list[str]:
        return [b.ref_table for b in (self.key, self.value) if b and b.ref_table and b.weak]


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: dict[str, ColumnType]
    is_root: bool
    indexes: list[list[str]]
    max_rows: int | None


def _base(raw: Any) -> BaseType:
    if isinstance(raw, str):
        return BaseType(raw)
    return BaseType(
        raw["type"],
        raw.get("refTable"),
        raw.get("refType", "strong") == "weak",
        "enum" in raw,
    )


def _column_type(raw: Any) -> ColumnType:
    if isinstance(raw, str):
        return ColumnType(BaseType(raw), None, 1, 1)
    value = raw.get("value")
    top_max = raw.get("max", 1)
    return ColumnType(
        _base(raw["key"]),
        _base(value) if value is not None else None,
        int(raw.get("min", 1)),
        None if top_max == "unlimited" else int(top_max),
    )


def parse_schema(schema: dict[str, Any]) -> dict[str, TableSchema]:
    tables = schema["tables"]
    # RFC 7047: if no table says isRoot, every table is a root.
    any_root = any("isRoot" in t for t in tables.values())
    return {
        name: TableSchema(
            name,
            {c: _column_type(spec["type"]) for c, spec in t["columns"].items()},
            bool(t.get("isRoot", not any_root)),
            [list(i) for i in t.get("indexes", [])],
            t.get("maxRows"),
        )
        for name, t in tables.items()
    }


def _uuids(value: Any) -> list[str]:
    """UUID atoms of a set value in OVSDB JSON (a single atom or ["set", [...]])."""
    if isinstance(value, list) and value and value[0] == "uuid":
        return [value[1]]
    if isinstance(value, list) and value and value[0] == "set":
        return [a[1] for a in value[1] if isinstance(a, list) and a and a[0] == "uuid"]
    return []


def _all_uuids(value: Any) -> list[str]:
    """Every UUID atom anywhere in a value (sets and maps)."""
    if isinstance(value, list):
        if len(value) == 2 and value[0] in ("uuid", "named-uuid") and isinstance(value[1], str):
            return [value[1]]
        return [u for v in value for u in _all_uuids(v)]
    return []


def _set_size(value: Any) -> int:
    if isinstance(value, list) and value and value[0] == "set":
        return len(value[1])
    return 1


def where(row_uuid: str) -> list[Any]:
    return [["_uuid", "==", ["uuid", row_uuid]]]


@dataclass
class ChangePlan:
    """Transactions to send, and what they change (for the report)."""

    transactions: list[list[Op]]
    counts: dict[str, dict[str, int]]  # table -> {"update": n, "delete": n, "insert": n}
    referrers_mutated: int
    rows_before: int
    seed: int
    fraction: float

    @property
    def rows_changed(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())

    def facts(self) -> dict[str, Any]:
        totals: Counter[str] = Counter()
        for c in self.counts.values():
            totals.update(c)
        return {
            "transactions": len(self.transactions),
            "operations": sum(len(t) for t in self.transactions),
            "rows_before": self.rows_before,
            "rows_changed": self.rows_changed,
            "percent": round(100 * self.rows_changed / self.rows_before, 2)
            if self.rows_before
            else 0.0,
            "updated": totals["update"],
            "deleted": totals["delete"],
            "inserted": totals["insert"],
            "referrers_mutated": self.referrers_mutated,
            "tables": {t: c for t, c in sorted(self.counts.items()) if any(c.values())},
            "seed": self.seed,
            "fraction": self.fraction,
        }

    def apply(self, client: JsonRpcClient, db: str) -> None:
        for ops in self.transactions:
            client.transact(db, ops)


@dataclass
class _Refs:
    """Who references each row strongly through a set column (and what blocks deletion)."""

    by_target: dict[str, list[tuple[str, str, str, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # uuid -> [(table, row, column, size of that set)]
    blocked: set[str] = field(default_factory=set)  # referenced through a map, or weak min >= 1


def plan_change(
    client: JsonRpcClient,
    db: str,
    *,
    fraction: float = 0.01,
    transactions: int = 4,
    seed: int = 1,
) -> ChangePlan:
    schema = parse_schema(client.call("get_schema", [db]))
    rng = random.Random(seed)
    # Round 1: every row's UUID, its reference columns and the column an update changes.
    update_col = {t: _update_column(ts) for t, ts in schema.items()}
    rows: dict[str, dict[str, dict[str, Any]]] = {}
    refs = _Refs()
    for name in sorted(schema):
        ts = schema[name]
        wanted = [
            c
            for c, ct in ts.columns.items()
            if ct.strong_refs() or (ct.weak_refs() and ct.min >= 1) or c == update_col[name]
        ]
        (reply,) = client.transact(
            db, [{"op": "select", "table": name, "where": [], "columns": ["_uuid", *wanted]}]
        )
        table_rows = {r["_uuid"][1]: r for r in reply["rows"]}
        rows[name] = table_rows
        for row_uuid, row in table_rows.items():
            for c in wanted:
                ct = ts.columns[c]
                if c not in row or not (ct.strong_refs() or ct.weak_refs()):
                    continue
                if ct.is_map or (ct.weak_refs() and ct.min >= 1):
                    refs.blocked.update(_all_uuids(row[c]))
                elif ct.strong_refs():
                    size = _set_size(row[c])
                    for target in _uuids(row[c]):
                        refs.by_target[target].append((name, row_uuid, c, size))
    rows_before = sum(len(r) for r in rows.values())

    # Choose per table: half updates, a quarter deletions, a quarter inserts.
    counts: dict[str, dict[str, int]] = {}
    units: list[list[Op]] = []
    deleted: set[str] = set()
    deletions: dict[str, list[str]] = {}
    to_copy: dict[str, list[str]] = {}
    to_update: dict[str, list[str]] = {}
    for name in sorted(schema):
        ts = schema[name]
        uuids = sorted(rows[name])
        n = round(fraction * len(uuids))
        if n == 0 or ts.max_rows == 1:
            continue
        n_delete = n_insert = n // 4
        order = uuids[:]
        rng.shuffle(order)
        chosen: set[str] = set()
        table_rows = rows[name]
        deletions[name] = _pick(order, n_delete, chosen, table_rows, ts, schema, refs, "delete")
        deleted.update(deletions[name])
        to_copy[name] = (
            _pick(order, n_insert, chosen, table_rows, ts, schema, refs, "copy")
            if _insertable(ts)
            else []
        )
        missing = n - len(deletions[name]) - len(to_copy[name])
        to_update[name] = (
            _pick(order, missing, chosen, table_rows, ts, schema, refs, "update")
            if update_col[name]
            else []
        )

    # Round 2: the full rows to copy.
    referrers = 0
    for name in sorted(schema):
        ts = schema[name]
        tally: Counter[str] = Counter()
        for u in deletions.get(name, []):
            ops = [
                {
                    "op": "mutate",
                    "table": p_table,
                    "where": where(p_row),
                    "mutations": [[p_col, "delete", ["set", [["uuid", u]]]]],
                }
                for p_table, p_row, p_col, _size in refs.by_target.get(u, [])
            ]
            referrers += len(ops)
            units.append([*ops, {"op": "delete", "table": name, "where": where(u)}])
            tally["delete"] += 1
        copies = to_copy.get(name, [])
        full = _select_rows(client, db, name, copies) if copies else {}
        for i, u in enumerate(copies):
            unit = _copy_unit(schema, ts, full[u], u, i, rng, refs, deleted)
            if unit is None:
                continue
            units.append(unit)
            referrers += len(unit) - 1
            tally["insert"] += 1
        col = update_col[name]
        for u in to_update.get(name, []):
            assert col is not None
            units.append(
                [
                    {
                        "op": "update",
                        "table": name,
                        "where": where(u),
                        "row": {col: _changed(ts.columns[col], rows[name][u].get(col))},
                    }
                ]
            )
            tally["update"] += 1
        counts[name] = {k: tally[k] for k in ("update", "delete", "insert")}
    rng.shuffle(units)
    txns: list[list[Op]] = [[] for _ in range(max(1, min(transactions, len(units))))]
    for i, unit in enumerate(units):
        txns[i % len(txns)].extend(unit)
    for ops in txns:
        ops.append({"op": "comment", "comment": "ovsbench: 1 % change"})
    return ChangePlan(txns, counts, referrers, rows_before, seed, fraction)


def _pick(
    order: list[str],
    n: int,
    chosen: set[str],
    rows: dict[str, dict[str, Any]],
    ts: TableSchema,
    schema: dict[str, TableSchema],
    refs: _Refs,
    kind: str,
) -> list[str]:
    """Up to ``n`` rows, in ``order``, not chosen yet and fit for ``kind`` of change."""
    out: list[str] = []
    for u in order:
        if len(out) >= n:
            break
        if u in chosen:
            continue
        if kind == "delete" and not _deletable(schema, ts, rows[u], u, refs):
            continue
        if kind == "copy" and _parent(ts, u, refs, set()) is None:
            continue
        chosen.add(u)
        out.append(u)
    return out


def _update_column(ts: TableSchema) -> str | None:
    """The column an update changes: a string map (external_ids first), else an int or string."""
    indexed = {c for index in ts.indexes for c in index}
    free = {c: t for c, t in sorted(ts.columns.items()) if c not in indexed}

    def string_map(t: ColumnType) -> bool:
        return (
            t.is_map
            and t.key.atomic == "string"
            and t.value is not None
            and t.value.atomic == "string"
            and not t.key.enum
            and t.max is None
        )

    if "external_ids" in free and string_map(free["external_ids"]):
        return "external_ids"
    for atomic in ("map", "integer", "string"):
        for c, t in free.items():
            if atomic == "map" and string_map(t):
                return c
            if atomic != "map" and t.is_scalar and t.key.atomic == atomic and not t.key.enum:
                return c
    return None


def _changed(t: ColumnType, value: Any) -> Any:
    if t.is_map:
        pairs = [p for p in (value[1] if value else []) if p[0] != "ovsbench:changed"]
        return ["map", [*pairs, ["ovsbench:changed", "1"]]]
    if t.key.atomic == "integer":
        return (int(value or 0) + 1) % 1000
    return f"{value or ''}~"


def _deletable(
    schema: dict[str, TableSchema], ts: TableSchema, row: dict[str, Any], u: str, refs: _Refs
) -> bool:
    if u in refs.blocked:
        return False
    for c, ct in ts.columns.items():
        if c in row and any(not schema[t].is_root for t in ct.strong_refs()) and _uuids(row[c]):
            return False  # deleting it would garbage-collect its children too
    for _table, _row, column, size in refs.by_target.get(u, []):
        ct = schema[_table].columns[column]
        if size - 1 < ct.min:
            return False
    return True


def _insertable(ts: TableSchema) -> bool:
    def suffixable(c: str) -> bool:
        t = ts.columns[c]
        return t.is_scalar and t.key.atomic == "string" and not t.key.enum

    return all(any(suffixable(c) for c in index) for index in ts.indexes)


def _parent(ts: TableSchema, u: str, refs: _Refs, deleted: set[str]) -> tuple[str, str, str] | None:
    """(table, row, column) that will hold a copy of non-root row ``u``; root rows need none."""
    if ts.is_root:
        return ("", "", "")
    for table, row, column, _size in refs.by_target.get(u, []):
        if row not in deleted:
            return (table, row, column)
    return None


def _select_rows(
    client: JsonRpcClient, db: str, table: str, uuids: list[str]
) -> dict[str, dict[str, Any]]:
    ops = [{"op": "select", "table": table, "where": where(u)} for u in uuids]
    out = {}
    for reply in client.transact(db, ops):
        for row in reply["rows"]:
            out[row["_uuid"][1]] = row
    return out


def _copy_unit(
    schema: dict[str, TableSchema],
    ts: TableSchema,
    row: dict[str, Any],
    original: str,
    n: int,
    rng: random.Random,
    refs: _Refs,
    deleted: set[str],
) -> list[Op] | None:
    parent = _parent(ts, original, refs, deleted)
    if parent is None:
        return None
    copy: dict[str, Any] = {}
    for c, value in row.items():
        if c.startswith("_"):
            continue
        ct = ts.columns[c]
        if any(not schema[t].is_root for t in ct.strong_refs()) and _all_uuids(value):
            # Sharing the original's children would make them children of two rows:
            # leave them out (the schema must allow it). Root rows may be shared.
            if ct.min >= 1:
                return None
            continue
        if any(u in deleted for u in _all_uuids(value)):
            return None
        copy[c] = value
    for index in ts.indexes:
        c = next(
            c for c in index if ts.columns[c].is_scalar and ts.columns[c].key.atomic == "string"
        )
        copy[c] = f"{copy.get(c, '')}-ovsbench{n}"
    new = str(uuidlib.UUID(int=rng.getrandbits(128), version=4))
    ops: list[Op] = [{"op": "insert", "table": ts.name, "uuid": new, "row": copy}]
    p_table, p_row, p_col = parent
    if p_table:
        ops.append(
            {
                "op": "mutate",
                "table": p_table,
                "where": where(p_row),
                "mutations": [[p_col, "insert", ["set", [["uuid", new]]]]],
            }
        )
    return ops
