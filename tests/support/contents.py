"""Comparing database contents row by row, UUIDs included.

Live contents come from the real ``ovsdb-client backup`` (one atomic select of
every persistent column); file contents from our replay. Both are decoded
into the same in-memory form with the file's schema, so the comparison covers
every row, every column and every UUID.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from ovsdb_backup.formats.clustered import replay_clustered
from ovsdb_backup.formats.dbfile import open_db_file
from ovsdb_backup.formats.standalone import replay_standalone
from ovsdb_backup.model.database import Database
from ovsdb_backup.model.schema import DatabaseSchema
from ovsdb_backup.sandbox.client import snapshot_rows

Tables = dict[str, dict[str, dict[str, Any]]]


def file_db(path: Path, *, include_uncommitted: bool = False) -> Database:
    """What our replay reads from a database file (committed contents if clustered)."""
    with open_db_file(str(path)) as f:
        if f.is_clustered:
            replay = replay_clustered(
                f.buf, path=str(path), include_uncommitted=include_uncommitted
            )
            assert replay.db is not None, f"{path} holds no data"
            return replay.db
        return replay_standalone(f.buf, path=str(path)).db


def decode_rows(schema: DatabaseSchema, rows: dict[str, Any]) -> Tables:
    """Rows in JSON (as ovsdb-client prints them) decoded with ``schema``."""
    db = Database(schema)
    db.apply_txn({t: r for t, r in rows.items() if t in schema.tables})
    return db.tables


def live_tables(remote: str, schema: DatabaseSchema) -> Tables:
    return decode_rows(schema, snapshot_rows(remote, schema.name))


def assert_same_tables(actual: Tables, expected: Tables) -> None:
    """Equal row sets per table and equal rows; the message names the first difference."""
    for table in sorted(set(actual) | set(expected)):
        got, want = actual.get(table, {}), expected.get(table, {})
        missing, extra = set(want) - set(got), set(got) - set(want)
        assert not missing and not extra, (
            f"table {table}: missing rows {sorted(missing)[:3]}, extra rows {sorted(extra)[:3]}"
        )
        for uuid, row in want.items():
            assert got[uuid] == row, f"table {table} row {uuid}: {got[uuid]} != {row}"


def ovsdb_tool_rows(path: Path, schema: DatabaseSchema, table: str) -> list[dict[str, Any]]:
    """A table as the real ovsdb-tool reads a standalone file."""
    import orjson

    out = subprocess.run(
        [
            "ovsdb-tool",
            "query",
            str(path),
            orjson.dumps([schema.name, {"op": "select", "table": table, "where": []}]).decode(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    rows: list[dict[str, Any]] = orjson.loads(out)[0]["rows"]
    return rows
