"""Executing recovery plans on files: idempotent steps, the journal, resuming (no servers)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ovsdb_backup.cluster.diagnose import diagnose
from ovsdb_backup.cluster.execute import execute
from ovsdb_backup.cluster.files import read_member_file, read_member_files
from ovsdb_backup.cluster.journal import Journal
from ovsdb_backup.cluster.plan import Plan, RecoveryOptions, build_plan
from ovsdb_backup.errors import InputError, OutputError, RefusedError
from ovsdb_backup.formats.dbfile import open_db_file
from tests.support.contents import file_db
from tests.unit.cluster.raft_builder import common_log, entry, write

IDS = tuple(f"dddddddd-0000-4000-8000-00000000000{i}" for i in range(1, 6))


class Crash(Exception):
    """Stands for the process being killed."""


def originals(directory: Path) -> dict[str, bytes]:
    survivor = [*common_log(6), entry(8, 1, "tail")]
    refused = common_log()
    del refused[-2]
    files = {
        "s1.db": write(directory / "s1.db", 1, *survivor),
        "s2.db": write(directory / "s2.db", 2, *refused),
    }
    return {name: p.read_bytes() for name, p in files.items()}


def restore(directory: Path, contents: dict[str, bytes]) -> None:
    for p in directory.iterdir():
        p.unlink()
    for name, data in contents.items():
        (directory / name).write_bytes(data)


def majority_plan(directory: Path) -> Plan:
    paths = [str(directory / n) for n in ("s0.db", "s1.db", "s2.db")]
    d = diagnose(read_member_files(paths))
    addresses = tuple(f"tcp:127.0.0.1:{7000 + i}" for i in range(3))
    return build_plan(d, RecoveryOptions(tuple(paths), addresses, new_ids=IDS, stamp="T"))


def end_state(directory: Path) -> dict[str, Any]:
    """What a recovery leaves behind, minus what is random by nature (prev_eid, dates)."""
    state: dict[str, Any] = {}
    for p in sorted(directory.iterdir()):
        if p.name.endswith(".recovery-journal") or p.name.startswith("."):
            continue
        if p.name.endswith(("pre-recovery-T",)):
            state[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
            continue
        f = read_member_file(str(p))
        if f.clustered:
            state[p.name] = (f.sid, f.cid, f.address, f.joining, f.remotes, f.servers)
        if not f.joining:
            db = file_db(p)
            state[p.name + ":rows"] = sorted(
                (t, u, str(r)) for t, rows in db.tables.items() for u, r in rows.items()
            )
    return state


def jpath(plan: Plan) -> str:
    assert plan.journal is not None
    return plan.journal


def run(plan: Plan, **kw: Any):
    if os.path.exists(jpath(plan)):
        journal = Journal.load(jpath(plan))
    else:
        journal = Journal.create(jpath(plan), plan)
    return execute(journal, **kw)


def test_majority_plan_runs_and_is_idempotent(tmp_path: Path):
    contents = originals(tmp_path)
    plan = majority_plan(tmp_path)
    result = run(plan)
    assert result.complete
    assert [o.status for o in result.outcomes].count("done") == 7
    s1 = read_member_file(str(tmp_path / "s1.db"))
    assert (s1.sid, s1.cid, s1.joining, s1.address) == (
        IDS[1],
        IDS[-1],
        False,
        "tcp:127.0.0.1:7001",
    )
    names = {r["name"] for r in file_db(tmp_path / "s1.db").tables["T"].values()}
    assert names == {"r2", "r3", "r4", "r5", "r6", "r7", "tail"}  # the tail is kept
    for n in ("s0.db", "s2.db"):
        f = read_member_file(str(tmp_path / n))
        assert f.joining and f.cid == IDS[-1] and "tcp:127.0.0.1:7001" in f.remotes
    assert (tmp_path / "s2.db.pre-recovery-T").read_bytes() == contents["s2.db"]
    assert (tmp_path / "s1.db.pre-recovery-T").read_bytes() == contents["s1.db"]
    # Running the finished journal again changes nothing.
    before = end_state(tmp_path)
    again = execute(Journal.load(jpath(plan)))
    assert {o.status for o in again.outcomes} <= {"already-done", "manual"}
    assert end_state(tmp_path) == before


@pytest.mark.parametrize("crash_after", ["aside-2", "to-standalone", "create-cluster"])
def test_interrupted_run_resumes_to_the_same_end_state(tmp_path: Path, crash_after: str):
    contents = originals(tmp_path)
    plan = majority_plan(tmp_path)
    run(plan)
    expected = end_state(tmp_path)

    restore(tmp_path, contents)

    def crash(step):
        if step.id == crash_after:
            raise Crash

    with pytest.raises(Crash):
        run(plan, after_step=crash)
    journal = Journal.load(jpath(plan))
    assert not journal.state.complete and crash_after in journal.state.done
    assert execute(journal).complete
    assert end_state(tmp_path) == expected


def test_crash_after_acting_but_before_journalling(tmp_path: Path, monkeypatch):
    contents = originals(tmp_path)
    plan = majority_plan(tmp_path)
    run(plan)
    expected = end_state(tmp_path)
    restore(tmp_path, contents)
    real_done = Journal.done
    for step in ("aside-3", "to-standalone", "create-cluster", "join-file-1"):

        def done(self, step_id, result, _target=step):
            if step_id == _target:
                raise Crash
            real_done(self, step_id, result)

        monkeypatch.setattr(Journal, "done", done)
        with pytest.raises(Crash):
            run(plan)
        monkeypatch.setattr(Journal, "done", real_done)
    assert run(plan).complete
    assert end_state(tmp_path) == expected


def test_journal_rules(tmp_path: Path):
    originals(tmp_path)
    plan = majority_plan(tmp_path)
    journal = Journal.create(jpath(plan), plan)
    with pytest.raises(OutputError, match="unfinished recovery journal"):
        Journal.create(jpath(plan), plan)
    journal.begin("check-stopped")
    with open(jpath(plan), "ab") as fh:
        fh.write(b'{"event":"done","st')  # torn last line: the step did not finish
    loaded = Journal.load(jpath(plan))
    assert loaded.state.started == {"check-stopped"} and loaded.state.done == {}
    assert loaded.state.plan == plan
    bad = tmp_path / "not-a-journal"
    bad.write_bytes(b'{"event":"other"}\n')
    with pytest.raises(InputError, match="not an ovsdb-backup recovery journal"):
        Journal.load(str(bad))


def test_locked_file_stops_the_run_and_resume_continues(tmp_path: Path):
    originals(tmp_path)
    plan = majority_plan(tmp_path)
    # fcntl locks belong to a process: hold it from another one, as ovsdb-server would.
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(tmp_path / "s1.db")], stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        with pytest.raises(RefusedError, match="still held"):
            run(plan)
    finally:
        holder.kill()
        holder.wait()
    assert run(plan).complete


LOCK_HOLDER = """
import sys, time
from ovsdb_backup.formats.dbfile import server_lock
with server_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_unexpected_file_in_the_way_is_not_overwritten(tmp_path: Path):
    originals(tmp_path)
    plan = majority_plan(tmp_path)
    journal = Journal.create(jpath(plan), plan)

    def squat(step):
        if step.id == "to-standalone":
            write(tmp_path / "s1.db", 1, *common_log())  # someone restored an old file

    with pytest.raises(OutputError, match="not the planned file"):
        execute(journal, after_step=squat)
    with open_db_file(str(tmp_path / "s1.db")) as f:
        assert f.is_clustered
