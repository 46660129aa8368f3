"""Smoke test of the live-server benchmark cases (benchmarks/run.py --ops backup,restore,...).

Generates the *tiny* NB data set, then runs every live-server case once against
real ovsdb-server processes (standalone and a 3-member cluster): both backups,
the restore into an empty server, and the restore after a ~1 % change. Checks
that every command ran, that the servers' CPU was measured, that the change was
about 1 % of the rows, and that our restore took the path each case is about:
the whole live database on a standalone server, only the changes since the
backup (``monitor_cond_since``) on the cluster.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ovsdb_backup.sandbox.tools import OvsTools

ROOT = Path(__file__).resolve().parents[2]


def _run(argv: list[str], timeout: float) -> None:
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.terminate()  # SIGTERM: the harness stops the servers it started
        out, err = proc.communicate(timeout=60)
        raise AssertionError(f"timed out after {timeout} s: {err[-3000:]}") from None
    assert proc.returncode == 0, out[-3000:] + err[-3000:]


@pytest.mark.timeout(600)
def test_live_cases_on_tiny(tmp_path: Path, ovs_tools: OvsTools, nb_schema: Path) -> None:
    del ovs_tools, nb_schema  # fail (never skip) without Open vSwitch / OVN
    data = tmp_path / "data"
    generate = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--scale", "tiny"]
    _run([*generate, "--out", str(data)], 120)
    report = tmp_path / "RESULTS.md"
    run = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--scale", "tiny", "--repeat", "1"]
    ops = ["--ops", "backup,restore,restore-change", "--data", str(data)]
    _run([*run, *ops, "--work", str(tmp_path / "work"), "--report", str(report)], 540)
    results = json.loads((tmp_path / "results" / "nb-tiny-live.json").read_text())
    cases = {c["name"]: c for c in results["cases"]}
    assert set(cases) == {
        "backup",
        "backup-cluster",
        "restore-full",
        "restore-change",
        "restore-change-cluster",
    }
    for case in cases.values():
        for result in case["results"]:
            assert result["status"] == "ok", (case["name"], result)
            assert result["server_cpu"]["median"] >= 0
        assert all(t["ratio"] is not None for t in case["targets"])

    change = cases["restore-change"]["facts"]["change"]
    assert 0.5 <= change["percent"] <= 2.0
    assert change["updated"] and change["deleted"] and change["inserted"]

    def ours_read(name: str) -> set[str]:
        samples = cases[name]["results"][1]["samples"]
        return {s["extra"]["ours"]["read"] for s in samples}

    assert ours_read("restore-change") == {"rows whose version changed"}
    assert ours_read("restore-change-cluster") == {"changes since the backup"}
    # Ours sent a change for every changed row; the empty server got every row.
    changed = cases["restore-change"]["results"][1]["samples"][0]["extra"]["ours"]
    assert changed["total_changes"] >= change["rows_changed"]
    assert "restore-change-cluster" in report.read_text()
    assert not list((tmp_path / "work").glob("*")), "work directory left behind"
