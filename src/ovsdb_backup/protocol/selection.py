"""Choosing a server that is safe to back up from, through ``_Server.Database``.

``ovsdb-client backup`` with a single remote connects and reads whatever that
server has — also from a cluster member that lost quorum (``connected:
false``), whose data may be stale (reference §3, "Staleness trap").  We apply
the rules OVSDB's own IDLs use (reference §4, "Staleness rule") to every
remote before reading any data:

1. the remote answers (connect and read ``_Server`` within a timeout);
2. it serves the database, and the database has a schema (a member that is
   still joining, or a relay that has not synced, has none);
3. ``connected`` is true (clustered: in contact with a majority; relay:
   connected to its source);
4. its cluster ID matches the expected one, when one is given;
5. its Raft ``index`` is not lower than the highest index already seen
   (``min_index``, e.g. from the previous backup's manifest);
6. it is the leader, unless the policy allows followers and relays.

The shape follows the "gather once, then decide with pure functions" pattern:
:func:`read_candidates` does all the I/O, :func:`decide` and :func:`evaluate`
are pure and reusable (a backup re-checks its server's row with
:func:`evaluate` after the snapshot).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from .client import OvsdbClient, ServerDatabase
from .errors import ServerError
from .remotes import Remote, RemoteList
from .transport import TlsFiles

__all__ = [
    "Candidate",
    "Criteria",
    "Rejection",
    "RolePolicy",
    "ServerChoice",
    "choose_server",
    "decide",
    "evaluate",
    "read_candidates",
]


class RolePolicy(Enum):
    """Which members of a cluster may be used."""

    LEADER_ONLY = "leader-only"
    """Only a leader (standalone and active-backup servers count as leaders)."""
    PREFER_LEADER = "prefer-leader"
    """The leader if one qualifies, else a follower or relay."""
    PREFER_FOLLOWER = "prefer-follower"
    """A follower or relay if one qualifies (spares the leader), else the leader."""


@dataclass(frozen=True, slots=True)
class Criteria:
    db: str
    cid: str | None = None
    min_index: int | None = None
    role: RolePolicy = RolePolicy.LEADER_ONLY


@dataclass(frozen=True, slots=True)
class Candidate:
    """What one remote said: its row for the database, or why it could not be read."""

    remote: Remote
    row: ServerDatabase | None = None
    error: str | None = None
    databases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejection:
    remote: Remote
    reason: str

    def __str__(self) -> str:
        return f"{self.remote}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ServerChoice:
    """The decision: the chosen server (if any) and why every other one was not used.

    ``highest_index`` is the highest Raft index seen for the database in this
    round (same cluster); remember it and pass it as ``min_index`` next time.
    """

    criteria: Criteria
    chosen: Candidate | None
    rejected: tuple[Rejection, ...]
    highest_index: int | None

    def require(self) -> Candidate:
        """The chosen candidate, or a ServerError that lists every rejection."""
        if self.chosen is not None:
            return self.chosen
        reasons = "; ".join(str(r) for r in self.rejected) or "no remote given"
        hint = None
        if any("stale" in r.reason for r in self.rejected):
            hint = (
                "if the cluster was rebuilt from a backup its index restarted; "
                "forget the remembered index to accept it"
            )
        raise ServerError(
            f"no server is safe to read {self.criteria.db} from: {reasons}",
            remote=",".join(str(r.remote) for r in self.rejected),
            hint=hint,
        )


def evaluate(candidate: Candidate, criteria: Criteria) -> str | None:
    """Why this candidate must not be used, or None if it may be."""
    if candidate.error is not None:
        return f"unreachable: {candidate.error}"
    row = candidate.row
    if row is None:
        have = ", ".join(d for d in candidate.databases if d != "_Server") or "none"
        return f"does not serve {criteria.db} (it has: {have})"
    if row.schema is None:
        return (
            f"{row.name} has no schema yet ({row.model}: a cluster member still joining, "
            "or a relay not yet synced)"
        )
    if not row.connected:
        if row.model == "relay":
            return "relay is not connected to its source (connected: false)"
        return (
            "not connected to a majority of its cluster (connected: false): it has lost "
            "quorum or is cut off, and its data may be stale"
        )
    if criteria.cid is not None and row.cid != criteria.cid and row.model != "relay":
        found = row.cid or f"none ({row.model})"
        return f"cluster ID is {found}, not the expected {criteria.cid}"
    if criteria.min_index is not None and row.index is not None and row.index < criteria.min_index:
        return (
            f"has stale data: Raft index {row.index} is lower than index "
            f"{criteria.min_index} already seen"
        )
    if criteria.role is RolePolicy.LEADER_ONLY and not row.leader:
        role = "a relay" if row.model == "relay" else "a follower"
        return f"is {role}, not the leader (allow followers to use it)"
    return None


def decide(candidates: Sequence[Candidate], criteria: Criteria) -> ServerChoice:
    """Pick the best acceptable candidate; pure."""
    accepted: list[Candidate] = []
    rejected: list[Rejection] = []
    for candidate in candidates:
        reason = evaluate(candidate, criteria)
        if reason is None:
            accepted.append(candidate)
        else:
            rejected.append(Rejection(candidate.remote, reason))
    chosen = min(accepted, key=lambda c: _rank(c, criteria), default=None)
    return ServerChoice(criteria, chosen, tuple(rejected), _highest_index(candidates, criteria))


def _rank(candidate: Candidate, criteria: Criteria) -> tuple[int, int]:
    row = candidate.row
    assert row is not None
    prefer_leader = criteria.role is not RolePolicy.PREFER_FOLLOWER
    role_rank = 0 if row.leader == prefer_leader else 1
    # Among equals, the most up-to-date first (min() keeps the given order on ties).
    return role_rank, -(row.index or 0)


def _highest_index(candidates: Sequence[Candidate], criteria: Criteria) -> int | None:
    indexes = [
        c.row.index
        for c in candidates
        if c.row is not None
        and c.row.index is not None
        and (criteria.cid is None or c.row.cid == criteria.cid)
    ]
    best = max(indexes, default=None)
    if criteria.min_index is not None and (best is None or best < criteria.min_index):
        best = criteria.min_index
    return best


async def read_candidates(
    remotes: Sequence[Remote],
    db: str,
    *,
    tls: TlsFiles | None = None,
    timeout: float = 5.0,
) -> list[Candidate]:
    """Read ``_Server.Database`` from every remote at once; failures become candidates too."""
    return list(await asyncio.gather(*(_read_one(r, db, tls, timeout) for r in remotes)))


async def _read_one(remote: Remote, db: str, tls: TlsFiles | None, timeout: float) -> Candidate:
    try:
        async with asyncio.timeout(timeout):
            async with OvsdbClient(
                remote, tls=tls, connect_timeout=timeout, request_timeout=timeout
            ) as client:
                rows = await client.server_databases()
    except TimeoutError:
        return Candidate(remote, error=f"no answer within {timeout:g} s")
    except ServerError as exc:
        # The message already names the remote; keep only the reason.
        prefix = f"{remote}: "
        text = str(exc)
        return Candidate(remote, error=text.removeprefix(prefix))
    row = next((r for r in rows if r.name == db), None)
    return Candidate(remote, row, databases=tuple(r.name for r in rows))


async def choose_server(
    remotes: RemoteList | Sequence[Remote],
    db: str,
    *,
    cid: str | None = None,
    min_index: int | None = None,
    role: RolePolicy = RolePolicy.LEADER_ONLY,
    tls: TlsFiles | None = None,
    timeout: float = 5.0,
) -> ServerChoice:
    """Read every remote and decide.  ``cid`` defaults to the list's ``cid:`` element."""
    if isinstance(remotes, RemoteList):
        cid = cid or remotes.cid
        remotes = remotes.remotes
    criteria = Criteria(db, cid, min_index, role)
    candidates = await read_candidates(remotes, db, tls=tls, timeout=timeout)
    return decide(candidates, criteria)
