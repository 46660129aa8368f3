"""The backup artefact: one POSIX tar file with per-member compression and a manifest.

This package knows nothing of OVSDB: it stores named byte streams, records what the
caller tells it about them, and checks that what comes back is what went in. Format
and inspection with standard tools: docs/archive-format.md.

Writing (atomic: ``PATH.part``, fsync, link/rename; nothing under ``PATH`` on failure)::

    from ovsdb_backup.archive import ArchiveWriter, DatabaseEntry, Manifest, collect_files

    files = collect_files(["/etc/ovn"], presets=["pki"])
    with ArchiveWriter("/backups/ovn.tar", compression="zstd") as archive:
        with archive.database("OVN_Northbound") as member:   # db/OVN_Northbound.db.zst
            for chunk in snapshot_chunks():                     # uncompressed bytes
                member.write(chunk)
        nb = DatabaseEntry.from_stored(member.result, name="OVN_Northbound",
                                       schema_version="7.0.0", rows={"ACL": 12})
        archived = archive.add_files(files)
        archive.commit(Manifest.new(databases=[nb], files=archived.entries,
                                    skipped_files=files.skipped + archived.skipped))

Reading::

    with ArchiveReader("/backups/ovn.tar") as archive:
        manifest = archive.manifest()               # ArchiveError if incomplete/damaged
        with archive.open_database("OVN_Northbound") as stream:
            for chunk in stream.chunks():           # decoded; hashes checked at the end
                ...
        extract_files(archive, "/tmp/restore", restore_permissions=False)

Checking and listing: :func:`verify_archive` (findings, one read of each member, with
an optional per-database hook), :func:`list_archives` (headers and manifest only).

Errors: damaged, tampered or unsafe archives raise
:class:`~ovsdb_backup.errors.ArchiveError` (``kind``, ``member``, ``offset``); a target
that cannot be written, :class:`~ovsdb_backup.errors.OutputError`; existing files a
restore would replace, :class:`~ovsdb_backup.errors.RefusedError`.
"""

from .codecs import COMPRESSIONS, DEFAULT_COMPRESSION, extension
from .extract import ExtractResult, extract_files
from .files import PRESETS, CollectedFile, FileCollection, Preset, collect_files
from .manifest import (
    FORMAT_VERSION,
    DatabaseEntry,
    FileEntry,
    Manifest,
    SkippedFile,
    StoredMember,
)
from .names import MANIFEST_MEMBER, database_member
from .reader import ArchiveReader, MemberReader
from .store import ArchiveSummary, list_archives, summarize
from .tarformat import TarMember
from .verify import ArchiveCheck, DatabaseCheck, finding_from, verify_archive
from .writer import ArchivedFiles, ArchiveWriter, MemberWriter, Owner, WrittenArchive

__all__ = [
    "COMPRESSIONS",
    "DEFAULT_COMPRESSION",
    "FORMAT_VERSION",
    "MANIFEST_MEMBER",
    "PRESETS",
    "ArchiveCheck",
    "ArchiveReader",
    "ArchiveSummary",
    "ArchiveWriter",
    "ArchivedFiles",
    "CollectedFile",
    "DatabaseCheck",
    "DatabaseEntry",
    "ExtractResult",
    "FileCollection",
    "FileEntry",
    "Manifest",
    "MemberReader",
    "MemberWriter",
    "Owner",
    "Preset",
    "SkippedFile",
    "StoredMember",
    "TarMember",
    "WrittenArchive",
    "collect_files",
    "database_member",
    "extension",
    "extract_files",
    "finding_from",
    "list_archives",
    "summarize",
    "verify_archive",
]
