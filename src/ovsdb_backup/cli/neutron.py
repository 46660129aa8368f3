"""``ovsdb-backup neutron …``: rebuild or check the OVN Northbound DB from Neutron's DB."""

from __future__ import annotations

from typing import Any

import click

from ..errors import ExitCode, UsageError
from . import output
from .common import JSON_OPTION

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


@neutron.command()
@_source_options
@_config_options
@click.option("--remote", metavar="REMOTE", help="A live NB server, e.g. tcp:127.0.0.1:6641.")
@click.option(
    "--nb-file", type=click.Path(dir_okay=False, exists=True), help="An NB database file."
)
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
    as_json: bool,
) -> int:
    """Compare the NB with Neutron; never writes. Exits 1 when there is drift."""
    from ..neutron import audit as au

    if bool(remote) == bool(nb_file):
        raise UsageError("give exactly one of --remote and --nb-file")
    rows = _load_rows(neutron_db, sql_dump)
    nb = au.read_nb_live(remote) if remote else au.read_nb_file(str(nb_file))
    result = au.audit(rows, nb, _config(gateway_chassis, dns_servers, resolv_conf), neutron_release)
    changes = list(result.plan.changes())
    if as_json:
        output.emit_json(
            {
                "neutron_release": result.profile.release,
                "drift": len(changes),
                "changes": [_change_json(c) for c in changes],
            }
        )
    else:
        for c in changes:
            who = f" (Neutron {c.owner.kind} {c.owner.id})" if c.owner else ""
            output.info(f"{c.kind:9} {c.table} {'|'.join(c.key)}{who}")
            if c.kind == "different":
                for col in sorted(c.new or {}):
                    output.info(f"            {col}: NB {c.old.get(col)!r} -> {c.new[col]!r}")  # type: ignore[union-attr, index]
        if not changes:
            output.info(f"in sync: {result.nb_rows} NB rows match Neutron {result.profile.name}")
    return int(ExitCode.FINDINGS if changes else ExitCode.OK)
