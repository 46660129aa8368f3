"""Serialising a whole database as one "insert every row" transaction."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import orjson

from .database import Database

_BATCH = 2000  # rows serialised per orjson call: few calls, bounded extra memory


def encode_row(db: Database, table: str, row: dict[str, Any]) -> dict[str, Any]:
    codecs = db.codecs.columns[table]
    return {column: codecs[column].encode(value) for column, value in row.items()}


def snapshot_chunks(
    db: Database,
    *,
    comment: str | None,
    date_ms: int | None = None,
    is_diff: bool = False,
) -> Iterator[bytes]:
    """Yield the JSON body (ending in LF) of a transaction inserting every row.

    Default-valued columns are omitted, as ``ovsdb-tool compact`` does; tables
    without rows are left out. The output is produced in pieces so that only
    one batch of rows exists in JSON form at a time.
    """
    yield b"{"
    first_table = True
    for table, rows in db.tables.items():
        if not rows:
            continue
        yield (b"" if first_table else b",") + orjson.dumps(table) + b":{"
        first_table = False
        items = list(rows.items())
        for start in range(0, len(items), _BATCH):
            batch = {
                uuid: encode_row(db, table, row) for uuid, row in items[start : start + _BATCH]
            }
            piece = orjson.dumps(batch)[1:-1]
            yield piece if start == 0 else b"," + piece
        yield b"}"
    meta: dict[str, Any] = {"_date": int(time.time() * 1000) if date_ms is None else date_ms}
    if comment:
        meta["_comment"] = comment
    if is_diff:
        meta["_is_diff"] = True
    tail = orjson.dumps(meta)[1:]
    yield (tail if first_table else b"," + tail) + b"\n"
