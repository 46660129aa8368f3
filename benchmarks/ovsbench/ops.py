"""RFC 7047 operation builders and a transaction batcher.

Rows are inserted with explicit ``"uuid"`` (supported since OVS 2.13), so
every row UUID comes from the generator's seeded random stream and a data set
is identical from one run to the next, standalone or clustered.
"""

from __future__ import annotations

import random
import uuid as uuidlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

Op = dict[str, Any]
Txn = list[Op]

T = TypeVar("T")


def ref(u: str) -> list[str]:
    return ["uuid", u]


def oset(values: Iterable[Any]) -> list[Any]:
    return ["set", list(values)]


def omap(pairs: Mapping[str, str]) -> list[Any]:
    return ["map", [[k, v] for k, v in pairs.items()]]


def where_uuid(u: str) -> list[Any]:
    return [["_uuid", "==", ref(u)]]


def insert(table: str, u: str, row: dict[str, Any]) -> Op:
    return {"op": "insert", "table": table, "uuid": u, "row": row}


def update(table: str, u: str, row: dict[str, Any]) -> Op:
    return {"op": "update", "table": table, "where": where_uuid(u), "row": row}


def mutate(table: str, u: str, mutations: list[Any]) -> Op:
    return {"op": "mutate", "table": table, "where": where_uuid(u), "mutations": mutations}


def set_insert(table: str, u: str, column: str, values: Iterable[Any]) -> Op:
    return mutate(table, u, [[column, "insert", oset(values)]])


def set_delete(table: str, u: str, column: str, values: Iterable[Any]) -> Op:
    return mutate(table, u, [[column, "delete", oset(values)]])


def comment(text: str) -> Op:
    return {"op": "comment", "comment": text}


class Ids:
    """Seeded source of UUIDs and other identifiers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def uuid(self) -> str:
        return str(uuidlib.UUID(int=self.rng.getrandbits(128), version=4))

    def hex32(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"


class TxnBuilder:
    """Collects the operations of one transaction, merging set additions.

    Adding 900 ports to one transaction would otherwise need 900 ``mutate``
    operations on the same switch and on ``neutron_pg_drop``; merging them per
    (table, row, column) keeps a ~1000-operation transaction mostly inserts,
    which is also how the baseline's 162 base transactions held 162k rows.
    """

    def __init__(self) -> None:
        self._ops: list[Op] = []
        self._adds: dict[tuple[str, str, str], list[Any]] = {}

    def add(self, op: Op) -> None:
        self._ops.append(op)

    def insert(self, table: str, u: str, row: dict[str, Any]) -> None:
        self._ops.append(insert(table, u, row))

    def add_to_set(self, table: str, u: str, column: str, values: Iterable[Any]) -> None:
        self._adds.setdefault((table, u, column), []).extend(values)

    def __len__(self) -> int:
        return len(self._ops) + len(self._adds)

    def take(self) -> Txn:
        """Return the transaction (inserts first, then merged mutations) and reset."""
        ops = self._ops
        ops.extend(set_insert(t, u, c, vals) for (t, u, c), vals in self._adds.items())
        self._ops = []
        self._adds = {}
        return ops


class Bag(Generic[T]):
    """A list with O(1) removal and seeded random choice.

    Python sets iterate in hash order, which changes between runs for strings;
    a list keeps every choice reproducible for a seed.
    """

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items: list[T] = []
        self._where: dict[T, int] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item: object) -> bool:
        return item in self._where

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def add(self, item: T) -> None:
        if item not in self._where:
            self._where[item] = len(self._items)
            self._items.append(item)

    def remove(self, item: T) -> None:
        at = self._where.pop(item)
        last = self._items.pop()
        if at < len(self._items):
            self._items[at] = last
            self._where[last] = at

    def choice(self, rng: random.Random) -> T:
        return self._items[rng.randrange(len(self._items))]

    def sample(self, rng: random.Random, k: int) -> list[T]:
        return [
            self._items[i] for i in rng.sample(range(len(self._items)), min(k, len(self._items)))
        ]
