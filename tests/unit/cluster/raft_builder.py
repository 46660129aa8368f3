"""Hand-built clustered member files for the pure diagnosis rules (no servers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ovsdb_backup.formats.records import encode_json_record

CID = "cccccccc-0000-4000-8000-000000000001"
SIDS = [f"{c * 8}-0000-4000-8000-00000000000{i}" for i, c in enumerate("abc", 1)]
ADDRS = [f"tcp:127.0.0.1:{6641 + i}" for i in range(3)]
SCHEMA = {
    "name": "Mini",
    "version": "1.0.0",
    "tables": {"T": {"columns": {"name": {"type": "string"}}, "isRoot": True}},
}
CONFIG = dict(zip(SIDS, ADDRS, strict=True))


def header(member: int, *, cid: str = CID, name: str = "Mini") -> dict[str, Any]:
    return {
        "server_id": SIDS[member],
        "cluster_id": cid,
        "name": name,
        "local_address": ADDRS[member],
        "prev_index": 1,
        "prev_term": 1,
        "prev_eid": "eeeeeeee-0000-4000-8000-000000000000",
        "prev_servers": CONFIG,
        "prev_data": [SCHEMA, {}],
    }


def entry(index: int, term: int, name: str | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {"term": term, "index": index}
    if name is not None:
        row = f"00000000-0000-4000-8000-{index:012d}"
        txn = {"T": {row: {"name": name}}, "_is_diff": True, "_comment": f"add {name}"}
        rec["data"] = [None, {**txn, "_date": 1_700_000_000_000 + index}]
        rec["eid"] = f"eeeeeeee-{term:04d}-4000-8000-{index:012d}"
    return rec


def commit(index: int) -> dict[str, Any]:
    return {"commit_index": index}


def write(path: Path, member: int, *records: dict[str, Any], hdr: dict | None = None) -> Path:
    data = b"".join(encode_json_record("CLUSTER", r) for r in (hdr or header(member), *records))
    path.write_bytes(data)
    return path


def common_log(n: int = 4) -> list[dict[str, Any]]:
    """Entries 2..n+1 in term 1, each followed by its commit record."""
    out: list[dict[str, Any]] = [{"term": 1, "vote": SIDS[0]}]
    for i in range(2, n + 2):
        out += [entry(i, 1, f"r{i}"), commit(i)]
    return out
