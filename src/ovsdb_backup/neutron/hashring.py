"""``ovn_hash_ring``: is neutron-server running, and what to tell the operator.

Every neutron-server API/RPC worker registers a node in ``ovn_hash_ring`` when it starts
and touches ``updated_at`` every few seconds; OVN events are dispatched only to live
nodes. So the table tells whether neutron-server is running (it must be stopped during a
sync, or it writes to the NB at the same time), and an empty or all-stale ring is what an
operator sees after the real sync tool (it removes its host's nodes) or a long outage:
neutron-server must be restarted for OVN events to be handled again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# Neutron's hash_ring_nodes are considered alive for 60 s after their last touch; a
# wider window keeps a clock skew between hosts from hiding a running server.
ALIVE_WINDOW = dt.timedelta(minutes=5)

STOP_FIRST = (
    "stop neutron-server (all API/RPC workers, on every controller) before a sync, so that "
    "it does not write to the NB at the same time"
)
RESTART_AFTER = (
    "start (or restart) neutron-server afterwards: its workers register in ovn_hash_ring as "
    "they start, OVN events are handled again, and the maintenance task re-checks every "
    "resource"
)


@dataclass(frozen=True)
class RingState:
    nodes: int
    alive: int
    hosts: tuple[str, ...]  # hosts with live nodes
    last_seen: dt.datetime | None


def _timestamp(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else _naive_utc(value)
    if isinstance(value, str) and value:
        try:
            return _naive_utc(dt.datetime.fromisoformat(value))
        except ValueError:
            return None
    return None


def _naive_utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def ring_state(rows: list[dict[str, Any]], now: dt.datetime) -> RingState:
    """``now`` is naive UTC, like the table's timestamps."""
    seen = [(_timestamp(r.get("updated_at")), str(r.get("hostname") or "?")) for r in rows]
    alive = [(t, h) for t, h in seen if t is not None and now - t <= ALIVE_WINDOW]
    stamps = [t for t, _h in seen if t is not None]
    return RingState(
        nodes=len(rows),
        alive=len(alive),
        hosts=tuple(sorted({h for _t, h in alive})),
        last_seen=max(stamps) if stamps else None,
    )


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def running_warning(state: RingState) -> str | None:
    """A warning when neutron-server looks alive (nodes touched within the window)."""
    if not state.alive:
        return None
    return (
        f"neutron-server appears to be running: {state.alive} of {state.nodes} OVN hash ring "
        f"node(s) touched in the last {int(ALIVE_WINDOW.total_seconds() // 60)} minutes "
        f"(host {', '.join(state.hosts)})"
    )


def guidance(state: RingState, *, drift: bool, changed_nb: bool) -> list[str]:
    """What to tell the operator after an audit or a sync (nothing when all is well)."""
    notes: list[str] = []
    if not drift:
        return notes
    if state.alive:
        notes.append(STOP_FIRST[0].upper() + STOP_FIRST[1:] + ".")
    if changed_nb:
        notes.append(RESTART_AFTER[0].upper() + RESTART_AFTER[1:] + ".")
    elif not state.alive and state.nodes == 0:
        notes.append(
            "ovn_hash_ring is empty: no neutron-server worker is registered, so OVN events "
            "are not handled; " + RESTART_AFTER + "."
        )
    return notes
