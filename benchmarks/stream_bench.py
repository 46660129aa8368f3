"""Continuous backup: how fast a stream the agent keeps up with, its lag, and PITR speed.

Two measurements:

``load``  A real ovsdb-server (standalone, or a 3-member cluster with ``--cluster``) and
          the agent (``ovsdb-backup stream``, a child process, default settings: fsync
          before anything is reported) while writers commit transactions as fast as the
          server takes them (``--writers`` connections, each transaction inserting
          ``--rows`` ports into a switch). Reports the server's commit rate (txn/s,
          rows/s), how far behind the agent ended (catch-up time after the load stops),
          the lag per transaction (agent's "seen" time minus the writer's commit reply;
          negative when the update arrived before the reply), and the agent's CPU.

``agent`` The agent alone, fed ``update3`` events from memory: its ceiling (one fsync per
          ``--batch`` updates; 1 = one fsync per transaction, the worst case).

``base``  The first base of a big database (a file served by a standalone server): time
          until the segment exists, the agent's peak RSS, what it holds after; with
          ``--update-ports N``, then one transaction inserting N ports (a streamed
          update3) and the agent's peak while recording it.

``pitr``  A segment of ``--transactions`` (default 100k) small transactions on an NB
          base of a few thousand rows, written with the agent's own record writer, then
          ``restore_point`` to its middle and its end, timed.

    python benchmarks/stream_bench.py load --seconds 20 --rows 1
    python benchmarks/stream_bench.py load --cluster --seconds 20 --rows 10
    python benchmarks/stream_bench.py agent --transactions 20000 --batch 1
    python benchmarks/stream_bench.py pitr --transactions 100000
    python benchmarks/stream_bench.py base data/nb-medium.db --update-ports 100000

Servers are stopped by pid at the end, also on failure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

NB = "OVN_Northbound"


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _writer(
    remote: str, switch: str, rows: int, until: float, acks: dict[str, float]
) -> None:
    from ovsdb_backup.protocol import OvsdbClient, parse_remote

    async with OvsdbClient(parse_remote(remote), request_timeout=60) as client:
        n = 0
        while time.monotonic() < until:
            tag = uuid.uuid4().hex[:12]
            ops: list[dict[str, Any]] = [
                {
                    "op": "insert",
                    "table": "Logical_Switch_Port",
                    "uuid-name": f"p{i}",
                    "row": {
                        "name": f"{tag}-{i}",
                        "addresses": f"fa:16:3e:00:{i % 256:02x}:01 10.0.{i % 256}.9",
                        "external_ids": ["map", [["neutron:device_owner", "compute:nova"]]],
                    },
                }
                for i in range(rows)
            ]
            ops.append(
                {
                    "op": "mutate",
                    "table": "Logical_Switch",
                    "where": [["name", "==", switch]],
                    "mutations": [
                        ["ports", "insert", ["set", [["named-uuid", f"p{i}"] for i in range(rows)]]]
                    ],
                }
            )
            await client.transact(NB, ops)
            acks[tag] = time.time()
            n += 1


async def _load(remote: str, writers: int, rows: int, seconds: float) -> dict[str, float]:
    from ovsdb_backup.protocol import OvsdbClient, parse_remote

    async with OvsdbClient(parse_remote(remote)) as client:
        ops = [
            {"op": "insert", "table": "Logical_Switch", "row": {"name": f"bench-{w}"}}
            for w in range(writers)
        ]
        await client.transact(NB, ops)
    acks: dict[str, float] = {}
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(_writer(remote, f"bench-{w}", rows, until, acks) for w in range(writers))
    )
    return acks


def _seen_times(segments: list[Path]) -> tuple[dict[str, float], int, int]:
    """Port-name tag -> time the agent saw it; records; rows."""
    from ovsdb_backup.formats.dbfile import open_db_file
    from ovsdb_backup.formats.records import Defect
    from ovsdb_backup.formats.standalone import iter_transactions

    seen: dict[str, float] = {}
    records = rows = 0
    for path in segments:
        with open_db_file(str(path)) as f:
            for item in iter_transactions(f.buf, strict=False):
                if isinstance(item, Defect):
                    break
                frame, txn = item
                if frame.number == 1:
                    continue
                records += 1
                date = txn["_date"] / 1000
                for table, changes in txn.items():
                    if table.startswith("_"):
                        continue
                    rows += len(changes)
                    if table != "Logical_Switch_Port":
                        continue
                    for row in changes.values():
                        if isinstance(row, dict) and "name" in row:
                            seen.setdefault(row["name"].split("-")[0], date)
    return seen, records, rows


def run_load(args: argparse.Namespace) -> dict[str, Any]:
    from ovsdb_backup.sandbox.cluster import create_cluster
    from ovsdb_backup.sandbox.servers import start_standalone
    from ovsdb_backup.sandbox.tools import find_schema

    work = Path(tempfile.mkdtemp(prefix="stream-bench-"))
    schema = find_schema("nb")
    if args.cluster:
        cluster = create_cluster(work / "nb", schema, n=3, name="nb")
        stop = cluster.stop_all
        remote = cluster.remotes()
        write_remote = cluster.wait_until_settled().remote
    else:
        server = start_standalone(work / "nb", schema, name="nb")
        stop = server.stop
        remote = write_remote = server.remote
    repo = work / "repo"
    agent = None
    try:
        argv = [sys.executable, "-m", "ovsdb_backup", "stream", "--repo", str(repo), "-r", remote]
        argv += ["--db", NB, "--heartbeat", "0.5s", "--log", str(work / "agent.log")]
        agent = subprocess.Popen(argv)
        seg_dir = repo / "streams" / NB
        deadline = time.monotonic() + 30
        while not (seg_dir.exists() and any(seg_dir.glob("*.log"))):
            if time.monotonic() > deadline or agent.poll() is not None:
                raise SystemExit(f"agent did not start; see {work / 'agent.log'}")
            time.sleep(0.05)
        time.sleep(0.5)
        cpu0 = _cpu_seconds(agent.pid)
        started = time.time()
        acks = asyncio.run(_load(write_remote, args.writers, args.rows, args.seconds))
        stopped = time.time()
        # Catch-up: until every acked transaction is in the segment.
        while True:
            seen, records, rows = _seen_times(sorted(seg_dir.glob("*.log")))
            if all(tag in seen for tag in acks) or time.time() - stopped > 120:
                break
            time.sleep(0.1)
        caught_up = time.time()
        cpu = _cpu_seconds(agent.pid) - cpu0
        lags = sorted(seen[tag] - acks[tag] for tag in acks if tag in seen)
        missing = sum(1 for tag in acks if tag not in seen)
    finally:
        if agent is not None:
            agent.send_signal(signal.SIGTERM)
            agent.wait(60)
        stop()
    span = stopped - started
    txns = len(acks)
    return {
        "mode": "cluster" if args.cluster else "standalone",
        "writers": args.writers,
        "rows_per_txn": args.rows,
        "seconds": round(span, 1),
        "committed_txns": txns,
        "txn_per_s": round(txns / span),
        "rows_per_s": round(txns * (args.rows + 1) / span),
        "agent_records": records,
        "agent_rows": rows,
        "missing": missing,
        "catch_up_s": round(caught_up - stopped, 2),
        "lag_ms_median": round(statistics.median(lags) * 1000, 1) if lags else None,
        "lag_ms_p99": round(lags[int(len(lags) * 0.99) - 1] * 1000, 1) if lags else None,
        "lag_ms_max": round(lags[-1] * 1000, 1) if lags else None,
        "agent_cpu_s": round(cpu, 1),
        "agent_cpu_share": round(cpu / (caught_up - started), 2),
    }


def run_pitr(args: argparse.Namespace) -> dict[str, Any]:
    from ovsdb_backup.model.database import Database
    from ovsdb_backup.model.schema import DatabaseSchema
    from ovsdb_backup.repo.catalog import load
    from ovsdb_backup.repo.layout import new_segment_name, open_repository
    from ovsdb_backup.repo.pitr import restore_point
    from ovsdb_backup.repo.segment import Mark, SegmentWriter, txn_record
    from ovsdb_backup.sandbox.tools import find_schema

    schema = DatabaseSchema.from_json(json.loads(find_schema("nb").read_text()))
    db = Database(schema)
    switches = [str(uuid.uuid4()) for _ in range(50)]
    db.apply_txn({"Logical_Switch": {s: {"name": f"sw{i}"} for i, s in enumerate(switches)}})
    ports: list[tuple[str, str]] = []
    for i in range(args.base_rows):
        port = str(uuid.uuid4())
        sw = switches[i % 50]
        db.apply_txn(
            {
                "Logical_Switch_Port": {
                    port: {"name": f"base-{i}", "addresses": "fa:16:3e:00:00:01"}
                },
                "Logical_Switch": {sw: {"ports": ["uuid", port]}},
                "_is_diff": True,
            }
        )
        ports.append((port, sw))
    work = Path(tempfile.mkdtemp(prefix="pitr-bench-"))
    repo = open_repository(work / "repo", create=True)
    t0 = 1_800_000_000_000
    path = repo.segment_path(NB, new_segment_name(t0))
    writer = SegmentWriter.create(
        path, db, t0, Mark("base", str(uuid.uuid4()), {"model": "clustered"})
    )
    write_start = time.perf_counter()
    batch: list[bytes] = []
    for n in range(args.transactions):
        date = t0 + (n + 1) * 10
        kind = n % 4
        if kind < 2 or not ports:  # insert a port into a switch
            port, sw = str(uuid.uuid4()), switches[n % 50]
            changes = {
                "Logical_Switch_Port": {port: {"name": f"p-{n}", "addresses": "fa:16:3e:00:00:02"}},
                "Logical_Switch": {sw: {"ports": ["uuid", port]}},
            }
            ports.append((port, sw))
        elif kind == 2:  # change a port's external_ids
            port, _sw = ports[n % len(ports)]
            changes = {"Logical_Switch_Port": {port: {"external_ids": ["map", [["n", str(n)]]]}}}
        else:  # delete the oldest port
            port, sw = ports.pop(0)
            changes = {
                "Logical_Switch_Port": {port: None},
                "Logical_Switch": {sw: {"ports": ["uuid", port]}},
            }
        batch.append(txn_record(changes, date, Mark("txn", str(uuid.uuid4()))))
        if len(batch) >= 1000:
            writer.add_records(batch)
            batch = []
    writer.add_records(batch)
    writer.sync()
    writer.close()
    write_s = time.perf_counter() - write_start
    size = path.stat().st_size
    catalog = load(repo)
    results: dict[str, Any] = {
        "transactions": args.transactions,
        "base_rows": args.base_rows + 50,
        "segment_mb": round(size / 1e6, 1),
        "write_s": round(write_s, 2),
    }
    for label, at in (("middle", t0 + args.transactions * 5), ("end", None)):
        start = time.perf_counter()
        point = restore_point(repo, NB, to_time_ms=at, catalog=catalog)
        seconds = time.perf_counter() - start
        results[f"restore_{label}_s"] = round(seconds, 2)
        results[f"restore_{label}_records"] = point.record
        results[f"restore_{label}_txn_per_s"] = round((point.record - 1) / seconds)
    return results


def run_agent(args: argparse.Namespace) -> dict[str, Any]:
    """The agent's own ceiling: updates fed from memory, each batch written and fsynced."""
    from ovsdb_backup.model.schema import DatabaseSchema
    from ovsdb_backup.protocol import MonitorUpdate, parse_remotes
    from ovsdb_backup.repo.agent import Follower, StreamOptions
    from ovsdb_backup.repo.contents import Contents
    from ovsdb_backup.repo.layout import new_segment_name, open_repository
    from ovsdb_backup.repo.metrics import DbMetrics
    from ovsdb_backup.repo.segment import Mark, SegmentWriter
    from ovsdb_backup.sandbox.tools import find_schema

    schema = DatabaseSchema.from_json(json.loads(find_schema("nb").read_text()))
    work = Path(tempfile.mkdtemp(prefix="agent-bench-"))
    repo = open_repository(work / "repo", create=True)
    opts = StreamOptions(remotes=parse_remotes("unix:/nonexistent"), databases=[NB])
    follower = Follower(repo, NB, opts, DbMetrics(NB))
    db = Contents(schema)
    switch = str(uuid.uuid4())
    db.apply_txn({"Logical_Switch": {switch: {"name": "sw"}}})
    follower.held.db, follower.held.schema_json = db, schema.json
    path = repo.segment_path(NB, new_segment_name(1_800_000_000_000))
    follower.writer = SegmentWriter.create(path, db, 1_800_000_000_000, Mark("base", "t0"))
    events = []
    for n in range(args.transactions):
        ports = {
            str(uuid.uuid4()): {"insert": {"name": f"p-{n}-{i}", "addresses": "fa:16:3e:00:00:02"}}
            for i in range(args.rows)
        }
        refs = ["set", [["uuid", p] for p in ports]]
        updates = {
            "Logical_Switch_Port": ports,
            "Logical_Switch": {switch: {"modify": {"ports": refs}}},
        }
        events.append(MonitorUpdate(str(uuid.uuid4()), updates))

    async def feed() -> float:
        start = time.perf_counter()
        for i in range(0, len(events), args.batch):
            await follower._handle(events[i : i + args.batch])
        return time.perf_counter() - start

    seconds = asyncio.run(feed())
    follower.writer.close()
    return {
        "transactions": args.transactions,
        "rows_per_txn": args.rows + 1,
        "batch": args.batch,
        "seconds": round(seconds, 2),
        "txn_per_s": round(args.transactions / seconds),
        "rows_per_s": round(args.transactions * (args.rows + 1) / seconds),
        "fsyncs": -(-args.transactions // args.batch),
    }


def _status_kb(pid: int, field: str) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith(field))


def _big_transaction(remote: str, ports: int) -> float:
    """One transaction inserting ``ports`` ports into a new switch; returns its commit time."""
    from ovsdb_backup.protocol import OvsdbClient, parse_remote

    ops: list[dict[str, Any]] = [
        {
            "op": "insert",
            "table": "Logical_Switch_Port",
            "uuid-name": f"p{i}",
            "row": {
                "name": f"bulk-{i}",
                "addresses": f"fa:16:3e:{i >> 16 & 255:02x}:{i >> 8 & 255:02x}:{i & 255:02x}",
                "external_ids": ["map", [["neutron:device_owner", "compute:nova"]]],
            },
        }
        for i in range(ports)
    ]
    ops.append(
        {
            "op": "insert",
            "table": "Logical_Switch",
            "row": {
                "name": "bulk",
                "ports": ["set", [["named-uuid", f"p{i}"] for i in range(ports)]],
            },
        }
    )

    async def run() -> None:
        async with OvsdbClient(parse_remote(remote), request_timeout=600) as client:
            await client.transact(NB, ops)

    asyncio.run(run())
    return time.time()


def run_base(args: argparse.Namespace) -> dict[str, Any]:
    """The first base of a big database: time until the segment exists, agent's peak RSS.

    With ``--update-ports N``, one transaction of N ports follows the base, and the
    agent's peak while recording it is reported too.
    """
    import shutil

    from ovsdb_backup.repo.segment import read_segment
    from ovsdb_backup.sandbox.servers import start_standalone

    work = Path(tempfile.mkdtemp(prefix="base-bench-", dir=args.work))
    copy = work / "nb.db"
    shutil.copy(args.db, copy)
    server = start_standalone(work / "srv", copy, name="nb")
    repo = work / "repo"
    agent = None
    result: dict[str, Any] = {"database_file_mb": round(Path(args.db).stat().st_size / 1e6, 1)}
    try:
        argv = [sys.executable, "-m", "ovsdb_backup", "stream", "--repo", str(repo)]
        argv += ["-r", server.remote, "--db", NB, "--log", str(work / "agent.log")]
        started = time.monotonic()
        agent = subprocess.Popen(argv)
        seg_dir = repo / "streams" / NB
        while not (seg_dir.exists() and any(seg_dir.glob("*.log"))):
            if agent.poll() is not None or time.monotonic() - started > 1200:
                raise SystemExit(f"no base; see {work / 'agent.log'}")
            time.sleep(0.1)
        result["seconds_to_base"] = round(time.monotonic() - started, 1)
        result["agent_cpu_to_base_s"] = round(_cpu_seconds(agent.pid), 1)
        result["agent_peak_rss_mb"] = round(_status_kb(agent.pid, "VmHWM") / 1024)
        result["agent_rss_after_base_mb"] = round(_status_kb(agent.pid, "VmRSS") / 1024)
        time.sleep(5)  # what it holds once settled
        result["agent_rss_held_mb"] = round(_status_kb(agent.pid, "VmRSS") / 1024)
        segment = next(seg_dir.glob("*.log"))
        result["base_segment_mb"] = round(segment.stat().st_size / 1e6, 1)
        if args.update_ports:
            size0 = segment.stat().st_size
            committed = _big_transaction(server.remote, args.update_ports)
            records = read_segment(segment).records
            while read_segment(segment).records == records:
                if agent.poll() is not None or time.time() - committed > 600:
                    raise SystemExit(f"update not recorded; see {work / 'agent.log'}")
                time.sleep(0.1)
            result["update_ports"] = args.update_ports
            result["update_record_mb"] = round((segment.stat().st_size - size0) / 1e6, 1)
            result["update_recorded_after_commit_s"] = round(time.time() - committed, 1)
            result["agent_peak_rss_after_update_mb"] = round(_status_kb(agent.pid, "VmHWM") / 1024)
            result["agent_rss_after_update_mb"] = round(_status_kb(agent.pid, "VmRSS") / 1024)
    finally:
        if agent is not None:
            agent.send_signal(signal.SIGTERM)
            agent.wait(300)
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    sub = parser.add_subparsers(dest="what", required=True)
    load = sub.add_parser("load")
    load.add_argument("--cluster", action="store_true")
    load.add_argument("--seconds", type=float, default=20)
    load.add_argument("--writers", type=int, default=4)
    load.add_argument("--rows", type=int, default=1)
    pitr = sub.add_parser("pitr")
    pitr.add_argument("--transactions", type=int, default=100_000)
    pitr.add_argument("--base-rows", type=int, default=5000)
    agent = sub.add_parser("agent")
    agent.add_argument("--transactions", type=int, default=20_000)
    agent.add_argument("--rows", type=int, default=1)
    agent.add_argument("--batch", type=int, default=1, help="updates per write+fsync")
    base = sub.add_parser("base")
    base.add_argument("db", help="a standalone NB database file (e.g. generate.py's)")
    base.add_argument("--update-ports", type=int, default=0, help="then one txn of N ports")
    base.add_argument("--work", default=None, help="where the server's copy lives")
    args = parser.parse_args()
    runs = {"load": run_load, "pitr": run_pitr, "agent": run_agent, "base": run_base}
    result = runs[args.what](args)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
