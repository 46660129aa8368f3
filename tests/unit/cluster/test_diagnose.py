"""Diagnosis rules and recovery plans on hand-built member files (no servers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ovsdb_backup.cluster.diagnose import condition_of, diagnose
from ovsdb_backup.cluster.files import read_member_file, read_member_files
from ovsdb_backup.cluster.plan import Plan, RecoveryOptions, build_plan
from ovsdb_backup.errors import UsageError
from tests.unit.cluster.raft_builder import (
    ADDRS,
    SIDS,
    commit,
    common_log,
    entry,
    header,
    write,
)

IDS = tuple(f"dddddddd-0000-4000-8000-00000000000{i}" for i in range(1, 6))


def options(paths, **kw) -> RecoveryOptions:
    return RecoveryOptions(tuple(str(p) for p in paths), new_ids=IDS, stamp="T", **kw)


def diag(*paths: Path):
    return diagnose(read_member_files([str(p) for p in paths]))


def test_three_clean_members_are_healthy(tmp_path: Path):
    files = [write(tmp_path / f"s{i}.db", i, *common_log()) for i in range(3)]
    d = diag(*files)
    assert d.verdict == "healthy" and d.committed_index == 5
    assert [m.condition for m in d.members] == ["clean"] * 3
    assert d.best is not None and d.best.lost == () and d.best.keep_through == 5
    plan = build_plan(d, options(files))
    assert plan.kind == "none" and not plan.executable


def test_advances_commit_index_is_refused_and_replaced_by_a_minority_plan(tmp_path: Path):
    good = [write(tmp_path / f"s{i}.db", i, *common_log()) for i in (0, 2)]
    broken_records = common_log()
    del broken_records[-2]  # entry 5 gone, its commit record kept
    broken = write(tmp_path / "s1.db", 1, *broken_records)
    d = diag(good[0], broken, good[1])
    member = d.member(str(broken))
    assert member.condition == "refused"
    (stop,) = [p for p in member.problems if p.kind == "advances-commit-index"]
    assert stop.message == "record 8 advances commit index to 5 but last log index is 4"
    assert stop.record == 8 and stop.offset == member.file.stopped.offset
    assert d.verdict == "minority-lost"
    assert d.choices[-1].path == str(broken)
    assert [e.index for e in d.choices[-1].lost] == [5]
    assert d.choices[-1].lost[0].comment == "add r5"

    plan = build_plan(d, options([good[0], broken, good[1]]))
    assert plan.kind == "minority"
    actions = [(s.action, s.manual) for s in plan.steps]
    assert actions == [
        ("check-stopped", False),
        ("kick", False),
        ("move-aside", False),
        ("join-file", False),
        ("manual", True),
    ]
    kick, join = plan.steps[1], plan.steps[3]
    assert kick.args["server_id"] == SIDS[1]
    assert join.args == {
        "path": str(broken),
        "name": "Mini",
        "address": ADDRS[1],
        "remotes": [ADDRS[0], ADDRS[2]],
        "cluster_id": header(0)["cluster_id"],
        "server_id": IDS[1],
    }
    assert Plan.from_json(plan.to_json()) == plan


def test_entries_on_a_majority_count_as_committed_without_a_commit_record(tmp_path: Path):
    # Both followers got entries 6 and 7 but their commit records were never written
    # (ovsdb-server writes them after replying); the leader's file is gone.
    log = [*common_log(), entry(6, 1, "r6"), entry(7, 1, "r7")]
    a = write(tmp_path / "s1.db", 1, *log)
    b = write(tmp_path / "s2.db", 2, *log[:-1])
    gone = tmp_path / "s0.db"
    d = diag(gone, a, b)
    assert d.committed_index == 6
    assert "entry 6 is on 2 members" in d.committed_evidence
    assert d.member(str(gone)).condition == "missing"
    assert d.member(str(gone)).sid == SIDS[0]  # inferred: the only configured id without a file
    assert d.verdict == "minority-lost"
    best = d.best
    assert best is not None and best.path == str(a)
    assert (best.keep_through, best.committed_through) == (7, 6)
    assert [e.index for e in best.kept_unproven] == [7]
    assert d.choices[1].path == str(b) and d.choices[1].lost == ()


def test_majority_loss_plan_keeps_uuids_and_every_old_file(tmp_path: Path):
    survivor = write(tmp_path / "s1.db", 1, *common_log(), entry(6, 1, "tail"))
    refused = common_log()
    del refused[-2]
    broken = write(tmp_path / "s2.db", 2, *refused)
    gone = tmp_path / "s0.db"
    paths = [gone, survivor, broken]
    d = diag(*paths)
    assert d.verdict == "majority-lost"
    assert d.best is not None and d.best.path == str(survivor)
    plan = build_plan(
        d, options(paths, addresses=("tcp:10.0.0.1:6643", "tcp:10.0.0.2:6643", "tcp:10.0.0.3:6643"))
    )
    ids = [s.id for s in plan.steps]
    assert ids == [
        "check-stopped",
        "aside-2",
        "aside-3",
        "to-standalone",
        "create-cluster",
        "join-file-1",
        "join-file-3",
        "start",
        "reset-clients",
    ]
    create = plan.steps[4].args
    assert create["path"] == str(survivor) and create["address"] == "tcp:10.0.0.2:6643"
    assert create["cluster_id"] == IDS[-1] == plan.cluster_id
    assert plan.steps[3].args["through"] == 6
    assert [e.comment for e in plan.kept_unproven] == ["add tail"]
    assert plan.lost == ()
    assert any("s0.db: missing" in u for u in plan.unreadable)
    committed = build_plan(d, options(paths, committed_only=True))
    assert committed.steps[3].args["through"] == 5
    assert [e.index for e in committed.discarded] == [6]


def test_conflicting_uncommitted_tails_follow_raft_up_to_date_rule(tmp_path: Path):
    base = common_log()
    old = write(tmp_path / "s0.db", 0, *base, entry(6, 1, "old-leader"))
    new = write(tmp_path / "s1.db", 1, *base, {"term": 2, "vote": SIDS[1]}, entry(6, 2, "new"))
    d = diag(old, new)
    assert d.best is not None and d.best.path == str(new)
    assert [e.comment for e in d.best.discarded] == ["add old-leader"]


def test_all_torn_tails_are_restartable_and_majority_mode_picks_the_best(tmp_path: Path):
    files = []
    for i in range(3):
        p = write(tmp_path / f"s{i}.db", i, *common_log(), entry(6, 1, "r6"), commit(6))
        files.append(p)
    # s0 loses its last commit record, s1 its last entry and commit, s2 a commit.
    files[0].write_bytes(files[0].read_bytes()[:-5])
    data = files[1].read_bytes()
    files[1].write_bytes(data[: data.rfind(b"OVSDB CLUSTER", 0, data.rfind(b"OVSDB CLUSTER")) + 30])
    files[2].write_bytes(files[2].read_bytes()[:-3])
    d = diag(*files)
    assert [m.condition for m in d.members] == ["torn-tail"] * 3
    assert d.verdict == "restartable"
    assert d.committed_index == 6  # entry 6 on s0 and s2: a majority
    assert d.best is not None and d.best.path == str(files[0]) and d.best.lost == ()
    assert build_plan(d, options(files)).kind == "none"
    plan = build_plan(d, options(files, mode="majority"))
    assert plan.kind == "majority" and plan.source == str(files[0])


def test_damage_followed_by_intact_records(tmp_path: Path):
    p = write(tmp_path / "s0.db", 0, *common_log(6))
    data = bytearray(p.read_bytes())
    data[data.find(b'"r4"') + 1] ^= 0x01
    p.write_bytes(bytes(data))
    f = read_member_file(str(p))
    condition, why = condition_of(f)
    assert condition == "damaged" and "intact record(s)" in why
    assert [fact.index for fact, _ in f.past_damage] == [5, 6, 7]
    assert f.past_damage[0][1] is not None and f.past_damage[0][1].comment == "add r5"
    assert {d.kind for d in f.damage} >= {"checksum-mismatch", "intact-records-after-damage"}


def test_other_conditions(tmp_path: Path):
    left = write(tmp_path / "left.db", 0, *common_log(), {"note": "left", "comment": "bye"})
    assert condition_of(read_member_file(str(left)))[0] == "left"
    joining = {
        "server_id": SIDS[0],
        "name": "Mini",
        "local_address": ADDRS[0],
        "remote_addresses": [ADDRS[1]],
    }
    j = write(tmp_path / "j.db", 0, hdr=joining)
    assert condition_of(read_member_file(str(j)))[0] == "joining"
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage")
    assert condition_of(read_member_file(str(bad)))[0] == "unreadable"
    standalone = tmp_path / "st.db"
    standalone.write_bytes(b"OVSDB JSON 2 be3c4a8e8bd5cc7b2ab2bbd0342a1ce0c0253db3\n{}")
    assert condition_of(read_member_file(str(standalone)))[0] == "unreadable"


def test_files_of_different_clusters_are_refused(tmp_path: Path):
    a = write(tmp_path / "a.db", 0, *common_log())
    other = header(1, cid="cccccccc-0000-4000-8000-000000000002")
    b = write(tmp_path / "b.db", 1, *common_log(), hdr=other)
    d = diag(a, b)
    assert d.verdict == "inconsistent"
    assert build_plan(d, options([a, b])).kind == "refused"


def test_minority_mode_on_a_majority_loss_is_a_usage_error(tmp_path: Path):
    survivor = write(tmp_path / "s1.db", 1, *common_log())
    d = diag(tmp_path / "x.db", survivor, tmp_path / "y.db")
    assert d.verdict == "majority-lost"
    with pytest.raises(UsageError, match="minority recovery needs"):
        build_plan(d, options([tmp_path / "x.db", survivor, tmp_path / "y.db"], mode="minority"))
    with pytest.raises(UsageError, match="address"):
        build_plan(d, options([tmp_path / "x.db", survivor, tmp_path / "y.db"]))


def test_only_the_broken_file_given(tmp_path: Path):
    """On the broken member's node the other files are elsewhere: never rebuild by default."""
    records = common_log()
    del records[-2]
    broken = write(tmp_path / "s1.db", 1, *records)
    d = diag(broken)
    assert d.verdict == "majority-lost" and len(d.absent) == 2
    refused = build_plan(d, options([broken]))
    assert refused.kind == "refused" and "--mode minority" in refused.reason
    plan = build_plan(d, options([broken], mode="minority"))
    assert plan.kind == "minority"
    assert [s.action for s in plan.steps][:4] == [
        "check-stopped",
        "kick",
        "move-aside",
        "join-file",
    ]
    assert plan.steps[3].args["remotes"] == [ADDRS[0], ADDRS[2]]


def test_two_copies_of_one_member_are_not_a_majority(tmp_path: Path):
    log = [*common_log(), entry(6, 1, "only-on-s1")]
    a = write(tmp_path / "s1.db", 1, *log)
    copy = write(tmp_path / "s1-copy.db", 1, *log)
    files = read_member_files([str(a), str(copy)])
    assert diagnose(files).verdict == "inconsistent"
    from ovsdb_backup.cluster.diagnose import _committed

    assert _committed(list(files), 2).index == 5  # entry 6 is on one member, twice
