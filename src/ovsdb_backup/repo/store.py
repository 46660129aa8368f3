"""``backup --repo``: the backup use case writing its archive into a repository."""

from __future__ import annotations

import dataclasses
import os
import socket
from datetime import UTC, datetime

from ..ops.backup import BackupOptions, BackupResult, ProgressFactory, run_backup
from . import catalog as cat
from .layout import Repository


def archive_name() -> str:
    """Time-named, so names sort by creation and never collide within a host."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    return f"{stamp}-{socket.gethostname()}.tar"


def backup_to_repository(
    repo: Repository, opts: BackupOptions, progress: ProgressFactory = lambda _db: None
) -> BackupResult:
    """Run a backup whose archive lands in ``archives/``, then list it in the catalog.

    The archive is written the usual way (``.part``, fsync, link), so a concurrent prune
    or a crash never sees half an archive; the catalog entry follows under the lock.
    """
    target = dataclasses.replace(opts, output=os.fspath(repo.archives / archive_name()))
    result = run_backup(target, progress)
    with repo.mutating("backup"):
        catalog, _ = cat.reconcile(repo, cat.read_catalog_file(repo))
        cat.save(repo, catalog)
    return result
