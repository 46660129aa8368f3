"""``ovsdb-backup sandbox …``: a disposable OVN control plane to try the tool on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import ExitCode
from ..sandbox.environment import (
    SandboxState,
    ServerReport,
    default_directory,
    sandbox_status,
    start_sandbox,
    stop_sandbox,
)
from . import output

_dir_option = click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Sandbox directory (default: $XDG_RUNTIME_DIR/ovsdb-backup-sandbox, "
    "else /tmp/ovsdb-backup-sandbox-UID).",
)
_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON, not text.")


@click.group()
def sandbox() -> None:
    """A local OVN control plane with sample data, to try ovsdb-backup on.

    `start` runs a 3-member OVN_Northbound Raft cluster and a standalone
    OVN_Southbound server (unix sockets and 127.0.0.1 only), fills both with a
    small OVN topology and prints the remotes to use. The servers keep running
    after the command exits; `stop` ends exactly the processes it started.

    \b
    Examples:
      ovsdb-backup sandbox start
      ovsdb-backup sandbox start --dir /tmp/sb --json
      ovn-nbctl --db="$(ovsdb-backup sandbox status --json | jq -r '.databases[0].remote')" show
      ovsdb-backup sandbox status
      ovsdb-backup sandbox stop --purge
    """


@sandbox.command()
@_dir_option
@_json_option
@click.option("--seed", default=0, show_default=True, help="Seed of the sample data.")
@click.option(
    "--scale",
    type=click.IntRange(1, 100),
    default=1,
    show_default=True,
    help="Size of the sample data (1 = 3 switches with 4 ports each).",
)
def start(directory: Path | None, as_json: bool, seed: int, scale: int) -> int:
    """Start the sandbox servers and print how to reach them.

    \b
    Examples:
      ovsdb-backup sandbox start
      ovsdb-backup sandbox start --dir ./sandbox --scale 5
      eval "$(ovsdb-backup sandbox start | grep '^  export')"

    Exit status: 0 started; 4 a server or tool failed; 6 DIR holds a running
    sandbox or files that are not a sandbox's.
    """
    state = start_sandbox(directory, seed=seed, scale=scale)
    if as_json:
        output.emit_json(state.to_json())
        return int(ExitCode.OK)
    _print_started(state)
    return int(ExitCode.OK)


def _print_started(state: SandboxState) -> None:
    output.info(f"Sandbox started in {state.directory}")
    for database in state.databases:
        members = len(database.servers)
        kind = f"{members}-member cluster" if database.model == "clustered" else database.model
        output.info("")
        output.info(f"{database.db_name} ({kind})")
        pairs = [("remote", database.remote), ("tcp remote", database.tcp_remote)]
        if database.cid:
            pairs.append(("cluster id", database.cid))
        output.print_pairs([(f"  {k}", v) for k, v in pairs])
    nb, sb = state.databases[0], state.databases[1]
    output.info("")
    output.info("Try:")
    output.info(f"  export OVN_NB_DB={nb.remote}")
    output.info(f"  export OVN_SB_DB={sb.remote}")
    output.info("  ovn-nbctl show; ovn-sbctl show")
    output.info(f"  ovsdb-client list-dbs {sb.remote}")
    output.info(f"Stop with: ovsdb-backup sandbox stop --dir {state.directory}")


@sandbox.command()
@_dir_option
@_json_option
def status(directory: Path | None, as_json: bool) -> int:
    """Show which sandbox servers run, and their Raft roles.

    \b
    Examples:
      ovsdb-backup sandbox status
      ovsdb-backup sandbox status --dir ./sandbox --json

    Exit status: 0 every server runs; 1 no sandbox, or some server is not running.
    """
    resolved = (directory or default_directory()).resolve()
    state, reports = sandbox_status(resolved)
    healthy = state is not None and all(r.state == "running" for r in reports)
    if as_json:
        document: dict[str, Any] = state.to_json() if state else {"directory": str(resolved)}
        document["running"] = healthy
        document["servers"] = [r.to_json() for r in reports]
        output.emit_json(document)
    elif state is None:
        output.info(f"No sandbox in {resolved}")
    else:
        output.info(f"Sandbox in {resolved} (started {state.created})")
        _print_reports(reports, with_role=True)
        output.print_pairs([(db.db_name, db.remote) for db in state.databases])
    return int(ExitCode.OK if healthy else ExitCode.FINDINGS)


@sandbox.command()
@_dir_option
@_json_option
@click.option("--purge", is_flag=True, help="Also delete the sandbox's database and log files.")
def stop(directory: Path | None, as_json: bool, purge: bool) -> int:
    """Stop the sandbox servers (exactly the recorded pids) and remove the state.

    A recorded pid is only signalled if it is still the ovsdb-server the sandbox
    started; otherwise it is reported as "foreign" and left alone.

    \b
    Examples:
      ovsdb-backup sandbox stop
      ovsdb-backup sandbox stop --dir ./sandbox --purge

    Exit status: 0 stopped (or nothing to stop); 1 some pid was left alone.
    """
    resolved = (directory or default_directory()).resolve()
    reports = stop_sandbox(resolved, purge=purge)
    clean = all(r.state != "foreign" for r in reports)
    if as_json:
        output.emit_json(
            {"directory": str(resolved), "purged": purge, "servers": [r.to_json() for r in reports]}
        )
    else:
        if reports:
            _print_reports(reports, with_role=False)
            output.info(f"Sandbox in {resolved} stopped")
        else:
            output.info(f"No sandbox running in {resolved}; nothing to stop")
        if purge:
            output.info(f"Deleted the sandbox files in {resolved}")
    return int(ExitCode.OK if clean else ExitCode.FINDINGS)


def _print_reports(reports: list[ServerReport], *, with_role: bool) -> None:
    # Remotes are printed apart from the table: a narrow terminal would truncate them.
    columns = ["database", "server", "pid", "state"] + (["role"] if with_role else [])
    rows = [[r.db_name, r.name, r.pid, r.state] + ([r.role] if with_role else []) for r in reports]
    output.print_table(columns, rows)
