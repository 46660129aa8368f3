"""``ovsdb-backup cluster …`` and ``active-backup …``: help, exit codes, JSON, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.cluster.files import read_member_file
from ovsdb_backup.errors import ExitCode
from tests.unit.cluster.raft_builder import ADDRS, common_log, entry, write


def test_every_command_has_help_with_examples(capsys: pytest.CaptureFixture[str]):
    for command in (
        ["cluster", "status"],
        ["cluster", "diagnose"],
        ["cluster", "recover"],
        ["cluster", "kick"],
        ["active-backup", "status"],
        ["active-backup", "promote"],
        ["active-backup", "demote"],
    ):
        assert main([*command, "--help"]) == 0
        assert "Examples:" in capsys.readouterr().out, command


@pytest.fixture
def majority_lost(tmp_path: Path) -> list[str]:
    survivor = write(tmp_path / "s1.db", 1, *common_log(), entry(6, 1, "tail"))
    refused = common_log()
    del refused[-2]
    broken = write(tmp_path / "s2.db", 2, *refused)
    return [str(tmp_path / "s0.db"), str(survivor), str(broken)]


ADDRESSES = [
    "--address",
    "tcp:127.0.0.1:7001",
    "--address",
    "tcp:127.0.0.1:7002",
    "--address",
    "tcp:127.0.0.1:7003",
]


def test_diagnose_human_and_json(majority_lost: list[str], capsys: pytest.CaptureFixture[str]):
    assert main(["cluster", "diagnose", *majority_lost]) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "majority-lost" in out and "advances commit index to 5" in out
    assert "Recovering from each member" in out
    assert main(["cluster", "diagnose", *majority_lost, "--json"]) == ExitCode.FINDINGS
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "majority-lost" and data["best_choice"] == majority_lost[1]
    assert [m["condition"] for m in data["members"]] == ["missing", "clean", "refused"]
    # s0.db is missing, but it is the only configured server without a file: its id and
    # address are known, so the plan is complete.
    assert data["members"][0]["server_id"] is not None
    assert data["plan"]["kind"] == "majority" and data["plan_error"] is None


def test_recover_shows_the_plan_and_changes_nothing(
    majority_lost: list[str], capsys: pytest.CaptureFixture[str]
):
    before = {p: Path(p).read_bytes() for p in majority_lost if Path(p).exists()}
    assert main(["cluster", "recover", *majority_lost, *ADDRESSES]) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "Run again with --execute" in out and "[create-cluster]" in out
    assert {p: Path(p).read_bytes() for p in before} == before
    assert not Path(f"{majority_lost[0]}.recovery-journal").exists()


def test_execute_needs_confirmation(majority_lost: list[str], capsys: pytest.CaptureFixture[str]):
    code = main(["cluster", "recover", *majority_lost, *ADDRESSES, "--execute"])
    assert code == ExitCode.REFUSED  # stdin is not a terminal and no --yes
    assert "--yes" in capsys.readouterr().err
    assert not Path(f"{majority_lost[0]}.recovery-journal").exists()


def test_execute_and_resume(majority_lost: list[str], capsys: pytest.CaptureFixture[str]):
    args = ["cluster", "recover", *majority_lost, *ADDRESSES, "--execute", "--yes", "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["execution"]["complete"] and data["plan"]["kind"] == "majority"
    assert main(["cluster", "recover", *majority_lost, "--resume"]) == 0  # shows the plan
    assert "Plan in" in capsys.readouterr().out
    # The new files: one member created, two waiting to join it.
    assert main(["cluster", "diagnose", *majority_lost, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["condition"] for m in data["members"]] == ["joining", "clean", "joining"]


def test_usage_errors(majority_lost: list[str], capsys: pytest.CaptureFixture[str]):
    bad = ["--address", "tcp:127.0.0.1:7001"]
    assert main(["cluster", "recover", *majority_lost, *bad]) == ExitCode.USAGE
    assert "one --address per FILE" in capsys.readouterr().err
    assert main(["cluster", "recover", *majority_lost, "--resume"]) == ExitCode.INPUT
    assert "no recovery journal" in capsys.readouterr().err
    assert main(["cluster", "status"]) == ExitCode.USAGE
    assert main(["cluster", "kick", "abcd"]) == ExitCode.USAGE
    two = [majority_lost[1], majority_lost[1]]
    assert main(["cluster", "diagnose", *two]) == ExitCode.USAGE


def test_minority_on_the_broken_node_with_a_kick_done_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    records = common_log()
    del records[-2]
    broken = write(tmp_path / "s1.db", 1, *records)
    args = ["cluster", "recover", str(broken), "--mode", "minority", "--execute", "--yes"]
    assert main(args) == ExitCode.USAGE  # the kick needs a live member's control socket
    assert "--already-kicked" in capsys.readouterr().err
    assert main([*args, "--already-kicked", "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)["execution"]["steps"]
    assert steps[1]["detail"].endswith("removed by hand (--already-kicked)")
    assert len(list(tmp_path.glob("s1.db.pre-recovery-*"))) == 1
    rejoining = read_member_file(str(broken))
    assert rejoining.joining and rejoining.remotes == (ADDRS[0], ADDRS[2])
