"""``ovsdb-backup verify``: an archive's integrity, down to every OVSDB record.

The archive layer checks the tar structure, member names, the manifest and
every member's SHA-256. On the same single read of each database member this
adds the OVSDB checks: the member is decompressed to a temporary file and
read strictly by the file engine (framing, record checksums, JSON, every value
against the schema, referential integrity), and what it holds is compared with
what the manifest says (database name, schema version and checksum, rows per
table). A database's row index (online backups) must point at every row of the
database, and only at them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..archive import ArchiveCheck, ArchiveReader, DatabaseEntry, MemberReader, verify_archive
from ..errors import ArchiveError, InputError
from ..formats.dbfile import open_db_file
from ..formats.records import Frame, scan
from ..formats.row_index import RowIndex
from ..formats.standalone import replay_standalone
from ..model.database import Database
from ..results import Finding, ProgressCallback, Severity
from .inspect import integrity_findings


def _problem(kind: str, entry: DatabaseEntry, message: str) -> Finding:
    return Finding(kind, Severity.ERROR, f"{entry.member}: {message}", entry.member)


@contextlib.contextmanager
def member_file(stream: MemberReader, workdir: str | None) -> Iterator[Path]:
    """The decompressed member in a private temporary file, removed afterwards."""
    fd, name = tempfile.mkstemp(prefix=".ovsdb-backup-verify-", suffix=".db", dir=workdir)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in stream.chunks():
                out.write(chunk)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def check_database_member(
    entry: DatabaseEntry,
    stream: MemberReader,
    *,
    workdir: str | None = None,
    row_index: bytes | None = None,
) -> list[Finding]:
    """OVSDB-level findings for one database member (and its row index's raw bytes)."""
    findings: list[Finding] = []
    with member_file(stream, workdir) as path, open_db_file(str(path)) as f:
        if f.is_clustered:
            return [
                _problem(
                    "unexpected-model",
                    entry,
                    "holds a clustered file; backups hold standalone databases",
                )
            ]
        outcome = replay_standalone(f.buf, path=entry.member, strict=False)
        if outcome.stopped is not None:
            findings.append(outcome.stopped)
        findings.extend(integrity_findings(outcome.db.integrity_problems(), entry.member))
        schema = outcome.schema
        if schema.name != entry.name:
            findings.append(
                _problem(
                    "wrong-database", entry, f"holds {schema.name}, the manifest says {entry.name}"
                )
            )
        if entry.schema_version is not None and schema.version != entry.schema_version:
            findings.append(
                _problem(
                    "schema-mismatch",
                    entry,
                    f"schema version {schema.version}, the manifest says {entry.schema_version}",
                )
            )
        if entry.schema_cksum is not None and schema.cksum != entry.schema_cksum:
            findings.append(
                _problem(
                    "schema-mismatch",
                    entry,
                    f"schema cksum {schema.cksum}, the manifest says {entry.schema_cksum}",
                )
            )
        first = next(iter(scan(f.buf)), None)
        if entry.schema_sha256 is not None and isinstance(first, Frame):
            digest = hashlib.sha256(f.buf[: first.end]).hexdigest()
            if digest != entry.schema_sha256:
                findings.append(
                    _problem(
                        "schema-mismatch", entry, "the schema record differs from the one backed up"
                    )
                )
        if entry.rows is not None:
            actual = {t: n for t, n in outcome.db.row_counts().items() if n}
            expected = {t: n for t, n in entry.rows.items() if n}
            for table in sorted(set(actual) | set(expected)):
                if actual.get(table, 0) != expected.get(table, 0):
                    findings.append(
                        _problem(
                            "row-count-mismatch",
                            entry,
                            f"table {table} has {actual.get(table, 0)} rows, the manifest says "
                            f"{expected.get(table, 0)}",
                        )
                    )
        if row_index is not None and entry.row_index is not None:
            findings.extend(_index_findings(entry, row_index, f.buf, outcome.db))
    return findings


def _index_findings(entry: DatabaseEntry, raw: bytes, buf: Any, db: Database) -> list[Finding]:
    assert entry.row_index is not None
    member = entry.row_index.member
    try:
        index = RowIndex.load(raw, buf, member)
    except InputError as exc:
        return [Finding("row-index-mismatch", Severity.ERROR, exc.message, member)]
    for table in sorted(set(index.tables) | set(db.tables)):
        if set(index.versions(table)) != set(db.tables.get(table, {})):
            message = f"{member}: the rows of table {table} differ from the database's"
            return [Finding("row-index-mismatch", Severity.ERROR, message, member)]
    return []


def verify(
    path: str, *, workdir: str | None = None, progress: ProgressCallback | None = None
) -> ArchiveCheck:
    """Every check of the archive and of each database it holds."""
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file")

    def check(entry: DatabaseEntry, stream: MemberReader) -> list[Finding]:
        index = None
        if entry.row_index is not None:
            with ArchiveReader(path) as reader:
                try:
                    with reader.open_member(entry.row_index.member) as index_stream:
                        index = b"".join(index_stream.chunks())
                except ArchiveError:
                    pass  # the archive checks report it, member by member
        return check_database_member(entry, stream, workdir=workdir, row_index=index)

    return verify_archive(path, check_database=check, progress=progress)
