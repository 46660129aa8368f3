"""``ovsdb-backup neutron …``: rebuild or check the OVN Northbound DB from Neutron's DB."""

from __future__ import annotations

from typing import Any

import click

from ..errors import ExitCode, UsageError
from . import output
from .common import JSON_OPTION, tls_files, tls_options

HASH_RING_GUIDANCE = (
    "After the NB is rebuilt, restart neutron-server (all API/RPC workers): the OVN hash "
    "ring (table ovn_hash_ring) is rebuilt as the workers start, and the maintenance task "
    "re-checks every resource. Stop neutron-server before a sync so that it does not "
    "write to the NB at the same time."
)


def _source_options(func: Any) -> Any:
    func = click.option(
        "--neutron-release",
        metavar="REL",
        help="Translate as this Neutron release (21/zed, 29) instead of the detected one.",
    )(func)
    func = click.option(
        "--sql-dump",
        type=click.Path(dir_okay=False, exists=True),
        help="A mysqldump/mariadb-dump file of the Neutron DB (read without a server).",
    )(func)
    return click.option(
        "--neutron-db",
        metavar="URL",
        envvar="OVSDB_BACKUP_NEUTRON_DB",
        help="SQLAlchemy URL of the Neutron DB, e.g. mysql+pymysql://user:pw@host/neutron "
        "(or $OVSDB_BACKUP_NEUTRON_DB, which keeps the password off the command line).",
    )(func)


def _config_options(func: Any) -> Any:
    func = click.option(
        "--gateway-chassis",
        metavar="NAMES",
        default="",
        help="Comma-separated chassis that host router gateways, highest priority first "
        "(what ovn-cms-options=enable-chassis-as-gw marks in the SB).",
    )(func)
    func = click.option(
        "--dns-servers",
        metavar="IPS",
        default="",
        help="[ovn] dns_servers of neutron.conf (comma-separated).",
    )(func)
    return click.option(
        "--resolv-conf",
        type=click.Path(dir_okay=False),
        default="/etc/resolv.conf",
        show_default=True,
        help="Resolvers neutron-server falls back to for subnets without DNS servers.",
    )(func)


def _load_rows(neutron_db: str | None, sql_dump: str | None) -> Any:
    from ..neutron import source

    if not neutron_db and not sql_dump:
        raise UsageError("give --neutron-db URL or --sql-dump FILE")
    if neutron_db and sql_dump:
        raise UsageError("give only one of --neutron-db and --sql-dump")
    return source.load(url=neutron_db, sql_dump=sql_dump)


def _config(gateway_chassis: str, dns_servers: str, resolv_conf: str) -> Any:
    from ..neutron.translate import SyncConfig
    from ..neutron.translate.config import read_resolv_conf

    try:
        with open(resolv_conf, encoding="utf-8") as f:
            resolvers = read_resolv_conf(f.read())
    except OSError:
        resolvers = ()
    return SyncConfig(
        dns_servers=tuple(s.strip() for s in dns_servers.split(",") if s.strip()),
        system_dns_resolvers=resolvers,
        gateway_chassis=tuple(c.strip() for c in gateway_chassis.split(",") if c.strip()),
    )


@click.group()
def neutron() -> None:
    """Rebuild or check the OVN Northbound DB from Neutron's SQL database.

    \b
    regenerate  Neutron DB -> a complete standalone NB file (offline)
    audit       Neutron DB vs the NB: what is missing, extra or different (read-only)
    sync        make the live NB match Neutron, in one transaction, UUIDs kept
    """


@neutron.command()
@_source_options
@_config_options
@click.option(
    "-o", "--output", "output_path", required=True, type=click.Path(dir_okay=False), help="NB file."
)
@click.option(
    "--schema",
    "schema_path",
    default="/usr/share/ovn/ovn-nb.ovsschema",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The OVN_Northbound schema the file is written with.",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@JSON_OPTION
def regenerate(
    neutron_db: str | None,
    sql_dump: str | None,
    neutron_release: str | None,
    gateway_chassis: str,
    dns_servers: str,
    resolv_conf: str,
    output_path: str,
    schema_path: str,
    force: bool,
    as_json: bool,
) -> int:
    """Write a complete NB database file built from Neutron alone.

    The file is a standalone OVSDB database, ready for ovsdb-server or for
    `ovsdb-tool create-cluster`. It is written atomically: it appears whole or not at all.
    """
    from ..neutron import regenerate as rg

    rows = _load_rows(neutron_db, sql_dump)
    result = rg.regenerate(
        rows,
        output_path,
        schema=rg.read_schema(schema_path),
        config=_config(gateway_chassis, dns_servers, resolv_conf),
        release_override=neutron_release,
        overwrite=force,
    )
    if as_json:
        output.emit_json(
            {
                "output": result.output,
                "neutron_release": result.profile.release,
                "rows": result.rows,
                "warnings": result.warnings,
            }
        )
        return int(ExitCode.OK)
    for warning in result.warnings:
        output.warn(warning)
    total = sum(result.rows.values())
    output.info(
        f"wrote {result.output}: {total} rows for Neutron {result.profile.name} "
        f"({', '.join(f'{t} {n}' for t, n in sorted(result.rows.items()))})"
    )
    output.info(HASH_RING_GUIDANCE)
    return int(ExitCode.OK)


def _jsonable(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted((_jsonable(v) for v in value), key=str)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _change_json(change: Any) -> dict[str, Any]:
    return {
        "drift": change.kind,
        "table": change.table,
        "key": list(change.key),
        "uuid": change.uuid,
        "neutron": None
        if change.owner is None
        else {"kind": change.owner.kind, "id": change.owner.id},
        "nb_row": _jsonable(change.old),
        "wanted": _jsonable(change.new),
    }


def _print_changes(changes: list[Any]) -> None:
    for c in changes:
        who = f" (Neutron {c.owner.kind} {c.owner.id})" if c.owner else ""
        output.info(f"{c.kind:9} {c.table} {'|'.join(c.key)}{who}")
        if c.kind == "different":
            for col in sorted(c.new):
                output.info(f"            {col}: {_column_change(c.old.get(col), c.new[col])}")


def _column_change(old: Any, new: Any) -> str:
    """What changes in one column: only the keys or elements that differ."""
    if isinstance(old, dict) and isinstance(new, dict) and old and new:
        parts = [
            f"{k}: {old[k]!r} -> {new[k]!r}" if k in old and k in new
            else f"+{k}={new[k]!r}" if k in new else f"-{k}={old[k]!r}"
            for k in sorted(old.keys() | new.keys())
            if old.get(k) != new.get(k)
        ]  # fmt: skip
        return "; ".join(parts)
    if isinstance(old, set) and isinstance(new, set) and old and new:
        return " ".join([*(f"+{v!r}" for v in sorted(new - old, key=str)),
                         *(f"-{v!r}" for v in sorted(old - new, key=str))])  # fmt: skip
    return f"NB {old!r} -> {new!r}"


def _drift_summary(changes: list[Any]) -> str:
    kinds = {k: sum(1 for c in changes if c.kind == k) for k in ("missing", "extra", "different")}
    return ", ".join(f"{n} {k}" for k, n in kinds.items() if n)


def _describe(server: Any) -> str:
    if server.model == "clustered":
        return f"{server.remote} (cluster {'leader' if server.leader else 'follower'})"
    return f"{server.remote} ({server.model})"


def _ring(rows: Any) -> Any:
    from ..neutron import hashring

    return hashring.ring_state(rows.rows("ovn_hash_ring"), hashring.utcnow())


@neutron.command()
@_source_options
@_config_options
@click.option(
    "--remote",
    metavar="REMOTES",
    help="The live NB: one server or a cluster's comma-separated list, e.g. "
    "tcp:10.0.0.1:6641,tcp:10.0.0.2:6641 (the leader is used if one answers).",
)
@click.option(
    "--nb-file",
    type=click.Path(dir_okay=False, exists=True),
    help="An NB database file (standalone, or a cluster member's file).",
)
@tls_options
@JSON_OPTION
def audit(
    neutron_db: str | None,
    sql_dump: str | None,
    neutron_release: str | None,
    gateway_chassis: str,
    dns_servers: str,
    resolv_conf: str,
    remote: str | None,
    nb_file: str | None,
    private_key: str | None,
    certificate: str | None,
    ca_cert: str | None,
    as_json: bool,
) -> int:
    """Compare the NB with Neutron; never writes. Exits 1 when there is drift.

    Every NB row that Neutron would write is compared: missing rows, extra rows that
    belong to Neutron (by name or external_ids; other rows are never reported), and
    rows whose columns differ, each with the Neutron resource it comes from.

    \b
    Examples:
      ovsdb-backup neutron audit --neutron-db mysql+pymysql://neutron:PW@db/neutron \\
          --remote tcp:10.0.0.1:6641,tcp:10.0.0.2:6641,tcp:10.0.0.3:6641
      ovsdb-backup neutron audit --sql-dump neutron.sql --nb-file ovnnb_db.db --json
    """
    from ..neutron import audit as au
    from ..neutron import hashring

    if bool(remote) == bool(nb_file):
        raise UsageError("give exactly one of --remote and --nb-file")
    tls = tls_files(private_key, certificate, ca_cert)
    rows = _load_rows(neutron_db, sql_dump)
    where = str(nb_file)
    if remote:
        server, nb = au.read_nb_live(remote, tls)
        where = _describe(server)
    else:
        nb = au.read_nb_file(str(nb_file))
    result = au.audit(rows, nb, _config(gateway_chassis, dns_servers, resolv_conf), neutron_release)
    changes = list(result.plan.changes())
    ring = _ring(rows)
    notes = hashring.guidance(ring, drift=bool(changes), changed_nb=False)
    if as_json:
        output.emit_json(
            {
                "neutron_release": result.profile.release,
                "nb": where,
                "drift": len(changes),
                "changes": [_change_json(c) for c in changes],
                "guidance": notes,
            }
        )
    else:
        _print_changes(changes)
        if changes:
            output.info(f"drift in {where}: {_drift_summary(changes)} NB rows")
            for note in notes:
                output.info(note)
        else:
            output.info(
                f"in sync: the {result.nb_rows} rows of {where} match Neutron {result.profile.name}"
            )
    return int(ExitCode.FINDINGS if changes else ExitCode.OK)


@neutron.command()
@_source_options
@_config_options
@click.option(
    "--remote",
    metavar="REMOTES",
    required=True,
    help="The live NB: one server or a cluster's comma-separated list; the transaction goes "
    "to the leader.",
)
@click.option("--dry-run", is_flag=True, help="Print the plan and the operations; change nothing.")
@click.option(
    "--update-revision-numbers",
    is_flag=True,
    help="After the NB transaction succeeded, raise Neutron's ovn_revision_numbers to the "
    "revisions the NB now reflects, as the real repair does (needs --neutron-db).",
)
@tls_options
@JSON_OPTION
def sync(
    neutron_db: str | None,
    sql_dump: str | None,
    neutron_release: str | None,
    gateway_chassis: str,
    dns_servers: str,
    resolv_conf: str,
    remote: str,
    dry_run: bool,
    update_revision_numbers: bool,
    private_key: str | None,
    certificate: str | None,
    ca_cert: str | None,
    as_json: bool,
) -> int:
    """Make the NB match Neutron in one transaction, keeping row UUIDs.

    Rows that are already right are not touched; a row that differs is updated in the
    columns that differ; only rows that belong to Neutron (by name or external_ids) are
    changed or deleted. Every update and delete is guarded: if the NB changes between
    the read and the transaction, nothing is applied (exit 4). The NB is then read again
    and audited; exit 1 if drift remains. Stop neutron-server first.

    \b
    Examples:
      ovsdb-backup neutron sync --neutron-db mysql+pymysql://neutron:PW@db/neutron \\
          --remote tcp:10.0.0.1:6641,tcp:10.0.0.2:6641,tcp:10.0.0.3:6641 --dry-run
      ovsdb-backup neutron sync --neutron-db ... --remote ... --update-revision-numbers
    """
    from ..neutron import hashring, revisions
    from ..neutron import sync as sy
    from ..neutron.view import build_view

    if update_revision_numbers and not neutron_db:
        raise UsageError(
            "--update-revision-numbers writes to Neutron's database: give --neutron-db URL "
            "(a SQL dump cannot be updated)"
        )
    tls = tls_files(private_key, certificate, ca_cert)
    rows = _load_rows(neutron_db, sql_dump)
    ring = _ring(rows)
    running = hashring.running_warning(ring)
    if running and not as_json:
        output.warn(running + "; " + hashring.STOP_FIRST)
    warnings = [running] if running else []
    config = _config(gateway_chassis, dns_servers, resolv_conf)
    result = sy.sync(
        rows, remote, config, release_override=neutron_release, dry_run=dry_run, tls=tls
    )
    changes = list(result.before.plan.changes())
    remaining = list(result.remaining.changes()) if result.remaining is not None else []
    counts = {"insert": 0, "update": 0, "delete": 0}
    for table_counts in result.diff.counts().values():
        for kind, n in table_counts.items():
            counts[kind] += n
    bump_result = None
    bump_plan = revisions.bumps(rows, build_view(rows)) if update_revision_numbers else []
    if update_revision_numbers and not dry_run and not remaining:
        from ..neutron import source

        engine = source.engine_for_url(str(neutron_db))
        try:
            bump_result = revisions.apply_bumps(engine, bump_plan)
        finally:
            engine.dispose()
    elif update_revision_numbers and remaining:
        warnings.append("ovn_revision_numbers left alone: drift remains in the NB")
    notes = hashring.guidance(ring, drift=bool(changes), changed_nb=result.applied)
    server = _describe(result.server)
    if as_json:
        output.emit_json(
            {
                "neutron_release": result.before.profile.release,
                "server": server,
                "dry_run": dry_run,
                "drift": len(changes),
                "changes": [_change_json(c) for c in changes],
                "operations": len(result.operations),
                "rows": counts,
                "applied": result.applied,
                "remaining_drift": None if result.remaining is None else len(remaining),
                "remaining": [_change_json(c) for c in remaining],
                "revision_numbers": None
                if bump_result is None
                else {
                    "updated": bump_result.updated,
                    "created": bump_result.created,
                    "unchanged": bump_result.unchanged,
                },
                "warnings": warnings,
                "guidance": notes,
            }
        )
    else:
        _print_changes(changes)
        what = ", ".join(f"{k} {n}" for k, n in counts.items() if n)
        if not changes:
            output.info(
                f"in sync: the {result.before.nb_rows} rows of {server} match Neutron "
                f"{result.before.profile.name}; nothing sent"
            )
        elif dry_run:
            output.info(
                f"dry run: would send 1 transaction of {len(result.operations)} operations to "
                f"{server} ({what} rows); nothing was changed"
            )
        else:
            output.info(
                f"sent 1 transaction of {len(result.operations)} operations to {server} "
                f"({what} rows)"
            )
            if remaining:
                output.warn(f"drift remains after the sync: {_drift_summary(remaining)} NB rows")
                _print_changes(remaining)
            else:
                output.info("the NB now matches Neutron")
        for warning in warnings:
            if warning != running:
                output.warn(warning)
        if bump_result is not None:
            output.info(
                f"ovn_revision_numbers: {bump_result.updated} raised, {bump_result.created} "
                f"created, {bump_result.unchanged} already current"
            )
        elif update_revision_numbers and dry_run:
            would = revisions.preview(rows, bump_plan)
            output.info(
                f"ovn_revision_numbers: would raise {would.updated} and create {would.created} "
                f"({would.unchanged} already current)"
            )
        for note in notes:
            output.info(note)
    return int(ExitCode.FINDINGS if remaining else ExitCode.OK)
