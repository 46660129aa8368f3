"""``cluster status`` against real members: healthy, frozen (SIGSTOP), killed, cut off."""

from __future__ import annotations

import json
import signal

import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.cluster.status_text import parse_cluster_status
from ovsdb_backup.sandbox.cluster import Cluster
from tests.integration.cluster.conftest import DB, ctls, report, wait_report


def test_healthy_cluster_and_real_texts(empty_cluster: Cluster, capsys: pytest.CaptureFixture[str]):
    leader = empty_cluster.wait_for_leader()
    for server in empty_cluster.servers:
        text = empty_cluster.status(server)
        s = parse_cluster_status(text)  # captured from the real server, parsed whole
        assert s.unparsed == ()
        assert s.sid == server.appctl("cluster/sid", DB).strip()
        assert s.cid == server.appctl("cluster/cid", DB).strip()
        assert s.address == server.raft_address
        assert s.role == ("leader" if server is leader else "follower")
        assert len(s.servers) == 3 and s.self_line() is not None

    r = wait_report(empty_cluster, lambda r: r.healthy, remotes=True)
    assert r.quorum and r.config_size == 3 and r.term is not None
    assert sorted(str(m.role) for m in r.members) == ["follower", "follower", "leader"]
    assert all(m.connected is True and m.server_index is not None for m in r.members)
    assert {m.address for m in r.members} == {s.raft_address for s in empty_cluster.servers}

    args = ["cluster", "status", "--db", DB, "--timeout", "1"]
    for server in empty_cluster.servers:
        args += ["--ctl", str(server.ctl), "--remote", server.remote]
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "healthy" and len(data["members"]) == 3
    remotes_only = ["cluster", "status", "--db", DB, "--json"]
    for server in empty_cluster.servers:
        remotes_only += ["--remote", server.tcp_remote]
    assert main(remotes_only) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "healthy" and data["leader"].endswith("(_Server)")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "verdict: healthy" in out and "leader" in out


def test_frozen_leader_then_killed_member_then_no_quorum(empty_cluster: Cluster):
    """SIGSTOP the leader (a partition as its peers see it), then kill a follower."""
    old = empty_cluster.wait_for_leader()
    old.pause()
    r = wait_report(
        empty_cluster, lambda r: r.quorum and any(m.role == "leader" for m in r.members)
    )
    assert r.verdict == "degraded"
    frozen = next(m for m in r.members if m.ctl == str(old.ctl))
    assert frozen.state == "unresponsive" and frozen.role is None
    assert any("no reply within" in reason for reason in frozen.reasons)
    assert frozen.address == old.raft_address  # identified through the new leader's view
    new_leader = next(m for m in r.members if m.role == "leader")
    assert new_leader.state == "ok" and new_leader.term is not None
    assert f"{frozen.label} unresponsive" in r.summary

    follower = next(
        s
        for s in empty_cluster.servers
        if s is not old and s.is_running() and str(s.ctl) != new_leader.ctl
    )
    follower.kill(signal.SIGKILL)
    r = wait_report(
        empty_cluster,
        lambda r: r.verdict == "no-quorum" and any(m.state == "leaderless" for m in r.members),
    )
    states = {m.ctl: m.state for m in r.members}
    assert states[str(old.ctl)] == "unresponsive"
    assert states[str(follower.ctl)] == "down"
    assert states[new_leader.ctl] == "leaderless"
    assert not r.quorum and "cannot commit writes" in r.summary
    old.resume()


def test_member_cut_off_but_answering_is_partitioned(empty_cluster: Cluster):
    leader = empty_cluster.wait_for_leader()
    victim = next(s for s in empty_cluster.servers if s is not leader)
    # OVS's own fault injection: the member stops exchanging Raft messages but still
    # answers its control socket and clients.
    victim.appctl("cluster/failure-test", "stop-raft-rpc")
    try:
        r = wait_report(
            empty_cluster,
            lambda r: any(m.state == "partitioned" for m in r.members),
            remotes=True,
        )
        cut = next(m for m in r.members if m.ctl == str(victim.ctl))
        assert cut.state == "partitioned" and cut.role in ("candidate", "follower")
        assert r.quorum and r.verdict == "degraded"
        assert any("has not heard from it" in x or "cannot reach" in x for x in cut.reasons)
    finally:
        victim.appctl("cluster/failure-test", "clear")
    wait_report(empty_cluster, lambda r: r.healthy)


def test_only_some_members_given(empty_cluster: Cluster, capsys: pytest.CaptureFixture[str]):
    leader = empty_cluster.wait_for_leader()
    follower = next(s for s in empty_cluster.servers if s is not leader)
    code = main(["cluster", "status", "--ctl", str(follower.ctl), "--json"])  # db guessed
    data = json.loads(capsys.readouterr().out)
    assert code == 1  # the others are unobserved: not known to be healthy
    assert data["db"] == DB and data["quorum"] is True
    assert sorted(m["state"] for m in data["members"]) == ["ok", "unobserved", "unobserved"]
    assert report(empty_cluster).healthy
    assert ctls(empty_cluster.servers)
