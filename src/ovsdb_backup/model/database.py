"""An in-memory OVSDB database that replays transaction records.

A row is a ``dict`` of column name -> value holding only columns whose value
differs from the column default (so a row written as ``{}`` is an empty dict).
Records are applied atomically: everything is decoded and checked first, then
applied, so a bad record leaves the database exactly as it was (as
``ovsdb-server`` aborts such a transaction).

Diff semantics (``"_is_diff": true``) follow the fixed reader of Open vSwitch
3.1.3+/3.2: a row object for an existing row is *always* a diff, also when the
column currently holds its default value (3.1.0 got that wrong for ``min: 1``
set columns such as ``Logical_Router_Port.networks``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .datum import _UUID_LOWER, ZERO_UUID, ColumnCodec, DatumError, parse_uuid
from .schema import ColumnKind, DatabaseSchema

Row = dict[str, Any]

# Members of a transaction record that are not table names.
_DATE, _COMMENT, _IS_DIFF = "_date", "_comment", "_is_diff"
_IGNORED_COLUMNS = frozenset({"_uuid", "_version"})


class _NoColumn(Exception):
    pass


class TxnError(ValueError):
    """A transaction record that cannot be applied; the database is unchanged."""


@dataclass
class TxnSummary:
    """What one transaction record did, per table."""

    inserted: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    modified: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return (
            sum(self.inserted.values()) + sum(self.deleted.values()) + sum(self.modified.values())
        )


@dataclass(frozen=True)
class IntegrityProblem:
    kind: str  # dangling-strong-ref, dangling-weak-ref, orphan-row, duplicate-index, max-rows
    table: str
    row: str | None
    message: str


class TableCodecs:
    """Per-table column codecs, compiled once."""

    def __init__(self, schema: DatabaseSchema) -> None:
        self.schema = schema
        self.columns: dict[str, dict[str, ColumnCodec]] = {
            tname: {cname: ColumnCodec(c.type) for cname, c in t.columns.items()}
            for tname, t in schema.tables.items()
        }
        # (decode, is_default) per column: the row-decoding loop runs millions of
        # times, so it looks up one tuple instead of two attributes.
        self.decoders: dict[str, dict[str, tuple[Any, Any]]] = {
            tname: {c: (codec.decode, codec.is_default) for c, codec in cols.items()}
            for tname, cols in self.columns.items()
        }


_UUID_MATCH = _UUID_LOWER.fullmatch

# Prepared operations (phase 1 result) applied in phase 2.
_DELETE, _INSERT, _MODIFY = 0, 1, 2


class Database:
    """Schema plus rows: ``tables[table][uuid] -> Row``."""

    def __init__(self, schema: DatabaseSchema, codecs: TableCodecs | None = None) -> None:
        self.schema = schema
        self.codecs = (
            codecs if codecs is not None and codecs.schema is schema else TableCodecs(schema)
        )
        self.tables: dict[str, dict[str, Row]] = {name: {} for name in schema.tables}

    # -- queries --------------------------------------------------------------

    def row_counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}

    def total_rows(self) -> int:
        return sum(len(rows) for rows in self.tables.values())

    def get(self, table: str, uuid: str, column: str) -> Any:
        """A column value of a row, with the default filled in."""
        row = self.tables[table][uuid]
        if column in row:
            return row[column]
        return self.codecs.columns[table][column].default()

    def decode_row(self, table: str, row_json: Mapping[str, Any]) -> Row:
        """A JSON row as it would be inserted (defaults dropped); DatumError if refused."""
        return self._decode_row(self.codecs.decoders[table], row_json, False)

    def iter_rows(self) -> Iterator[tuple[str, str, Row]]:
        for table, rows in self.tables.items():
            for uuid, row in rows.items():
                yield table, uuid, row

    # -- applying records -----------------------------------------------------

    def apply_txn(self, txn: Mapping[str, Any], *, converting: bool = False) -> TxnSummary:
        """Apply one transaction record (standalone record or raft entry data[1]).

        ``converting`` ignores unknown tables and columns, as ovsdb-server does when it
        reads data written for another schema version.
        """
        is_diff = txn.get(_IS_DIFF) is True
        ops: list[tuple[int, str, str, Any]] = []
        for table, rows_json in txn.items():
            rows = self.tables.get(table)
            if rows is None:
                if table == _DATE:
                    if type(rows_json) is not int:
                        raise TxnError(f"_date must be an integer, got {rows_json!r}")
                    continue
                if table == _IS_DIFF:
                    if type(rows_json) is not bool:
                        raise TxnError(f"_is_diff must be a boolean, got {rows_json!r}")
                    continue
                if table == _COMMENT or converting:
                    continue
                raise TxnError(f"No table named {table}.")
            if type(rows_json) is not dict:
                raise TxnError(f"table {table}: object expected")
            self._prepare_table(table, rows, rows_json, is_diff, converting, ops)
        return self._commit(ops)

    def _prepare_table(
        self,
        table: str,
        rows: dict[str, Row],
        rows_json: dict[str, Any],
        is_diff: bool,
        converting: bool,
        ops: list[tuple[int, str, str, Any]],
    ) -> None:
        codecs = self.codecs.columns[table]
        decoders = self.codecs.decoders[table]
        for uuid_text, row_json in rows_json.items():
            if type(uuid_text) is str and len(uuid_text) == 36 and _UUID_MATCH(uuid_text):
                uuid = uuid_text
            else:
                try:
                    uuid = parse_uuid(uuid_text)
                except DatumError:
                    raise TxnError(f'table {table}: "{uuid_text}" is not a valid UUID') from None
            existing = rows.get(uuid)
            if row_json is None:
                if existing is None:
                    raise TxnError(f"transaction deletes row {uuid} that does not exist")
                ops.append((_DELETE, table, uuid, None))
                continue
            if type(row_json) is not dict:
                raise TxnError(f"table {table} row {uuid}: row must be JSON object")
            try:
                if existing is None:
                    ops.append(
                        (_INSERT, table, uuid, self._decode_row(decoders, row_json, converting))
                    )
                else:
                    changes = self._decode_changes(codecs, existing, row_json, is_diff, converting)
                    ops.append((_MODIFY, table, uuid, changes))
            except DatumError as exc:
                raise TxnError(f"table {table} row {uuid}: {exc}") from None

    @staticmethod
    def _decode_row(
        decoders: dict[str, tuple[Any, Any]], row_json: Mapping[str, Any], converting: bool
    ) -> Row:
        row: Row = {}
        column = ""
        try:
            for column, value in row_json.items():
                pair = decoders.get(column)
                if pair is None:
                    if converting or column in _IGNORED_COLUMNS:
                        continue
                    raise _NoColumn(f"No column {column} in table.")
                decoded = pair[0](value)
                if not pair[1](decoded):
                    row[column] = decoded
        except _NoColumn as exc:
            raise DatumError(str(exc)) from None
        except DatumError as exc:
            raise DatumError(f"column {column}: {exc}") from None
        return row

    @staticmethod
    def _decode_changes(
        codecs: dict[str, ColumnCodec],
        existing: Row,
        row_json: dict[str, Any],
        is_diff: bool,
        converting: bool,
    ) -> list[tuple[str, ColumnCodec, bool, Any]]:
        """(column, codec, is_element_diff, decoded value) for one modified row."""
        changes = []
        for column, value in row_json.items():
            codec = codecs.get(column)
            if codec is None:
                if converting or column in _IGNORED_COLUMNS:
                    continue
                raise DatumError(f"No column {column} in table.")
            try:
                if is_diff and codec.type.is_composite:
                    diff = codec.decode_diff(value)
                    old = existing[column] if column in existing else codec.default()
                    codec.check_diff(old, diff)
                    changes.append((column, codec, True, diff))
                else:
                    changes.append((column, codec, False, codec.decode(value)))
            except DatumError as exc:
                raise DatumError(f"column {column}: {exc}") from None
        return changes

    def _commit(self, ops: list[tuple[int, str, str, Any]]) -> TxnSummary:
        summary = TxnSummary()
        tables = self.tables
        for op, table, uuid, payload in ops:
            rows = tables[table]
            if op == _DELETE:
                del rows[uuid]
                summary.deleted[table] += 1
            elif op == _INSERT:
                rows[uuid] = payload
                summary.inserted[table] += 1
            else:
                row = rows[uuid]
                for column, codec, element_diff, value in payload:
                    if element_diff:
                        old = row[column] if column in row else codec.default()
                        value = codec.apply_diff(old, value)
                    if codec.is_default(value):
                        row.pop(column, None)
                    else:
                        row[column] = value
                summary.modified[table] += 1
        return summary

    def replace_contents(self, other: Database) -> None:
        """Take over another database's schema and rows (a clustered reset entry)."""
        self.schema = other.schema
        self.codecs = other.codecs
        self.tables = other.tables

    # -- integrity ------------------------------------------------------------

    def _ref_plan(self, table: str) -> list[tuple[str, ColumnKind, Any, bool, Any, bool]]:
        """(column, kind, key target rows, key strong?, value target rows, value strong?)."""
        plan = []
        for name, codec in self.codecs.columns[table].items():
            t = codec.type
            if not t.ref_bases():
                continue
            key_rows = self.tables[t.key.ref_table] if t.key.ref_table else None
            val_rows = None
            val_strong = False
            if t.value is not None and t.value.ref_table:
                val_rows = self.tables[t.value.ref_table]
                val_strong = t.value.is_strong_ref
            plan.append((name, codec.kind, key_rows, t.key.is_strong_ref, val_rows, val_strong))
        return plan

    def integrity_problems(self, *, limit: int = 1000) -> list[IntegrityProblem]:
        """Referential integrity, orphaned non-root rows, index uniqueness, maxRows."""
        problems: list[IntegrityProblem] = []
        referenced: set[str] = set()  # rows that a strong reference points to
        for table, rows in self.tables.items():
            tschema = self.schema.tables[table]
            if tschema.max_rows is not None and len(rows) > tschema.max_rows:
                problems.append(
                    IntegrityProblem(
                        "max-rows",
                        table,
                        None,
                        f"table {table} has {len(rows)} rows but maxRows is {tschema.max_rows}",
                    )
                )
            plan = self._ref_plan(table)
            if plan:
                self._check_refs(table, rows, plan, referenced, problems, limit)
            problems.extend(self._index_problems(table, rows, limit - len(problems)))
        if self.schema.gc_enabled:
            for table, rows in self.tables.items():
                if self.schema.tables[table].is_root:
                    continue
                for uuid in rows:
                    if uuid not in referenced and len(problems) < limit:
                        problems.append(
                            IntegrityProblem(
                                "orphan-row",
                                table,
                                uuid,
                                f"{table} row {uuid} is not a root table row and nothing "
                                "refers to it (ovsdb-server would garbage-collect it)",
                            )
                        )
        return problems

    def _check_refs(
        self,
        table: str,
        rows: dict[str, Row],
        plan: list[tuple[str, ColumnKind, Any, bool, Any, bool]],
        referenced: set[str],
        problems: list[IntegrityProblem],
        limit: int,
    ) -> None:
        def dangling(uuid: str, column: str, ref: str, strong: bool) -> None:
            if len(problems) < limit:
                kind = "dangling-strong-ref" if strong else "dangling-weak-ref"
                problems.append(
                    IntegrityProblem(
                        kind,
                        table,
                        uuid,
                        f"{table} row {uuid} column {column} refers to row {ref}, which does "
                        "not exist",
                    )
                )

        for uuid, row in rows.items():
            for column, kind, key_rows, key_strong, val_rows, val_strong in plan:
                if column not in row:
                    if kind is ColumnKind.SCALAR and key_rows is not None:
                        dangling(uuid, column, ZERO_UUID, key_strong)  # default = all-zero UUID
                    continue
                value = row[column]
                if kind is ColumnKind.MAP:
                    keys: Any = value.keys() if key_rows is not None else ()
                    values: Any = value.values() if val_rows is not None else ()
                elif kind is ColumnKind.SET:
                    keys, values = value, ()
                else:
                    keys, values = (value,), ()
                for targets, strong, refs in (
                    (key_rows, key_strong, keys),
                    (val_rows, val_strong, values),
                ):
                    if targets is None:
                        continue
                    for ref in refs:
                        if ref in targets:
                            if strong:
                                referenced.add(ref)
                        else:
                            dangling(uuid, column, ref, strong)

    def _index_problems(
        self, table: str, rows: dict[str, Row], limit: int
    ) -> list[IntegrityProblem]:
        problems: list[IntegrityProblem] = []
        codecs = self.codecs.columns[table]
        for index in self.schema.tables[table].indexes:
            seen: dict[Any, str] = {}
            for uuid, row in rows.items():
                key = tuple(
                    _hashable(uuid if c == "_uuid" else row[c] if c in row else codecs[c].default())
                    for c in index
                )
                other = seen.setdefault(key, uuid)
                if other != uuid and len(problems) < limit:
                    problems.append(
                        IntegrityProblem(
                            "duplicate-index",
                            table,
                            uuid,
                            f"{table} rows {other} and {uuid} have the same value of index "
                            f"({', '.join(index)})",
                        )
                    )
        return problems

    def collect_garbage(self) -> dict[str, int]:
        """Delete unreferenced non-root rows and weak references to missing rows.

        Repeats until nothing changes, as deleting a row can orphan the rows it
        referred to. Returns the number of rows deleted per table.
        """
        deleted: Counter[str] = Counter()
        if self.schema.gc_enabled:
            while True:
                referenced: set[str] = set()
                for table, _uuid, row in self.iter_rows():
                    for column, codec in self.codecs.columns[table].items():
                        if not codec.type.ref_bases():
                            continue
                        value = row[column] if column in row else codec.default()
                        referenced.update(ref for _t, ref in codec.refs(value, True))
                victims = [
                    (table, uuid)
                    for table, rows in self.tables.items()
                    if not self.schema.tables[table].is_root
                    for uuid in rows
                    if uuid not in referenced
                ]
                if not victims:
                    break
                for table, uuid in victims:
                    del self.tables[table][uuid]
                    deleted[table] += 1
        self._drop_dangling_weak_refs()
        return dict(deleted)

    def _drop_dangling_weak_refs(self) -> None:
        for table, rows in self.tables.items():
            weak_columns = [
                (name, codec)
                for name, codec in self.codecs.columns[table].items()
                if any(b.is_weak_ref for b in codec.type.ref_bases())
            ]
            for column, codec in weak_columns:
                for row in rows.values():
                    if column in row:
                        value = _without_missing_refs(codec, row[column], self.tables)
                        if codec.is_default(value):
                            del row[column]
                        else:
                            row[column] = value


def _without_missing_refs(codec: ColumnCodec, value: Any, tables: dict[str, dict[str, Row]]) -> Any:
    t = codec.type
    key_table = t.key.ref_table if t.key.is_weak_ref else None
    val_table = t.value.ref_table if t.value is not None and t.value.is_weak_ref else None
    if codec.kind is ColumnKind.MAP:
        return {
            k: v
            for k, v in value.items()
            if (key_table is None or k in tables[key_table])
            and (val_table is None or v in tables[val_table])
        }
    if codec.kind is ColumnKind.SET:
        assert key_table is not None
        return {v for v in value if v in tables[key_table]}
    assert key_table is not None
    if value is not None and value not in tables[key_table]:
        return codec.default()
    return value


def _hashable(value: Any) -> Any:
    if isinstance(value, set):
        return frozenset(value)
    if isinstance(value, dict):
        return frozenset(value.items())
    return value
