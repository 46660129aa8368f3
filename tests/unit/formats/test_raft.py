"""Clustered files: record kinds, Raft replay rules, committed-only content."""

from __future__ import annotations

import pytest

from ovsdb_backup.errors import ReplayError
from ovsdb_backup.formats.clustered import replay_clustered
from ovsdb_backup.formats.raft import RaftFormatError, parse_record
from ovsdb_backup.formats.records import encode_json_record

SID = "aaaaaaaa-0000-0000-0000-000000000001"
SID2 = "aaaaaaaa-0000-0000-0000-000000000002"
CID = "cccccccc-0000-0000-0000-000000000001"
SCHEMA = {
    "name": "Mini",
    "version": "1.0.0",
    "tables": {"T": {"columns": {"name": {"type": "string"}}, "isRoot": True}},
}


def header(**extra) -> dict:
    h = {
        "server_id": SID,
        "cluster_id": CID,
        "name": "Mini",
        "local_address": "tcp:127.0.0.1:1",
        "prev_index": 1,
        "prev_term": 1,
        "prev_eid": "eeeeeeee-0000-0000-0000-000000000000",
        "prev_servers": {SID: "tcp:127.0.0.1:1"},
        "prev_data": [SCHEMA, {}],
    }
    h.update(extra)
    return h


def row_uuid(n: int) -> str:
    return f"00000000-0000-0000-0000-{n:012d}"


def entry(index: int, term: int, name: str | None = None) -> dict:
    rec: dict = {"term": term, "index": index}
    if name is not None:
        rec["data"] = [None, {"T": {row_uuid(index): {"name": name}}, "_is_diff": True}]
        rec["eid"] = f"eeeeeeee-0000-0000-0000-{index:012d}"
    return rec


def log(*records: dict, hdr: dict | None = None) -> bytes:
    return b"".join(encode_json_record("CLUSTER", r) for r in (hdr or header(), *records))


def names(replay) -> set[str]:
    return {r["name"] for r in replay.db.tables["T"].values()}


def test_record_kinds_follow_ovs_precedence():
    assert parse_record({"note": "left", "comment": "x"}).kind == "note"
    assert parse_record({"commit_index": 5}).kind == "commit_index"
    assert parse_record({"term": 2, "leader": SID}).kind == "leader"
    assert parse_record({"term": 2, "vote": SID}).kind == "vote"
    assert parse_record({"term": 2, "index": 3}).kind == "entry"
    assert parse_record({"term": 2}).kind == "term"
    with pytest.raises(RaftFormatError, match="not allowed"):
        parse_record({"term": 2, "vote": SID, "bogus": 1})


def test_only_committed_entries_are_applied_by_default():
    data = log(entry(2, 1, "a"), {"commit_index": 2}, entry(3, 1, "b"))
    assert names(replay_clustered(data)) == {"a"}
    assert names(replay_clustered(data, include_uncommitted=True)) == {"a", "b"}


def test_uncommitted_entries_before_a_torn_tail_are_included_when_asked():
    data = log(entry(2, 1, "a"), {"commit_index": 2}, entry(3, 1, "b"), entry(4, 1, "c"))
    torn = data[:-10]  # power loss in the middle of entry 4
    replay = replay_clustered(torn, strict=False, include_uncommitted=True)
    assert replay.stopped is not None and replay.stopped.kind == "torn-tail"
    assert names(replay) == {"a", "b"} and replay.applied_index == 3
    strict = replay_clustered(torn, accept_torn_tail=True, include_uncommitted=True)
    assert names(strict) == {"a", "b"}
    assert names(replay_clustered(torn, accept_torn_tail=True)) == {"a"}


def test_commit_through_applies_entries_the_file_has_no_commit_record_for():
    data = log(entry(2, 1, "a"), {"commit_index": 2}, entry(3, 1, "b"), entry(4, 1, "c"))
    replay = replay_clustered(data, commit_through=3)
    assert names(replay) == {"a", "b"} and replay.applied_index == 3
    assert replay.log.commit_index == 2  # the file's own facts are unchanged
    assert names(replay_clustered(data, commit_through=99)) == {"a", "b", "c"}


def test_truncated_entries_never_appear():
    # Entry 3 "phantom" is replaced by a new leader's entry 3 "real".
    data = log(
        entry(2, 1, "a"),
        {"commit_index": 2},
        entry(3, 1, "phantom"),
        {"term": 2, "vote": SID2},
        entry(3, 2, "real"),
        {"commit_index": 3},
    )
    replay = replay_clustered(data)
    assert names(replay) == {"a", "real"}
    assert replay.log.truncations == 1
    assert any(f.kind == "log-truncation" for f in replay.findings)


@pytest.mark.parametrize(
    ("records", "message"),
    [
        (
            [entry(2, 1, "a"), {"commit_index": 3}],
            "record 2 advances commit index to 3 but last log index is 2",
        ),
        (
            [entry(2, 1, "a"), entry(3, 1, "b"), {"commit_index": 3}, entry(2, 1, "c")],
            "record 4 attempts to truncate log from 4 to 2 entries, but commit index is already 3",
        ),
        ([entry(3, 1, "a")], "record 1 with index 3 skips past expected index 2"),
        (
            [entry(2, 1, "a"), {"commit_index": 2}, {"commit_index": 1}],
            "record 3 regresses commit index from 2 to 1",
        ),
        (
            [{"term": 3}, entry(2, 3, "a"), entry(3, 2, "b")],
            "record 3 with index 3 term 2 precedes previous entry's term 3",
        ),
        (
            [{"term": 2, "vote": SID}, {"term": 2, "vote": SID2}],
            "votes for aaaaaaaa-0000-0000-0000-000000000002 in term 2 but a previous record",
        ),
    ],
)
def test_rule_violations_use_ovsdb_server_wording(records, message):
    with pytest.raises(ReplayError, match=message):
        replay_clustered(log(*records))
    lenient = replay_clustered(log(*records), strict=False)
    assert lenient.stopped is not None
    assert message in lenient.stopped.message


def test_lenient_replay_keeps_what_was_committed_before_a_gap():
    data = log(entry(2, 1, "a"), {"commit_index": 2}, entry(4, 1, "gap"))
    replay = replay_clustered(data, strict=False)
    assert names(replay) == {"a"}
    assert replay.stopped is not None
    assert replay.stopped.kind == "index-gap"


def test_reset_entry_replaces_schema_and_contents():
    new_schema = {**SCHEMA, "version": "1.1.0"}
    reset = {
        "term": 1,
        "index": 3,
        "eid": "eeeeeeee-0000-0000-0000-000000000099",
        "data": [new_schema, {"T": {row_uuid(9): {"name": "converted"}}}],
    }
    data = log(entry(2, 1, "a"), reset, {"commit_index": 3})
    replay = replay_clustered(data)
    assert replay.db.schema.version == "1.1.0"
    assert names(replay) == {"converted"}


def test_torn_tail_is_accepted_when_asked():
    data = log(entry(2, 1, "a"), {"commit_index": 2}, entry(3, 1, "b"))[:-4]
    with pytest.raises(Exception, match="error reading"):
        replay_clustered(data)
    replay = replay_clustered(data, accept_torn_tail=True)
    assert names(replay) == {"a"}
    assert replay.stopped.kind == "torn-tail"


def test_left_note_is_reported():
    replay = replay_clustered(log(entry(2, 1, "a"), {"note": "left", "comment": "bye"}))
    assert replay.log.left
    assert any(f.kind == "server-left" for f in replay.findings)
