"""Pure parts of the sandbox: cluster/status parsing, sample plans, /proc identity."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ovsdb_backup.sandbox import process
from ovsdb_backup.sandbox.cluster import MemberStatus
from ovsdb_backup.sandbox.sample import MAX_SCALE, plan_nb, plan_sb
from ovsdb_backup.sandbox.server import MAX_SOCKET_PATH, socket_dir

# Trimmed from a real 3.1.0 leader (reference §4).
LEADER_STATUS = """497b
Name: OVN_Northbound
Cluster ID: 1dbd (1dbd9604-ecd3-4c8e-9519-a638ada0ca52)
Server ID: 497b (497b35e4-2689-415e-ad1f-2c256733f69d)
Address: tcp:127.0.0.1:16012
Status: cluster member
Role: leader
Term: 9
Leader: self
Vote: self

Election timer: 1000
Log: [2, 18]
Servers:
    497b (497b at tcp:127.0.0.1:16012) (self) next_index=12 match_index=17
"""


def test_member_status_of_a_leader() -> None:
    member = MemberStatus.parse(LEADER_STATUS)
    assert member == MemberStatus("cluster member", "leader", 9, "self", "tcp:127.0.0.1:16012")
    assert member.settled


def test_joining_member_is_not_settled() -> None:
    text = LEADER_STATUS.replace("Status: cluster member", "Status: joining cluster")
    text = text.replace("Leader: self", "Leader: unknown")
    assert not MemberStatus.parse(text).settled


def test_sample_plans_are_deterministic_per_seed() -> None:
    assert plan_nb(7, 2).transactions == plan_nb(7, 2).transactions
    assert plan_nb(7, 2).transactions != plan_nb(8, 2).transactions
    assert plan_sb(3).transactions == plan_sb(3).transactions


def test_nb_plan_names_reflect_churn() -> None:
    names = plan_nb(0, 1).names
    assert names["switches"] == ["sw0", "sw1", "sw2"]
    assert "sw-tmp" not in names["switches"]  # created, then deleted
    assert "sw2-p3" not in names["ports"]  # deleted by the churn
    assert len(plan_nb(0, 3).names["switches"]) == 7


def test_scale_is_bounded() -> None:
    with pytest.raises(ValueError, match="scale"):
        plan_nb(0, MAX_SCALE + 1)


def test_proc_identity_of_this_process() -> None:
    me = os.getpid()
    assert process.is_alive(me)
    started = process.start_time(me)
    assert started is not None
    assert process.is_alive(me, started)
    assert not process.is_alive(me, started + 1)  # a recycled pid has another start time
    assert not process.is_ovsdb_server(me)


def test_short_paths_keep_sockets_in_the_workdir(tmp_path: Path) -> None:
    assert socket_dir(tmp_path, "nb") == (tmp_path, None)


def test_long_paths_get_a_short_socket_directory(tmp_path: Path) -> None:
    workdir = tmp_path / ("x" * 110)
    workdir.mkdir()
    directory, owned = socket_dir(workdir, "nb")
    try:
        assert owned == directory
        assert len(os.fsencode(directory / "nb.sock")) <= MAX_SOCKET_PATH
        assert (workdir / "nb.run").resolve() == directory
    finally:
        directory.rmdir()
