"""Generate an OVN-scale OVSDB data set through a real ovsdb-server.

    python benchmarks/generate.py --scale medium --kind nb --model standalone --out benchmarks/data

The database is built by sending ~1000-operation ``transact`` requests to a
live ovsdb-server (standalone, or the leader of a fresh 3-member cluster),
then modified by many small "churn" transactions, so the file is exactly what
ovsdb-server writes: a schema record, then one diff record per transaction.
A manifest (``<name>.manifest.json``) is written next to the data set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

# Run as a script, Python puts benchmarks/ itself first on sys.path; the
# "benchmarks" package (and its ovsbench support code) lives one level up.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.ovsbench import logfile
from benchmarks.ovsbench.fsutil import atomic_write_json
from benchmarks.ovsbench.jsonrpc import JsonRpcClient, RpcError
from benchmarks.ovsbench.ops import Txn
from benchmarks.ovsbench.servers import (
    Server,
    ServerSet,
    create_cluster,
    run_tool,
    socket_dir,
    standalone,
    wait_cluster_ready,
    wait_cluster_synced,
)
from benchmarks.ovsbench.workload import KINDS, SCALES, Workload, make_workload

# ovsdb-server never compacts on its own before 10 minutes after start (the
# first snapshot is scheduled 10-20 min out). Staying below that keeps every
# transaction in the log, which is the point of these data sets.
DEFAULT_MAX_SERVER_AGE = 540.0


class GenerationError(Exception):
    pass


def dataset_paths(out: Path, kind: str, scale: str, model: str) -> tuple[Path, Path]:
    """(data set path, manifest path): a .db file, or a directory of member files."""
    name = f"{kind}-{scale}" if model == "standalone" else f"{kind}-{scale}-cluster"
    target = out / (f"{name}.db" if model == "standalone" else name)
    return target, out / f"{name}.manifest.json"


@dataclass
class Target:
    """The server(s) receiving transactions, restarted before they may auto-compact."""

    model: str
    servers: ServerSet
    db_name: str
    max_age: float
    client: JsonRpcClient | None = None
    restarts: int = 0
    transactions: int = 0
    operations: int = 0

    @property
    def leader(self) -> Server:
        return self.servers.servers[0]

    def connect(self) -> None:
        self.client = JsonRpcClient(str(self.leader.sock))

    def transact(self, ops: Txn) -> list[Any]:
        if self.servers.oldest_age() > self.max_age:
            self._restart()
        assert self.client is not None
        result = self.client.transact(self.db_name, ops)
        self.transactions += 1
        self.operations += len(ops)
        return result

    def _restart(self) -> None:
        if self.model != "standalone":
            # Restarting members of a large cluster needs several GB each
            # (baseline section 5.1); fail loudly instead of risking a snapshot.
            raise GenerationError(
                f"cluster servers have run {self.servers.oldest_age():.0f} s; ovsdb-server may "
                "compact the log after 10 minutes, so generation stops here "
                "(use --scratch on a tmpfs, a less loaded machine, or a smaller scale)"
            )
        assert self.client is not None
        self.client.close()
        self.leader.stop()
        self.leader.start()
        self.restarts += 1
        self.connect()


@dataclass
class Progress:
    label: str
    total: int | None
    every: float = 10.0
    started: float = field(default_factory=time.monotonic)
    _last: float = field(default_factory=time.monotonic)

    def tick(self, done: int) -> None:
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            of = f"/{self.total}" if self.total else ""
            rate = done / max(now - self.started, 1e-9)
            print(
                f"  {self.label}: {done}{of} transactions, {rate:.0f}/s",
                file=sys.stderr,
                flush=True,
            )


def count_rows(client: JsonRpcClient, db: str) -> dict[str, int]:
    """Rows per table as the live server sees them.

    Selects ``_uuid`` only: with no distinct column the server would merge
    identical rows and under-count.
    """
    schema = client.call("get_schema", [db])
    tables = sorted(schema["tables"])
    ops = [{"op": "select", "table": t, "where": [], "columns": ["_uuid"]} for t in tables]
    result = client.transact(db, ops)
    return {t: len(r["rows"]) for t, r in zip(tables, result, strict=True)}


def start_servers(
    model: str, work: Path, sockdir: Path, workload: Workload, args: argparse.Namespace
) -> ServerSet:
    servers = ServerSet()
    if model == "standalone":
        servers.add(standalone(work, sockdir, workload.db_name, workload.schema))
    else:
        for s in create_cluster(
            work, sockdir, workload.db_name, workload.schema, election_timer_ms=args.election_timer
        ):
            servers.add(s)
    return servers


def generate(args: argparse.Namespace) -> dict[str, Any]:
    # OVS resolves relative unix socket names against its run directory, not
    # the current one: give every server absolute paths.
    args.out = args.out.resolve()
    out: Path = args.out
    target_path, manifest_path = dataset_paths(out, args.kind, args.scale, args.model)
    if (target_path.exists() or manifest_path.exists()) and not args.force:
        raise GenerationError(f"{target_path} exists (use --force to replace it)")
    out.mkdir(parents=True, exist_ok=True)
    scratch = args.scratch.resolve() if args.scratch else out
    work = scratch / f".gen-{target_path.name}-{os.getpid()}"
    work.mkdir(parents=True)
    staged = out / f".stage-{target_path.name}-{os.getpid()}"
    try:
        return _generate(args, work, target_path, manifest_path, staged)
    finally:
        if work.exists() and not args.keep_work:
            shutil.rmtree(work)
        if staged.exists():
            shutil.rmtree(staged)


@dataclass
class Build:
    """What happened while the servers ran."""

    target: Target
    files: list[Path]
    rows: dict[str, int]
    base_txns: int
    base_ops: int
    timings: dict[str, float]
    servers: dict[str, dict[str, float]]


def _generate(
    args: argparse.Namespace, work: Path, target_path: Path, manifest_path: Path, staged: Path
) -> dict[str, Any]:
    workload = make_workload(args.kind, args.scale, args.seed)
    started_at = dt.datetime.now(dt.UTC)
    t0 = time.monotonic()
    build = _run_servers(args, work, workload)
    stats = [logfile.scan(f) for f in build.files]
    verify_uncompacted(stats, args.model, build.target.transactions)
    install(staged, target_path, build.files, args.model)
    build.timings["total_seconds"] = time.monotonic() - t0
    manifest = _manifest(args, workload, build, stats, target_path)
    manifest["generation"]["started"] = started_at.isoformat(timespec="seconds")
    manifest["generation"]["scratch"] = str(work.parent)
    atomic_write_json(manifest_path, manifest)
    return manifest


def _run_servers(args: argparse.Namespace, work: Path, workload: Workload) -> Build:
    """Start the server(s), send the base and churn transactions, count rows, stop."""
    t0 = time.monotonic()
    with (
        socket_dir(work) as sockdir,
        start_servers(args.model, work, sockdir, workload, args) as servers,
    ):
        for server in servers.servers:
            server.start()
        if args.model == "cluster":
            wait_cluster_ready(servers.servers, workload.db_name)
        target = Target(args.model, servers, workload.db_name, args.max_server_age)
        target.connect()
        t_ready = time.monotonic()
        _send(target, workload.base(args.txn_size), "base")
        base_txns, base_ops = target.transactions, target.operations
        t_base = time.monotonic()
        _send(target, workload.churn(), "churn")
        t_churn = time.monotonic()
        assert target.client is not None
        rows = count_rows(target.client, workload.db_name)
        if args.model == "cluster":
            wait_cluster_synced(servers.servers, workload.db_name)
        target.client.close()
        server_stats = {
            s.name: {
                "peak_rss_mib": round(s.peak_rss_kib() / 1024, 1),
                "cpu_seconds": round(s.cpu_seconds(), 2),
                "age_at_stop_seconds": round(s.age(), 1),
            }
            for s in servers.servers
        }
        servers.stop_all()
    timings = {
        "startup_seconds": t_ready - t0,
        "base_seconds": t_base - t_ready,
        "churn_seconds": t_churn - t_base,
    }
    files = [s.db_path for s in servers.servers]
    return Build(target, files, rows, base_txns, base_ops, timings, server_stats)


def _send(target: Target, txns: Iterator[Txn], label: str) -> None:
    progress = Progress(label, None)
    first = target.transactions
    for txn in txns:
        target.transact(txn)
        progress.tick(target.transactions - first)


def _manifest(
    args: argparse.Namespace,
    workload: Workload,
    build: Build,
    stats: list[logfile.FileStats],
    target_path: Path,
) -> dict[str, Any]:
    out: Path = args.out
    total = build.target.transactions
    return {
        "name": target_path.name,
        "kind": args.kind,
        "scale": args.scale,
        "model": args.model,
        "seed": args.seed,
        "txn_size": args.txn_size,
        "database": workload.db_name,
        "schema_file": str(workload.schema),
        "schema_version": schema_version(workload.schema),
        "shape": workload.describe(),
        "transactions": {
            "base": build.base_txns,
            "base_operations": build.base_ops,
            "churn": total - build.base_txns,
            "total": total,
        },
        "rows": build.rows,
        "rows_total": sum(build.rows.values()),
        "files": [
            {**f.as_json(), "file": str(relative_file(target_path, out, f.path.name, args.model))}
            for f in stats
        ],
        "generation": {
            **{k: round(v, 2) for k, v in build.timings.items()},
            "generator_peak_rss_mib": round(
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
            ),
            "servers": build.servers,
            "server_restarts": build.target.restarts,
            "ovsdb_server": run_tool(["ovsdb-server", "--version"]).splitlines()[0],
        },
    }


def relative_file(target: Path, out: Path, name: str, model: str) -> Path:
    return target.relative_to(out) if model == "standalone" else target.relative_to(out) / name


def schema_version(schema: Path) -> str:
    return run_tool(["ovsdb-tool", "schema-version", str(schema)]).strip()


def verify_uncompacted(files: list[logfile.FileStats], model: str, transactions: int) -> None:
    """Fail if any server compacted its file, i.e. the log lost transaction records."""
    for f in files:
        if f.txn_records < transactions:
            raise GenerationError(
                f"{f.path.name}: {f.txn_records} transaction records for {transactions} "
                "transactions: the server compacted the log"
            )
        if model == "cluster" and f.path.name == "s1.db" and f.prev_index != 1:
            raise GenerationError(f"{f.path.name}: header prev_index {f.prev_index}: compacted")


def install(staged: Path, target: Path, files: list[Path], model: str) -> None:
    """Move finished files into place; an interrupted run leaves no partial data set.

    The files are first gathered in ``staged`` (in the output directory, so
    the final rename is atomic even when --scratch is another file system).
    """
    staged.mkdir()
    for f in files:
        shutil.move(f, staged / f.name)
    if target.exists():
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    if model == "standalone":
        os.replace(staged / files[0].name, target)
    else:
        os.replace(staged, target)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--scale", choices=SCALES, required=True)
    p.add_argument("--kind", choices=KINDS, default="nb")
    p.add_argument("--model", choices=("standalone", "cluster"), default="standalone")
    p.add_argument("--out", type=Path, default=Path("benchmarks/data"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--txn-size", type=int, default=1000, help="operations per base transaction")
    p.add_argument("--election-timer", type=int, default=4000, help="cluster election timer, ms")
    p.add_argument(
        "--max-server-age",
        type=float,
        default=DEFAULT_MAX_SERVER_AGE,
        help="seconds a server may run before it is restarted (standalone) or generation "
        "fails (cluster), to stay clear of automatic compaction",
    )
    p.add_argument(
        "--scratch",
        type=Path,
        help="directory for the servers' files while generating (default: --out); a tmpfs "
        "such as /dev/shm makes cluster generation ~2x faster, since Raft fsyncs every entry",
    )
    p.add_argument("--force", action="store_true", help="replace an existing data set")
    p.add_argument(
        "--keep-work",
        action="store_true",
        help="keep the scratch directory (server logs) for debugging",
    )
    return p.parse_args(argv)


def _terminate(signum: int, frame: FrameType | None) -> None:
    # Turn SIGTERM into an exception so the servers are stopped by ``with``.
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        manifest = generate(args)
    except (GenerationError, RpcError, RuntimeError, OSError) as exc:
        print(f"generate: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("generate: interrupted; servers stopped", file=sys.stderr)
        return 130
    gen = manifest["generation"]
    sizes = ", ".join(
        f"{f['file']} {f['bytes']:,} B / {f['records']:,} records" for f in manifest["files"]
    )
    print(
        f"{manifest['name']}: {manifest['rows_total']:,} rows, "
        f"{manifest['transactions']['base']} base + {manifest['transactions']['churn']} churn "
        f"transactions in {gen['total_seconds']:.1f} s ({sizes})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
