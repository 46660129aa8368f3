"""Repository commands: ``prune``, ``check``, and the ``--repo`` views of ``list``/``info``."""

from __future__ import annotations

import sys
import time
from typing import Any

import click

from ..errors import ExitCode
from . import output
from .backup import _age
from .common import fmt_bytes as _fmt_bytes


def _when(ms: int | None) -> str:
    from ..repo.pitr import show_ms

    return show_ms(ms) or "-"


@click.command()
@click.option("--repo", required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--keep-last", type=int, default=0, metavar="N", help="The N newest.")
@click.option("--keep-hourly", type=int, default=0, metavar="N", help="Newest of N hours.")
@click.option("--keep-daily", type=int, default=0, metavar="N", help="Newest of N days.")
@click.option("--keep-weekly", type=int, default=0, metavar="N", help="Newest of N weeks.")
@click.option("--keep-monthly", type=int, default=0, metavar="N", help="Newest of N months.")
@click.option("--keep-yearly", type=int, default=0, metavar="N", help="Newest of N years.")
@click.option(
    "--keep-within",
    metavar="DURATION",
    help="Everything newer than this (e.g. 7d, 36h).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be deleted; delete nothing.")
@click.option(
    "--wait",
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for the repository lock held by another run.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def prune(
    repo: str,
    keep_last: int,
    keep_hourly: int,
    keep_daily: int,
    keep_weekly: int,
    keep_monthly: int,
    keep_yearly: int,
    keep_within: str | None,
    dry_run: bool,
    wait: float,
    as_json: bool,
) -> int:
    """Delete archives and stream segments that no --keep-* rule keeps.

    Rules as restic and borg apply them: --keep-daily 7 keeps the newest point of each
    of the 7 most recent days that have one; a point kept by any rule stays. Archives
    are pruned per series (archives of the same databases), segments per database (a
    segment counts at its newest record). Never deleted: the open segment a stream
    agent appends to, incomplete archives, and the newest archive before a database's
    oldest kept segment. Runs under the repository lock.

    \b
    Examples:
      ovsdb-backup prune --repo /backup --keep-daily 7 --keep-weekly 4 --keep-monthly 12
      ovsdb-backup prune --repo /backup --keep-within 7d --keep-last 3 --dry-run
    """
    from ..repo.layout import now_ms, open_repository
    from ..repo.prune import prune as run_prune
    from ..repo.retention import Policy
    from ..repo.units import parse_duration

    policy = Policy(
        last=keep_last,
        hourly=keep_hourly,
        daily=keep_daily,
        weekly=keep_weekly,
        monthly=keep_monthly,
        yearly=keep_yearly,
        within=parse_duration(keep_within) if keep_within else None,
    )
    result = run_prune(open_repository(repo), policy, now_ms(), dry_run=dry_run, wait=wait)
    if as_json:
        output.emit_json({**result.to_json(), "dry_run": dry_run})
        return ExitCode.OK
    rows = [
        (
            item.kind,
            item.name,
            item.group,
            _when(item.time_ms),
            _fmt_bytes(item.size),
            "keep" if item.keep else ("delete" if dry_run else "deleted"),
            ", ".join(item.reasons),
        )
        for item in result.items
    ]
    output.print_table(["Kind", "Name", "Of", "Time", "Size", "Action", "Kept by"], rows)
    gone = result.to_delete if dry_run else result.deleted
    verb = "would delete" if dry_run else "deleted"
    output.info(
        f"{verb} {len(gone)} object(s), {_fmt_bytes(sum(i.size for i in gone))}; "
        f"kept {sum(i.keep for i in result.items)} (policy: {policy.describe()})"
    )
    return ExitCode.OK


@click.command()
@click.option("--repo", required=True, type=click.Path(file_okay=False))
@click.option(
    "--max-age",
    default="26h",
    show_default=True,
    metavar="DURATION",
    help="The newest complete archive of each database must be younger ('none' to skip).",
)
@click.option(
    "--max-stream-age",
    default="5m",
    show_default=True,
    metavar="DURATION",
    help="Each streamed database must have a record younger than this.",
)
@click.option("--db", "databases", multiple=True, metavar="NAME", help="Only these databases.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def check(
    repo: str, max_age: str, max_stream_age: str, databases: tuple[str, ...], as_json: bool
) -> None:
    """Monitoring check of a repository: one line, Nagios exit codes.

    0 OK, 1 WARNING (an agent not running, a recent gap, a damaged segment), 2 CRITICAL
    (an archive older than --max-age, a stream behind by more than --max-stream-age,
    nothing at all), 3 UNKNOWN (the repository cannot be read). Performance data gives
    the ages in seconds.

    \b
    Examples:
      ovsdb-backup check --repo /var/backups/ovn --max-age 26h
      ovsdb-backup check --repo /var/backups/ovn --max-age none --db OVN_Northbound --json
    """
    from ..errors import OvsdbBackupError
    from ..repo import catalog as cat
    from ..repo.health import Health, Problem, Status, evaluate
    from ..repo.layout import now_ms, open_repository
    from ..repo.units import parse_duration

    try:
        limit = None if max_age.lower() in ("none", "0", "off") else parse_duration(max_age)
        stream_limit = parse_duration(max_stream_age)
        repository = open_repository(repo)
        catalog = cat.load(repository, write=False)
        live = {db: repository.stream_live(db) for db in repository.streamed_databases()}
        health = evaluate(
            catalog,
            now_ms(),
            max_age=limit,
            max_stream_age=stream_limit,
            live=live,
            databases=list(databases) or None,
        )
    except (OvsdbBackupError, OSError) as exc:
        health = Health(Status.UNKNOWN, [Problem(Status.UNKNOWN, "repository", str(exc))])
    if as_json:
        output.emit_json(health.to_json())
    else:
        sys.stdout.write(health.line() + "\n")
        sys.stdout.flush()
    # Nagios codes, not the tool's usual ones: a monitoring system reads them.
    raise click.exceptions.Exit(int(health.status))


def list_repository(repo: str, as_json: bool) -> int:
    from ..repo import catalog as cat
    from ..repo.layout import open_repository

    repository = open_repository(repo)
    catalog = cat.load(repository)
    now = time.time() * 1000
    if as_json:
        output.emit_json(catalog.to_json())
        return ExitCode.OK
    archives = sorted(catalog.archives, key=lambda a: a.created_ms, reverse=True)
    rows: list[tuple[Any, ...]] = [
        (
            a.name,
            _when(a.created_ms),
            _age((now - a.created_ms) / 1000),
            _fmt_bytes(a.size),
            "complete" if a.complete else "incomplete",
            ", ".join(sorted(a.databases)) or "-",
        )
        for a in archives
    ]
    output.print_table(["Archive", "Created (UTC)", "Age", "Size", "State", "Databases"], rows)
    rows = [
        (
            s.db,
            s.name,
            _when(s.base_ms),
            _when(s.last_ms),
            s.records,
            _fmt_bytes(s.size),
            s.state + (f" ({s.seal_reason})" if s.seal_reason else ""),
        )
        for s in sorted(catalog.segments, key=lambda s: (s.db, s.name))
    ]
    output.print_table(["Database", "Segment", "From", "To", "Records", "Size", "State"], rows)
    return ExitCode.OK


def info_repository(repo: str, as_json: bool) -> int:
    from ..repo import catalog as cat
    from ..repo.layout import open_repository

    repository = open_repository(repo)
    catalog = cat.load(repository)
    now = time.time() * 1000
    report: list[dict[str, Any]] = []
    for db in catalog.databases():
        archives = [a for a in catalog.archives if a.complete and db in a.databases]
        newest = max(archives, key=lambda a: a.created_ms, default=None)
        cov = cat.coverage(catalog, db)
        report.append(
            {
                "database": db,
                "archives": len(archives),
                "newest_archive": newest.name if newest else None,
                "newest_archive_created": _when(newest.created_ms) if newest else None,
                "newest_archive_age_seconds": (now - newest.created_ms) / 1000 if newest else None,
                "stream_from": _when(cov.first_ms) if cov.segments else None,
                "stream_to": _when(cov.last_ms) if cov.segments else None,
                "segments": len(cov.segments),
                "agent_running": repository.stream_live(db),
                "gaps": [
                    {"from": _when(g.start_ms), "to": _when(g.end_ms), "reason": g.reason}
                    for g in cov.gaps
                ],
                "reconnection_windows": len(cov.windows),
            }
        )
    if as_json:
        output.emit_json({"repository": str(repository.root), "databases": report})
        return ExitCode.OK
    output.info(f"Repository {repository.root}")
    for entry in report:
        output.info(f"\n{entry['database']}")
        age = entry["newest_archive_age_seconds"]
        newest_text = (
            f"{entry['newest_archive']} ({_age(age)} old)" if entry["newest_archive"] else "none"
        )
        pairs = [
            ("Archives", f"{entry['archives']}, newest: {newest_text}"),
            (
                "Stream",
                f"{entry['stream_from']} to {entry['stream_to']} in {entry['segments']} "
                f"segment(s); agent {'running' if entry['agent_running'] else 'not running'}"
                if entry["segments"]
                else "none",
            ),
        ]
        for gap in entry["gaps"]:
            pairs.append(("Gap", f"{gap['from']} to {gap['to']}: {gap['reason']}"))
        output.print_pairs(pairs)
    return ExitCode.OK
