"""Point-in-time restore: a database as it was at a time, or after a transaction.

The state at time T is the segment covering T replayed up to its last record seen at or
before T. Refused, with the reason:

* T in a **gap** (between two segments that do not continue each other: the agent was
  down, or the servers' history no longer had the last transaction): nothing says what
  happened then;
* T in a **reconnection window** (a record received on resumption, whose transactions
  were committed at unknown moments between the disconnection and the resumption);
* T before the oldest base or after the newest record of the stream.

Precision: a record's time is when the agent *saw* it, a few milliseconds after the
commit (the ``lag`` metric); a transaction committed just before T may be seen just after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import InputError
from ..formats.dbfile import open_db_file
from ..formats.standalone import replay_standalone
from ..model.database import Database
from .catalog import Catalog, Coverage, SegmentEntry, coverage, load
from .layout import Repository
from .segment import parse_comment, read_segment


class NotRestorable(InputError):
    """The repository cannot tell the state asked for (gap, window, outside the stream)."""


@dataclass
class RestorePoint:
    db: Database
    segment: str
    record: int  # the last record applied
    txn: str | None  # the last transaction id applied
    date_ms: int | None  # when that record was seen
    requested: str

    def to_json(self) -> dict[str, Any]:
        return {
            "database": self.db.schema.name,
            "requested": self.requested,
            "segment": self.segment,
            "record": self.record,
            "txn": self.txn,
            "seen": show_ms(self.date_ms),
            "rows": sum(self.db.row_counts().values()),
        }


def show_ms(ms: int | None) -> str | None:
    if ms is None:
        return None
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def restore_point(
    repo: Repository,
    db: str,
    *,
    to_time_ms: int | None = None,
    to_txn: str | None = None,
    catalog: Catalog | None = None,
) -> RestorePoint:
    """The contents of ``db`` at ``to_time_ms``, after ``to_txn``, or (neither) the newest."""
    catalog = catalog or load(repo)
    cov = coverage(catalog, db)
    if not cov.segments:
        raise NotRestorable(
            f"{repo.root}: no stream of {db}",
            hint=f"streamed databases: {', '.join(sorted({s.db for s in catalog.segments}))}"
            if catalog.segments
            else "start 'ovsdb-backup stream' to record one",
        )
    if to_txn is not None:
        return _to_txn(repo, cov, to_txn)
    if to_time_ms is None:
        last = cov.segments[-1]
        return _replay(repo, last, None, None, "the newest record")
    segment = _segment_for_time(cov, to_time_ms)
    return _replay(repo, segment, to_time_ms, None, f"as of {show_ms(to_time_ms)}")


def _segment_for_time(cov: Coverage, ms: int) -> SegmentEntry:
    when = show_ms(ms)
    assert cov.first_ms is not None
    assert cov.last_ms is not None
    if ms < cov.first_ms:
        raise NotRestorable(
            f"{cov.db}: {when} is before the stream begins ({show_ms(cov.first_ms)})",
            hint="an archive older than that may hold an earlier state ('list --repo')",
        )
    if ms > cov.last_ms:
        raise NotRestorable(
            f"{cov.db}: {when} is after the newest record of the stream "
            f"({show_ms(cov.last_ms)}); nothing says what happened later",
            hint="a running agent writes a heartbeat at least every --heartbeat; try again "
            "shortly, or restore the newest state (no --to-time)",
        )
    for gap in cov.gaps:
        if gap.contains(ms):
            raise NotRestorable(
                f"{cov.db}: {when} falls in a gap of the stream, from "
                f"{show_ms(gap.start_ms)} to {show_ms(gap.end_ms)} ({gap.reason}); the "
                "changes made then were not recorded",
                hint=f"restore to {show_ms(gap.start_ms)} or earlier, or to "
                f"{show_ms(gap.end_ms)} or later",
            )
    for since, until in cov.windows:
        if since < ms < until:
            raise NotRestorable(
                f"{cov.db}: {when} falls while the agent was reconnecting, from "
                f"{show_ms(since)} to {show_ms(until)}; the changes made then are known only "
                "together, not when each happened",
                hint=f"restore to {show_ms(since)} or earlier, or to {show_ms(until)} or later",
            )
    candidates = [s for s in cov.segments if s.base_ms is not None and s.base_ms <= ms]
    return candidates[-1]


def _to_txn(repo: Repository, cov: Coverage, txn: str) -> RestorePoint:
    wanted = txn.lower()
    for segment in cov.segments:
        info = read_segment(repo.segment_path(cov.db, segment.name), keep_marks=True)
        for rec in info.marks or []:
            if rec.mark is not None and rec.mark.txn == wanted:
                return _replay(repo, segment, None, rec.number, f"after transaction {wanted}")
    raise NotRestorable(
        f"{cov.db}: transaction {wanted} is not a record of the stream",
        hint="ovsdb-server may report several transactions as one update; 'db show-log' on "
        "the segments lists the ids recorded (txn=...)",
    )


def _replay(
    repo: Repository,
    segment: SegmentEntry,
    to_ms: int | None,
    to_record: int | None,
    requested: str,
) -> RestorePoint:
    path = str(repo.segment_path(segment.db, segment.name))
    last: dict[str, Any] = {"record": 1, "date": segment.base_ms, "txn": segment.base_txn}

    def stop_before(number: int, txn: dict[str, Any]) -> bool:
        if to_record is not None:
            return number > to_record
        date = txn.get("_date")
        return to_ms is not None and type(date) is int and date > to_ms

    def on_txn(frame: Any, txn: dict[str, Any], _summary: Any) -> None:
        mark = parse_comment(txn.get("_comment"))
        last["record"] = frame.number
        last["date"] = txn.get("_date")
        if mark is not None:
            last["txn"] = mark.txn

    with open_db_file(path) as f:
        outcome = replay_standalone(
            f.buf, path=path, strict=False, stop_before=stop_before, on_txn=on_txn
        )
    if outcome.stopped is not None and outcome.stopped.kind != "torn-tail":
        raise InputError(f"{path}: cannot be read up to {requested}: {outcome.stopped.message}")
    return RestorePoint(
        outcome.db, segment.name, last["record"], last["txn"], last["date"], requested
    )
