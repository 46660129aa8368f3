"""Desired NB rows vs an existing NB → a plan (pure value): inserts, updates, deletes.

Existing rows are matched to desired rows by natural key (:func:`existing_keys`), so a
row that is already there keeps its UUID and is changed only in the columns that differ;
a row that is already right is not in the plan at all. Only rows that belong to Neutron
(:func:`neutron_owned`) are ever updated or deleted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model.database import Database
from .nbbuild import key_uuid, memory_row, resolver
from .translate.model import NAMED_TABLES, DesiredNB, Key, Owner

# Written by ovn-northd (or by ovn-controller through it), not by Neutron.
NORTHD_COLUMNS: dict[str, frozenset[str]] = {
    "Logical_Switch_Port": frozenset({"up", "dynamic_addresses"}),
    "NB_Global": frozenset({"nb_cfg", "sb_cfg", "hv_cfg", "options"}),
}
_UUID_NAME = re.compile(r"^neutron-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class Change:
    table: str
    key: Key
    uuid: str
    owner: Owner | None
    old: dict[str, Any] | None  # None for an insert
    new: dict[str, Any] | None  # None for a delete; for an update: the changed columns

    @property
    def kind(self) -> str:
        return "missing" if self.old is None else "extra" if self.new is None else "different"


@dataclass
class Plan:
    inserts: list[Change] = field(default_factory=list)
    updates: list[Change] = field(default_factory=list)
    deletes: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.inserts or self.updates or self.deletes)

    def changes(self) -> Iterator[Change]:
        yield from self.inserts
        yield from self.updates
        yield from self.deletes


def _parents(db: Database, table: str, column: str) -> dict[str, dict[str, Any]]:
    """child uuid -> parent row, for a reference set column."""
    out = {}
    for row in db.tables.get(table, {}).values():
        for child in row.get(column, ()):
            out[child] = row
    return out


def existing_keys(db: Database) -> dict[tuple[str, str], Key]:
    """(table, uuid) -> natural key, as :mod:`.translate` computes for desired rows."""
    keys: dict[tuple[str, str], Key] = {}
    acl_pg = _parents(db, "Port_Group", "acls")
    nat_lr = _parents(db, "Logical_Router", "nat")
    route_lr = _parents(db, "Logical_Router", "static_routes")
    ha_group = _parents(db, "HA_Chassis_Group", "ha_chassis")
    qos_ls = _parents(db, "Logical_Switch", "qos_rules")
    for table, rows in db.tables.items():
        for uuid, row in rows.items():
            key = _key(table, uuid, row, acl_pg, nat_lr, route_lr, ha_group, qos_ls)
            if key is not None:
                keys[(table, uuid)] = key
    return keys


def _key(table: str, uuid: str, row: dict[str, Any], acl_pg: Any, nat_lr: Any, route_lr: Any,
         ha_group: Any, qos_ls: Any) -> Key | None:  # fmt: skip
    ext = row.get("external_ids", {})
    if table in NAMED_TABLES:
        return (row["name"],) if row.get("name") else None
    if table == "ACL":
        if "neutron:security_group_rule_id" in ext:
            return ("rule", ext["neutron:security_group_rule_id"])
        pg = acl_pg.get(uuid, {}).get("name", "")
        return ("match", pg, row.get("direction", ""), str(row.get("priority", 0)),
                row.get("match", ""))  # fmt: skip
    if table == "DHCP_Options":
        return (ext["subnet_id"], ext.get("port_id", "")) if "subnet_id" in ext else None
    if table == "NAT":
        lr = nat_lr.get(uuid, {}).get("name", "")
        return (lr, row.get("type", ""), row.get("external_ip", ""), row.get("logical_ip", ""))
    if table == "Logical_Router_Static_Route":
        lr = route_lr.get(uuid, {}).get("name", "")
        return (lr, row.get("ip_prefix", ""), row.get("nexthop", ""))
    if table == "HA_Chassis":
        return (ha_group.get(uuid, {}).get("name", ""), row.get("chassis_name", ""))
    if table == "QoS":
        ls = qos_ls.get(uuid, {}).get("name", "")
        return (ls, row.get("direction", ""), row.get("match", ""))
    return None


def neutron_owned(table: str, key: Key, row: dict[str, Any]) -> bool:
    """Whether an existing row is Neutron's to change or delete (by name / external_ids)."""
    name = key[0] if key else ""
    ext = row.get("external_ids", {})
    if table in ("Logical_Switch", "Logical_Router", "HA_Chassis_Group"):
        return bool(_UUID_NAME.match(name))
    if table == "Logical_Switch_Port":
        return name.startswith("provnet-") or any(k.startswith("neutron:") for k in ext)
    if table in ("Logical_Router_Port", "Gateway_Chassis"):
        return name.startswith("lrp-")
    if table == "Port_Group":
        return name.startswith("pg_") or name in ("neutron_pg_drop", "pvlan_pg_drop")
    if table == "ACL":
        return (
            key[0] == "rule"
            or key[1] in ("neutron_pg_drop", "pvlan_pg_drop")
            or (key[1].startswith("pg_"))
        )
    if table in ("NAT", "Logical_Router_Static_Route", "QoS", "HA_Chassis"):
        return bool(_UUID_NAME.match(name))
    if table == "DHCP_Options":
        return True  # keyed by external_ids:subnet_id, which only Neutron writes
    if table == "Load_Balancer":
        return bool(ext.get("neutron:device_owner") == "port_forwarding_plugin")
    return False


def server_macs(db: Database, keys: dict[tuple[str, str], Key]) -> dict[Key, str]:
    """Existing DHCP server MACs (random when created; a sync must keep them).

    A port's own DHCP_Options row copies its subnet's server MAC: when only the port's
    row survived, its MAC is the subnet's too (the one the instances know).
    """
    out: dict[Key, str] = {}
    from_ports: dict[Key, str] = {}
    for uuid, row in db.tables.get("DHCP_Options", {}).items():
        key = keys.get(("DHCP_Options", uuid))
        options = row.get("options", {})
        mac = options.get("server_mac") or options.get("server_id")
        if key is None or not mac:
            continue
        out[key] = mac
        if len(key) == 2 and key[1]:
            from_ports.setdefault((key[0], ""), mac)
    for key, mac in from_ports.items():
        out.setdefault(key, mac)
    return out


def gateway_chassis(db: Database) -> dict[str, tuple[str, ...]]:
    """LRP name -> chassis already scheduled (Gateway_Chassis or HA chassis group)."""
    out: dict[str, tuple[str, ...]] = {}
    gcs = db.tables.get("Gateway_Chassis", {})
    groups = db.tables.get("HA_Chassis_Group", {})
    has = db.tables.get("HA_Chassis", {})
    for row in db.tables.get("Logical_Router_Port", {}).values():
        members = [gcs[u] for u in row.get("gateway_chassis", ()) if u in gcs]
        group = groups.get(row.get("ha_chassis_group") or "")
        if group is not None:
            members = [has[u] for u in group.get("ha_chassis", ()) if u in has]
        if members:
            ordered = sorted(members, key=lambda m: -int(m.get("priority", 0)))
            out[row["name"]] = tuple(m["chassis_name"] for m in ordered)
    return out


# Columns the translation writes only for some rows; a row that should not have them must
# lose them, so they are compared even when no desired row of this run sets them.
CONDITIONAL_COLUMNS: dict[str, frozenset[str]] = {
    "Logical_Switch_Port": frozenset(
        {"parent_name", "tag", "tag_request", "dhcpv4_options", "dhcpv6_options"}
    ),
    "Logical_Router_Port": frozenset({"gateway_chassis", "ha_chassis_group", "ipv6_ra_configs"}),
    "Logical_Switch": frozenset({"ports", "load_balancer", "qos_rules"}),
    "Logical_Router": frozenset({"ports", "static_routes", "nat", "load_balancer"}),
    "NAT": frozenset({"logical_port", "options", "external_ids"}),
    "QoS": frozenset({"bandwidth", "action"}),
    "ACL": frozenset({"external_ids"}),
    "Port_Group": frozenset({"ports", "acls", "external_ids"}),
}


def managed_columns(desired: DesiredNB) -> dict[str, frozenset[str]]:
    """Per table, the columns a sync compares and writes: every column the translation
    sets in some row, plus :data:`CONDITIONAL_COLUMNS`. Other columns (``dns_records``,
    an ACL's ``log``, ``copp`` ...) are not Neutron's business here and are left alone."""
    out: dict[str, frozenset[str]] = {}
    for table, rows in desired.rows.items():
        columns: set[str] = set(CONDITIONAL_COLUMNS.get(table, ()))
        for row in rows.values():
            columns.update(row)
        out[table] = frozenset(columns - NORTHD_COLUMNS.get(table, frozenset()))
    return out


def _owned_uuids(db: Database, keys: dict[tuple[str, str], Key]) -> set[str]:
    return {
        uuid
        for (table, uuid), key in keys.items()
        if neutron_owned(table, key, db.tables[table][uuid])
    }


def _matches(keys: dict[tuple[str, str], Key]) -> dict[tuple[str, Key], str]:
    """(table, key) -> the existing row a desired row is matched to.

    Two existing rows can share a natural key (duplicated switches or port groups after
    a race in neutron-server, identical ACLs): the lowest UUID is kept and updated, the
    others are extra rows (and deleted when Neutron owns them).
    """
    out: dict[tuple[str, Key], str] = {}
    for (table, uuid), key in sorted(keys.items(), key=lambda item: item[0]):
        out.setdefault((table, key), uuid)
    return out


def _free_uuid(table: str, key: Key, taken: set[str]) -> str:
    """The stable UUID of a new row, unless an existing row already has it (a row whose
    natural key was changed by hand): inserting it would be a "duplicate uuid"."""
    uuid = key_uuid(table, key)
    n = 0
    while uuid in taken:
        n += 1
        uuid = key_uuid(table, (*key, str(n)))
    taken.add(uuid)
    return uuid


def _keep_foreign_refs(
    db: Database, table: str, column: str, want: Any, have: Any, owned: set[str]
) -> Any:
    """A reference set of a Neutron row keeps what it points to outside Neutron.

    An Octavia load balancer on a Neutron switch or router, or a port someone added to a
    Neutron switch by hand, is not Neutron's to detach (detaching a child row deletes it).
    """
    codec = db.codecs.columns[table][column]
    if not isinstance(have, set) or not codec.type.ref_bases() or not isinstance(want, set):
        return want
    foreign = {ref for ref in have if ref not in owned}
    return want | foreign if foreign - want else want


def make_plan(
    desired: DesiredNB, db: Database, keys: dict[tuple[str, str], Key] | None = None
) -> Plan:
    """``keys``: :func:`existing_keys` of ``db`` when the caller has them already."""
    keys = existing_keys(db) if keys is None else keys
    matched = _matches(keys)
    owned = _owned_uuids(db, keys)
    taken = {uuid for rows in db.tables.values() for uuid in rows}
    uuids = {
        (table, key): matched.get((table, key)) or _free_uuid(table, key, taken)
        for table, rows in desired.rows.items()
        for key in rows
    }
    resolve = resolver(uuids)
    managed = managed_columns(desired)
    plan = Plan()
    for table, rows in desired.rows.items():
        codecs = db.codecs.columns[table]
        for key, row in rows.items():
            want = memory_row(db.schema, db, table, row, resolve)
            uuid = uuids[(table, key)]
            owner = desired.owners.get((table, key))
            have = db.tables.get(table, {}).get(uuid)
            if have is None:
                plan.inserts.append(Change(table, key, uuid, owner, None, want))
                continue
            changed = {}
            for column in managed[table]:
                old = have.get(column, codecs[column].default())
                new = want.get(column, codecs[column].default())
                new = _keep_foreign_refs(db, table, column, new, old, owned)
                if new != old:
                    changed[column] = new
            if changed:
                old_values = {c: have.get(c, codecs[c].default()) for c in changed}
                plan.updates.append(Change(table, key, uuid, owner, old_values, changed))
    for (table, uuid), key in keys.items():
        if uuids.get((table, key)) == uuid:
            continue
        row = db.tables[table][uuid]
        if uuid in owned:
            plan.deletes.append(Change(table, key, uuid, None, dict(row), None))
    return plan
