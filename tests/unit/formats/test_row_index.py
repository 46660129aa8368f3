"""The row index written next to an online snapshot: offsets and versions of every row."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import orjson
import pytest

from ovsdb_backup.archive import ArchiveWriter, DatabaseEntry, Manifest
from ovsdb_backup.errors import InputError
from ovsdb_backup.formats.records import STANDALONE_MAGIC, encode_record
from ovsdb_backup.formats.row_index import RowIndex, RowIndexWriter, version_key
from ovsdb_backup.formats.standalone import replay_standalone
from ovsdb_backup.model.schema import DatabaseSchema
from ovsdb_backup.ops.snapshot import _BodyWriter, _data_header
from ovsdb_backup.ops.sources import load
from ovsdb_backup.ops.verify import verify

SCHEMA = {
    "name": "T",
    "version": "1.0.0",
    "tables": {
        "A": {
            "columns": {
                "name": {"type": "string"},
                "tags": {"type": {"key": "string", "min": 0, "max": "unlimited"}},
            },
            "isRoot": True,
        },
        "B": {"columns": {"n": {"type": "integer"}}, "isRoot": True},
        "C": {"columns": {"n": {"type": "integer"}}, "isRoot": True},
    },
}


def _rows(table: str, n: int) -> list[dict]:
    """Rows as a select of _uuid, _version and the columns returns them."""
    out = []
    for i in range(n):
        row: dict = {"_uuid": ["uuid", str(uuid.uuid4())], "_version": ["uuid", str(uuid.uuid4())]}
        if table == "A":
            row |= {"name": f'row {i} \u00e9"', "tags": ["set", [f"t{i}", "x"]] if i % 2 else "t"}
        else:
            row["n"] = i + 1
        out.append(row)
    return out


def _snapshot(batches: list[tuple[int, list[dict]]]) -> tuple[bytes, bytes]:
    """The snapshot file and its row index, written as a backup streams them."""
    schema = DatabaseSchema.from_json(SCHEMA)
    body, index_out = io.BytesIO(), io.BytesIO()
    index = RowIndexWriter(index_out)
    writer = _BodyWriter(body, ["A", "B", "C"], schema, index)
    for op_index, rows in batches:
        writer.on_rows(op_index, [dict(r) for r in rows])
    writer.finish({"_date": 1})
    schema_record = encode_record(STANDALONE_MAGIC, orjson.dumps(SCHEMA) + b"\n")
    header = _data_header(writer.length, writer.digest.hexdigest())
    index.finish(body_offset=len(schema_record) + len(header))
    return schema_record + header + body.getvalue(), index_out.getvalue()


def test_every_row_is_found_where_the_snapshot_holds_it() -> None:
    a, c = _rows("A", 5), _rows("C", 3)
    # Several batches per table, and a table (B) with no rows at all.
    snapshot, raw = _snapshot([(0, a[:2]), (0, a[2:4]), (0, a[4:]), (2, c[:1]), (2, c[1:])])
    index = RowIndex.load(raw, snapshot, "test")
    assert index.counts() == {"A": 5, "C": 3}
    replayed = replay_standalone(snapshot).db
    for table, rows in (("A", a), ("C", c)):
        for row in rows:
            row_uuid, version = row["_uuid"][1], row["_version"][1]
            stored = orjson.loads(index.row_json(snapshot, table, row_uuid) or b"null")
            expected = {k: v for k, v in row.items() if not k.startswith("_")}
            assert stored == expected
            assert index.versions(table)[row_uuid][0] == version_key(version)
            assert row_uuid in replayed.tables[table]
    assert index.row_json(snapshot, "B", str(uuid.uuid4())) is None


def test_an_empty_database_has_an_empty_index() -> None:
    snapshot, raw = _snapshot([])
    assert RowIndex.load(raw, snapshot, "test").counts() == {}


def test_an_index_that_does_not_match_the_snapshot_is_refused() -> None:
    snapshot, raw = _snapshot([(0, _rows("A", 3)), (1, _rows("B", 2))])
    data = orjson.loads(raw)
    data["tables"]["B"]["start"] += 1
    with pytest.raises(InputError, match=r"does not match the database \(table B"):
        RowIndex.load(orjson.dumps(data), snapshot, "test")
    data = orjson.loads(raw)
    data["tables"]["A"]["rows"][1] += 7  # a wrong length moves every later row
    with pytest.raises(InputError, match=r"does not match the database \(table A"):
        RowIndex.load(orjson.dumps(data), snapshot, "test")
    data = orjson.loads(raw)
    data["rows"] = 4
    with pytest.raises(InputError, match="row count is wrong"):
        RowIndex.load(orjson.dumps(data), snapshot, "test")
    with pytest.raises(InputError, match="not valid JSON"):
        RowIndex.load(raw[:-10], snapshot, "test")
    # A snapshot cut short: the last rows are not there.
    with pytest.raises(InputError, match="does not match"):
        RowIndex.load(raw, snapshot[: len(snapshot) // 2], "test")


def _archive(path: Path, snapshot: bytes, raw_index: bytes, rows: dict[str, int]) -> Path:
    with ArchiveWriter(str(path), compression="zstd") as archive:
        stored = archive.add_database("T", [snapshot])
        index = archive.add_row_index("T", [raw_index])
        entry = DatabaseEntry.from_stored(stored, name="T", rows=rows, row_index=index)
        archive.commit(Manifest.new(databases=[entry]))
    return path


def test_verify_checks_the_row_index_against_the_database(tmp_path: Path) -> None:
    snapshot, raw = _snapshot([(0, _rows("A", 3)), (1, _rows("B", 2))])
    rows = {"A": 3, "B": 2}
    good = verify(str(_archive(tmp_path / "good.tar", snapshot, raw, rows)))
    assert good.ok and good.members_checked == 2, good.findings  # database, row index
    source = load(str(tmp_path / "good.tar"))
    assert source.row_index is not None and source.row_index.counts() == rows

    data = orjson.loads(raw)
    data["tables"]["B"]["start"] += 1
    bad = verify(str(_archive(tmp_path / "bad.tar", snapshot, orjson.dumps(data), rows)))
    assert [f.kind for f in bad.findings] == ["row-index-mismatch"]
    assert "table B" in bad.findings[0].message
    with pytest.raises(InputError, match="does not match"):
        load(str(tmp_path / "bad.tar"))
