"""Pure rules: what a :class:`~.observe.ClusterView` says about the cluster's health.

Observations of one server (its control socket and its client remote) are
merged by server ID; servers that other members list in their configuration
but that nobody observed are added as ``unobserved``. The *reference leader*
is the member that reports ``Role: leader`` in the highest term; its
``Servers:`` list is the configuration, and quorum holds when the leader plus
the members it has heard from within the election timeout are a majority.

Each member gets one state (the worst that applies) and every reason found:

==============  ==========================================================
state           meaning
==============  ==========================================================
ok              a member that follows the current leader, in sync
down            its control socket refused the connection (no process)
unresponsive    no reply within the deadline (stopped, hung, overloaded)
error           it answered with an error or with text we cannot read
joining …       ``Status:`` other than member (joining/leaving/left/failed)
partitioned     alive but cut off: a leader of an older term, a candidate
                in a newer term, or a member the leader has not heard from
leaderless      no leader known (the cluster as a whole may have none)
disconnected    some of its Raft connections are down
lagging         applied index or ``_Server`` index far behind the leader
unobserved      listed in the configuration but not asked (give its --ctl)
==============  ==========================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..results import Finding, Severity
from .observe import ClusterView, CtlObservation, RemoteObservation
from .status_text import ClusterStatus, ServerLine

STATE_ORDER = (
    "down",
    "unresponsive",
    "error",
    "failed",
    "left",
    "leaving",
    "joining",
    "partitioned",
    "leaderless",
    "disconnected",
    "lagging",
    "unobserved",
    "ok",
)
DEFAULT_MAX_LAG = 100


@dataclass(frozen=True)
class MemberReport:
    """One row of the status table."""

    label: str
    state: str
    reasons: tuple[str, ...] = ()
    sid: str | None = None
    address: str | None = None
    ctl: str | None = None
    remote: str | None = None
    role: str | None = None
    term: int | None = None
    leader: str | None = None
    vote: str | None = None
    log_start: int | None = None
    log_end: int | None = None
    commit_index: int | None = None
    applied_index: int | None = None
    connections_up: int | None = None
    connections_total: int | None = None
    disconnections: int | None = None
    last_msg_ms: int | None = None  # as seen by the leader
    match_index: int | None = None  # as seen by the leader
    connected: bool | None = None  # _Server.Database
    server_index: int | None = None  # _Server.Database
    in_config: bool = False  # listed in the reference configuration
    sid_prefix: str | None = None  # as the configuration lists it (4 hex digits)

    @property
    def healthy(self) -> bool:
        return self.state == "ok"

    def to_json(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["reasons"] = list(self.reasons)
        return data


@dataclass(frozen=True)
class StatusReport:
    db: str
    verdict: str  # healthy | degraded | no-quorum | unknown
    summary: str
    members: tuple[MemberReport, ...]
    cid: str | None = None
    leader: str | None = None
    term: int | None = None
    config_size: int = 0
    quorum: bool = False
    findings: tuple[Finding, ...] = ()

    @property
    def healthy(self) -> bool:
        return self.verdict == "healthy"

    def to_json(self) -> dict[str, Any]:
        return {
            "db": self.db,
            "verdict": self.verdict,
            "summary": self.summary,
            "cid": self.cid,
            "leader": self.leader,
            "term": self.term,
            "config_size": self.config_size,
            "quorum": self.quorum,
            "members": [m.to_json() for m in self.members],
            "findings": [f.to_json() for f in self.findings],
        }


# -- merging observations into members ---------------------------------------------------


@dataclass
class _Member:
    label: str
    ctl: CtlObservation | None = None
    remote: RemoteObservation | None = None
    peer_line: ServerLine | None = None  # how the leader (or a peer) lists it
    candidates: str | None = None  # "one of" these configured servers (identity unknown)

    @property
    def status(self) -> ClusterStatus | None:
        return self.ctl.status if self.ctl else None

    @property
    def sid(self) -> str | None:
        if self.status is not None:
            return self.status.sid
        if self.remote is not None and self.remote.row is not None:
            return self.remote.row.sid
        return None

    @property
    def address(self) -> str | None:
        if self.status is not None:
            return self.status.address
        return self.peer_line.address if self.peer_line else None


def _merge(view: ClusterView) -> list[_Member]:
    """One member per server. A control socket and a remote are the same server when their
    server IDs agree, or — for silent ones, whose ID is unknown — when they were given in
    the same position of equally long --ctl and --remote lists."""
    members = [_Member(o.status.nickname if o.status else o.ctl, ctl=o) for o in view.ctls]
    positional = len(view.ctls) == len(view.remotes)
    for i, robs in enumerate(view.remotes):
        sid = robs.row.sid if robs.row is not None else None
        target = next((m for m in members if sid is not None and m.sid == sid), None)
        if target is None and positional and members[i].remote is None:
            candidate = members[i]
            if sid is None or candidate.sid is None:
                target = candidate
        if target is not None and target.remote is None:
            target.remote = robs
        else:
            members.append(_Member(sid[:4] if sid else robs.remote, remote=robs))
    # The same server given twice (two paths to one socket): keep the first.
    unique: list[_Member] = []
    for m in members:
        if m.sid is None or all(u.sid != m.sid for u in unique):
            unique.append(m)
    return unique


def _reference_leader(members: Sequence[_Member]) -> _Member | None:
    leaders = [
        m
        for m in members
        if m.status is not None and m.status.role == "leader" and m.status.is_member
    ]
    return max(leaders, key=lambda m: m.status.term if m.status else 0, default=None)


def _configuration(members: Sequence[_Member], leader: _Member | None) -> tuple[ServerLine, ...]:
    if leader is not None and leader.status is not None:
        return leader.status.servers
    # Without a leader, use the configuration most members report.
    configs: dict[tuple[str, ...], tuple[ServerLine, ...]] = {}
    counts: dict[tuple[str, ...], int] = {}
    for m in members:
        if m.status is not None and m.status.servers:
            key = tuple(sorted(s.address for s in m.status.servers))
            configs.setdefault(key, m.status.servers)
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return ()
    return configs[max(counts, key=lambda k: counts[k])]


def _attach_peers(members: list[_Member], config: Sequence[ServerLine]) -> None:
    """Match configuration lines to observed members; add the unmatched as unobserved."""
    unmatched = []
    for line in config:
        # By server id first: a replaced member may come back at the same address with a
        # new id, and the old id must then not be taken for the new server.
        member = next((m for m in members if m.sid and m.sid.startswith(line.sid_prefix)), None)
        if member is None:
            member = next((m for m in members if m.sid is None and m.address == line.address), None)
        if member is not None:
            member.peer_line = line
        else:
            unmatched.append(line)
    # Silent sources (no server id) and configured servers nobody identified: with one of
    # each they are the same server; with as many of each, each silent one is one of them.
    silent = [m for m in members if m.sid is None and m.peer_line is None]
    if len(silent) == 1 and len(unmatched) == 1:
        silent[0].peer_line = unmatched.pop()
        silent[0].label = f"{silent[0].peer_line.nickname} ({silent[0].label})"
    elif silent and len(silent) == len(unmatched):
        names = ", ".join(f"{line.nickname} at {line.address}" for line in unmatched)
        for m in silent:
            m.candidates = names
        unmatched.clear()
    for line in unmatched:
        members.append(_Member(line.nickname, peer_line=line))


# -- rules ---------------------------------------------------------------------------------


@dataclass
class _Context:
    leader: _Member | None
    leader_status: ClusterStatus | None
    max_term: int
    timer_ms: int
    max_lag: int
    max_server_index: int | None
    unreachable: frozenset[str] = frozenset()  # nicknames of peers that look gone
    reasons: list[tuple[str, str]] = field(default_factory=list)

    def add(self, state: str, reason: str) -> None:
        self.reasons.append((state, reason))


def _observation_rules(m: _Member, ctx: _Context) -> None:
    for obs in (m.ctl, m.remote):
        if obs is None or obs.failure is None:
            continue
        where = "control socket" if isinstance(obs, CtlObservation) else "remote"
        ctx.add(obs.failure, f"{where}: {obs.error}")
    if m.ctl is None and m.remote is None:
        ctx.add("unobserved", "listed in the configuration; give its --ctl to see its own view")
    if m.candidates:
        ctx.add("unobserved", f"one of the configured servers {m.candidates}")


def _status_rules(s: ClusterStatus, ctx: _Context) -> None:
    if s.status == "joining cluster":
        ctx.add("joining", "joining the cluster (remotes: " + " ".join(s.remotes_for_joining) + ")")
    elif s.status in ("leaving cluster", "left cluster", "failed"):
        ctx.add(s.status.split()[0], f"Status: {s.status}")
    if not s.is_member:
        return
    lead = ctx.leader_status
    if s.role == "leader" and lead is not None and s.term < lead.term:
        ctx.add(
            "partitioned",
            f"still leader of term {s.term}, but {ctx.leader.label if ctx.leader else '?'} "
            f"leads term {lead.term}",
        )
    elif s.role == "candidate" or s.leader is None:
        why = "candidate" if s.role == "candidate" else s.role
        if lead is not None and s.term > lead.term:
            ctx.add(
                "partitioned",
                f"{why} in term {s.term} without a leader while the cluster has one in term "
                f"{lead.term}: it cannot reach the leader",
            )
        else:
            ctx.add("leaderless", f"{why} in term {s.term}, no leader known")
    elif lead is not None and s.role == "follower" and s.term < lead.term:
        ctx.add("partitioned", f"follows {s.leader} in term {s.term}; current term is {lead.term}")
    # A connection to a peer that is itself gone says nothing about this member; one to a
    # peer the others can reach does. "0000" is a peer whose id is not known yet.
    down = [
        str(c)
        for c in s.connections
        if not c.connected and c.peer != "0000" and c.peer not in ctx.unreachable
    ]
    if down:
        ctx.add("disconnected", "Raft connections down: " + " ".join(down))


def _leader_view_rules(m: _Member, ctx: _Context) -> None:
    line, lead = m.peer_line, ctx.leader_status
    if line is None or lead is None or line.is_self:
        return
    unheard = _unheard_for(line, lead, ctx.timer_ms)
    if unheard is not None:
        # Alive but unheard-of means cut off; unheard-of and unasked means probably gone.
        ctx.add("partitioned" if m.status is not None else "unresponsive", unheard)
    if line.match_index is not None and lead.last_index - line.match_index > ctx.max_lag:
        ctx.add(
            "lagging",
            f"the leader has matched its log only to index {line.match_index} of {lead.last_index}",
        )


def _unheard_for(line: ServerLine, lead: ClusterStatus, timer_ms: int) -> str | None:
    """Why the leader counts this server as silent, if it does (OVS 2.13+ shows "last msg")."""
    conns = [c for c in lead.connections if c.peer == line.nickname]
    if conns and not any(c.connected for c in conns):
        # A killed peer resets its connections at once, long before "last msg" grows.
        return "the leader's connections to it are down: " + " ".join(map(str, conns))
    if line.last_msg_ms is not None:
        if line.last_msg_ms > 2 * timer_ms:
            return f"the leader has not heard from it for {line.last_msg_ms / 1000:.1f} s"
        return None
    # No "last msg" at all: nothing received since this leader took over. Only meaningful
    # on versions that print it (they also print "Last Election won").
    won = lead.election_won_ms
    if won is not None and won > 2 * timer_ms:
        return f"the leader has not heard from it since it won the election {won / 1000:.0f} s ago"
    return None


def _lag_rules(m: _Member, ctx: _Context) -> None:
    s, lead = m.status, ctx.leader_status
    if s is not None and lead is not None and s.is_member and m is not ctx.leader:
        behind = lead.commit_index - s.applied_index
        if behind > ctx.max_lag:
            ctx.add(
                "lagging",
                f"applied index {s.applied_index} is {behind} behind the leader's "
                f"commit index {lead.commit_index}",
            )
    row = m.remote.row if m.remote else None
    if row is None:
        return
    if row.model != "clustered":
        ctx.add("error", f"_Server says the database is {row.model}, not clustered")
        return
    if not row.connected:
        ctx.add("leaderless", "_Server: connected=false (not in contact with a majority)")
    if (
        row.index is not None
        and ctx.max_server_index is not None
        and ctx.max_server_index - row.index > ctx.max_lag
    ):
        ctx.add("lagging", f"_Server index {row.index} is behind {ctx.max_server_index}")


def _unreachable(members: Sequence[_Member], lead: ClusterStatus | None) -> frozenset[str]:
    gone = set()
    timer = (lead.election_timer_ms if lead else None) or 1000
    for m in members:
        line = m.peer_line
        if line is None:
            continue
        silent = m.status is None
        unheard = lead is not None and _unheard_for(line, lead, timer) is not None
        if silent or unheard:
            gone.add(line.nickname)
    return frozenset(gone)


def _worst(states: Iterable[str]) -> str:
    ranked = sorted(set(states), key=STATE_ORDER.index)
    return ranked[0] if ranked else "ok"


def _report(m: _Member, ctx: _Context) -> MemberReport:
    s = m.status
    row = m.remote.row if m.remote else None
    conns = s.connections if s else ()
    leader = None
    if s is not None and s.leader is not None:
        leader = "self" if s.leader == "self" else s.leader
    return MemberReport(
        label=m.label,
        state=_worst(state for state, _ in ctx.reasons),
        reasons=tuple(reason for _, reason in ctx.reasons),
        sid=m.sid,
        address=m.address,
        ctl=m.ctl.ctl if m.ctl else None,
        remote=m.remote.remote if m.remote else None,
        role=s.role if s else None,
        term=s.term if s else None,
        leader=leader,
        vote=s.vote if s else None,
        log_start=s.log_start if s else None,
        log_end=s.log_end if s else None,
        commit_index=s.commit_index if s else None,
        applied_index=s.applied_index if s else None,
        connections_up=sum(c.connected for c in conns) if s else None,
        connections_total=len(conns) if s else None,
        disconnections=s.disconnections if s else None,
        last_msg_ms=m.peer_line.last_msg_ms if m.peer_line else None,
        match_index=m.peer_line.match_index if m.peer_line else None,
        connected=row.connected if row else None,
        server_index=row.index if row else None,
        in_config=m.peer_line is not None,
        sid_prefix=m.peer_line.sid_prefix if m.peer_line else (m.sid[:4] if m.sid else None),
    )


def _in_contact(m: _Member, ctx: _Context) -> bool:
    """Does the reference leader currently count this member towards its majority?"""
    if m is ctx.leader:
        return True
    line, lead = m.peer_line, ctx.leader_status
    if (
        line is not None
        and lead is not None
        and (line.last_msg_ms is not None or lead.election_won_ms)
    ):
        return _unheard_for(line, lead, ctx.timer_ms) is None
    s = m.status
    return (
        s is not None
        and lead is not None
        and s.role == "follower"
        and s.term == lead.term
        and s.leader is not None
    )


def _followed_leader(members: Sequence[_Member]) -> tuple[str, int, int] | None:
    """Without an observed leader: (nickname, term, followers) most members follow."""
    votes: dict[tuple[str, int], int] = {}
    for m in members:
        s = m.status
        if s is not None and s.is_member and s.role == "follower" and s.leader:
            key = (s.leader, s.term)
            votes[key] = votes.get(key, 0) + 1
    if not votes:
        return None
    (nickname, term), count = max(votes.items(), key=lambda kv: kv[1])
    return nickname, term, count


def _findings(members: Sequence[_Member], view: ClusterView) -> list[Finding]:
    findings = []
    cids = {m.status.cid for m in members if m.status and m.status.cid}
    cids |= {m.remote.row.cid for m in members if m.remote and m.remote.row and m.remote.row.cid}
    if len(cids) > 1:
        findings.append(
            Finding(
                "cluster-id-mismatch",
                Severity.ERROR,
                f"the servers belong to different clusters: {', '.join(sorted(cids))}",
            )
        )
    terms: dict[int, set[str]] = {}
    for m in members:
        if m.status is not None and m.status.role == "leader":
            terms.setdefault(m.status.term, set()).add(m.label)
    for term, labels in terms.items():
        if len(labels) > 1:
            findings.append(
                Finding("two-leaders", Severity.ERROR, f"term {term} has leaders {sorted(labels)}")
            )
    for obs in view.ctls:
        if obs.status is not None and obs.status.name != view.db:
            findings.append(
                Finding("name-mismatch", Severity.ERROR, f"{obs.ctl} serves {obs.status.name}")
            )
    return findings


def assess(view: ClusterView, *, max_lag: int = DEFAULT_MAX_LAG) -> StatusReport:
    """Decide every member's state, quorum and the verdict from one view (pure)."""
    members = _merge(view)
    leader = _reference_leader(members)
    config = _configuration(members, leader)
    _attach_peers(members, config)
    lead_status = leader.status if leader else None
    indexes = [m.remote.row.index for m in members if m.remote and m.remote.row]
    base = _Context(
        leader,
        lead_status,
        max((m.status.term for m in members if m.status), default=0),
        (lead_status.election_timer_ms if lead_status else None) or 1000,
        max_lag,
        max((i for i in indexes if i is not None), default=None),
        _unreachable(members, lead_status),
    )
    reports = []
    contact = 0
    for m in members:
        ctx = replace(base, reasons=[])
        _observation_rules(m, ctx)
        if m.status is not None:
            _status_rules(m.status, ctx)
        _leader_view_rules(m, ctx)
        _lag_rules(m, ctx)
        reports.append(_report(m, ctx))
        if m.peer_line is not None and leader is not None and _in_contact(m, ctx):
            contact += 1
    size = len(config)
    leader_label = leader.label if leader else None
    term = lead_status.term if lead_status else None
    if leader is None and (followed := _followed_leader(members)) is not None:
        # The leader was not asked, but members hear from it: count it and its followers.
        leader_label, term, contact = followed[0], followed[1], followed[2] + 1
        leader_label += " (not observed)"
    if not config and not any(m.status for m in members):
        # Remotes only: _Server says who leads and who is in contact with a majority.
        rows = [(m, m.remote.row) for m in members if m.remote and m.remote.row]
        size = len(members)
        contact = sum(1 for _, row in rows if row.connected)
        lead_row = next(((m, row) for m, row in rows if row.leader and row.connected), None)
        if lead_row is not None:
            leader_label = f"{lead_row[0].label} (_Server)"
    quorum = leader_label is not None and size > 0 and contact >= size // 2 + 1
    findings = _findings(members, view)
    verdict, summary = _verdict(reports, leader_label, term, size, contact, quorum, findings)
    cid = next((m.status.cid for m in members if m.status and m.status.cid), None)
    if cid is None:
        cid = next((m.remote.row.cid for m in members if m.remote and m.remote.row), None)
    return StatusReport(
        view.db,
        verdict,
        summary,
        tuple(reports),
        cid,
        leader_label,
        term,
        size,
        quorum,
        tuple(findings),
    )


def _verdict(
    reports: Sequence[MemberReport],
    leader: str | None,
    term: int | None,
    size: int,
    contact: int,
    quorum: bool,
    findings: Sequence[Finding],
) -> tuple[str, str]:
    bad = [r for r in reports if not r.healthy]
    named = ", ".join(f"{r.label} {r.state}" for r in bad)
    if not any(r.role is not None or r.connected is not None for r in reports):
        return "unknown", "no member answered: " + named
    if not quorum:
        if leader is not None:
            return "no-quorum", (
                f"{leader} claims leadership of term {term} but is in contact with only "
                f"{contact} of {size} members; the cluster cannot commit writes ({named})"
            )
        return "no-quorum", (
            f"no leader: the cluster cannot commit writes until a majority of its "
            f"{size or '?'} members can reach each other ({named})"
        )
    head = f"leader {leader} (term {term}), {contact} of {size} members in contact"
    if bad or findings:
        problems = "; ".join(([named] if named else []) + [f.message for f in findings])
        return "degraded", f"quorum holds: {head}; unhealthy: {problems}"
    return "healthy", head
