"""An online, consistent snapshot of one database, as a standalone database file.

One ``transact`` selecting every persistent column of every table is an
atomic snapshot (what ``ovsdb-client backup`` does). Unlike that tool, the
reply is never held in memory: rows stream from the socket into the data
record's body on disk while it is hashed, so client memory stays at a few
batches whatever the database size. The result is schema record + one
transaction record, the framing ``ovsdb-client backup`` writes, which
``ovsdb-server`` opens directly; row UUIDs are the live ones.

The server is chosen through ``_Server`` (connected, joined, right cluster,
not older than the highest index seen, leader preferred); the same checks
are repeated after the snapshot, and a failure or a lost leadership moves on to
another server.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from .. import __version__
from ..errors import OutputError, ServerError
from ..formats.dbfile import AtomicWriter
from ..formats.records import STANDALONE_MAGIC, encode_record
from ..formats.row_index import UUID_KEY_BYTES, RowIndexWriter, version_key
from ..model.datum import ColumnCodec
from ..model.schema import DatabaseSchema
from ..protocol import (
    Candidate,
    OvsdbClient,
    Remote,
    RemoteList,
    RolePolicy,
    ServerDatabase,
    TlsFiles,
    choose_server,
)
from ..protocol.errors import ConnectionLost, RequestTimeout
from ..results import ProgressCallback

ZERO_TXN = "00000000-0000-0000-0000-000000000000"
_COPY_CHUNK = 8 << 20


@dataclass
class Snapshot:
    """A finished snapshot: the data record body lives in ``body_path`` until used."""

    db: str
    remote: str
    server: ServerDatabase
    schema: DatabaseSchema
    schema_record: bytes
    body_path: Path
    body_length: int
    body_sha1: str
    rows: dict[str, int]
    date_ms: int
    raft_index: int | None = None  # _Server index before the snapshot (a lower bound)
    raft_index_after: int | None = None
    last_txn_id: str | None = None  # None for standalone servers (no history)
    exact: bool = True  # nothing was committed between the before and after readings
    attempts: list[str] = field(default_factory=list)  # why earlier servers were abandoned
    index_path: Path | None = None  # the row index (see formats/row_index.py)

    @property
    def data_header(self) -> bytes:
        return _data_header(self.body_length, self.body_sha1)

    @property
    def size(self) -> int:
        return len(self.schema_record) + len(self.data_header) + self.body_length

    def chunks(self) -> Iterator[bytes]:
        """The whole standalone database file, in pieces of at most 8 MiB."""
        yield self.schema_record
        yield self.data_header
        with open(self.body_path, "rb") as body:
            while chunk := body.read(_COPY_CHUNK):
                yield chunk

    def write_to(self, path: str, *, overwrite: bool = False) -> int:
        with AtomicWriter(path, overwrite=overwrite, mode=0o600) as out:
            for chunk in self.chunks():
                out.write(chunk)
            out.commit()
            return out.bytes_written

    def index_chunks(self) -> Iterator[bytes]:
        assert self.index_path is not None
        with open(self.index_path, "rb") as index:
            while chunk := index.read(_COPY_CHUNK):
                yield chunk

    def discard(self) -> None:
        self.body_path.unlink(missing_ok=True)
        if self.index_path is not None:
            self.index_path.unlink(missing_ok=True)

    def facts(self) -> dict[str, Any]:
        """What a manifest records about this snapshot."""
        return {
            "name": self.db,
            "schema_version": self.schema.version,
            "schema_cksum": self.schema.cksum,
            "schema_sha256": hashlib.sha256(self.schema_record).hexdigest(),
            "model": self.server.model,
            "cid": self.server.cid,
            "sid": self.server.sid,
            "leader": self.server.leader,
            "raft_index": self.raft_index,
            "raft_index_after": self.raft_index_after,
            "last_txn_id": self.last_txn_id,
            "exact": self.exact,
            "remote": self.remote,
            "rows": self.rows,
            "records": 2,
            "date_ms": self.date_ms,
        }


class _BodyWriter:
    """Turns streamed select rows into the JSON body of one insert-everything record."""

    def __init__(
        self,
        out: BinaryIO,
        tables: list[str],
        schema: DatabaseSchema,
        index: RowIndexWriter | None = None,
    ) -> None:
        self.out = out
        self.index = index
        self.tables = tables
        self.defaults = {
            t: {
                c: ColumnCodec(col.type).encode(ColumnCodec(col.type).default())
                for c, col in schema.tables[t].columns.items()
            }
            for t in tables
        }
        self.digest = hashlib.sha1(usedforsecurity=False)
        self.length = 0
        self.rows: dict[str, int] = {}
        self.current: int | None = None
        self.first_in_table = True

    def _emit(self, data: bytes) -> None:
        self.out.write(data)
        self.digest.update(data)
        self.length += len(data)

    def on_rows(self, op_index: int, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if op_index != self.current:
            prefix = b"{" if self.current is None else b"},"
            self._emit(prefix + orjson.dumps(self.tables[op_index]) + b":{")
            self.current = op_index
            self.first_in_table = True
        table = self.tables[op_index]
        defaults = self.defaults[table]
        dumps = orjson.dumps
        # Each row is dumped on its own so that the row index can say where it lies.
        parts: list[bytes] = []
        entries: list[str | int] = []  # version, length, version, length ...
        for row in rows:
            row_uuid = row.pop("_uuid")[1]
            version = row.pop("_version", None)
            # Columns at their default are left out, as ovsdb-tool compact does.
            body = dumps({c: v for c, v in row.items() if defaults.get(c, _MISSING) != v})
            parts.append(b'"%s":%s' % (row_uuid.encode(), body))
            if self.index is not None:
                if version is None:
                    raise ServerError(f"the server sent a row of {table} without _version")
                entries += (version_key(version[1]), len(body))
        self.rows[table] = self.rows.get(table, 0) + len(parts)
        piece = b",".join(parts)
        comma = b"" if self.first_in_table else b","
        if self.index is not None:
            # The batch's first object starts after the comma and its '"<uuid>":' key.
            self.index.add(table, self.length + len(comma) + UUID_KEY_BYTES, entries)
        piece = comma + piece
        self._emit(piece)
        self.first_in_table = False

    def finish(self, meta: dict[str, Any]) -> None:
        """Close the last table object (if any) and add the record's metadata members."""
        tail = orjson.dumps(meta)[1:]
        self._emit((b"{" if self.current is None else b"},") + tail + b"\n")


_MISSING = object()


def select_ops(
    schema: DatabaseSchema, *, versions: bool = False
) -> tuple[list[str], list[dict[str, Any]]]:
    """One select per table, of every persistent column (ephemeral ones are not kept),
    and each row's ``_version`` if asked."""
    tables = sorted(schema.tables)
    ids = ["_uuid", "_version"] if versions else ["_uuid"]
    ops = [
        {"op": "select", "table": t, "where": [], "columns": [*ids, *schema.persistent_columns(t)]}
        for t in tables
    ]
    return tables, ops


async def _last_txn_id(client: OvsdbClient, db: str, schema: DatabaseSchema) -> str | None:
    """The id of the last committed transaction (clustered and relay servers only)."""
    table = sorted(schema.tables)[0]
    monitor_id = f"ovsdb-backup-{uuid.uuid4()}"
    reply = await client.monitor_cond_since(
        db, monitor_id, {table: [{"columns": [], "where": [False]}]}, None
    )
    await client.monitor_cancel(monitor_id)
    return None if reply.last_id == ZERO_TXN else reply.last_id


async def _index(client: OvsdbClient, db: str) -> ServerDatabase:
    row = await client.server_database(db)
    if row is None:
        raise ServerError(f"{client.remote}: no longer serves {db}", remote=str(client.remote))
    return row


async def _snapshot_from(
    remote: Remote,
    db: str,
    workdir: Path,
    *,
    tls: TlsFiles | None,
    role: RolePolicy,
    min_index: int | None,
    timeout: float | None,
    progress: ProgressCallback | None,
    row_versions: bool,
) -> Snapshot:
    async with OvsdbClient(remote, tls=tls) as client:
        before = await _index(client, db)
        schema = await client.get_schema(db)
        history = before.model != "standalone"  # only clustered and relay keep txn ids
        txn_before = await _last_txn_id(client, db, schema) if history else None
        tables, ops = select_ops(schema, versions=row_versions)
        schema_record = encode_record(STANDALONE_MAGIC, orjson.dumps(schema.json) + b"\n")
        fd, tmp = _temp_file(workdir, db)
        try:
            index_fd, index_tmp = _temp_file(workdir, db, "index") if row_versions else (-1, "")
        except BaseException:
            os.close(fd)
            Path(tmp).unlink(missing_ok=True)
            raise
        try:
            with (
                os.fdopen(fd, "wb", buffering=1 << 20) as out,
                _maybe_open(index_fd) as index_out,
            ):
                index = RowIndexWriter(index_out) if index_out is not None else None
                writer = _BodyWriter(out, tables, schema, index)

                def sink(op_index: int, rows: list[dict[str, Any]]) -> None:
                    writer.on_rows(op_index, rows)
                    if progress is not None:
                        progress(writer.length, None)

                date_ms = int(time.time() * 1000)
                await client.transact_stream(db, ops, sink, timeout=timeout)
                after = await _index(client, db)
                txn_after = await _last_txn_id(client, db, schema) if history else None
                writer.finish(
                    {
                        "_date": date_ms,
                        "_comment": f"ovsdb-backup {__version__} snapshot of {db} from {remote}",
                        "_is_diff": True,
                    }
                )
                if index is not None:
                    header = _data_header(writer.length, writer.digest.hexdigest())
                    index.finish(body_offset=len(schema_record) + len(header))
                for done in (out, index_out):
                    if done is not None:
                        done.flush()
                        os.fsync(done.fileno())
        except BaseException:
            for path in (tmp, index_tmp):
                if path:
                    Path(path).unlink(missing_ok=True)
            raise
        problem = _recheck(after, before, role, min_index)
        if problem is not None:
            for path in (tmp, index_tmp):
                if path:
                    Path(path).unlink(missing_ok=True)
            raise ServerError(f"{remote}: {problem} during the snapshot", remote=str(remote))
        return Snapshot(
            db,
            str(remote),
            after,
            schema,
            schema_record,
            Path(tmp),
            writer.length,
            writer.digest.hexdigest(),
            writer.rows,
            date_ms,
            raft_index=before.index,
            raft_index_after=after.index,
            last_txn_id=txn_after,
            exact=(before.index == after.index and txn_before == txn_after),
            index_path=Path(index_tmp) if index_tmp else None,
        )


def _recheck(
    after: ServerDatabase, before: ServerDatabase, role: RolePolicy, min_index: int | None
) -> str | None:
    """Why the snapshot cannot be trusted, judged on the server's state after it."""
    if not after.connected:
        return "lost contact with its cluster (connected: false)"
    if role is RolePolicy.LEADER_ONLY and before.leader and not after.leader:
        return "lost leadership"
    if after.cid != before.cid:
        return f"changed cluster id ({before.cid} -> {after.cid})"
    if after.index is not None and min_index is not None and after.index < min_index:
        return f"index {after.index} went below {min_index}"
    return None


def _maybe_open(fd: int) -> contextlib.AbstractContextManager[BinaryIO | None]:
    """The file of ``fd``, or None for -1 (no row index wanted)."""
    if fd < 0:
        return contextlib.nullcontext()
    return os.fdopen(fd, "wb", buffering=1 << 20)


def _data_header(length: int, sha1: str) -> bytes:
    return b"OVSDB %s %d %s\n" % (STANDALONE_MAGIC.encode(), length, sha1.encode())


def _temp_file(workdir: Path, db: str, what: str = "snapshot") -> tuple[int, str]:
    name = workdir / f".{db}.{what}-{os.getpid()}-{uuid.uuid4().hex[:8]}.part"
    try:
        return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), str(name)
    except OSError as exc:
        raise OutputError(f"{workdir}: cannot create a temporary file: {exc.strerror}") from None


async def take_snapshot(
    remotes: RemoteList | Sequence[Remote],
    db: str,
    workdir: Path,
    *,
    tls: TlsFiles | None = None,
    role: RolePolicy = RolePolicy.LEADER_ONLY,
    cid: str | None = None,
    min_index: int | None = None,
    attempts: int = 3,
    election_wait: float = 30.0,
    timeout: float | None = None,
    progress: ProgressCallback | None = None,
    row_versions: bool = False,
) -> Snapshot:
    """Snapshot ``db`` from the safest server, moving to another one when it fails.

    With ``row_versions``, each row's ``_version`` is read in the same select and a
    row index is written next to the snapshot (``Snapshot.index_path``).

    After a failure (e.g. the leader died mid-transfer) a new leader may take an
    election timeout or two to appear: the choice is retried for ``election_wait``
    seconds before giving up.
    """
    failures: list[str] = []
    for _attempt in range(attempts):
        chosen, min_index = await _choose(
            remotes, db, tls, role, cid, min_index, election_wait if failures else 0.0
        )
        try:
            snapshot = await _snapshot_from(
                chosen.remote,
                db,
                workdir,
                tls=tls,
                role=role,
                min_index=min_index,
                timeout=timeout,
                progress=progress,
                row_versions=row_versions,
            )
        except (ConnectionLost, RequestTimeout, ServerError) as exc:
            failures.append(str(exc))
            continue
        snapshot.attempts = failures
        return snapshot
    raise ServerError(
        f"could not take a consistent snapshot of {db} after {attempts} attempts: "
        + "; ".join(failures),
        hint="check 'ovsdb-backup cluster status'; a cluster without a leader cannot be "
        "backed up online (use 'db cluster-to-standalone' on a member file instead)",
    )


async def _choose(
    remotes: RemoteList | Sequence[Remote],
    db: str,
    tls: TlsFiles | None,
    role: RolePolicy,
    cid: str | None,
    min_index: int | None,
    wait: float,
) -> tuple[Candidate, int | None]:
    """The server to read from (waiting up to ``wait`` s for one), and the index floor."""
    deadline = time.monotonic() + wait
    while True:
        choice = await choose_server(remotes, db, cid=cid, min_index=min_index, role=role, tls=tls)
        if choice.highest_index is not None:
            min_index = max(min_index or 0, choice.highest_index)
        if choice.chosen is not None or time.monotonic() >= deadline:
            return choice.require(), min_index
        await asyncio.sleep(0.25)
