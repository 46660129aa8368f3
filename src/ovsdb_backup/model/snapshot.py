"""Serialising a whole database as one "insert every row" transaction."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

import orjson

from .database import Database

_BATCH = 2000  # rows serialised per orjson call: few calls, bounded extra memory


def row_encoder(db: Database, table: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A function row -> JSON row; columns whose values are their own JSON are copied."""
    encoders = {
        name: codec.encode
        for name, codec in db.codecs.columns[table].items()
        if not codec.encode_is_identity
    }

    def encode(row: dict[str, Any]) -> dict[str, Any]:
        out = dict(row)
        for column in encoders.keys() & row.keys():
            out[column] = encoders[column](row[column])
        return out

    return encode


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

    def pieces(table: str, rows: dict[str, Any]) -> Iterator[bytes]:
        encode = row_encoder(db, table)
        pending = iter(rows.items())
        while batch := {uuid: encode(row) for uuid, row in islice(pending, _BATCH)}:
            yield orjson.dumps(batch)[1:-1]

    tables = ((t, pieces(t, rows)) for t, rows in db.tables.items() if rows)
    return insert_record_chunks(tables, comment=comment, date_ms=date_ms, is_diff=is_diff)


def insert_record_chunks(
    tables: Iterable[tuple[str, Iterable[bytes]]],
    *,
    comment: str | None,
    date_ms: int | None = None,
    is_diff: bool = False,
) -> Iterator[bytes]:
    """Frame a record inserting rows: ``{"T": {members}, ..., "_date": N, ...}`` + LF.

    ``tables`` gives each table that has rows with its members as pieces of JSON
    (``"uuid":{row}`` members joined by commas, no outer braces); the pieces are
    passed on as they come, so only one of them exists at a time.
    """
    yield b"{"
    first_table = True
    for table, pieces in tables:
        yield (b"" if first_table else b",") + orjson.dumps(table) + b":{"
        first_table = False
        separator = b""
        for piece in pieces:
            yield separator + piece
            separator = b","
        yield b"}"
    meta: dict[str, Any] = {"_date": int(time.time() * 1000) if date_ms is None else date_ms}
    if comment:
        meta["_comment"] = comment
    if is_diff:
        meta["_is_diff"] = True
    tail = orjson.dumps(meta)[1:]
    yield (tail if first_table else b"," + tail) + b"\n"
