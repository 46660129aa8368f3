"""The corruption matrix of the reference (section 5), on files ovsdb-server wrote.

Each damage is made on a copy of a real file; ``db check`` must name the kind,
the record and the byte offset, and where the real ovsdb-tool prints an offset
or a rule message for the same file, ours must agree with it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import orjson
import pytest

from ovsdb_backup.formats.records import Frame, encode_record, scan
from ovsdb_backup.ops.inspect import check_file
from tests.support.ovs_files import make_mini_single_cluster, make_mini_standalone


@pytest.fixture(scope="module")
def standalone(tmp_path_factory: pytest.TempPathFactory, ovs_tools: None) -> bytes:
    return make_mini_standalone(tmp_path_factory.mktemp("matrix")).read_bytes()


@pytest.fixture(scope="module")
def clustered(tmp_path_factory: pytest.TempPathFactory, ovs_tools: None) -> bytes:
    return make_mini_single_cluster(tmp_path_factory.mktemp("matrixc")).read_bytes()


def frames(data: bytes) -> list[Frame]:
    out = [f for f in scan(data) if isinstance(f, Frame)]
    assert sum(len(encode_record(f.magic, f.body)) for f in out) == len(data)
    return out


def rebuild(items: list[Frame]) -> bytes:
    return b"".join(encode_record(f.magic, f.body) for f in items)


def flip(data: bytes, offset: int) -> bytes:
    out = bytearray(data)
    out[offset] ^= 0x04
    return bytes(out)


def tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["ovsdb-tool", *args], capture_output=True, text=True, timeout=60, check=False
    )


def only_problem(path: Path, kind: str):
    report = check_file(str(path))
    problems = [f for f in report.findings if f.kind == kind]
    assert problems, report.findings
    return problems[0], report


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- standalone -----------------------------------------------------------------


def test_torn_last_record(standalone: bytes, tmp_path: Path):
    fs = frames(standalone)
    path = write(tmp_path, "A.db", standalone[:-20])
    problem, _ = only_problem(path, "torn-tail")
    assert (problem.record, problem.offset) == (len(fs) - 1, fs[-1].offset)
    ovs = tool("show-log", str(path))
    assert ovs.returncode == 1
    assert f"error reading {fs[-1].length} bytes starting at offset {fs[-1].body_offset}" in (
        ovs.stderr
    )


def test_flipped_byte_in_a_middle_record(standalone: bytes, tmp_path: Path):
    fs = frames(standalone)
    victim = fs[4]
    path = write(tmp_path, "B.db", flip(standalone, victim.body_offset + 5))
    problem, report = only_problem(path, "checksum-mismatch")
    assert (problem.record, problem.offset) == (4, victim.offset)
    lost = [f for f in report.findings if f.kind == "intact-records-after-damage"]
    assert lost
    assert lost[0].message.startswith(f"{len(fs) - 5} intact record(s)")
    ovs = tool("show-log", str(path))
    match = re.search(r"(\d+) bytes starting at offset (\d+) have SHA-1", ovs.stderr)
    assert match
    assert int(match.group(2)) == victim.body_offset
    assert f"starting at offset {victim.body_offset} have SHA-1" in problem.message


def test_flipped_byte_in_the_schema_record(standalone: bytes, tmp_path: Path):
    fs = frames(standalone)
    path = write(tmp_path, "C.db", flip(standalone, fs[0].body_offset + 10))
    problem, _ = only_problem(path, "checksum-mismatch")
    assert (problem.record, problem.offset) == (0, 0)


def test_first_header_damaged(standalone: bytes, tmp_path: Path):
    from ovsdb_backup.errors import NotAnOvsdbFile

    path = write(tmp_path, "D.db", standalone.replace(b"OVSDB JSON", b"OVSDB JSAN", 1))
    with pytest.raises(NotAnOvsdbFile, match="cannot identify file type"):
        check_file(str(path))
    assert "cannot identify file type" in tool("show-log", str(path)).stderr


def test_garbage_partial_header_appended(standalone: bytes, tmp_path: Path):
    fs = frames(standalone)
    path = write(tmp_path, "E.db", standalone + b"OVSDB JSON")
    problem, _ = only_problem(path, "torn-tail")
    assert (problem.record, problem.offset) == (len(fs), len(standalone))
    path2 = write(tmp_path, "E2.db", standalone + b"garbage!\n")
    problem2, _ = only_problem(path2, "bad-header")
    assert problem2.offset == len(standalone)
    assert f"parse error at offset {len(standalone)}" in tool("show-log", str(path2)).stderr


def test_empty_file(tmp_path: Path):
    from ovsdb_backup.errors import NotAnOvsdbFile

    path = write(tmp_path, "F.db", b"")
    with pytest.raises(NotAnOvsdbFile, match="empty"):
        check_file(str(path))


def test_well_framed_record_deleting_a_missing_row(standalone: bytes, tmp_path: Path):
    fs = frames(standalone)
    bad = (
        orjson.dumps({"Switch": {"00000000-0000-0000-0000-00000000dead": None}, "_is_diff": True})
        + b"\n"
    )
    bad_frame = Frame(len(fs), 0, 0, len(bad), "JSON", bad)
    good = fs[1]
    path = write(tmp_path, "G.db", rebuild([*fs, bad_frame, good]))
    problem, _ = only_problem(path, "bad-transaction")
    assert problem.record == len(fs)
    assert problem.offset == len(standalone)
    assert "deletes row 00000000-0000-0000-0000-00000000dead that does not exist" in (
        problem.message
    )


# --- clustered ------------------------------------------------------------------


def entry_frames(fs: list[Frame]) -> list[int]:
    return [i for i, f in enumerate(fs) if b'"index"' in f.body and b'"data"' in f.body]


def test_cluster_torn_last_entry(clustered: bytes, tmp_path: Path):
    fs = frames(clustered)
    last_entry = entry_frames(fs)[-1]
    data = rebuild(fs[: last_entry + 1])[:-10]
    problem, _ = only_problem(write(tmp_path, "CA.db", data), "torn-tail")
    assert (problem.record, problem.offset) == (last_entry, fs[last_entry].offset)


def test_cluster_flipped_byte_in_an_entry(clustered: bytes, tmp_path: Path):
    fs = frames(clustered)
    victim = entry_frames(fs)[3]
    path = write(tmp_path, "CB.db", flip(clustered, fs[victim].body_offset + 30))
    problem, _ = only_problem(path, "checksum-mismatch")
    assert (problem.record, problem.offset) == (victim, fs[victim].offset)
    ovs = tool("check-cluster", str(path))
    assert f"starting at offset {fs[victim].body_offset} have SHA-1" in ovs.stderr


def test_cluster_flipped_byte_in_the_header(clustered: bytes, tmp_path: Path):
    path = write(tmp_path, "CC.db", flip(clustered, frames(clustered)[0].body_offset + 40))
    problem, _ = only_problem(path, "checksum-mismatch")
    assert (problem.record, problem.offset) == (0, 0)


def _same_message_as_check_cluster(path: Path, kind: str) -> None:
    problem, _ = only_problem(path, kind)
    ovs = tool("check-cluster", str(path))
    assert ovs.returncode == 1
    assert problem.message in ovs.stderr, (problem.message, ovs.stderr)


def test_cluster_entry_removed_but_its_commit_index_kept(clustered: bytes, tmp_path: Path):
    fs = frames(clustered)
    last_entry = entry_frames(fs)[-1]
    assert b"commit_index" in fs[last_entry + 1].body
    data = rebuild(fs[:last_entry] + fs[last_entry + 1 :])
    path = write(tmp_path, "CD.db", data)
    _same_message_as_check_cluster(path, "advances-commit-index")
    problem, _ = only_problem(path, "advances-commit-index")
    assert problem.record == last_entry
    assert problem.offset == frames(data)[last_entry].offset


def test_cluster_old_entry_appended_after_commit(clustered: bytes, tmp_path: Path):
    fs = frames(clustered)
    old = fs[entry_frames(fs)[1]]
    path = write(tmp_path, "CE.db", rebuild([*fs, old]))
    _same_message_as_check_cluster(path, "truncate-below-commit")


def test_cluster_middle_entry_removed_gap(clustered: bytes, tmp_path: Path):
    fs = frames(clustered)
    middle = entry_frames(fs)[2]
    path = write(tmp_path, "CF.db", rebuild(fs[:middle] + fs[middle + 1 :]))
    problem, _ = only_problem(path, "advances-commit-index")
    assert "advances commit index" in problem.message
    assert problem.message in tool("check-cluster", str(path)).stderr


def test_cluster_note_left(clustered: bytes, tmp_path: Path):
    fs = frames(clustered)
    note = orjson.dumps({"comment": "this server left the cluster", "note": "left"}) + b"\n"
    path = write(
        tmp_path, "CG.db", rebuild([*fs, Frame(len(fs), 0, 0, len(note), "CLUSTER", note)])
    )
    report = check_file(str(path))
    left = [f for f in report.findings if f.kind == "server-left"]
    assert left
    assert left[0].record == len(fs)
    assert (
        f"record {len(fs)} shows that the server left the cluster"
        in tool("check-cluster", str(path)).stdout
    )
