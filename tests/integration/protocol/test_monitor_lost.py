"""A monitor's queue learns at once that its connection ended (``MonitorLost``)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ovsdb_backup.protocol import MonitorLost, OvsdbClient, parse_remote
from ovsdb_backup.protocol.errors import ConnectionLost
from ovsdb_backup.sandbox.servers import start_standalone


def test_a_killed_server_ends_the_monitor_queue(tmp_path: Path, nb_schema: Path) -> None:
    server = start_standalone(tmp_path / "nb", nb_schema, name="nb")
    try:

        async def run() -> object:
            async with OvsdbClient(parse_remote(server.remote)) as client:
                reply = await client.monitor_cond_since(
                    "OVN_Northbound", "m", {"Logical_Switch": [{"columns": ["name"]}]}
                )
                server.kill()
                return await asyncio.wait_for(reply.events.get(), 10)

        event = asyncio.run(run())
    finally:
        server.stop()
    assert isinstance(event, MonitorLost)
    assert isinstance(event.error, ConnectionLost)
