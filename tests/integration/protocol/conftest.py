from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration._protocol_servers import Server, cluster, standalone


@pytest.fixture
def nb(ovs_tools: None) -> Iterator[Server]:
    """An empty standalone OVN_Northbound server (unix socket + loopback TCP)."""
    with standalone() as server:
        yield server


@pytest.fixture(scope="module")
def nb3(ovs_tools: None) -> Iterator[list[Server]]:
    """A 3-member OVN_Northbound cluster shared by a module's read-mostly tests."""
    with cluster(3) as servers:
        yield servers


@pytest.fixture
def nb3_own(ovs_tools: None) -> Iterator[list[Server]]:
    """A 3-member cluster for one test that may stop members."""
    with cluster(3) as servers:
        yield servers
