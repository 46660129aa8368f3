"""``ovsdb-backup db …`` end to end: exit codes, JSON output, safety of every output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import orjson
import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.formats.records import Frame, encode_record, scan
from ovsdb_backup.sandbox.servers import start_standalone
from tests.support.contents import file_db
from tests.support.ovs_files import MINI_SCHEMA, make_mini_single_cluster, make_mini_standalone


@pytest.fixture(scope="module")
def mini_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("cli")
    return {
        "standalone": make_mini_standalone(base / "s"),
        "clustered": make_mini_single_cluster(base / "c"),
    }


@pytest.fixture
def standalone(mini_files: dict[str, Path], tmp_path: Path) -> Path:
    path = tmp_path / "mini.db"
    shutil.copy(mini_files["standalone"], path)
    return path


@pytest.fixture
def clustered(mini_files: dict[str, Path], tmp_path: Path) -> Path:
    path = tmp_path / "mini-cluster.db"
    shutil.copy(mini_files["clustered"], path)
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    code = main(["db", *args, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip().startswith(("{", "[")) else out


def frames(path: Path) -> list[Frame]:
    return [f for f in scan(path.read_bytes()) if isinstance(f, Frame)]


def test_every_db_command_has_help_with_examples(capsys: pytest.CaptureFixture[str]):
    for command in (
        "info",
        "check",
        "show-log",
        "compact",
        "cluster-to-standalone",
        "create-cluster",
        "join-cluster",
        "repair",
        "rollback",
        "convert",
        "needs-conversion",
    ):
        assert main(["db", command, "--help"]) == 0
        assert "Examples:" in capsys.readouterr().out, command


def test_info_json_describes_both_models(capsys, standalone: Path, clustered: Path):
    code, data = run_json(capsys, "info", str(standalone))
    assert code == 0
    assert data["model"] == "standalone" and data["name"] == "Mini"
    assert data["rows"] == {"Switch": 1, "Port": 2}
    assert data["last_comment"] == "delete sw1"
    code, data = run_json(capsys, "info", str(clustered))
    raft = data["raft"]
    assert raft["commit_index"] == raft["log_end"] - 1
    assert len(raft["servers"]) == 1 and raft["term"] >= 1


def test_check_exit_codes_and_json(capsys, standalone: Path):
    assert main(["db", "check", str(standalone)]) == 0
    capsys.readouterr()
    data = standalone.read_bytes()
    standalone.write_bytes(data[:-7])
    code, report = run_json(capsys, "check", str(standalone))
    assert code == 1
    (problem,) = report["files"][0]["problems"]
    assert problem["kind"] == "torn-tail" and problem["record"] == len(frames(standalone))


def test_check_across_members_of_different_clusters(capsys, tmp_path: Path):
    a = make_mini_single_cluster(tmp_path / "a")
    b = make_mini_single_cluster(tmp_path / "b")
    code, report = run_json(capsys, "check", str(a), str(b))
    assert code == 1
    assert [f["kind"] for f in report["cluster"]] == ["cluster-id-mismatch"]


def test_show_log_filters_and_json_lines(capsys, standalone: Path):
    assert main(["db", "show-log", "--json", "-mm", "--table", "Switch", str(standalone)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines and all(c["table"] == "Switch" for e in lines for c in e["changes"])
    ops = [c["op"] for e in lines for c in e["changes"]]
    assert ops.count("insert") == 2 and "delete" in ops and "update" in ops
    assert any("columns" in c for e in lines for c in e["changes"])
    assert (
        main(["db", "show-log", "--json", "--since", "2100-01-01T00:00:00Z", str(standalone)]) == 0
    )
    assert capsys.readouterr().out == ""


def test_repair_keeps_the_original_and_lists_losses(capsys, standalone: Path):
    original = standalone.read_bytes()
    fs = frames(standalone)
    damaged = bytearray(original)
    damaged[fs[3].body_offset + 3] ^= 0x10
    standalone.write_bytes(bytes(damaged))
    code, result = run_json(capsys, "repair", str(standalone))
    assert code == 0
    assert result["repaired"] and result["problem"]["kind"] == "checksum-mismatch"
    assert result["records_kept"] == 3
    assert [r["number"] for r in result["lost_records"]] == list(range(4, len(fs)))
    assert Path(result["saved_copy"]).read_bytes() == bytes(damaged)
    assert standalone.read_bytes() == original[: fs[3].offset]
    assert main(["db", "check", str(standalone)]) == 0


def test_repair_refuses_a_file_a_server_has_open(capsys, standalone: Path, tmp_path: Path):
    standalone.write_bytes(standalone.read_bytes()[:-5])
    server = start_standalone(tmp_path / "srv", standalone, name="held", tcp=False)
    try:
        assert main(["db", "repair", str(standalone)]) == 6
        assert "locked" in capsys.readouterr().err
    finally:
        server.stop()


def test_rollback_to_record_and_to_time(capsys, standalone: Path, tmp_path: Path):
    fs = frames(standalone)
    out = tmp_path / "rolled.db"
    code, result = run_json(capsys, "rollback", str(standalone), str(out), "--to-record", "3")
    assert code == 0 and result["records_kept"] == 3
    assert out.read_bytes() == standalone.read_bytes()[: fs[3].offset]
    # The same command again refuses to overwrite its output.
    assert main(["db", "rollback", str(standalone), str(out), "--to-record", "3"]) == 6
    capsys.readouterr()
    date = orjson.loads(fs[2].body)["_date"]
    out2 = tmp_path / "rolled2.db"
    code, result = run_json(
        capsys, "rollback", str(standalone), str(out2), "--to-time", str(date / 1000)
    )
    assert code == 0 and result["last_kept"]["date_ms"] <= date
    assert main(["db", "rollback", str(standalone), str(standalone), "--to-record", "2"]) == 6


def test_cluster_to_standalone_policies_and_no_partial_output(
    capsys, clustered: Path, tmp_path: Path
):
    fs = frames(clustered)
    torn = tmp_path / "torn.db"
    torn.write_bytes(clustered.read_bytes()[:-3])
    out = tmp_path / "out.db"
    assert main(["db", "cluster-to-standalone", str(torn), str(out)]) == 0
    assert "warning" in capsys.readouterr().err
    assert main(["db", "check", str(out)]) == 0
    # A gap: refused, and no output file at all (not even a partial one).
    entries = [i for i, f in enumerate(fs) if b'"data"' in f.body]
    gap = tmp_path / "gap.db"
    gap.write_bytes(
        b"".join(encode_record(f.magic, f.body) for i, f in enumerate(fs) if i != entries[2])
    )
    out2 = tmp_path / "out2.db"
    assert main(["db", "cluster-to-standalone", str(gap), str(out2)]) == 3
    assert not out2.exists()
    assert not [p for p in os.listdir(tmp_path) if ".tmp-" in p]
    assert main(["db", "cluster-to-standalone", "--lenient", str(gap), str(out2)]) == 0
    assert out2.exists()


def test_compact_refuses_clustered_and_existing_outputs(
    capsys, clustered: Path, standalone: Path, tmp_path: Path
):
    assert main(["db", "compact", str(clustered), str(tmp_path / "x.db")]) == 2
    existing = tmp_path / "exists.db"
    existing.write_text("precious")
    assert main(["db", "compact", str(standalone), str(existing)]) == 6
    assert existing.read_text() == "precious"
    assert main(["db", "compact", "--force", str(standalone), str(existing)]) == 0
    assert file_db(existing).tables == file_db(standalone).tables


def test_convert_refuses_losses_unless_forced(capsys, standalone: Path, tmp_path: Path):
    schema = json.loads(json.dumps(MINI_SCHEMA))
    del schema["tables"]["Switch"]["columns"]["kv"]
    schema["tables"]["Port"]["columns"]["mtu"] = {"type": {"key": "integer", "min": 0, "max": 1}}
    schema["version"] = "2.0.0"
    new_schema = tmp_path / "v2.ovsschema"
    new_schema.write_text(json.dumps(schema))
    code, report = run_json(capsys, "needs-conversion", str(standalone), str(new_schema))
    assert code == 0 and report["needs_conversion"] and report["lossy"]
    assert report["dropped_columns"] == {"Switch": {"kv": 1}}
    assert report["added_columns"] == {"Port": ["mtu"]}
    out = tmp_path / "v2.db"
    assert main(["db", "convert", str(standalone), str(new_schema), str(out)]) == 5
    assert not out.exists()
    assert main(["db", "convert", "--force", str(standalone), str(new_schema), str(out)]) == 0
    converted = file_db(out)
    assert converted.schema.version == "2.0.0"
    assert all("kv" not in r for r in converted.tables["Switch"].values())
    query = subprocess.run(
        ["ovsdb-tool", "db-version", str(out)], capture_output=True, text=True, check=True
    )
    assert query.stdout.strip() == "2.0.0"


def test_bad_inputs_give_clear_errors(capsys, tmp_path: Path):
    missing = tmp_path / "nope.db"
    assert main(["db", "info", str(missing)]) == 3
    assert "no such file" in capsys.readouterr().err
    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    assert main(["db", "check", str(junk)]) == 3
    assert "cannot identify file type" in capsys.readouterr().err
