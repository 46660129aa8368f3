"""Read Neutron's SQL database (only the tables the OVN sync needs) with SQLAlchemy Core.

Sources: a SQLAlchemy URL (``mysql+pymysql://``, ``postgresql+psycopg://``, ``sqlite:///``)
or a ``mysqldump`` file, whose literal rows are parsed directly
(:mod:`.sqldump`). Everything is read once, in one transaction, into plain dicts
(:class:`NeutronRows`); the translation never touches the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, ServerError
from . import releases

# The tables the translation reads (a subset of what the real sync util touches; see the
# oracle README, "What the sync reads from Neutron").
TABLES: tuple[str, ...] = (
    "alembic_version",
    "standardattributes",
    "networks",
    "networksegments",
    "externalnetworks",
    "networksecuritybindings",
    "subnets",
    "subnetroutes",
    "dnsnameservers",
    "ipallocations",
    "ports",
    "portsecuritybindings",
    "allowedaddresspairs",
    "extradhcpopts",
    "ml2_port_bindings",
    "securitygroups",
    "securitygrouprules",
    "securitygroupportbindings",
    "routers",
    "routerports",
    "routerroutes",
    "router_extra_attributes",
    "floatingips",
    "portforwardings",
    "qos_policies",
    "qos_port_policy_bindings",
    "qos_network_policy_bindings",
    "qos_fip_policy_bindings",
    "qos_router_gw_policy_bindings",
    "qos_bandwidth_limit_rules",
    "qos_dscp_marking_rules",
    "qos_minimum_bandwidth_rules",
    "ovn_revision_numbers",
    "ovn_hash_ring",
    "subports",
    "address_groups",
    "address_associations",
)
# Without these, the database is not Neutron's.
_REQUIRED = ("networks", "ports", "standardattributes")


class NeutronDbError(InputError):
    """A database that is not a readable Neutron database."""


class NeutronUnreachable(ServerError):
    """The Neutron database server cannot be reached."""


@dataclass(frozen=True)
class NeutronRows:
    """Raw rows by table (missing tables are empty), plus what was learnt about the schema."""

    tables: Mapping[str, list[dict[str, Any]]]
    revisions: tuple[str, ...] = ()
    detected_release: int | None = None
    source: str = ""
    missing_tables: tuple[str, ...] = field(default=())

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.tables.get(table, [])


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparsable URL>"


def engine_for_url(url: str) -> Any:
    import sqlalchemy as sa

    try:
        return sa.create_engine(url)
    except ImportError as exc:
        raise NeutronDbError(
            f"{describe_url(url)}: database driver missing: {exc}",
            hint="install PyMySQL (mysql+pymysql://) or psycopg (postgresql+psycopg://)",
        ) from None
    except Exception as exc:
        raise NeutronDbError(f"invalid database URL {describe_url(url)}: {exc}") from None


def read_dump_rows(path: str) -> NeutronRows:
    """The rows of a SQL dump, parsed directly (tables in :data:`TABLES` only).

    No database engine is involved: a dump holds literal values, so its rows are what a
    query would return; this also keeps SQLAlchemy's import (about 0.3 s) off the path.
    """
    from .sqldump import DumpError, read_dump

    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            parsed = read_dump(stream, set(TABLES), name=path)
    except OSError as exc:
        raise NeutronDbError(f"{path}: cannot read SQL dump: {exc.strerror}") from None
    present = {name for name, table in parsed.items() if table.columns}
    _require(present, path)
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        if name not in present:
            continue
        columns = parsed[name].columns
        if any(len(row) != len(columns) for row in parsed[name].rows):
            raise DumpError(f"{path}: table {name}: a row does not have {len(columns)} values")
        tables[name] = [dict(zip(columns, row, strict=True)) for row in parsed[name].rows]
    return _rows(tables, present, path)


def _require(present: set[str], source: str) -> None:
    missing = [t for t in _REQUIRED if t not in present]
    if missing:
        raise NeutronDbError(
            f"{source}: not a Neutron database (no table {', '.join(missing)})",
            hint="point --neutron-db at the database neutron-server uses "
            "([database] connection in neutron.conf)",
        )


def _rows(tables: dict[str, list[dict[str, Any]]], present: set[str], source: str) -> NeutronRows:
    revisions = tuple(sorted(str(r.get("version_num")) for r in tables.get("alembic_version", [])))
    return NeutronRows(
        tables=tables,
        revisions=revisions,
        detected_release=releases.release_of_revisions(list(revisions)),
        source=source,
        missing_tables=tuple(t for t in TABLES if t not in present),
    )


def read_rows(engine: Any, *, source: str) -> NeutronRows:
    """Read every table of :data:`TABLES` that exists, in one transaction."""
    import sqlalchemy as sa

    try:
        with engine.connect() as conn:
            present = set(sa.inspect(conn).get_table_names())
            _require(present, source)
            tables: dict[str, list[dict[str, Any]]] = {}
            for name in TABLES:
                if name not in present:
                    continue
                query: Any = sa.select(sa.literal_column("*")).select_from(sa.table(name))
                result = conn.execute(query)
                columns = list(result.keys())
                tables[name] = [dict(zip(columns, r, strict=True)) for r in result]
    except NeutronDbError:
        raise
    except sa.exc.OperationalError as exc:
        raise NeutronUnreachable(
            f"{source}: cannot read the Neutron database: {first_line(exc)}",
            hint="check host, port, credentials and that the server is running",
        ) from None
    except sa.exc.SQLAlchemyError as exc:
        raise NeutronDbError(f"{source}: {first_line(exc)}") from None
    return _rows(tables, present, source)


def first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else type(exc).__name__


def load(url: str | None = None, sql_dump: str | None = None) -> NeutronRows:
    """Read Neutron from a URL or a SQL dump (exactly one of them)."""
    if (url is None) == (sql_dump is None):
        raise InputError("give either a Neutron database URL or a SQL dump, not both")
    if sql_dump is not None:
        return read_dump_rows(sql_dump)
    assert url is not None
    engine = engine_for_url(url)
    try:
        return read_rows(engine, source=describe_url(url))
    finally:
        engine.dispose()


def choose_profile(rows: NeutronRows, override: str | None) -> releases.Profile:
    """The translation profile: ``--neutron-release`` if given, else the detected release."""
    if override:
        return releases.profile_for(releases.parse_release(override))
    if rows.detected_release is None:
        shown = ", ".join(rows.revisions) or "none"
        raise releases.UnsupportedRelease(
            f"{rows.source}: unknown Neutron schema revision (alembic_version: {shown})",
            hint="pass --neutron-release (e.g. 21 for Zed, 29) if you know the release",
        )
    return releases.profile_for(rows.detected_release)
