"""``ovsdb-backup restore`` and ``ovsdb-backup diff``."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import click

from ..errors import ExitCode, UsageError
from . import output
from .common import JSON_OPTION, tls_files, tls_options

if TYPE_CHECKING:
    from ..ops.sources import Source

# Returns the database of a given name (None: the only one) to restore.
Loader = Callable[[str | None], "Source"]

_LIVE_PREFIXES = ("tcp:", "ssl:", "unix:")


def _change_text(values: dict[str, str]) -> str:
    if "from" in values:
        return f"{values['from']} -> {values['to']}"
    return "; ".join(f"{k} {v}" for k, v in values.items())


def _print_changes(name: str, result: Any, changes: list[dict[str, Any]] | None) -> None:
    counts = result.diff.counts()
    total = sum(c["insert"] for c in counts.values()), sum(c["delete"] for c in counts.values())
    updated = sum(c["update"] for c in counts.values())
    state = "dry run" if result.dry_run else ("committed" if result.committed else "nothing to do")
    output.info(
        f"{name} on {result.remote}: +{total[0]} -{total[1]} ~{updated} rows "
        f"({result.operations} operations, {result.mode} mode, {state})"
    )
    rows = [(t, c["insert"], c["delete"], c["update"]) for t, c in sorted(counts.items())]
    if rows:
        output.print_table(["Table", "+inserted", "-deleted", "~modified"], rows)
    for change in changes or []:
        sign = {"insert": "+", "delete": "-", "update": "~"}[change["op"]]
        output.info(f"  {sign} {change['row']}")
        for column, values in change.get("columns", {}).items():
            output.info(f"      {column}: {_change_text(values)}")
    if result.conversion is not None:
        for line in result.conversion.lines():
            output.info(f"  schema: {line}")
    if result.kept_counters:
        output.info(f"  kept live values of {', '.join(result.kept_counters)}")
    if result.safety_backup:
        output.info(f"  safety backup of the target: {result.safety_backup}")


@click.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False), required=False)
@click.option(
    "--db",
    "databases",
    multiple=True,
    metavar="NAME",
    help="Database(s) of the archive to restore (default: all it holds).",
)
@click.option(
    "--repo",
    type=click.Path(exists=True, file_okay=False),
    help="Restore from a repository's change stream instead of SOURCE (point in time; one --db).",
)
@click.option(
    "--to-time",
    metavar="TIME",
    help="With --repo: the state at this time (ISO 8601, e.g. 2026-11-21T10:30:00Z, a "
    "naive time is local; or seconds since the epoch). Default: the newest state.",
)
@click.option(
    "--to-txn",
    metavar="ID",
    help="With --repo: the state right after this transaction id (see 'db show-log').",
)
@click.option(
    "--to-file",
    type=click.Path(dir_okay=False),
    metavar="PATH",
    help="Write a standalone database file.",
)
@click.option(
    "--to-cluster",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write the member files of a NEW cluster (one per --address).",
)
@click.option(
    "--address",
    "addresses",
    multiple=True,
    metavar="tcp:IP:PORT",
    help="Raft address of each new cluster member (first one holds the data).",
)
@click.option("--election-timer", type=int, metavar="MS", help="For --to-cluster.")
@click.option(
    "-r",
    "--remote",
    "remotes",
    multiple=True,
    metavar="REMOTE",
    help="Restore online into these live servers (repeat for another deployment).",
)
@click.option(
    "--as",
    "target_name",
    metavar="NAME",
    help="Restore into the database of this name (needs --force if it differs).",
)
@click.option(
    "--mode",
    type=click.Choice(["diff", "replace"]),
    default="diff",
    show_default=True,
    help="diff: change only what differs, keep UUIDs; replace: what ovsdb-client "
    "restore does (new UUIDs; for servers older than OVS 2.13).",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("-v", "--verbose", is_flag=True, help="List every row and column that changes.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing file, accept a lossy schema conversion, or restore "
    "into a database of another name.",
)
@click.option(
    "--no-safety-backup", is_flag=True, help="Do not back up the target before an online restore."
)
@click.option(
    "--safety-dir",
    type=click.Path(file_okay=False),
    help="Where the safety backup goes (default: next to SOURCE).",
)
@click.option(
    "--restore-counters",
    is_flag=True,
    help="Also restore nb_cfg/sb_cfg/hv_cfg (normally the live values are kept: "
    "clients wait on them).",
)
@click.option(
    "--files-to",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Extract the archive's configuration files under DIR.",
)
@click.option(
    "--files-in-place",
    is_flag=True,
    help="Extract the configuration files to their original paths.",
)
@click.option(
    "--restore-permissions",
    is_flag=True,
    help="Give extracted files their recorded owner and mode.",
)
@click.option("--jobs", default=2, show_default=True, help="Databases restored at once.")
@click.option("--timeout", type=float, metavar="SECONDS", help="Limit for each transaction.")
@tls_options
@JSON_OPTION
def restore(
    source: str | None,
    databases: tuple[str, ...],
    repo: str | None,
    to_time: str | None,
    to_txn: str | None,
    to_file: str | None,
    to_cluster: str | None,
    addresses: tuple[str, ...],
    election_timer: int | None,
    remotes: tuple[str, ...],
    target_name: str | None,
    mode: str,
    dry_run: bool,
    verbose: bool,
    force: bool,
    no_safety_backup: bool,
    safety_dir: str | None,
    restore_counters: bool,
    files_to: str | None,
    files_in_place: bool,
    restore_permissions: bool,
    jobs: int,
    timeout: float | None,
    private_key: str | None,
    certificate: str | None,
    ca_cert: str | None,
    as_json: bool,
) -> int:
    """Restore databases from an archive (or a database file) without breaking the network.

    Online (--remote), the live database is made equal to the backup in ONE
    transaction that keeps row UUIDs: rows that differ are updated, missing rows
    are inserted with their original UUID, extra rows deleted, equal rows not
    touched — so ovn-northd and ovn-controllers keep their flows for them. A
    backup of the target is taken first; a failed transaction changes nothing.
    --dry-run shows the changes first. SOURCE may also be a plain database file
    (e.g. from "ovsdb-client backup").

    With --repo instead of SOURCE, the database comes from the repository's change
    stream as it was at --to-time (or right after --to-txn), to any of the targets;
    a moment inside a gap of the stream, or while its agent was reconnecting, is
    refused (exit 3) — see docs/continuous-backup.md.

    \b
    Examples:
      ovsdb-backup restore ovn.tar --db OVN_Northbound --remote tcp:10.0.0.1:6641 --dry-run -v
      ovsdb-backup restore ovn.tar -r unix:/var/run/ovn/ovnnb_db.sock \\
                                   -r unix:/var/run/ovn/ovnsb_db.sock
      ovsdb-backup restore ovn.tar --db OVN_Northbound --to-file /tmp/nb.db
      ovsdb-backup restore ovn.tar --db OVN_Northbound --to-cluster /var/lib/ovn/new \\
          --address tcp:10.0.0.1:6643 --address tcp:10.0.0.2:6643 --address tcp:10.0.0.3:6643
      ovsdb-backup restore ovn.tar --files-to /tmp/etc-restore
      ovsdb-backup restore --repo /backup --db OVN_Northbound \\
          --to-time 2026-11-21T09:14:59Z --to-file nb.db
      ovsdb-backup restore --repo /backup --db OVN_Northbound --to-txn 3b79f2e1-… -r tcp:…
    """
    loader, origin_dir = _loader(source, repo, databases, to_time, to_txn)
    if repo is not None and (files_to or files_in_place):
        raise UsageError(
            "a repository's stream holds no configuration files; restore them "
            "from an archive (SOURCE)"
        )
    targets = sum(bool(x) for x in (to_file, to_cluster, remotes))
    wants_files = bool(files_to or files_in_place)
    if targets > 1:
        raise UsageError("give one of --to-file, --to-cluster and --remote")
    if targets == 0 and not wants_files:
        raise UsageError(
            "nothing to do: give --to-file, --to-cluster, --remote or --files-to",
            hint="see 'ovsdb-backup restore --help'",
        )
    results: list[dict[str, Any]] = []
    status = ExitCode.OK
    if to_file or to_cluster:
        results.append(
            _offline(
                loader, databases, to_file, to_cluster, addresses, election_timer, force, as_json
            )
        )
    elif remotes:
        results += _online(
            loader,
            origin_dir,
            source,
            databases,
            remotes,
            target_name,
            mode,
            dry_run,
            verbose,
            force,
            no_safety_backup,
            safety_dir,
            restore_counters,
            jobs,
            timeout,
            tls_files(private_key, certificate, ca_cert),
            as_json,
        )
    if wants_files:
        assert source is not None
        results.append(
            _files(source, files_to, files_in_place, restore_permissions, force, as_json)
        )
    if as_json:
        output.emit_json(results)
    return status


def _loader(
    source: str | None,
    repo: str | None,
    databases: tuple[str, ...],
    to_time: str | None,
    to_txn: str | None,
) -> tuple[Loader, str]:
    """How to get each database, and the directory safety backups go to by default."""
    from ..ops.sources import load

    if repo is None:
        if source is None:
            raise UsageError("give SOURCE (an archive or a database file), or --repo")
        if to_time is not None or to_txn is not None:
            raise UsageError("--to-time and --to-txn need --repo")
        return (lambda name: load(source, name)), os.path.dirname(os.path.abspath(source))
    if source is not None:
        raise UsageError("give SOURCE or --repo, not both")
    if len(databases) != 1:
        raise UsageError("--repo restores one database: give exactly one --db")
    if to_time is not None and to_txn is not None:
        raise UsageError("give at most one of --to-time and --to-txn")
    from ..ops.repair import parse_time
    from ..ops.sources import Source
    from ..repo.layout import open_repository
    from ..repo.pitr import restore_point

    repository = open_repository(repo)
    point = restore_point(
        repository,
        databases[0],
        to_time_ms=parse_time(to_time) if to_time is not None else None,
        to_txn=to_txn,
    )
    found = Source(point.db, f"{repo}:{databases[0]} {point.requested}", point.to_json())
    output.warn(
        f"{databases[0]} {point.requested}: record {point.record} of segment {point.segment} "
        f"(txn {point.txn or 'none'}, seen {point.to_json()['seen']})"
    )
    return (lambda _name: found), str(repository.archives)


def _one_name(databases: tuple[str, ...]) -> str | None:
    if len(databases) > 1:
        raise UsageError("--to-file and --to-cluster restore one database at a time")
    return databases[0] if databases else None


def _offline(
    loader: Loader,
    databases: tuple[str, ...],
    to_file: str | None,
    to_cluster: str | None,
    addresses: tuple[str, ...],
    election_timer: int | None,
    force: bool,
    as_json: bool,
) -> dict[str, Any]:
    from ..ops.restore import restore_to_cluster, restore_to_file

    loaded = loader(_one_name(databases))
    if to_file:
        done = restore_to_file(loaded.db, to_file, overwrite=force)
        if not as_json:
            output.info(f"{to_file}: {loaded.name} with {done.rows} rows from {loaded.origin}")
            if done.previous:
                output.info(f"the previous file is kept as {done.previous}")
        return done.to_json()
    assert to_cluster is not None
    cluster = restore_to_cluster(
        loaded.db, to_cluster, list(addresses), election_timer_ms=election_timer, overwrite=force
    )
    if not as_json:
        output.info(
            f"new cluster {cluster.cluster_id} of {cluster.name} ({cluster.rows} rows, "
            "UUIDs kept) in " + to_cluster
        )
        output.info("start the members (the first one first), each on its own host:")
        for command in cluster.start_commands:
            output.info(f"  {command}")
        output.info("then reset the clients that remember the old cluster:")
        for command in cluster.client_resets:
            output.info(f"  {command}")
    return cluster.to_json()


def _online(
    loader: Loader,
    origin_dir: str,
    source: str | None,
    databases: tuple[str, ...],
    remotes: tuple[str, ...],
    target_name: str | None,
    mode: str,
    dry_run: bool,
    verbose: bool,
    force: bool,
    no_safety_backup: bool,
    safety_dir: str | None,
    restore_counters: bool,
    jobs: int,
    timeout: float | None,
    tls: Any,
    as_json: bool,
) -> list[dict[str, Any]]:
    from ..ops.backup import plan_targets
    from ..ops.describe import describe_diff
    from ..ops.restore import restore_online
    from ..ops.sources import archive_databases, is_archive, load
    from ..protocol import parse_remotes

    groups = [parse_remotes(r) for r in remotes]
    if source is None:
        names = list(databases)
    elif is_archive(source):
        names = list(databases) or [d.name for d in archive_databases(source)]
    else:
        names = [load(source).name]
    if target_name and len(names) != 1:
        raise UsageError("--as needs exactly one database")
    wanted = [target_name] if target_name else names
    placed = {db: group for group, db in asyncio.run(plan_targets(groups, wanted, tls))}
    safety = None if (no_safety_backup or dry_run) else (safety_dir or origin_dir)

    def one(name: str) -> dict[str, Any]:
        loaded = loader(name)
        target = target_name or name
        result = restore_online(
            loaded,
            placed[target],
            tls=tls,
            target_name=target,
            mode=mode,
            dry_run=dry_run,
            force=force,
            keep_counters=not restore_counters,
            safety_dir=safety,
            timeout=timeout,
        )
        data = result.to_json()
        changes = describe_diff(result.diff, loaded.db, loaded.db) if verbose else None
        if changes is not None:
            data["changes_detail"] = changes
        if not as_json:
            _print_changes(target, result, changes)
        return data

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, names))


def _files(
    source: str,
    files_to: str | None,
    in_place: bool,
    restore_permissions: bool,
    force: bool,
    as_json: bool,
) -> dict[str, Any]:
    from ..archive import ArchiveReader, extract_files

    if files_to and in_place:
        raise UsageError("give one of --files-to and --files-in-place")
    target = files_to or "/"
    with ArchiveReader(source) as reader:
        done = extract_files(
            reader, target, overwrite=force, restore_permissions=restore_permissions
        )
    data = {
        "target": "files",
        "directory": target,
        "written": done.written,
        "unchanged": done.unchanged,
        "links": done.links,
        "directories": done.directories,
    }
    if not as_json:
        output.info(
            f"configuration files under {target}: {len(done.written)} written, "
            f"{len(done.unchanged)} unchanged, {len(done.links)} links"
        )
    return data


@click.command("diff")
@click.argument("a")
@click.argument("b")
@click.option("--db", "name", metavar="NAME", help="The database (for archives and servers).")
@click.option("-v", "--verbose", is_flag=True, help="List every row and column that differs.")
@tls_options
@JSON_OPTION
def diff_cmd(
    a: str,
    b: str,
    name: str | None,
    verbose: bool,
    private_key: str | None,
    certificate: str | None,
    ca_cert: str | None,
    as_json: bool,
) -> int:
    """Compare two databases row by row; exit 0 when equal, 1 when they differ.

    A and B may each be an archive, a database file or a live server
    (tcp:/ssl:/unix: remote). Reports what would change to turn A into B.

    \b
    Examples:
      ovsdb-backup diff yesterday.tar today.tar --db OVN_Northbound
      ovsdb-backup diff ovn.tar unix:/var/run/ovn/ovnnb_db.sock --db OVN_Northbound -v
    """
    from ..model.diff import diff_databases
    from ..ops.describe import describe_diff
    from ..ops.restore import fit_to_schema

    tls = tls_files(private_key, certificate, ca_cert)
    left, right = _load_any(a, name, tls), _load_any(b, name, tls)
    right_db, _ = fit_to_schema(right.db, left.db.schema, force=True)
    diff = diff_databases(left.db, right_db)
    changes = describe_diff(diff, left.db, right_db) if verbose or as_json else []
    if as_json:
        output.emit_json(
            {
                "a": left.origin,
                "b": right.origin,
                "equal": diff.empty,
                "changes": diff.counts(),
                "detail": changes,
            }
        )
    else:
        output.info(
            f"{left.origin} -> {right.origin}: "
            + ("equal" if diff.empty else f"{diff.total()} row(s) differ")
        )
        rows = [
            (t, c["insert"], c["delete"], c["update"]) for t, c in sorted(diff.counts().items())
        ]
        if rows:
            output.print_table(["Table", "+only in B", "-only in A", "~different"], rows)
        for change in changes:
            sign = {"insert": "+", "delete": "-", "update": "~"}[change["op"]]
            output.info(f"  {sign} {change['row']}")
            for column, values in change.get("columns", {}).items():
                output.info(f"      {column}: {_change_text(values)}")
    return ExitCode.OK if diff.empty else ExitCode.FINDINGS


def _load_any(spec: str, name: str | None, tls: Any) -> Any:
    from ..ops.sources import load, load_live
    from ..protocol import parse_remotes

    if spec.startswith(_LIVE_PREFIXES):
        if name is None:
            raise UsageError(f"{spec}: say which database with --db")
        remote = parse_remotes(spec).remotes[0]
        return asyncio.run(load_live(remote, name, tls=tls))
    return load(spec, name)
