"""OvsdbClient against a real standalone ovsdb-server."""

from __future__ import annotations

import asyncio
import json
import subprocess
import uuid
from pathlib import Path

import pytest

from ovsdb_backup.protocol.client import MonitorUpdate, OvsdbClient
from ovsdb_backup.protocol.errors import (
    ConnectError,
    ConnectionLost,
    RequestTimeout,
    RpcError,
    TransactionError,
)
from ovsdb_backup.protocol.remotes import parse_remote
from ovsdb_backup.protocol.unixctl import unixctl
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.tools import find_tools

DB = "OVN_Northbound"
# Strings a scanner could trip on: quotes, backslashes, braces, "}{", non-ASCII.
AWKWARD = ['say "hi"', "back\\slash", "\\", '\\"', "}{", "{[", "]}", "é€", "tab\there"]


def client(server: OvsdbServer, which: str = "unix", **kwargs) -> OvsdbClient:
    return OvsdbClient(
        parse_remote(server.remote if which == "unix" else server.tcp_remote), **kwargs
    )


def test_basic_methods(nb: OvsdbServer, nb_schema: Path):
    async def body() -> None:
        async with client(nb, "tcp") as c:
            assert sorted(await c.list_dbs()) == [DB, "_Server"]
            schema = await c.get_schema(DB)
            assert schema.name == DB
            assert set(schema.tables) == set(json.loads(nb_schema.read_text())["tables"])
            assert await c.echo("x", 1) == ["x", 1]
            await c.set_db_change_aware()
            (row,) = [r for r in await c.server_databases() if r.name == DB]
            assert (row.model, row.connected, row.leader) == ("standalone", True, True)
            assert (row.cid, row.sid, row.index) == (None, None, None)
            assert json.loads(row.schema or "")["name"] == DB

    asyncio.run(body())


def test_insert_with_uuid_round_trip_and_verbatim_errors(nb: OvsdbServer):
    wanted = str(uuid.uuid4())
    insert = {"op": "insert", "table": "Logical_Switch", "uuid": wanted, "row": {"name": "x"}}

    async def body() -> None:
        async with client(nb) as c:
            (result,) = await c.transact(DB, [insert])
            assert result == {"uuid": ["uuid", wanted]}
            (rows,) = await c.transact(
                DB, [{"op": "select", "table": "Logical_Switch", "where": [], "columns": ["_uuid"]}]
            )
            assert rows["rows"] == [{"_uuid": ["uuid", wanted]}]
            with pytest.raises(TransactionError, match="duplicate uuid") as info:
                await c.transact(DB, [insert])
            assert info.value.op_index == 0
            assert "operation 0 (insert on Logical_Switch)" in str(info.value)
            assert nb.remote in str(info.value)
            with pytest.raises(RpcError, match=r"unknown database: .*nope"):
                await c.transact("nope", [])
            # The connection is still good after errors.
            assert await c.echo() == []

    asyncio.run(body())


def test_streaming_select_equals_plain_select_and_ovsdb_client(nb: OvsdbServer):
    async def body() -> tuple:
        async with client(nb) as c:
            await _populate(c, switches=30, ports_per_switch=100)
            schema = await c.get_schema(DB)
            ops = [{"op": "select", "table": t, "where": []} for t in sorted(schema.tables)]
            plain = await c.transact(DB, ops)
            streamed: dict[int, list] = {}
            batches = []

            async def sink(index: int, rows: list) -> None:
                batches.append(len(rows))
                streamed.setdefault(index, []).extend(rows)
                await asyncio.sleep(0)

            done = await c.transact_stream(DB, ops, sink)
            return ops, plain, streamed, done, batches

    ops, plain, streamed, done, batches = asyncio.run(body())
    assert sum(done.row_counts) == 30 + 3000
    assert len(batches) >= 2  # the ports alone are > 1 MiB of JSON
    for i, result in enumerate(plain):
        assert _by_uuid(streamed.get(i, [])) == _by_uuid(result["rows"])
        assert done.row_counts[i] == len(result["rows"])
    assert done.results == [{} for _ in ops]
    # Independent oracle: the reference client sees the same rows.
    out = subprocess.run(
        [find_tools().ovsdb_client, "transact", nb.remote, json.dumps([DB, *ops])],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for i, result in enumerate(json.loads(out)):
        assert _by_uuid(streamed.get(i, [])) == _by_uuid(result["rows"])


async def _populate(c: OvsdbClient, switches: int, ports_per_switch: int) -> None:
    for s in range(switches):
        ports = [
            {
                "op": "insert",
                "table": "Logical_Switch_Port",
                "uuid-name": f"p{p}",
                "row": {
                    "name": f"sw{s}-port{p}",
                    "addresses": f"fa:16:3e:00:{s:02x}:{p:02x} 10.{s}.{p // 250}.{p % 250 + 1}",
                    "external_ids": [
                        "map",
                        [[f"k{k}", AWKWARD[(s + p + k) % len(AWKWARD)]] for k in range(6)],
                    ],
                },
            }
            for p in range(ports_per_switch)
        ]
        switch = {
            "op": "insert",
            "table": "Logical_Switch",
            "row": {
                "name": f"sw{s} {AWKWARD[s % len(AWKWARD)]}",
                "ports": ["set", [["named-uuid", f"p{p}"] for p in range(ports_per_switch)]],
            },
        }
        await c.transact(DB, [*ports, switch])


def _by_uuid(rows: list) -> dict:
    return {r["_uuid"][1]: r for r in rows}


def test_timeouts_and_late_replies(nb: OvsdbServer):
    async def body() -> None:
        async with client(nb, request_timeout=5) as c:
            with pytest.raises(RequestTimeout, match="no reply to list_dbs within 0 s"):
                await c.list_dbs(timeout=0)
            # The late reply is dropped; the next requests (plain and streamed) work.
            assert DB in await c.list_dbs()
            rows: list = []
            done = await c.transact_stream(
                DB,
                [{"op": "select", "table": "NB_Global", "where": []}],
                lambda i, r: rows.extend(r),
                timeout=5,
            )
            assert done.row_counts == (0,)

    asyncio.run(body())


def test_sink_error_is_raised_and_connection_survives(nb: OvsdbServer):
    async def body() -> None:
        async with client(nb) as c:
            await _populate(c, switches=2, ports_per_switch=3)

            def sink(index: int, rows: list) -> None:
                raise ValueError("disk full")

            op = {"op": "select", "table": "Logical_Switch_Port", "where": []}
            with pytest.raises(ValueError, match="disk full"):
                await c.transact_stream(DB, [op], sink)
            (result,) = await c.transact(DB, [op])
            assert len(result["rows"]) == 6

    asyncio.run(body())


def test_connect_errors(nb: OvsdbServer, tmp_path):
    async def body() -> None:
        missing = OvsdbClient(parse_remote(f"unix:{tmp_path}/missing.sock"))
        with pytest.raises(ConnectError, match=r"cannot connect to unix:.*missing\.sock: "):
            await missing.connect()
        port = nb.tcp_port
        nb.stop()
        with pytest.raises(ConnectError, match=f"cannot connect to tcp:127.0.0.1:{port}: "):
            await OvsdbClient(parse_remote(f"tcp:127.0.0.1:{port}")).connect()

    asyncio.run(body())


def test_server_death_fails_pending_requests(nb: OvsdbServer):
    async def body() -> None:
        async with client(nb, "tcp") as c:
            assert await c.echo() == []
            nb.stop()
            with pytest.raises(ConnectionLost, match=r"closed the connection|Connection reset"):
                await c.echo()
            with pytest.raises(ConnectionLost):  # and every later one
                await c.list_dbs()

    asyncio.run(body())


def test_monitor_cond_since_on_standalone_has_no_history(nb: OvsdbServer):
    async def body() -> None:
        async with client(nb) as c:
            monitor = await c.monitor_cond_since(
                DB, "m", {"Logical_Switch": [{"columns": ["name"]}]}, str(uuid.uuid4())
            )
            assert monitor.found is False
            assert monitor.last_id == "00000000-0000-0000-0000-000000000000"
            await c.transact(
                DB, [{"op": "insert", "table": "Logical_Switch", "row": {"name": "a"}}]
            )
            update = await asyncio.wait_for(monitor.events.get(), 5)
            assert isinstance(update, MonitorUpdate)
            (change,) = update.updates["Logical_Switch"].values()
            assert change == {"insert": {"name": "a"}}
            await c.monitor_cancel("m")

    asyncio.run(body())


def test_unixctl(nb: OvsdbServer):
    async def body() -> None:
        dbs = await unixctl(nb.ctl, "ovsdb-server/list-dbs")
        assert dbs.split() == [DB, "_Server"] or sorted(dbs.split()) == sorted([DB, "_Server"])
        with pytest.raises(RpcError, match=r"cluster/status failed: .+") as info:
            await unixctl(nb.ctl, "cluster/status", "NoSuchDB")
        assert not str(info.value).endswith("\n")
        with pytest.raises(ConnectError, match="control socket"):
            await unixctl(nb.workdir / "nope.ctl", "list-commands")

    asyncio.run(body())
