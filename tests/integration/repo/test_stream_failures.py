"""The stream agent through failures, on real servers: a killed leader, a killed agent,
a history that moved on (a gap), and the records checked against the Raft log."""

from __future__ import annotations

import copy
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from ovsdb_backup.errors import ToolError
from ovsdb_backup.formats import clustered
from ovsdb_backup.formats.dbfile import open_db_file
from ovsdb_backup.formats.records import Defect, scan
from ovsdb_backup.formats.standalone import iter_transactions, read_schema_record
from ovsdb_backup.model.database import Database
from ovsdb_backup.repo.layout import open_repository
from ovsdb_backup.repo.pitr import NotRestorable, restore_point
from ovsdb_backup.repo.segment import parse_comment
from ovsdb_backup.sandbox.client import transact
from ovsdb_backup.sandbox.cluster import Cluster
from tests.support.contents import assert_same_tables, live_tables
from tests.support.stream import Agent, now_ms

NB = "OVN_Northbound"


class Writer(threading.Thread):
    """Inserts switches w-0, w-1, … one transaction each; remembers which were acked."""

    def __init__(self, remotes: str, count: int, pause: float = 0.0) -> None:
        super().__init__(daemon=True)
        self.remotes, self.count, self.pause = remotes, count, pause
        self.acked: list[str] = []
        self.failed: list[str] = []
        self.done_count = 0

    def run(self) -> None:
        for i in range(self.count):
            name = f"w-{i}"
            op = {"op": "insert", "table": "Logical_Switch", "row": {"name": name}}
            try:
                transact(self.remotes, [NB, op], timeout=15)
                self.acked.append(name)
            except ToolError:
                self.failed.append(name)  # may or may not have committed
            self.done_count = i + 1
            time.sleep(self.pause)

    def wait_for(self, n: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while self.done_count < n:
            assert time.monotonic() < deadline, f"writer stuck at {self.done_count}"
            time.sleep(0.01)


def raft_states(member_file: Path) -> tuple[list[str], dict[str, Any]]:
    """Every entry's eid in log order, and the contents right after each, from a member."""
    order: list[str] = []
    states: dict[str, Any] = {}
    original = clustered._ContentSink.apply

    def apply(self: Any, entry: Any, data: Any) -> None:
        original(self, entry, data)
        if data is not None and entry.eid and self.replay.db is not None:
            order.append(entry.eid)
            states[entry.eid] = copy.deepcopy(self.replay.db.tables)

    clustered._ContentSink.apply = apply  # type: ignore[method-assign]
    try:
        with open_db_file(str(member_file)) as f:
            clustered.replay_clustered(f.buf, include_uncommitted=True, accept_torn_tail=True)
    finally:
        clustered._ContentSink.apply = original  # type: ignore[method-assign]
    return order, states


def segment_states(segments: list[Path]) -> list[tuple[str | None, str, Any]]:
    """(txn, kind, contents after the record) for every record of the segments."""
    out: list[tuple[str | None, str, Any]] = []
    for path in segments:
        with open_db_file(str(path)) as f:
            schema, _ = read_schema_record(next(scan(f.buf)), str(path))
            db = Database(schema)
            for item in iter_transactions(f.buf, strict=False):
                if isinstance(item, Defect):
                    assert item.is_torn_tail, item.message
                    break
                _frame, txn = item
                db.apply_txn(txn)
                mark = parse_comment(txn.get("_comment"))
                assert mark is not None
                out.append((mark.txn, mark.kind, copy.deepcopy(db.tables)))
    return out


def test_killed_leader_and_killed_agent_lose_and_repeat_nothing(
    nb_cluster: Cluster, tmp_path: Path
) -> None:
    remotes = nb_cluster.remotes()
    repo = tmp_path / "repo"
    agent = Agent(repo, [remotes], [NB], "--heartbeat", "0.5s").start()
    try:
        agent.wait_following(NB)
        writer = Writer(remotes, 120, pause=0.01)
        writer.start()
        writer.wait_for(30)
        leader = nb_cluster.wait_for_leader()
        leader.kill()  # SIGKILL: its connections reset, a new leader is elected
        nb_cluster.wait_for_leader(exclude=[leader])
        writer.wait_for(60)
        agent.kill()  # SIGKILL mid-stream: at worst a torn last record
        time.sleep(0.5)
        agent.start()
        writer.join(120)
        assert not writer.is_alive()
        agent.wait_covered(NB, now_ms(), timeout=60)
        assert agent.stop() == 0
    finally:
        agent.stop(timeout=5)
    segments = agent.segments(NB)
    assert len(segments) == 1, "a resumable stream must continue in the same segment"
    assert agent.coverage(NB).gaps == []

    # 1. The end state is the live one, UUIDs included; every acked write is in it.
    newest = restore_point(open_repository(repo), NB)
    assert_same_tables(newest.db.tables, live_tables(remotes, newest.db.schema))
    names = {r.get("name") for r in newest.db.tables["Logical_Switch"].values()}
    assert set(writer.acked) <= names

    # 2. The records' transaction ids follow the Raft log, none twice, and after each
    #    record the contents are exactly the cluster's after that entry.
    survivor = next(s for s in nb_cluster.servers if s is not leader)
    order, states = raft_states(survivor.db_paths[0])
    position = {eid: i for i, eid in enumerate(order)}
    seen: list[str] = []
    for txn, kind, tables in segment_states(segments):
        assert txn is not None
        if kind == "txn":
            assert txn not in seen, f"transaction {txn} recorded twice"
            seen.append(txn)
        assert_same_tables(tables, states[txn])
    positions = [position[t] for t in seen]
    assert positions == sorted(positions)
    # Every transaction of the writer is covered by some record (merged or not).
    assert position[seen[-1]] == len(order) - 1


def test_history_moved_on_gives_a_gap_and_times_inside_it_are_refused(
    nb_cluster: Cluster, tmp_path: Path
) -> None:
    remotes = nb_cluster.remotes()
    repo = tmp_path / "repo"
    with Agent(repo, [remotes], [NB], "--heartbeat", "0.2s") as agent:
        agent.wait_following(NB)
        assert agent.stop() == 0
    stopped_at = now_ms()
    Writer(remotes, 130).run()  # more than the ~100 transactions of history
    inside = now_ms()
    time.sleep(0.2)
    with Agent(repo, [remotes], [NB], "--heartbeat", "0.2s") as agent:
        agent.wait("a second segment", lambda: len(agent.segments(NB)) == 2)
        agent.wait_following(NB)
        cov = agent.wait_covered(NB, now_ms())
        assert agent.stop() == 0
    assert len(cov.gaps) == 1
    gap = cov.gaps[0]
    assert gap.start_ms is not None and gap.end_ms is not None
    assert gap.start_ms <= stopped_at < inside < gap.end_ms
    assert "history" in gap.reason
    repository = open_repository(repo)
    with pytest.raises(NotRestorable, match="gap"):
        restore_point(repository, NB, to_time_ms=inside)
    # Either side of the gap is fine, and the new base equals the live contents.
    restore_point(repository, NB, to_time_ms=gap.start_ms)
    after = restore_point(repository, NB, to_time_ms=gap.end_ms)
    assert_same_tables(after.db.tables, live_tables(remotes, after.db.schema))
    # The CLI says why, with exit code 3.
    run = subprocess.run(
        [sys.executable, "-m", "ovsdb_backup", "restore", "--repo", str(repo), "--db", NB,
         "--to-time", str(inside / 1000), "--to-file", str(tmp_path / "x.db")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert run.returncode == 3, run.stderr
    assert "falls in a gap" in run.stderr
    assert not (tmp_path / "x.db").exists()
