"""Parse the text of ``ovs-appctl cluster/status DB`` (Open vSwitch 2.9 to 3.x).

The command prints a fixed sequence of lines (``raft.c``, function
``raft_unixctl_status``); versions only *add* lines, so the parser is keyed on
line prefixes and keeps whatever it does not know in ``unparsed``::

    497b                                          <- local nickname
    Name: OVN_Northbound
    Cluster ID: 1dbd (1dbd9604-…)                  <- or "not yet known" while joining
    Server ID: 497b (497b35e4-…)
    Address: tcp:127.0.0.1:16012
    Status: cluster member                         <- see STATUSES
    Remotes for joining: tcp:… tcp:…               <- joining only
    Adding server 4f3a (4f3a at tcp:…) (adding: catchup)       <- leader only
    Removing server 4f3a (4f3a at tcp:…) (removing)            <- leader only
    Role: leader                                   <- leader | candidate | follower
    Term: 9
    Leader: self                                   <- self | unknown | a nickname
    Vote: self                                     <- self | unknown | a nickname

    Last Election started 82960 ms ago, reason: timeout        <- 2.13+
    Last Election won: 82958 ms ago                            <- 2.13+
    Election timer: 1000 (changing to 2000)                    <- 2.12+
    Log: [2, 18]                                   <- [first index, one past the last]
    Entries not yet committed: 0
    Entries not yet applied: 0
    Connections: ->8206 <-8206 (->d177)            <- "(…)" = not connected
    Disconnections: 0                              <- 2.13+
    Servers:
        497b (497b at tcp:…) (self) next_index=12 match_index=17
        8206 (8206 at tcp:…) (adding: catchup) last msg 313 ms ago
        d177 (d177 at tcp:…) (voted for 497b)      <- candidates show votes

A nickname is the 4-hex-digit prefix of the server ID, except for ``unix:``
Raft addresses, where it is the socket file's base name (``s1`` for
``unix:s1.raft``) — so a nickname is not always a server-ID prefix.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

STATUSES = (
    "cluster member",
    "joining cluster",
    "leaving cluster",
    "left cluster",
    "failed",
    "disconnected from the cluster (election timeout)",
)
ROLES = ("leader", "candidate", "follower")
PHASES = ("adding: catchup", "adding: caught up", "adding: committing", "removing")


class StatusParseError(ValueError):
    """The text is not ``cluster/status`` output (a required line is missing or malformed)."""


@dataclass(frozen=True)
class Connection:
    """One Raft connection: ``->x`` outgoing, ``<-x`` incoming, in parentheses if down."""

    peer: str  # nickname; "0000" for an outgoing connection whose peer id is not known yet
    incoming: bool
    connected: bool

    def __str__(self) -> str:
        arrow = ("<-" if self.incoming else "->") + self.peer
        return arrow if self.connected else f"({arrow})"


@dataclass(frozen=True)
class ServerLine:
    """One line of the ``Servers:`` list (this member's view of the configuration)."""

    nickname: str
    sid_prefix: str
    address: str
    is_self: bool = False
    phase: str | None = None  # None = stable
    voted_for: str | None = None  # candidates only
    next_index: int | None = None  # leaders only
    match_index: int | None = None  # leaders only
    last_msg_ms: int | None = None  # 2.13+; absent until a message arrived


@dataclass(frozen=True)
class MembershipChange:
    """A leader's ``Adding server …`` or ``Removing server …`` line."""

    action: str  # adding | removing
    nickname: str
    sid_prefix: str
    address: str
    phase: str


@dataclass(frozen=True)
class ClusterStatus:
    """Everything ``cluster/status`` says, typed. Absent lines are ``None``."""

    nickname: str
    name: str
    cid: str | None  # full cluster id; None while joining ("not yet known")
    sid: str
    address: str
    status: str
    role: str
    term: int
    leader: str | None  # "self", a nickname, or None (unknown)
    vote: str | None  # "self", a nickname, or None (unknown)
    log_start: int
    log_end: int
    uncommitted: int
    unapplied: int
    remotes_for_joining: tuple[str, ...] = ()
    changes: tuple[MembershipChange, ...] = ()
    election_started_ms: int | None = None
    election_reason: str | None = None
    election_won_ms: int | None = None
    election_timer_ms: int | None = None
    election_timer_new_ms: int | None = None
    connections: tuple[Connection, ...] = ()
    disconnections: int | None = None
    servers: tuple[ServerLine, ...] = ()
    unparsed: tuple[str, ...] = field(default=(), compare=False)

    # -- derived facts (see raft.c: uncommitted = log_end - commit_index - 1) ----------

    @property
    def commit_index(self) -> int:
        return self.log_end - self.uncommitted - 1

    @property
    def applied_index(self) -> int:
        return self.log_end - self.unapplied - 1

    @property
    def last_index(self) -> int:
        return self.log_end - 1

    @property
    def is_member(self) -> bool:
        """Joined and not leaving, left or failed (may still be without a leader)."""
        return self.status in (STATUSES[0], STATUSES[5])

    @property
    def knows_leader(self) -> bool:
        return self.leader is not None

    def leader_line(self) -> ServerLine | None:
        """The ``Servers:`` line of the leader this member follows (or itself)."""
        if self.leader is None:
            return None
        if self.leader == "self":
            return self.self_line()
        return self.server_by_nickname(self.leader)

    def self_line(self) -> ServerLine | None:
        return next((s for s in self.servers if s.is_self), None)

    def server_by_nickname(self, nickname: str) -> ServerLine | None:
        return next((s for s in self.servers if s.nickname == nickname), None)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["connections"] = [str(c) for c in self.connections]
        data["commit_index"] = self.commit_index
        data["applied_index"] = self.applied_index
        data["unparsed"] = list(self.unparsed)
        return data


# ----------------------------------------------------------------------------------------

_ID = r"[^\s()]+"
_SERVER_RE = re.compile(rf"(?P<nick>{_ID}) \((?P<sid>[0-9a-f]+) at (?P<addr>[^)]+)\)(?P<rest>.*)")
_PAREN_RE = re.compile(r"\s*\(([^)]*)\)")
_INDEX_RE = re.compile(r"\s*next_index=(\d+) match_index=(\d+)")
_LAST_MSG_RE = re.compile(r"\s*last msg (\d+) ms ago")
_CHANGE_RE = re.compile(
    rf"(?P<action>Adding|Removing) server (?P<nick>{_ID}) "
    r"\((?P<sid>[0-9a-f]+) at (?P<addr>[^)]+)\) \((?P<phase>[^)]*)\)"
)
_ID_WITH_UUID_RE = re.compile(r"(?P<short>\S+) \((?P<uuid>[0-9a-fA-F-]{36})\)")
_LOG_RE = re.compile(r"\[(\d+), (\d+)\]")
_TIMER_RE = re.compile(r"(\d+)(?: \(changing to (\d+)\))?")
_ELECTION_RE = re.compile(r"Last Election started (\d+) ms ago, reason: (\S+)")
_WON_RE = re.compile(r"Last Election won: (\d+) ms ago")
_CONN_RE = re.compile(r"(\()?(<-|->)([^\s()]+)(\))?")


def _server_line(text: str) -> ServerLine:
    match = _SERVER_RE.fullmatch(text.strip())
    if match is None:
        raise StatusParseError(f"cannot parse server line {text!r}")
    rest = match["rest"]
    is_self, phase, voted = False, None, None
    next_index = match_index = last_msg = None
    while rest:
        if m := _PAREN_RE.match(rest):
            value = m.group(1)
            if value == "self":
                is_self = True
            elif value.startswith("voted for "):
                voted = value.removeprefix("voted for ")
            else:
                phase = value
        elif m := _INDEX_RE.match(rest):
            next_index, match_index = int(m.group(1)), int(m.group(2))
        elif m := _LAST_MSG_RE.match(rest):
            last_msg = int(m.group(1))
        else:
            raise StatusParseError(f"cannot parse server line {text!r} (at {rest!r})")
        rest = rest[m.end() :]
    return ServerLine(
        match["nick"],
        match["sid"],
        match["addr"],
        is_self,
        phase,
        voted,
        next_index,
        match_index,
        last_msg,
    )


def _connections(text: str) -> tuple[Connection, ...]:
    out = []
    for token in text.split():
        m = _CONN_RE.fullmatch(token)
        if m is None or bool(m.group(1)) != bool(m.group(4)):
            raise StatusParseError(f"cannot parse connection {token!r}")
        out.append(Connection(m.group(3), m.group(2) == "<-", not m.group(1)))
    return tuple(out)


def _int(value: str, what: str) -> int:
    if not value.isdigit():
        raise StatusParseError(f"{what}: expected a number, got {value!r}")
    return int(value)


def _sid_ref(value: str) -> str | None:
    return None if value == "unknown" else value


def _uuid_field(value: str, what: str) -> str:
    m = _ID_WITH_UUID_RE.fullmatch(value)
    if m is None:
        raise StatusParseError(f"{what}: expected 'xxxx (uuid)', got {value!r}")
    return m["uuid"].lower()


class _Fields:
    """The ``Key: value`` lines, plus the lines that have no key."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.changes: list[MembershipChange] = []
        self.servers: list[ServerLine] = []
        self.unparsed: list[str] = []
        self.election: tuple[int, str] | None = None
        self.won: int | None = None

    def require(self, key: str) -> str:
        if key not in self.values:
            raise StatusParseError(f"'{key}:' line missing from cluster/status output")
        return self.values[key]


def _scan(lines: list[str]) -> _Fields:
    fields = _Fields()
    in_servers = False
    for line in lines[1:]:
        if not line.strip():
            continue
        if in_servers and line.startswith(" "):
            fields.servers.append(_server_line(line))
            continue
        in_servers = False
        if line == "Servers:":
            in_servers = True
        elif m := _CHANGE_RE.fullmatch(line):
            fields.changes.append(
                MembershipChange(m["action"].lower(), m["nick"], m["sid"], m["addr"], m["phase"])
            )
        elif m := _ELECTION_RE.fullmatch(line):
            fields.election = (int(m.group(1)), m.group(2))
        elif m := _WON_RE.fullmatch(line):
            fields.won = int(m.group(1))
        else:
            key, sep, value = line.partition(":")
            if sep and key and not key.startswith(" ") and key not in fields.values:
                fields.values[key] = value.strip()
            else:
                fields.unparsed.append(line)
    return fields


def parse_cluster_status(text: str) -> ClusterStatus:
    """Parse ``cluster/status`` output; raises :class:`StatusParseError` if it is not one."""
    lines = text.splitlines()
    if not lines or not lines[0].strip() or ":" in lines[0]:
        raise StatusParseError("cluster/status output must start with the local nickname")
    f = _scan(lines)
    cid_text = f.require("Cluster ID")
    cid = None if cid_text == "not yet known" else _uuid_field(cid_text, "Cluster ID")
    log = _LOG_RE.fullmatch(f.require("Log"))
    if log is None:
        raise StatusParseError(f"Log: expected '[a, b]', got {f.values['Log']!r}")
    timer = timer_new = None
    if "Election timer" in f.values:
        t = _TIMER_RE.fullmatch(f.values["Election timer"])
        if t is None:
            raise StatusParseError(f"Election timer: cannot parse {f.values['Election timer']!r}")
        timer = int(t.group(1))
        timer_new = int(t.group(2)) if t.group(2) else None
    remotes = tuple(f.values.get("Remotes for joining", "").split())
    disconnections = f.values.get("Disconnections")
    known = {
        "Name",
        "Cluster ID",
        "Server ID",
        "Address",
        "Status",
        "Role",
        "Term",
        "Leader",
        "Vote",
        "Log",
        "Entries not yet committed",
        "Entries not yet applied",
        "Connections",
        "Disconnections",
        "Election timer",
        "Remotes for joining",
    }
    unparsed = f.unparsed + [f"{k}: {v}" for k, v in f.values.items() if k not in known]
    return ClusterStatus(
        nickname=lines[0].strip(),
        name=f.require("Name"),
        cid=cid,
        sid=_uuid_field(f.require("Server ID"), "Server ID"),
        address=f.require("Address"),
        status=f.require("Status"),
        role=f.require("Role"),
        term=_int(f.require("Term"), "Term"),
        leader=_sid_ref(f.require("Leader")),
        vote=_sid_ref(f.require("Vote")),
        log_start=int(log.group(1)),
        log_end=int(log.group(2)),
        uncommitted=_int(f.require("Entries not yet committed"), "Entries not yet committed"),
        unapplied=_int(f.require("Entries not yet applied"), "Entries not yet applied"),
        remotes_for_joining=remotes,
        changes=tuple(f.changes),
        election_started_ms=f.election[0] if f.election else None,
        election_reason=f.election[1] if f.election else None,
        election_won_ms=f.won,
        election_timer_ms=timer,
        election_timer_new_ms=timer_new,
        connections=_connections(f.values.get("Connections", "")),
        disconnections=_int(disconnections, "Disconnections") if disconnections else None,
        servers=tuple(f.servers),
        unparsed=tuple(unparsed),
    )
