"""Gather what live cluster members say, once: the only I/O behind ``cluster status``.

Every member is asked at the same time (``cluster/status`` on its control
socket, ``_Server.Database`` on its client remote), each with a deadline, and
the answers are frozen into a :class:`ClusterView`. A member that does not
answer becomes an observation with an error, never an exception: a frozen
(SIGSTOP) or partitioned server must show up as such in the table, not stop
the command. The rules in :mod:`.health` then work on the view alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..protocol import (
    ConnectError,
    ConnectionLost,
    OvsdbClient,
    RequestTimeout,
    ServerDatabase,
    TlsFiles,
    parse_remote,
    unixctl,
)
from ..protocol.errors import ServerError
from .status_text import ClusterStatus, StatusParseError, parse_cluster_status

# Why a member did not answer; "down" and "unresponsive" read differently to an operator:
# refused means no process, a timeout means a frozen, overloaded or partitioned one.
DOWN, UNRESPONSIVE, ERROR = "down", "unresponsive", "error"


@dataclass(frozen=True)
class CtlObservation:
    """One control socket's answer to ``cluster/status`` (or why there is none)."""

    ctl: str
    status: ClusterStatus | None = None
    raw: str | None = None
    failure: str | None = None  # DOWN | UNRESPONSIVE | ERROR
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "ctl": self.ctl,
            "status": self.status.to_json() if self.status else None,
            "failure": self.failure,
            "error": self.error,
        }


@dataclass(frozen=True)
class RemoteObservation:
    """One client remote's ``_Server.Database`` row for the database (or why there is none)."""

    remote: str
    row: ServerDatabase | None = None
    failure: str | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        row = self.row
        return {
            "remote": self.remote,
            "server": None
            if row is None
            else {
                "model": row.model,
                "connected": row.connected,
                "leader": row.leader,
                "cid": row.cid,
                "sid": row.sid,
                "index": row.index,
            },
            "failure": self.failure,
            "error": self.error,
        }


@dataclass(frozen=True)
class ClusterView:
    """Everything observed about one clustered database, gathered at one moment."""

    db: str
    ctls: tuple[CtlObservation, ...] = ()
    remotes: tuple[RemoteObservation, ...] = ()
    timeout: float = 2.0

    def to_json(self) -> dict[str, Any]:
        return {
            "db": self.db,
            "ctls": [c.to_json() for c in self.ctls],
            "remotes": [r.to_json() for r in self.remotes],
        }


def failure_of(exc: Exception) -> str:
    if isinstance(exc, ConnectError | ConnectionLost | OSError):
        return DOWN
    if isinstance(exc, RequestTimeout | TimeoutError):
        return UNRESPONSIVE
    return ERROR


async def observe_ctl(ctl: str, db: str, timeout: float) -> CtlObservation:
    try:
        raw = await unixctl(ctl, "cluster/status", db, timeout=timeout)
    except (ServerError, TimeoutError, OSError) as exc:
        message = str(exc) or f"no reply within {timeout:g} s"
        if isinstance(exc, RequestTimeout | TimeoutError):
            message = f"no reply within {timeout:g} s (process stopped, hung or overloaded?)"
        return CtlObservation(ctl, failure=failure_of(exc), error=message)
    try:
        return CtlObservation(ctl, parse_cluster_status(raw), raw)
    except StatusParseError as exc:
        return CtlObservation(ctl, raw=raw, failure=ERROR, error=f"unexpected output: {exc}")


async def observe_remote(
    remote: str, db: str, timeout: float, tls: TlsFiles | None
) -> RemoteObservation:
    try:
        async with asyncio.timeout(timeout):
            client = OvsdbClient(
                parse_remote(remote), tls=tls, connect_timeout=timeout, request_timeout=timeout
            )
            async with client:
                row = await client.server_database(db)
    except (ServerError, TimeoutError) as exc:
        message = str(exc).removeprefix(f"{remote}: ")
        if isinstance(exc, TimeoutError):
            message = f"no answer within {timeout:g} s"
        return RemoteObservation(remote, failure=failure_of(exc), error=message)
    if row is None:
        return RemoteObservation(remote, failure=ERROR, error=f"the server has no database {db}")
    return RemoteObservation(remote, row)


async def _list_dbs(ctl: str, timeout: float) -> list[str]:
    try:
        text = await unixctl(ctl, "ovsdb-server/list-dbs", timeout=timeout)
    except (ServerError, TimeoutError):
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


async def guess_db(ctls: Sequence[str], timeout: float) -> str:
    """The one database (other than ``_Server``) the given servers serve, for a missing --db."""
    answers = await asyncio.gather(*(_list_dbs(c, timeout) for c in ctls))
    names = {name for dbs in answers for name in dbs if name != "_Server"}
    if len(names) == 1:
        return names.pop()
    if not names:
        raise UsageError("no control socket answered ovsdb-server/list-dbs; give --db NAME")
    raise UsageError(
        f"the servers serve several databases ({', '.join(sorted(names))}); give --db NAME"
    )


async def gather_view(
    db: str | None,
    ctls: Sequence[str] = (),
    remotes: Sequence[str] = (),
    *,
    timeout: float = 2.0,
    tls: TlsFiles | None = None,
) -> ClusterView:
    """Ask every control socket and remote at once; never raises for a silent member."""
    if not ctls and not remotes:
        raise UsageError("give at least one --ctl SOCKET or --remote REMOTE")
    if db is None:
        if not ctls:
            raise UsageError("--db NAME is required with --remote only")
        db = await guess_db(ctls, timeout)
    status_tasks = [observe_ctl(c, db, timeout) for c in ctls]
    ctl_obs, remote_obs = await asyncio.gather(
        asyncio.gather(*status_tasks),
        asyncio.gather(*(observe_remote(r, db, timeout, tls) for r in remotes)),
    )
    return ClusterView(db, tuple(ctl_obs), tuple(remote_obs), timeout)


__all__ = [
    "DOWN",
    "ERROR",
    "UNRESPONSIVE",
    "ClusterView",
    "CtlObservation",
    "RemoteObservation",
    "gather_view",
]
