"""The cluster/status parser on real and hand-made texts of OVS 2.9 to 3.x."""

from __future__ import annotations

import pytest

from ovsdb_backup.cluster.status_text import (
    STATUSES,
    Connection,
    StatusParseError,
    parse_cluster_status,
)
from tests.unit.cluster import status_samples as samples


def test_captured_leader():
    s = parse_cluster_status(samples.CAPTURED_LEADER)
    assert (s.nickname, s.name, s.role, s.term, s.leader, s.vote) == (
        "afdc",
        "OVN_Northbound",
        "leader",
        1,
        "self",
        "self",
    )
    assert s.cid == "c4c4c552-f787-4c95-90b1-91be75a430b9"
    assert s.sid == "afdcff24-cf3e-4b59-bad3-81b9786a0cdb"
    assert s.address == "tcp:127.0.0.1:55321"
    assert s.status == "cluster member" and s.is_member
    assert (s.election_started_ms, s.election_reason, s.election_won_ms) == (147, "timeout", 147)
    assert (s.election_timer_ms, s.election_timer_new_ms) == (1000, None)
    assert (s.log_start, s.log_end, s.last_index) == (2, 5, 4)
    assert (s.commit_index, s.applied_index) == (4, 4)
    assert s.connections == (
        Connection("4a38", True, True),
        Connection("4a38", False, True),
        Connection("3a9b", True, True),
        Connection("3a9b", False, True),
    )
    assert s.disconnections == 0
    me, other, _ = s.servers
    assert me.is_self and (me.next_index, me.match_index, me.last_msg_ms) == (2, 4, None)
    assert (other.nickname, other.sid_prefix, other.address) == (
        "3a9b",
        "3a9b",
        "tcp:127.0.0.1:51347",
    )
    assert (other.next_index, other.match_index, other.last_msg_ms) == (5, 4, 27)
    assert s.leader_line() is me
    assert s.unparsed == ()


def test_captured_follower_lists_servers_without_indexes():
    s = parse_cluster_status(samples.CAPTURED_FOLLOWER)
    assert (s.role, s.leader, s.vote) == ("follower", "afdc", None)
    assert s.election_started_ms is None and s.election_won_ms is None
    assert s.connections[0] == Connection("0000", False, True)
    leader = s.leader_line()
    assert leader is not None and leader.address == "tcp:127.0.0.1:55321"
    assert leader.last_msg_ms == 40 and leader.next_index is None
    silent = s.server_by_nickname("3a9b")
    assert silent is not None and silent.last_msg_ms is None
    assert s.self_line() is not None and s.self_line().nickname == "4a38"


def test_captured_leader_with_a_killed_peer_shows_the_connection_down():
    s = parse_cluster_status(samples.CAPTURED_LEADER_PEER_KILLED)
    assert s.connections[0] == Connection("4a38", False, False)
    assert str(s.connections[0]) == "(->4a38)"
    assert s.disconnections == 1
    assert s.server_by_nickname("4a38").last_msg_ms == 2611


def test_captured_candidate_shows_votes_and_election_timeout_status():
    s = parse_cluster_status(samples.CAPTURED_CANDIDATE_ALONE)
    assert s.status == STATUSES[5] and s.is_member and not s.knows_leader
    assert (s.role, s.term, s.leader, s.vote) == ("candidate", 3, None, "self")
    assert s.self_line().voted_for == "3a9b"
    assert s.election_started_ms == 704 and s.election_won_ms is None


def test_kube_ovn_runbook_text():
    s = parse_cluster_status(samples.KUBE_OVN_LEADER)
    assert s.address == "tcp:[10.0.128.61]:6643"
    assert (s.log_start, s.log_end, s.commit_index, s.uncommitted) == (7332, 12512, 12510, 1)
    e631 = s.server_by_nickname("e631")
    assert e631.address == "tcp:[10.0.131.173]:6643"
    assert (e631.next_index, e631.match_index, e631.last_msg_ms) == (12512, 0, None)
    assert s.election_started_ms == 1732603


def test_reference_text():
    s = parse_cluster_status(samples.REFERENCE_LEADER)
    assert s.term == 9 and s.log_end == 18 and len(s.servers) == 2


def test_ovs_2_9_leader_with_membership_changes_and_unix_nicknames():
    s = parse_cluster_status(samples.OVS_2_9_LEADER)
    assert s.nickname == "s1" and s.sid.startswith("0a1b")
    assert [(c.action, c.nickname, c.sid_prefix, c.address, c.phase) for c in s.changes] == [
        ("adding", "s4", "9c8d", "unix:s4.raft", "adding: catchup"),
        ("removing", "s3", "77aa", "unix:s3.raft", "removing"),
    ]
    assert (s.election_timer_ms, s.election_timer_new_ms) == (1000, 2000)
    assert s.disconnections is None and s.election_started_ms is None
    s3 = s.server_by_nickname("s3")
    assert s3.phase == "removing" and s3.match_index == 29 and s3.sid_prefix == "77aa"
    assert not s.connections[2].connected


def test_joining_and_left():
    joining = parse_cluster_status(samples.OVS_2_9_JOINING)
    assert joining.cid is None and joining.status == "joining cluster"
    assert joining.remotes_for_joining == ("unix:s1.raft", "unix:s2.raft")
    assert not joining.is_member and joining.servers == ()
    assert joining.election_timer_ms is None
    left = parse_cluster_status(samples.OVS_2_9_LEFT)
    assert left.status == "left cluster" and not left.is_member and left.connections == ()


def test_unknown_lines_are_kept_not_fatal():
    text = samples.CAPTURED_FOLLOWER.replace(
        "Election timer: 1000\n", "Election timer: 1000\nPre-vote: enabled\nSomething new\n"
    )
    s = parse_cluster_status(text)
    assert "Pre-vote: enabled" in s.unparsed and "Something new" in s.unparsed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "nickname"),
        ("unknown cluster\n", "missing"),
        (samples.CAPTURED_LEADER.replace("Term: 1\n", "Term: x\n"), "Term"),
        (samples.CAPTURED_LEADER.replace("Log: [2, 5]", "Log: 2..5"), "Log"),
        (samples.CAPTURED_LEADER.replace("<-4a38 ->4a38", "<-4a38 (->4a38"), "connection"),
        (samples.CAPTURED_LEADER.replace(" last msg 27 ms ago", " whatever"), "server line"),
    ],
)
def test_malformed_texts_are_refused(text: str, message: str):
    with pytest.raises(StatusParseError, match=message):
        parse_cluster_status(text)


def test_to_json_has_derived_indexes():
    data = parse_cluster_status(samples.KUBE_OVN_LEADER).to_json()
    assert data["commit_index"] == 12510 and data["applied_index"] == 12510
    assert data["connections"][0] == "->f080"


def test_captured_leader_removing_a_kicked_server():
    s = parse_cluster_status(samples.CAPTURED_LEADER_REMOVING)
    (change,) = s.changes
    assert (change.action, change.nickname, change.address, change.phase) == (
        "removing",
        "5ddb",
        "tcp:127.0.0.1:40513",
        "removing",
    )
    assert [x.nickname for x in s.servers] == ["d600", "59fa"]
    assert s.uncommitted == 1 and s.commit_index == 4
