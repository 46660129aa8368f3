"""Must-show: ``neutron regenerate`` from each fixture's SQL dump equals the NB the real
``neutron-ovn-db-sync-util --ovn-neutron_sync_mode repair`` built (oracle README), compared
without UUIDs by the oracle's own ``nbnorm.py``; only ``DHCP_Options.options:server_mac``
(random per creation) and ``NB_Global`` are ignored."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.sandbox.servers import start_standalone

# Copies of the oracle fixtures live in the repository (tests/fixtures/neutron-oracle).
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "neutron-oracle"
RELEASES = ["neutron-21-zed", "neutron-29"]


def normalise(fixture: Path, db: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(FIXTURES / "nbnorm.py"), str(db), "--skip-table", "NB_Global"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    data = json.loads(out)
    for row in data.get("DHCP_Options", {}).values():
        row["options"].pop("server_mac", None)
    return data


def differences(want: dict, got: dict) -> list[str]:
    out = []
    for table in sorted(set(want) | set(got)):
        w, g = want.get(table, {}), got.get(table, {})
        out += [f"missing {table} {k}" for k in sorted(w.keys() - g.keys())]
        out += [f"extra {table} {k}" for k in sorted(g.keys() - w.keys())]
        for key in sorted(w.keys() & g.keys()):
            for col in sorted(w[key].keys() | g[key].keys()):
                if w[key].get(col) != g[key].get(col):
                    out.append(
                        f"{table} {key} {col}: want {w[key].get(col)!r} got {g[key].get(col)!r}"
                    )
    return out


def regenerate(fixture: Path, out: Path, resolv: Path) -> None:
    resolv.write_text("nameserver 10.255.255.53\n")  # the oracle machine's resolver
    args = [
        "neutron", "regenerate", "--sql-dump", str(fixture / "neutron.sql"),
        "--gateway-chassis", "gw1", "--resolv-conf", str(resolv), "-o", str(out),
    ]  # fmt: skip
    assert main(args) == 0


@pytest.mark.parametrize("release", RELEASES)
def test_regenerate_equals_real_repair(release: str, tmp_path: Path) -> None:
    fixture = FIXTURES / release
    out = tmp_path / "nb.db"
    regenerate(fixture, out, tmp_path / "resolv.conf")
    want = json.loads((fixture / "nb-repaired.norm.json").read_text())
    for row in want.get("DHCP_Options", {}).values():
        row["options"].pop("server_mac", None)
    assert differences(want, normalise(fixture, out)) == []


@pytest.mark.parametrize("release", RELEASES)
def test_regenerated_file_is_served_by_ovsdb_server(release: str, tmp_path: Path) -> None:
    fixture = FIXTURES / release
    out = tmp_path / "nb.db"
    regenerate(fixture, out, tmp_path / "resolv.conf")
    served = tmp_path / "served.db"
    shutil.copy(out, served)
    server = start_standalone(tmp_path / "srv", served, name="nb", tcp=False)
    try:
        reply = subprocess.run(
            ["ovsdb-client", "query", server.remote,
             '["OVN_Northbound",{"op":"select","table":"Logical_Switch_Port","where":[],'
             '"columns":["name"]}]'],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        assert len(json.loads(reply)[0]["rows"]) == 11
    finally:
        server.stop()


def test_regenerate_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "nb.db"
    out.write_text("keep")
    fixture = FIXTURES / RELEASES[0]
    code = main(
        ["neutron", "regenerate", "--sql-dump", str(fixture / "neutron.sql"), "-o", str(out)]
    )
    assert code == 6
    assert out.read_text() == "keep"
