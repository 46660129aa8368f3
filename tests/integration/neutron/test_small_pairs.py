"""The small fixture pairs of ``tests/fixtures/neutron-oracle`` (random oracle
topologies): regenerate equals the real repair, audit is clean, and sync keeps what it
cannot re-derive."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.neutron import source
from ovsdb_backup.neutron.audit import audit, read_nb_file
from ovsdb_backup.neutron.sync import build_target
from ovsdb_backup.neutron.translate import SyncConfig
from tests.support.neutron import FIXTURES, NBNORM, RESOLVER, SMALL_PAIRS, resolv_conf

CONFIG = SyncConfig(system_dns_resolvers=(RESOLVER,), gateway_chassis=("gw1",))


def normalise(db: Path) -> dict:
    text = subprocess.run(
        [sys.executable, str(NBNORM), str(db), "--skip-table", "NB_Global"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    data = json.loads(text)
    for row in data.get("DHCP_Options", {}).values():
        # Random MACs in Neutron (a DHCPv6 server_id is one too).
        for name in ("server_mac", "server_id") if ":" in row["cidr"] else ("server_mac",):
            row["options"].pop(name, None)
    return data


@pytest.mark.parametrize("pair", SMALL_PAIRS)
def test_regenerate_equals_the_real_repair(pair: str, tmp_path: Path) -> None:
    fixture = FIXTURES / pair
    out = tmp_path / "nb.db"
    resolv = resolv_conf(tmp_path)
    args = ["neutron", "regenerate", "--sql-dump", str(fixture / "neutron.sql"),
            "--gateway-chassis", "gw1", "--resolv-conf", str(resolv), "-o", str(out)]  # fmt: skip
    assert main(args) == 0
    want, got = normalise(fixture / "nb-repaired.db"), normalise(out)
    assert set(want) == set(got)
    for table in want:
        assert want[table] == got[table], table


@pytest.mark.parametrize("pair", SMALL_PAIRS)
def test_audit_of_the_real_repair_is_clean(pair: str) -> None:
    fixture = FIXTURES / pair
    rows = source.load(sql_dump=str(fixture / "neutron.sql"))
    result = audit(rows, read_nb_file(str(fixture / "nb-repaired.db")), CONFIG)
    assert not result.plan, list(result.plan.changes())[:3]


@pytest.mark.parametrize("pair", SMALL_PAIRS)
def test_subnet_dhcp_options_come_back_with_the_mac_the_ports_know(pair: str) -> None:
    """Only a port's own DHCP_Options row survived: the subnet's row is re-created with
    the same server MAC, and the port's row is left as it is."""
    fixture = FIXTURES / pair
    rows = source.load(sql_dump=str(fixture / "neutron.sql"))
    nb = read_nb_file(str(fixture / "nb-repaired.db"))
    options = nb.tables["DHCP_Options"]
    port_row = next(r for r in options.values() if "port_id" in r["external_ids"])
    subnet = port_row["external_ids"]["subnet_id"]
    (subnet_uuid,) = [
        u for u, r in options.items()
        if r["external_ids"].get("subnet_id") == subnet and "port_id" not in r["external_ids"]
    ]  # fmt: skip
    mac = options[subnet_uuid]["options"]["server_mac"]
    del options[subnet_uuid]
    nb.collect_garbage()
    plan = audit(rows, nb, CONFIG).plan
    (insert,) = plan.inserts
    assert insert.table == "DHCP_Options" and insert.new is not None
    assert insert.new["options"]["server_mac"] == mac
    assert not [c for c in plan.updates if c.table == "DHCP_Options"]
    assert not audit(rows, build_target(nb, plan), CONFIG).plan
