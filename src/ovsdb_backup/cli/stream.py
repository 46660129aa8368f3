"""``ovsdb-backup stream``: the continuous backup agent."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from typing import TYPE_CHECKING

import click

from ..errors import ExitCode, UsageError
from . import output
from .backup import _local_remotes, _log_to
from .common import tls_files, tls_options

if TYPE_CHECKING:
    from ..repo.agent import StreamOptions
    from ..repo.layout import Repository
    from ..repo.metrics import StreamMetrics


@click.command()
@click.option(
    "-r",
    "--remote",
    "remotes",
    multiple=True,
    metavar="REMOTE",
    help="Servers of one deployment (comma-separated members); repeat for another "
    "(e.g. the NB cluster and the SB cluster). Default: the local sockets.",
)
@click.option(
    "--db",
    "databases",
    multiple=True,
    metavar="NAME",
    help="Database to stream (repeatable; default: every database the servers host).",
)
@click.option(
    "--repo",
    required=True,
    type=click.Path(file_okay=False),
    help="Repository directory (created if it does not exist).",
)
@click.option(
    "--fsync-interval",
    default="0",
    show_default=True,
    metavar="DURATION",
    help="Seconds between fsyncs; 0 fsyncs every batch of transactions before anything "
    "else happens.",
)
@click.option(
    "--segment-size",
    default="256M",
    show_default=True,
    metavar="SIZE",
    help="Start a new segment (with a base) once the open one is this large.",
)
@click.option(
    "--segment-age",
    default="1d",
    show_default=True,
    metavar="DURATION",
    help="Start a new segment once the open one is this old.",
)
@click.option(
    "--heartbeat",
    default="60s",
    show_default=True,
    metavar="DURATION",
    help="Write a heartbeat record when nothing was written for this long, so the "
    "segment says up to when it is current.",
)
@click.option(
    "--prefer-follower",
    is_flag=True,
    help="Follow a follower or relay when one is safe, sparing the leader.",
)
@click.option(
    "--metrics-port",
    type=int,
    metavar="PORT",
    help="Serve Prometheus metrics on http://ADDRESS:PORT/metrics.",
)
@click.option(
    "--metrics-address",
    default="127.0.0.1",
    show_default=True,
    help="Address for --metrics-port (0.0.0.0 for every interface, e.g. in a pod).",
)
@tls_options
@click.option(
    "--log",
    "log_file",
    type=click.Path(dir_okay=False),
    help="Append a log to this file (default: standard error).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log every connection and segment.")
def stream(
    remotes: tuple[str, ...],
    databases: tuple[str, ...],
    repo: str,
    fsync_interval: str,
    segment_size: str,
    segment_age: str,
    heartbeat: str,
    prefer_follower: bool,
    metrics_port: int | None,
    metrics_address: str,
    private_key: str | None,
    certificate: str | None,
    ca_cert: str | None,
    log_file: str | None,
    verbose: bool,
) -> int:
    """Follow every committed change of databases into a repository (runs until stopped).

    Takes a base (every row) of each database, then appends each transaction the
    server reports (monitor_cond_since, all tables) to a segment — a standalone
    OVSDB log that ovsdb-server and 'db show-log' open — with its transaction id
    and the time it was seen. Reconnects to any safe member after a failure and
    resumes from the last transaction id; when the servers no longer have it, takes
    a new base and the catalog shows the gap. SIGTERM or SIGINT: the open segment
    is flushed, fsynced and closed, and the next run continues it.

    \b
    Examples:
      ovsdb-backup stream --repo /var/backups/ovn \\
          -r tcp:10.0.0.1:6641,tcp:10.0.0.2:6641,tcp:10.0.0.3:6641 --db OVN_Northbound
      ovsdb-backup stream --repo /backup -r unix:/var/run/ovn/ovnnb_db.sock \\
          -r unix:/var/run/ovn/ovnsb_db.sock --metrics-port 9477
    """
    from ..ops.backup import plan_targets
    from ..protocol import RolePolicy, parse_remotes
    from ..repo.agent import StreamOptions
    from ..repo.layout import open_repository
    from ..repo.metrics import StreamMetrics
    from ..repo.units import parse_duration, parse_size

    tls = tls_files(private_key, certificate, ca_cert)
    if not remotes:
        remotes = tuple(_local_remotes())
        if not remotes:
            raise UsageError("no --remote given and no local OVN/OVS server socket found")
        output.warn(f"no --remote given: using local servers {', '.join(remotes)}")
    groups = [parse_remotes(r) for r in remotes]
    role = RolePolicy.PREFER_FOLLOWER if prefer_follower else RolePolicy.PREFER_LEADER
    repository = open_repository(repo, create=True)
    metrics = StreamMetrics()
    targets = asyncio.run(plan_targets(groups, list(databases) or None, tls))
    options = [
        StreamOptions(
            remotes=group,
            databases=[db],
            tls=tls,
            role=role,
            fsync_interval=parse_duration(fsync_interval),
            segment_max_bytes=parse_size(segment_size),
            segment_max_age=parse_duration(segment_age),
            heartbeat=parse_duration(heartbeat),
            probe=min(5.0, parse_duration(heartbeat)),
        )
        for group, db in targets
    ]
    _setup_logging(log_file, verbose)
    with _log_to(log_file):
        return asyncio.run(_run(repository, options, metrics, metrics_address, metrics_port))


def _setup_logging(log_file: str | None, verbose: bool) -> None:
    logger = logging.getLogger("ovsdb_backup")
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    if log_file is None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)


async def _run(
    repository: Repository,
    options: list[StreamOptions],
    metrics: StreamMetrics,
    address: str,
    port: int | None,
) -> int:
    from ..repo.agent import run_stream
    from ..repo.metrics import serve_metrics

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    server = await serve_metrics(metrics, address, port, stop) if port is not None else None
    try:
        await asyncio.gather(*(run_stream(repository, o, stop, metrics) for o in options))
    finally:
        stop.set()
        if server is not None:
            server.close()
    return ExitCode.OK
