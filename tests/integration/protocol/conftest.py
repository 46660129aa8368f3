"""Protocol test fixtures, on the shared real-server machinery (``ovsdb_backup.sandbox``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ovsdb_backup.sandbox.cluster import Cluster, create_cluster
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_standalone


@pytest.fixture
def nb(tmp_path: Path, nb_schema: Path) -> Iterator[OvsdbServer]:
    """An *empty* standalone OVN_Northbound server (unix socket + loopback TCP)."""
    server = start_standalone(tmp_path / "nb", nb_schema, name="nb")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def nb3(tmp_path_factory: pytest.TempPathFactory, nb_schema: Path) -> Iterator[Cluster]:
    """A 3-member OVN_Northbound cluster shared by a module's tests that stop nothing."""
    cluster = create_cluster(tmp_path_factory.mktemp("nb3"), nb_schema, n=3, name="nb")
    try:
        yield cluster
    finally:
        cluster.stop_all()
