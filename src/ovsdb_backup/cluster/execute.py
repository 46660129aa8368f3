"""Carry out a recovery :class:`~.plan.Plan`, step by step, journalled and idempotent.

Every step first checks whether its result already exists (a renamed file, an
output with the planned server and cluster IDs, a server no longer in the
configuration) and only then acts, so running a step twice — after a crash
between the act and its journal line — ends in the same state. A step whose
precondition fails (a server still holds a file, an output that is not the
planned one) stops the run with an error and leaves the journal resumable.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, OutputError, RefusedError, UsageError
from ..formats.clustered import read_header
from ..formats.dbfile import open_db_file, server_lock
from ..fsutil import fsync_directory
from ..ops.cluster_files import create_cluster, join_cluster
from ..ops.cluster_to_standalone import cluster_to_standalone
from .health import assess
from .journal import Journal
from .kick import decide_kick, find_target, wait_removed
from .observe import gather_view
from .plan import Step


@dataclass(frozen=True)
class StepOutcome:
    step: Step
    status: str  # done | already-done | manual
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.step.id, "status": self.status, "detail": self.detail}


@dataclass
class Execution:
    outcomes: list[StepOutcome] = field(default_factory=list)
    complete: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"complete": self.complete, "steps": [o.to_json() for o in self.outcomes]}


@dataclass(frozen=True)
class Live:
    """How to reach running members (for kicks): their control sockets."""

    ctls: tuple[str, ...] = ()
    timeout: float = 2.0
    wait: float = 15.0
    # The operator removed the members by hand (e.g. "kubectl ko nb kick" from another
    # node, whose control socket this host cannot reach).
    already_kicked: bool = False


def execute(
    journal: Journal,
    *,
    live: Live = Live(),
    on_step: Callable[[StepOutcome], None] | None = None,
    after_step: Callable[[Step], None] | None = None,
) -> Execution:
    """Run every step the journal does not record as done, in order."""
    result = Execution()
    for step in journal.state.plan.steps:
        if step.manual:
            outcome = StepOutcome(step, "manual", step.summary)
        elif step.id in journal.state.done:
            outcome = StepOutcome(step, "already-done", "recorded in the journal")
        else:
            journal.begin(step.id)
            detail = _ACTIONS[step.action](step.args, live)
            journal.done(step.id, detail)
            outcome = StepOutcome(step, "done", detail)
        result.outcomes.append(outcome)
        if on_step is not None:
            on_step(outcome)
        if after_step is not None and outcome.status == "done":
            after_step(step)
    journal.finish()
    result.complete = True
    return result


# -- the actions -------------------------------------------------------------------------


def _check_stopped(args: dict[str, Any], live: Live) -> str:
    busy = []
    for path in args["paths"]:
        if not os.path.exists(path):
            continue
        try:
            with server_lock(path):
                pass
        except OutputError:
            busy.append(path)
    if busy:
        raise RefusedError(
            f"{', '.join(busy)}: still held by a running ovsdb-server",
            hint="stop those servers, then run again with --resume",
        )
    return "no server holds the files"


def _move_aside(args: dict[str, Any], live: Live) -> str:
    path, aside = args["path"], args["aside"]
    if os.path.lexists(aside):
        if os.path.lexists(path):
            raise OutputError(
                f"both {path} and {aside} exist; the journal does not say which is the old file",
                hint="inspect them, move one away, and run again with --resume",
            )
        return f"already renamed to {aside}"
    if not os.path.lexists(path):
        return f"{path} does not exist; nothing to keep"
    os.rename(path, aside)
    fsync_directory(os.path.dirname(os.path.abspath(path)))
    return f"renamed to {aside}"


def _to_standalone(args: dict[str, Any], live: Live) -> str:
    output, through = args["output"], args["through"]
    if os.path.exists(output):
        # Outputs appear atomically and complete: an existing one was written by us.
        return f"{output} already written"
    committed_only = args["committed_only"]
    result = cluster_to_standalone(
        args["source"],
        output,
        include_uncommitted=not committed_only,
        commit_through=through if committed_only else None,
        lenient=True,
        compact=True,
    )
    if result.applied_index != through:
        os.unlink(output)
        raise InputError(
            f"{args['source']}: replay reached index {result.applied_index}, but the plan "
            f"expected {through}; the file changed since the plan was made",
            hint="move the journal away and plan again",
        )
    rows = sum((result.rows or {}).values())
    return f"{output}: {rows} rows, log through index {through}"


def _header_ids(path: str) -> tuple[str, str | None, bool]:
    with open_db_file(path) as f:
        if not f.is_clustered:
            raise InputError(f"{path}: exists and is not a clustered file")
        header, _ = read_header(f.buf, path)
    return header.sid, header.cid, header.joining


def _expect_existing(path: str, args: dict[str, Any], joining: bool) -> str | None:
    """Done already if ``path`` is the planned file; an error if it is anything else."""
    if not os.path.lexists(path):
        return None
    sid, cid, is_joining = _header_ids(path)
    if sid == args["server_id"] and is_joining == joining:
        return f"{path} already written (server {sid[:4]})"
    raise OutputError(
        f"{path}: exists but is not the planned file (server {sid}, cluster {cid})",
        hint="it may be the old file: check, move it away, and run again with --resume",
    )


def _create_cluster(args: dict[str, Any], live: Live) -> str:
    path = args["path"]
    if (done := _expect_existing(path, args, joining=False)) is not None:
        return done
    created = create_cluster(
        args["source"],
        path,
        args["address"],
        cluster_id=args["cluster_id"],
        server_id=args["server_id"],
        election_timer_ms=args.get("election_timer_ms"),
    )
    return (
        f"{path}: new cluster {created.cluster_id}, server {created.server_id[:4]}, "
        f"{created.rows} rows"
    )


def _join_file(args: dict[str, Any], live: Live) -> str:
    path = args["path"]
    if (done := _expect_existing(path, args, joining=True)) is not None:
        return done
    join_cluster(
        path,
        args["name"],
        args["address"],
        list(args["remotes"]),
        cluster_id=args["cluster_id"],
        server_id=args["server_id"],
    )
    return f"{path}: joins through {', '.join(args['remotes'])} as {args['server_id'][:4]}"


def _kick(args: dict[str, Any], live: Live) -> str:
    if live.already_kicked and not live.ctls:
        return f"server {args['server_id'][:4]} removed by hand (--already-kicked)"
    if not live.ctls:
        raise UsageError(
            f"kicking server {args['server_id'][:4]} needs a running member: give --ctl SOCKET "
            "for the members that still run",
            hint=f"or do it by hand: ovs-appctl -t <ctl> cluster/kick {args['db']} "
            f"{args['server_id']}, then run again with --resume",
        )
    return asyncio.run(_kick_async(args, live))


async def _kick_async(args: dict[str, Any], live: Live) -> str:
    view = await gather_view(args["db"], live.ctls, timeout=live.timeout)
    report = assess(view)
    expected_cid = args.get("cluster_id")
    if expected_cid and report.cid != expected_cid:
        # Control sockets of another cluster would not list the target, which would read
        # as "already removed" and let the next steps replace a member's file.
        raise RefusedError(
            f"the given control sockets belong to cluster {report.cid}, not to the cluster "
            f"of the member files ({expected_cid})",
            hint="give --ctl of the running members of this cluster",
        )
    if not report.quorum or report.config_size == 0:
        raise RefusedError(
            f"cannot kick server {args['server_id'][:4]}: {report.summary}",
            hint="the kick needs a leader with a quorum; check 'ovsdb-backup cluster status'",
        )
    target = find_target(report, args["server_id"])
    if target is None or not target.in_config:
        return f"server {args['server_id'][:4]} is not in the configuration (already removed)"
    decision = decide_kick(report, args["server_id"])
    if not decision.allowed or decision.via is None:
        raise RefusedError(
            f"cannot kick server {args['server_id'][:4]}: {decision.reason}",
            hint="fix the cluster (cluster status), then run again with --resume",
        )
    from ..protocol import unixctl

    reply = await unixctl(
        decision.via, "cluster/kick", args["db"], args["server_id"], timeout=live.timeout
    )
    if not await wait_removed(live.ctls, view, target, timeout=live.timeout, wait=live.wait):
        raise RefusedError(
            f"server {args['server_id'][:4]} is still in the configuration after "
            f"{live.wait:g} s ({reply.strip()})",
            hint="check 'ovsdb-backup cluster status', then run again with --resume",
        )
    return f"removed from the cluster through {decision.via} ({reply.strip()})"


_ACTIONS: dict[str, Callable[[dict[str, Any], Live], str]] = {
    "check-stopped": _check_stopped,
    "move-aside": _move_aside,
    "to-standalone": _to_standalone,
    "create-cluster": _create_cluster,
    "join-file": _join_file,
    "kick": _kick,
}


def known_actions() -> Sequence[str]:
    return tuple(_ACTIONS)
