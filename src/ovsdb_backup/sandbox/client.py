"""Reading live servers with the reference ``ovsdb-client`` (an oracle, not our client).

Fixtures and the sandbox use ``ovsdb-client`` on purpose: tests of our own
protocol code must not depend on that same code to set up or check a server.
"""

from __future__ import annotations

import time
from typing import Any

import orjson

from ..errors import ToolError
from .tools import find_tools, run_tool

Rows = dict[str, dict[str, dict[str, Any]]]  # table -> uuid -> column -> JSON value


def transact(remote: str, txn: list[Any], *, timeout: float = 10.0) -> list[Any]:
    """Run one RFC 7047 transaction (``[db, op, …]``) and return the result array."""
    out = run_tool(
        [
            find_tools().ovsdb_client,
            f"--timeout={max(1, round(timeout))}",
            "transact",
            remote,
            orjson.dumps(txn).decode(),
        ],
        timeout=timeout + 2,
        what=f"ovsdb-client transact {remote}",
    )
    result: list[Any] = orjson.loads(out)
    for reply in result:
        if isinstance(reply, dict) and "error" in reply:
            raise ToolError(f"transaction on {remote} failed: {reply}")
    return result


def server_database(remote: str, db_name: str, *, timeout: float = 10.0) -> dict[str, Any] | None:
    """The ``_Server.Database`` row of ``db_name`` on one server (None if absent).

    With a single remote ``ovsdb-client`` neither checks leadership nor
    ``connected``, which is exactly what we want: this asks *that* server.
    """
    select = {"op": "select", "table": "Database", "where": [["name", "==", db_name]]}
    rows = transact(remote, ["_Server", select], timeout=timeout)[0]["rows"]
    return rows[0] if rows else None


def list_dbs(remote: str, *, timeout: float = 10.0) -> list[str]:
    tools = find_tools()
    argv = [tools.ovsdb_client, f"--timeout={max(1, round(timeout))}", "list-dbs", remote]
    return run_tool(argv, timeout=timeout + 2).split()


def wait_database_synced(remote: str, db_name: str, *, timeout: float = 20.0) -> dict[str, Any]:
    """Wait until ``db_name`` on ``remote`` has a schema and is ``connected``.

    A relay (or a joining member) lists the database before it has any data; an
    empty ``schema`` column means "not synced yet".
    """
    deadline = time.monotonic() + timeout
    row: dict[str, Any] | None = None
    while True:
        try:
            row = server_database(remote, db_name, timeout=5)
        except ToolError:
            row = None
        if row and row.get("schema") and row.get("connected") is True:
            return row
        if time.monotonic() >= deadline:
            raise ToolError(f"{remote}: database {db_name} not synced after {timeout:g} s: {row}")
        time.sleep(0.05)


def snapshot_rows(remote: str, db_name: str, *, timeout: float = 20.0) -> Rows:
    """Every row of ``db_name`` as ``ovsdb-client backup`` sees it (one atomic select).

    The backup output is a standalone DB file with exactly two records whose JSON
    bodies are single lines (JSON escapes any newline), so the 4th line is the data.
    """
    tools = find_tools()
    argv = [tools.ovsdb_client, f"--timeout={max(1, round(timeout))}", "backup", remote, db_name]
    lines = run_tool(argv, timeout=timeout + 2).splitlines()
    if len(lines) < 4 or not lines[2].startswith("OVSDB JSON "):
        raise ToolError(f"unexpected ovsdb-client backup output from {remote}")
    data = orjson.loads(lines[3])
    return {k: v for k, v in data.items() if not k.startswith("_") and v}


def wait_same_rows(source: str, copy: str, db_name: str, *, timeout: float = 20.0) -> Rows:
    """Wait until ``copy`` (a relay or backup) serves exactly the rows of ``source``."""
    deadline = time.monotonic() + timeout
    while True:
        expected, actual = snapshot_rows(source, db_name), snapshot_rows(copy, db_name)
        if expected == actual:
            return actual
        if time.monotonic() >= deadline:
            raise ToolError(f"{copy} does not serve the rows of {source} after {timeout:g} s")
        time.sleep(0.1)
