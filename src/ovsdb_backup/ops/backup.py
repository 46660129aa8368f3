"""``ovsdb-backup backup``: every database of a deployment, in one verifiable archive.

Online sources are snapshotted through :mod:`.snapshot` (safe server choice,
one atomic streamed select per database, retries on another server); offline
sources (``--from-file``) are read with the file engine (clustered member files
give their committed contents). Configuration files are collected without
following links. Everything goes into one archive written atomically.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..archive import (
    ArchiveWriter,
    DatabaseEntry,
    FileCollection,
    Manifest,
    collect_files,
)
from ..errors import InputError, OutputError, ServerError, UsageError
from ..formats.clustered import read_header, replay_clustered
from ..formats.dbfile import AtomicWriter, open_db_file
from ..formats.standalone import write_compacted
from ..model.database import Database
from ..protocol import OvsdbClient, RemoteList, RolePolicy, TlsFiles
from ..results import ProgressCallback
from .snapshot import Snapshot, take_snapshot

log = logging.getLogger(__name__)

# Called with a database name: returns the progress callback for its transfer.
ProgressFactory = Callable[[str], ProgressCallback | None]


@dataclass
class BackupOptions:
    output: str
    remotes: list[RemoteList] = field(default_factory=list)
    databases: list[str] | None = None  # None: every database the servers host
    from_files: list[str] = field(default_factory=list)
    compression: str = "zstd"
    files: list[str] = field(default_factory=list)
    presets: list[str] = field(default_factory=list)
    root: str = "/"
    role: RolePolicy = RolePolicy.LEADER_ONLY
    tls: TlsFiles | None = None
    overwrite: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    notes: str | None = None
    jobs: int = 2
    timeout: float | None = None
    row_versions: bool = False  # a row index with each row's _version (see formats/row_index)


@dataclass
class DatabaseBackup:
    entry: DatabaseEntry
    source: str
    seconds: float
    attempts: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.entry.to_json(),
            "source": self.source,
            "seconds": round(self.seconds, 3),
            "attempts": self.attempts,
        }


@dataclass
class BackupResult:
    path: str
    size: int
    databases: list[DatabaseBackup]
    files: int
    skipped_files: int
    seconds: float
    manifest: Manifest

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "size": self.size,
            "seconds": round(self.seconds, 3),
            "databases": [d.to_json() for d in self.databases],
            "files": self.files,
            "skipped_files": self.skipped_files,
            "created": self.manifest.to_json().get("created"),
        }


def default_archive_name(directory: str = ".") -> str:
    """``ovsdb-backup-<host>-<UTC time>.tar`` in ``directory``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return os.path.join(directory, f"ovsdb-backup-{socket.gethostname()}-{stamp}.tar")


async def _databases_of(group: RemoteList, tls: TlsFiles | None) -> list[str]:
    """The databases the first reachable server of ``group`` hosts (``_Server`` excluded)."""
    errors = []
    for remote in group.remotes:
        try:
            async with OvsdbClient(remote, tls=tls, connect_timeout=5, request_timeout=10) as c:
                return [db for db in await c.list_dbs() if db != "_Server"]
        except ServerError as exc:
            errors.append(str(exc))
    raise ServerError(f"no server of {group} answers: {'; '.join(errors)}", remote=str(group))


async def plan_targets(
    remotes: Sequence[RemoteList], wanted: list[str] | None, tls: TlsFiles | None
) -> list[tuple[RemoteList, str]]:
    """(remote group, database) pairs to back up; each database from one group only."""
    hosted = await asyncio.gather(*(_databases_of(g, tls) for g in remotes))
    targets: list[tuple[RemoteList, str]] = []
    seen: dict[str, RemoteList] = {}
    for group, names in zip(remotes, hosted, strict=True):
        for name in names:
            if wanted is not None and name not in wanted:
                continue
            if name in seen:
                raise UsageError(
                    f"database {name} is served by both {seen[name]} and {group}",
                    hint="pass --db to say which databases to take, or one --remote per deployment",
                )
            seen[name] = group
            targets.append((group, name))
    missing = [n for n in wanted or [] if n not in seen]
    if missing:
        raise UsageError(
            f"no given remote serves {', '.join(missing)}",
            hint=f"they serve: {', '.join(sorted(seen)) or 'nothing'}",
        )
    return targets


async def _snapshots(
    targets: list[tuple[RemoteList, str]],
    workdir: Path,
    opts: BackupOptions,
    progress: ProgressFactory,
) -> list[tuple[Snapshot, float]]:
    limit = asyncio.Semaphore(max(1, opts.jobs))
    taken: list[Snapshot] = []

    async def one(group: RemoteList, db: str) -> tuple[Snapshot, float]:
        async with limit:
            start = time.monotonic()
            log.info("snapshot of %s from %s", db, group)
            snap = await take_snapshot(
                group,
                db,
                workdir,
                tls=opts.tls,
                role=opts.role,
                timeout=opts.timeout,
                progress=progress(db),
                row_versions=opts.row_versions,
            )
            taken.append(snap)
            log.info(
                "snapshot of %s: %d rows from %s (%d bytes)",
                db,
                sum(snap.rows.values()),
                snap.remote,
                snap.size,
            )
            return snap, time.monotonic() - start

    try:
        return list(await asyncio.gather(*(one(g, db) for g, db in targets)))
    except BaseException:
        for snap in taken:  # never leave snapshot bodies behind
            snap.discard()
        raise


def _file_source(path: str, workdir: Path) -> tuple[str, Path, dict[str, Any]]:
    """A database file given offline: its committed contents as a compacted temp file."""
    with open_db_file(path) as f:
        facts: dict[str, Any] = {"remote": f"file:{os.path.abspath(path)}", "records": 2}
        db: Database | None
        if f.is_clustered:
            header, _ = read_header(f.buf, path)
            replay = replay_clustered(f.buf, path=path, accept_torn_tail=True)
            db = replay.db
            facts.update(
                model="clustered",
                cid=header.cid,
                sid=header.sid,
                raft_index=replay.applied_index,
                last_txn_id=replay.applied_eid,
            )
            if replay.stopped is not None:
                facts["note"] = f"read up to the damage: {replay.stopped.message}"
        else:
            from ..formats.standalone import replay_standalone

            db = replay_standalone(f.buf, path=path).db
            facts["model"] = "standalone"
    if db is None:
        raise InputError(f"{path}: holds no data (a server that never joined its cluster)")
    temp = workdir / f".{db.schema.name}.from-file-{os.getpid()}.part"
    with AtomicWriter(str(temp), overwrite=True, mode=0o600) as out:
        write_compacted(
            out,
            db,
            db.schema.to_bytes() + b"\n",
            f"ovsdb-backup {__version__} from {os.path.abspath(path)}",
        )
        out.commit()
    facts.update(
        schema_version=db.schema.version,
        schema_cksum=db.schema.cksum,
        rows={t: n for t, n in db.row_counts().items() if n},
    )
    return db.schema.name, temp, facts


def _file_chunks(path: Path) -> Any:
    with open(path, "rb") as fh:
        while chunk := fh.read(8 << 20):
            yield chunk


def run_backup(opts: BackupOptions, progress: ProgressFactory = lambda _db: None) -> BackupResult:
    """Take every requested database and the configuration files into one archive."""
    started = time.monotonic()
    if not opts.remotes and not opts.from_files:
        raise UsageError("nothing to back up: give --remote or --from-file")
    output = os.path.abspath(opts.output)
    workdir = Path(os.path.dirname(output))
    if not workdir.is_dir():
        raise OutputError(f"{workdir}: the archive's directory does not exist")
    if os.path.lexists(output) and not opts.overwrite:
        raise OutputError(
            f"{output}: already exists; refusing to overwrite it",
            hint="choose another name, or pass --force",
        )
    files = _collect(opts)  # fail on a mistyped --files path before any long work
    targets = (
        asyncio.run(plan_targets(opts.remotes, opts.databases, opts.tls)) if opts.remotes else []
    )
    snapshots = asyncio.run(_snapshots(targets, workdir, opts, progress)) if targets else []
    done: list[DatabaseBackup] = []
    try:
        with ArchiveWriter(
            output, overwrite=opts.overwrite, compression=opts.compression
        ) as archive:
            for snap, seconds in snapshots:
                stored = archive.add_database(snap.db, snap.chunks(), total=snap.size)
                index = None
                if snap.index_path is not None:
                    index = archive.add_row_index(snap.db, snap.index_chunks())
                done.append(
                    DatabaseBackup(
                        DatabaseEntry.from_stored(stored, row_index=index, **snap.facts()),
                        snap.remote,
                        seconds,
                        snap.attempts,
                    )
                )
                snap.discard()
            for path in opts.from_files:
                start = time.monotonic()
                name, temp, facts = _file_source(path, workdir)
                try:
                    if any(d.entry.name == name for d in done):
                        raise UsageError(f"database {name} is given twice (online and {path})")
                    stored = archive.add_database(name, _file_chunks(temp))
                finally:
                    temp.unlink(missing_ok=True)
                done.append(
                    DatabaseBackup(
                        DatabaseEntry.from_stored(stored, name=name, **facts),
                        facts["remote"],
                        time.monotonic() - start,
                    )
                )
            archived = archive.add_files(files)
            manifest = Manifest.new(
                databases=[d.entry for d in done],
                files=archived.entries,
                skipped_files=files.skipped + archived.skipped,
                labels=opts.labels or None,
                notes=opts.notes,
            )
            written = archive.commit(manifest)
    finally:
        for snap, _ in snapshots:
            snap.discard()
    log.info("archive %s written: %d databases, %d files", output, len(done), len(archived.entries))
    return BackupResult(
        output,
        written.size,
        done,
        len(archived.entries),
        len(manifest.skipped_files),
        time.monotonic() - started,
        manifest,
    )


def _collect(opts: BackupOptions) -> FileCollection:
    if not opts.files and not opts.presets:
        return FileCollection()
    try:
        files = collect_files(opts.files, presets=opts.presets, root=opts.root)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if files.missing_requested:
        raise InputError(
            f"--files: no such file or directory: {', '.join(files.missing_requested)}"
        )
    return files
