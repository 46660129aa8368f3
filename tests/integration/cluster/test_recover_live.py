"""Recovery on real 3-member clusters: the issue's "must show" scenarios.

Each test damages member files the way the field reports describe, diagnoses them
with ``ovsdb-backup``, carries the plan out, starts real servers on the result and
compares the rows they serve with what the cluster had committed before.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.cluster.diagnose import diagnose
from ovsdb_backup.cluster.files import read_member_files
from ovsdb_backup.errors import ToolError
from ovsdb_backup.sandbox.client import snapshot_rows
from ovsdb_backup.sandbox.cluster import Cluster, start_cluster_from_files
from ovsdb_backup.sandbox.tools import find_tools, free_loopback_ports, run_tool
from tests.integration.cluster.conftest import DB, report, start_member, wait_report
from tests.support.raft_files import drop_entry_keep_commit, records, tear_tail


def nbctl(remote: str, *args: str) -> None:
    run_tool([find_tools().ovn_nbctl, f"--db={remote}", "--timeout=10", *args])


def check_cluster(paths: list[Path]) -> str:
    """What ``ovsdb-tool check-cluster`` says (the reference for our messages)."""
    try:
        return run_tool([find_tools().ovsdb_tool, "check-cluster", *map(str, paths)])
    except ToolError as exc:
        return exc.stderr or exc.message


def names(rows) -> set[str]:
    return {r["name"] for r in rows.get("Logical_Switch", {}).values()}


def test_minority_recovery_of_a_member_whose_entry_vanished(
    nb_cluster: Cluster, capsys: pytest.CaptureFixture[str]
):
    """ "record N advances commit index to X but last log index is Y" (Kube-OVN's guide)."""
    leader = nb_cluster.wait_for_leader()
    before = snapshot_rows(nb_cluster.remotes(), DB)
    broken = next(s for s in nb_cluster.servers if s is not leader)
    index = nb_cluster.servers.index(broken)
    broken.stop()
    path = broken.db_paths[0]
    dropped = drop_entry_keep_commit(path)

    # Diagnosed precisely: the message ovsdb-tool prints, with record and offset.
    expected = (
        f"record {dropped.commit_record} advances commit index to {dropped.commit_index} "
        f"but last log index is {dropped.last_index}"
    )
    assert expected in check_cluster([path])
    d = diagnose(read_member_files([str(p) for p in nb_cluster.member_files]))
    member = d.member(str(path))
    assert member.condition == "refused" and d.verdict == "minority-lost"
    (problem,) = [p for p in member.problems if p.kind == "advances-commit-index"]
    assert problem.message == expected and problem.record == dropped.commit_record
    commit_frame = records(path)[dropped.commit_record].frame
    assert problem.offset == commit_frame.offset

    # Recover on the broken member's node, where only its own file is at hand: kick
    # through the running members, keep the file aside, write a join file.
    live = [s for s in nb_cluster.servers if s is not broken]
    args = ["cluster", "recover", str(path), "--mode", "minority"]
    for s in live:
        args += ["--ctl", str(s.ctl)]
    assert main([*args, "--execute", "--yes", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["plan"]["kind"] == "minority" and result["execution"]["complete"]
    kicked = next(s for s in result["execution"]["steps"] if s["id"].startswith("kick"))
    assert kicked["status"] == "done" and "removed from the cluster" in kicked["detail"]
    asides = list(path.parent.glob(f"{path.name}.pre-recovery-*"))
    assert len(asides) == 1 and records(asides[0])  # the old file is kept, untouched

    # Start the member on its new join file: back to three healthy members.
    start_member(nb_cluster, index, path, broken.raft_address or "")
    r = wait_report(nb_cluster, lambda r: r.healthy, timeout=20)
    assert r.config_size == 3 and all(m.state == "ok" for m in r.members)
    assert snapshot_rows(nb_cluster.servers[index].remote, DB) == before
    assert snapshot_rows(nb_cluster.remotes(), DB) == before


def test_majority_loss_recovers_from_the_surviving_file(
    nb_cluster: Cluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    leader = nb_cluster.wait_for_leader()
    survivor, other = [s for s in nb_cluster.servers if s is not leader]
    time.sleep(0.3)  # let the survivor learn the last commit index
    committed_on_survivor = snapshot_rows(nb_cluster.remotes(), DB)
    survivor.kill(signal.SIGKILL)  # goes down first: its file is intact
    for name in ("lost-1", "lost-2"):  # committed by the two others only
        nbctl(f"{leader.remote},{other.remote}", "ls-add", name)
    leader.kill(signal.SIGKILL)
    other.kill(signal.SIGKILL)
    for s in nb_cluster.servers:
        s.stop()
    os.unlink(other.db_paths[0])  # deleted
    damaged = leader.db_paths[0]  # one byte flipped in the middle
    middle = records(damaged)[len(records(damaged)) // 2].frame
    data = bytearray(damaged.read_bytes())
    data[middle.body_offset + 3] ^= 0x20
    damaged.write_bytes(bytes(data))

    files = [str(p) for p in nb_cluster.member_files]
    addresses = [f"tcp:127.0.0.1:{p}" for p in free_loopback_ports(3)]
    args = ["cluster", "recover", *files]
    for a in addresses:
        args += ["--address", a]
    assert main([*args, "--json"]) == 1  # the plan only
    plan = json.loads(capsys.readouterr().out)["plan"]
    assert plan["kind"] == "majority" and plan["source"] == str(survivor.db_paths[0])
    assert plan["lost_committed"] == []
    lost = [e["comment"] for e in plan["past_damage_not_recovered"]]
    assert any("ls-add lost-1" in c for c in lost) and any("ls-add lost-2" in c for c in lost)
    assert any("missing" in u for u in plan["unreadable"])
    assert "nb-cluster-state-reset" in " ".join(plan["client_resets"])

    assert main([*args, "--execute", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "[create-cluster] done" in out and "TO DO BY HAND" in out
    journal = json.loads(Path(f"{files[0]}.recovery-journal").read_text().splitlines()[0])
    plan = journal["plan"]  # the ids are fixed when the journal is created
    new = start_cluster_from_files(tmp_path / "new", nb_cluster.member_files, addresses, name="new")
    try:
        rows = snapshot_rows(new.remotes(), DB)
        assert rows == committed_on_survivor  # UUIDs kept, every committed row
        assert not {"lost-1", "lost-2"} & names(rows)
        assert new.cid == plan["cluster_id"]
        r = wait_report(new, lambda r: r.healthy)
        assert r.config_size == 3
    finally:
        new.stop_all()
    # Every old file is kept aside, unchanged.
    kept = sorted(p.name for p in damaged.parent.glob("*.pre-recovery-*"))
    assert len(kept) == 2


CRASHER = """
import os, signal, sys
from ovsdb_backup.cluster import recover
from ovsdb_backup.cluster.execute import execute

files, addresses, crash_after = sys.argv[1:4], sys.argv[4:7], sys.argv[7]
options = recover.fresh_options(files, addresses=addresses, mode="majority")
planned = recover.plan_recovery(files, options)
journal = recover.start(planned.plan)

def crash(step):
    if step.id == crash_after:
        os.kill(os.getpid(), signal.SIGKILL)  # no clean-up, no journal line after this

execute(journal, after_step=crash)
"""


def test_power_loss_tears_every_file_then_interrupted_recovery_resumes(
    nb_cluster: Cluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    leader = nb_cluster.wait_for_leader()
    lagging = next(s for s in nb_cluster.servers if s is not leader)
    lagging.pause()  # it will miss the last transaction
    others = ",".join(s.remote for s in nb_cluster.servers if s is not lagging)
    nbctl(others, "ls-add", "after-pause")
    time.sleep(0.5)  # the other follower learns the commit index
    committed = snapshot_rows(others, DB)
    assert "after-pause" in names(committed)
    for s in nb_cluster.servers:
        s.kill(signal.SIGKILL)  # power loss: every member at once
    for s in nb_cluster.servers:
        s.stop()
    for path in nb_cluster.member_files:
        tear_tail(path)  # each file ends inside its last record

    files = [str(p) for p in nb_cluster.member_files]
    d = diagnose(read_member_files(files))
    assert [m.condition for m in d.members] == ["torn-tail"] * 3
    assert d.verdict == "restartable"
    best = d.best
    assert best is not None and best.lost == ()
    assert best.path != str(lagging.db_paths[0])
    lagging_choice = next(c for c in d.choices if c.path == str(lagging.db_paths[0]))
    assert any("after-pause" in (e.comment or "") for e in lagging_choice.lost)

    # The verdict holds: servers started on copies of the torn files form the cluster.
    copies = []
    for i, p in enumerate(nb_cluster.member_files):
        copies.append(tmp_path / "copies" / f"c{i}.db")
        copies[-1].parent.mkdir(exist_ok=True)
        shutil.copy(p, copies[-1])
    addrs = [f"tcp:127.0.0.1:{p}" for p in free_loopback_ports(3)]
    restarted = start_cluster_from_files(
        tmp_path / "restart",
        copies,
        [s.raft_address or "" for s in nb_cluster.servers],
        name="restart",
    )
    try:
        assert snapshot_rows(restarted.remotes(), DB) == committed
    finally:
        restarted.stop_all()

    # Rebuild anyway (--mode majority), killed between two steps, then resumed.
    child = subprocess.run(
        [sys.executable, "-c", CRASHER, *files, *addrs, "to-standalone"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    journal = Path(f"{files[0]}.recovery-journal")
    assert '"done","step":"to-standalone"' in journal.read_text().replace(" ", "")
    assert main(["cluster", "recover", *files, "--resume", "--execute", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    statuses = {s["id"]: s["status"] for s in result["execution"]["steps"]}
    assert statuses["to-standalone"] == "already-done"
    assert statuses["create-cluster"] == "done" and result["execution"]["complete"]
    assert result["plan"]["source"] == best.path
    # Resuming a finished recovery changes nothing.
    assert main(["cluster", "recover", *files, "--resume", "--execute", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert {s["status"] for s in again["execution"]["steps"]} <= {"already-done", "manual"}

    new = start_cluster_from_files(tmp_path / "new", nb_cluster.member_files, addrs, name="new")
    try:
        assert snapshot_rows(new.remotes(), DB) == committed
        assert report(new).healthy or wait_report(new, lambda r: r.healthy)
    finally:
        new.stop_all()
