"""Read the member files of one cluster, once: the only I/O behind ``cluster diagnose``.

Each file is replayed the way ovsdb-server would read it (lenient: reading stops
at the first problem), with the uncommitted tail applied too, so that
``clean_through`` says how far its log replays cleanly; then, if reading stopped
early, the whole file is scanned structurally to list every damaged record and
count the intact ones after the damage. The results are frozen into
:class:`MemberFile` values; :mod:`.diagnose` decides on them without I/O.

For entries that could be lost by some recovery choice (those above the lowest
commit index of any member), the transaction's ``_comment`` and ``_date`` are
read too, so that a plan can say *what* would be lost (``ovn-nbctl`` records its
command line there).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import InputError
from ..formats.clustered import replay_clustered
from ..formats.dbfile import open_db_file
from ..formats.raft import EntryInfo, RaftLog
from ..formats.records import CLUSTER_MAGIC, Frame, parse_body, scan
from ..formats.verify import scan_file
from ..results import Finding, Severity

MAX_NOTES_PER_FILE = 10_000


@dataclass(frozen=True)
class EntryFact:
    """One log entry as a member file holds it."""

    index: int
    term: int
    eid: str | None
    record: int
    offset: int
    has_data: bool
    is_reset: bool = False
    servers: tuple[tuple[str, str], ...] | None = None

    @property
    def identity(self) -> tuple[int, str | None, bool]:
        """Log Matching compares entries by term and content; eid stands for content."""
        return (self.term, self.eid, self.has_data)

    @classmethod
    def of(cls, e: EntryInfo) -> EntryFact:
        servers = tuple(sorted(e.servers.items())) if e.servers is not None else None
        return cls(e.index, e.term, e.eid, e.record, e.offset, e.has_data, e.is_reset, servers)


@dataclass(frozen=True)
class EntryNote:
    """What a transaction entry did, for humans: its comment, time and tables."""

    comment: str | None
    date_ms: int | None
    tables: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"comment": self.comment, "date_ms": self.date_ms, "tables": list(self.tables)}


@dataclass(frozen=True)
class MemberFile:
    """Everything one member file says, as read by ovsdb-server's rules."""

    path: str
    exists: bool = True
    size: int = 0
    clustered: bool = False
    unreadable: str | None = None  # why not even the header could be used
    sid: str | None = None
    cid: str | None = None
    name: str | None = None
    address: str | None = None
    joining: bool = False
    remotes: tuple[str, ...] = ()
    snapshot_index: int = 0
    snapshot_term: int = 0
    term: int = 0
    vote: str | None = None
    log_start: int = 0
    log_end: int = 0
    commit_index: int = 0
    clean_through: int = 0  # last index whose content replays cleanly (tail included)
    left: bool = False
    servers: tuple[tuple[str, str], ...] = ()  # latest configuration in the log
    election_timer_ms: int = 1000
    entries: tuple[EntryFact, ...] = ()
    stopped: Finding | None = None  # where reading stopped early, like ovsdb-server
    damage: tuple[Finding, ...] = ()  # every damaged record (structural scan)
    intact_after_damage: int = 0
    notes: tuple[Finding, ...] = ()  # informational: truncations, left
    # Entries in intact records after the first damage: ovsdb-server never reads them, but
    # they tell what the damage took away.
    past_damage: tuple[tuple[EntryFact, EntryNote | None], ...] = ()
    entry_notes: Mapping[int, EntryNote] = field(default_factory=dict)
    log: RaftLog | None = field(default=None, compare=False, repr=False)

    @property
    def last_index(self) -> int:
        return self.log_end - 1

    @property
    def has_log(self) -> bool:
        return self.clustered and not self.joining and self.unreadable is None

    def entry(self, index: int) -> EntryFact | None:
        if self.log_start <= index < self.log_end:
            return self.entries[index - self.log_start]
        return None

    @property
    def last_term(self) -> int:
        return self.entries[-1].term if self.entries else self.snapshot_term


def _missing(path: str) -> MemberFile:
    return MemberFile(path, exists=False, unreadable="no such file")


def read_member_file(path: str) -> MemberFile:
    """Read one member file leniently; damage becomes facts, never an exception."""
    if not os.path.lexists(path):
        return _missing(path)
    try:
        with open_db_file(path) as f:
            if not f.is_clustered:
                return MemberFile(path, size=f.size, unreadable="a standalone database file")
            return _read_clustered(path, f.buf, f.size)
    except InputError as exc:  # empty, not OVSDB, header damaged
        size = os.path.getsize(path) if os.path.isfile(path) else 0
        return MemberFile(path, size=size, clustered=True, unreadable=exc.message)


def _read_clustered(path: str, buf: Any, size: int) -> MemberFile:
    replay = replay_clustered(
        buf, path=path, strict=False, accept_torn_tail=True, include_uncommitted=True
    )
    h, log = replay.header, replay.log
    damage: tuple[Finding, ...] = ()
    intact_after = 0
    past: tuple[tuple[EntryFact, EntryNote | None], ...] = ()
    if replay.stopped is not None:
        report = scan_file(buf, path=path, magic=CLUSTER_MAGIC)
        damage = tuple(report.findings)
        intact_after = report.intact_after_first_defect
        if report.first_defect is not None and intact_after:
            past = _entries_past(buf, report.first_defect.offset, report.first_defect.number)
    notes = tuple(f for f in replay.findings if f.severity is Severity.INFO)
    return MemberFile(
        path,
        size=size,
        clustered=True,
        sid=h.sid,
        cid=h.cid,
        name=h.name,
        address=h.local_address,
        joining=h.joining,
        remotes=h.remote_addresses,
        snapshot_index=h.prev_index,
        snapshot_term=h.prev_term,
        term=log.term,
        vote=log.vote,
        log_start=log.log_start,
        log_end=log.log_end,
        commit_index=log.commit_index,
        clean_through=replay.applied_index,
        left=log.left,
        servers=tuple(sorted(log.servers().items())),
        election_timer_ms=log.election_timer(),
        entries=tuple(EntryFact.of(e) for e in log.entries),
        stopped=replay.stopped,
        damage=damage,
        intact_after_damage=intact_after,
        notes=notes,
        past_damage=past,
        log=log,
    )


def _entries_past(
    buf: Any, offset: int, number: int
) -> tuple[tuple[EntryFact, EntryNote | None], ...]:
    """Entry records in the intact records that follow a damaged one."""
    found: dict[tuple[int, int, str | None], tuple[EntryFact, EntryNote | None]] = {}
    for item in scan(buf, magic=CLUSTER_MAGIC, start=offset, first_number=number, resync=True):
        if not isinstance(item, Frame):
            continue
        obj = parse_body(item)
        if not isinstance(obj, dict) or not all(type(obj.get(k)) is int for k in ("index", "term")):
            continue
        if "commit_index" in obj or "vote" in obj or "leader" in obj or "note" in obj:
            continue
        eid = obj.get("eid") if isinstance(obj.get("eid"), str) else None
        fact = EntryFact(
            obj["index"], obj["term"], eid, item.number, item.offset, obj.get("data") is not None
        )
        found[(fact.index, fact.term, eid)] = (fact, _note(item))
    return tuple(found.values())


def _note(frame: Frame) -> EntryNote | None:
    obj = parse_body(frame)
    if not isinstance(obj, dict):
        return None
    data = obj.get("data")
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], dict)):
        return None
    txn = data[1]
    comment = txn.get("_comment")
    date = txn.get("_date")
    tables = tuple(sorted(k for k in txn if not k.startswith("_")))
    return EntryNote(
        comment if isinstance(comment, str) else None,
        date if type(date) is int else None,
        tables,
    )


def read_entry_notes(member: MemberFile, above: int) -> dict[int, EntryNote]:
    """Comments and dates of the member's entries with index > ``above``."""
    wanted = [e for e in member.entries if e.index > above and e.has_data]
    wanted = wanted[-MAX_NOTES_PER_FILE:]
    if not wanted or not member.exists:
        return {}
    notes: dict[int, EntryNote] = {}
    with open_db_file(member.path) as f:
        for e in wanted:
            item = next(scan(f.buf, start=e.offset, first_number=e.record), None)
            if isinstance(item, Frame) and (note := _note(item)) is not None:
                notes[e.index] = note
    return notes


def read_member_files(paths: Sequence[str]) -> tuple[MemberFile, ...]:
    """Read every file, then the notes of every entry some recovery choice could lose."""
    members = [read_member_file(p) for p in paths]
    floor = min((m.commit_index for m in members if m.has_log), default=0)
    out = []
    for m in members:
        if m.has_log:
            m = _with_notes(m, read_entry_notes(m, floor))
        out.append(m)
    return tuple(out)


def _with_notes(m: MemberFile, notes: dict[int, EntryNote]) -> MemberFile:
    return replace(m, entry_notes=notes)
