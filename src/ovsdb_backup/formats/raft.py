"""Meaning of clustered (Raft) database files: header, records and replay rules.

Record 0 is a header (joined or joining form). Every later record is one of six
kinds, told apart by which members it has (the order matters: ``note`` wins,
then a non-zero ``commit_index``, then ``leader``, ``vote``, ``index`` → entry,
otherwise a plain ``term`` record). :class:`RaftLog` applies records with the
rules ``ovsdb-server`` uses when it opens a file (append/truncate by index,
commit index, term order, votes) plus the per-file checks of
``ovsdb-tool check-cluster``; it reports entries to an :class:`EntrySink` so
that content replay and verbatim copying share one rules engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..model.datum import DatumError, parse_uuid
from ..results import Finding, Severity

UINT64_MOD = 1 << 64


class RaftFormatError(ValueError):
    """A header or record whose members do not follow the clustered format."""


@dataclass(frozen=True)
class RaftHeader:
    """Record 0 of a clustered file."""

    sid: str
    name: str
    local_address: str
    cid: str | None
    joining: bool
    remote_addresses: tuple[str, ...] = ()
    prev_servers: Mapping[str, str] = field(default_factory=dict)
    prev_index: int = 0
    prev_term: int = 0
    prev_eid: str | None = None
    prev_data: Any = None  # [schema, txn] snapshot
    prev_election_timer: int | None = None

    @property
    def has_snapshot(self) -> bool:
        return self.prev_index > 0

    def snapshot_schema(self) -> Any:
        if isinstance(self.prev_data, list) and self.prev_data:
            return self.prev_data[0]
        return None


@dataclass(frozen=True, slots=True)
class RaftRecord:
    """One record after the header. ``kind`` is one of KINDS."""

    kind: str
    term: int = 0
    index: int = 0
    data: Any = None
    eid: str | None = None
    servers: Mapping[str, str] | None = None
    election_timer: int | None = None
    commit_index: int = 0
    sid: str | None = None  # vote or leader
    note: str | None = None
    comment: str | None = None


KINDS = ("entry", "term", "vote", "leader", "commit_index", "note")


def _u64(obj: Mapping[str, Any], key: str, required: bool) -> int:
    value = obj.get(key)
    if value is None:
        if required:
            raise RaftFormatError(f"Required '{key}' member is missing.")
        return 0
    if type(value) is not int:
        raise RaftFormatError(f"'{key}' member must be an integer, got {value!r}")
    # ovsdb-server writes uint64 values above 2**63 as negative int64.
    return value % UINT64_MOD


def _uuid(obj: Mapping[str, Any], key: str, required: bool) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise RaftFormatError(f"Required '{key}' member is missing.")
        return None
    try:
        return parse_uuid(value)
    except DatumError:
        raise RaftFormatError(f"'{key}' member is not a UUID: {value!r}") from None


def _string(obj: Mapping[str, Any], key: str, required: bool) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise RaftFormatError(f"Required '{key}' member is missing.")
        return None
    if type(value) is not str:
        raise RaftFormatError(f"'{key}' member must be a string")
    return value


def _servers(value: Any, key: str) -> dict[str, str]:
    if type(value) is not dict or not value:
        raise RaftFormatError(f"'{key}' must be a non-empty object of server id -> address")
    out = {}
    for sid, address in value.items():
        try:
            parse_uuid(sid)
        except DatumError:
            raise RaftFormatError(f"'{key}': {sid!r} is not a server id") from None
        if type(address) is not str:
            raise RaftFormatError(f"'{key}': address of {sid} must be a string")
        out[sid] = address
    return out


def _check_members(obj: Mapping[str, Any], used: set[str]) -> None:
    extra = [k for k in obj if k not in used]
    if extra:
        raise RaftFormatError(f"Member '{extra[0]}' is present but not allowed here.")


def parse_header(obj: Mapping[str, Any]) -> RaftHeader:
    """Parse record 0 of a clustered file (raises RaftFormatError)."""
    used = {"server_id", "name", "local_address", "cluster_id"}
    sid = _uuid(obj, "server_id", True)
    name = _string(obj, "name", True)
    local = _string(obj, "local_address", True)
    assert sid is not None
    assert name is not None
    assert local is not None
    if "remote_addresses" in obj:
        used.add("remote_addresses")
        remotes = obj["remote_addresses"]
        if type(remotes) is not list or not all(type(r) is str for r in remotes):
            raise RaftFormatError("'remote_addresses' must be an array of strings")
        if not [r for r in remotes if r != local]:
            raise RaftFormatError(
                "at least one remote address (other than the local address) is required"
            )
        _check_members(obj, used)
        return RaftHeader(sid, name, local, _uuid(obj, "cluster_id", False), True, tuple(remotes))
    used |= {"prev_servers", "prev_index", "prev_term", "prev_eid", "prev_data"}
    used.add("prev_election_timer")
    if "prev_servers" not in obj:
        raise RaftFormatError("Required 'prev_servers' member is missing.")
    servers = _servers(obj["prev_servers"], "prev_servers")
    cid = _uuid(obj, "cluster_id", True)
    prev_index = _u64(obj, "prev_index", False)
    header = RaftHeader(sid, name, local, cid, False, (), servers, prev_index)
    if prev_index:
        data = obj.get("prev_data")
        if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], dict)):
            raise RaftFormatError("'prev_data' must be [schema, data] with a schema")
        timer = _u64(obj, "prev_election_timer", False) or None
        header = RaftHeader(
            sid,
            name,
            local,
            cid,
            False,
            (),
            servers,
            prev_index,
            _u64(obj, "prev_term", True),
            _uuid(obj, "prev_eid", True),
            data,
            timer,
        )
    _check_members(obj, used)
    return header


def parse_record(obj: Mapping[str, Any]) -> RaftRecord:
    """Classify and parse one record after the header (raises RaftFormatError)."""
    comment = _string(obj, "comment", False)
    note = _string(obj, "note", False)
    if note is not None:
        _check_members(obj, {"comment", "note"})
        return RaftRecord("note", note=note, comment=comment)
    commit_index = _u64(obj, "commit_index", False)
    if commit_index:
        _check_members(obj, {"comment", "commit_index"})
        return RaftRecord("commit_index", commit_index=commit_index, comment=comment)
    term = _u64(obj, "term", True)
    for kind in ("leader", "vote"):
        sid = _uuid(obj, kind, False)
        if sid is not None:
            _check_members(obj, {"comment", "term", "commit_index", kind})
            if sid == "00000000-0000-0000-0000-000000000000":
                raise RaftFormatError(f"record {kind}s all-zeros SID")
            return RaftRecord(kind, term=term, sid=sid, comment=comment)
    index = _u64(obj, "index", False)
    if not index:
        _check_members(obj, {"comment", "term", "commit_index"})
        return RaftRecord("term", term=term, comment=comment)
    _check_members(
        obj,
        {"comment", "term", "commit_index", "index", "servers", "election_timer", "data", "eid"},
    )
    servers = _servers(obj["servers"], "servers") if obj.get("servers") is not None else None
    data = obj.get("data")
    eid = None
    if data is not None:
        if not (isinstance(data, list) and len(data) == 2):
            raise RaftFormatError("entry 'data' must be [schema-or-null, data-or-null]")
        eid = _uuid(obj, "eid", True)
    timer = _u64(obj, "election_timer", False) or None
    return RaftRecord(
        "entry",
        term=term,
        index=index,
        data=data,
        eid=eid,
        servers=servers,
        election_timer=timer,
        comment=comment,
    )


@dataclass(slots=True)
class EntryInfo:
    """What the log keeps of one entry (data itself is given to the sink)."""

    index: int
    term: int
    eid: str | None
    record: int  # record number in the file
    offset: int  # file offset of its header
    has_data: bool
    is_reset: bool  # data[0] is a schema: the database is replaced
    servers: Mapping[str, str] | None = None
    election_timer: int | None = None


class EntrySink(Protocol):
    """Receives the log's content decisions, in file order."""

    def append(self, entry: EntryInfo, record: RaftRecord) -> None: ...

    def truncate(self, index: int) -> None:
        """Entries with index >= ``index`` are gone."""

    def commit(self, index: int) -> None:
        """Entries up to ``index`` are committed."""


class RuleViolation(ValueError):
    """A record that breaks the rules: ovsdb-server refuses to open such a file."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class TermEvents:
    """Per-term facts a file reports, for cross-member checks."""

    leader: str | None = None
    leader_record: int = 0
    vote: str | None = None
    max_commit: int = 0
    leader_log_end: int = 0  # log_end when this server was leader in the term


class RaftLog:
    """The replay state of one clustered file (mirrors raft_apply_record).

    ``apply`` raises :class:`RuleViolation` where ovsdb-server would refuse to
    start; other notable facts (truncations, leaving) become ``findings``.
    """

    def __init__(self, header: RaftHeader, sink: EntrySink | None = None, path: str | None = None):
        self.header = header
        self.sink = sink
        self.path = path
        self.log_start = header.prev_index + 1
        self.log_end = self.log_start
        self.commit_index = header.prev_index
        self.term = header.prev_term
        self.vote: str | None = None
        self.leader: str | None = None
        self.entries: list[EntryInfo] = []
        self.findings: list[Finding] = []
        self.terms: dict[int, TermEvents] = {}
        self.left = False
        self.records = 0
        self.truncations = 0
        self.last_entry_term = header.prev_term

    def _events(self, term: int) -> TermEvents:
        events = self.terms.get(term)
        if events is None:
            events = self.terms[term] = TermEvents()
        return events

    def _info(self, kind: str, message: str, number: int, offset: int) -> None:
        self.findings.append(Finding(kind, Severity.INFO, message, self.path, number, offset))

    def apply(self, rec: RaftRecord, number: int, offset: int) -> None:
        self.records += 1
        if rec.term > self.term:
            self.term = rec.term
            self.vote = None
            self.leader = None
        kind = rec.kind
        if kind == "entry":
            self._apply_entry(rec, number, offset)
        elif kind == "commit_index":
            self._apply_commit(rec.commit_index, number)
        elif kind == "vote":
            if rec.term < self.term:
                raise RuleViolation(
                    "vote-older-term",
                    f"record {number} votes for term {rec.term} but current term is {self.term}",
                )
            if self.vote is not None and self.vote != rec.sid:
                raise RuleViolation(
                    "double-vote",
                    f"record {number} votes for {rec.sid} in term {rec.term} but a previous "
                    f"record for the same term voted for {self.vote}",
                )
            self.vote = rec.sid
            self._events(rec.term).vote = rec.sid
        elif kind == "leader":
            self._apply_leader(rec, number)
        elif kind == "note" and rec.note == "left":
            self.left = True
            self._info(
                "server-left",
                f"record {number} shows that the server left the cluster (ovsdb-server "
                "will not start on this file; it cannot be added back)",
                number,
                offset,
            )

    def _apply_leader(self, rec: RaftRecord, number: int) -> None:
        assert rec.sid is not None
        events = self._events(rec.term)
        if self.leader is not None and self.leader != rec.sid and rec.term == self.term:
            raise RuleViolation(
                "conflicting-leader",
                f"record {number} reports leader {rec.sid} for term {rec.term} but record "
                f"{events.leader_record} previously reported the leader as {self.leader} in "
                "that term",
            )
        if self.leader is None:
            self.leader = rec.sid
            events.leader = rec.sid
            events.leader_record = number
        if rec.sid == self.header.sid:
            events.leader_log_end = max(events.leader_log_end, self.log_end)

    def _apply_entry(self, rec: RaftRecord, number: int, offset: int) -> None:
        index = rec.index
        if index < self.commit_index:
            raise RuleViolation(
                "truncate-below-commit",
                f"record {number} attempts to truncate log from {self.log_end} to {index} "
                f"entries, but commit index is already {self.commit_index}",
            )
        if index > self.log_end:
            raise RuleViolation(
                "index-gap",
                f"record {number} with index {index} skips past expected index {self.log_end}",
            )
        if index < self.log_end:
            if self.leader is not None and self.leader == self.header.sid:
                raise RuleViolation(
                    "leader-truncation",
                    f"record {number} truncates log from {self.log_end} to {index} entries "
                    "while server is leader",
                )
            self._info(
                "log-truncation",
                f"record {number} truncates log from {self.log_end} to {index} entries",
                number,
                offset,
            )
            self.truncations += 1
            del self.entries[index - self.log_start :]
            self.log_end = index
            if self.sink is not None:
                self.sink.truncate(index)
        prev_term = self.entries[-1].term if self.entries else self.header.prev_term
        if rec.term < prev_term:
            raise RuleViolation(
                "term-regression",
                f"record {number} with index {index} term {rec.term} precedes previous "
                f"entry's term {prev_term}",
            )
        data = rec.data
        entry = EntryInfo(
            index,
            rec.term,
            rec.eid,
            number,
            offset,
            data is not None,
            data is not None and data[0] is not None,
            rec.servers,
            rec.election_timer,
        )
        self.entries.append(entry)
        self.log_end += 1
        self.last_entry_term = rec.term
        if self.sink is not None:
            self.sink.append(entry, rec)

    def _apply_commit(self, commit_index: int, number: int) -> None:
        if commit_index < self.commit_index:
            raise RuleViolation(
                "commit-index-regression",
                f"record {number} regresses commit index from {self.commit_index} to "
                f"{commit_index}",
            )
        if commit_index >= self.log_end:
            raise RuleViolation(
                "advances-commit-index",
                f"record {number} advances commit index to {commit_index} but last log index "
                f"is {self.log_end - 1}",
            )
        self.commit_index = commit_index
        events = self._events(self.term)
        events.max_commit = max(events.max_commit, commit_index)
        if self.sink is not None:
            self.sink.commit(commit_index)

    # -- facts ----------------------------------------------------------------

    @property
    def last_index(self) -> int:
        return self.log_end - 1

    @property
    def uncommitted(self) -> int:
        return self.log_end - 1 - self.commit_index

    def servers(self) -> Mapping[str, str]:
        """The latest server configuration in the log (or the snapshot's)."""
        for entry in reversed(self.entries):
            if entry.servers is not None:
                return entry.servers
        return self.header.prev_servers

    def committed_servers(self) -> Mapping[str, str]:
        for entry in reversed(self.entries):
            if entry.servers is not None and entry.index <= self.commit_index:
                return entry.servers
        return self.header.prev_servers

    def election_timer(self) -> int:
        for entry in reversed(self.entries):
            if entry.election_timer:
                return entry.election_timer
        return self.header.prev_election_timer or 1000

    def entry(self, index: int) -> EntryInfo | None:
        if self.log_start <= index < self.log_end:
            return self.entries[index - self.log_start]
        return None
