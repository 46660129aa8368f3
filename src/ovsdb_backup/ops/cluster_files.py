"""``db create-cluster`` and ``db join-cluster``: clustered files from data we trust.

``create-cluster`` writes what ``ovsdb-tool create-cluster`` writes: a header
whose snapshot (``prev_data``) holds the schema, with ephemeral columns made
persistent as clustered servers require, and every row with its UUID kept; a
new random cluster id and server id; index 1, term 1. ``join-cluster`` writes
the one-record header of a server that has not joined yet.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

import orjson

from .. import __version__
from ..errors import InputError, UsageError
from ..formats.clustered import replay_clustered
from ..formats.dbfile import AtomicWriter, open_db_file
from ..formats.records import CLUSTER_MAGIC, encode_json_record, encode_record
from ..formats.standalone import replay_standalone
from ..model.database import Database
from ..model.schema import DatabaseSchema
from ..model.snapshot import snapshot_chunks
from ..results import ProgressCallback

_ADDRESS = re.compile(r"(tcp|ssl):(\[[0-9a-fA-F:.%a-zA-Z]+\]|[^:\[\]]+):([0-9]{1,5})|unix:.+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MIN_ELECTION_TIMER, MAX_ELECTION_TIMER = 100, 600000


def validate_raft_address(address: str) -> str:
    match = _ADDRESS.fullmatch(address)
    if match is None or (match.group(3) and not 0 < int(match.group(3)) < 65536):
        raise UsageError(f'{address}: expected "tcp:IP:PORT" or "ssl:IP:PORT" address')
    return address


@dataclass
class CreatedFile:
    path: str
    name: str
    server_id: str
    cluster_id: str | None
    local_address: str
    rows: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "name": self.name,
            "server_id": self.server_id,
            "cluster_id": self.cluster_id,
            "local_address": self.local_address,
            "rows": self.rows,
        }


def load_contents(path: str, *, progress: ProgressCallback | None = None) -> Database:
    """The contents a schema file, standalone file or clustered member file describes.

    Clustered inputs give their committed contents (a torn tail is tolerated).
    """
    with open(path, "rb") as fh:
        head = fh.read(6)
    if head != b"OVSDB ":
        with open(path, "rb") as fh:
            text = fh.read()
        try:
            return Database(DatabaseSchema.from_text(text))
        except InputError as exc:
            raise InputError(f"{path}: neither a database file nor a schema: {exc}") from None
    with open_db_file(path) as f:
        if f.is_clustered:
            replay = replay_clustered(f.buf, path=path, accept_torn_tail=True, progress=progress)
            if replay.db is None:
                raise InputError(f"{path}: the clustered file holds no data yet")
            return replay.db
        return replay_standalone(f.buf, path=path, progress=progress).db


def create_cluster(
    source: str | Database,
    output: str,
    local_address: str,
    *,
    election_timer_ms: int | None = None,
    cluster_id: str | None = None,
    server_id: str | None = None,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
) -> CreatedFile:
    """Write the first member file of a new cluster holding ``source``'s contents.

    ``source`` is a file (schema, standalone or clustered database) or a database
    already in memory. ``cluster_id``/``server_id`` default to new random ids; a
    recovery plan fixes them in advance so that a resumed run produces the same
    cluster.
    """
    validate_raft_address(local_address)
    if election_timer_ms is not None and not (
        MIN_ELECTION_TIMER <= election_timer_ms <= MAX_ELECTION_TIMER
    ):
        raise UsageError(
            f"election timer must be between {MIN_ELECTION_TIMER} and {MAX_ELECTION_TIMER} ms"
        )
    if isinstance(source, Database):
        db, origin = source, "a restored database"
    else:
        db, origin = load_contents(source, progress=progress), source
    schema = db.schema.with_ephemeral_persisted()
    sid, cid = server_id or str(uuid.uuid4()), cluster_id or str(uuid.uuid4())
    header_head = orjson.dumps(
        {
            "server_id": sid,
            "cluster_id": cid,
            "name": schema.name,
            "local_address": local_address,
            "prev_index": 1,
            "prev_term": 1,
            "prev_eid": str(uuid.uuid4()),
            "prev_servers": {sid: local_address},
        }
    )
    # The snapshot can be large: splice its JSON in pieces rather than build one dict.
    chunks = [header_head[:-1], b',"prev_data":[', schema.to_bytes(), b","]
    body = list(
        snapshot_chunks(
            db, comment=f"created from {origin} by ovsdb-backup {__version__}", is_diff=True
        )
    )
    body[-1] = body[-1].rstrip(b"\n")
    chunks += body
    chunks.append(b"]}\n")
    with AtomicWriter(output, overwrite=overwrite) as out:
        out.write(encode_record(CLUSTER_MAGIC, b"".join(chunks)))
        if election_timer_ms is not None:
            out.write(
                encode_json_record(
                    CLUSTER_MAGIC, {"term": 1, "index": 2, "election_timer": election_timer_ms}
                )
            )
        out.commit()
    return CreatedFile(output, schema.name, sid, cid, local_address, db.total_rows())


def join_cluster(
    output: str,
    name: str,
    local_address: str,
    remote_addresses: list[str],
    *,
    cluster_id: str | None = None,
    server_id: str | None = None,
    overwrite: bool = False,
) -> CreatedFile:
    """Write the header of a server that will join an existing cluster."""
    if not _NAME.fullmatch(name):
        raise UsageError(f"{name}: not a valid schema name")
    validate_raft_address(local_address)
    remotes = []
    for remote in remote_addresses:
        validate_raft_address(remote)
        if remote == local_address:
            raise UsageError("remote addresses cannot be the same as the local address")
        if remote not in remotes:
            remotes.append(remote)
    if not remotes:
        raise UsageError("at least one remote address is required")
    if cluster_id is not None:
        try:
            cid_value = uuid.UUID(cluster_id)
        except ValueError:
            raise UsageError(f"{cluster_id}: not a valid cluster ID") from None
        if cid_value.int == 0:
            raise UsageError("all-zero UUID is not valid cluster ID")
        cluster_id = str(cid_value)
    sid = server_id or str(uuid.uuid4())
    header: dict[str, Any] = {
        "server_id": sid,
        "name": name,
        "local_address": local_address,
        "remote_addresses": remotes,
    }
    if cluster_id is not None:
        header["cluster_id"] = cluster_id
    with AtomicWriter(output, overwrite=overwrite) as out:
        out.write(encode_json_record(CLUSTER_MAGIC, header))
        out.commit()
    return CreatedFile(output, name, sid, cluster_id, local_address)
