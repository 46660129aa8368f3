"""Point-in-time restore on a 3-member cluster while ``stream`` runs (real servers)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from ovsdb_backup.repo.layout import open_repository
from ovsdb_backup.repo.pitr import NotRestorable, restore_point
from ovsdb_backup.sandbox.client import snapshot_rows, transact
from ovsdb_backup.sandbox.cluster import Cluster
from ovsdb_backup.sandbox.servers import start_standalone
from tests.support.contents import assert_same_tables, decode_rows, file_db, live_tables
from tests.support.stream import Agent, now_ms

NB = "OVN_Northbound"


def _insert_switch(remotes: str, name: str) -> None:
    row = {"name": name, "external_ids": ["map", [["step", name]]]}
    transact(remotes, [NB, {"op": "insert", "table": "Logical_Switch", "row": row}])


def test_restore_between_t2_and_t3_equals_a_snapshot_taken_then(
    nb_cluster: Cluster, tmp_path: Path
) -> None:
    remotes = nb_cluster.remotes()
    repo = tmp_path / "repo"
    with Agent(repo, [remotes], [NB], "--heartbeat", "0.2s") as agent:
        agent.wait_following(NB)
        _insert_switch(remotes, "t1")  # t1
        time.sleep(0.3)
        transact(  # t2: a map diff and a delete in one transaction
            remotes,
            [
                NB,
                {
                    "op": "mutate",
                    "table": "Logical_Switch",
                    "where": [["name", "==", "t1"]],
                    "mutations": [["external_ids", "insert", ["map", [["more", "x"]]]]],
                },
                {"op": "delete", "table": "Address_Set", "where": []},
            ],
        )
        time.sleep(0.4)
        moment = now_ms()
        snapshot = snapshot_rows(remotes, NB)  # what the cluster holds at that moment
        time.sleep(0.4)
        _insert_switch(remotes, "t3")  # t3
        agent.wait_covered(NB, now_ms())
        point = restore_point(open_repository(repo), NB, to_time_ms=moment)
        assert_same_tables(point.db.tables, decode_rows(point.db.schema, snapshot))
        names = {r.get("name") for r in point.db.tables["Logical_Switch"].values()}
        assert "t1" in names and "t3" not in names
        # The newest state is the live one, UUIDs included.
        newest = restore_point(open_repository(repo), NB)
        assert_same_tables(newest.db.tables, live_tables(remotes, newest.db.schema))
        assert agent.stop() == 0


def test_a_segment_is_a_database_ovsdb_server_opens(nb_cluster: Cluster, tmp_path: Path) -> None:
    remotes = nb_cluster.remotes()
    repo = tmp_path / "repo"
    with Agent(repo, [remotes], [NB]) as agent:
        agent.wait_following(NB)
        for i in range(3):
            _insert_switch(remotes, f"s{i}")
        transact(
            remotes,
            [NB, {"op": "delete", "table": "Logical_Switch", "where": [["name", "==", "s1"]]}],
        )
        agent.wait("the last change", lambda: _has_records(agent, 6))
        assert agent.stop() == 0
    segment = agent.segments(NB)[-1]
    # db show-log lists it, with each record's transaction id and time.
    log = subprocess.run(
        [sys.executable, "-m", "ovsdb_backup", "db", "show-log", "--json", str(segment)],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout.splitlines()  # fmt: skip
    entries = [orjson.loads(line) for line in log]
    comments = [e.get("comment", "") for e in entries[1:]]
    assert comments[0].startswith("ovsdb-backup stream base txn=")
    assert all(re.search(r"txn=[0-9a-f-]{36}", c) for c in comments)
    assert all("date_ms" in e for e in entries[1:])
    copy = tmp_path / "copy.db"
    shutil.copy(segment, copy)
    server = start_standalone(tmp_path / "served", copy, name="seg")
    try:
        served = live_tables(server.remote, file_db(segment).schema)
    finally:
        server.stop()
    assert_same_tables(served, live_tables(remotes, file_db(segment).schema))


def _has_records(agent: Agent, n: int) -> bool:
    info = agent.newest(NB)
    return info is not None and info.records >= n


def test_times_outside_the_stream_are_refused(nb_cluster: Cluster, tmp_path: Path) -> None:
    remotes = nb_cluster.remotes()
    repo = tmp_path / "repo"
    with Agent(repo, [remotes], [NB], "--heartbeat", "0.2s") as agent:
        info = agent.wait_following(NB)
        assert agent.stop() == 0
    repository = open_repository(repo)
    assert info.base is not None and info.base.date_ms is not None
    with pytest.raises(NotRestorable, match="before the stream begins"):
        restore_point(repository, NB, to_time_ms=info.base.date_ms - 1000)
    with pytest.raises(NotRestorable, match="after the newest record"):
        restore_point(repository, NB, to_time_ms=now_ms() + 60_000)
