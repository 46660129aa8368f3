"""Smoke test of the benchmark data-set generator (benchmarks/generate.py).

Generates the *tiny* scale (~1.3k rows, 300 churn transactions) through real
ovsdb-server processes, standalone and as a 3-member cluster, and checks the
files against the Open vSwitch tools: ``show-log`` reads every member, and
the manifest's row counts equal what ``ovsdb-tool query`` finds in the file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ovsdb_backup.sandbox.tools import OvsTools

ROOT = Path(__file__).resolve().parents[2]
GENERATE = ROOT / "benchmarks" / "generate.py"


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), capture_output=True, text=True, timeout=120, check=False)


def _rows_in_file(tool: str, db: Path, database: str, tables: list[str]) -> dict[str, int]:
    # Select _uuid: with no distinct column OVSDB would merge identical rows.
    ops = [{"op": "select", "table": t, "where": [], "columns": ["_uuid"]} for t in tables]
    done = _run(tool, "query", str(db), json.dumps([database, *ops]))
    assert done.returncode == 0, done.stderr
    return {t: len(r["rows"]) for t, r in zip(tables, json.loads(done.stdout), strict=True)}


def _generate(out: Path, model: str) -> dict[str, Any]:
    argv = [sys.executable, str(GENERATE), "--scale", "tiny", "--model", model, "--out", str(out)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    stem = "nb-tiny" if model == "standalone" else "nb-tiny-cluster"
    manifest: dict[str, Any] = json.loads((out / f"{stem}.manifest.json").read_text())
    return manifest


@pytest.mark.timeout(120)
@pytest.mark.parametrize("model", ["standalone", "cluster"])
def test_tiny_dataset_is_read_by_ovsdb_tool(
    tmp_path: Path, model: str, ovs_tools: OvsTools, nb_schema: Path
) -> None:
    # The fixtures fail the run (never skip) when Open vSwitch or the OVN
    # schema are missing, like every other test that needs real servers.
    del nb_schema
    tool = ovs_tools.ovsdb_tool
    manifest = _generate(tmp_path, model)

    files = [tmp_path / f["file"] for f in manifest["files"]]
    assert len(files) == (1 if model == "standalone" else 3)
    for f, described in zip(files, manifest["files"], strict=True):
        assert f.stat().st_size == described["bytes"]
        assert _run(tool, "show-log", str(f)).returncode == 0
        # Every transaction left its record: no automatic compaction happened.
        assert described["txn_records"] >= manifest["transactions"]["total"]
    assert manifest["transactions"]["churn"] == 300
    assert 1000 <= manifest["rows_total"] <= 2000
    assert not list(tmp_path.glob(".gen-*")), "scratch directory left behind"

    db = files[0]
    if model == "cluster":
        db = tmp_path / "standalone.db"
        done = _run(tool, "cluster-to-standalone", str(db), str(files[0]))
        assert done.returncode == 0, done.stderr
    tables = sorted(manifest["rows"])
    assert _rows_in_file(tool, db, manifest["database"], tables) == manifest["rows"]
