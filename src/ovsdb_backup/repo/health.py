"""``check``: is the repository fresh enough? One verdict, Nagios style (pure rules).

* every database with archives (or each ``--db``) has a complete archive newer than
  ``max_age`` — else CRITICAL;
* every streamed database has a record newer than ``max_stream_age`` — else CRITICAL
  (a running agent writes at least a heartbeat per ``--heartbeat``);
* an open segment whose agent is not running: WARNING (stopped cleanly, or killed);
* a gap or a damaged segment newer than ``max_age``: WARNING.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from .catalog import DAMAGED, OPEN, Catalog, coverage
from .units import format_duration


class Status(IntEnum):
    """Nagios plugin exit codes."""

    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


@dataclass(frozen=True)
class Problem:
    status: Status
    subject: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status.name, "subject": self.subject, "message": self.message}


@dataclass
class Health:
    status: Status
    problems: list[Problem] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)  # what is fine, for the summary line
    perfdata: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        shown = [p for p in self.problems if p.status == self.status] or self.problems
        text = "; ".join(f"{p.subject}: {p.message}" for p in shown)
        if not text:
            text = "; ".join(self.facts) or "nothing to check"
        perf = " ".join(f"'{k}'={v:.0f}s" for k, v in sorted(self.perfdata.items()))
        return f"OVSDB-BACKUP {self.status.name} - {text}" + (f" | {perf}" if perf else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status.name,
            "code": int(self.status),
            "line": self.line(),
            "problems": [p.to_json() for p in self.problems],
            "facts": self.facts,
            "ages_seconds": self.perfdata,
        }


def evaluate(
    catalog: Catalog,
    now_ms: int,
    *,
    max_age: float | None,
    max_stream_age: float,
    live: dict[str, bool],
    databases: list[str] | None = None,
) -> Health:
    health = Health(Status.OK)
    problems = health.problems
    archived = sorted({db for a in catalog.archives for db in a.databases})
    wanted = databases if databases else archived
    if max_age is not None:
        for db in wanted:
            times = [a.created_ms for a in catalog.archives if a.complete and db in a.databases]
            if not times:
                problems.append(Problem(Status.CRITICAL, db, "no complete archive"))
                continue
            age = (now_ms - max(times)) / 1000
            health.perfdata[f"{db}_archive_age"] = age
            if age > max_age:
                problems.append(
                    Problem(
                        Status.CRITICAL,
                        db,
                        f"newest archive is {format_duration(age)} old "
                        f"(more than {format_duration(max_age)})",
                    )
                )
            else:
                health.facts.append(f"{db} archive {format_duration(age)} old")
    streamed = sorted({s.db for s in catalog.segments})
    for db in streamed:
        if databases and db not in databases:
            continue
        _stream(catalog, db, now_ms, max_age, max_stream_age, live.get(db, False), health)
    if not wanted and not streamed:
        problems.append(Problem(Status.CRITICAL, "repository", "holds no archive and no stream"))
    health.status = max((p.status for p in problems), default=Status.OK)
    return health


def _stream(
    catalog: Catalog,
    db: str,
    now_ms: int,
    max_age: float | None,
    max_stream_age: float,
    live: bool,
    health: Health,
) -> None:
    cov = coverage(catalog, db)
    segments = catalog.segments_of(db)
    if cov.last_ms is None:
        health.problems.append(Problem(Status.CRITICAL, db, "stream has no readable record"))
        return
    age = (now_ms - cov.last_ms) / 1000
    health.perfdata[f"{db}_stream_age"] = age
    if age > max_stream_age:
        health.problems.append(
            Problem(
                Status.CRITICAL,
                db,
                f"newest stream record is {format_duration(age)} old (more than "
                f"{format_duration(max_stream_age)})",
            )
        )
    else:
        health.facts.append(f"{db} stream current ({format_duration(age)})")
    newest = segments[-1] if segments else None
    if newest is not None and newest.state == OPEN and not live:
        how = "stopped cleanly" if newest.last_kind == "stop" else "not stopped cleanly"
        health.problems.append(Problem(Status.WARNING, db, f"no stream agent runs ({how})"))
    horizon = now_ms - (max_age or 86400.0) * 1000
    for gap in cov.gaps:
        if (gap.end_ms or now_ms) >= horizon:
            health.problems.append(Problem(Status.WARNING, db, f"gap in the stream ({gap.reason})"))
    for segment in segments:
        if segment.state == DAMAGED:
            health.problems.append(
                Problem(Status.WARNING, db, f"segment {segment.name} is damaged: {segment.defect}")
            )
