"""Values that use cases return instead of printing: findings and progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How bad a finding is. ``error`` makes a check fail; ``warning`` does too in strict mode."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem (or notable fact) found in a file, archive or cluster.

    ``kind`` is a stable machine-readable identifier (e.g. ``checksum-mismatch``,
    ``torn-tail``, ``advances-commit-index``); ``message`` is for humans.
    """

    kind: str
    severity: Severity
    message: str
    path: str | None = None
    record: int | None = None
    offset: int | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        if not self.details:
            del data["details"]
        return data

    def where(self) -> str:
        parts = []
        if self.record is not None:
            parts.append(f"record {self.record}")
        if self.offset is not None:
            parts.append(f"offset {self.offset}")
        return ", ".join(parts)


# A progress callback gets (bytes_done, bytes_total); total may be None when unknown.
ProgressCallback = Callable[[int, int | None], None]


def no_progress(done: int, total: int | None) -> None:
    """A progress callback that does nothing."""
