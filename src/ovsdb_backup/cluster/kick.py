"""``cluster/kick`` with a safety check: the cluster must keep a quorum afterwards.

Removing a server is itself a Raft configuration change: the leader commits it
with a majority of the *new* configuration. So a kick is safe when, without the
target, the members the leader is in contact with are still a majority of the
smaller configuration. Kicking a live, healthy member of a 3-member cluster
that already lost one member would leave one of two: no quorum, no writes —
that is what this check refuses (unless ``force``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import RefusedError, ServerError, UsageError
from ..protocol import unixctl
from .health import MemberReport, StatusReport, assess
from .observe import ClusterView, gather_view


@dataclass(frozen=True)
class KickDecision:
    allowed: bool
    reason: str
    target: MemberReport | None = None
    via: str | None = None  # control socket to send the kick to (the leader's if known)
    size_after: int = 0
    in_contact_after: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "reason": self.reason,
            "target": self.target.to_json() if self.target else None,
            "via": self.via,
            "size_after": self.size_after,
            "in_contact_after": self.in_contact_after,
        }


def find_target(report: StatusReport, name: str) -> MemberReport | None:
    """A member by full or abbreviated server id, Raft address or nickname (unique).

    Members nobody observed are known only by the 4-digit id prefix the configuration
    shows, so a full id matches them by that prefix.
    """
    exact = [m for m in report.members if name in (m.address, m.sid, m.label)]
    if exact:
        return exact[0]
    key = name.lower()
    found = [
        m
        for m in report.members
        if (m.sid and m.sid.startswith(key))
        or (m.sid is None and m.sid_prefix and key.startswith(m.sid_prefix))
    ]
    return found[0] if len(found) == 1 else None


def _counts(m: MemberReport) -> bool:
    """Is this member one the leader can count on (answers, follows, in contact)?"""
    return m.state in ("ok", "lagging", "disconnected") or (
        m.state == "unobserved" and not any("not heard" in r for r in m.reasons)
    )


def decide_kick(report: StatusReport, target_name: str, *, force: bool = False) -> KickDecision:
    """Pure: may ``target_name`` be kicked without losing quorum?"""
    target = find_target(report, target_name)
    if target is None:
        return KickDecision(False, f"{target_name}: no such member in the configuration")
    if not report.quorum or report.leader is None:
        return KickDecision(
            False,
            "the cluster has no leader followed by a majority, so it cannot change its "
            "membership (ovsdb-server answers 'failed to send removal request'); see "
            "'ovsdb-backup cluster recover'",
            target,
        )
    remaining = [m for m in report.members if m is not target and m.address is not None]
    size_after = report.config_size - 1
    contact_after = sum(1 for m in remaining if _counts(m))
    via = _via(report, target)
    if size_after < 1:
        return KickDecision(False, "cannot remove the last member of a cluster", target, via)
    need = size_after // 2 + 1
    if contact_after < need:
        reason = (
            f"after removing {target.label} the cluster would have {size_after} members of "
            f"which only {contact_after} are healthy; a majority needs {need}"
        )
        if not force:
            return KickDecision(
                False, reason + " (--force overrides)", target, via, size_after, contact_after
            )
        return KickDecision(True, "FORCED: " + reason, target, via, size_after, contact_after)
    note = " (it is the leader: it will leave and the others elect a new one)"
    return KickDecision(
        True,
        f"{size_after} members remain, {contact_after} healthy (a majority is {need})"
        + (note if target.leader == "self" else ""),
        target,
        via,
        size_after,
        contact_after,
    )


def _via(report: StatusReport, target: MemberReport) -> str | None:
    # The leader executes removals itself; a follower forwards to it. Never ask the target.
    ctls = [m for m in report.members if m.ctl and m.role is not None and m is not target]
    leader = [m for m in ctls if m.role == "leader" and m.state == "ok"]
    healthy = [m for m in ctls if m.state == "ok"]
    chosen = leader or healthy
    return chosen[0].ctl if chosen else None


@dataclass(frozen=True)
class KickResult:
    decision: KickDecision
    reply: str
    removed: bool

    def to_json(self) -> dict[str, Any]:
        return {"decision": self.decision.to_json(), "reply": self.reply, "removed": self.removed}


async def kick(
    ctls: Sequence[str],
    db: str | None,
    target: str,
    *,
    force: bool = False,
    timeout: float = 2.0,
    wait: float = 10.0,
) -> KickResult:
    """Check, kick, and wait until the target has left the leader's configuration."""
    view = await gather_view(db, ctls, timeout=timeout)
    decision = decide_kick(assess(view), target, force=force)
    if not decision.allowed:
        raise RefusedError(f"refusing to kick {target}: {decision.reason}")
    assert decision.target is not None
    if decision.via is None:
        raise UsageError("no healthy member's control socket was given to send the kick to")
    sid = decision.target.sid or decision.target.address
    assert sid is not None
    reply = await unixctl(decision.via, "cluster/kick", view.db, sid, timeout=timeout)
    removed = await wait_removed(ctls, view, decision.target, timeout=timeout, wait=wait)
    return KickResult(decision, reply.strip(), removed)


async def wait_removed(
    ctls: Sequence[str],
    view: ClusterView,
    target: MemberReport,
    *,
    timeout: float,
    wait: float,
) -> bool:
    """Poll the members until the leader's configuration no longer lists the target."""
    deadline = time.monotonic() + wait
    while True:
        report = assess(await gather_view(view.db, ctls, timeout=timeout))
        if report.quorum and is_removed(report, target):
            return True
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(0.2)


def is_removed(report: StatusReport, target: MemberReport) -> bool:
    """The configuration no longer lists the target (by server id, else by address)."""
    for m in report.members:
        if not m.in_config:
            continue
        if target.sid_prefix is not None and m.sid_prefix is not None:
            if m.sid_prefix == target.sid_prefix:
                return False
        elif m.address == target.address:
            return False
    return True


__all__ = ["KickDecision", "KickResult", "ServerError", "decide_kick", "find_target", "kick"]
