"""Fixtures for cluster tests: small real 3-member clusters on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from ovsdb_backup.cluster.health import StatusReport, assess
from ovsdb_backup.cluster.observe import gather_view
from ovsdb_backup.sandbox import server as srv
from ovsdb_backup.sandbox.cluster import Cluster, create_cluster
from ovsdb_backup.sandbox.server import OvsdbServer
from tests.support.servers import eventually

DB = "OVN_Northbound"


@pytest.fixture
def empty_cluster(tmp_path: Path, nb_schema: Path) -> Iterator[Cluster]:
    """A settled 3-member NB cluster without data (for tests that only watch Raft)."""
    cluster = create_cluster(tmp_path / "nb3", nb_schema, n=3, name="nb")
    try:
        yield cluster
    finally:
        cluster.stop_all()


def ctls(servers: list[OvsdbServer]) -> list[str]:
    return [str(s.ctl) for s in servers]


def report(cluster: Cluster, *, remotes: bool = False, timeout: float = 1.0) -> StatusReport:
    view = asyncio.run(
        gather_view(
            DB,
            ctls(cluster.servers),
            [s.remote for s in cluster.servers] if remotes else (),
            timeout=timeout,
        )
    )
    return assess(view)


def wait_report(cluster: Cluster, check, *, timeout: float = 15.0, **kw) -> StatusReport:
    """Poll the status until ``check(report)`` holds (elections take a few seconds)."""

    def attempt() -> StatusReport | None:
        r = report(cluster, **kw)
        return r if check(r) else None

    result = eventually(attempt, timeout=timeout, interval=0.2)
    assert result is not None, f"condition not reached: {report(cluster, **kw)}"
    return result


def start_member(cluster: Cluster, index: int, path: Path, address: str) -> OvsdbServer:
    """Start a server on ``path`` in place of member ``index`` (stopping the old one)."""
    cluster.servers[index].stop()
    name = f"{cluster.name}-r{index + 1}-{path.stat().st_ino}"
    server = srv.spawn(
        cluster.workdir, name, [path], kind="clustered", db_paths=[path], raft_address=address
    )
    cluster.servers[index] = server
    return server
