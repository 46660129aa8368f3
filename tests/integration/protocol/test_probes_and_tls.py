"""Inactivity probes over TCP, and TLS with certificates made by ovs-pki."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ovsdb_backup.errors import InputError
from ovsdb_backup.protocol.client import OvsdbClient
from ovsdb_backup.protocol.errors import ConnectError, ConnectionLost
from ovsdb_backup.protocol.remotes import parse_remote
from ovsdb_backup.protocol.transport import TlsFiles
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_standalone
from ovsdb_backup.sandbox.tools import find_tools
from tests.support.tls import logged_port, make_pki, start_ssl_server, tls_files

DB = "OVN_Northbound"
PROBE_MS = 2000  # the smallest interval ovsdb-server accepts is 1000 ms


@pytest.fixture
def nb_short_probe(tmp_path: Path, nb_schema: Path) -> Iterator[OvsdbServer]:
    """A server whose TCP remote comes from the Connection table, probing every 2 s."""
    server = start_standalone(
        tmp_path / "probe",
        nb_schema,
        name="nb",
        tcp=False,
        extra_args=[f"--remote=db:{DB},NB_Global,connections"],
    )
    try:
        subprocess.run(
            [
                find_tools().ovn_nbctl,
                f"--db={server.remote}",
                "init",
                "--",
                f"--inactivity-probe={PROBE_MS}",
                "set-connection",
                "ptcp:0:127.0.0.1",
            ],
            check=True,
        )
        server.tcp_port = logged_port(server)
        yield server
    finally:
        server.stop()


def test_probes_answered_when_idle_and_during_a_stream(nb_short_probe: OvsdbServer):
    async def body() -> None:
        async with OvsdbClient(parse_remote(nb_short_probe.tcp_remote)) as c:
            await c.transact(
                DB,
                [
                    {"op": "insert", "table": "Address_Set", "row": {"name": f"as{i}"}}
                    for i in range(2000)
                ],
            )
            # Idle for 1.5 probe intervals: the server probes once, we answer by ourselves.
            start = c.probes_answered
            await asyncio.sleep(PROBE_MS / 1000 * 1.5)
            assert c.probes_answered > start
            assert await c.echo("alive") == ["alive"]

            # A sink that stalls for 1.5 intervals in the middle of a streamed reply:
            # the probe sent meanwhile is answered as soon as we read on.
            start = c.probes_answered
            rows: list = []

            async def slow_sink(index: int, batch: list) -> None:
                if not rows:
                    await asyncio.sleep(PROBE_MS / 1000 * 1.5)
                rows.extend(batch)

            op = {"op": "select", "table": "Address_Set", "where": []}
            done = await c.transact_stream(DB, [op], slow_sink)
            assert done.row_counts == (2000,) == (len(rows),)
            await asyncio.sleep(0.2)
            assert c.probes_answered > start
            assert await c.echo() == []

    asyncio.run(body())


# ------------------------------------------------------------------ TLS


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pki(tmp_path_factory.mktemp("pki"))


_tls = tls_files


@pytest.fixture
def nb_ssl(pki: Path, tmp_path: Path, nb_schema: Path) -> Iterator[OvsdbServer]:
    server = start_ssl_server(tmp_path / "ssl", nb_schema, pki)
    try:
        yield server
    finally:
        server.stop()


def test_tls_round_trip(nb_ssl: OvsdbServer, pki: Path):
    async def body() -> None:
        remote = parse_remote(f"ssl:127.0.0.1:{nb_ssl.tcp_port}")
        async with OvsdbClient(remote, tls=_tls(pki, "client", "switchca")) as c:
            assert DB in await c.list_dbs()
            # A second connection with another PKI in the same process does not
            # disturb the first (contexts are per connection).
            with pytest.raises(ConnectError):
                await OvsdbClient(remote, tls=_tls(pki, "client", "controllerca")).connect()
            assert await c.echo("still") == ["still"]

    asyncio.run(body())


def test_tls_wrong_ca_fails_clearly(nb_ssl: OvsdbServer, pki: Path):
    async def body() -> None:
        remote = parse_remote(f"ssl:127.0.0.1:{nb_ssl.tcp_port}")
        wrong_ca = OvsdbClient(remote, tls=_tls(pki, "client", "controllerca"))
        with pytest.raises(ConnectError) as info:
            await wrong_ca.connect()
        message = str(info.value)
        assert f"TLS handshake with ssl:127.0.0.1:{nb_ssl.tcp_port} failed" in message
        assert "certificate verify failed" in message or "unable to get local issuer" in message
        assert "not signed by the given CA certificate" in message

        # The server refuses a client certificate from a CA it does not trust:
        # with TLS 1.3 that surfaces on the first read, as a lost connection.
        stranger = OvsdbClient(remote, tls=_tls(pki, "stranger", "switchca"))
        with pytest.raises(
            (ConnectError, ConnectionLost), match=r"UNKNOWN_CA|rejected our certificate"
        ):
            await _connect_and_list(stranger)

        with pytest.raises(ConnectError, match="needs a private key"):
            await OvsdbClient(remote).connect()
        missing = TlsFiles(pki / "no-key.pem", pki / "no-cert.pem", pki / "no-ca.pem")
        with pytest.raises(InputError, match="cannot use certificate"):
            await OvsdbClient(remote, tls=missing).connect()

    started = time.monotonic()
    asyncio.run(body())
    assert time.monotonic() - started < 10


async def _connect_and_list(client: OvsdbClient) -> None:
    await client.connect()
    try:
        await client.list_dbs(timeout=5)
    finally:
        await client.close()
