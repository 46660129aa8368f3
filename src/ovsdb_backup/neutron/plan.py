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
    """Existing DHCP server MACs (random when created; a sync must keep them)."""
    out = {}
    for uuid, row in db.tables.get("DHCP_Options", {}).items():
        key = keys.get(("DHCP_Options", uuid))
        options = row.get("options", {})
        mac = options.get("server_mac") or options.get("server_id")
        if key is not None and mac:
            out[key] = mac
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


def make_plan(desired: DesiredNB, db: Database) -> Plan:
    keys = existing_keys(db)
    by_key = {(table, key): uuid for (table, uuid), key in keys.items()}
    uuids = {
        (table, key): by_key.get((table, key)) or key_uuid(table, key)
        for table, rows in desired.rows.items()
        for key in rows
    }
    resolve = resolver(uuids)
    plan = Plan()
    for table, rows in desired.rows.items():
        ignored = NORTHD_COLUMNS.get(table, frozenset())
        for key, row in rows.items():
            want = memory_row(db.schema, db, table, row, resolve)
            uuid = uuids[(table, key)]
            owner = desired.owners.get((table, key))
            have = db.tables.get(table, {}).get(uuid)
            if have is None:
                plan.inserts.append(Change(table, key, uuid, owner, None, want))
                continue
            changed = {
                c: want.get(c, db.codecs.columns[table][c].default())
                for c in (want.keys() | have.keys()) - ignored
                if want.get(c) != have.get(c)
                and not (c not in want and have.get(c) == db.codecs.columns[table][c].default())
            }
            if changed:
                old = {c: have.get(c) for c in changed}
                plan.updates.append(Change(table, key, uuid, owner, old, changed))
    for (table, uuid), key in keys.items():
        if key in desired.rows.get(table, {}):
            continue
        row = db.tables[table][uuid]
        if neutron_owned(table, key, row):
            plan.deletes.append(Change(table, key, uuid, None, dict(row), None))
    return plan
