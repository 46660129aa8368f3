"""``ovsdb-backup restore --repo``: point-in-time restore from a repository's stream."""

from __future__ import annotations

import click

from ..errors import ExitCode, UsageError
from . import output


@click.command()
@click.option(
    "--repo",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Repository holding the database's stream.",
)
@click.option("--db", "database", required=True, metavar="NAME", help="Database to restore.")
@click.option(
    "--to-time",
    metavar="TIME",
    help="The state at this time (ISO 8601, e.g. 2026-11-21T10:30:00Z; a naive time is "
    "local; or seconds since the epoch).",
)
@click.option(
    "--to-txn", metavar="ID", help="The state right after this transaction id (from show-log)."
)
@click.option(
    "--to-file",
    "to_file",
    required=True,
    type=click.Path(dir_okay=False),
    help="Write the database as a standalone file (what ovsdb-server opens, and what "
    "'db create-cluster' turns into a new cluster).",
)
@click.option("--force", is_flag=True, help="Replace --to-file if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def restore(
    repo: str,
    database: str,
    to_time: str | None,
    to_txn: str | None,
    to_file: str,
    force: bool,
    as_json: bool,
) -> int:
    """Restore a database as it was at a moment, from a repository's change stream.

    Replays the stream segment covering the moment up to its last record seen at or
    before it (row UUIDs kept). A moment inside a gap of the stream (the agent was
    down, or the servers' history had moved on), or while the agent was reconnecting,
    is refused: the repository cannot tell that state. Without --to-time/--to-txn, the
    newest state recorded.

    \b
    Examples:
      ovsdb-backup restore --repo /backup --db OVN_Northbound \\
          --to-time 2026-11-21T09:14:59Z --to-file nb.db
      ovsdb-backup db show-log /backup/streams/OVN_Northbound/<segment>.log   # find a txn
      ovsdb-backup restore --repo /backup --db OVN_Northbound --to-txn 3b79f2e1-… \\
          --to-file nb.db
    """
    from ..ops.repair import parse_time
    from ..repo.layout import open_repository
    from ..repo.pitr import restore_point, restore_to_file

    if to_time is not None and to_txn is not None:
        raise UsageError("give at most one of --to-time and --to-txn")
    repository = open_repository(repo)
    point = restore_point(
        repository,
        database,
        to_time_ms=parse_time(to_time) if to_time is not None else None,
        to_txn=to_txn,
    )
    size = restore_to_file(point.db, to_file, overwrite=force)
    data = {**point.to_json(), "target": to_file, "size": size}
    if as_json:
        output.emit_json(data)
    else:
        output.info(
            f"{database} {point.requested}: record {point.record} of segment {point.segment} "
            f"(txn {point.txn or 'none'}, seen {data['seen']}), {data['rows']} rows -> {to_file}"
        )
    return ExitCode.OK
