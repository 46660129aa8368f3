"""Restore a database: to a file, to a new cluster, or online into a live server.

Online, the default is a *minimal, UUID-keeping* restore: one atomic
transaction that updates rows present on both sides, deletes rows only in the
live database and inserts missing rows with their original UUID; rows that are
already equal are not touched, so ovn-northd and every ovn-controller keep
their state for them. (``ovsdb-client restore`` deletes everything and inserts
it again under new UUIDs; ``mode="replace"`` keeps that behaviour for servers
older than OVS 2.13.) Each touched row is guarded with a ``wait`` so that a
concurrent change aborts the whole transaction instead of being overwritten.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import InputError, OutputError, RefusedError, ServerError
from ..formats.dbfile import AtomicWriter, aside_name, server_lock
from ..formats.standalone import write_compacted
from ..model.convert import ConversionError, ConversionReport, convert_database
from ..model.database import Database
from ..model.diff import DatabaseDiff, diff_databases, to_operations
from ..model.schema import DatabaseSchema
from ..protocol import OvsdbClient, RemoteList, RolePolicy, TlsFiles, choose_server
from ..protocol.errors import TransactionError
from .backup import BackupOptions, run_backup
from .by_version import changes_by_version
from .cluster_files import create_cluster, join_cluster, validate_raft_address
from .since import changes_since, usable
from .sources import Source, read_live

# Counters that clients wait on: moving them backwards makes ovn-northd and the
# ovn-controllers wait for a sequence number that was already passed (see
# docs/restore.md). The live values are kept unless told otherwise.
SEQUENCE_COUNTERS: Mapping[str, frozenset[str]] = {
    "NB_Global": frozenset(
        {"nb_cfg", "nb_cfg_timestamp", "sb_cfg", "sb_cfg_timestamp", "hv_cfg", "hv_cfg_timestamp"}
    ),
    "SB_Global": frozenset({"nb_cfg"}),
    "IC_NB_Global": frozenset({"nb_ic_cfg"}),
    "IC_SB_Global": frozenset({"nb_ic_cfg"}),
}


# --- to a file --------------------------------------------------------------------


@dataclass
class FileRestore:
    path: str
    rows: int
    size: int
    previous: str | None = None  # where an existing file was kept

    def to_json(self) -> dict[str, Any]:
        return {
            "target": "file",
            "path": self.path,
            "rows": self.rows,
            "size": self.size,
            "previous_kept_as": self.previous,
        }


def restore_to_file(db: Database, path: str, *, overwrite: bool = False) -> FileRestore:
    """A standalone database file (schema + one transaction), atomically.

    An existing file is replaced only with ``overwrite``, and then kept aside
    (hard-linked to ``PATH.before-restore-<time>``) before the new one takes its name;
    a file a running ovsdb-server holds is refused.
    """
    exists = os.path.lexists(path)
    if exists and not overwrite:
        raise OutputError(
            f"{path}: already exists; refusing to overwrite it",
            hint="pass --force to replace it (the old file is kept aside)",
        )
    previous = None
    with AtomicWriter(path, overwrite=True, mode=0o600) as out:
        write_compacted(
            out, db, db.schema.to_bytes() + b"\n", f"restored by ovsdb-backup {__version__}"
        )
        out.sync()
        if exists:
            with server_lock(path):
                previous = aside_name(path, "before-restore")
                os.link(path, previous)
                out.commit()
        else:
            out.commit()
        size = out.bytes_written
    return FileRestore(path, db.total_rows(), size, previous)


# --- to a new cluster -------------------------------------------------------------


@dataclass
class ClusterRestore:
    name: str
    cluster_id: str
    members: list[dict[str, str]]  # address, file, server_id
    start_commands: list[str]
    client_resets: list[str]
    rows: int

    def to_json(self) -> dict[str, Any]:
        return {
            "target": "cluster",
            "name": self.name,
            "cluster_id": self.cluster_id,
            "members": self.members,
            "start_commands": self.start_commands,
            "client_resets": self.client_resets,
            "rows": self.rows,
        }


def client_resets(db_name: str) -> list[str]:
    """What long-lived clients need after their database became a new cluster.

    They remember the highest Raft index seen and refuse a server with a lower one
    ("stale data") until told to forget it.
    """
    if db_name == "OVN_Northbound":
        return [
            "ovn-appctl -t ovn-northd nb-cluster-state-reset",
            "restart neutron-server / ovnkube-master (they reconnect with a fresh index)",
        ]
    if db_name == "OVN_Southbound":
        return [
            "ovn-appctl -t ovn-northd sb-cluster-state-reset",
            "on every chassis: ovn-appctl -t ovn-controller sb-cluster-state-reset",
        ]
    return [f"restart the clients of {db_name} (they remember the old cluster's index)"]


def restore_to_cluster(
    db: Database,
    directory: str,
    addresses: list[str],
    *,
    election_timer_ms: int | None = None,
    overwrite: bool = False,
) -> ClusterRestore:
    """Member files of a NEW cluster holding ``db`` (UUIDs kept, a new cluster id)."""
    if not addresses:
        raise InputError("--to-cluster needs at least one --address (one per member)")
    for address in addresses:
        validate_raft_address(address)
    if len(set(addresses)) != len(addresses):
        raise InputError("each member needs its own --address")
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    stem = db.schema.name.lower()
    files = [str(target / f"{stem}-{i}.db") for i in range(1, len(addresses) + 1)]
    first = create_cluster(
        db, files[0], addresses[0], election_timer_ms=election_timer_ms, overwrite=overwrite
    )
    assert first.cluster_id is not None
    members = [{"address": addresses[0], "file": files[0], "server_id": first.server_id}]
    for i in range(1, len(addresses)):
        joined = join_cluster(
            files[i],
            db.schema.name,
            addresses[i],
            addresses[:i],
            cluster_id=first.cluster_id,
            overwrite=overwrite,
        )
        members.append({"address": addresses[i], "file": files[i], "server_id": joined.server_id})
    commands = [
        f"ovsdb-server --detach --no-chdir --pidfile={m['file']}.pid --log-file={m['file']}.log"
        f" --unixctl={m['file']}.ctl --remote=punix:{m['file']}.sock"
        f" --remote=ptcp:<client-port>:<ip> {m['file']}"
        + ("   # first: it holds the data" if i == 0 else "   # then: it joins")
        for i, m in enumerate(members)
    ]
    return ClusterRestore(
        db.schema.name,
        first.cluster_id,
        members,
        commands,
        client_resets(db.schema.name),
        db.total_rows(),
    )


# --- online -----------------------------------------------------------------------


@dataclass
class OnlineRestore:
    name: str
    remote: str
    mode: str
    dry_run: bool
    diff: DatabaseDiff
    operations: int
    conversion: ConversionReport | None = None
    safety_backup: str | None = None
    kept_counters: list[str] = field(default_factory=list)
    seconds: float = 0.0
    committed: bool = False
    # Or "changes since the backup" (monitor_cond_since), "rows whose version changed".
    read: str = "whole database"

    def to_json(self) -> dict[str, Any]:
        return {
            "target": "online",
            "name": self.name,
            "remote": self.remote,
            "mode": self.mode,
            "dry_run": self.dry_run,
            "committed": self.committed,
            "changes": self.diff.counts(),
            "total_changes": self.diff.total(),
            "operations": self.operations,
            "read": self.read,
            "conversion": self.conversion.to_json() if self.conversion else None,
            "safety_backup": self.safety_backup,
            "kept_counters": self.kept_counters,
            "seconds": round(self.seconds, 3),
        }


def _ignored_columns(
    target: DatabaseSchema, source: DatabaseSchema, keep_counters: bool
) -> dict[str, set[str]]:
    """Columns a restore leaves as they are live: ephemeral ones, and counters."""
    ignored: dict[str, set[str]] = {}
    for table, tschema in target.tables.items():
        skip = {c.name for c in tschema.columns.values() if c.ephemeral}
        if table in source.tables:
            skip |= {c.name for c in source.tables[table].columns.values() if c.ephemeral}
        if keep_counters:
            skip |= SEQUENCE_COUNTERS.get(table, frozenset())
        if skip:
            ignored[table] = skip & set(tschema.columns)
    return ignored


def _adopt_singletons(live: Database, target: Database) -> None:
    """Tables of one row (NB_Global, SB_Global, ...) keep the live row's UUID.

    Replacing NB_Global by the backup's row would delete and re-create it; clients
    treat it as the same object either way, so update the live one instead.
    """
    for table, tschema in target.schema.tables.items():
        if tschema.max_rows != 1:
            continue
        live_rows, target_rows = live.tables.get(table, {}), target.tables.get(table, {})
        if len(live_rows) == 1 and len(target_rows) == 1:
            (live_uuid,), (target_uuid, row) = live_rows.keys(), next(iter(target_rows.items()))
            if live_uuid != target_uuid and not _is_referenced(target, table, target_uuid):
                target.tables[table] = {live_uuid: row}


def _is_referenced(db: Database, table: str, uuid: str) -> bool:
    for name, codecs in db.codecs.columns.items():
        for column, codec in codecs.items():
            if any(b.ref_table == table for b in codec.type.ref_bases()):
                for row in db.tables[name].values():
                    if column in row and uuid in _atoms(row[column]):
                        return True
    return False


def _atoms(value: Any) -> set[Any]:
    if isinstance(value, set):
        return value
    if isinstance(value, dict):
        return set(value) | set(value.values())
    return {value}


def fit_to_schema(
    source: Database, schema: DatabaseSchema, *, force: bool
) -> tuple[Database, ConversionReport | None]:
    """``source`` in the target's schema; a lossy conversion needs ``force``."""
    if dict(source.schema.tables) == dict(schema.tables):
        if source.schema is schema:
            return source, None
        fitted = Database(schema)
        fitted.tables = source.tables
        return fitted, None
    try:
        conversion = convert_database(source, schema, replace_invalid=force)
    except ConversionError as exc:
        raise RefusedError(
            f"the backup does not fit the target's schema: {exc}",
            hint="--force replaces values that do not fit by defaults",
        ) from None
    if conversion.report.lossy and not force:
        raise RefusedError(
            f"restoring {source.schema.name} {source.schema.version} into a server with schema "
            f"{schema.version} would lose data: " + "; ".join(conversion.report.lines()[:5]),
            hint="see it all with --dry-run --json; --force accepts the loss",
        )
    return conversion.db, conversion.report


def replace_operations(db: Database) -> list[dict[str, Any]]:
    """What ``ovsdb-client restore`` sends: delete every row, insert all with new UUIDs."""
    ops: list[dict[str, Any]] = [
        {"op": "delete", "table": t, "where": []} for t in db.schema.tables
    ]
    names = {uuid: f"row{uuid.replace('-', '')}" for _t, uuid, _r in db.iter_rows()}
    for table, rows in db.tables.items():
        codecs = db.codecs.columns[table]
        for uuid, row in rows.items():
            encoded = {c: _rename_refs(codecs[c].encode(v), names) for c, v in row.items()}
            ops.append({"op": "insert", "table": table, "row": encoded, "uuid-name": names[uuid]})
    return ops


def _rename_refs(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, list):
        if len(value) == 2 and value[0] == "uuid" and value[1] in names:
            return ["named-uuid", names[value[1]]]
        return [_rename_refs(v, names) for v in value]
    return value


def safety_backup(remotes: RemoteList, name: str, directory: str, tls: TlsFiles | None) -> str:
    """A backup of the target taken just before it is changed."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = os.path.join(directory, f"safety-{name}-{stamp}.tar")
    run_backup(
        BackupOptions(
            output=path,
            remotes=[remotes],
            databases=[name],
            tls=tls,
            labels={"reason": "safety backup before restore"},
            # Undoing the restore with this backup then only rewrites what it changed.
            row_versions=True,
        )
    )
    return path


def restore_online(
    source: Source,
    remotes: RemoteList,
    *,
    tls: TlsFiles | None = None,
    target_name: str | None = None,
    mode: str = "diff",
    dry_run: bool = False,
    force: bool = False,
    keep_counters: bool = True,
    safety_dir: str | None = None,
    timeout: float | None = None,
) -> OnlineRestore:
    """Make the live database equal to ``source`` in one transaction (see module doc).

    Everything is read and checked first (server choice, schema fit, the plan);
    only when the restore will really change something is the safety backup taken,
    and then the transaction sent. Its ``wait`` guards abort it if a row it touches
    changed since it was read.
    """
    started = time.monotonic()
    name = target_name or source.name
    if name != source.name and not force:
        raise RefusedError(
            f"the backup holds {source.name}, not {name}",
            hint="pass --force to restore it into another database anyway",
        )
    plan = asyncio.run(
        _plan_online(
            source,
            remotes,
            name,
            tls=tls,
            mode=mode,
            force=force,
            keep_counters=keep_counters,
            timeout=timeout,
        )
    )
    result = plan.result
    result.dry_run = dry_run
    if not dry_run and plan.operations:
        if safety_dir is not None:
            result.safety_backup = safety_backup(remotes, name, safety_dir, tls)
        asyncio.run(_apply(plan, source.origin, tls=tls, timeout=timeout))
        result.committed = True
    result.seconds = time.monotonic() - started
    return result


@dataclass
class _Plan:
    result: OnlineRestore
    remote: Any
    operations: list[dict[str, Any]]


async def _plan_online(
    source: Source,
    remotes: RemoteList,
    name: str,
    *,
    tls: TlsFiles | None,
    mode: str,
    force: bool,
    keep_counters: bool,
    timeout: float | None,
) -> _Plan:
    choice = await choose_server(remotes, name, role=RolePolicy.LEADER_ONLY, tls=tls)
    chosen = choice.require()
    assert chosen.row is not None
    async with OvsdbClient(chosen.remote, tls=tls, request_timeout=timeout) as client:
        since = None
        txn_id = usable(source, chosen.row.model, chosen.row.cid)
        read = "whole database"
        if txn_id is not None and mode == "diff":
            since = await changes_since(client, source, name, txn_id)
            read = "changes since the backup"
        if since is None and mode == "diff":
            since = await changes_by_version(client, source, name)
            read = "rows whose version changed"
        if since is not None:
            # Only the rows changed since the backup differ: compare just those.
            live, source_db = since.live, since.backup
        else:
            read = "whole database"
            live, source_db = await read_live(client, name), source.db
    target, report = fit_to_schema(source_db, live.schema, force=force)
    ignored = _ignored_columns(live.schema, source.schema, keep_counters)
    _adopt_singletons(live, target)
    diff = diff_databases(live, target, ignore_columns=ignored)
    if diff.conflicts:
        raise RefusedError("; ".join(diff.conflicts))
    if mode == "replace":
        ops = replace_operations(_with_live_values(target, live, ignored))
    else:
        ops = to_operations(live, diff, guard=True, versions=since.versions if since else None)
    counters = sorted(
        f"{t}.{c}" for t, cs in ignored.items() for c in cs if c in SEQUENCE_COUNTERS.get(t, ())
    )
    result = OnlineRestore(
        name,
        str(chosen.remote),
        mode,
        False,
        diff,
        len(ops),
        report,
        kept_counters=counters,
        read=read,
    )
    return _Plan(result, chosen.remote, ops)


async def _apply(plan: _Plan, origin: str, *, tls: TlsFiles | None, timeout: float | None) -> None:
    name = plan.result.name
    comment = {"op": "comment", "comment": f"ovsdb-backup {__version__}: restore from {origin}"}
    async with OvsdbClient(plan.remote, tls=tls, request_timeout=timeout) as client:
        try:
            await client.transact(name, [*plan.operations, comment], timeout=timeout)
        except TransactionError as exc:
            raise ServerError(
                f"the restore transaction was refused; {name} is unchanged: {exc}",
                remote=str(plan.remote),
                hint="if another client changed the rows being restored, run the restore again",
            ) from None


def _with_live_values(target: Database, live: Database, ignored: dict[str, set[str]]) -> Database:
    """The target with the ignored columns (counters, ephemeral) taken from the live rows."""
    out = Database(target.schema, target.codecs)
    out.tables = {t: {u: dict(r) for u, r in rows.items()} for t, rows in target.tables.items()}
    for table, columns in ignored.items():
        for uuid, row in out.tables.get(table, {}).items():
            live_row = live.tables.get(table, {}).get(uuid, {})
            for column in columns:
                row.pop(column, None)
                if column in live_row:
                    row[column] = live_row[column]
    return out
