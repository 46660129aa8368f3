"""``ovn_revision_numbers``: what the real repair writes back into Neutron's database.

Neutron keeps, per resource, the revision its OVN rows reflect; the maintenance task
re-syncs every resource whose ``ovn_revision_numbers.revision_number`` differs from
``standardattributes.revision_number``. The real ``repair`` goes through the ML2/OVN
client for networks, ports, routers, router ports and floating IPs, and each of those
calls raises the resource's row to its current revision (creating a missing row, never
lowering one); security groups, their rules and subnets' DHCP options are written to
the NB directly and their rows are left alone (oracle fixtures, ``neutron-sql-repair.diff``).

:func:`bumps` computes that, purely, from the Neutron rows the NB was built from; the
revision written is the one the NB rows now carry, so a resource that changed in
Neutron after it was read stays inconsistent and the maintenance task still sees it.
:func:`apply_bumps` writes them in one SQL transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import source
from .translate.context import (
    DEVICE_OWNER_FLOATINGIP,
    DEVICE_OWNER_ROUTER_GW,
    ROUTER_INTERFACE_OWNERS,
)
from .view import NeutronView

TYPE_NETWORKS = "networks"
TYPE_PORTS = "ports"
TYPE_ROUTERS = "routers"
TYPE_ROUTER_PORTS = "router_ports"
TYPE_FLOATINGIPS = "floatingips"


@dataclass(frozen=True, order=True)
class Bump:
    resource_type: str
    resource_uuid: str
    revision: int
    standard_attr_id: int | None


@dataclass(frozen=True)
class BumpResult:
    updated: int  # rows raised to the NB's revision
    created: int  # rows that were missing
    unchanged: int  # already at (or above) the revision


def bumps(rows: source.NeutronRows, view: NeutronView) -> list[Bump]:
    """The rows the real repair raises, for resources that have NB rows."""
    std_id = {
        table: {r["id"]: r.get("standard_attr_id") for r in rows.rows(table)}
        for table in ("networks", "ports", "routers", "floatingips")
    }
    out: list[Bump] = []
    for net in view.networks.values():
        out.append(Bump(TYPE_NETWORKS, net.id, net.revision, std_id["networks"].get(net.id)))
    router_ports: set[str] = set()
    for router in view.routers.values():
        out.append(Bump(TYPE_ROUTERS, router.id, router.revision, std_id["routers"].get(router.id)))
        for port_id, port_type in router.ports:
            gateway = port_type == DEVICE_OWNER_ROUTER_GW and router.gw_port_id == port_id
            if port_type in ROUTER_INTERFACE_OWNERS or gateway:
                router_ports.add(port_id)
    for port in view.ports.values():
        if port.device_owner == DEVICE_OWNER_FLOATINGIP or port.network_id not in view.networks:
            continue  # no Logical_Switch_Port
        attr = std_id["ports"].get(port.id)
        out.append(Bump(TYPE_PORTS, port.id, port.revision, attr))
        if port.id in router_ports:
            out.append(Bump(TYPE_ROUTER_PORTS, port.id, port.revision, attr))
    for fip in view.floating_ips.values():
        # Only associated floating IPs become NAT rows (and are re-created by the repair).
        if fip.router_id and fip.fixed_port_id and fip.fixed_ip_address:
            out.append(
                Bump(TYPE_FLOATINGIPS, fip.id, fip.revision, std_id["floatingips"].get(fip.id))
            )
    return sorted(out)


def preview(rows: source.NeutronRows, wanted: Iterable[Bump]) -> BumpResult:
    """What :func:`apply_bumps` would do, judged from the rows already read (dry run)."""
    existing = {
        (r["resource_uuid"], r["resource_type"]): int(r.get("revision_number") or 0)
        for r in rows.rows("ovn_revision_numbers")
    }
    updated = created = unchanged = 0
    for b in wanted:
        have = existing.get((b.resource_uuid, b.resource_type))
        if have is None:
            created += 1
        elif have < b.revision:
            updated += 1
        else:
            unchanged += 1
    return BumpResult(updated, created, unchanged)


def _utcnow() -> dt.datetime:
    # Neutron stores naive UTC timestamps (oslo timeutils.utcnow()).
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def apply_bumps(engine: Any, wanted: Iterable[Bump]) -> BumpResult:
    """Raise (or create) the rows in one transaction; never lowers a revision."""
    import sqlalchemy as sa

    try:
        conn = engine.connect()
    except sa.exc.SQLAlchemyError as exc:
        raise source.NeutronUnreachable(
            f"cannot update ovn_revision_numbers: {source.first_line(exc)}",
            hint="nothing was written to Neutron's database; once it is reachable, run the "
            "sync again with --update-revision-numbers",
        ) from None
    try:
        with conn, conn.begin():
            return _bump(conn, list(wanted), _utcnow())
    except sa.exc.SQLAlchemyError as exc:
        raise source.NeutronDbError(
            f"cannot update ovn_revision_numbers: {source.first_line(exc)}",
            hint="nothing was written to Neutron's database (the transaction was rolled back)",
        ) from None


def _bump(conn: Any, wanted: list[Bump], now: dt.datetime) -> BumpResult:
    import sqlalchemy as sa

    update = sa.text(
        "UPDATE ovn_revision_numbers SET revision_number = :rev, updated_at = :now "
        "WHERE resource_uuid = :uuid AND resource_type = :type AND revision_number < :rev"
    )
    insert = sa.text(
        "INSERT INTO ovn_revision_numbers (standard_attr_id, resource_uuid, resource_type, "
        "revision_number, created_at, updated_at) VALUES (:attr, :uuid, :type, :rev, :now, :now)"
    )
    select = sa.text(
        "SELECT resource_uuid, resource_type, revision_number FROM ovn_revision_numbers"
    )
    existing = {
        (r.resource_uuid, r.resource_type): int(r.revision_number) for r in conn.execute(select)
    }
    updated = created = unchanged = 0
    for b in wanted:
        params = {"rev": b.revision, "now": now, "uuid": b.resource_uuid,
                  "type": b.resource_type, "attr": b.standard_attr_id}  # fmt: skip
        have = existing.get((b.resource_uuid, b.resource_type))
        if have is None:
            conn.execute(insert, params)
            created += 1
        elif have < b.revision:
            conn.execute(update, params)
            updated += 1
        else:
            unchanged += 1
    return BumpResult(updated, created, unchanged)
