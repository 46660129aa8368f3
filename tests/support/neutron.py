"""Shared pieces of the Neutron tests: the oracle fixtures and a server serving one."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ovsdb_backup.model.schema import DatabaseSchema
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_standalone
from ovsdb_backup.sandbox.tools import find_tools, run_tool
from tests.support.contents import Tables, file_db, live_tables

# The oracle itself (its script) lives outside the repository; copies of its fixtures,
# and small pairs from our own runs of it, are in tests/fixtures/neutron-oracle.
ORACLE = Path(__file__).resolve().parents[3] / "shared" / "neutron-oracle"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "neutron-oracle"
NBNORM = FIXTURES / "nbnorm.py"
RELEASES = ["neutron-21-zed", "neutron-29"]
SMALL_PAIRS = ["zed-seed2-scale3", "29-seed1-scale2"]
# The resolver of the machine the fixtures were made on (DHCP dns_server falls back to it).
RESOLVER = "10.255.255.53"


def resolv_conf(directory: Path) -> Path:
    path = directory / "resolv.conf"
    path.write_text(f"nameserver {RESOLVER}\n")
    return path


def cli_args(fixture: Path, resolv: Path, *more: str) -> list[str]:
    """``--sql-dump`` of the fixture and the oracle machine's resolver."""
    return ["--sql-dump", str(fixture / "neutron.sql"), "--resolv-conf", str(resolv), *more]


@contextmanager
def served(nb_file: Path, workdir: Path) -> Iterator[OvsdbServer]:
    """A standalone ovsdb-server on a copy of ``nb_file`` (unix socket + loopback TCP)."""
    workdir.mkdir(parents=True, exist_ok=True)
    copy = workdir / "nb.db"
    shutil.copy(nb_file, copy)
    server = start_standalone(workdir / "srv", copy, name="nb")
    try:
        yield server
    finally:
        server.stop()


def nbctl(remote: str, *args: str) -> str:
    return run_tool([find_tools().ovn_nbctl, f"--db={remote}", *args])


def schema_of(nb_file: Path) -> DatabaseSchema:
    return file_db(nb_file).schema


def snapshot(remote: str, schema: DatabaseSchema) -> Tables:
    """Every row of the live NB, read with the reference ovsdb-client."""
    return live_tables(remote, schema)


def find_row(tables: Tables, table: str, **where: Any) -> tuple[str, dict[str, Any]]:
    for uuid, row in tables[table].items():
        if all(row.get(k) == v for k, v in where.items()):
            return uuid, row
    raise AssertionError(f"no {table} row with {where}")
