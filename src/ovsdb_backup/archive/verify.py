"""Archive-level verification: structure, manifest, and every member's bytes.

Each problem becomes a :class:`~ovsdb_backup.results.Finding` whose ``kind`` names the
reason and whose ``path`` names the member. What a database member *means* (records,
schema, integrity) is checked by the caller's ``check_database``, run on the same
single read of the member, so verifying a large archive reads it once.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..errors import ArchiveError, InputError
from ..results import Finding, ProgressCallback, Severity
from .manifest import DatabaseEntry, Manifest, StoredMember
from .names import MANIFEST_MEMBER
from .reader import ArchiveReader, MemberReader, unsafe_reason
from .tarformat import padded

DatabaseCheck = Callable[[DatabaseEntry, MemberReader], Iterable[Finding]]
"""Checks a database member while verify reads it; returns findings.

It may read the stream as far as it likes (verify reads the rest and checks hashes),
and may let the stream's ArchiveError through: it becomes the member's finding.
An InputError it raises becomes a ``database-check-failed`` finding.
"""


@dataclass
class ArchiveCheck:
    """The outcome of :func:`verify_archive`."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    manifest: Manifest | None = None
    members_checked: int = 0
    bytes_checked: int = 0

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "ok": self.ok,
            "members_checked": self.members_checked,
            "bytes_checked": self.bytes_checked,
            "findings": [f.to_json() for f in self.findings],
        }


def finding_from(exc: ArchiveError, severity: Severity = Severity.ERROR) -> Finding:
    """The finding for an ArchiveError (its kind, member and offset)."""
    return Finding(
        kind=exc.kind,
        severity=severity,
        message=exc.message,
        path=exc.member,
        offset=exc.offset,
    )


def verify_archive(
    path: str | os.PathLike[str],
    *,
    check_database: DatabaseCheck | None = None,
    progress: ProgressCallback | None = None,
) -> ArchiveCheck:
    """Check ``path``: tar structure, safe member names and types, the manifest, the
    member list against it, and each member's sizes, SHA-256 and decoding.

    Raises InputError only when the file cannot be opened at all; every defect of the
    archive is a finding.
    """
    with ArchiveReader(path) as reader:
        check = ArchiveCheck(path=reader.path)
        _check_structure(reader, check)
        try:
            check.manifest = reader.manifest()
        except ArchiveError as exc:
            if reader.index.defect is not None and exc.kind == reader.index.defect.kind:
                # Already reported as the structural defect; say what it means.
                exc = ArchiveError(
                    "no manifest before the damage: the archive is incomplete",
                    kind="missing-manifest",
                    member=MANIFEST_MEMBER,
                )
            check.findings.append(finding_from(exc))
            return check
        _check_padding(reader, check)
        expected = _check_member_lists(reader, check.manifest, check)
        total = sum(m.size for m in expected)
        databases = {db.member: db for db in check.manifest.databases}
        for stored in expected:
            _check_member(reader, stored, databases.get(stored.member), check_database, check)
            if progress is not None:
                progress(check.bytes_checked, total)
        return check


def _check_structure(reader: ArchiveReader, check: ArchiveCheck) -> None:
    if reader.index.defect is not None:
        check.findings.append(finding_from(reader.index.defect))
    for member, reason in reader.unsafe_members():
        check.findings.append(
            Finding(
                kind="unsafe-member",
                severity=Severity.ERROR,
                message=f"member {member.name!r} is refused: {reason}",
                path=member.name,
                offset=member.header_offset,
            )
        )
    counts = Counter(m.name for m in reader.index.members)
    for name, count in sorted(counts.items()):
        if count > 1:
            check.findings.append(
                Finding(
                    kind="duplicate-member",
                    severity=Severity.ERROR,
                    message=f"member {name!r} appears {count} times",
                    path=name,
                )
            )


def _check_padding(reader: ArchiveReader, check: ArchiveCheck) -> None:
    """The zeros after each member's data: no hash covers them, so check them here."""
    for member in reader.index.members:
        length = padded(member.size) - member.size
        if length and reader.read_at(member.data_offset + member.size, length).count(0) != length:
            check.findings.append(
                Finding(
                    kind="bad-padding",
                    severity=Severity.ERROR,
                    message=f"member {member.name!r}: the padding after its data is not zeros "
                    "(the archive is damaged)",
                    path=member.name,
                    offset=member.data_offset + member.size,
                )
            )


def _check_member_lists(
    reader: ArchiveReader, manifest: Manifest, check: ArchiveCheck
) -> list[StoredMember]:
    """Missing and extra members; returns the listed members that are present."""
    present = {m.name for m in reader.index.members}
    listed = manifest.stored_members()
    for stored in listed:
        if stored.member not in present:
            check.findings.append(
                Finding(
                    kind="missing-member",
                    severity=Severity.ERROR,
                    message=f"member {stored.member!r} is in the manifest but not in the archive",
                    path=stored.member,
                )
            )
    names = {s.member for s in listed} | {MANIFEST_MEMBER}
    for member in reader.index.members:
        if member.name not in names and unsafe_reason(member) is None:
            check.findings.append(
                Finding(
                    kind="extra-member",
                    severity=Severity.ERROR,
                    message=f"member {member.name!r} is in the archive but not in the manifest",
                    path=member.name,
                    offset=member.header_offset,
                )
            )
    last = reader.index.members[-1] if reader.index.members else None
    if last is not None and last.name != MANIFEST_MEMBER:
        check.findings.append(
            Finding(
                kind="manifest-not-last",
                severity=Severity.WARNING,
                message=f"{MANIFEST_MEMBER} is not the last member (the archive was changed "
                "after it was written)",
                path=MANIFEST_MEMBER,
            )
        )
    return [s for s in listed if s.member in present]


def _check_member(
    reader: ArchiveReader,
    stored: StoredMember,
    database: DatabaseEntry | None,
    check_database: DatabaseCheck | None,
    check: ArchiveCheck,
) -> None:
    if unsafe_reason(reader.member(stored.member)) is not None:
        return  # already reported; never read
    check.members_checked += 1
    stream: MemberReader | None = None
    try:
        stream = reader.open_member(stored.member)
        if database is not None and check_database is not None:
            try:
                check.findings.extend(check_database(database, stream))
            except ArchiveError:
                raise
            except InputError as exc:
                check.findings.append(
                    Finding(
                        kind="database-check-failed",
                        severity=Severity.ERROR,
                        message=f"database {database.name!r}: {exc.message}",
                        path=stored.member,
                    )
                )
        stream.drain()
    except ArchiveError as exc:
        check.findings.append(finding_from(exc))
    finally:
        if stream is not None:
            check.bytes_checked += stream.stored_done
            stream.close()
