"""Shared fixtures: real ``ovsdb-server`` processes, never mocks.

Real Open vSwitch and OVN tools are required: their absence fails loudly.

Every fixture starts its servers under the test's own ``tmp_path`` (no fixed
ports: TCP listeners are ``ptcp:0:127.0.0.1`` and Raft ports are kernel-chosen),
so tests run in parallel under ``pytest -n 2``. Each fixture stops its processes
by pid in its teardown, which pytest runs even when the test fails; the
session-level ``_stop_leftover_servers`` is the safety net behind them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ovsdb_backup.errors import ToolError
from ovsdb_backup.sandbox.client import wait_same_rows
from ovsdb_backup.sandbox.cluster import Cluster, create_cluster
from ovsdb_backup.sandbox.process import stop_all_started
from ovsdb_backup.sandbox.sample import populate_nb
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_active_backup, start_relay, start_standalone
from ovsdb_backup.sandbox.tools import OvsTools, find_schema, find_tools
from tests.support.servers import ActiveBackup, RelaySetup


@pytest.fixture(scope="session", autouse=True)
def _stop_leftover_servers() -> Iterator[None]:
    """Kill whatever a crashed fixture or test left running (only our own pids)."""
    yield
    stop_all_started()


@pytest.fixture(scope="session")
def ovs_tools() -> OvsTools:
    """The OVS/OVN programs. Missing programs *fail* the run: a skipped integration
    suite would look green while testing nothing."""
    try:
        return find_tools()
    except ToolError as exc:
        pytest.fail(f"{exc.message}\nhint: {exc.hint}", pytrace=False)


@pytest.fixture(scope="session")
def nb_schema(ovs_tools: OvsTools) -> Path:
    try:
        return find_schema("nb")
    except ToolError as exc:
        pytest.fail(f"{exc.message}\nhint: {exc.hint}", pytrace=False)


@pytest.fixture(scope="session")
def sb_schema(ovs_tools: OvsTools) -> Path:
    try:
        return find_schema("sb")
    except ToolError as exc:
        pytest.fail(f"{exc.message}\nhint: {exc.hint}", pytrace=False)


@pytest.fixture
def standalone_nb(tmp_path: Path, nb_schema: Path) -> Iterator[OvsdbServer]:
    """A standalone NB server (unix socket + loopback TCP) with the sample topology."""
    server = start_standalone(tmp_path / "standalone-nb", nb_schema, name="nb")
    try:
        populate_nb(server.remote)
        yield server
    finally:
        server.stop()


@pytest.fixture
def nb_cluster(tmp_path: Path, nb_schema: Path) -> Iterator[Cluster]:
    """A 3-member NB Raft cluster, settled (leader elected, all joined), with sample data."""
    cluster = create_cluster(tmp_path / "nb-cluster", nb_schema, n=3, name="nb")
    try:
        populate_nb(cluster.remotes())
        yield cluster
    finally:
        cluster.stop_all()


@pytest.fixture
def relay_nb(tmp_path: Path, nb_schema: Path) -> Iterator[RelaySetup]:
    """A standalone NB source with sample data and a synced relay in front of it."""
    source = start_standalone(tmp_path / "relay-source", nb_schema, name="nb")
    try:
        populate_nb(source.remote)
        relay = start_relay(tmp_path / "relay", source.remote, "OVN_Northbound")
        try:
            wait_same_rows(source.remote, relay.remote, "OVN_Northbound")
            yield RelaySetup(source, relay)
        finally:
            relay.stop()
    finally:
        source.stop()


@pytest.fixture
def active_backup_nb(tmp_path: Path, nb_schema: Path) -> Iterator[ActiveBackup]:
    """An active NB server with sample data and a ``--sync-from`` backup of it."""
    active, backup = start_active_backup(tmp_path / "active-backup", nb_schema, name="nb")
    try:
        populate_nb(active.remote)
        # Replication is asynchronous: hand tests a backup that has caught up.
        wait_same_rows(active.remote, backup.remote, "OVN_Northbound")
        yield ActiveBackup(active, backup)
    finally:
        backup.stop()
        active.stop()


# --- no silent skips ------------------------------------------------------------
# A skipped test looks green while testing nothing. Every skip fails the run, except
# those that say they depend on what the machine allows ("environment: ..."), which
# the summary still lists. Long runs are deselected with markers (slow, oracle),
# never skipped.

_unexpected_skips: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else ""
        if "environment:" not in reason:
            _unexpected_skips.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _unexpected_skips and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _unexpected_skips:
        terminalreporter.section("skipped tests are failures here", red=True)
        for line in _unexpected_skips:
            terminalreporter.line(line)
