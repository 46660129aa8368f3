"""The raw row index of insert-only files, and restore sources that decode rows on demand."""

from __future__ import annotations

import uuid
from pathlib import Path

import orjson
import pytest

from ovsdb_backup.errors import InputError
from ovsdb_backup.formats.records import STANDALONE_MAGIC, encode_record
from ovsdb_backup.formats.standalone import BIG_RECORD_BYTES, inserted_rows, replay_standalone
from ovsdb_backup.ops.sources import Source, StoredSnapshot

SCHEMA = {
    "name": "T",
    "version": "1.0.0",
    "tables": {
        "A": {
            "columns": {
                "name": {"type": "string"},
                "tags": {"type": {"key": "string", "min": 0, "max": "unlimited"}},
                "b": {"type": {"key": {"type": "uuid", "refTable": "B"}, "min": 0, "max": 1}},
            },
            "isRoot": True,
        },
        "B": {"columns": {"n": {"type": "integer"}}, "isRoot": False},
    },
}


def _file(path: Path, *txns: dict) -> Path:
    records = [encode_record(STANDALONE_MAGIC, orjson.dumps(SCHEMA))]
    records += [encode_record(STANDALONE_MAGIC, orjson.dumps(t)) for t in txns]
    path.write_bytes(b"".join(records))
    return path


def _ids(n: int) -> list[str]:
    return [str(uuid.uuid4()) for _ in range(n)]


def test_an_insert_only_file_gives_every_row_raw(tmp_path: Path) -> None:
    a, b = _ids(2)
    first = {"B": {b: {"n": 7}}, "_date": 1}
    second = {"A": {a: {"name": "x", "tags": ["set", ["p", "q"]], "b": ["uuid", b]}}}
    buf = _file(tmp_path / "db", first, second).read_bytes()
    assert inserted_rows(buf) == {"B": {b: {"n": 7}}, "A": second["A"]}


@pytest.mark.parametrize(
    "later",
    [
        pytest.param(lambda a: {"A": {a: {"name": "y"}}}, id="changes a row"),
        pytest.param(lambda a: {"A": {a: None}}, id="deletes a row"),
    ],
)
def test_a_file_that_changes_rows_has_no_raw_index(tmp_path: Path, later) -> None:
    (a,) = _ids(1)
    buf = _file(tmp_path / "db", {"A": {a: {"name": "x"}}}, later(a)).read_bytes()
    assert inserted_rows(buf) is None


def test_a_huge_snapshot_is_indexed_batch_by_batch(tmp_path: Path) -> None:
    ids = _ids(BIG_RECORD_BYTES // 100_000 + 1)
    padding = "z" * 100_000
    rows = {u: {"name": f"{u}{padding}"} for u in ids}
    buf = _file(tmp_path / "db", {"A": rows, "_comment": "big"}).read_bytes()
    assert len(buf) > BIG_RECORD_BYTES
    raw = inserted_rows(buf)
    assert raw is not None and raw["A"] == rows


def _source(tmp_path: Path, *txns: dict) -> Source:
    temp = _file(tmp_path / "extracted.db", *txns)
    return Source(None, "test", stored=StoredSnapshot(temp, "test"))


def test_a_stored_snapshot_decodes_only_the_rows_asked_for(tmp_path: Path) -> None:
    a1, a2, b = _ids(3)
    txn = {
        "A": {
            a1: {"name": "one", "tags": ["set", ["p", "q"]], "b": ["uuid", b]},
            a2: {"name": "two", "tags": "solo"},
        },
        "B": {b: {"n": 7}},
    }
    source = _source(tmp_path, txn)
    assert not (tmp_path / "extracted.db").exists()  # unlinked at once: nothing left behind
    assert source.name == "T"
    expected = replay_standalone(_file(tmp_path / "again", txn).read_bytes()).db
    picked = source.rows("A", [a2, str(uuid.uuid4())])
    assert picked == {a2: expected.tables["A"][a2]}
    assert source._db is None  # the whole database was not decoded for that
    assert source.db.tables == expected.tables
    assert source.rows("B", [b]) == {b: expected.tables["B"][b]}


def test_a_stored_snapshot_that_is_not_insert_only_falls_back_to_replay(tmp_path: Path) -> None:
    (a,) = _ids(1)
    source = _source(tmp_path, {"A": {a: {"name": "x"}}}, {"A": {a: {"name": "y"}}})
    assert source.rows("A", [a]) == {a: {"name": "y"}}


def test_an_uppercase_uuid_sends_the_source_to_replay_which_normalises_it(
    tmp_path: Path,
) -> None:
    (a,) = _ids(1)
    txn = {"A": {a.upper(): {"name": "x"}}}
    assert inserted_rows(_file(tmp_path / "db", txn).read_bytes()) is None
    assert _source(tmp_path, txn).rows("A", [a]) == {a: {"name": "x"}}


def test_a_row_the_schema_refuses_is_a_clear_error_naming_it(tmp_path: Path) -> None:
    (a,) = _ids(1)
    source = _source(tmp_path, {"A": {a: {"name": 5}}})
    with pytest.raises(InputError, match=f"table A row {a}: column name"):
        source.rows("A", [a])
