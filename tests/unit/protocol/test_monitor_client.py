"""OvsdbClient's streamed monitors over an in-memory connection: the server's bytes are
fed by the test, so a connection can end exactly in the middle of an update."""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
import pytest

from ovsdb_backup.protocol.client import (
    MonitorLost,
    MonitorUpdate,
    MonitorUpdateStream,
    OvsdbClient,
)
from ovsdb_backup.protocol.errors import ConnectionLost
from ovsdb_backup.protocol.remotes import parse_remote
from ovsdb_backup.protocol.transport import Connection

U = "{:08x}-0000-4000-8000-000000000000"


class _Writer:
    """Stands in for an asyncio StreamWriter: keeps what the client sent."""

    def __init__(self) -> None:
        self.sent: list[Any] = []

    def write(self, data: bytes) -> None:
        self.sent.append(orjson.loads(data))

    async def drain(self) -> None:
        pass

    def close(self) -> None:
        pass

    async def wait_closed(self) -> None:
        pass


async def _client() -> tuple[OvsdbClient, asyncio.StreamReader, _Writer]:
    client = OvsdbClient(parse_remote("unix:/fake.sock"))
    reader, writer = asyncio.StreamReader(), _Writer()
    client._connection = Connection(
        reader,
        writer,  # type: ignore[arg-type]
        "unix:/fake.sock",
        on_notification=client._on_notification,
        on_close=client._on_close,
        on_update_stream=client._on_update_stream,
    )
    return client, reader, writer


def _update3(monitor: str, txn: str, first: int, n: int) -> bytes:
    rows = {U.format(i): {"insert": {"name": f"p{i}", "pad": "x" * 200}} for i in range(first, n)}
    return orjson.dumps({"id": None, "method": "update3", "params": [monitor, txn, {"T": rows}]})


async def _start(client: OvsdbClient, reader: asyncio.StreamReader, writer: _Writer) -> Any:
    rows: list[tuple[str, dict[str, Any]]] = []
    task = asyncio.create_task(
        client.monitor_cond_since_stream(
            "DB", "m", {"T": [{}]}, None, lambda t, r: rows.append((t, r))
        )
    )
    await asyncio.sleep(0)
    (request,) = writer.sent
    assert request["method"] == "monitor_cond_since"
    initial = {"T": {U.format(i): {"initial": {"name": f"i{i}"}} for i in range(3)}}
    reply = {"id": request["id"], "result": [False, "t0", initial], "error": None}
    reader.feed_data(orjson.dumps(reply))
    started = await task
    assert (started.found, started.last_id, started.rows) == (False, "t0", 3)
    merged: dict[str, Any] = {}
    for table, batch in rows:  # a table's rows may come in several batches
        assert table == "T"
        merged.update(batch)
    assert merged == initial["T"]
    return started


def test_a_connection_lost_in_the_middle_of_an_update_fails_its_iteration():
    async def body() -> None:
        client, reader, writer = await _client()
        started = await _start(client, reader, writer)
        big = _update3("m", "t1", 0, 20_000)  # ~5 MB
        reader.feed_data(big[: len(big) // 2])
        stream = await asyncio.wait_for(started.events.get(), 5)
        assert isinstance(stream, MonitorUpdateStream) and stream.last_txn_id == "t1"
        table, rows = await stream.__anext__()
        assert table == "T" and rows
        reader.feed_eof()  # the server went away mid-update
        with pytest.raises(ConnectionLost, match="in the middle of a message"):
            async for _ in stream:
                pass
        lost = await asyncio.wait_for(started.events.get(), 5)
        assert isinstance(lost, MonitorLost)
        await client.close()

    asyncio.run(body())


def test_a_discarded_update_no_longer_holds_the_reader_back():
    async def body() -> None:
        client, reader, writer = await _client()
        started = await _start(client, reader, writer)
        reader.feed_data(_update3("m", "t1", 0, 20_000) + _update3("m", "t2", 7, 8))
        stream = await asyncio.wait_for(started.events.get(), 5)
        assert isinstance(stream, MonitorUpdateStream)
        await asyncio.sleep(0.05)  # the reader is now waiting for us
        stream.discard()
        after = await asyncio.wait_for(started.events.get(), 5)
        assert after == MonitorUpdate(
            "t2", {"T": {U.format(7): {"insert": {"name": "p7", "pad": "x" * 200}}}}
        )
        await client.close()

    asyncio.run(body())


def test_a_streamed_update_of_an_unknown_monitor_is_dropped():
    async def body() -> None:
        client, reader, writer = await _client()
        started = await _start(client, reader, writer)
        assert client._connection is not None
        client._connection.stream_updates("gone")  # registered with the decoder only
        reader.feed_data(_update3("gone", "t1", 0, 20_000) + _update3("m", "t2", 7, 8))
        after = await asyncio.wait_for(started.events.get(), 5)
        assert isinstance(after, MonitorUpdate) and after.last_txn_id == "t2"
        await client.close()

    asyncio.run(body())
