"""The real-server machinery itself: start, cluster, relay, active-backup, stop."""

from __future__ import annotations

import signal
import socket
from pathlib import Path

import pytest

from ovsdb_backup.errors import ToolError
from ovsdb_backup.sandbox import cluster as cluster_module
from ovsdb_backup.sandbox import process
from ovsdb_backup.sandbox.client import list_dbs, snapshot_rows, transact
from ovsdb_backup.sandbox.cluster import Cluster, create_cluster, start_cluster_from_files
from ovsdb_backup.sandbox.sample import plan_nb
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_standalone
from ovsdb_backup.sandbox.tools import free_loopback_ports
from tests.support.servers import ActiveBackup, RelaySetup, eventually, server_row

NB = "OVN_Northbound"


def _switch_names(remote: str) -> list[str]:
    rows = transact(remote, [NB, {"op": "select", "table": "Logical_Switch", "where": []}])
    return sorted(row["name"] for row in rows[0]["rows"])


def test_standalone_answers_list_dbs_on_unix_and_tcp(standalone_nb: OvsdbServer) -> None:
    assert standalone_nb.tcp_port is not None
    assert standalone_nb.tcp_remote.startswith("tcp:127.0.0.1:")
    for remote in (standalone_nb.remote, standalone_nb.tcp_remote):
        assert list_dbs(remote) == [NB, "_Server"]
    assert _switch_names(standalone_nb.remote) == sorted(plan_nb().names["switches"])
    assert standalone_nb.appctl("ovsdb-server/list-dbs").split() == [NB, "_Server"]


def test_appctl_error_carries_server_message(standalone_nb: OvsdbServer) -> None:
    with pytest.raises(ToolError, match="not a valid command") as info:
        standalone_nb.appctl("no/such-command")
    assert info.value.returncode == 2


def test_restart_on_existing_file_keeps_data(standalone_nb: OvsdbServer) -> None:
    before = snapshot_rows(standalone_nb.remote, NB)
    standalone_nb.stop()
    again = start_standalone(standalone_nb.workdir, standalone_nb.db_paths[0], name="again")
    try:
        assert snapshot_rows(again.remote, NB) == before
    finally:
        again.stop()


def test_stop_is_idempotent_and_works_on_a_paused_server(tmp_path: Path, nb_schema: Path) -> None:
    server = start_standalone(tmp_path, nb_schema, name="nb", tcp=False)
    server.pause()
    assert server.is_running()
    assert process.is_stopped(server.pid)
    server.stop(timeout=5)  # SIGTERM alone would wait forever on a stopped process
    assert not server.is_running()
    assert not process.is_alive(server.pid)
    assert server not in process.started()
    assert not server.unix_socket.exists()
    server.stop()  # again: no error


def test_long_workdir_puts_sockets_in_a_short_directory(tmp_path: Path, nb_schema: Path) -> None:
    workdir = tmp_path / ("d" * 120)
    server = start_standalone(workdir, nb_schema, name="nb", tcp=False)
    try:
        assert len(str(server.unix_socket)) <= 100
        assert (workdir / "nb.run").resolve() == server.unix_socket.parent
        assert list_dbs(server.remote) == [NB, "_Server"]
    finally:
        server.stop()
    assert not server.unix_socket.parent.exists()
    assert not (workdir / "nb.run").is_symlink()


def test_start_failure_reports_the_servers_own_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"OVSDB JSON 5 0000000000000000000000000000000000000000\nxxxx\n")
    with pytest.raises(ToolError, match="ovsdb-server") as info:
        start_standalone(tmp_path, bad, name="bad")
    assert "bad.db" in str(info.value)  # the server's stderr is part of the message
    leftovers = [s for s in process.started() if isinstance(s, OvsdbServer)]
    assert not [s for s in leftovers if s.workdir == tmp_path.resolve()]


def test_cluster_has_one_leader_and_every_member_is_connected(nb_cluster: Cluster) -> None:
    leader = nb_cluster.leader()
    assert leader is not None
    rows = {s.name: server_row(s) for s in nb_cluster.servers}
    for row in rows.values():
        assert row["model"] == "clustered"
        assert row["connected"] is True
        assert row["cid"] == ["uuid", nb_cluster.cid]
    assert [name for name, row in rows.items() if row["leader"]] == [leader.name]
    assert "Role: leader" in nb_cluster.status(leader)
    assert len(nb_cluster.member_files) == 3
    assert _switch_names(nb_cluster.remotes()) == sorted(plan_nb().names["switches"])


def test_killing_the_leader_elects_a_new_one(nb_cluster: Cluster) -> None:
    old = nb_cluster.wait_for_leader()
    old.kill(signal.SIGKILL)
    new = nb_cluster.wait_for_leader(timeout=20, exclude=[old])
    assert new is not old
    assert not old.is_running()
    remotes = ",".join(s.remote for s in nb_cluster.servers if s is not old)
    transact(remotes, [NB, {"op": "insert", "table": "Logical_Switch", "row": {"name": "after"}}])
    assert "after" in _switch_names(new.remote)


def test_pausing_the_leader_partitions_it_until_resumed(nb_cluster: Cluster) -> None:
    old = nb_cluster.wait_for_leader()
    old.pause()
    try:
        new = nb_cluster.wait_for_leader(timeout=20, exclude=[old])
        assert new is not old
        assert old not in nb_cluster.running()  # a paused member is never asked
    finally:
        old.resume()
    # Back from the partition the old leader learns of the newer term: the cluster
    # settles again with one leader (usually `new`; a fresh election is legal too).
    leader = nb_cluster.wait_until_settled(timeout=20)
    roles = [nb_cluster.member_status(s).role for s in nb_cluster.servers]
    assert roles.count("leader") == 1
    assert leader in nb_cluster.servers


def test_cluster_restarts_on_its_existing_member_files(nb_cluster: Cluster) -> None:
    before = snapshot_rows(nb_cluster.remotes(), NB)
    cid = nb_cluster.cid
    nb_cluster.stop_all()
    again = start_cluster_from_files(nb_cluster.workdir, nb_cluster.member_files, name="again")
    try:
        assert again.cid == cid
        assert again.wait_for_leader() is not None
        assert snapshot_rows(again.remotes(), NB) == before
    finally:
        again.stop_all()


def test_cluster_retries_when_a_raft_port_is_taken(
    tmp_path: Path, nb_schema: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        calls: list[list[int]] = []

        def ports(count: int) -> list[int]:
            chosen = free_loopback_ports(count)
            calls.append([taken, *chosen[1:]] if not calls else chosen)
            return calls[-1]

        monkeypatch.setattr(cluster_module, "free_loopback_ports", ports)
        cluster = create_cluster(tmp_path, nb_schema, n=1, name="one", tcp=False)
        try:
            assert len(calls) == 2
            assert cluster.servers[0].raft_address != f"tcp:127.0.0.1:{taken}"
            assert cluster.wait_for_leader() is cluster.servers[0]
        finally:
            cluster.stop_all()


def test_relay_serves_the_sources_rows(relay_nb: RelaySetup) -> None:
    row = server_row(relay_nb.relay)
    assert row["model"] == "relay"
    assert row["connected"] is True
    source_rows = snapshot_rows(relay_nb.source.remote, NB)
    assert snapshot_rows(relay_nb.relay.remote, NB) == source_rows
    assert len(source_rows["Logical_Switch_Port"]) > 10
    # Writes through the relay are forwarded to the source.
    transact(
        relay_nb.relay.remote,
        [NB, {"op": "insert", "table": "Logical_Switch", "row": {"name": "via-relay"}}],
    )
    assert "via-relay" in _switch_names(relay_nb.source.remote)


def test_active_backup_backup_serves_the_active_rows(active_backup_nb: ActiveBackup) -> None:
    active, backup = active_backup_nb
    assert snapshot_rows(backup.remote, NB) == snapshot_rows(active.remote, NB)
    status = backup.appctl("ovsdb-server/sync-status")
    assert "state: backup" in status
    assert active.remote in status
    assert "state: active" in active.appctl("ovsdb-server/sync-status")
    with pytest.raises(ToolError, match="read only"):
        transact(
            backup.remote, [NB, {"op": "insert", "table": "Logical_Switch", "row": {"name": "x"}}]
        )
    transact(active.remote, [NB, {"op": "insert", "table": "Logical_Switch", "row": {"name": "y"}}])
    eventually(lambda: "y" in _switch_names(backup.remote))


def test_stop_all_started_stops_what_this_process_started(tmp_path: Path, nb_schema: Path) -> None:
    server = start_standalone(tmp_path, nb_schema, name="nb", tcp=False)
    # Earlier tests in this worker may have left servers they killed in the registry.
    assert server in process.started()
    assert server.pid in process.stop_all_started()
    assert not process.is_alive(server.pid)
    assert process.started() == []
