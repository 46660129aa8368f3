"""Decode a huge ``transact``/``select`` reply: throughput and peak memory per method.

Why: ``ovsdb-client backup`` of the large NB (502 MB) peaks at 4.3 GB because it
holds the whole reply as a JSON tree; ovsdb-backup must stay under ~1 GB.  This
benchmark compares ways of turning the reply bytes into rows:

* ``orjson-whole``   read the whole reply, one ``orjson.loads`` (the non-streaming baseline)
* ``plain``          our Decoder in plain mode (boundary scan + one orjson.loads)
* ``stream``         our Decoder in streaming mode (row batches)
* ``stream-dumps``   ``stream`` plus ``orjson.dumps`` of every batch (what a backup writer adds)
* ``ijson``          ``ijson.items_coro`` with the yajl2_c backend, one row at a time

Each method runs in a fresh child process (so peak RSS is its own), reading the
reply from a file in 256 KiB chunks, as a socket would deliver it.

    python benchmarks/protocol_stream.py --size-mb 300 --repeat 3 [--gc both]

The ``ijson`` method needs ``pip install ijson`` (not a project dependency: it lost).

The synthetic reply is shaped like a full-database ``select`` of an OVN NB of a
Neutron deployment (table mix and row sizes of the baseline's large NB; one
``Port_Group`` holds every port, address sets of 2,000 IPs, 10 % of ACL
matches contain escaped quotes).  It is written to ``benchmarks/work/``.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import orjson

CHUNK = 256 * 1024
WORK = Path(__file__).resolve().parent / "work"
METHODS = ("orjson-whole", "plain", "stream", "stream-dumps", "ijson")

# rows per "unit" of data, after the large NB of reference/baseline-performance.md
MIX = {"LSP": 270, "ACL": 144, "NAT": 72, "AS": 36, "PG": 18, "LS": 9, "LR": 2}


def _uuid(rnd: random.Random) -> str:
    return str(uuid.UUID(int=rnd.getrandbits(128), version=4))


def _ref(rnd: random.Random) -> list[str]:
    return ["uuid", _uuid(rnd)]


def _ip(rnd: random.Random) -> str:
    return f"10.{rnd.randrange(256)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"


def _mac(rnd: random.Random) -> str:
    return "fa:16:3e:" + ":".join(f"{rnd.randrange(256):02x}" for _ in range(3))


def _base(rnd: random.Random) -> dict[str, Any]:
    return {"_uuid": _ref(rnd), "_version": _ref(rnd)}


def _neutron_ids(rnd: random.Random, n: int) -> list[Any]:
    keys = ["device_id", "device_owner", "network_name", "port_name", "project_id"]
    keys += ["revision_number", "security_group_ids", "cidrs", "host_id", "subnet_pool"]
    return ["map", [[f"neutron:{k}", _uuid(rnd)] for k in keys[:n]]]


def _lsp(rnd: random.Random, i: int) -> dict[str, Any]:
    mac, ip = _mac(rnd), _ip(rnd)
    return _base(rnd) | {
        "name": _uuid(rnd),
        "type": "",
        "options": ["map", [["requested-chassis", f"compute-{i % 500}"]]],
        "parent_name": ["set", []],
        "tag_request": ["set", []],
        "tag": ["set", []],
        "addresses": f"{mac} {ip}",
        "dynamic_addresses": ["set", []],
        "port_security": f"{mac} {ip}",
        "up": True,
        "enabled": True,
        "dhcpv4_options": _ref(rnd),
        "dhcpv6_options": ["set", []],
        "ha_chassis_group": ["set", []],
        "mirror_rules": ["set", []],
        "external_ids": _neutron_ids(rnd, 9),
    }


def _acl(rnd: random.Random, i: int) -> dict[str, Any]:
    pg = "pg_" + _uuid(rnd).replace("-", "_")
    if i % 10 == 0:  # OVN-Kubernetes style: quoted port names -> backslashes in JSON
        match = f'inport == "{_uuid(rnd)}" && ip4 && ip4.dst == {_ip(rnd)}/24'
    else:
        match = f"outport == @{pg} && ip4 && ip4.src == ${pg}_ip4 && tcp && tcp.dst == 22"
    return _base(rnd) | {
        "action": "allow-related",
        "direction": "to-lport",
        "match": match,
        "priority": 1002,
        "log": False,
        "meter": ["set", []],
        "name": ["set", []],
        "severity": ["set", []],
        "label": 0,
        "tier": 0,
        "options": ["map", []],
        "external_ids": ["map", [["neutron:security_group_rule_id", _uuid(rnd)]]],
    }


def _nat(rnd: random.Random, i: int) -> dict[str, Any]:
    return _base(rnd) | {
        "external_ip": _ip(rnd),
        "logical_ip": _ip(rnd),
        "type": "dnat_and_snat",
        "external_mac": _mac(rnd),
        "logical_port": _uuid(rnd),
        "external_port_range": "",
        "gateway_port": ["set", []],
        "allowed_ext_ips": ["set", []],
        "exempted_ext_ips": ["set", []],
        "options": ["map", [["stateless", "false"]]],
        "external_ids": _neutron_ids(rnd, 4),
    }


def _address_set(rnd: random.Random, i: int) -> dict[str, Any]:
    size = 2000 if i % 300 == 0 else rnd.randrange(1, 12)
    return _base(rnd) | {
        "name": f"pg_{_uuid(rnd).replace('-', '_')}_ip4",
        "addresses": ["set", [_ip(rnd) for _ in range(size)]],
        "external_ids": ["map", [["neutron:security_group_id", _uuid(rnd)]]],
    }


def _port_group(rnd: random.Random, i: int, all_ports: int) -> dict[str, Any]:
    n_ports = all_ports if i == 0 else rnd.randrange(5, 30)  # neutron_pg_drop holds every port
    return _base(rnd) | {
        "name": "neutron_pg_drop" if i == 0 else f"pg_{_uuid(rnd).replace('-', '_')}",
        "ports": ["set", [_ref(rnd) for _ in range(n_ports)]],
        "acls": ["set", [_ref(rnd) for _ in range(rnd.randrange(2, 12))]],
        "external_ids": ["map", [["neutron:security_group_id", _uuid(rnd)]]],
    }


def _switch(rnd: random.Random, i: int) -> dict[str, Any]:
    return _base(rnd) | {
        "name": f"neutron-{_uuid(rnd)}",
        "ports": ["set", [_ref(rnd) for _ in range(30)]],
        "acls": ["set", []],
        "qos_rules": ["set", []],
        "load_balancer": ["set", []],
        "dns_records": ["set", []],
        "forwarding_groups": ["set", []],
        "load_balancer_group": ["set", []],
        "copp": ["set", []],
        "other_config": ["map", [["mcast_snoop", "false"], ["vlan-passthru", "false"]]],
        "external_ids": _neutron_ids(rnd, 5),
    }


def _router(rnd: random.Random, i: int) -> dict[str, Any]:
    return _switch(rnd, i) | {"nat": ["set", [_ref(rnd) for _ in range(40)]]}


def generate(path: Path, size_mb: int, seed: int = 1) -> None:
    """Write a select reply of about ``size_mb`` MB, one table per operation."""
    rnd = random.Random(seed)
    units = max(1, size_mb * 1_000_000 // (MIX["LSP"] * 1950))
    makers = {
        "LSP": _lsp, "ACL": _acl, "NAT": _nat, "AS": _address_set,
        "LS": _switch, "LR": _router,
    }  # fmt: skip
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as out:
        out.write(b'{"id":1,"result":[')
        for t, (table, per_unit) in enumerate(MIX.items()):
            out.write(b',{"rows":[' if t else b'{"rows":[')
            for i in range(per_unit * units):
                if table == "PG":
                    row = _port_group(rnd, i, MIX["LSP"] * units)
                else:
                    row = makers[table](rnd, i)
                out.write(b"," + orjson.dumps(row) if i else orjson.dumps(row))
            out.write(b"]}")
        out.write(b'],"error":null}')
    tmp.rename(path)


# ----------------------------------------------------------------- methods (child side)


def _chunks(path: Path) -> Any:
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            yield chunk


def run_method(method: str, path: Path) -> dict[str, Any]:
    rows = 0
    if method == "orjson-whole":
        reply = orjson.loads(path.read_bytes())
        rows = sum(len(r["rows"]) for r in reply["result"])
    elif method in ("plain", "stream", "stream-dumps"):
        from ovsdb_backup.protocol.jsonrpc import Decoder, Response, RowBatch

        decoder = Decoder()
        if method != "plain":
            decoder.stream_reply(1)
        dumped = 0
        for chunk in _chunks(path):
            for event in decoder.feed(chunk):
                if isinstance(event, RowBatch):
                    rows += len(event.rows)
                    if method == "stream-dumps":
                        dumped += len(orjson.dumps(event.rows))
                elif isinstance(event, Response) and event.row_counts is None:
                    rows = sum(len(r["rows"]) for r in event.result)
    elif method == "ijson":
        import ijson

        assert ijson.backend == "yajl2_c", ijson.backend
        sink = ijson.sendable_list()
        coro = ijson.items_coro(sink, "result.item.rows.item", use_float=True)
        for chunk in _chunks(path):
            coro.send(chunk)
            rows += len(sink)
            del sink[:]
        coro.close()
        rows += len(sink)
    else:
        raise SystemExit(f"unknown method {method}")
    return {"rows": rows}


def child(method: str, path: Path, gc_off: bool) -> None:
    if method == "ijson":
        import ijson  # noqa: F401  (import time is not decoding time)
    else:
        import ovsdb_backup.protocol.jsonrpc  # noqa: F401
    if gc_off:
        gc.disable()
    start = time.perf_counter()
    cpu0 = time.process_time()
    out = run_method(method, path)
    out["seconds"] = time.perf_counter() - start
    out["cpu"] = time.process_time() - cpu0
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out), flush=True)
    sys.stdout.flush()
    # Freeing a multi-GB tree takes seconds and is not part of decoding.
    import os

    os._exit(0)


# ----------------------------------------------------------------- driver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gc", choices=("on", "off", "both"), default="both")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument(
        "--child", nargs=3, metavar=("METHOD", "FILE", "GC"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), args.child[2] == "off")
        return
    WORK.mkdir(exist_ok=True)
    path = WORK / f"select-reply-{args.size_mb}mb.json"
    if not path.exists():
        t0 = time.perf_counter()
        generate(path, args.size_mb)
        print(f"generated {path} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    size = path.stat().st_size
    print(f"reply: {size / 1e6:.0f} MB, chunks of {CHUNK // 1024} KiB, median of {args.repeat}")
    print("MB/s is reply bytes per CPU second of the decoding process (the host is shared).")
    print(
        f"{'method':14} {'gc':4} {'rows':>8} {'wall s':>7} {'cpu s':>6} "
        f"{'MB/s (cpu)':>10} {'peak RSS MB':>12}"
    )
    gcs = ("on", "off") if args.gc == "both" else (args.gc,)
    for method in args.methods.split(","):
        for gc_mode in gcs:
            runs = []
            for _ in range(args.repeat):
                cmd = [sys.executable, __file__, "--child", method, str(path), gc_mode]
                res = subprocess.run(cmd, capture_output=True, text=True, check=True)
                runs.append(json.loads(res.stdout))
            wall = statistics.median(r["seconds"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            rss = statistics.median(r["peak_rss_mb"] for r in runs)
            print(
                f"{method:14} {gc_mode:4} {runs[0]['rows']:>8} {wall:>7.2f} {cpu:>6.2f} "
                f"{size / 1e6 / cpu:>10.0f} {rss:>12.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
