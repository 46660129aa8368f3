"""``db compact``: rewrite a standalone log as schema + one full-content transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..errors import OutputError, UsageError
from ..formats.dbfile import AtomicWriter, open_db_file, same_file
from ..formats.standalone import replay_standalone, write_compacted
from ..results import Finding, ProgressCallback
from .inspect import integrity_findings


@dataclass
class CompactResult:
    source: str
    output: str
    records_read: int
    rows: dict[str, int]
    bytes_in: int
    bytes_out: int
    stopped: Finding | None = None
    warnings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "output": self.output,
            "records_read": self.records_read,
            "rows": self.rows,
            "total_rows": sum(self.rows.values()),
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "stopped": self.stopped.to_json() if self.stopped else None,
            "warnings": [w.to_json() for w in self.warnings],
        }


def check_distinct(source: str, output: str) -> None:
    if same_file(source, output):
        raise OutputError(f"{output}: is the input file; refusing to overwrite the source")


def compact(
    source: str,
    output: str,
    *,
    lenient: bool = False,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
) -> CompactResult:
    """Replay ``source`` and write its contents compacted to ``output`` (atomically).

    By default any defect is an error. ``lenient`` stops at the first defect like
    ovsdb-server and compacts what came before it (the result says what stopped).
    """
    check_distinct(source, output)
    with open_db_file(source) as f:
        if f.is_clustered:
            raise UsageError(
                f"{source}: is a clustered database file",
                hint="use 'ovsdb-backup db cluster-to-standalone --compact' for clustered files",
            )
        outcome = replay_standalone(f.buf, path=source, strict=not lenient, progress=progress)
        problems = integrity_findings(outcome.db.integrity_problems(), source)
        with AtomicWriter(output, overwrite=overwrite) as out:
            write_compacted(
                out, outcome.db, outcome.schema_body, f"compacted by ovsdb-backup {__version__}"
            )
            out.commit()
            size = out.bytes_written
    return CompactResult(
        source,
        output,
        outcome.records,
        outcome.db.row_counts(),
        f.size,
        size,
        outcome.stopped,
        problems,
    )
