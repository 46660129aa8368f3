"""Active-backup pairs (ovsdb(7)): status of both servers, promotion of the backup.

``ovsdb-server/sync-status`` says ``state: active``, or ``state: backup`` followed
by ``replicating: REMOTE`` (connected, copying) or ``connecting: REMOTE`` (the
active is not reachable) and one ``database: NAME`` line per replicated
database. A backup keeps saying ``replicating`` for a while after its active
died, so promotion does not trust it: it connects to the active itself.

Promotion is ``ovsdb-server/disconnect-active-ovsdb-server`` on the backup,
which makes it active (writable). If the old active still answers, promoting
makes two writable servers whose data diverge ("split brain", which ovsdb(7)
calls unsolvable for pairs), so it is refused unless forced. A revived old
active must come back as a backup of the new one (``demote``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import RefusedError, UsageError
from ..protocol import OvsdbClient, parse_remote, unixctl
from ..protocol.errors import ServerError
from .observe import DOWN, ERROR, UNRESPONSIVE, failure_of


@dataclass(frozen=True)
class SyncStatus:
    state: str  # active | backup
    phase: str | None = None  # replicating | connecting (backups)
    remote: str | None = None  # the active server a backup copies from
    databases: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> SyncStatus:
        state, phase, remote = None, None, None
        dbs, extra = [], []
        for line in text.splitlines():
            key, sep, value = line.partition(": ")
            if not sep:
                if line.strip():
                    extra.append(line)
                continue
            if key == "state":
                state = value.strip()
            elif key in ("replicating", "connecting"):
                phase, remote = key, value.strip()
            elif key == "database":
                dbs.append(value.strip())
            else:
                extra.append(line)
        if state is None:
            raise ValueError(f"not ovsdb-server/sync-status output: {text!r}")
        return cls(state, phase, remote, tuple(dbs), tuple(extra))

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "phase": self.phase,
            "remote": self.remote,
            "databases": list(self.databases),
        }


@dataclass(frozen=True)
class PairMember:
    ctl: str
    sync: SyncStatus | None = None
    failure: str | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "ctl": self.ctl,
            "sync": self.sync.to_json() if self.sync else None,
            "failure": self.failure,
            "error": self.error,
        }


@dataclass(frozen=True)
class PairReport:
    verdict: str  # healthy | degraded | split-brain | no-active | unknown
    summary: str
    members: tuple[PairMember, ...]
    advice: tuple[str, ...] = field(default_factory=tuple)

    @property
    def healthy(self) -> bool:
        return self.verdict == "healthy"

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "summary": self.summary,
            "members": [m.to_json() for m in self.members],
            "advice": list(self.advice),
        }


async def observe_member(ctl: str, timeout: float) -> PairMember:
    try:
        text = await unixctl(ctl, "ovsdb-server/sync-status", timeout=timeout)
    except (ServerError, TimeoutError, OSError) as exc:
        return PairMember(ctl, failure=failure_of(exc), error=str(exc) or "no reply")
    try:
        return PairMember(ctl, SyncStatus.parse(text))
    except ValueError as exc:
        return PairMember(ctl, failure=ERROR, error=str(exc))


def assess_pair(members: Sequence[PairMember]) -> PairReport:
    """Pure: what the two servers' sync-status says about the pair."""
    answered = [m for m in members if m.sync is not None]
    active = [m for m in answered if m.sync and m.sync.state == "active"]
    backups = [m for m in answered if m.sync and m.sync.state == "backup"]
    silent = [m for m in members if m.sync is None]
    gone = ", ".join(f"{m.ctl} {m.failure}" for m in silent)
    if not answered:
        return PairReport("unknown", f"no server answered ({gone})", tuple(members))
    if len(active) > 1:
        return PairReport(
            "split-brain",
            "both servers are active: each accepts writes and their data diverge",
            tuple(members),
            (
                "choose the server whose data to keep, then make the other its backup: "
                "ovsdb-backup active-backup demote --ctl OTHER --active REMOTE_OF_KEPT",
            ),
        )
    if not active:
        advice = [
            f"promote a backup: ovsdb-backup active-backup promote --ctl {b.ctl}" for b in backups
        ]
        return PairReport(
            "no-active",
            "no server is active: nothing accepts writes" + (f" ({gone})" if silent else ""),
            tuple(members),
            tuple(advice),
        )
    problems = []
    for b in backups:
        assert b.sync is not None
        if b.sync.phase != "replicating":
            problems.append(
                f"backup {b.ctl} is {b.sync.phase or 'not replicating'} "
                f"{b.sync.remote or ''}".rstrip()
            )
    if silent:
        problems.append(gone)
    if not backups and not silent:
        problems.append("no backup: the active server has no replica")
    if problems:
        return PairReport(
            "degraded", f"active {active[0].ctl}; " + "; ".join(problems), tuple(members)
        )
    return PairReport(
        "healthy",
        f"active {active[0].ctl}, backup "
        + ", ".join(f"{b.ctl} replicating {b.sync.remote if b.sync else ''}" for b in backups),
        tuple(members),
    )


async def pair_status(ctls: Sequence[str], *, timeout: float = 2.0) -> PairReport:
    if not ctls:
        raise UsageError("give --ctl SOCKET for both servers of the pair")
    members = await asyncio.gather(*(observe_member(c, timeout) for c in ctls))
    return assess_pair(members)


async def answers(remote: str, timeout: float) -> str | None:
    """Why we think ``remote`` is alive (its databases), or None if it does not answer."""
    try:
        async with asyncio.timeout(timeout):
            async with OvsdbClient(
                parse_remote(remote), connect_timeout=timeout, request_timeout=timeout
            ) as client:
                dbs = await client.list_dbs()
    except (ServerError, TimeoutError, OSError):
        return None
    return f"{remote} answers (databases: {', '.join(dbs)})"


@dataclass(frozen=True)
class Promotion:
    backup: str
    old_active: str | None
    forced: bool
    note: str
    state_after: str

    def to_json(self) -> dict[str, Any]:
        return {
            "backup": self.backup,
            "old_active": self.old_active,
            "forced": self.forced,
            "note": self.note,
            "state_after": self.state_after,
        }


async def promote(
    backup_ctl: str,
    *,
    active_ctl: str | None = None,
    active_remote: str | None = None,
    force: bool = False,
    timeout: float = 2.0,
) -> Promotion:
    """Make the backup active, refusing while the active still answers (unless ``force``)."""
    member = await observe_member(backup_ctl, timeout)
    if member.sync is None:
        raise UsageError(f"{backup_ctl}: the backup does not answer: {member.error}")
    if member.sync.state == "active":
        return Promotion(backup_ctl, None, False, "already active; nothing to do", "active")
    remote = active_remote or member.sync.remote
    alive = []
    if remote and (why := await answers(remote, timeout)):
        alive.append(why)
    if active_ctl:
        other = await observe_member(active_ctl, timeout)
        if other.sync is not None and other.sync.state == "active":
            alive.append(f"{active_ctl} says state: active")
        elif other.failure == UNRESPONSIVE:
            alive.append(f"{active_ctl} does not reply but its socket accepts (frozen?)")
    if alive and not force:
        raise RefusedError(
            "the active server still answers — promoting the backup now would make two "
            "writable servers (split brain): " + "; ".join(alive),
            hint="stop the active server first, or pass --force if clients cannot reach it",
        )
    await unixctl(backup_ctl, "ovsdb-server/disconnect-active-ovsdb-server", timeout=timeout)
    after = await observe_member(backup_ctl, timeout)
    state = after.sync.state if after.sync else "unknown"
    note = "promoted" + (" despite a live active server (--force)" if alive else "")
    return Promotion(backup_ctl, remote, bool(alive), note, state)


async def demote(ctl: str, active_remote: str, *, timeout: float = 2.0) -> SyncStatus:
    """Make ``ctl``'s server a backup of ``active_remote`` (its data will be replaced)."""
    parse_remote(active_remote)
    await unixctl(ctl, "ovsdb-server/set-active-ovsdb-server", active_remote, timeout=timeout)
    await unixctl(ctl, "ovsdb-server/connect-active-ovsdb-server", timeout=timeout)
    member = await observe_member(ctl, timeout)
    if member.sync is None:
        raise UsageError(f"{ctl}: no answer after demotion: {member.error}")
    return member.sync


__all__ = [
    "DOWN",
    "PairMember",
    "PairReport",
    "Promotion",
    "SyncStatus",
    "assess_pair",
    "demote",
    "pair_status",
    "promote",
]
