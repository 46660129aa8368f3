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
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from ..archive import ArchiveReader, DatabaseEntry
from ..errors import InputError, UsageError
from ..formats.dbfile import open_db_file
from ..formats.records import STANDALONE_MAGIC, scan
from ..formats.row_index import RowIndex
from ..formats.standalone import inserted_rows, read_schema_record, replay_standalone
from ..model.database import Database, Row
from ..model.datum import DatumError
from ..model.schema import DatabaseSchema
from ..perf import bulk_allocation
from ..protocol import OvsdbClient, Remote, TlsFiles
from .cluster_files import load_contents
from .snapshot import select_ops


class Source:
    """A database to restore or compare.

    An archive's database is decoded only when first needed: a restore that reads just
    the changes since the backup decodes just the rows those changes touch.
    """

    def __init__(
        self,
        db: Database | None,
        origin: str,  # human-readable: "ovn.tar:OVN_Northbound", a file path, a remote
        facts: dict[str, Any] | None = None,
        *,
        stored: StoredSnapshot | None = None,
    ) -> None:
        if db is None and stored is None:
            raise ValueError("a Source needs a database or a stored snapshot")
        self._db = db
        self._stored = stored
        self.origin = origin
        self.facts: dict[str, Any] = facts if facts is not None else {}
        # Where each backed-up row lies and its server _version (online backups only).
        self.row_index: RowIndex | None = stored.index if stored is not None else None

    @property
    def db(self) -> Database:
        """The whole database (decoded now if it was not yet)."""
        if self._db is None:
            assert self._stored is not None
            self._db, self._stored = self._stored.replay(), None
        return self._db

    @property
    def schema(self) -> DatabaseSchema:
        if self._db is not None:
            return self._db.schema
        assert self._stored is not None
        return self._stored.schema

    @property
    def name(self) -> str:
        return self.schema.name

    def rows(self, table: str, uuids: Iterable[str]) -> dict[str, Row]:
        """The decoded rows of ``table`` among ``uuids`` (those it does not hold left out)."""
        if self._db is None:
            assert self._stored is not None
            found = self._stored.rows(table, uuids)
            if found is not None:
                return found
        held = self.db.tables.get(table, {})
        return {u: held[u] for u in uuids if u in held}


class StoredSnapshot:
    """A standalone database file, mapped and read on demand.

    The file is a private extracted copy: it is unlinked at once (the mapping keeps it),
    so nothing is left behind however the process ends.
    """

    def __init__(self, temp: Path, label: str, index: tuple[bytes, str] | None = None) -> None:
        """``index``: the raw row index that goes with the file, and its label."""
        self._label = label
        self.index: RowIndex | None = None
        try:
            self._file = contextlib.ExitStack()
            self._mapped = self._file.enter_context(open_db_file(str(temp)))
        finally:
            temp.unlink(missing_ok=True)
        try:
            first = next(scan(self._mapped.buf, magic=STANDALONE_MAGIC), None)
            if first is None:
                raise InputError(f"{label}: empty database file")
            self.schema, _ = read_schema_record(first, label)
            if index is not None:
                self.index = RowIndex.load(index[0], self._mapped.buf, index[1])
        except BaseException:
            self._file.close()
            raise
        self._raw: dict[str, dict[str, Any]] | None = None
        self._raw_tried = False
        self._decoder = Database(self.schema)

    def close(self) -> None:
        self._file.close()

    def replay(self) -> Database:
        try:
            return replay_standalone(self._mapped.buf, path=self._label).db
        finally:
            self._file.close()

    def rows(self, table: str, uuids: Iterable[str]) -> dict[str, Row] | None:
        """Decoded rows, found through the row index (or else a raw index of the whole
        file); None if there is no index and the file is not insert-only."""
        if self.index is not None:
            return self._indexed_rows(table, uuids, self.index)
        if not self._raw_tried:
            self._raw_tried = True
            with bulk_allocation():
                raw = inserted_rows(self._mapped.buf, path=self._label)
            if raw is not None and set(raw) <= set(self.schema.tables):
                self._raw = raw
        if self._raw is None:
            return None
        held = self._raw.get(table, {})
        out: dict[str, Row] = {}
        for uuid in uuids:
            row = held.get(uuid)
            if row is None:
                continue
            out[uuid] = self._decode(table, uuid, row)
        return out

    def _indexed_rows(self, table: str, uuids: Iterable[str], index: RowIndex) -> dict[str, Row]:
        out: dict[str, Row] = {}
        for uuid in uuids:
            raw = index.row_json(self._mapped.buf, table, uuid)
            if raw is None:
                continue
            try:
                row = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                raise InputError(f"{self._label}: table {table} row {uuid}: {exc}") from None
            out[uuid] = self._decode(table, uuid, row)
        return out

    def _decode(self, table: str, uuid: str, row: Any) -> Row:
        try:
            if type(row) is not dict:
                raise DatumError("row must be a JSON object")
            return self._decoder.decode_row(table, row)
        except DatumError as exc:
            raise InputError(f"{self._label}: table {table} row {uuid}: {exc}") from None


def is_archive(path: str) -> bool:
    """A tar file (our archives), as opposed to an OVSDB database file."""
    with open(path, "rb") as fh:
        head = fh.read(6)
    return head != b"OVSDB " and tarfile.is_tarfile(path)


def archive_databases(path: str) -> list[DatabaseEntry]:
    with ArchiveReader(path) as reader:
        return list(reader.manifest().databases)


def _extract(reader: ArchiveReader, name: str, workdir: str | None) -> Path:
    fd, temp = tempfile.mkstemp(prefix=".ovsdb-backup-restore-", suffix=".db", dir=workdir)
    try:
        with os.fdopen(fd, "wb") as out, reader.open_database(name) as stream:
            for chunk in stream.chunks():  # the archive checks sizes and hashes at the end
                out.write(chunk)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


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
        index = None
        if entry.row_index is not None:  # archives of online backups have one
            with reader.open_member(entry.row_index.member) as stream:
                raw = b"".join(stream.chunks())  # the archive checks its size and hash
            index = (raw, f"{path}:{entry.row_index.member}")
        temp = _extract(reader, name, workdir)
    stored = StoredSnapshot(temp, f"{path}:{entry.member}", index)
    counted = {t: n for t, n in (entry.rows or {}).items() if n}
    if stored.index is not None and entry.rows is not None and stored.index.counts() != counted:
        stored.close()
        raise InputError(f"{stored.index.label}: the row index misses rows the manifest counts")
    return Source(None, f"{path}:{name}", entry.to_json(), stored=stored)


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
