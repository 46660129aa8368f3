"""Where a database to restore or compare comes from: an archive, a file, a live server.

Each source becomes a :class:`Source`: a :class:`~..model.database.Database` in
memory plus what is known about its origin (the archive manifest's facts: cluster
id, last transaction id, Raft index, ...).
"""

from __future__ import annotations

import contextlib
import os
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..archive import ArchiveReader, DatabaseEntry
from ..errors import InputError, UsageError
from ..formats.dbfile import open_db_file
from ..formats.standalone import replay_standalone
from ..model.database import Database
from ..model.schema import DatabaseSchema
from ..perf import bulk_allocation
from ..protocol import OvsdbClient, Remote, TlsFiles
from .cluster_files import load_contents
from .snapshot import select_ops


@dataclass
class Source:
    """A database to restore or compare, in memory."""

    db: Database
    origin: str  # human-readable: "ovn.tar:OVN_Northbound", a file path, a remote
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.db.schema.name


def is_archive(path: str) -> bool:
    """A tar file (our archives), as opposed to an OVSDB database file."""
    with open(path, "rb") as fh:
        head = fh.read(6)
    return head != b"OVSDB " and tarfile.is_tarfile(path)


def archive_databases(path: str) -> list[DatabaseEntry]:
    with ArchiveReader(path) as reader:
        return list(reader.manifest().databases)


@contextlib.contextmanager
def _extracted(reader: ArchiveReader, name: str, workdir: str | None) -> Iterator[Path]:
    fd, temp = tempfile.mkstemp(prefix=".ovsdb-backup-restore-", suffix=".db", dir=workdir)
    try:
        with os.fdopen(fd, "wb") as out, reader.open_database(name) as stream:
            for chunk in stream.chunks():  # the archive checks sizes and hashes at the end
                out.write(chunk)
        yield Path(temp)
    finally:
        Path(temp).unlink(missing_ok=True)


def load_from_archive(path: str, name: str | None, *, workdir: str | None = None) -> Source:
    """One database of an archive (``name`` may be omitted if it holds only one)."""
    with ArchiveReader(path) as reader:
        manifest = reader.manifest()
        names = [d.name for d in manifest.databases]
        if name is None:
            if len(names) != 1:
                raise UsageError(f"{path} holds {', '.join(names)}: say which with --db")
            name = names[0]
        entry = next((d for d in manifest.databases if d.name == name), None)
        if entry is None:
            raise InputError(f"{path} has no database {name} (it holds {', '.join(names)})")
        with _extracted(reader, name, workdir) as temp, open_db_file(str(temp)) as f:
            db = replay_standalone(f.buf, path=f"{path}:{entry.member}").db
    return Source(db, f"{path}:{name}", entry.to_json())


def load_from_file(path: str) -> Source:
    """A standalone file, or a clustered member file (its committed contents)."""
    db = load_contents(path)
    return Source(db, path, {"remote": f"file:{os.path.abspath(path)}"})


def load(path: str, name: str | None = None, *, workdir: str | None = None) -> Source:
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file")
    if is_archive(path):
        return load_from_archive(path, name, workdir=workdir)
    source = load_from_file(path)
    if name is not None and source.name != name:
        raise InputError(f"{path} holds {source.name}, not {name}")
    return source


async def read_live(
    client: OvsdbClient, db_name: str, schema: DatabaseSchema | None = None
) -> Database:
    """The whole live database, streamed into memory with one atomic select.

    Ephemeral columns are not read (nothing restores them: the server owns them).
    """
    if schema is None:
        schema = await client.get_schema(db_name)
    db = Database(schema)
    tables, ops = select_ops(schema)

    def sink(op_index: int, rows: list[dict[str, Any]]) -> None:
        batch = {}
        for row in rows:
            uuid = row.pop("_uuid")[1]
            row.pop("_version", None)
            batch[uuid] = row
        db.apply_txn({tables[op_index]: batch})

    with bulk_allocation():
        await client.transact_stream(db_name, ops, sink)
    return db


async def load_live(remote: Remote, db_name: str, *, tls: TlsFiles | None = None) -> Source:
    async with OvsdbClient(remote, tls=tls, request_timeout=None) as client:
        db = await read_live(client, db_name)
    return Source(db, str(remote))
