"""Converting a database to another schema, saying exactly what is lost.

Mirrors OVSDB's built-in conversion: tables and columns the new schema lacks
are dropped, new columns take their defaults, and every kept value must fit
its new type (re-encoded through JSON, like ``ovsdb_datum_convert``). Then
garbage collection and weak-reference cleanup run, which can drop more rows.
Unlike ``ovsdb-tool convert``, the report lists every loss.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .database import Database
from .datum import DatumError
from .schema import DatabaseSchema


class ConversionError(ValueError):
    """Values that do not fit the new schema (listed in ``problems``)."""

    def __init__(self, problems: list[str]) -> None:
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{len(problems)} value(s) do not fit the new schema: {shown}{more}")
        self.problems = problems


@dataclass
class ConversionReport:
    """Everything a conversion dropped, added or changed."""

    dropped_tables: dict[str, int] = field(default_factory=dict)  # table -> rows lost
    dropped_columns: dict[str, dict[str, int]] = field(default_factory=dict)  # non-default values
    added_tables: list[str] = field(default_factory=list)
    added_columns: dict[str, list[str]] = field(default_factory=dict)
    invalid_values: list[str] = field(default_factory=list)  # replaced by defaults (forced)
    garbage_collected: dict[str, int] = field(default_factory=dict)

    @property
    def lossy(self) -> bool:
        return bool(
            any(self.dropped_tables.values())
            or any(n for cols in self.dropped_columns.values() for n in cols.values())
            or self.invalid_values
            or any(self.garbage_collected.values())
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "lossy": self.lossy,
            "dropped_tables": self.dropped_tables,
            "dropped_columns": self.dropped_columns,
            "added_tables": self.added_tables,
            "added_columns": self.added_columns,
            "invalid_values": self.invalid_values,
            "garbage_collected": self.garbage_collected,
        }

    def lines(self) -> list[str]:
        out: list[str] = []
        for table, n in sorted(self.dropped_tables.items()):
            out.append(f"table {table} is not in the new schema: {n} row(s) dropped")
        for table, cols in sorted(self.dropped_columns.items()):
            for column, n in sorted(cols.items()):
                what = f"{n} non-default value(s) dropped" if n else "all values were defaults"
                out.append(f"column {table}.{column} is not in the new schema: {what}")
        for table in self.added_tables:
            out.append(f"table {table} is new (empty)")
        for table, new_columns in sorted(self.added_columns.items()):
            names = ", ".join(new_columns)
            out.append(f"table {table}: new column(s) {names} take their defaults")
        out.extend(f"value replaced by default: {p}" for p in self.invalid_values)
        for table, n in sorted(self.garbage_collected.items()):
            out.append(f"table {table}: {n} row(s) garbage-collected (no longer referenced)")
        return out


@dataclass
class Conversion:
    db: Database
    report: ConversionReport


def schemas_differ(a: DatabaseSchema, b: DatabaseSchema) -> bool:
    """True when a database of schema ``a`` needs conversion to hold schema ``b``."""
    return (a.name, a.version, a.cksum, dict(a.tables)) != (
        b.name,
        b.version,
        b.cksum,
        dict(b.tables),
    )


def convert_database(
    source: Database, schema: DatabaseSchema, *, replace_invalid: bool = False
) -> Conversion:
    """A new Database with ``source``'s rows under ``schema``.

    Values that do not fit their new type raise :class:`ConversionError` unless
    ``replace_invalid``, which puts the column default there and reports it.
    """
    report = ConversionReport()
    target = Database(schema)
    problems: list[str] = []
    for table, rows in source.tables.items():
        if table not in schema.tables:
            report.dropped_tables[table] = len(rows)
            continue
        new_codecs = target.codecs.columns[table]
        old_codecs = source.codecs.columns[table]
        dropped = [c for c in old_codecs if c not in new_codecs]
        if dropped:
            report.dropped_columns[table] = {
                c: sum(1 for row in rows.values() if c in row) for c in dropped
            }
        added = [c for c in new_codecs if c not in old_codecs]
        if added:
            report.added_columns[table] = added
        same_type = {
            c for c in new_codecs if c in old_codecs and old_codecs[c].type == new_codecs[c].type
        }
        out_rows = target.tables[table]
        for uuid, row in rows.items():
            new_row: dict[str, Any] = {}
            for column, value in row.items():
                codec = new_codecs.get(column)
                if codec is None:
                    continue
                if column in same_type:
                    new_row[column] = old_codecs[column].copy(value)
                    continue
                try:
                    converted = codec.decode(old_codecs[column].encode(value))
                except DatumError as exc:
                    problem = f"{table} row {uuid} column {column}: {exc}"
                    if not replace_invalid:
                        problems.append(problem)
                        continue
                    report.invalid_values.append(problem)
                    continue
                if not codec.is_default(converted):
                    new_row[column] = converted
            out_rows[uuid] = new_row
    report.added_tables = [t for t in schema.tables if t not in source.tables]
    if problems:
        raise ConversionError(problems)
    collected = target.collect_garbage()
    report.garbage_collected = {t: n for t, n in collected.items() if n}
    return Conversion(target, report)
