"""``verify --deep``: let a real ovsdb-server open each database of an archive.

The file engine already checks every record; this asks the reference
implementation too. Each database member is extracted to a private temporary
directory, served by a scratch ovsdb-server on a unix socket, and its row counts
are compared with the manifest. The server is stopped and the files removed
whatever happens.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..archive import ArchiveReader
from ..errors import OvsdbBackupError
from ..results import Finding, Severity
from .client import transact
from .servers import start_standalone


def _count_rows(remote: str, db: str, tables: list[str]) -> dict[str, int]:
    ops = [{"op": "select", "table": t, "where": [], "columns": ["_uuid"]} for t in tables]
    result = transact(remote, [db, *ops], timeout=600)
    return {t: len(r["rows"]) for t, r in zip(tables, result, strict=True) if r["rows"]}


def deep_verify(archive: str) -> list[Finding]:
    findings: list[Finding] = []
    with (
        ArchiveReader(archive) as reader,
        tempfile.TemporaryDirectory(prefix="ovsdb-backup-deep-") as work,
    ):
        manifest = reader.manifest()
        for entry in manifest.databases:
            path = Path(work) / f"{entry.name}.db"
            with reader.open_database(entry.name) as stream, open(path, "wb") as out:
                for chunk in stream.chunks():
                    out.write(chunk)
            try:
                server = start_standalone(
                    Path(work) / f"{entry.name}-server", path, name=entry.name.lower(), tcp=False
                )
            except OvsdbBackupError as exc:
                findings.append(
                    Finding(
                        "server-refused",
                        Severity.ERROR,
                        f"{entry.member}: ovsdb-server cannot open it: {exc}",
                        entry.member,
                    )
                )
                continue
            try:
                tables = sorted((entry.rows or {}).keys())
                counts = _count_rows(server.remote, entry.name, tables) if tables else {}
            finally:
                server.stop()
            expected = {t: n for t, n in (entry.rows or {}).items() if n}
            if counts != expected:
                findings.append(
                    Finding(
                        "server-row-counts",
                        Severity.ERROR,
                        f"{entry.member}: ovsdb-server serves {counts}, "
                        f"the manifest says {expected}",
                        entry.member,
                    )
                )
            else:
                findings.append(
                    Finding(
                        "server-check",
                        Severity.INFO,
                        f"{entry.member}: ovsdb-server opened it and serves "
                        f"{sum(counts.values())} rows as recorded",
                        entry.member,
                    )
                )
            path.unlink(missing_ok=True)
    return findings
