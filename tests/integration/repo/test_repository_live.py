"""The repository with real servers: backup --repo, a running stream, prune, locks,
check and the views, through the CLI; standalone and relay sources."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import orjson

from ovsdb_backup.repo.layout import open_repository
from ovsdb_backup.repo.locking import FileLock
from ovsdb_backup.repo.pitr import restore_point
from ovsdb_backup.sandbox.client import snapshot_rows, transact, wait_same_rows
from ovsdb_backup.sandbox.cluster import Cluster, start_cluster_from_files
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_relay
from ovsdb_backup.sandbox.tools import free_loopback_ports
from tests.support.contents import assert_same_tables, decode_rows, file_db, live_tables
from tests.support.stream import Agent, now_ms

NB = "OVN_Northbound"


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovsdb_backup", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _switch(remote: str, name: str) -> None:
    transact(remote, [NB, {"op": "insert", "table": "Logical_Switch", "row": {"name": name}}])


def test_prune_under_a_running_stream_and_the_locks(
    standalone_nb: OvsdbServer, tmp_path: Path
) -> None:
    remote = standalone_nb.remote
    repo = tmp_path / "repo"
    for _ in range(3):
        run = cli("backup", "-r", remote, "--repo", str(repo), "--no-progress", "--json")
        assert run.returncode == 0, run.stderr
    with Agent(repo, [remote], [NB], "--heartbeat", "0.2s") as agent:
        agent.wait_following(NB)
        # A second agent for the same database is refused: the stream lock is held.
        second = cli("stream", "-r", remote, "--db", NB, "--repo", str(repo), timeout=30)
        assert second.returncode == 5, second.stderr
        assert "locked by stream agent for OVN_Northbound" in second.stderr
        # While another run holds the repository lock, prune waits, then refuses.
        holder = FileLock(str(repo / "locks" / "repository.lock"), "a test")
        holder.acquire()
        try:
            blocked = cli("prune", "--repo", str(repo), "--keep-last", "1", "--wait", "0.3")
        finally:
            holder.release()
        assert blocked.returncode == 5 and "locked by a test" in blocked.stderr
        # Prune under the running stream: old archives go, the open segment stays.
        pruned = cli("prune", "--repo", str(repo), "--keep-last", "1", "--json")
        assert pruned.returncode == 0, pruned.stderr
        report = orjson.loads(pruned.stdout)
        assert len(report["deleted"]) == 2
        assert all(name.endswith(".tar") for name in report["deleted"])
        assert len(list((repo / "archives").glob("*.tar"))) == 1
        # The agent goes on, undisturbed.
        _switch(remote, "after-prune")
        agent.wait_covered(NB, now_ms())
        point = restore_point(open_repository(repo), NB)
        assert_same_tables(point.db.tables, live_tables(remote, point.db.schema))
        info = cli("info", "--repo", str(repo), "--json")
        data = orjson.loads(info.stdout)["databases"][0]
        assert data["agent_running"] and data["archives"] == 1 and data["gaps"] == []
        check = cli("check", "--repo", str(repo), "--max-age", "1h")
        assert check.returncode == 0, check.stdout
        assert check.stdout.startswith("OVSDB-BACKUP OK - ")
        assert agent.stop() == 0
    check = cli("check", "--repo", str(repo), "--max-age", "1h", "--json")
    assert check.returncode == 1  # WARNING: no agent runs
    assert "no stream agent runs" in orjson.loads(check.stdout)["line"]
    listing = cli("list", "--repo", str(repo))
    assert listing.returncode == 0 and NB in listing.stdout


def test_standalone_reconnection_needs_a_new_base(
    standalone_nb: OvsdbServer, tmp_path: Path
) -> None:
    remote = standalone_nb.remote
    repo = tmp_path / "repo"
    with Agent(repo, [remote], [NB], "--heartbeat", "0.2s") as agent:
        agent.wait_following(NB)
        _switch(remote, "one")
        agent.wait_covered(NB, now_ms())
        assert agent.stop() == 0
    _switch(remote, "while-stopped")
    with Agent(repo, [remote], [NB], "--heartbeat", "0.2s") as agent:
        agent.wait("a new segment", lambda: len(agent.segments(NB)) == 2)
        cov = agent.wait_covered(NB, now_ms())
        assert agent.stop() == 0
    assert len(cov.gaps) == 1 and "no transaction ids" in cov.gaps[0].reason
    point = restore_point(open_repository(repo), NB)
    assert_same_tables(point.db.tables, live_tables(remote, point.db.schema))


def test_stream_through_a_relay_of_a_cluster(nb_cluster: Cluster, tmp_path: Path) -> None:
    relay = start_relay(tmp_path / "relay", nb_cluster.remotes(), NB)
    try:
        wait_same_rows(nb_cluster.remotes(), relay.remote, NB)
        repo = tmp_path / "repo"
        with Agent(repo, [relay.remote], [NB], "--heartbeat", "0.2s") as agent:
            info = agent.wait_following(NB)
            assert info.base is not None and info.base.mark is not None
            assert info.base.mark.fields.get("model") == "relay"
            assert info.base.mark.txn is not None  # a relay of a cluster has the ids
            _switch(nb_cluster.remotes(), "via-relay")
            wait_same_rows(nb_cluster.remotes(), relay.remote, NB)
            time.sleep(0.3)
            agent.wait_covered(NB, now_ms())
            assert agent.stop() == 0
        point = restore_point(open_repository(repo), NB)
        assert_same_tables(point.db.tables, live_tables(nb_cluster.remotes(), point.db.schema))
        assert point.txn is not None
    finally:
        relay.stop()


def test_point_in_time_restore_online_and_to_a_new_cluster(
    standalone_nb: OvsdbServer, tmp_path: Path
) -> None:
    """A bad change is undone online from the stream, UUIDs kept; the same moment also
    becomes a new cluster."""
    remote = standalone_nb.remote
    repo = tmp_path / "repo"
    with Agent(repo, [remote], [NB], "--heartbeat", "0.2s") as agent:
        agent.wait_following(NB)
        _switch(remote, "good")
        time.sleep(0.3)
        moment = now_ms()
        good = snapshot_rows(remote, NB)
        time.sleep(0.3)
        transact(remote, [NB, {"op": "delete", "table": "Logical_Switch", "where": []}])
        agent.wait_covered(NB, now_ms())
        at = str(moment / 1000)
        undo = cli("restore", "--repo", str(repo), "--db", NB, "--to-time", at, "-r", remote,
                   "--json")  # fmt: skip
        assert undo.returncode == 0, undo.stderr
        (result,) = orjson.loads(undo.stdout)
        assert result["committed"] and result["safety_backup"]
        schema = file_db(agent.segments(NB)[-1]).schema
        assert_same_tables(live_tables(remote, schema), decode_rows(schema, good))
        # The safety backup of the damaged state is an archive of the repository.
        assert Path(result["safety_backup"]).parent == repo / "archives"
        # The agent recorded the repair like any other transaction.
        agent.wait_covered(NB, now_ms())
        newest = restore_point(open_repository(repo), NB)
        assert_same_tables(newest.db.tables, decode_rows(schema, good))
        assert agent.stop() == 0

    addresses = [f"tcp:127.0.0.1:{p}" for p in free_loopback_ports(3)]
    made = cli("restore", "--repo", str(repo), "--db", NB, "--to-time", at,
               "--to-cluster", str(tmp_path / "new"),
               *[a for address in addresses for a in ("--address", address)], "--json")  # fmt: skip
    assert made.returncode == 0, made.stderr
    (cluster_info,) = orjson.loads(made.stdout)
    files = [Path(m["file"]) for m in cluster_info["members"]]
    cluster = start_cluster_from_files(tmp_path / "run", files, addresses, name="pitr")
    try:
        leader = cluster.wait_until_settled()
        persisted = schema.with_ephemeral_persisted()
        assert_same_tables(live_tables(leader.remote, persisted), decode_rows(persisted, good))
    finally:
        cluster.stop_all()


def test_rotation_keeps_the_stream_continuous_and_metrics_show_it(
    standalone_nb: OvsdbServer, tmp_path: Path
) -> None:
    remote = standalone_nb.remote
    repo = tmp_path / "repo"
    (port,) = free_loopback_ports(1)
    with Agent(repo, [remote], [NB], "--heartbeat", "0.2s", "--segment-size", "40k",
               "--metrics-port", str(port)) as agent:  # fmt: skip
        agent.wait_following(NB)
        base_size = agent.segments(NB)[0].stat().st_size
        marks = []
        for i in range(400):
            _switch(remote, f"rot-{i}")
            if i % 100 == 0:
                marks.append((now_ms(), f"rot-{i}"))
            if len(agent.segments(NB)) >= 3:
                break
        agent.wait("a rotation", lambda: len(agent.segments(NB)) >= 2)
        cov = agent.wait_covered(NB, now_ms())
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as reply:
            text = reply.read().decode()
        assert agent.stop() == 0
    assert base_size < 40 * 1024
    assert len(cov.segments) >= 2 and cov.gaps == []
    assert all(s.continues == p.name for p, s in zip(cov.segments, cov.segments[1:], strict=False))
    assert re.search(
        r'ovsdb_backup_stream_segments_sealed_total\{db="OVN_Northbound"\} [1-9]', text
    )
    assert re.search(r'ovsdb_backup_stream_transactions_total\{db="OVN_Northbound"\} [1-9]', text)
    assert 'ovsdb_backup_stream_gaps_total{db="OVN_Northbound"} 0' in text
    # Any moment restores, whichever segment holds it; the newest equals the live state.
    repository = open_repository(repo)
    for moment, _name in marks:
        restore_point(repository, NB, to_time_ms=moment)
    newest = restore_point(repository, NB)
    assert newest.segment == cov.segments[-1].name
    assert_same_tables(newest.db.tables, live_tables(remote, newest.db.schema))


def test_sigterm_with_a_frozen_server_still_closes_the_segment(
    standalone_nb: OvsdbServer, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    with Agent(repo, [standalone_nb.remote], [NB], "--heartbeat", "0.2s") as agent:
        agent.wait_following(NB)
        standalone_nb.pause()
        try:
            time.sleep(1.0)
            started = time.monotonic()
            assert agent.stop(timeout=15) == 0
            assert time.monotonic() - started < 10
        finally:
            standalone_nb.resume()
    info = agent.newest(NB)
    assert info is not None and info.stopped_cleanly and info.defect is None
