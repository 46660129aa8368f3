"""``ovsdb-backup backup | info | verify | list``: the backup archive commands."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from ..archive import COMPRESSIONS, DEFAULT_COMPRESSION, PRESETS
from ..errors import ExitCode, UsageError
from . import output
from .common import JSON_OPTION, fmt_bytes, tls_files, tls_options

# Where Debian/Ubuntu/RHEL packages put the servers' sockets; tried when no --remote.
LOCAL_SOCKETS = (
    "/var/run/ovn/ovnnb_db.sock",
    "/var/run/ovn/ovnsb_db.sock",
    "/var/run/ovn/ovn_ic_nb_db.sock",
    "/var/run/ovn/ovn_ic_sb_db.sock",
    "/var/run/openvswitch/db.sock",
)


@contextlib.contextmanager
def _log_to(path: str | None) -> Iterator[None]:
    """``--log FILE``: every step, with times, appended to FILE."""
    if path is None:
        yield
        return
    handler = logging.FileHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("ovsdb_backup")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        handler.close()


def _labels(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--label {pair!r}: expected KEY=VALUE")
        out[key] = value
    return out


def _local_remotes() -> list[str]:
    return [f"unix:{path}" for path in LOCAL_SOCKETS if os.path.exists(path)]


@click.command()
@click.option(
    "-r",
    "--remote",
    "remotes",
    multiple=True,
    metavar="REMOTE",
    help="Servers of one deployment (comma-separated members, optional cid:UUID); "
    "repeat for another deployment (e.g. NB cluster, SB cluster).",
)
@click.option(
    "--db",
    "databases",
    multiple=True,
    metavar="NAME",
    help="Only these databases (default: every database the servers host).",
)
@click.option(
    "--from-file",
    "from_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Also take a database file offline (standalone copy or clustered member "
    "file: its committed contents).",
)
@click.option(
    "-f",
    "--file",
    "archive",
    type=click.Path(dir_okay=False),
    help="Archive to write (default: ovsdb-backup-<host>-<time>.tar here).",
)
@click.option(
    "--compress",
    type=click.Choice(COMPRESSIONS),
    default=DEFAULT_COMPRESSION,
    show_default=True,
    help="Compression of each database member.",
)
@click.option(
    "--files",
    "files",
    multiple=True,
    metavar="PATH",
    help="Configuration files or directories to include (symlinks not followed).",
)
@click.option(
    "--preset",
    "presets",
    multiple=True,
    type=click.Choice(sorted(PRESETS)),
    help="Include the configuration files of a common layout.",
)
@click.option(
    "--root",
    default="/",
    show_default=True,
    metavar="DIR",
    help="Where the host file system is mounted (e.g. /host in a pod).",
)
@click.option(
    "--allow-follower", is_flag=True, help="Use a follower or relay when no leader qualifies."
)
@click.option(
    "--prefer-follower", is_flag=True, help="Read from a follower or relay to spare the leader."
)
@tls_options
@click.option(
    "--label", "labels", multiple=True, metavar="KEY=VALUE", help="Recorded in the manifest."
)
@click.option("--notes", help="Free text recorded in the manifest.")
@click.option("--jobs", default=2, show_default=True, help="Databases snapshotted at once.")
@click.option(
    "--row-versions",
    is_flag=True,
    help="Also record each row's _version (a row index in the archive), so that a later "
    "restore into the same running server fetches only the rows changed since. Costs "
    "the server about 10-15 %% more work during the backup.",
)
@click.option(
    "--timeout",
    type=float,
    metavar="SECONDS",
    help="Limit for each database's snapshot transfer (default: none).",
)
@click.option("--force", is_flag=True, help="Replace the archive if it exists.")
@click.option(
    "--repo",
    type=click.Path(file_okay=False),
    help="Store the archive in this repository (created if needed) instead of -f.",
)
@click.option(
    "--metrics-file",
    type=click.Path(dir_okay=False),
    help="Write Prometheus metrics of this run to FILE (node_exporter textfile collector).",
)
@click.option(
    "--log",
    "log_file",
    type=click.Path(dir_okay=False),
    help="Append a log of every step to this file.",
)
@click.option(
    "--sandbox",
    is_flag=True,
    help="Start a local sandbox OVN cluster, back it up, verify and describe the "
    "archive, then stop the sandbox (a demonstration needing no OVN of your own).",
)
@JSON_OPTION
@click.option("--no-progress", is_flag=True, help="Never show progress bars.")
def backup(
    remotes: tuple[str, ...],
    databases: tuple[str, ...],
    from_files: tuple[str, ...],
    archive: str | None,
    compress: str,
    files: tuple[str, ...],
    presets: tuple[str, ...],
    root: str,
    allow_follower: bool,
    prefer_follower: bool,
    private_key: str | None,
    certificate: str | None,
    ca_cert: str | None,
    labels: tuple[str, ...],
    notes: str | None,
    jobs: int,
    row_versions: bool,
    timeout: float | None,
    force: bool,
    repo: str | None,
    metrics_file: str | None,
    log_file: str | None,
    sandbox: bool,
    as_json: bool,
    no_progress: bool,
) -> int:
    """Back up databases of live servers (and files) into one verifiable archive.

    Each database is taken from the safest server (its _Server row says it is
    connected, joined, of the right cluster and not older than another; the
    leader is preferred) in one atomic transaction streamed to disk, so client
    memory stays small for any database size. A member that lost quorum is
    refused, never silently read. Without --db, every database the servers host
    is taken. The archive is a plain tar (see docs/archive-format.md), written
    atomically with mode 0600.

    \b
    Examples:
      ovsdb-backup backup -r tcp:10.0.0.1:6641,tcp:10.0.0.2:6641,tcp:10.0.0.3:6641 \\
                          -r tcp:10.0.0.1:6642,tcp:10.0.0.2:6642,tcp:10.0.0.3:6642 -f ovn.tar
      ovsdb-backup backup -r unix:/var/run/ovn/ovnnb_db.sock --preset ovn-central -f nb.tar
      ovsdb-backup backup -r ssl:10.0.0.1:6641 -p key.pem -c cert.pem -C cacert.pem
      ovsdb-backup backup -r unix:/var/run/ovn/ovnnb_db.sock --row-versions -f nb.tar
      ovsdb-backup backup --from-file /etc/origin/ovn/ovnnb_db.db -f offline.tar
      ovsdb-backup backup --sandbox -f demo.tar
    """
    from ..ops.backup import BackupOptions, default_archive_name
    from ..protocol import RolePolicy, parse_remotes

    if sandbox:
        return _sandbox_demo(archive, compress, as_json, no_progress)
    tls = tls_files(private_key, certificate, ca_cert)
    if not remotes and not from_files:
        found = _local_remotes()
        if not found:
            raise UsageError(
                "no --remote given and no local OVN/OVS server socket found",
                hint="give --remote, --from-file, or try --sandbox",
            )
        output.warn(f"no --remote given: using local servers {', '.join(found)}")
        remotes = tuple(found)
    role = RolePolicy.LEADER_ONLY
    if prefer_follower:
        role = RolePolicy.PREFER_FOLLOWER
    elif allow_follower:
        role = RolePolicy.PREFER_LEADER
    opts = BackupOptions(
        output=archive or default_archive_name(),
        remotes=[parse_remotes(r) for r in remotes],
        databases=list(databases) or None,
        from_files=list(from_files),
        compression=compress,
        files=list(files),
        presets=list(presets),
        root=root,
        role=role,
        tls=tls,
        overwrite=force,
        labels=_labels(labels),
        notes=notes,
        jobs=jobs,
        timeout=timeout,
        row_versions=row_versions,
    )
    if repo is not None and archive is not None:
        raise UsageError("give either -f/--file or --repo")
    with _log_to(log_file), output.multi_progress(enabled=not no_progress and not as_json) as bars:
        result = _run_with_metrics(opts, repo, metrics_file, bars)
    if as_json:
        output.emit_json(result.to_json())
        return ExitCode.OK
    rows = []
    for db in result.databases:
        e = db.entry
        total = sum((e.rows or {}).values())
        ratio = f"{e.uncompressed_size / e.size:.1f}x" if e.size and e.uncompressed_size else "-"
        rows.append(
            (
                e.name,
                e.model or "-",
                db.source,
                total,
                fmt_bytes(e.size),
                ratio,
                f"{db.seconds:.1f}s",
            )
        )
        for attempt in db.attempts:
            output.warn(f"{e.name}: an attempt failed and was retried elsewhere: {attempt}")
    output.print_table(["Database", "Model", "From", "Rows", "Stored", "Ratio", "Time"], rows)
    output.info(
        f"{result.path}: {fmt_bytes(result.size)}, {len(result.databases)} database(s), "
        f"{result.files} file(s), {result.seconds:.1f} s"
    )
    return ExitCode.OK


def _run_with_metrics(opts: Any, repo: str | None, metrics_file: str | None, bars: Any) -> Any:
    """Run the backup (into a repository if asked); write the metrics file either way."""
    import time

    from ..ops.backup import run_backup

    started, clock = time.time(), time.monotonic()
    result = None
    try:
        if repo is not None:
            from ..repo.layout import open_repository
            from ..repo.store import backup_to_repository

            result = backup_to_repository(open_repository(repo, create=True), opts, bars)
        else:
            result = run_backup(opts, progress=bars)
        return result
    finally:
        if metrics_file is not None:
            from ..repo.metrics import backup_families, write_textfile

            rows = (
                {d.entry.name: sum((d.entry.rows or {}).values()) for d in result.databases}
                if result
                else {}
            )
            write_textfile(
                metrics_file,
                backup_families(
                    ok=result is not None,
                    started=started,
                    seconds=time.monotonic() - clock,
                    size=result.size if result else None,
                    databases=rows,
                ),
            )


def _sandbox_demo(archive: str | None, compress: str, as_json: bool, no_progress: bool) -> int:
    """Start a sandbox, back it up, verify and describe the archive, stop the sandbox."""
    from ..ops.backup import BackupOptions, run_backup
    from ..ops.verify import verify
    from ..protocol import parse_remotes
    from ..sandbox.environment import start_sandbox, stop_sandbox

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = archive or f"ovsdb-backup-sandbox-{stamp}.tar"
    with tempfile.TemporaryDirectory(prefix="ovsdb-backup-sandbox-") as work:
        directory = Path(work) / "sandbox"
        if not as_json:
            output.info(f"starting a sandbox (3-member NB cluster, SB server) in {directory}")
        state = start_sandbox(directory)
        try:
            opts = BackupOptions(
                output=target,
                remotes=[parse_remotes(db.remote) for db in state.databases],
                compression=compress,
                labels={"source": "sandbox"},
            )
            with output.multi_progress(enabled=not no_progress and not as_json) as bars:
                result = run_backup(opts, progress=bars)
        finally:
            stop_sandbox(directory, purge=True)
    check = verify(result.path)
    if as_json:
        output.emit_json({"backup": result.to_json(), "verify": check.to_json()})
        return ExitCode.OK if check.ok else ExitCode.FINDINGS
    output.info(f"backed up {len(result.databases)} database(s) into {result.path}")
    output.info(
        f"verify: {'OK' if check.ok else 'PROBLEMS'} "
        f"({check.members_checked} members, {fmt_bytes(check.bytes_checked)})"
    )
    output.print_findings(check.findings)
    _print_info(result.path)
    output.info("sandbox stopped")
    return ExitCode.OK if check.ok else ExitCode.FINDINGS


def _print_info(path: str) -> dict[str, Any]:
    from ..archive import ArchiveReader

    with ArchiveReader(path) as reader:
        manifest = reader.manifest()
    data = manifest.to_json()
    output.print_pairs(
        [
            ("Archive", f"{path} ({fmt_bytes(os.path.getsize(path))})"),
            ("Created", f"{data.get('created')} on {manifest.host}"),
            ("Tool", f"{manifest.tool_name} {manifest.tool_version}"),
            ("Labels", ", ".join(f"{k}={v}" for k, v in manifest.labels.items()) or "-"),
        ]
    )
    rows = []
    for db in manifest.databases:
        index = db.raft_index
        rows.append(
            (
                db.name,
                db.schema_version or "-",
                db.model or "-",
                (db.cid or "-")[:8],
                "-" if index is None else index,
                sum((db.rows or {}).values()),
                fmt_bytes(db.uncompressed_size),
                fmt_bytes(db.size),
                db.compression,
            )
        )
    output.print_table(
        ["Database", "Schema", "Model", "Cluster", "Index", "Rows", "Size", "Stored", "Codec"], rows
    )
    for db in manifest.databases:
        output.info(f"  {db.name} taken from {db.remote or '-'}")
    if manifest.files:
        output.info(
            f"{len(manifest.files)} configuration file(s), {len(manifest.skipped_files)} skipped"
        )
    return data


@click.command()
@click.argument("archive", type=click.Path(exists=True, dir_okay=False), required=False)
@click.option(
    "--repo",
    type=click.Path(exists=True, file_okay=False),
    help="Describe a repository instead: per database, the newest archive, the stream's "
    "coverage and its gaps.",
)
@JSON_OPTION
def info(archive: str | None, repo: str | None, as_json: bool) -> int:
    """Describe an archive (when, where from, databases, rows, files), or a repository.

    Reads only the manifest (fast even for large archives); use "verify" to check it.

    \b
    Examples:
      ovsdb-backup info ovn.tar
      ovsdb-backup info --json ovn.tar | jq '.databases[] | {name, rows}'
      ovsdb-backup info --repo /var/backups/ovn
    """
    from ..archive import ArchiveReader

    if (archive is None) == (repo is None):
        raise UsageError("give an ARCHIVE or --repo DIR")
    if repo is not None:
        from .repo import info_repository

        return info_repository(repo, as_json)
    assert archive is not None

    if as_json:
        with ArchiveReader(archive) as reader:
            output.emit_json(reader.manifest().to_json())
        return ExitCode.OK
    _print_info(archive)
    return ExitCode.OK


@click.command()
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--deep",
    is_flag=True,
    help="Also open each database with a scratch ovsdb-server and compare its row "
    "counts with the manifest.",
)
@JSON_OPTION
@click.option("--no-progress", is_flag=True, help="Never show a progress bar.")
def verify(archive: str, deep: bool, as_json: bool, no_progress: bool) -> int:
    """Check an archive completely; exit 0 only when it is intact.

    Checks the tar structure and member names (refusing '..', absolute paths and
    links), the manifest, the SHA-256 of every member, and every OVSDB record of
    every database (framing, checksums, values against the schema, referential
    integrity), and compares the contents with the manifest.

    \b
    Examples:
      ovsdb-backup verify ovn.tar
      ovsdb-backup verify --deep --json ovn.tar
    """
    from ..ops.verify import verify as run_verify

    size = os.path.getsize(archive)
    with output.progress_bar("verifying", size, enabled=not no_progress and not as_json) as p:
        check = run_verify(archive, progress=p)
    findings = list(check.findings)
    if deep and check.ok:
        from ..sandbox.deep import deep_verify

        findings += deep_verify(archive)
    ok = not any(f.severity.value == "error" for f in findings)
    if as_json:
        data = check.to_json()
        data["findings"] = [f.to_json() for f in findings]
        data["ok"] = ok
        data["deep"] = deep
        output.emit_json(data)
    else:
        output.info(
            f"{archive}: {'OK' if ok else 'PROBLEMS'} ({check.members_checked} "
            f"members, {fmt_bytes(check.bytes_checked)} checked)"
        )
        output.print_findings(findings)
    return ExitCode.OK if ok else ExitCode.FINDINGS


@click.command("list")
@click.argument("directory", type=click.Path(exists=True, file_okay=False), required=False)
@click.option(
    "--repo",
    type=click.Path(exists=True, file_okay=False),
    help="List a repository: its archives and stream segments.",
)
@JSON_OPTION
def list_cmd(directory: str | None, repo: str | None, as_json: bool) -> int:
    """List the archives in a directory (or a repository), newest first.

    \b
    Examples:
      ovsdb-backup list /var/backups/ovn
      ovsdb-backup list --json /var/backups/ovn | jq '.[0].path'
      ovsdb-backup list --repo /var/backups/ovn
    """
    from ..archive import list_archives

    if (directory is None) == (repo is None):
        raise UsageError("give a DIRECTORY or --repo DIR")
    if repo is not None:
        from .repo import list_repository

        return list_repository(repo, as_json)
    assert directory is not None

    archives = list_archives(directory)
    if as_json:
        output.emit_json([a.to_json() for a in archives])
        return ExitCode.OK
    rows = [
        (
            a.name,
            a.created.strftime("%Y-%m-%d %H:%M:%S"),
            _age(a.age),
            fmt_bytes(a.size),
            a.state,
            ", ".join(a.databases) or "-",
        )
        for a in archives
    ]
    output.print_table(["Archive", "Created (UTC)", "Age", "Size", "State", "Databases"], rows)
    return ExitCode.OK


def _age(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f}{unit}"
    return f"{seconds:.0f}s"
