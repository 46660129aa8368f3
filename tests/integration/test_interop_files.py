"""Interoperability with the real Open vSwitch 3.1 programs, in both directions.

* Files written by a real ovsdb-server (standalone with churn, a cluster with a
  leader change and a truncated uncommitted entry, a compacted member, an online
  schema conversion) are read by us and equal the live contents row by row,
  UUIDs included.
* Files we write (compact, cluster-to-standalone, create-cluster, join-cluster)
  are opened by real ovsdb-server / ovsdb-tool and serve the same data.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ovsdb_backup.cli.main import main as cli
from ovsdb_backup.formats.clustered import replay_clustered
from ovsdb_backup.formats.dbfile import open_db_file
from ovsdb_backup.ops.cluster_to_standalone import cluster_to_standalone
from ovsdb_backup.ops.history import LogFilter, read_log
from ovsdb_backup.sandbox.client import transact
from ovsdb_backup.sandbox.cluster import Cluster, start_cluster_from_files
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_standalone
from ovsdb_backup.sandbox.tools import free_loopback_ports
from tests.support.contents import (
    assert_same_tables,
    file_db,
    live_tables,
    ovsdb_tool_rows,
)


def nbctl(remote: str, *args: str, timeout: int = 10, check: bool = True) -> str:
    result = subprocess.run(
        ["ovn-nbctl", f"--db={remote}", "--no-leader-only", f"--timeout={timeout}", *args],
        capture_output=True,
        text=True,
        timeout=timeout + 5,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"ovn-nbctl {args} failed: {result.stderr}")
    return result.stdout


def wait_caught_up(cluster: Cluster, leader: OvsdbServer) -> None:
    """Every running member has applied everything the leader committed."""
    import time

    def log_end(text: str) -> int:
        line = next(x for x in text.splitlines() if x.startswith("Log:"))
        return int(line.split(",")[1].strip(" ]"))

    deadline = time.monotonic() + 20
    target = log_end(cluster.status(leader))
    while time.monotonic() < deadline:
        texts = [cluster.status(s) for s in cluster.running()]
        if all(
            log_end(t) >= target and "not yet committed: 0" in t and "not yet applied: 0" in t
            for t in texts
        ):
            return
        time.sleep(0.1)
    raise AssertionError("members did not catch up with the leader")


def test_standalone_log_with_churn_equals_the_live_server(standalone_nb: OvsdbServer):
    db_file = standalone_nb.db_paths[0]
    schema = file_db(db_file).schema
    live = live_tables(standalone_nb.remote, schema)
    standalone_nb.stop()
    ours = file_db(db_file)
    assert_same_tables(ours.tables, live)
    assert sum(len(r) for r in live.values()) >= 30
    # The log really holds diff records (updates of existing rows) and deletions.
    ops = {c.op for e in read_log(str(db_file), LogFilter(detail=1)) for c in e.changes}
    assert ops == {"insert", "update", "delete"}
    # The sample sets Logical_Router_Port.networks (a min:1 set) with a diff record:
    # ovsdb-tool 3.1.0 reads such rows wrongly; we must match the live server.
    assert live["Logical_Router_Port"], "sample data should have router ports"


def test_cluster_members_equal_the_live_cluster_after_a_leader_change(nb_cluster: Cluster):
    old_leader = nb_cluster.wait_until_settled()
    old_leader.stop()
    new_leader = nb_cluster.wait_for_leader(exclude=[old_leader])
    remotes = ",".join(s.remote for s in nb_cluster.running())
    nbctl(remotes, "ls-add", "after-leader-change")
    nbctl(remotes, "set", "Logical_Switch", "after-leader-change", "other_config:k=v")
    wait_caught_up(nb_cluster, new_leader)
    schema = file_db(new_leader.db_paths[0]).schema
    live = live_tables(new_leader.remote, schema)
    survivors = nb_cluster.running()
    nb_cluster.stop_all()
    for member in survivors:
        assert_same_tables(file_db(member.db_paths[0]).tables, live)
    terms = {replay_term(m.db_paths[0]) for m in survivors}
    assert min(terms) >= 2, "the files should record the new term"


def replay_term(path: Path) -> int:
    with open_db_file(str(path)) as f:
        return replay_clustered(f.buf, path=str(path)).log.term


def test_truncated_uncommitted_entry_is_not_a_phantom_row(tmp_path: Path, nb_cluster: Cluster):
    """The reference's section 1.4 case, where ovsdb-tool emits a row never committed."""
    leader = nb_cluster.wait_until_settled()
    followers = [s for s in nb_cluster.servers if s is not leader]
    for follower in followers:
        follower.stop()
    # The isolated leader appends the entry to its log but can never commit it.
    nbctl(leader.remote, "ls-add", "uncommitted-sw", timeout=2, check=False)
    leader.stop()
    leader_file = leader.db_paths[0]
    with open_db_file(str(leader_file)) as f:
        assert b"uncommitted-sw" in f.buf[:]
    follower_files = [s.db_paths[0] for s in followers]
    majority = start_cluster_from_files(tmp_path / "majority", follower_files, name="maj")
    try:
        nbctl(majority.remotes(), "ls-add", "after-sw")
        rejoined = start_standalone(tmp_path / "rejoin", leader_file, name="old-leader", tcp=False)
        try:
            import time

            deadline = time.monotonic() + 20
            while b"after-sw" not in leader_file.read_bytes():
                assert time.monotonic() < deadline, "old leader never caught up"
                time.sleep(0.1)
            schema = file_db(follower_files[0]).schema
            live = live_tables(majority.servers[0].remote, schema)
            time.sleep(1.5)  # let the old leader record the commit index
        finally:
            rejoined.stop()
    finally:
        majority.stop_all()
    live_names = {r.get("name") for r in live["Logical_Switch"].values()}
    assert "after-sw" in live_names and "uncommitted-sw" not in live_names
    # ovsdb-tool copies every entry it sees: the discarded switch reappears.
    theirs = tmp_path / "theirs.db"
    subprocess.run(
        ["ovsdb-tool", "cluster-to-standalone", str(theirs), str(leader_file)],
        check=True,
        capture_output=True,
    )
    their_names = {r["name"] for r in ovsdb_tool_rows(theirs, schema, "Logical_Switch")}
    assert "uncommitted-sw" in their_names
    # Ours keeps only what the cluster committed: exactly the live contents.
    ours = tmp_path / "ours.db"
    result = cluster_to_standalone(str(leader_file), str(ours))
    assert result.truncated_entries >= 1
    assert_same_tables(file_db(ours).tables, live)
    compacted = tmp_path / "ours-compact.db"
    cluster_to_standalone(str(leader_file), str(compacted), compact=True)
    assert_same_tables(file_db(compacted).tables, live)


def test_compacted_member_with_a_snapshot(nb_cluster: Cluster):
    leader = nb_cluster.wait_until_settled()
    follower = next(s for s in nb_cluster.servers if s is not leader)
    follower.appctl("ovsdb-server/compact", "OVN_Northbound")
    nbctl(nb_cluster.remotes(), "ls-add", "after-compaction")
    wait_caught_up(nb_cluster, leader)
    path = follower.db_paths[0]
    schema = file_db(path).schema
    live = live_tables(leader.remote, schema)
    nb_cluster.stop_all()
    with open_db_file(str(path)) as f:
        replay = replay_clustered(f.buf, path=str(path))
    assert replay.header.prev_index > 1, "compaction should have written a snapshot"
    assert replay.db is not None
    assert_same_tables(replay.db.tables, live)


def converted_schema(nb_schema: Path, tmp_path: Path) -> Path:
    schema = json.loads(nb_schema.read_text())
    schema["version"] = "7.99.0"
    schema["tables"]["Logical_Switch"]["columns"]["research_col"] = {
        "type": {"key": "string", "min": 0, "max": 1}
    }
    path = tmp_path / "nb-research.ovsschema"
    path.write_text(json.dumps(schema))
    return path


@pytest.mark.parametrize("model", ["standalone", "clustered"])
def test_online_schema_conversion(
    model: str, tmp_path: Path, nb_schema: Path, request: pytest.FixtureRequest
):
    new_schema = converted_schema(nb_schema, tmp_path)
    if model == "standalone":
        server: OvsdbServer = request.getfixturevalue("standalone_nb")
        remote, stop, path = server.remote, server.stop, server.db_paths[0]
    else:
        cluster: Cluster = request.getfixturevalue("nb_cluster")
        leader = cluster.wait_until_settled()
        remote, stop, path = cluster.remotes(), cluster.stop_all, leader.db_paths[0]
    subprocess.run(
        ["ovsdb-client", "convert", remote, str(new_schema)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    # ovn-nbctl only knows its built-in schema: write the new column with ovsdb-client.
    row = {"name": "converted-sw", "research_col": "hello"}
    transact(
        remote.split(",")[0] if model == "standalone" else leader.remote,
        ["OVN_Northbound", {"op": "insert", "table": "Logical_Switch", "row": row}],
    )
    if model == "clustered":
        wait_caught_up(cluster, cluster.wait_for_leader())
        live_remote = leader.remote
    else:
        live_remote = remote
    ours_schema = file_db(path).schema
    assert ours_schema.version == "7.99.0"
    live = live_tables(live_remote, ours_schema)
    stop()
    ours = file_db(path)
    assert_same_tables(ours.tables, live)
    values = {r.get("research_col") for r in ours.tables["Logical_Switch"].values()}
    assert "hello" in values


# --- files we write, read by the real tools --------------------------------------


def serve_and_read(tmp_path: Path, db_file: Path, name: str) -> dict:
    copy = tmp_path / f"{name}-served.db"
    shutil.copy(db_file, copy)
    server = start_standalone(tmp_path / name, copy, name=name, tcp=False)
    try:
        schema = file_db(db_file).schema
        return live_tables(server.remote, schema)
    finally:
        server.stop()


def test_our_compaction_is_served_by_ovsdb_server(standalone_nb: OvsdbServer, tmp_path: Path):
    db_file = standalone_nb.db_paths[0]
    schema = file_db(db_file).schema
    live = live_tables(standalone_nb.remote, schema)
    standalone_nb.stop()
    out = tmp_path / "compact.db"
    assert cli(["db", "compact", str(db_file), str(out)]) == 0
    check = subprocess.run(
        ["ovsdb-tool", "show-log", str(out)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stderr
    assert_same_tables(serve_and_read(tmp_path, out, "compact"), live)


def test_our_cluster_to_standalone_is_served_and_equals_the_cluster(
    nb_cluster: Cluster, tmp_path: Path
):
    leader = nb_cluster.wait_until_settled()
    wait_caught_up(nb_cluster, leader)
    follower = next(s for s in nb_cluster.servers if s is not leader)
    schema = file_db(follower.db_paths[0]).schema
    live = live_tables(leader.remote, schema)
    nb_cluster.stop_all()
    for flag in ([], ["--compact"]):
        out = tmp_path / f"c2s{len(flag)}.db"
        assert cli(["db", "cluster-to-standalone", *flag, str(follower.db_paths[0]), str(out)]) == 0
        assert_same_tables(serve_and_read(tmp_path, out, f"c2s{len(flag)}"), live)


def test_cluster_from_our_create_and_join_files_serves_the_data(
    standalone_nb: OvsdbServer, tmp_path: Path
):
    db_file = standalone_nb.db_paths[0]
    schema = file_db(db_file).schema
    live = live_tables(standalone_nb.remote, schema)
    standalone_nb.stop()
    ports = free_loopback_ports(3)
    addresses = [f"tcp:127.0.0.1:{p}" for p in ports]
    files = [tmp_path / f"new-s{i}.db" for i in (1, 2, 3)]
    assert cli(["db", "create-cluster", str(db_file), str(files[0]), addresses[0]]) == 0
    for i in (1, 2):
        assert (
            cli(
                [
                    "db",
                    "join-cluster",
                    str(files[i]),
                    "OVN_Northbound",
                    addresses[i],
                    *addresses[:i],
                ]
            )
            == 0
        )
    cluster = start_cluster_from_files(tmp_path / "new", files, addresses, name="new")
    try:
        leader = cluster.wait_until_settled()
        clustered_schema = schema.with_ephemeral_persisted()
        nbctl(cluster.remotes(), "ls-add", "written-to-new-cluster")
        wait_caught_up(cluster, leader)
        for member in cluster.servers:
            served = live_tables(member.remote, clustered_schema)
            served["Logical_Switch"] = {
                u: r
                for u, r in served["Logical_Switch"].items()
                if r.get("name") != "written-to-new-cluster"
            }
            assert_same_tables(served, live)
    finally:
        cluster.stop_all()


def test_ovsdb_tool_accepts_our_cluster_files(tmp_path: Path, nb_schema: Path):
    created = tmp_path / "c1.db"
    joining = tmp_path / "c2.db"
    assert (
        cli(
            [
                "db",
                "create-cluster",
                "--election-timer",
                "2000",
                str(nb_schema),
                str(created),
                "tcp:127.0.0.1:6643",
            ]
        )
        == 0
    )
    assert (
        cli(
            [
                "db",
                "join-cluster",
                str(joining),
                "OVN_Northbound",
                "tcp:127.0.0.1:6644",
                "tcp:127.0.0.1:6643",
            ]
        )
        == 0
    )
    for args in (
        ["db-name", str(created)],
        ["db-cid", str(created)],
        ["show-log", str(created)],
        ["db-sid", str(joining)],
        ["check-cluster", str(created)],
    ):
        result = subprocess.run(["ovsdb-tool", *args], capture_output=True, text=True, check=False)
        assert result.returncode == 0, (args, result.stderr)
    assert (
        "has not joined"
        in subprocess.run(
            ["ovsdb-tool", "check-cluster", str(created), str(joining)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    )
