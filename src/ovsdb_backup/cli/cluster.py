"""``ovsdb-backup cluster …``: live status, offline diagnosis, guided recovery, kick."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import click

from ..errors import ExitCode
from . import output

if TYPE_CHECKING:
    from ..cluster.health import MemberReport, StatusReport

# Each command imports its workflow when it runs (see the note in cli/main.py on start-up).

JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
CTL_OPTION = click.option(
    "--ctl",
    "ctls",
    multiple=True,
    metavar="SOCKET",
    help="A member's control socket (e.g. /var/run/ovn/ovnnb_db.ctl); repeat for each member.",
)
DB_OPTION = click.option("--db", help="Database name (default: the one the servers serve).")
TIMEOUT_OPTION = click.option(
    "--timeout",
    type=float,
    default=2.0,
    show_default=True,
    help="Seconds to wait for each member; a member that does not answer is shown as such.",
)


@click.group()
def cluster() -> None:
    """Clustered (Raft) databases: status, diagnosis of member files, recovery.

    \b
    Examples:
      ovsdb-backup cluster status --ctl /var/run/ovn/ovnnb_db.ctl
      ovsdb-backup cluster diagnose s1.db s2.db s3.db
      ovsdb-backup cluster recover s1.db s2.db s3.db --address tcp:10.0.0.1:6643 …
    """


@cluster.command()
@CTL_OPTION
@click.option(
    "--remote",
    "remotes",
    multiple=True,
    metavar="REMOTE",
    help="A member's client remote (unix:…, tcp:IP:PORT, ssl:…) to read _Server from; repeat.",
)
@DB_OPTION
@TIMEOUT_OPTION
@click.option(
    "--max-lag",
    type=int,
    default=100,
    show_default=True,
    help="Entries a member may be behind the leader before it is called lagging.",
)
@JSON_OPTION
def status(
    ctls: tuple[str, ...],
    remotes: tuple[str, ...],
    db: str | None,
    timeout: float,
    max_lag: int,
    as_json: bool,
) -> int:
    """Show every member of a cluster and what is wrong with it, in one table.

    Asks each member's control socket for "cluster/status" and each remote for
    its _Server.Database row, all at once. Members listed in the cluster
    configuration but not given are shown as "unobserved". A member that does
    not answer is shown as down (refused) or unresponsive (no reply in time),
    not treated as an error. Exit 0 when the cluster is healthy, 1 otherwise.

    \b
    Examples:
      ovsdb-backup cluster status --ctl /var/run/ovn/ovnnb_db.ctl
      ovsdb-backup cluster status --ctl s1.ctl --ctl s2.ctl --ctl s3.ctl --db OVN_Northbound
      ovsdb-backup cluster status --remote tcp:10.0.0.1:6641 --remote tcp:10.0.0.2:6641 \\
          --db OVN_Northbound --json
    """
    from ..cluster.health import assess
    from ..cluster.observe import gather_view

    view = asyncio.run(gather_view(db, ctls, remotes, timeout=timeout))
    report = assess(view, max_lag=max_lag)
    if as_json:
        output.emit_json({**report.to_json(), "observations": view.to_json()})
    else:
        print_status(report)
    return ExitCode.OK if report.healthy else ExitCode.FINDINGS


def _log(m: MemberReport) -> str:
    if m.log_start is None:
        return ""
    return f"[{m.log_start}, {m.log_end}]"


def _server(m: MemberReport) -> str:
    if m.connected is None:
        return ""
    return f"{'conn' if m.connected else 'DISCONN'} idx {m.server_index}"


def _age(ms: int | None) -> str:
    if ms is None:
        return ""
    return f"{ms} ms" if ms < 10_000 else f"{ms / 1000:.0f} s"


_STATE_STYLE = {"ok": "green", "unobserved": "yellow", "lagging": "yellow"}


def print_status(report: StatusReport) -> None:
    title = f"{report.db}  cluster {report.cid or '?'}"
    rows: list[list[Any]] = []
    for m in report.members:
        rows.append(
            [
                m.label,
                m.address,
                m.role,
                m.term,
                m.leader,
                m.vote or ("-" if m.role else None),
                _log(m),
                f"{m.commit_index}/{m.applied_index}" if m.commit_index is not None else "",
                f"{m.connections_up}/{m.connections_total}" if m.connections_total else "",
                _age(m.last_msg_ms),
                _server(m),
                m.state.upper() if m.state != "ok" else "ok",
            ]
        )
    output.print_table(
        [
            "member",
            "address",
            "role",
            "term",
            "leader",
            "vote",
            "log",
            "commit/applied",
            "conns",
            "last msg",
            "_Server",
            "state",
        ],
        rows,
        title=title,
    )
    for m in report.members:
        for reason in m.reasons:
            style = _STATE_STYLE.get(m.state, "bold red")
            output.stdout.print(f"[{style}]{m.label}[/{style}]: {output.escape(reason)}")
    output.print_findings(report.findings)
    style = {"healthy": "bold green", "degraded": "bold yellow"}.get(report.verdict, "bold red")
    output.stdout.print(
        f"[{style}]verdict: {report.verdict}[/{style}] — {output.escape(report.summary)}"
    )
