"""Small helpers for tests that run real servers (built on ``ovsdb_backup.sandbox``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from ovsdb_backup.sandbox.client import server_database
from ovsdb_backup.sandbox.server import OvsdbServer

T = TypeVar("T")


class RelaySetup(NamedTuple):
    """A relay and the server it relays."""

    source: OvsdbServer
    relay: OvsdbServer


class ActiveBackup(NamedTuple):
    active: OvsdbServer
    backup: OvsdbServer


def server_row(server: OvsdbServer, db_name: str = "OVN_Northbound") -> dict[str, Any]:
    """``_Server.Database`` row of ``db_name`` on exactly this server."""
    row = server_database(server.remote, db_name)
    assert row is not None, f"{server.name} does not serve {db_name}"
    return row


def eventually(check: Callable[[], T], *, timeout: float = 10.0, interval: float = 0.05) -> T:
    """Call ``check`` until it returns a truthy value or stops raising AssertionError."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
        except AssertionError:
            if time.monotonic() >= deadline:
                raise
        else:
            if result or time.monotonic() >= deadline:
                return result
        time.sleep(interval)
