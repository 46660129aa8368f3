"""``ovsdb-backup db …``: offline tools for database files."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click

from ..errors import ExitCode
from . import output
from .common import JSON_OPTION, NO_PROGRESS, fmt_bytes

if TYPE_CHECKING:
    from ..ops.history import LogEntry

# Each command imports its use case when it runs (see the note in cli/main.py on start-up).


def _size(path: str) -> int | None:
    try:
        return os.path.getsize(path)
    except OSError:
        return None


def _when(ms: int | None) -> str:
    if ms is None:
        return "-"
    moment = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{ms % 1000:03d} UTC"


@click.group()
def db() -> None:
    """Offline tools for OVSDB database files (standalone and clustered).

    These commands read files directly; they never contact a server and never
    modify an input file in place (``repair`` keeps a copy of the original).

    \b
    Examples:
      ovsdb-backup db info /var/lib/ovn/ovnnb_db.db
      ovsdb-backup db check s1.db s2.db s3.db
      ovsdb-backup db cluster-to-standalone ovnnb_db.db nb-standalone.db
    """


@db.command()
@click.argument("file", type=click.Path(dir_okay=False))
@JSON_OPTION
@NO_PROGRESS
def info(file: str, as_json: bool, no_progress: bool) -> int:
    """Describe a database file: schema, model, Raft state, rows per table.

    The file is read like ovsdb-server reads it; damage is reported, not fatal.
    For a clustered file the rows are its committed contents.

    \b
    Examples:
      ovsdb-backup db info /etc/ovn/ovnnb_db.db
      ovsdb-backup db info --json ovnsb_db.db | jq .rows
    """
    from ..ops import inspect

    with output.progress_bar("reading", _size(file), enabled=not no_progress and not as_json) as p:
        result = inspect.file_info(file, progress=p)
    if as_json:
        output.emit_json(result.to_json())
        return ExitCode.OK
    pairs: list[tuple[str, Any]] = [
        ("File", f"{result.path} ({fmt_bytes(result.size)})"),
        ("Model", result.model),
        ("Name", result.name),
        ("Schema", f"version {result.schema_version or '-'}, cksum {result.schema_cksum or '-'}"),
        ("Records", result.records),
        ("Last transaction", _when(result.last_txn_date_ms)),
    ]
    if result.last_comment:
        pairs.append(("Last comment", result.last_comment))
    if result.raft is not None:
        pairs += _raft_pairs(result.raft)
    output.print_pairs(pairs)
    if result.rows:
        rows = [(t, n) for t, n in sorted(result.rows.items()) if n]
        rows.append(("total", sum(result.rows.values())))
        output.print_table(["Table", "Rows"], rows)
    if result.problems:
        output.print_findings(result.problems)
    return ExitCode.OK


def _raft_pairs(raft: dict[str, Any]) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = [
        ("Cluster ID", raft.get("cluster_id") or "(not known yet)"),
        ("Server ID", raft["server_id"]),
        ("Address", raft["local_address"]),
    ]
    if raft["joining"]:
        pairs.append(("Status", "joining; remotes " + ", ".join(raft["remote_addresses"])))
        return pairs
    servers = ", ".join(f"{sid[:4]} {addr}" for sid, addr in raft["servers"].items())
    pairs += [
        ("Servers", servers),
        ("Term", raft["term"]),
        ("Log", f"[{raft['log_start']}, {raft['log_end']}] (snapshot at {raft['snapshot_index']})"),
        ("Commit index", raft["commit_index"]),
        ("Uncommitted", raft["uncommitted_entries"]),
        ("Last applied eid", raft.get("last_eid") or "-"),
        ("Election timer", f"{raft['election_timer_ms']} ms"),
    ]
    if raft["left"]:
        pairs.append(("Status", "this server LEFT the cluster"))
    return pairs


@db.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--quick", is_flag=True, help="Only framing, checksums and JSON (no replay).")
@JSON_OPTION
@NO_PROGRESS
def check(files: tuple[str, ...], quick: bool, as_json: bool, no_progress: bool) -> int:
    """Verify database files strictly; exit 0 only when every file is clean.

    Checks framing, SHA-1 checksums, JSON, schema conformance of every value,
    the replay rules (for clustered files the Raft rules ovsdb-server applies,
    e.g. "record N advances commit index to X but last log index is Y") and
    referential integrity. Given several member files of one cluster it also
    checks them against each other like "ovsdb-tool check-cluster". Every
    problem is listed with its record number and byte offset.

    \b
    Examples:
      ovsdb-backup db check /var/lib/ovn/ovnnb_db.db
      ovsdb-backup db check --json s1.db s2.db s3.db
      ovsdb-backup db check --quick big.db
    """
    from ..ops import inspect

    total = sum(_size(f) or 0 for f in files)
    with output.progress_bar("checking", total, enabled=not no_progress and not as_json) as p:
        report = inspect.check_files(list(files), quick=quick, progress=p)
    if as_json:
        output.emit_json(report.to_json())
    else:
        for f in report.files:
            verdict = "clean" if f.clean else "PROBLEMS"
            output.info(f"{f.path}: {f.model}, {f.records} records, {fmt_bytes(f.size)}: {verdict}")
            output.print_findings(f.findings)
        if report.cluster or len(report.files) > 1:
            output.print_findings(report.cluster, show_path=True)
    return ExitCode.OK if report.clean else ExitCode.FINDINGS


@db.command("show-log")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-m", "--more", "detail", count=True, help="-m: rows changed; -mm: also values.")
@click.option("--table", help="Only changes to this table.")
@click.option("--row", help="Only changes to this row (UUID or a prefix of one).")
@click.option("--since", help="Only records at or after this time (ISO 8601 or epoch seconds).")
@JSON_OPTION
def show_log(
    file: str, detail: int, table: str | None, row: str | None, since: str | None, as_json: bool
) -> int:
    """Show the history recorded in a database file, with each change's comment.

    Standalone files hold one record per transaction since the last compaction;
    ovn-nbctl, ovn-sbctl and ovs-vsctl put their command line in the comment, so
    this shows who changed what and when. --json prints one JSON object per line.

    \b
    Examples:
      ovsdb-backup db show-log ovnnb_db.db
      ovsdb-backup db show-log -m --table Logical_Switch ovnnb_db.db
      ovsdb-backup db show-log -mm --row 4f3c --since 2026-11-20T08:00 ovnnb_db.db
      ovsdb-backup db show-log --json ovnnb_db.db | jq -c 'select(.comment)'
    """
    from ..ops import history
    from ..ops.repair import parse_time

    filt = history.LogFilter(
        detail=max(detail, 1) if (table or row) else detail,
        table=table,
        row=row,
        since_ms=parse_time(since) if since else None,
    )
    status = ExitCode.OK
    for entry in history.read_log(file, filt):
        if entry.problem is not None:
            status = ExitCode.FINDINGS
        if as_json:
            output.emit_json_line(entry.to_json())
        else:
            _print_log_entry(entry)
    return status


def _print_log_entry(entry: LogEntry) -> None:
    parts = [f"record {entry.number}:"]
    if entry.kind in ("schema", "header"):
        parts.append(entry.kind + " " + " ".join(f"{k}={v}" for k, v in entry.fields.items()))
    elif entry.problem is not None:
        parts.append(f"UNREADABLE: {entry.problem.message}")
    else:
        if entry.kind not in ("transaction",):
            parts.append(entry.kind)
        parts += [f"{k}={v}" for k, v in entry.fields.items()]
        if entry.date_ms is not None:
            parts.append(_when(entry.date_ms))
        if entry.comment:
            parts.append(repr(entry.comment))
    output.info(" ".join(parts))
    for change in entry.changes:
        name = f' "{change.name}"' if change.name else ""
        output.info(f"\ttable {change.table} {change.op} row{name} ({change.uuid[:8]})")
        for column, value in (change.columns or {}).items():
            output.info(f"\t\t{column}={value}")


@db.command("compact")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("output_file", metavar="OUTPUT", type=click.Path(dir_okay=False))
@click.option(
    "--lenient",
    is_flag=True,
    help="Stop at the first defect (like ovsdb-server) "
    "instead of failing, and compact what precedes it.",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@JSON_OPTION
@NO_PROGRESS
def compact_cmd(
    source: str, output_file: str, lenient: bool, force: bool, as_json: bool, no_progress: bool
) -> int:
    """Write a standalone log as schema + one transaction holding every row.

    Equivalent to "ovsdb-tool compact SOURCE OUTPUT", several times faster, and
    strict: a damaged input is an error unless --lenient. OUTPUT appears only
    when complete (written to a temporary file, fsynced, renamed).

    \b
    Examples:
      ovsdb-backup db compact ovnnb_db.db ovnnb_db.compact.db
    """
    from ..ops.compact import compact

    with output.progress_bar(
        "compacting", _size(source), enabled=not no_progress and not as_json
    ) as p:
        result = compact(source, output_file, lenient=lenient, overwrite=force, progress=p)
    if as_json:
        output.emit_json(result.to_json())
    else:
        output.info(
            f"{output_file}: {sum(result.rows.values())} rows from {result.records_read} records; "
            f"{fmt_bytes(result.bytes_in)} -> {fmt_bytes(result.bytes_out)}"
        )
        if result.stopped:
            output.warn(f"input stopped early: {result.stopped.message}")
        output.print_findings(result.warnings)
    return ExitCode.OK


@db.command("cluster-to-standalone")
@click.argument("clustered", type=click.Path(dir_okay=False))
@click.argument("output_file", metavar="OUTPUT", type=click.Path(dir_okay=False))
@click.option(
    "--include-uncommitted",
    is_flag=True,
    help="Also include entries after the last commit index in the file (they may or "
    "may not have been committed by the cluster).",
)
@click.option(
    "--compact",
    "compact_output",
    is_flag=True,
    help="Write one compacted transaction instead of one record per entry.",
)
@click.option(
    "--lenient",
    is_flag=True,
    help="On damage or a Raft rule violation (e.g. a gap), convert what was committed "
    "before it instead of failing.",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@JSON_OPTION
@NO_PROGRESS
def cluster_to_standalone_cmd(
    clustered: str,
    output_file: str,
    include_uncommitted: bool,
    compact_output: bool,
    lenient: bool,
    force: bool,
    as_json: bool,
    no_progress: bool,
) -> int:
    """Turn a clustered member file into a standalone database file.

    Unlike "ovsdb-tool cluster-to-standalone", only committed entries are kept
    by default (never rows the cluster discarded), truncated entries are
    dropped, a torn last record is tolerated with a warning, gaps are refused
    (unless --lenient), and OUTPUT never exists half-written. Note the argument
    order: source first.

    \b
    Examples:
      ovsdb-backup db cluster-to-standalone /etc/origin/ovn/ovnnb_db.db nb.db
      ovsdb-backup db cluster-to-standalone --compact --json s1.db nb.db
    """
    from ..ops.cluster_to_standalone import cluster_to_standalone

    with output.progress_bar(
        "converting", _size(clustered), enabled=not no_progress and not as_json
    ) as p:
        result = cluster_to_standalone(
            clustered,
            output_file,
            include_uncommitted=include_uncommitted,
            lenient=lenient,
            compact=compact_output,
            overwrite=force,
            progress=p,
        )
    if as_json:
        output.emit_json(result.to_json())
        return ExitCode.OK
    output.info(
        f"{output_file}: {result.name}, committed contents up to index {result.applied_index} "
        f"({result.entries_written} entries written, {result.mode}; "
        f"{fmt_bytes(result.bytes_out)})"
    )
    if result.uncommitted_dropped:
        output.warn(
            f"{result.uncommitted_dropped} uncommitted entr"
            f"{'y' if result.uncommitted_dropped == 1 else 'ies'} after index "
            f"{result.commit_index} left out (use --include-uncommitted to keep them)"
        )
    if result.uncommitted_included:
        output.warn(f"{result.uncommitted_included} uncommitted entries included on request")
    if result.truncated_entries:
        output.info(
            f"{result.truncated_entries} entries were truncated by a later leader and "
            "are not in the output"
        )
    for warning in result.warnings:
        output.warn(f"{warning.message} (record {warning.record}, offset {warning.offset})")
    return ExitCode.OK


@db.command("create-cluster")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("output_file", metavar="OUTPUT", type=click.Path(dir_okay=False))
@click.argument("local_address")
@click.option(
    "--election-timer",
    "election_timer",
    type=int,
    metavar="MS",
    help="Initial election timer in milliseconds (100..600000).",
)
@click.option("--cid", "cluster_id", help="Use this cluster ID instead of a random one.")
@JSON_OPTION
def create_cluster_cmd(
    source: str,
    output_file: str,
    local_address: str,
    election_timer: int | None,
    cluster_id: str | None,
    as_json: bool,
) -> int:
    """Create the first member file of a new cluster from a database or schema.

    SOURCE may be a standalone database (e.g. a backup), a clustered member file
    (its committed contents) or an .ovsschema file. Row UUIDs are kept; the
    cluster gets a new cluster ID. Start ovsdb-server on OUTPUT, then add the
    other members with "db join-cluster".

    \b
    Examples:
      ovsdb-backup db create-cluster backup.db /var/lib/ovn/ovnnb_db.db tcp:10.0.0.1:6643
      ovsdb-backup db create-cluster --election-timer 5000 nb.db s1.db tcp:127.0.0.1:6643
    """
    from ..ops import cluster_files

    created = cluster_files.create_cluster(
        source,
        output_file,
        local_address,
        election_timer_ms=election_timer,
        cluster_id=cluster_id,
    )
    if as_json:
        output.emit_json(created.to_json())
    else:
        output.info(
            f"{output_file}: new cluster {created.cluster_id} of {created.name} with "
            f"{created.rows} rows; this server is {created.server_id} at {local_address}"
        )
    return ExitCode.OK


@db.command("join-cluster")
@click.argument("output_file", metavar="OUTPUT", type=click.Path(dir_okay=False))
@click.argument("name")
@click.argument("local_address")
@click.argument("remote_addresses", nargs=-1, required=True)
@click.option("--cid", "cluster_id", help="Only join the cluster with this ID.")
@JSON_OPTION
def join_cluster_cmd(
    output_file: str,
    name: str,
    local_address: str,
    remote_addresses: tuple[str, ...],
    cluster_id: str | None,
    as_json: bool,
) -> int:
    """Create the file of a server that will join an existing cluster.

    NAME is the database (schema) name, e.g. OVN_Northbound. Start ovsdb-server
    on OUTPUT; it contacts the REMOTE_ADDRESSES and joins.

    \b
    Examples:
      ovsdb-backup db join-cluster nb2.db OVN_Northbound tcp:10.0.0.2:6643 tcp:10.0.0.1:6643
    """
    from ..ops import cluster_files

    created = cluster_files.join_cluster(
        output_file, name, local_address, list(remote_addresses), cluster_id=cluster_id
    )
    if as_json:
        output.emit_json(created.to_json())
    else:
        output.info(
            f"{output_file}: server {created.server_id} at {local_address} will join "
            f"{name} via {', '.join(remote_addresses)}"
        )
    return ExitCode.OK


@db.command("repair")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Only say what would be cut.")
@JSON_OPTION
def repair_cmd(file: str, dry_run: bool, as_json: bool) -> int:
    """Cut a damaged file after its last good record, keeping the original aside.

    The original is first copied to FILE.broken-<time>; the repaired file is
    checked before it replaces FILE. For a clustered file the cut is before the
    first damaged or rule-breaking record. Refuses while a server has the file
    open. Prints every record that was lost.

    \b
    Examples:
      ovsdb-backup db repair --dry-run ovnnb_db.db
      ovsdb-backup db repair ovnnb_db.db
    """
    from ..ops.repair import repair

    result = repair(file, dry_run=dry_run)
    if as_json:
        output.emit_json(result.to_json())
        return ExitCode.OK
    if result.problem is None:
        output.info(f"{file}: no damage found; nothing to repair")
        return ExitCode.OK
    verb = "would cut" if dry_run else "cut"
    output.info(f"{file}: {result.problem.message}")
    output.info(
        f"{verb} at offset {result.cut_offset}: keeping {result.records_kept} records, "
        f"removing {fmt_bytes(result.bytes_removed)}"
    )
    for lost in result.lost_records:
        what = f"entry {lost.index} term {lost.term}" if lost.index else lost.kind
        comment = f" {lost.comment!r}" if lost.comment else ""
        output.info(f"  lost: record {lost.number} {what} {_when(lost.date_ms)}{comment}")
    if result.saved_copy:
        output.info(f"original saved as {result.saved_copy}")
    return ExitCode.OK


@db.command("rollback")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("output_file", metavar="OUTPUT", type=click.Path(dir_okay=False))
@click.option("--to-record", type=int, metavar="N", help="Keep records before N (see show-log).")
@click.option("--to-time", metavar="TIME", help="Keep records up to TIME (ISO 8601 or epoch).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@JSON_OPTION
def rollback_cmd(
    file: str,
    output_file: str,
    to_record: int | None,
    to_time: str | None,
    force: bool,
    as_json: bool,
) -> int:
    """Write FILE's history up to a record or a moment to OUTPUT (never in place).

    The ovsdb(7) "truncating history" recipe as a safe command: find the first
    bad record with "db show-log", then keep everything before it.

    \b
    Examples:
      ovsdb-backup db rollback ovnnb_db.db before-mistake.db --to-record 42
      ovsdb-backup db rollback ovnnb_db.db before.db --to-time 2026-11-21T09:15:00Z
    """
    from ..ops.repair import parse_time, rollback

    result = rollback(
        file,
        output_file,
        to_record=to_record,
        to_time_ms=parse_time(to_time) if to_time else None,
        overwrite=force,
    )
    if as_json:
        output.emit_json(result.to_json())
        return ExitCode.OK
    output.info(
        f"{output_file}: kept {result.records_kept} records, dropped {result.records_dropped}"
    )
    if result.last_kept is not None:
        output.info(
            f"last kept: record {result.last_kept.number} {_when(result.last_kept.date_ms)}"
            f" {result.last_kept.comment or ''}"
        )
    if result.first_dropped is not None:
        fd = result.first_dropped
        output.info(f"first dropped: record {fd.number} {_when(fd.date_ms)} {fd.comment or ''}")
    return ExitCode.OK


@db.command("convert")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("schema", type=click.Path(dir_okay=False))
@click.argument("output_file", metavar="OUTPUT", type=click.Path(dir_okay=False))
@click.option(
    "--force",
    is_flag=True,
    help="Accept data loss (dropped columns/tables, values that do not fit replaced by defaults).",
)
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@JSON_OPTION
def convert_cmd(
    file: str, schema: str, output_file: str, force: bool, overwrite: bool, as_json: bool
) -> int:
    """Convert a database file to another schema, listing exactly what is dropped.

    Refuses (exit 5) when the conversion would lose data unless --force.

    \b
    Examples:
      ovsdb-backup db convert ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema new.db
    """
    from ..ops.convert import convert

    result = convert(file, schema, output_file, force=force, overwrite=overwrite)
    if as_json:
        output.emit_json(result.to_json())
        return ExitCode.OK
    output.info(
        f"{output_file}: converted from version {result.from_version} to "
        f"{result.to_version}, {sum(result.rows.values())} rows"
    )
    for line in result.report.lines():
        output.info(f"  {line}")
    return ExitCode.OK


@db.command("needs-conversion")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("schema", type=click.Path(dir_okay=False))
@JSON_OPTION
def needs_conversion_cmd(file: str, schema: str, as_json: bool) -> int:
    """Say whether FILE needs converting to SCHEMA ("yes"/"no") and what it would lose.

    \b
    Examples:
      ovsdb-backup db needs-conversion ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
    """
    from ..ops.convert import needs_conversion

    result = needs_conversion(file, schema)
    if as_json:
        output.emit_json(result.to_json())
        return ExitCode.OK
    output.info("yes" if result.needed else "no")
    for line in result.report.lines():
        output.info(f"  {line}")
    return ExitCode.OK
