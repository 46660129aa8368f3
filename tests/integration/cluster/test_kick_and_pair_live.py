"""``cluster kick`` and the active-backup commands against real servers."""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Any

import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.errors import ExitCode
from ovsdb_backup.sandbox.client import transact
from ovsdb_backup.sandbox.cluster import Cluster
from ovsdb_backup.sandbox.servers import start_standalone, wait_backup_replicating
from tests.integration.cluster.conftest import DB, wait_report
from tests.support.servers import ActiveBackup, eventually


def test_kick_refuses_to_break_quorum_and_removes_a_dead_member(
    empty_cluster: Cluster, capsys: pytest.CaptureFixture[str]
):
    leader = empty_cluster.wait_for_leader()
    dead, alive = [s for s in empty_cluster.servers if s is not leader]
    dead_sid = dead.appctl("cluster/sid", DB).strip()
    dead.kill(signal.SIGKILL)

    # The leader soon notices: its connections to the dead member are reset. (The
    # member's own socket is refused even earlier, so wait for the leader's view.)
    def leader_sees_it_down(r: Any) -> bool:
        return any(
            m.state == "down" and any("connections to it are down" in x for x in m.reasons)
            for m in r.members
        )

    r = wait_report(empty_cluster, leader_sees_it_down)
    gone = next(m for m in r.members if m.state == "down")
    assert any("connections to it are down" in x for x in gone.reasons)
    ctl_args = [a for s in (leader, alive) for a in ("--ctl", str(s.ctl))]

    # Removing the live follower would leave {leader, dead}: one of two, no majority.
    alive_addr = alive.raft_address or ""
    code = main(["cluster", "kick", alive_addr, *ctl_args, "--yes", "--timeout", "1"])
    assert code == ExitCode.REFUSED
    assert "a majority needs 2" in capsys.readouterr().err
    # Without --yes on a non-terminal it refuses before touching anything.
    assert main(["cluster", "kick", dead_sid[:4], *ctl_args]) == ExitCode.REFUSED
    capsys.readouterr()

    assert main(["cluster", "kick", dead_sid[:6], *ctl_args, "--yes", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["removed"] and result["decision"]["allowed"]
    assert result["decision"]["via"] == str(leader.ctl)
    r = wait_report(empty_cluster, lambda r: r.config_size == 2 and r.quorum)
    assert {m.address for m in r.members if m.in_config} == {
        leader.raft_address,
        alive.raft_address,
    }


def test_active_backup_status_promote_and_demote(
    active_backup_nb: ActiveBackup,
    tmp_path: Path,
    nb_schema: Path,
    capsys: pytest.CaptureFixture[str],
):
    active, backup = active_backup_nb
    pair = ["--ctl", str(active.ctl), "--ctl", str(backup.ctl)]
    assert main(["active-backup", "status", *pair, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "healthy"
    states = [m["sync"]["state"] for m in data["members"]]
    assert states == ["active", "backup"]
    assert data["members"][1]["sync"]["remote"] == active.remote

    # The active answers: promoting now would make two writable servers.
    assert main(["active-backup", "promote", "--ctl", str(backup.ctl)]) == ExitCode.REFUSED
    assert "split brain" in capsys.readouterr().err

    active.kill(signal.SIGKILL)
    assert main(["active-backup", "status", *pair, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "no-active" and data["members"][0]["failure"] == "down"
    assert main(["active-backup", "promote", "--ctl", str(backup.ctl), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["state_after"] == "active"
    insert = {"op": "insert", "table": "Logical_Switch", "row": {"name": "after-promotion"}}
    transact(backup.remote, [DB, insert])  # writable now

    # A replacement server comes back as a backup of the promoted one.
    spare = start_standalone(tmp_path / "spare", nb_schema, name="spare")
    try:
        args = ["active-backup", "demote", "--ctl", str(spare.ctl), "--active", backup.remote]
        assert main([*args, "--yes"]) == 0
        capsys.readouterr()
        wait_backup_replicating(spare)
        select = {"op": "select", "table": "Logical_Switch", "where": []}
        eventually(lambda: "after-promotion" in str(transact(spare.remote, [DB, select])))
        code = main(["active-backup", "status", "--ctl", str(backup.ctl), "--ctl", str(spare.ctl)])
        assert code == 0 and "healthy" in capsys.readouterr().out
    finally:
        spare.stop()
