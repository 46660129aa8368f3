"""``ovsdb-backup active-backup …``: the two-server model of ovsdb(7)."""

from __future__ import annotations

import asyncio
import sys

import click

from ..errors import ExitCode, RefusedError
from . import output
from .common import JSON_OPTION

TIMEOUT_OPTION = click.option(
    "--timeout", type=float, default=2.0, show_default=True, help="Seconds to wait per server."
)


@click.group("active-backup")
def active_backup() -> None:
    """Active-backup pairs: status, promotion of the backup, demotion of an old active.

    \b
    Examples:
      ovsdb-backup active-backup status --ctl /run/ovn/nb-a.ctl --ctl /run/ovn/nb-b.ctl
      ovsdb-backup active-backup promote --ctl /run/ovn/nb-b.ctl
    """


@active_backup.command()
@click.option(
    "--ctl",
    "ctls",
    multiple=True,
    required=True,
    metavar="SOCKET",
    help="Control socket of each server of the pair (repeat).",
)
@TIMEOUT_OPTION
@JSON_OPTION
def status(ctls: tuple[str, ...], timeout: float, as_json: bool) -> int:
    """Show which server is active and whether the backup replicates.

    Reads "ovsdb-server/sync-status" from both servers. Flags two active servers
    (split brain), no active server, a backup that is only "connecting", and a
    server that does not answer. Exit 0 when healthy, 1 otherwise.

    \b
    Examples:
      ovsdb-backup active-backup status --ctl a.ctl --ctl b.ctl
      ovsdb-backup active-backup status --ctl a.ctl --ctl b.ctl --json
    """
    from ..cluster.pair import pair_status

    report = asyncio.run(pair_status(ctls, timeout=timeout))
    if as_json:
        output.emit_json(report.to_json())
    else:
        rows = []
        for m in report.members:
            s = m.sync
            rows.append(
                [
                    m.ctl,
                    s.state if s else (m.failure or "").upper(),
                    (f"{s.phase} {s.remote}" if s and s.phase else "") or (m.error or ""),
                    ", ".join(s.databases) if s else "",
                ]
            )
        output.print_table(["server", "state", "replication", "databases"], rows)
        output.info(f"verdict: {report.verdict} — {report.summary}")
        for line in report.advice:
            output.info(f"advice: {line}")
    return ExitCode.OK if report.healthy else ExitCode.FINDINGS


@active_backup.command()
@click.option("--ctl", "ctl", required=True, metavar="SOCKET", help="The backup's control socket.")
@click.option("--active-ctl", metavar="SOCKET", help="The active server's control socket.")
@click.option(
    "--active-remote",
    metavar="REMOTE",
    help="The active server's client remote (default: the one the backup replicates from).",
)
@click.option("--force", is_flag=True, help="Promote even though the active still answers.")
@TIMEOUT_OPTION
@JSON_OPTION
def promote(
    ctl: str,
    active_ctl: str | None,
    active_remote: str | None,
    force: bool,
    timeout: float,
    as_json: bool,
) -> int:
    """Make the backup server active (writable) after the active one is gone.

    Refuses (exit 5) while the active server still answers — on the remote the
    backup replicates from, or on --active-ctl — because two active servers
    diverge ("split brain"); --force overrides when clients really cannot reach
    it. Then runs "ovsdb-server/disconnect-active-ovsdb-server" on the backup.
    When the old active comes back, make it a backup: "active-backup demote".

    \b
    Examples:
      ovsdb-backup active-backup promote --ctl /run/ovn/nb-b.ctl
      ovsdb-backup active-backup promote --ctl b.ctl --active-ctl a.ctl --force
    """
    from ..cluster.pair import promote as do_promote

    result = asyncio.run(
        do_promote(
            ctl, active_ctl=active_ctl, active_remote=active_remote, force=force, timeout=timeout
        )
    )
    if as_json:
        output.emit_json(result.to_json())
    else:
        output.info(f"{ctl}: {result.note}; state now {result.state_after}")
        if result.old_active:
            output.info(
                f"when the old active ({result.old_active}) returns, start it as a backup: "
                f"ovsdb-backup active-backup demote --ctl OLD_CTL --active NEW_REMOTE"
            )
    return ExitCode.OK if result.state_after == "active" else ExitCode.FINDINGS


@active_backup.command()
@click.option(
    "--ctl",
    "ctl",
    required=True,
    metavar="SOCKET",
    help="Control socket of the server to turn into a backup.",
)
@click.option(
    "--active",
    "active",
    required=True,
    metavar="REMOTE",
    help="Client remote of the active server to replicate from.",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@TIMEOUT_OPTION
@JSON_OPTION
def demote(ctl: str, active: str, yes: bool, timeout: float, as_json: bool) -> int:
    """Make a server a backup of ACTIVE; its own data is replaced by the active's.

    \b
    Examples:
      ovsdb-backup active-backup demote --ctl /run/ovn/nb-a.ctl --active tcp:10.0.0.2:6641
    """
    from ..cluster.pair import demote as do_demote

    if not yes:
        if not sys.stdin.isatty():
            raise RefusedError("refusing without confirmation", hint="add --yes")
        click.confirm(f"Replace the data of {ctl} with a copy of {active}?", abort=True)
    sync = asyncio.run(do_demote(ctl, active, timeout=timeout))
    if as_json:
        output.emit_json(sync.to_json())
    else:
        output.info(f"{ctl}: state {sync.state} {sync.phase or ''} {sync.remote or ''}".rstrip())
    return ExitCode.OK if sync.state == "backup" else ExitCode.FINDINGS
