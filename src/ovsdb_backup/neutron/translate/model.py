"""Desired NB rows: what the NB must contain, without UUIDs.

A row is a dict of column -> value in the in-memory form of :mod:`ovsdb_backup.model.datum`
(atoms, ``set``, ``dict``, ``None`` for an empty optional), except that references are
:class:`Ref` values naming the target row by its *natural key*. Keys are tuples of strings;
:func:`natural_key` computes the same key for an existing NB row, which is how a plan
matches desired rows to existing ones (and keeps their UUIDs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Key = tuple[str, ...]
Row = dict[str, Any]


@dataclass(frozen=True, order=True)
class Ref:
    """A reference to the row ``key`` of ``table``."""

    table: str
    key: Key


@dataclass(frozen=True)
class Owner:
    """The Neutron resource a desired row comes from (for reports)."""

    kind: str  # network, port, subnet, security_group, router, floatingip, ...
    id: str


@dataclass
class DesiredNB:
    rows: dict[str, dict[Key, Row]] = field(default_factory=dict)
    owners: dict[tuple[str, Key], Owner] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, table: str, key: Key, row: Row, owner: Owner | None = None) -> Ref:
        self.rows.setdefault(table, {})[key] = row
        if owner is not None:
            self.owners[(table, key)] = owner
        return Ref(table, key)

    def get(self, table: str, key: Key) -> Row | None:
        return self.rows.get(table, {}).get(key)

    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


def named(name: str) -> Key:
    return (name,)


# Tables whose rows are named by a unique "name" column (natural key = (name,)).
NAMED_TABLES = frozenset(
    {
        "Logical_Switch",
        "Logical_Switch_Port",
        "Logical_Router",
        "Logical_Router_Port",
        "Port_Group",
        "Gateway_Chassis",
        "HA_Chassis_Group",
        "Load_Balancer",
        "Address_Set",
    }
)
