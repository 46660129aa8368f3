"""Consistency rules across the member files of one cluster (``check-cluster`` parity).

Pure functions over :class:`~.raft.RaftLog` values that were replayed from each
member file: identity (cluster id, name, duplicate server ids), Election Safety
(one leader per term), Leader Completeness (a leader of a later term holds
every entry committed before) and Log Matching (same index and term → same
entry), plus membership (a member's own id must appear in a configuration).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..results import Finding, Severity
from .raft import EntryInfo, RaftLog


@dataclass(frozen=True)
class Member:
    path: str
    log: RaftLog


def _error(kind: str, message: str, path: str | None = None, **details: object) -> Finding:
    return Finding(kind, Severity.ERROR, message, path, details=dict(details))


def identity_findings(members: Sequence[Member]) -> list[Finding]:
    findings: list[Finding] = []
    if not members:
        return findings
    first = members[0]
    seen: dict[str, str] = {}
    for m in members:
        h = m.log.header
        if h.sid in seen:
            findings.append(
                _error(
                    "duplicate-server-id",
                    f"duplicate server ID {h.sid} in {seen[h.sid]} and {m.path}",
                    m.path,
                )
            )
        seen.setdefault(h.sid, m.path)
        if m is first:
            continue
        if h.cid != first.log.header.cid:
            findings.append(
                _error(
                    "cluster-id-mismatch",
                    f"{first.path} has cluster ID "
                    f"{first.log.header.cid} but {m.path} has cluster ID {h.cid}",
                    m.path,
                )
            )
        if h.name != first.log.header.name:
            findings.append(
                _error(
                    "name-mismatch",
                    f'{first.path} is named "{first.log.header.name}" but '
                    f'{m.path} is named "{h.name}"',
                    m.path,
                )
            )
    return findings


def membership_findings(members: Sequence[Member]) -> list[Finding]:
    findings = []
    for m in members:
        sid = m.log.header.sid
        configs = [m.log.header.prev_servers] + [
            e.servers for e in m.log.entries if e.servers is not None
        ]
        if not any(sid in config for config in configs):
            findings.append(
                _error(
                    "not-in-server-list", f"{m.path}: server {sid} not found in server list", m.path
                )
            )
    return findings


def election_safety_findings(members: Sequence[Member]) -> list[Finding]:
    findings = []
    leaders: dict[int, tuple[str, str]] = {}
    for m in members:
        for term, events in sorted(m.log.terms.items()):
            if events.leader is None:
                continue
            previous = leaders.setdefault(term, (events.leader, m.path))
            if previous[0] != events.leader:
                findings.append(
                    _error(
                        "two-leaders",
                        f"term {term} has two different leaders: {previous[1]} says that the "
                        f"leader is {_name(members, previous[0])} and {m.path} says that the "
                        f"leader is {_name(members, events.leader)}",
                        m.path,
                        term=term,
                    )
                )
    return findings


def leader_completeness_findings(members: Sequence[Member]) -> list[Finding]:
    """A leader elected in a later term must hold every entry committed earlier."""
    findings = []
    terms = sorted({t for m in members for t in m.log.terms})
    best_commit: tuple[int, str] | None = None
    for term in terms:
        for m in members:
            events = m.log.terms.get(term)
            if events is None or not events.leader_log_end:
                continue
            if best_commit is not None and best_commit[0] >= events.leader_log_end:
                findings.append(
                    _error(
                        "leader-completeness",
                        f"leader {m.path} for term {term} has log entries only up to index "
                        f"{events.leader_log_end - 1}, but index {best_commit[0]} was committed "
                        f"in a previous term (e.g. by {best_commit[1]})",
                        m.path,
                        term=term,
                    )
                )
        for m in members:
            events = m.log.terms.get(term)
            if (
                events is not None
                and events.max_commit
                and (best_commit is None or events.max_commit > best_commit[0])
            ):
                best_commit = (events.max_commit, m.path)
    return findings


def _same_entry(a: EntryInfo, b: EntryInfo) -> bool:
    return (
        a.term == b.term
        and a.eid == b.eid
        and a.has_data == b.has_data
        and a.servers == b.servers
        and a.election_timer == b.election_timer
    )


def log_matching_findings(members: Sequence[Member]) -> list[Finding]:
    """Entries with the same index and term (and everything before them) must agree."""
    findings = []
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            lo = max(a.log.log_start, b.log.log_start)
            hi = min(a.log.log_end, b.log.log_end) - 1
            must_equal = False
            for index in range(hi, lo - 1, -1):
                ea, eb = a.log.entry(index), b.log.entry(index)
                assert ea is not None
                assert eb is not None
                if ea.term == eb.term:
                    must_equal = True
                if must_equal and not _same_entry(ea, eb):
                    findings.append(
                        _error(
                            "log-mismatch",
                            f"log entries with index {index} differ: {a.path} has term "
                            f"{ea.term} eid {ea.eid} (record {ea.record}), {b.path} has term "
                            f"{eb.term} eid {eb.eid} (record {eb.record})",
                            b.path,
                            index=index,
                        )
                    )
                    break
    return findings


def cluster_findings(members: Sequence[Member]) -> list[Finding]:
    """Every cross-member rule, in the order check-cluster applies them."""
    findings = identity_findings(members)
    if any(f.kind in ("cluster-id-mismatch", "name-mismatch") for f in findings):
        return findings  # comparing logs of different clusters means nothing
    if not any(m.log.entries or m.log.header.has_snapshot for m in members):
        findings.append(_error("all-logs-empty", "all logs are empty"))
        return findings
    findings += election_safety_findings(members)
    findings += leader_completeness_findings(members)
    findings += log_matching_findings(members)
    findings += membership_findings(members)
    return findings


def _name(members: Sequence[Member], sid: str) -> str:
    for m in members:
        if m.log.header.sid == sid:
            return m.path
    return sid
