"""Health rules over frozen views built from real cluster/status texts (no processes)."""

from __future__ import annotations

from ovsdb_backup.cluster.health import assess
from ovsdb_backup.cluster.observe import (
    DOWN,
    UNRESPONSIVE,
    ClusterView,
    CtlObservation,
    RemoteObservation,
)
from ovsdb_backup.cluster.status_text import parse_cluster_status
from ovsdb_backup.protocol import ServerDatabase
from tests.unit.cluster import status_samples as samples

DB = "OVN_Northbound"


def ctl(name: str, text: str) -> CtlObservation:
    return CtlObservation(name, parse_cluster_status(text), text)


def silent(name: str, failure: str) -> CtlObservation:
    return CtlObservation(name, failure=failure, error="no reply")


def row(sid: str, *, connected: bool = True, index: int = 4) -> ServerDatabase:
    return ServerDatabase(DB, "clustered", connected, False, "{}", "c4c4", sid, index)


def states(report) -> dict[str, str]:
    return {m.label: m.state for m in report.members}


def test_healthy_cluster():
    view = ClusterView(
        DB,
        (
            ctl("s1", samples.CAPTURED_LEADER),
            ctl("s2", samples.CAPTURED_FOLLOWER),
            ctl("s3", samples.CAPTURED_FOLLOWER_2),
        ),
    )
    report = assess(view)
    assert report.verdict == "healthy" and report.quorum and report.config_size == 3
    assert states(report) == {"afdc": "ok", "4a38": "ok", "3a9b": "ok"}
    leader = report.members[0]
    assert (leader.role, leader.term, leader.commit_index, leader.applied_index) == (
        "leader",
        1,
        4,
        4,
    )
    follower = report.members[1]
    assert follower.leader == "afdc" and follower.last_msg_ms == 27
    assert report.cid == "c4c4c552-f787-4c95-90b1-91be75a430b9"


def test_killed_member_is_down_and_identified_through_the_leaders_configuration():
    view = ClusterView(
        DB,
        (
            ctl("s1", samples.CAPTURED_LEADER_PEER_KILLED),
            silent("/run/s2.ctl", DOWN),
            ctl("s3", samples.CAPTURED_FOLLOWER_2),
        ),
    )
    report = assess(view)
    assert report.verdict == "degraded" and report.quorum
    down = report.members[1]
    assert down.state == "down" and down.label == "4a38 (/run/s2.ctl)"
    assert down.address == "tcp:127.0.0.1:53673" and down.last_msg_ms == 2611
    # The leader's connection to the dead member is down: that is not the leader's fault.
    assert report.members[0].state == "ok"
    assert "4a38 (/run/s2.ctl) down" in report.summary


def test_partitioned_member_that_still_answers():
    view = ClusterView(
        DB,
        (
            ctl("a", samples.CAPTURED_PARTITIONED_LEADER),
            ctl("b", samples.CAPTURED_PARTITIONED),
            ctl("c", samples.CAPTURED_PARTITIONED_FOLLOWER),
        ),
        (
            RemoteObservation("unix:a", row("ecb00719-215c-47ea-bb73-3753f791e661")),
            RemoteObservation(
                "unix:b", row("baafc031-bd2d-48ea-8fe8-12ded90e2a8b", connected=False)
            ),
            RemoteObservation("unix:c", row("0d3e5e34-34ea-4a8f-86b4-c31cb0309751")),
        ),
    )
    report = assess(view)
    assert states(report) == {"ecb0": "ok", "baaf": "partitioned", "0d3e": "ok"}
    assert report.verdict == "degraded" and report.leader == "ecb0" and report.term == 1
    baaf = report.members[1]
    assert baaf.connected is False and baaf.remote == "unix:b"
    assert any("has not heard from it for 3.1 s" in r for r in baaf.reasons)
    assert any("candidate in term 3" in r for r in baaf.reasons)


def test_leaderless_cluster_has_no_quorum():
    view = ClusterView(
        DB,
        (
            silent("/run/s1.ctl", UNRESPONSIVE),
            silent("/run/s2.ctl", DOWN),
            ctl("s3", samples.CAPTURED_CANDIDATE_ALONE),
        ),
    )
    report = assess(view)
    assert report.verdict == "no-quorum" and not report.quorum
    assert states(report) == {
        "/run/s1.ctl": "unresponsive",
        "/run/s2.ctl": "down",
        "3a9b": "leaderless",
    }
    # Two silent sockets, two configured servers nobody identified: "one of" them.
    assert any("one of the configured servers" in r for r in report.members[0].reasons)


def test_only_followers_observed_leader_counted_through_them():
    view = ClusterView(
        DB, (ctl("s2", samples.CAPTURED_FOLLOWER), ctl("s3", samples.CAPTURED_FOLLOWER_2))
    )
    report = assess(view)
    assert report.quorum and report.leader == "afdc (not observed)"
    assert states(report)["afdc"] == "unobserved"
    assert report.verdict == "degraded"


def test_lagging_member_from_the_leaders_view():
    report = assess(ClusterView(DB, (ctl("k", samples.KUBE_OVN_LEADER),)), max_lag=100)
    e631 = next(m for m in report.members if m.label == "e631")
    # The member the Kube-OVN guide kicks: never heard from since the election, log unmatched.
    assert e631.state == "unresponsive"
    assert any("since it won the election 1733 s ago" in r for r in e631.reasons)
    assert any("matched its log only to index 0 of 12511" in r for r in e631.reasons)
    assert report.quorum  # f080 heard 63 ms ago + the leader itself
    assert report.verdict == "degraded"


def test_remote_only_and_pairing_by_position():
    view = ClusterView(
        DB,
        (silent("/run/s1.ctl", DOWN), ctl("s2", samples.CAPTURED_FOLLOWER)),
        (
            RemoteObservation("tcp:s1", failure=DOWN, error="refused"),
            RemoteObservation("tcp:s2", row("4a384bd6-ba99-4bde-af9d-7ea458b5f8c3", index=3)),
        ),
    )
    report = assess(view)
    labels = [m.label for m in report.members]
    assert labels[:2] == ["/run/s1.ctl", "4a38"]
    assert report.members[0].remote == "tcp:s1" and report.members[1].server_index == 3


def test_nothing_answered_is_unknown():
    report = assess(ClusterView(DB, (silent("a", DOWN), silent("b", UNRESPONSIVE))))
    assert report.verdict == "unknown" and not report.quorum


def test_cluster_id_mismatch_is_a_finding():
    other = samples.CAPTURED_FOLLOWER.replace("c4c4c552", "d4c4c552")
    report = assess(ClusterView(DB, (ctl("s1", samples.CAPTURED_LEADER), ctl("s2", other))))
    assert [f.kind for f in report.findings] == ["cluster-id-mismatch"]
    assert report.verdict != "healthy"


def test_remotes_only_use_server_rows():
    leader = ServerDatabase(DB, "clustered", True, True, "{}", "c4c4", "a" * 8 + "-1", 9)
    follower = row("b" * 8 + "-2", index=9)
    cut_off = row("c" * 8 + "-3", connected=False, index=7)
    view = ClusterView(
        DB,
        remotes=(
            RemoteObservation("tcp:a", leader),
            RemoteObservation("tcp:b", follower),
            RemoteObservation("tcp:c", cut_off),
        ),
    )
    report = assess(view)
    assert report.quorum and report.leader == "aaaa (_Server)" and report.config_size == 3
    assert states(report) == {"aaaa": "ok", "bbbb": "ok", "cccc": "leaderless"}
    assert report.verdict == "degraded" and report.cid == "c4c4"
    healthy = ClusterView(DB, remotes=view.remotes[:2])
    assert assess(healthy).verdict == "healthy"
