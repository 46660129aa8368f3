"""The agent's contents (rows as JSON until changed) against the decoded Database: the same
checks and results for any sequence of changes; bases loaded in batches; big updates
applied in parts and taken back; records spooled; segments replayed."""

from __future__ import annotations

import contextlib
import random
import uuid
from pathlib import Path
from typing import Any

import orjson
import pytest

from ovsdb_backup.formats.dbfile import open_db_file
from ovsdb_backup.formats.standalone import replay_standalone
from ovsdb_backup.model.database import Database, TxnError
from ovsdb_backup.model.schema import DatabaseSchema
from ovsdb_backup.repo import contents as contents_module
from ovsdb_backup.repo.contents import Contents, ContentsMismatch, load_segment
from ovsdb_backup.repo.segment import (
    Mark,
    SegmentWriter,
    read_segment,
    remove_temporaries,
    temp_segment_path,
    txn_record,
)
from ovsdb_backup.repo.updates import UpdateInParts, UpdateMismatch

SCHEMA = DatabaseSchema.from_json(
    {
        "name": "Mini",
        "version": "1.0.0",
        "tables": {
            "T": {
                "columns": {
                    "name": {"type": "string"},
                    "n": {"type": {"key": {"type": "integer", "minInteger": 0, "maxInteger": 99}}},
                    "tags": {"type": {"key": "string", "min": 0, "max": "unlimited"}},
                    "kv": {
                        "type": {"key": "string", "value": "string", "min": 0, "max": "unlimited"}
                    },
                    "one": {"type": {"key": "string", "min": 0, "max": 1}},
                    "refs": {
                        "type": {
                            "key": {"type": "uuid", "refTable": "U", "refType": "weak"},
                            "min": 0,
                            "max": "unlimited",
                        }
                    },
                },
                "isRoot": True,
            },
            "U": {"columns": {"name": {"type": "string"}}, "isRoot": True},
        },
    }
)
# Strings that look like the boundaries the row splitter and the decoder look for.
AWKWARD = [
    "plain",
    '},"11111111-1111-1111-1111-111111111111":{',
    '"',
    "\\",
    '\\"}',
    "}{",
    "é€",
    "",
]


def _uuids(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [str(uuid.UUID(int=rnd.getrandbits(128), version=4)) for _ in range(n)]


def _random_row(rnd: random.Random, refs: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    if rnd.random() < 0.8:
        row["name"] = rnd.choice(AWKWARD) + str(rnd.randrange(100))
    if rnd.random() < 0.5:
        row["n"] = rnd.randrange(100)
    if rnd.random() < 0.5:
        row["tags"] = ["set", rnd.sample(AWKWARD, rnd.randrange(4))]
    if rnd.random() < 0.5:
        row["kv"] = ["map", [[k, rnd.choice(AWKWARD)] for k in rnd.sample(AWKWARD, 2)]]
    if rnd.random() < 0.3:
        row["one"] = rnd.choice(AWKWARD)
    if rnd.random() < 0.3 and refs:
        row["refs"] = ["set", [["uuid", u] for u in rnd.sample(refs, min(2, len(refs)))]]
    return row


def _random_diff(rnd: random.Random) -> dict[str, Any]:
    diff: dict[str, Any] = {}
    if rnd.random() < 0.5:
        diff["name"] = rnd.choice(AWKWARD)
    if rnd.random() < 0.5:
        diff["tags"] = ["set", rnd.sample(AWKWARD, rnd.randrange(1, 3))]  # toggles
    if rnd.random() < 0.5:
        diff["kv"] = ["map", [[rnd.choice(AWKWARD), rnd.choice(AWKWARD)]]]
    if rnd.random() < 0.2:
        diff["n"] = rnd.randrange(150)  # sometimes out of range: the change is refused
    if rnd.random() < 0.2:
        diff["one"] = ["set", [rnd.choice(AWKWARD)]]  # may leave 2 elements: refused
    return diff


def _random_txn(rnd: random.Random, db: Database, pool: list[str]) -> dict[str, Any]:
    txn: dict[str, Any] = {"_is_diff": True}
    for table in ("T", "U"):
        changes: dict[str, Any] = {}
        for _ in range(rnd.randrange(4)):
            u = rnd.choice(pool)
            exists = u in db.tables[table]
            if table == "U":
                changes[u] = (
                    None if exists and rnd.random() < 0.5 else {"name": rnd.choice(AWKWARD)}
                )
            elif not exists:
                changes[u] = _random_row(rnd, list(db.tables["U"]))
            elif rnd.random() < 0.2:
                changes[u] = None
            else:
                changes[u] = _random_diff(rnd)
        if changes:
            txn[table] = changes
    if rnd.random() < 0.05:
        txn["T"] = {rnd.choice(pool): None}  # may delete a row that is not there
    return txn


def _same(contents: Contents, db: Database) -> None:
    assert contents.to_database().tables == db.tables
    assert contents.row_counts() == db.row_counts()


@pytest.mark.parametrize("seed", range(6))
def test_any_sequence_of_changes_matches_the_database(seed: int) -> None:
    rnd = random.Random(seed)
    pool = _uuids(40, seed)
    db, contents = Database(SCHEMA), Contents(SCHEMA, hot_rows=3)
    refused = 0
    for _ in range(300):
        txn = _random_txn(rnd, db, pool)
        outcomes = []
        for target in (db, contents):
            try:
                target.apply_txn(txn)
                outcomes.append("ok")
            except TxnError as exc:
                outcomes.append(str(exc))
        assert outcomes[0] == outcomes[1]
        refused += outcomes[0] != "ok"
        _same(contents, db)
    assert refused > 5  # the refusals were exercised too
    # Few rows decoded: the hot ones only.
    decoded = [r for rows in contents.tables.values() for r in rows.values() if isinstance(r, dict)]
    assert len(decoded) <= 3
    # A snapshot is the same transaction either way.
    chunks = contents.snapshot_chunks(comment="c", date_ms=5)
    again = Database(SCHEMA)
    again.apply_txn(orjson.loads(b"".join(chunks)))
    assert again.tables == db.tables


def test_a_base_is_prepared_then_added() -> None:
    contents = Contents(SCHEMA)
    rows = {
        u: {"initial": {"name": AWKWARD[i % len(AWKWARD)] * 3}} for i, u in enumerate(_uuids(50, 1))
    }
    pending = contents.prepare("T", rows, wrapped=True)
    assert contents.total_rows() == 0  # nothing added yet
    contents.add(pending)
    assert all(isinstance(r, bytes) for r in contents.tables["T"].values())
    assert {u: contents.row("T", u) for u in rows} == {
        u: {"name": v["initial"]["name"]} for u, v in rows.items() if v["initial"]["name"]
    } | {u: {} for u, v in rows.items() if not v["initial"]["name"]}
    upper = {rows_key.upper(): {"name": "x"} for rows_key in _uuids(1, 2)}
    contents.add(contents.prepare("U", upper))
    assert list(contents.tables["U"]) == [k.lower() for k in upper]
    with pytest.raises(ContentsMismatch, match="exists already"):
        contents.prepare("T", {next(iter(rows)): {}})
    with pytest.raises(ContentsMismatch, match="unknown table"):
        contents.prepare("X", {})
    with pytest.raises(ContentsMismatch, match="not a valid UUID"):
        contents.prepare("T", {"nope": {}})
    with pytest.raises(ContentsMismatch, match="column n"):
        contents.prepare("T", {_uuids(1, 3)[0]: {"n": 100}})
    with pytest.raises(ContentsMismatch, match="expected an initial row"):
        contents.prepare("T", {_uuids(1, 4)[0]: {"insert": {}}}, wrapped=True)
    twice = contents.prepare("T", {_uuids(1, 5)[0]: {}})
    contents.add(twice)
    with pytest.raises(ContentsMismatch, match="exists already"):
        contents.add(twice)


def test_an_update_in_parts_is_recorded_and_taken_back(tmp_path: Path) -> None:
    rnd = random.Random(7)
    pool = _uuids(30, 7)
    db = Database(SCHEMA)
    for _ in range(60):
        with contextlib.suppress(TxnError):
            db.apply_txn(_random_txn(rnd, db, pool))
    contents = Contents(SCHEMA, hot_rows=2)
    for table, rows in db.tables.items():
        contents.add(contents.prepare(table, {u: _encoded(db, table, r) for u, r in rows.items()}))
    _same(contents, db)
    existing = list(db.tables["T"])
    # Make one row hot (decoded): undo must restore it although it changes in place.
    contents.apply_txn({"T": {existing[0]: {"tags": ["set", ["hot"]]}}, "_is_diff": True})
    db.apply_txn({"T": {existing[0]: {"tags": ["set", ["hot"]]}}, "_is_diff": True})
    before = contents.to_database().tables

    new = _uuids(3, 99)
    parts: list[tuple[str, dict[str, Any]]] = [
        ("T", {existing[0]: {"modify": {"tags": ["set", ["hot", "x"]]}}}),
        ("T", {new[0]: {"insert": {"name": "n0"}}, existing[1]: {"delete": None}}),
        ("U", {new[1]: {"insert": {"name": '},"' + new[2] + '":{'}}}),
    ]
    update = UpdateInParts(contents, tmp_path)
    for table, rows in parts:
        update.add(table, rows)
    with pytest.raises(UpdateMismatch, match="exists already"):
        update.add("T", {existing[2]: {"insert": {}}})
    update.abort()
    assert contents.to_database().tables == before

    # Completed: one record whose members are what the whole update gives.
    update = UpdateInParts(contents, tmp_path)
    update._spool._memory_limit = 10  # exercise the spill to an unnamed file
    for table, rows in parts:
        update.add(table, rows)
    with pytest.raises(UpdateMismatch, match="appears twice"):
        update.add("T", {new[2]: {"insert": {}}})
    spool = update.finish(123, Mark("txn", "t1"))
    body = b"".join(spool.chunks())
    expected = txn_record(
        {
            "T": {
                existing[0]: {"tags": ["set", ["hot", "x"]]},
                new[0]: {"name": "n0"},
                existing[1]: None,
            },
            "U": {new[1]: {"name": '},"' + new[2] + '":{'}},
        },
        123,
        Mark("txn", "t1"),
    )
    assert expected.endswith(body) and spool.header() + body == expected
    update.commit()
    db.apply_txn({**orjson.loads(body)})
    _same(contents, db)


def _encoded(db: Database, table: str, row: dict[str, Any]) -> dict[str, Any]:
    from ovsdb_backup.model.snapshot import row_encoder

    return row_encoder(db, table)(row)


def _filled(n: int, seed: int) -> tuple[Contents, Database]:
    rnd = random.Random(seed)
    db = Database(SCHEMA)
    rows = {u: _random_row(rnd, []) for u in _uuids(n, seed)}
    db.apply_txn({"T": rows})
    contents = Contents(SCHEMA)
    contents.add(contents.prepare("T", rows))
    return contents, db


def test_segments_are_written_in_pieces_and_replayed_into_contents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contents, db = _filled(3000, 11)
    path = tmp_path / "s" / "20261121T000000.000Z-0000000a.log"
    temp_segment_path(path).parent.mkdir(parents=True)
    temp_segment_path(path).write_bytes(b"left by a kill")
    remove_temporaries(path.parent)
    assert not list(path.parent.iterdir())
    writer = SegmentWriter.create(path, contents, 1_700_000_000_000, Mark("base", "t0"))
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    # The same file as from the decoded database, byte for byte.
    other = tmp_path / "o" / path.name
    SegmentWriter.create(other, db, 1_700_000_000_000, Mark("base", "t0")).close()
    assert replay(path).tables == replay(other).tables == db.tables

    # Later records: a small one and a big one (written in parts), then a torn tail.
    new = _uuids(2, 12)
    change = {"T": {new[0]: {"name": "small"}}}
    contents.apply_txn({**change, "_is_diff": True})
    writer.add_records([txn_record(change, 1_700_000_000_001, Mark("txn", "t1"))])
    update = UpdateInParts(contents, tmp_path)
    victims = list(contents.tables["T"])[:1500]
    update.add("T", {u: {"modify": {"tags": ["set", ["big"]]}} for u in victims})
    update.add("T", {new[1]: {"insert": {"name": "big"}}})
    writer.add_spooled(update.finish(1_700_000_000_002, Mark("txn", "t2")))
    update.commit()
    writer.sync()
    good = writer.size
    writer.append([txn_record(change, 1_700_000_000_003, Mark("txn", "t3"))[:-5]])
    writer.close()
    expected = contents.to_database().tables
    info = read_segment(path)
    assert info.last_txn == "t2" and info.torn_tail and info.end_offset == good

    monkeypatch.setattr(contents_module, "BIG_RECORD_BYTES", 50_000)  # the big-record path
    loaded = load_segment(path)
    assert loaded.torn_tail and loaded.problem is not None
    assert (loaded.records, loaded.end_offset) == (4, good)
    assert loaded.contents.to_database().tables == expected == replay(path).tables
    decoded = [r for r in loaded.contents.tables["T"].values() if not isinstance(r, bytes)]
    assert len(decoded) <= contents_module.HOT_ROWS  # the most recently changed


def test_a_bad_big_record_is_taken_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    contents, _db = _filled(500, 13)
    path = tmp_path / "20261121T000000.000Z-0000000b.log"
    writer = SegmentWriter.create(path, contents, 1, Mark("base", "t0"))
    existing = list(contents.tables["T"])
    # Parts that fit, then one that does not: a row that does not exist is modified.
    bad = {"T": {**{u: {"name": "changed"} for u in existing[:400]}, _uuids(1, 14)[0]: None}}
    body = orjson.dumps({**bad, "_date": 2, "_comment": "x", "_is_diff": True}) + b"\n"
    writer.add_records([txn_record({}, 1, Mark("txn", "t1")), _frame(body)])
    writer.close()
    monkeypatch.setattr(contents_module, "BIG_RECORD_BYTES", 5_000)
    loaded = load_segment(path)
    assert loaded.records == 3 and not loaded.torn_tail
    assert loaded.problem is not None and "does not exist" in loaded.problem
    assert loaded.contents.to_database().tables == contents.to_database().tables


def _frame(body: bytes) -> bytes:
    from ovsdb_backup.formats.records import STANDALONE_MAGIC, encode_record

    return encode_record(STANDALONE_MAGIC, body)


def replay(path: Path) -> Database:
    with open_db_file(str(path)) as f:
        return replay_standalone(f.buf, strict=False).db
