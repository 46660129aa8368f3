"""Short human names for rows, in OVN terms where that helps (previews, diffs)."""

from __future__ import annotations

from typing import Any

from ..model.database import Database, Row
from ..model.diff import DatabaseDiff

_SHOWN = 5  # elements listed per changed set or map before "... and N more"


def _listing(items: list[str]) -> str:
    more = f", ... and {len(items) - _SHOWN} more" if len(items) > _SHOWN else ""
    return ", ".join(items[:_SHOWN]) + more


def describe_change(old: Any, new: Any) -> dict[str, str]:
    """``{"from", "to"}`` for scalars; for sets and maps only what was added and removed."""
    if isinstance(old, set) and isinstance(new, set):
        out = {}
        if new - old:
            out["added"] = _listing(sorted(map(str, new - old)))
        if old - new:
            out["removed"] = _listing(sorted(map(str, old - new)))
        return out
    if isinstance(old, dict) and isinstance(new, dict):
        out = {}
        added = [f"{k}={new[k]}" for k in sorted(new) if k not in old]
        changed = [
            f"{k}: {old[k]} -> {new[k]}" for k in sorted(new) if k in old and old[k] != new[k]
        ]
        removed = [f"{k}={old[k]}" for k in sorted(old) if k not in new]
        if added:
            out["added"] = _listing(added)
        if changed:
            out["changed"] = _listing(changed)
        if removed:
            out["removed"] = _listing(removed)
        return out
    return {"from": _fmt(old), "to": _fmt(new)}


def _fmt(value: Any) -> str:
    if isinstance(value, set):
        return "{" + ", ".join(sorted(map(str, value))) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={value[k]}" for k in sorted(value)) + "}"
    return str(value)


def describe_row(table: str, uuid: str, row: Row) -> str:
    """``Logical_Switch "sw0"``, ``ACL to-lport 1002 "ip4 && ..."``, or the UUID prefix."""
    short = uuid[:8]
    if table == "ACL":
        return (
            f"ACL {row.get('direction', '')} {row.get('priority', 0)} "
            f'{row.get("action", "")} "{row.get("match", "")}" ({short})'
        )
    if table == "NAT":
        return (
            f"NAT {row.get('type', '')} {row.get('logical_ip', '')} -> "
            f"{row.get('external_ip', '')} ({short})"
        )
    if table == "Logical_Router_Static_Route":
        return f"route {row.get('ip_prefix', '')} via {row.get('nexthop', '')} ({short})"
    if table == "DHCP_Options":
        return f"DHCP_Options {row.get('cidr', '')} ({short})"
    if table == "Logical_Flow":
        return (
            f"Logical_Flow {row.get('pipeline', '')} table {row.get('table_id', 0)} "
            f'"{row.get("match", "")}" ({short})'
        )
    name = row.get("name") or row.get("logical_port") or row.get("chassis_name")
    if isinstance(name, str) and name:
        return f'{table} "{name}" ({short})'
    return f"{table} {short}"


def describe_diff(diff: DatabaseDiff, current: Database, target: Database) -> list[dict[str, Any]]:
    """Every change as ``{"table", "uuid", "op", "row", "columns"?}`` for -v and --json."""
    changes: list[dict[str, Any]] = []
    for table, tdiff in sorted(diff.tables.items()):
        for uuid, row in tdiff.inserts.items():
            changes.append(
                {
                    "table": table,
                    "uuid": uuid,
                    "op": "insert",
                    "row": describe_row(table, uuid, row),
                }
            )
        for uuid, row in tdiff.deletes.items():
            changes.append(
                {
                    "table": table,
                    "uuid": uuid,
                    "op": "delete",
                    "row": describe_row(table, uuid, row),
                }
            )
        for uuid, update in tdiff.updates.items():
            row = target.tables[table].get(uuid) or current.tables[table][uuid]
            changes.append(
                {
                    "table": table,
                    "uuid": uuid,
                    "op": "update",
                    "row": describe_row(table, uuid, row),
                    "columns": {c.column: describe_change(c.old, c.new) for c in update.changes},
                }
            )
    return changes
