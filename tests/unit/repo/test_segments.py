"""Segments without servers: comments, writing, a torn tail, the catalog's view."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ovsdb_backup.errors import UsageError
from ovsdb_backup.formats.dbfile import open_db_file
from ovsdb_backup.formats.standalone import replay_standalone
from ovsdb_backup.model.database import Database
from ovsdb_backup.model.schema import DatabaseSchema
from ovsdb_backup.repo import catalog as cat
from ovsdb_backup.repo.layout import new_segment_name, open_repository
from ovsdb_backup.repo.metrics import StreamMetrics
from ovsdb_backup.repo.segment import Mark, SegmentWriter, parse_comment, read_segment, txn_record
from ovsdb_backup.repo.units import parse_duration, parse_size
from ovsdb_backup.repo.updates import UpdateMismatch, apply_changes, record_changes

SCHEMA = DatabaseSchema.from_json(
    {
        "name": "Mini",
        "version": "1.0.0",
        "tables": {
            "T": {
                "columns": {
                    "name": {"type": "string"},
                    "tags": {"type": {"key": "string", "min": 0, "max": "unlimited"}},
                    "kv": {
                        "type": {"key": "string", "value": "string", "min": 0, "max": "unlimited"}
                    },
                },
                "isRoot": True,
            }
        },
    }
)
U1 = "11111111-1111-1111-1111-111111111111"
U2 = "22222222-2222-2222-2222-222222222222"


def test_comments_round_trip() -> None:
    mark = Mark("txn", "3b79f2e1-aaaa-bbbb-cccc-1234567890ab", {"since": "1700000000000"})
    text = mark.to_comment()
    assert (
        text == "ovsdb-backup stream txn=3b79f2e1-aaaa-bbbb-cccc-1234567890ab since=1700000000000"
    )
    assert parse_comment(text) == mark
    base = parse_comment("ovsdb-backup stream base txn=none model=standalone from=unix:/x.sock")
    assert base is not None and base.kind == "base" and base.txn is None
    assert base.fields == {"model": "standalone", "from": "unix:/x.sock"}
    assert parse_comment("ovn-nbctl ls-add sw0") is None


def test_updates_become_diff_records_checked_against_the_contents() -> None:
    db = Database(SCHEMA)
    changes, rows = record_changes(
        db, {"T": {U1: {"insert": {"name": "a", "tags": ["set", ["x", "y"]]}}}}
    )
    apply_changes(db, changes)
    assert rows == 1 and changes == {"T": {U1: {"name": "a", "tags": ["set", ["x", "y"]]}}}
    # modify carries element-wise diffs: toggle x off, z on; add a map key.
    diff = {"tags": ["set", ["x", "z"]], "kv": ["map", [["k", "v"]]]}
    changes, _ = record_changes(db, {"T": {U1: {"modify": diff}}})
    apply_changes(db, changes)
    assert db.tables["T"][U1] == {"name": "a", "tags": {"y", "z"}, "kv": {"k": "v"}}
    with pytest.raises(UpdateMismatch, match="exists already"):
        record_changes(db, {"T": {U1: {"insert": {}}}})
    with pytest.raises(UpdateMismatch, match="does not exist"):
        record_changes(db, {"T": {U2: {"modify": {"name": "b"}}}})
    changes, _ = record_changes(db, {"T": {U1: {"delete": None}}})
    assert changes == {"T": {U1: None}}


def _segment(tmp_path: Path) -> tuple[Path, SegmentWriter, Database]:
    db = Database(SCHEMA)
    db.apply_txn({"T": {U1: {"name": "a"}}})
    path = tmp_path / "streams" / "Mini" / new_segment_name(1_700_000_000_000)
    writer = SegmentWriter.create(
        path, db, 1_700_000_000_000, Mark("base", "t0", {"model": "clustered"})
    )
    return path, writer, db


def test_a_torn_tail_is_read_past_and_cut_on_reopen(tmp_path: Path) -> None:
    path, writer, _db = _segment(tmp_path)
    rec = txn_record({"T": {U2: {"name": "b"}}}, 1_700_000_001_000, Mark("txn", "t1"))
    writer.add_records([rec])
    writer.sync()
    good = writer.size
    writer.append([rec[:-7]])  # killed in the middle of a write
    writer.close()
    info = read_segment(path)
    assert info.torn_tail and info.records == 3 and info.end_offset == good
    assert info.last_txn == "t1" and info.base is not None and info.base.mark is not None
    with open_db_file(str(path)) as f:
        outcome = replay_standalone(f.buf, strict=False)
    assert set(outcome.db.tables["T"]) == {U1, U2}
    again = SegmentWriter.reopen(path, info.end_offset, info.records)
    again.add_records([txn_record({}, 1_700_000_002_000, Mark("stop", "t1"))])
    again.sync()
    again.close()
    info = read_segment(path)
    assert info.defect is None and info.records == 4 and info.stopped_cleanly
    assert os.path.getsize(path) == info.end_offset


def test_catalog_rebuilt_from_segments_knows_continuity(tmp_path: Path) -> None:
    repo = open_repository(tmp_path / "repo", create=True)
    db = Database(SCHEMA)
    first = repo.segment_path("Mini", new_segment_name(1_700_000_000_000))
    w = SegmentWriter.create(first, db, 1_700_000_000_000, Mark("base", "t0"))
    w.add_records([txn_record({}, 1_700_000_100_000, Mark("seal", "t0", {"reason": "size"}))])
    w.close()
    second = repo.segment_path("Mini", new_segment_name(1_700_000_100_000))
    SegmentWriter.create(
        second, db, 1_700_000_100_000, Mark("base", "t0", {"continues": first.name})
    ).close()
    third = repo.segment_path("Mini", new_segment_name(1_700_000_900_000))
    SegmentWriter.create(
        third, db, 1_700_000_900_000, Mark("base", "t9", {"after": "history-lost"})
    ).close()
    catalog = cat.rebuild(repo)
    cov = cat.coverage(catalog, "Mini")
    assert [s.state for s in cov.segments] == ["sealed", "open", "open"]
    assert len(cov.gaps) == 1
    gap = cov.gaps[0]
    assert (gap.start_ms, gap.end_ms) == (1_700_000_100_000, 1_700_000_900_000)
    assert "history" in gap.reason
    assert cat.load(repo).to_json() == catalog.to_json()


def test_a_directory_that_is_not_a_repository_is_refused(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "data.txt").write_text("x")
    with pytest.raises(Exception, match="not empty"):
        open_repository(tmp_path / "other", create=True)
    with pytest.raises(Exception, match="not an ovsdb-backup repository"):
        open_repository(tmp_path / "other")


def test_units() -> None:
    assert parse_duration("26h") == 26 * 3600
    assert parse_duration("1w2d") == 9 * 86400
    assert parse_duration("0.5s") == 0.5
    assert parse_size("256M") == 256 << 20 and parse_size("1GiB") == 1 << 30
    with pytest.raises(UsageError):
        parse_duration("soon")


def test_metrics_text() -> None:
    metrics = StreamMetrics()
    m = metrics.database("OVN_Northbound")
    m.transactions, m.confirmed_time, m.connected = 7, 1000.0, 1
    text = metrics.render().decode()
    assert "# TYPE ovsdb_backup_stream_transactions_total counter" in text
    assert 'ovsdb_backup_stream_transactions_total{db="OVN_Northbound"} 7' in text
    assert 'ovsdb_backup_stream_up{db="OVN_Northbound"} 1' in text
    assert "ovsdb_backup_stream_lag_seconds" in text
