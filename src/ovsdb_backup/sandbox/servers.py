"""Start, inspect and stop real ``ovsdb-server`` processes: the public entry points.

Standalone, relay and active-backup servers are started here; clusters live in
:mod:`.cluster` and one process handle in :mod:`.server`. Everything started is
recorded in :mod:`.process` so :func:`stop_all_started` can clean up after a
failed test (it only ever signals pids it started itself).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from pathlib import Path

from ..errors import ToolError
from .cluster import Cluster, MemberStatus, create_cluster, start_cluster_from_files
from .process import started, stop_all_started
from .server import READY_TIMEOUT, OvsdbServer, spawn
from .tools import find_tools, is_db_file, run_tool

__all__ = [
    "Cluster",
    "MemberStatus",
    "OvsdbServer",
    "create_cluster",
    "is_db_file",
    "spawn",
    "start_active_backup",
    "start_cluster_from_files",
    "start_relay",
    "start_standalone",
    "started",
    "stop_all_started",
    "wait_backup_replicating",
]


def start_standalone(
    workdir: Path,
    db_file_or_schema: Path,
    *,
    name: str = "standalone",
    tcp: bool = True,
    extra_args: Sequence[str] = (),
    detach: bool = False,
) -> OvsdbServer:
    """Serve a standalone database; a schema is first turned into ``<name>.db``.

    An existing database file is served *in place*: the server may append to it or
    truncate a damaged tail, so pass a copy when the original matters.
    """
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    source = Path(db_file_or_schema).resolve()
    if is_db_file(source):
        db = source
    else:
        db = workdir / f"{name}.db"
        run_tool([find_tools().ovsdb_tool, "create", str(db), str(source)])
    return spawn(
        workdir,
        name,
        [db],
        kind="standalone",
        db_paths=[db],
        tcp=tcp,
        extra_args=extra_args,
        detach=detach,
    )


def start_relay(
    workdir: Path,
    source_remotes: str | Sequence[str],
    db_name: str,
    *,
    name: str = "relay",
    tcp: bool = True,
    detach: bool = False,
    sync_timeout: float = READY_TIMEOUT,
) -> OvsdbServer:
    """Start a relay (``relay:DB:REMOTES``) and wait until it has the source's data."""
    from .client import wait_database_synced

    remotes = source_remotes if isinstance(source_remotes, str) else ",".join(source_remotes)
    server = spawn(
        Path(workdir), name, [f"relay:{db_name}:{remotes}"], kind="relay", tcp=tcp, detach=detach
    )
    try:
        wait_database_synced(server.remote, db_name, timeout=sync_timeout)
    except BaseException:
        server.stop()
        raise
    return server


def start_active_backup(
    workdir: Path,
    schema_or_db: Path,
    *,
    name: str = "ab",
    tcp: bool = True,
    detach: bool = False,
) -> tuple[OvsdbServer, OvsdbServer]:
    """Start an active server and a backup replicating it with ``--sync-from``.

    The backup gets its own copy of the initial file (replication needs an identical
    schema and resets the data on connect). Returns ``(active, backup)`` once the
    backup reports ``state: backup``.
    """
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    source = Path(schema_or_db).resolve()
    active_db, backup_db = workdir / f"{name}-active.db", workdir / f"{name}-backup.db"
    if is_db_file(source):
        shutil.copyfile(source, active_db)
    else:
        run_tool([find_tools().ovsdb_tool, "create", str(active_db), str(source)])
    shutil.copyfile(active_db, backup_db)
    active = spawn(
        workdir,
        f"{name}-active",
        [active_db],
        kind="active",
        db_paths=[active_db],
        tcp=tcp,
        detach=detach,
    )
    try:
        backup = spawn(
            workdir,
            f"{name}-backup",
            [backup_db],
            kind="backup",
            db_paths=[backup_db],
            tcp=tcp,
            detach=detach,
            extra_args=[f"--sync-from={active.remote}"],
        )
        wait_backup_replicating(backup)
    except BaseException:
        active.stop()
        raise
    return active, backup


def wait_backup_replicating(backup: OvsdbServer, timeout: float = READY_TIMEOUT) -> None:
    """Wait until a ``--sync-from`` server has connected to its active server."""
    deadline = time.monotonic() + timeout
    while True:
        status = backup.appctl("ovsdb-server/sync-status", timeout=5)
        # The log line says the first full copy from the active server has arrived.
        replicating = "state: backup" in status and "replicating:" in status
        if replicating and "Monitor request received" in backup.log_text():
            return
        backup.check_alive()
        if time.monotonic() >= deadline:
            raise ToolError(f"{backup.name}: not replicating after {timeout:g} s:\n{status}")
        time.sleep(0.05)
