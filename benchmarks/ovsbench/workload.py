"""What the generator needs from a content model (NB or SB), and how to pick one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from .ops import Txn

SCALES = ("tiny", "small", "medium", "large")
KINDS = ("nb", "sb")


class Workload(Protocol):
    db_name: str
    schema: Path

    def base(self, txn_size: int) -> Iterator[Txn]:
        """Transactions that build the initial contents."""
        ...

    def churn(self) -> Iterator[Txn]:
        """Small transactions that modify it afterwards."""
        ...

    def describe(self) -> dict[str, Any]:
        """Parameters of the scale, for the manifest."""
        ...


def make_workload(kind: str, scale: str, seed: int) -> Workload:
    if kind == "nb":
        from . import nb

        return nb.NbWorkload(nb.SHAPES[scale], seed)
    if kind == "sb":
        from . import sb

        return sb.SbWorkload(sb.SHAPES[scale], seed)
    raise ValueError(f"unknown kind {kind!r}")
