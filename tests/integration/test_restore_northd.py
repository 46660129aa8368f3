"""What a restore does to the network: the Southbound that a real ovn-northd computes.

ovn-northd derives the SB (Datapath_Binding, Logical_Flow, Port_Binding, ...) from
the NB, keyed by the NB rows' UUIDs. A restore that keeps NB UUIDs and touches only
what differs leaves the SB rows of everything else alone, so ovn-controllers keep
their flows and conntrack zones. ``ovsdb-client restore`` re-inserts every NB row
under a new UUID: northd then rebuilds the SB. This test measures both on the same
backup and the same ~1% change (see docs/restore.md for the figures).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ovsdb_backup.archive import ArchiveReader
from ovsdb_backup.cli.main import main
from ovsdb_backup.sandbox.client import transact
from ovsdb_backup.sandbox.sample import populate_nb
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_standalone
from tests.support.servers import eventually

NB, SB = "OVN_Northbound", "OVN_Southbound"


class Ovn:
    def __init__(self, nb: OvsdbServer, sb: OvsdbServer, northd: subprocess.Popen[bytes]):
        self.nb, self.sb, self.northd = nb, sb, northd

    def sync(self) -> None:
        """Wait until northd has processed every NB change (nb_cfg round trip)."""
        subprocess.run(
            ["ovn-nbctl", f"--db={self.nb.remote}", "--timeout=30", "--wait=sb", "sync"],
            check=True,
            capture_output=True,
        )

    def nbctl(self, *args: str) -> None:
        subprocess.run(
            ["ovn-nbctl", f"--db={self.nb.remote}", "--timeout=30", *args],
            check=True,
            capture_output=True,
        )

    def sb_rows(self, table: str, columns: list[str]) -> dict[str, dict[str, Any]]:
        ops = [SB, {"op": "select", "table": table, "where": [], "columns": ["_uuid", *columns]}]
        rows = transact(self.sb.remote, ops)[0]["rows"]
        return {r.pop("_uuid")[1]: r for r in rows}


@pytest.fixture
def ovn(tmp_path: Path, nb_schema: Path, sb_schema: Path) -> Iterator[Ovn]:
    nb = start_standalone(tmp_path / "nb", nb_schema, name="nb", tcp=False)
    sb = start_standalone(tmp_path / "sb", sb_schema, name="sb", tcp=False)
    northd = subprocess.Popen(
        [
            "ovn-northd",
            f"--ovnnb-db={nb.remote}",
            f"--ovnsb-db={sb.remote}",
            "--no-chdir",
            f"--log-file={tmp_path / 'northd.log'}",
            f"--unixctl={tmp_path / 'northd.ctl'}",
            "-vconsole:off",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        populate_nb(nb.remote, scale=6)
        setup = Ovn(nb, sb, northd)
        setup.sync()
        yield setup
    finally:
        os.kill(northd.pid, signal.SIGTERM)
        northd.wait(timeout=10)
        sb.stop()
        nb.stop()


def datapaths_follow_nb(ovn: Ovn) -> bool:
    nb = set()
    for table in ("Logical_Switch", "Logical_Router"):
        rows = transact(
            ovn.nb.remote, [NB, {"op": "select", "table": table, "where": [], "columns": ["_uuid"]}]
        )[0]["rows"]
        nb |= {r["_uuid"][1] for r in rows}
    owners = set()
    for row in ovn.sb_rows("Datapath_Binding", ["external_ids"]).values():
        owners |= {
            v for k, v in row["external_ids"][1] if k in ("logical-switch", "logical-router")
        }
    return owners == nb


def flow_key(row: dict[str, Any]) -> str:
    return json.dumps(
        [
            row["logical_datapath"],
            row["pipeline"],
            row["table_id"],
            row["priority"],
            row["match"],
            row["actions"],
        ],
        sort_keys=True,
    )


def sb_state(ovn: Ovn) -> tuple[set[str], dict[str, str]]:
    """Datapath_Binding UUIDs, and Logical_Flow UUID by flow content."""
    datapaths = set(ovn.sb_rows("Datapath_Binding", ["tunnel_key"]))
    flows = ovn.sb_rows(
        "Logical_Flow", ["logical_datapath", "pipeline", "table_id", "priority", "match", "actions"]
    )
    # Flows on datapath groups name no single datapath; key them by content only.
    return datapaths, {flow_key(r): u for u, r in flows.items()}


def change_one_percent(ovn: Ovn) -> None:
    """Two NB rows out of ~200: a port's addresses and a new ACL."""
    ovn.nbctl("lsp-set-addresses", "sw0-p0", "0a:00:00:00:ff:01 10.0.0.250")
    ovn.nbctl("acl-add", "sw1", "to-lport", "900", "tcp.dst == 2222", "drop")
    ovn.sync()


def kept(before: dict[str, str], after: dict[str, str]) -> float:
    """Share of flows present before and after whose UUID stayed the same."""
    common = set(before) & set(after)
    return sum(before[k] == after[k] for k in common) / len(common)


def test_restore_keeps_southbound_uuids_where_ovsdb_client_restore_does_not(
    ovn: Ovn, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    archive = tmp_path / "nb.tar"
    assert (
        main(["backup", "-r", ovn.nb.remote, "--db", NB, "-f", str(archive), "--no-progress"]) == 0
    )
    original_datapaths, original_flows = sb_state(ovn)
    assert len(original_datapaths) >= 7 and len(original_flows) > 500

    change_one_percent(ovn)
    changed_datapaths, changed_flows = sb_state(ovn)
    assert changed_datapaths == original_datapaths  # the change itself keeps datapaths

    # Ours: one transaction, only the difference, NB UUIDs kept.
    capsys.readouterr()
    assert main(["restore", str(archive), "-r", ovn.nb.remote, "--no-safety-backup", "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert result["total_changes"] <= 4  # the port, the ACL and the switch listing it
    ovn.sync()
    ours_datapaths, ours_flows = sb_state(ovn)
    assert ours_datapaths == original_datapaths
    assert set(ours_flows) == set(original_flows), "northd's output differs after restore"
    ours_kept = kept(changed_flows, ours_flows)
    assert ours_kept >= 0.99, f"only {ours_kept:.1%} of unaffected flows kept their UUID"

    # ovsdb-client restore of the same backup, after the same change.
    change_one_percent(ovn)
    before_datapaths, before_flows = sb_state(ovn)
    plain = tmp_path / "nb-plain.db"
    with ArchiveReader(archive) as reader, reader.open_database(NB) as stream:
        plain.write_bytes(stream.read())
    with open(plain, "rb") as data:
        subprocess.run(
            ["ovsdb-client", "restore", ovn.nb.remote, NB],
            stdin=data,
            check=True,
            capture_output=True,
        )
    # That restore also moved NB_Global.nb_cfg backwards, so "ovn-nbctl --wait=sb sync"
    # can return before northd has caught up (the reason we keep counters): wait until
    # every SB datapath belongs to a current NB switch or router instead.
    eventually(lambda: datapaths_follow_nb(ovn), timeout=30)
    theirs_datapaths, theirs_flows = sb_state(ovn)
    assert not theirs_datapaths & before_datapaths, "ovsdb-client restore kept datapaths?"
    theirs_kept = kept(before_flows, theirs_flows)
    assert theirs_kept < 0.5, f"ovsdb-client restore kept {theirs_kept:.1%} of flow UUIDs"
    # For the write-up: the measured shares (pytest -s shows them).
    print(
        f"\nflows kept: ours {ours_kept:.1%} of {len(ours_flows)}, "
        f"ovsdb-client restore {theirs_kept:.1%} of {len(theirs_flows)}; datapaths kept: "
        f"ours {len(ours_datapaths & original_datapaths)}/{len(original_datapaths)}, "
        f"ovsdb-client restore {len(theirs_datapaths & before_datapaths)}/"
        f"{len(before_datapaths)}"
    )
