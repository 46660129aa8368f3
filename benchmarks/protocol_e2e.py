"""Whole-database select from a real ovsdb-server: our streaming client vs ``ovsdb-client backup``.

Starts a standalone OVN NB server in a scratch directory, fills it with
Neutron-shaped ports (``--ports``), then measures in child processes:

* ``ovsdb-client backup`` (writes the DB file to /dev/null): wall, client CPU, client peak RSS;
* ``OvsdbClient.transact_stream`` of every table (rows counted, or re-serialised
  with orjson to estimate a writer): the same figures.

    python benchmarks/protocol_e2e.py --ports 100000

The server is stopped by pid at the end, also on failure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

SCHEMA = "/usr/share/ovn/ovn-nb.ovsschema"
DB = "OVN_Northbound"


def _child_usage() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


async def _populate(remote: str, ports: int) -> None:
    from ovsdb_backup.protocol import OvsdbClient, parse_remote

    async with OvsdbClient(parse_remote(remote), request_timeout=600) as client:
        per_switch = 1000
        for s in range(0, ports, per_switch):
            ops: list[dict[str, Any]] = [
                {
                    "op": "insert",
                    "table": "Logical_Switch_Port",
                    "uuid-name": f"p{p}",
                    "row": {
                        "name": f"port-{s + p:08d}-5f0c3e2a-9d41-4b7e-8a6f",
                        "addresses": f"fa:16:3e:{p % 256:02x}:{s // 1000 % 256:02x}:01 10.0.0.9",
                        "port_security": f"fa:16:3e:{p % 256:02x}:00:01 10.0.0.9",
                        "external_ids": [
                            "map",
                            [[f"neutron:key{k}", f"value-{s + p}-{k}-5f0c3e2a"] for k in range(8)],
                        ],
                    },
                }
                for p in range(min(per_switch, ports - s))
            ]
            ops.append(
                {
                    "op": "insert",
                    "table": "Logical_Switch",
                    "row": {
                        "name": f"net-{s}",
                        "ports": ["set", [["named-uuid", f"p{p}"] for p in range(len(ops))]],
                    },
                }
            )
            await client.transact(DB, ops)


async def _stream_all(remote: str, dump: bool) -> dict[str, Any]:
    from ovsdb_backup.protocol import OvsdbClient, parse_remote

    rows = 0
    out_bytes = 0

    def sink(index: int, batch: list[dict[str, Any]]) -> None:
        nonlocal rows, out_bytes
        rows += len(batch)
        if dump:
            out_bytes += len(orjson.dumps(batch))

    async with OvsdbClient(parse_remote(remote)) as client:
        schema = await client.get_schema(DB)
        ops = [{"op": "select", "table": t, "where": []} for t in schema.tables]
        await client.transact_stream(DB, ops, sink)
    return {"rows": rows, "out_bytes": out_bytes}


def child(remote: str, dump: bool) -> None:
    start = time.perf_counter()
    result = asyncio.run(_stream_all(remote, dump))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result |= {
        "seconds": time.perf_counter() - start,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
    }
    print(json.dumps(result), flush=True)
    os._exit(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ports", type=int, default=100_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1] == "dump")
        return
    work = Path(tempfile.mkdtemp(prefix="ovsp-e2e-", dir="/tmp"))
    server = None
    try:
        db = work / "nb.db"
        subprocess.run(["ovsdb-tool", "create", str(db), SCHEMA], check=True)
        sock = work / "nb.sock"
        server = subprocess.Popen(
            [
                shutil.which("ovsdb-server") or "/usr/sbin/ovsdb-server",
                "--no-chdir",
                f"--remote=punix:{sock}",
                f"--unixctl={work / 'nb.ctl'}",
                f"--log-file={work / 'nb.log'}",
                "-vconsole:off",
                str(db),
            ]
        )
        while not sock.exists():
            time.sleep(0.05)
        remote = f"unix:{sock}"
        t0 = time.perf_counter()
        asyncio.run(_populate(remote, args.ports))
        print(f"populated {args.ports} ports in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

        cpu0, _ = _child_usage()
        t0 = time.perf_counter()
        with open(os.devnull, "wb") as null:
            subprocess.run(["ovsdb-client", "backup", remote, DB], stdout=null, check=True)
        wall = time.perf_counter() - t0
        cpu1, rss = _child_usage()
        size = os.path.getsize(db)
        print(f"db file {size / 1e6:.0f} MB, {args.ports} ports")
        print(f"{'client':28} {'rows':>8} {'wall s':>7} {'cpu s':>6} {'peak RSS MB':>12}")
        print(f"{'ovsdb-client backup':28} {'':>8} {wall:>7.2f} {cpu1 - cpu0:>6.2f} {rss:>12.0f}")
        for mode in ("count", "dump"):
            cmd = [sys.executable, __file__, "--child", remote, mode]
            r = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
            print(
                f"{'transact_stream (' + mode + ')':28} {r['rows']:>8} {r['seconds']:>7.2f} "
                f"{r['cpu']:>6.2f} {r['peak_rss_mb']:>12.0f}"
            )
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
