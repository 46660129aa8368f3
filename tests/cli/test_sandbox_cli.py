"""``ovsdb-backup sandbox start|status|stop`` as a user runs it (a separate process)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.errors import ExitCode
from ovsdb_backup.sandbox import process
from ovsdb_backup.sandbox.environment import (
    STATE_FILE,
    SandboxDatabase,
    SandboxState,
    stop_sandbox,
)
from ovsdb_backup.sandbox.sample import plan_nb
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.tools import OvsTools, run_tool


def ovsdb_backup(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a child process, so servers must outlive the command to pass."""
    return subprocess.run(
        [sys.executable, "-m", "ovsdb_backup", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def sandbox_dir(tmp_path: Path, ovs_tools: OvsTools) -> Iterator[Path]:
    directory = tmp_path / "sandbox"
    yield directory
    # The servers were started by our child process, i.e. by this test: if the test
    # failed before `stop`, stop exactly the pids recorded in the state file.
    stop_sandbox(directory)


def _pids(state: dict[str, Any]) -> list[int]:
    return [s["pid"] for db in state["databases"] for s in db["servers"]]


def test_start_status_stop_round_trip_leaves_no_process(sandbox_dir: Path) -> None:
    started = ovsdb_backup("sandbox", "start", "--dir", str(sandbox_dir), "--json")
    assert started.returncode == 0, started.stderr
    state = json.loads(started.stdout)
    pids = _pids(state)
    assert len(pids) == 4
    # `start` has exited; its servers must still run, each as an ovsdb-server.
    assert all(process.is_ovsdb_server(pid) for pid in pids)
    assert (sandbox_dir / STATE_FILE).is_file()

    nb, sb = state["databases"]
    assert (nb["db_name"], nb["model"], len(nb["servers"])) == ("OVN_Northbound", "clustered", 3)
    assert (sb["db_name"], sb["model"]) == ("OVN_Southbound", "standalone")
    switches = run_tool(
        [
            "ovn-nbctl",
            f"--db={nb['tcp_remote']}",
            "--bare",
            "--columns=name",
            "list",
            "Logical_Switch",
        ]
    ).split()
    assert sorted(switches) == sorted(plan_nb().names["switches"])
    assert "hv0" in run_tool(["ovn-sbctl", f"--db={sb['remote']}", "show"])

    status = ovsdb_backup("sandbox", "status", "--dir", str(sandbox_dir), "--json")
    assert status.returncode == 0, status.stdout + status.stderr
    report = json.loads(status.stdout)
    assert report["running"] is True
    roles = sorted(s["role"] for s in report["servers"])
    assert roles == ["follower", "follower", "leader", "standalone"]

    again = ovsdb_backup("sandbox", "start", "--dir", str(sandbox_dir))
    assert again.returncode == ExitCode.OUTPUT
    assert "already running" in again.stderr

    stopped = ovsdb_backup("sandbox", "stop", "--dir", str(sandbox_dir), "--json")
    assert stopped.returncode == 0, stopped.stderr
    assert {s["state"] for s in json.loads(stopped.stdout)["servers"]} == {"stopped"}
    assert not any(process.is_alive(pid) for pid in pids)
    assert not (sandbox_dir / STATE_FILE).exists()

    after = ovsdb_backup("sandbox", "status", "--dir", str(sandbox_dir))
    assert after.returncode == ExitCode.FINDINGS
    assert "No sandbox" in after.stdout


def test_human_output_names_remotes_and_how_to_stop(sandbox_dir: Path) -> None:
    started = ovsdb_backup("sandbox", "start", "--dir", str(sandbox_dir))
    assert started.returncode == 0, started.stderr
    assert "OVN_Northbound (3-member cluster)" in started.stdout
    assert f"unix:{sandbox_dir.resolve()}/nb/nb-s1.sock" in started.stdout
    assert "tcp:127.0.0.1:" in started.stdout
    assert f"ovsdb-backup sandbox stop --dir {sandbox_dir.resolve()}" in started.stdout
    stopped = ovsdb_backup("sandbox", "stop", "--dir", str(sandbox_dir), "--purge")
    assert stopped.returncode == 0, stopped.stderr
    assert not sandbox_dir.exists()


def test_stop_leaves_a_recorded_pid_alone_when_it_is_not_our_server(tmp_path: Path) -> None:
    # A pid from an old state file may now belong to anything: here, a `sleep`.
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        fake = OvsdbServer(
            name="nb",
            kind="standalone",
            workdir=tmp_path,
            db_paths=(),
            pid=sleeper.pid,
            unix_socket=tmp_path / "nb.sock",
            ctl=tmp_path / "nb.ctl",
            log_path=tmp_path / "nb.log",
            out_path=tmp_path / "nb.out",
            tcp=False,
            start_time=process.start_time(sleeper.pid),
        )
        state = SandboxState(
            tmp_path, "now", (SandboxDatabase("OVN_Northbound", "standalone", (fake,)),)
        )
        (tmp_path / STATE_FILE).write_text(json.dumps(state.to_json()))
        result = ovsdb_backup("sandbox", "stop", "--dir", str(tmp_path), "--json")
        assert result.returncode == ExitCode.FINDINGS
        assert json.loads(result.stdout)["servers"][0]["state"] == "foreign"
        assert sleeper.poll() is None  # still running: never signalled
    finally:
        sleeper.kill()
        sleeper.wait()


def test_start_refuses_a_directory_that_is_not_a_sandbox(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("keep me")
    assert main(["sandbox", "start", "--dir", str(tmp_path)]) == ExitCode.OUTPUT
    assert (tmp_path / "precious.txt").read_text() == "keep me"
    assert process.started() == []


def test_stop_without_sandbox_is_a_no_op(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sandbox", "stop", "--dir", str(tmp_path)]) == ExitCode.OK
    assert "nothing to stop" in capsys.readouterr().out


@pytest.mark.parametrize("command", [[], ["start"], ["status"], ["stop"]])
def test_help_has_examples(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sandbox", *command, "--help"]) == ExitCode.OK
    text = capsys.readouterr().out
    assert "Examples:" in text
    assert "ovsdb-backup sandbox" in text
