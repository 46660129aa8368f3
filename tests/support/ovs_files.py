"""Small database files written by the real Open vSwitch programs, for format tests.

The property and corruption tests need files whose every byte came from
ovsdb-server itself (diff records included): a short-lived server from the
sandbox machinery applies transactions sent with ovsdb-client.
"""

from __future__ import annotations

import json
import socket
import subprocess
from pathlib import Path
from typing import Any

from ovsdb_backup.sandbox.client import transact
from ovsdb_backup.sandbox.servers import start_standalone

MINI_SCHEMA: dict[str, Any] = {
    "name": "Mini",
    "version": "1.0.0",
    "tables": {
        "Switch": {
            "isRoot": True,
            "columns": {
                "name": {"type": "string"},
                "ports": {
                    "type": {
                        "key": {"type": "uuid", "refTable": "Port"},
                        "min": 0,
                        "max": "unlimited",
                    }
                },
                "tags": {"type": {"key": "string", "min": 0, "max": "unlimited"}},
                "kv": {"type": {"key": "string", "value": "string", "min": 0, "max": "unlimited"}},
                "nets": {"type": {"key": "string", "min": 1, "max": "unlimited"}},
            },
        },
        "Port": {"columns": {"name": {"type": "string"}, "up": {"type": "boolean"}}},
    },
}


def run_transactions(db_path: Path, db_name: str, txns: list[list[Any]]) -> None:
    """Serve ``db_path`` with a real ovsdb-server while ovsdb-client runs ``txns``."""
    server = start_standalone(db_path.parent / "server", db_path, name="files", tcp=False)
    try:
        for txn in txns:
            transact(server.remote, [db_name, *txn])
    finally:
        server.stop()


def mini_churn_txns() -> list[list[Any]]:
    """Inserts, set and map diffs, a min:1 set column at its default, deletes."""
    return [
        [
            {"op": "insert", "table": "Port", "row": {"name": "p1"}, "uuid-name": "p1"},
            {"op": "insert", "table": "Port", "row": {"name": "p2", "up": True}, "uuid-name": "p2"},
            {
                "op": "insert",
                "table": "Switch",
                "row": {
                    "name": "sw0",
                    "ports": ["set", [["named-uuid", "p1"], ["named-uuid", "p2"]]],
                    "kv": ["map", [["k1", "v1"], ["k2", "v2"]]],
                },
            },
            {"op": "comment", "comment": "create sw0"},
        ],
        [
            {
                "op": "mutate",
                "table": "Switch",
                "where": [["name", "==", "sw0"]],
                "mutations": [["tags", "insert", ["set", ["x", "y"]]]],
            },
        ],
        [
            {
                "op": "mutate",
                "table": "Switch",
                "where": [["name", "==", "sw0"]],
                "mutations": [
                    ["tags", "delete", "x"],
                    ["kv", "delete", ["set", ["k1"]]],
                    ["kv", "insert", ["map", [["k3", "v3"]]]],
                ],
            },
        ],
        [
            {
                "op": "update",
                "table": "Switch",
                "where": [["name", "==", "sw0"]],
                "row": {"nets": ["set", ["10.0.0.1/24"]]},
            },
        ],
        [
            {"op": "insert", "table": "Switch", "row": {"name": "sw1"}},
            {"op": "update", "table": "Port", "where": [["name", "==", "p1"]], "row": {"up": True}},
        ],
        [
            {
                "op": "update",
                "table": "Switch",
                "where": [["name", "==", "sw0"]],
                "row": {"kv": ["map", [["k2", "CHANGED"], ["k3", "v3"]]]},
            },
        ],
        [
            {"op": "delete", "table": "Switch", "where": [["name", "==", "sw1"]]},
            {"op": "comment", "comment": "delete sw1"},
        ],
    ]


def make_mini_standalone(workdir: Path) -> Path:
    """A standalone Mini database written by ovsdb-server, with diff records."""
    workdir.mkdir(parents=True, exist_ok=True)
    schema = workdir / "mini.ovsschema"
    schema.write_text(json.dumps(MINI_SCHEMA, indent=2))
    db = workdir / "mini.db"
    subprocess.run(["ovsdb-tool", "create", str(db), str(schema)], check=True)
    run_transactions(db, "Mini", mini_churn_txns())
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_mini_single_cluster(workdir: Path) -> Path:
    """A one-member clustered Mini database written by ovsdb-server."""
    workdir.mkdir(parents=True, exist_ok=True)
    schema = workdir / "mini.ovsschema"
    schema.write_text(json.dumps(MINI_SCHEMA, indent=2))
    db = workdir / "mini-cluster.db"
    subprocess.run(
        ["ovsdb-tool", "create-cluster", str(db), str(schema), f"tcp:127.0.0.1:{free_port()}"],
        check=True,
        capture_output=True,
    )
    run_transactions(db, "Mini", mini_churn_txns())
    return db


def query_rows(db_path: Path, db_name: str, table: str) -> dict[str, dict[str, Any]]:
    """Rows of a table as ovsdb-tool reads them: uuid -> row (without _uuid/_version)."""
    out = subprocess.run(
        [
            "ovsdb-tool",
            "query",
            str(db_path),
            json.dumps([db_name, {"op": "select", "table": table, "where": []}]),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rows = json.loads(out)[0]["rows"]
    return {r.pop("_uuid")[1]: {k: v for k, v in r.items() if k != "_version"} for r in rows}
