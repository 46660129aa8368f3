"""``db info`` and ``db check``: what a database file holds and what is wrong with it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import CorruptFileError, SchemaError
from ..formats.clustered import ClusterReplay, read_header, replay_clustered
from ..formats.dbfile import DbFile, open_db_file
from ..formats.raft_members import Member, cluster_findings, membership_findings
from ..formats.records import DefectKind
from ..formats.standalone import ReplayOutcome, replay_standalone
from ..formats.verify import scan_file
from ..model.database import Database, IntegrityProblem
from ..results import Finding, ProgressCallback, Severity

_STRUCTURAL_KINDS = {k.value for k in DefectKind}
_INTEGRITY_SEVERITY = {
    "dangling-strong-ref": Severity.ERROR,
    "duplicate-index": Severity.ERROR,
    "max-rows": Severity.ERROR,
    "dangling-weak-ref": Severity.WARNING,
    "orphan-row": Severity.WARNING,
}


@dataclass
class DbInfo:
    """Facts about one database file (``db info``)."""

    path: str
    size: int
    model: str  # standalone | clustered
    name: str | None = None
    schema_version: str | None = None
    schema_cksum: str | None = None
    records: int = 0
    last_txn_date_ms: int | None = None
    last_comment: str | None = None
    rows: dict[str, int] = field(default_factory=dict)
    raft: dict[str, Any] | None = None  # clustered facts
    problems: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = {
            "path": self.path,
            "size": self.size,
            "model": self.model,
            "name": self.name,
            "schema_version": self.schema_version,
            "schema_cksum": self.schema_cksum,
            "records": self.records,
            "last_txn_date_ms": self.last_txn_date_ms,
            "last_comment": self.last_comment,
            "rows": self.rows,
            "total_rows": sum(self.rows.values()),
            "problems": [f.to_json() for f in self.problems],
        }
        if self.raft is not None:
            data["raft"] = self.raft
        return data


def _fill_from_db(info: DbInfo, db: Database | None) -> None:
    if db is None:
        return
    info.name = db.schema.name
    info.schema_version = db.schema.version
    info.schema_cksum = db.schema.cksum
    info.rows = db.row_counts()


def raft_facts(replay: ClusterReplay) -> dict[str, Any]:
    h, log = replay.header, replay.log
    facts: dict[str, Any] = {
        "server_id": h.sid,
        "cluster_id": h.cid,
        "local_address": h.local_address,
        "joining": h.joining,
    }
    if h.joining:
        facts["remote_addresses"] = list(h.remote_addresses)
        return facts
    facts.update(
        {
            "servers": dict(log.servers()),
            "term": log.term,
            "vote": log.vote,
            "log_start": log.log_start,
            "log_end": log.log_end,
            "snapshot_index": h.prev_index,
            "snapshot_term": h.prev_term,
            "commit_index": log.commit_index,
            "applied_index": replay.applied_index,
            "last_eid": replay.applied_eid,
            "uncommitted_entries": log.uncommitted,
            "election_timer_ms": log.election_timer(),
            "left": log.left,
            "truncations": log.truncations,
        }
    )
    return facts


def file_info(path: str, *, progress: ProgressCallback | None = None) -> DbInfo:
    """Read a file leniently (like ovsdb-server) and describe it; damage is reported."""
    with open_db_file(path) as f:
        info = DbInfo(path, f.size, f.kind)
        if f.is_clustered:
            replay = replay_clustered(f.buf, path=path, strict=False, progress=progress)
            info.raft = raft_facts(replay)
            info.name = replay.header.name
            info.records = replay.log.records + 1
            info.last_txn_date_ms = replay.last_date
            info.last_comment = replay.last_comment
            _fill_from_db(info, replay.db)
            if replay.stopped:
                info.problems.append(replay.stopped)
            info.problems.extend(f for f in replay.findings if f.kind == "server-left")
        else:
            outcome = replay_standalone(f.buf, path=path, strict=False, progress=progress)
            info.records = outcome.records
            info.last_txn_date_ms = outcome.last_date
            info.last_comment = outcome.last_comment
            _fill_from_db(info, outcome.db)
            if outcome.stopped:
                info.problems.append(outcome.stopped)
    return info


@dataclass
class FileCheck:
    """The verdict on one file."""

    path: str
    model: str | None
    size: int
    records: int = 0
    findings: list[Finding] = field(default_factory=list)
    replay: ClusterReplay | None = field(default=None, repr=False)

    @property
    def clean(self) -> bool:
        return not any(f.severity is not Severity.INFO for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "model": self.model,
            "size": self.size,
            "records": self.records,
            "clean": self.clean,
            "problems": [f.to_json() for f in self.findings],
        }


@dataclass
class CheckReport:
    files: list[FileCheck]
    cluster: list[Finding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return all(f.clean for f in self.files) and not any(
            f.severity is not Severity.INFO for f in self.cluster
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "clean": self.clean,
            "files": [f.to_json() for f in self.files],
            "cluster": [f.to_json() for f in self.cluster],
        }


def integrity_findings(problems: Sequence[IntegrityProblem], path: str) -> list[Finding]:
    return [
        Finding(
            p.kind,
            _INTEGRITY_SEVERITY.get(p.kind, Severity.ERROR),
            p.message,
            path,
            details={"table": p.table, "row": p.row},
        )
        for p in problems
    ]


def _structural(f: DbFile, check: FileCheck, progress: ProgressCallback | None) -> None:
    report = scan_file(f.buf, path=f.path, progress=progress)
    check.records = report.records
    check.findings.extend(report.findings)


def _merge_stop(check: FileCheck, stopped: Finding | None, f: DbFile) -> None:
    """A replay that stopped early: list the full structural damage as well."""
    if stopped is None:
        return
    if stopped.kind not in _STRUCTURAL_KINDS:
        check.findings.append(stopped)
    _structural(f, check, None)


def _check_standalone(f: DbFile, check: FileCheck, progress: ProgressCallback | None) -> None:
    outcome: ReplayOutcome = replay_standalone(f.buf, path=f.path, strict=False, progress=progress)
    check.records = outcome.records
    _merge_stop(check, outcome.stopped, f)
    check.findings.extend(integrity_findings(outcome.db.integrity_problems(), f.path))


def _check_clustered(f: DbFile, check: FileCheck, progress: ProgressCallback | None) -> None:
    replay = replay_clustered(f.buf, path=f.path, strict=False, progress=progress)
    check.replay = replay
    check.records = replay.log.records + 1
    check.findings.extend(replay.findings)
    _merge_stop(check, replay.stopped, f)
    log = replay.log
    if replay.header.joining:
        check.findings.append(
            Finding(
                "joining",
                Severity.INFO,
                "this server has not joined its cluster yet "
                f"(remotes: {', '.join(replay.header.remote_addresses)})",
                f.path,
            )
        )
        return
    if log.uncommitted > 0:
        check.findings.append(
            Finding(
                "uncommitted-entries",
                Severity.INFO,
                f"{log.uncommitted} entr{'y' if log.uncommitted == 1 else 'ies'} after commit "
                f"index {log.commit_index} (index {log.commit_index + 1}..{log.last_index}) are "
                "not known to be committed in this file",
                f.path,
            )
        )
    check.findings.extend(membership_findings([Member(f.path, log)]))
    if replay.db is not None:
        check.findings.extend(integrity_findings(replay.db.integrity_problems(), f.path))


def check_file(
    path: str, *, quick: bool = False, progress: ProgressCallback | None = None
) -> FileCheck:
    with open_db_file(path) as f:
        check = FileCheck(path, f.kind, f.size)
        if quick:
            _structural(f, check, progress)
            return check
        try:
            if f.is_clustered:
                _check_clustered(f, check, progress)
            else:
                _check_standalone(f, check, progress)
        except (CorruptFileError, SchemaError) as exc:
            # Record 0 (schema or header) is unusable: nothing can be replayed, but the
            # structure of the rest of the file is still worth reporting.
            check.findings.clear()
            _structural(f, check, None)
            if not any(x.record == 0 for x in check.findings):
                check.findings.insert(
                    0, Finding("bad-first-record", Severity.ERROR, exc.message, path, 0, 0)
                )
    return check


def check_files(
    paths: Sequence[str], *, quick: bool = False, progress: ProgressCallback | None = None
) -> CheckReport:
    """Check each file; with several clustered files, also their mutual consistency."""
    report = CheckReport([check_file(p, quick=quick, progress=progress) for p in paths])
    members = [
        Member(c.path, c.replay.log)
        for c in report.files
        if c.replay is not None and not c.replay.header.joining
    ]
    if len(members) > 1:
        report.cluster = cluster_findings(members)
    return report


def header_summary(path: str) -> dict[str, Any]:
    """The header of a clustered file only (cheap), for commands that need ids."""
    with open_db_file(path) as f:
        if not f.is_clustered:
            return {"model": "standalone"}
        header, _ = read_header(f.buf, path)
        return {
            "model": "clustered",
            "server_id": header.sid,
            "cluster_id": header.cid,
            "name": header.name,
            "local_address": header.local_address,
        }
