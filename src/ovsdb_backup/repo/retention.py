"""Keep rules, as restic and borg define them (pure functions over times).

For a list of restore points (newest first):

* ``last N`` keeps the N newest;
* ``hourly/daily/weekly/monthly/yearly N`` keep, for the N most recent hours (days, ISO
  weeks, months, years) *that have a point*, the newest point of each — a period without
  any point does not use up a slot;
* ``within D`` keeps every point not older than D before now (borg's reading; restic
  counts from the newest point instead).

A point kept by several rules lists every reason. Periods are in UTC. Nothing is kept
by an empty policy, so callers refuse one (``prune`` without any ``--keep-*``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from ..errors import UsageError

T = TypeVar("T")


@dataclass(frozen=True)
class Policy:
    last: int = 0
    hourly: int = 0
    daily: int = 0
    weekly: int = 0
    monthly: int = 0
    yearly: int = 0
    within: float | None = None  # seconds

    @property
    def empty(self) -> bool:
        counts = (self.last, self.hourly, self.daily, self.weekly, self.monthly, self.yearly)
        return not any(counts) and not self.within

    def check(self) -> Policy:
        counts = (self.last, self.hourly, self.daily, self.weekly, self.monthly, self.yearly)
        if any(n < 0 for n in counts) or (self.within is not None and self.within < 0):
            raise UsageError("--keep-* values must not be negative")
        if self.empty:
            raise UsageError(
                "no --keep-* option given: prune would delete everything",
                hint="e.g. --keep-daily 7 --keep-weekly 4 --keep-monthly 12",
            )
        return self

    def describe(self) -> str:
        parts = [
            f"{name} {n}"
            for name, n in (
                ("last", self.last),
                ("hourly", self.hourly),
                ("daily", self.daily),
                ("weekly", self.weekly),
                ("monthly", self.monthly),
                ("yearly", self.yearly),
            )
            if n
        ]
        if self.within:
            parts.append(f"within {self.within:g}s")
        return ", ".join(parts)


def _utc(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


_PERIODS: tuple[tuple[str, Callable[[datetime], Hashable]], ...] = (
    ("hourly", lambda d: (d.year, d.month, d.day, d.hour)),
    ("daily", lambda d: (d.year, d.month, d.day)),
    ("weekly", lambda d: d.isocalendar()[:2]),
    ("monthly", lambda d: (d.year, d.month)),
    ("yearly", lambda d: d.year),
)


def apply_policy(
    points: Sequence[T], time_of: Callable[[T], int], policy: Policy, now_ms: int
) -> dict[int, list[str]]:
    """For each index of ``points`` that is kept, the rules that keep it."""
    order = sorted(range(len(points)), key=lambda i: time_of(points[i]), reverse=True)
    kept: dict[int, list[str]] = {}
    for i in order[: policy.last]:
        kept.setdefault(i, []).append("last")
    for rule, key_of in _PERIODS:
        budget = getattr(policy, rule)
        last_key: Hashable = object()
        for i in order:
            if budget <= 0:
                break
            key = key_of(_utc(time_of(points[i])))
            if key != last_key:
                kept.setdefault(i, []).append(rule)
                budget -= 1
                last_key = key
    if policy.within:
        horizon = now_ms - policy.within * 1000
        for i in order:
            if time_of(points[i]) >= horizon:
                kept.setdefault(i, []).append("within")
    return kept
