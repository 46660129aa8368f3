"""Online snapshots from real servers of every service model.

Each snapshot is written as a standalone file, opened by a real ovsdb-server,
and compared row by row (UUIDs included) with the live contents.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
from pathlib import Path

import pytest

from ovsdb_backup.errors import ServerError
from ovsdb_backup.ops.snapshot import Snapshot, take_snapshot
from ovsdb_backup.protocol import RolePolicy, parse_remotes
from ovsdb_backup.sandbox.client import transact
from ovsdb_backup.sandbox.cluster import Cluster
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_standalone
from tests.support.contents import assert_same_tables, file_db, live_tables
from tests.support.servers import ActiveBackup, RelaySetup, eventually, server_row

NB = "OVN_Northbound"


def snapshot(remotes: str, workdir: Path, **kwargs) -> Snapshot:
    return asyncio.run(take_snapshot(parse_remotes(remotes), NB, workdir, **kwargs))


def served_tables(snap: Snapshot, tmp_path: Path, name: str) -> dict:
    """Write the snapshot, let a real ovsdb-server open it, and read what it serves."""
    path = tmp_path / f"{name}.db"
    snap.write_to(str(path))
    snap.discard()
    server = start_standalone(tmp_path / f"serve-{name}", path, name=name, tcp=False)
    try:
        return live_tables(server.remote, file_db(path).schema)
    finally:
        server.stop()


def test_standalone_snapshot_is_served_with_the_live_contents(
    standalone_nb: OvsdbServer, tmp_path: Path
):
    schema = file_db(standalone_nb.db_paths[0]).schema
    live = live_tables(standalone_nb.remote, schema)
    snap = snapshot(standalone_nb.remote, tmp_path)
    assert snap.server.model == "standalone" and snap.last_txn_id is None
    assert snap.rows == {t: len(r) for t, r in live.items() if r}
    assert_same_tables(served_tables(snap, tmp_path, "standalone"), live)


def test_cluster_snapshot_from_the_leader(nb_cluster: Cluster, tmp_path: Path):
    leader = nb_cluster.wait_until_settled()
    snap = snapshot(nb_cluster.remotes(), tmp_path)
    assert snap.remote == leader.remote
    assert snap.server.model == "clustered" and snap.server.leader
    assert snap.raft_index is not None and snap.last_txn_id is not None
    assert snap.server.cid == nb_cluster.cid
    schema = file_db(leader.db_paths[0]).schema
    live = live_tables(leader.remote, schema)
    assert_same_tables(served_tables(snap, tmp_path, "cluster"), live)


def test_relay_and_active_backup_snapshots(
    relay_nb: RelaySetup, active_backup_nb: ActiveBackup, tmp_path: Path
):
    relay_snap = snapshot(relay_nb.relay.remote, tmp_path, role=RolePolicy.PREFER_FOLLOWER)
    assert relay_snap.server.model == "relay"
    schema = file_db(relay_nb.source.db_paths[0]).schema
    assert_same_tables(
        served_tables(relay_snap, tmp_path, "relay"), live_tables(relay_nb.source.remote, schema)
    )
    backup_snap = snapshot(active_backup_nb.backup.remote, tmp_path)
    assert_same_tables(
        served_tables(backup_snap, tmp_path, "backup"),
        live_tables(active_backup_nb.active.remote, schema),
    )


def test_member_without_quorum_is_refused(nb_cluster: Cluster, tmp_path: Path):
    leader = nb_cluster.wait_until_settled()
    survivor = next(s for s in nb_cluster.servers if s is not leader)
    for server in nb_cluster.servers:
        if server is not survivor:
            server.stop()
    # A follower notices the lost majority only after an election timeout.
    eventually(lambda: server_row(survivor)["connected"] is False, timeout=20)
    with pytest.raises(ServerError, match=r"connected: false|lost|quorum"):
        snapshot(survivor.remote, tmp_path, role=RolePolicy.PREFER_LEADER)
    assert not list(tmp_path.glob(".*.part"))


def test_lower_index_than_already_seen_is_refused(nb_cluster: Cluster, tmp_path: Path):
    leader = nb_cluster.wait_until_settled()
    snap = snapshot(leader.remote, tmp_path)
    assert snap.raft_index_after is not None
    with pytest.raises(ServerError, match=r"stale|index"):
        snapshot(leader.remote, tmp_path, min_index=snap.raft_index_after + 1000)
    snap.discard()


def _writer(remote: str, stop: threading.Event, done: list[int]) -> None:
    """Commit transactions in a loop; each adds a switch holding one new port."""
    n = 0
    while not stop.is_set():
        n += 1
        transact(
            remote,
            [
                NB,
                {
                    "op": "insert",
                    "table": "Logical_Switch_Port",
                    "row": {"name": f"w-{n}"},
                    "uuid-name": "p",
                },
                {
                    "op": "insert",
                    "table": "Logical_Switch",
                    "row": {"name": f"w-{n}", "ports": ["named-uuid", "p"]},
                },
            ],
        )
        done.append(n)


def test_writes_during_the_snapshot_never_make_it_inconsistent(
    standalone_nb: OvsdbServer, tmp_path: Path
):
    stop, done = threading.Event(), list[int]()
    writer = threading.Thread(target=_writer, args=(standalone_nb.remote, stop, done))
    writer.start()
    try:
        while len(done) < 5:
            time.sleep(0.01)
        snaps = [snapshot(standalone_nb.remote, tmp_path) for _ in range(3)]
    finally:
        stop.set()
        writer.join()
    for i, snap in enumerate(snaps):
        path = tmp_path / f"during-{i}.db"
        snap.write_to(str(path))
        snap.discard()
        db = file_db(path)
        assert db.integrity_problems() == []
        switches = {
            r["name"] for r in db.tables["Logical_Switch"].values() if r["name"].startswith("w-")
        }
        ports = {
            r["name"]
            for r in db.tables["Logical_Switch_Port"].values()
            if r["name"].startswith("w-")
        }
        assert switches == ports and switches  # one point in time: pairs complete
        assert len(switches) >= 5


def test_leader_killed_during_the_snapshot(nb_cluster: Cluster, tmp_path: Path):
    leader = nb_cluster.wait_until_settled()
    # Enough rows that the reply takes a while to stream.
    ops = [
        {
            "op": "insert",
            "table": "Address_Set",
            "row": {
                "name": f"big-{i}",
                "addresses": ["set", [f"10.{i}.{j // 250}.{j % 250}" for j in range(400)]],
            },
        }
        for i in range(150)
    ]
    for start in range(0, len(ops), 10):  # small batches: argv has a size limit
        transact(leader.remote, [NB, *ops[start : start + 10]], timeout=60)
    killed: list[str] = []

    def kill_leader_once(done: int, total: int | None) -> None:
        if not killed:
            killed.append(leader.remote)
            leader.kill()

    snap = snapshot(nb_cluster.remotes(), tmp_path, progress=kill_leader_once)
    assert killed
    assert snap.remote != leader.remote
    assert snap.attempts, "the first attempt must have failed and been reported"
    new_leader = nb_cluster.wait_for_leader(exclude=[leader])
    schema = file_db(new_leader.db_paths[0]).schema
    assert_same_tables(
        served_tables(snap, tmp_path, "after-kill"), live_tables(new_leader.remote, schema)
    )
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert shutil.which("ovsdb-server")
