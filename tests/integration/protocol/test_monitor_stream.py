"""Streamed monitors against a real ovsdb-server: the first reply and big update3s.

The oracle is the non-streamed API on the same server (the whole reply parsed by
one ``orjson.loads``), which ``test_client_standalone`` checks against
``ovsdb-client``.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from ovsdb_backup.protocol.client import (
    MonitorStarted,
    MonitorUpdate,
    MonitorUpdateStream,
    OvsdbClient,
)
from ovsdb_backup.protocol.remotes import parse_remote
from ovsdb_backup.sandbox.server import OvsdbServer

DB = "OVN_Northbound"
# Strings a scanner could trip on: quotes, backslashes, braces, a row boundary.
AWKWARD = ['say "hi"', "back\\slash", "\\", '\\"', "}{", '},"', "{[", "]}", "é€", "tab\there"]
TABLES = ["Address_Set", "Logical_Switch", "Logical_Switch_Port", "Port_Group"]
REQUESTS: dict[str, Any] = {t: [{}] for t in TABLES}  # no "columns": every column


def _client(server: OvsdbServer, **kwargs: Any) -> OvsdbClient:
    return OvsdbClient(parse_remote(server.remote), **kwargs)


def _switch(prefix: str, n: int) -> list[dict[str, Any]]:
    """Insert a switch holding ``n`` new ports (ports nothing refers to are collected)."""
    ports = [
        {
            "op": "insert",
            "table": "Logical_Switch_Port",
            "uuid-name": f"p{i}",
            "row": {
                "name": f"{prefix}-{i} {AWKWARD[i % len(AWKWARD)]}",
                "addresses": f"fa:16:3e:00:{i // 256 % 256:02x}:{i % 256:02x} 10.0.0.{i % 250}",
                "external_ids": [
                    "map",
                    [[f"k{k}{AWKWARD[k]}", AWKWARD[(i + k) % len(AWKWARD)]] for k in range(5)],
                ],
            },
        }
        for i in range(n)
    ]
    switch = {
        "op": "insert",
        "table": "Logical_Switch",
        "row": {
            "name": f"{prefix} {AWKWARD[n % len(AWKWARD)]}",
            "ports": ["set", [["named-uuid", f"p{i}"] for i in range(n)]],
        },
    }
    return [*ports, switch]


async def _populate(c: OvsdbClient) -> None:
    """4,000 ports in 4 switches, and one huge row (an address set of 120,000 IPs)."""
    for s in range(4):
        await c.transact(DB, _switch(f"sw{s}", 1000))
    addresses = [f"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}" for i in range(120_000)]
    await c.transact(
        DB,
        [
            {
                "op": "insert",
                "table": "Address_Set",
                "row": {"name": 'huge "}{"', "addresses": ["set", addresses]},
            }
        ],
    )


def _merge(batches: list[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    for table, rows in batches:
        assert not tables.get(table, {}).keys() & rows.keys()  # each row once
        tables.setdefault(table, {}).update(rows)
    return tables


def test_streamed_monitor_replies_equal_the_parsed_ones(nb: OvsdbServer):
    async def body() -> None:
        async with _client(nb) as c:
            await _populate(c)
            plain = await c.monitor_cond_since(DB, "plain", REQUESTS)
            calls: list[Any] = []

            async def on_start(found: bool, last_id: str) -> None:
                assert not calls  # before any row
                calls.append((found, last_id))

            async def on_rows(table: str, rows: dict[str, Any]) -> None:
                calls.append((table, rows))
                await asyncio.sleep(0)

            started = await c.monitor_cond_since_stream(
                DB, "streamed", REQUESTS, str(uuid.uuid4()), on_rows, on_start=on_start
            )
            assert isinstance(started, MonitorStarted)
            assert (started.found, started.last_id) == (False, plain.last_id)
            assert calls[0] == (False, plain.last_id)
            assert _merge(calls[1:]) == plain.updates
            assert started.rows == sum(len(r) for r in plain.updates.values()) == 4005
            assert len(calls) - 1 > 4  # several batches: the reply is > 5 MB
            huge = [rows for table, rows in calls[1:] if table == "Address_Set"]
            assert any(len(str(rows)) > 1_000_000 for rows in huge)

            cond: list[tuple[str, dict[str, Any]]] = []
            started = await c.monitor_cond_stream(
                DB, "cond", REQUESTS, lambda t, rows: cond.append((t, rows))
            )
            assert (started.found, started.last_id, started.rows) == (False, None, 4005)
            assert _merge(cond) == plain.updates
            for monitor in ("plain", "streamed", "cond"):
                await c.monitor_cancel(monitor)
            assert await c.echo() == []

    asyncio.run(body())


def test_a_big_update3_is_streamed_and_equals_the_parsed_one(nb: OvsdbServer):
    """One transaction of 8,000 ports (3 MB of update3): a MonitorUpdateStream on the
    streamed monitor, the same rows as the MonitorUpdate of an ordinary one; small
    updates and update2 keep arriving whole, in order."""

    async def consume(queue: asyncio.Queue[Any], n: int) -> list[Any]:
        """The first ``n`` events, streamed ones read (slowly) as they come."""
        out: list[Any] = []
        for _ in range(n):
            event = await asyncio.wait_for(queue.get(), 20)
            if isinstance(event, MonitorUpdateStream):
                batches = []
                async for table, rows in event:
                    batches.append((table, rows))
                    await asyncio.sleep(0.01)  # a slow consumer: the reader waits for it
                assert len(batches) > 1
                event = (event.last_txn_id, event.rows, _merge(batches))
            out.append(event)
        return out

    async def body() -> None:
        async with _client(nb) as writer, _client(nb) as c, _client(nb) as c2:
            plain = await writer.monitor_cond_since(DB, "plain", REQUESTS)
            # Streamed monitors on separate connections: one connection's reader
            # waits for whoever consumes the update it is streaming.
            since = await c.monitor_cond_since_stream(DB, "s", REQUESTS, None, lambda t, r: None)
            cond = await c2.monitor_cond_stream(DB, "c", REQUESTS, lambda t, r: None)
            await writer.transact(DB, _switch("small", 1))
            await writer.transact(DB, _switch("big", 8000))
            await writer.transact(DB, _switch("after", 2))

            expected = await consume(plain.events, 3)
            got, got2 = await asyncio.gather(consume(since.events, 3), consume(cond.events, 3))
            assert all(isinstance(e, MonitorUpdate) for e in expected)
            assert [got[0], got[2]] == [expected[0], expected[2]]
            assert got[1] == (expected[1].last_txn_id, 8001, expected[1].updates)
            # update2 of the monitor_cond: the same three, without transaction ids.
            assert [got2[0], got2[2]] == [MonitorUpdate(None, e.updates) for e in expected[::2]]
            assert got2[1] == (None, 8001, expected[1].updates)
            assert await c.echo("still", "fine") == ["still", "fine"]

    asyncio.run(body())


def test_a_sink_error_is_raised_after_the_reply_and_the_connection_survives(nb: OvsdbServer):
    async def body() -> None:
        async with _client(nb) as c:
            await c.transact(DB, _switch("p", 50))

            def on_rows(table: str, rows: dict[str, Any]) -> None:
                raise OSError("disk full")

            with pytest.raises(OSError, match="disk full"):
                await c.monitor_cond_since_stream(DB, "m", REQUESTS, None, on_rows)
            started = await c.monitor_cond_since_stream(DB, "m2", REQUESTS, None, lambda *a: None)
            assert started.rows == 51

    asyncio.run(body())
