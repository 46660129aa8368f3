"""Desired rows → an in-memory NB :class:`~ovsdb_backup.model.database.Database`.

UUIDs come from ``uuids`` (existing rows, so a plan can keep them) or are derived from
the natural key (uuid5), so regenerating the same Neutron DB twice gives the same file.
Only non-default column values are stored, as the model requires.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from ..model.database import Database
from ..model.schema import DatabaseSchema
from .translate.model import DesiredNB, Key, Ref

_NAMESPACE = uuid.UUID("6b1d3c52-52f1-4d3f-9a0e-6f0bd2a1f0a1")


class UnmappableRow(ValueError):
    """A desired row that does not fit the NB schema (wrong column or value)."""


def key_uuid(table: str, key: Key) -> str:
    return str(uuid.uuid5(_NAMESPACE, table + "\x00" + "\x00".join(key)))


def uuid_map(
    desired: DesiredNB, existing: Mapping[tuple[str, Key], str] | None = None
) -> dict[tuple[str, Key], str]:
    existing = existing or {}
    return {
        (table, key): existing.get((table, key)) or key_uuid(table, key)
        for table, rows in desired.rows.items()
        for key in rows
    }


def resolver(uuids: Mapping[tuple[str, Key], str]) -> Callable[[Any], Any]:
    def resolve(value: Any) -> Any:
        if isinstance(value, Ref):
            try:
                return uuids[(value.table, value.key)]
            except KeyError:
                raise UnmappableRow(
                    f"reference to a missing {value.table} row {value.key}"
                ) from None
        if isinstance(value, set | frozenset):
            return {resolve(v) for v in value}
        if isinstance(value, dict):
            return {resolve(k): resolve(v) for k, v in value.items()}
        return value

    return resolve


def memory_row(
    schema: DatabaseSchema,
    db: Database,
    table: str,
    row: Mapping[str, Any],
    resolve: Callable[[Any], Any],
) -> dict[str, Any]:
    """A desired row in the model's form: references resolved, defaults dropped."""
    codecs = db.codecs.columns[table]
    out: dict[str, Any] = {}
    for column, value in row.items():
        codec = codecs.get(column)
        if codec is None:
            raise UnmappableRow(f"{table} has no column {column!r} in this NB schema")
        if value is None:
            continue
        value = resolve(value)
        if value != codec.default():
            out[column] = value
    return out


def build_database(
    schema: DatabaseSchema,
    desired: DesiredNB,
    uuids: Mapping[tuple[str, Key], str] | None = None,
    *,
    with_nb_global: bool = True,
) -> Database:
    db = Database(schema)
    ids = uuids if uuids is not None else uuid_map(desired)
    resolve = resolver(ids)
    for table, rows in desired.rows.items():
        if table not in db.tables:
            raise UnmappableRow(f"the NB schema has no table {table}")
        target = db.tables[table]
        for key, row in rows.items():
            target[ids[(table, key)]] = memory_row(schema, db, table, row, resolve)
    if with_nb_global and "NB_Global" in db.tables and not db.tables["NB_Global"]:
        db.tables["NB_Global"][key_uuid("NB_Global", ("",))] = {}
    return db
