"""``neutron audit --remote`` and ``neutron sync`` against real ovsdb-servers serving the
oracle fixtures: drift made with ``ovn-nbctl``/``ovsdb-client`` is found and repaired in
one transaction, UUIDs of untouched and updated rows are kept, rows that are not Neutron's
are left alone, and a sync of a synced NB sends nothing at all."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path

import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.neutron import source
from ovsdb_backup.neutron import sync as sy
from ovsdb_backup.neutron.audit import audit
from ovsdb_backup.neutron.translate import SyncConfig
from ovsdb_backup.sandbox.client import transact
from ovsdb_backup.sandbox.cluster import create_cluster
from ovsdb_backup.sandbox.servers import start_standalone
from tests.support.contents import file_db
from tests.support.neutron import (
    FIXTURES,
    RELEASES,
    RESOLVER,
    cli_args,
    find_row,
    nbctl,
    resolv_conf,
    schema_of,
    served,
    snapshot,
)

CONFIG = SyncConfig(system_dns_resolvers=(RESOLVER,))


def run_json(args: list[str], capsys) -> tuple[int, dict]:
    code = main([*args, "--json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("release", RELEASES)
def test_live_audit_of_repaired_nb_is_clean(release: str, tmp_path: Path, capsys) -> None:
    fixture = FIXTURES / release
    with served(fixture / "nb-repaired.db", tmp_path) as server:
        args = ["neutron", "audit", *cli_args(fixture, resolv_conf(tmp_path))]
        code, report = run_json([*args, "--remote", server.tcp_remote], capsys)
    assert code == 0
    assert report["drift"] == 0
    assert "standalone" in report["nb"]


@pytest.mark.parametrize("release", RELEASES)
def test_sync_of_a_synced_nb_sends_nothing(release: str, tmp_path: Path, capsys) -> None:
    fixture = FIXTURES / release
    rows = source.load(sql_dump=str(fixture / "neutron.sql"))
    with served(fixture / "nb-repaired.db", tmp_path) as server:
        db_file = server.db_paths[0]
        before = db_file.read_bytes()
        result = sy.sync(rows, server.remote, CONFIG)
        assert result.operations == []
        assert not result.applied
        assert not result.before.plan
        code, report = run_json(
            [
                "neutron",
                "sync",
                *cli_args(fixture, resolv_conf(tmp_path), "--remote", server.remote),
            ],
            capsys,
        )
        assert (code, report["operations"], report["applied"]) == (0, 0, False)
        # Not even an empty transaction or a comment: the database file is unchanged.
        assert db_file.read_bytes() == before


def make_drift(remote: str, tables: dict) -> dict[str, str]:
    """Drift of the kinds operators meet, made with the reference tools."""
    drift: dict[str, str] = {}
    # A VM port's LSP deleted.
    lsp_uuid, lsp = next(
        (u, r)
        for u, r in tables["Logical_Switch_Port"].items()
        if r.get("external_ids", {}).get("neutron:device_owner", "").startswith("compute:")
    )
    nbctl(remote, "lsp-del", lsp["name"])
    drift["deleted_lsp"] = lsp["name"]
    drift["deleted_lsp_uuid"] = lsp_uuid
    # An ACL's match changed by hand.
    acl_uuid, acl = next(
        (u, r)
        for u, r in sorted(tables["ACL"].items())
        if "neutron:security_group_rule_id" in r.get("external_ids", {})
    )
    nbctl(remote, "set", "ACL", acl_uuid, f'match="{acl["match"]} && ip.ttl == 9"')
    drift["changed_acl"] = acl_uuid
    # A stray Neutron-named switch (a network deleted while the NB was unreachable).
    stray = f"neutron-{uuid.uuid4()}"
    nbctl(remote, "ls-add", stray)
    drift["stray_switch"] = stray
    # A port removed from its security group's port group.
    pg_uuid, pg = next(
        (u, r)
        for u, r in sorted(tables["Port_Group"].items())
        if r["name"].startswith("pg_") and r.get("ports") and lsp_uuid not in r.get("ports", ())
    )
    victim = sorted(pg["ports"])[0]
    nbctl(remote, "remove", "Port_Group", pg_uuid, "ports", victim)
    drift["port_group"] = pg_uuid
    drift["port_group_port"] = victim
    # The subnet DHCP options deleted (LSPs lose their weak references to them).
    dhcp_uuid, _dhcp = next(
        (u, r) for u, r in sorted(tables["DHCP_Options"].items())
        if "port_id" not in r.get("external_ids", {})
    )  # fmt: skip
    transact(remote, ["OVN_Northbound",
                      {"op": "delete", "table": "DHCP_Options", "where": [
                          ["_uuid", "==", ["uuid", dhcp_uuid]]]}])  # fmt: skip
    drift["deleted_dhcp"] = dhcp_uuid
    return drift


def add_foreign_rows(remote: str, tables: dict) -> dict[str, str]:
    """Rows that are not Neutron's, some of them hanging off Neutron rows."""
    nbctl(remote, "ls-add", "k8s-switch", "--", "lsp-add", "k8s-switch", "k8s-port")
    switch = next(r for r in tables["Logical_Switch"].values() if r["name"].startswith("neutron-"))
    nbctl(remote, "lsp-add", switch["name"], "hand-made-port")
    nbctl(remote, "lb-add", "octavia-lb", "192.0.2.200:80", "10.0.0.5:80")
    nbctl(remote, "ls-lb-add", switch["name"], "octavia-lb")
    return {"switch": switch["name"]}


@pytest.mark.parametrize("release", RELEASES)
def test_sync_repairs_drift_and_keeps_uuids(release: str, tmp_path: Path, capsys) -> None:
    fixture = FIXTURES / release
    schema = schema_of(fixture / "nb-repaired.db")
    resolv = resolv_conf(tmp_path)
    with served(fixture / "nb-repaired.db", tmp_path) as server:
        original = snapshot(server.remote, schema)
        drift = make_drift(server.remote, original)
        foreign = add_foreign_rows(server.remote, original)
        drifted = snapshot(server.remote, schema)
        args = ["neutron", "audit", *cli_args(fixture, resolv), "--remote", server.remote]
        code, report = run_json(args, capsys)
        assert code == 1
        found = {(c["drift"], c["table"]) for c in report["changes"]}
        assert {("missing", "Logical_Switch_Port"), ("different", "ACL"),
                ("extra", "Logical_Switch"), ("different", "Port_Group"),
                ("missing", "DHCP_Options")} <= found  # fmt: skip
        # Only Neutron's rows are reported: nothing about the foreign ones.
        assert not [c for c in report["changes"] if "k8s" in json.dumps(c)]
        assert not [c for c in report["changes"] if "hand-made" in json.dumps(c)]

        sync_args = ["neutron", "sync", *cli_args(fixture, resolv), "--remote", server.tcp_remote]
        code, report = run_json(sync_args, capsys)
        assert code == 0, report
        assert report["applied"] and report["remaining_drift"] == 0
        after = snapshot(server.remote, schema)

        # Untouched and updated rows keep their UUIDs; only drifted rows come back new.
        kept = set(drifted["ACL"]) | set(drifted["Port_Group"]) | set(drifted["Logical_Router"])
        for table in ("ACL", "Port_Group", "Logical_Router", "Logical_Router_Port", "NAT"):
            assert set(drifted[table]) <= set(after[table]), table
        assert kept <= set(after["ACL"]) | set(after["Port_Group"]) | set(after["Logical_Router"])
        assert after["ACL"][drift["changed_acl"]] == original["ACL"][drift["changed_acl"]]
        assert drift["port_group_port"] in after["Port_Group"][drift["port_group"]]["ports"]
        new_lsp_uuid, _ = find_row(after, "Logical_Switch_Port", name=drift["deleted_lsp"])
        assert new_lsp_uuid != drift["deleted_lsp_uuid"]  # re-created, as ovn-nbctl deleted it
        assert not [
            r for r in after["Logical_Switch"].values() if r["name"] == drift["stray_switch"]
        ]
        # The restored DHCP options are referenced again by the ports on that subnet.
        dhcp_uuid, _ = find_row(
            after, "DHCP_Options", cidr=original["DHCP_Options"][drift["deleted_dhcp"]]["cidr"]
        )
        assert any(r.get("dhcpv4_options") == dhcp_uuid or r.get("dhcpv6_options") == dhcp_uuid
                   for r in after["Logical_Switch_Port"].values())  # fmt: skip
        # Foreign rows are still there, and still attached to the Neutron switch.
        find_row(after, "Logical_Switch", name="k8s-switch")
        find_row(after, "Logical_Switch_Port", name="k8s-port")
        port_uuid, _ = find_row(after, "Logical_Switch_Port", name="hand-made-port")
        lb_uuid, _ = find_row(after, "Load_Balancer", name="octavia-lb")
        _, switch = find_row(after, "Logical_Switch", name=foreign["switch"])
        assert port_uuid in switch["ports"]
        assert lb_uuid in switch["load_balancer"]

        # Clean afterwards, and a second sync sends nothing.
        code, report = run_json(args, capsys)
        assert (code, report["drift"]) == (0, 0)
        code, report = run_json(sync_args, capsys)
        assert (code, report["operations"]) == (0, 0)


def test_dry_run_changes_nothing(tmp_path: Path, capsys) -> None:
    fixture = FIXTURES / RELEASES[0]
    schema = schema_of(fixture / "nb-repaired.db")
    with served(fixture / "nb-repaired.db", tmp_path) as server:
        make_drift(server.remote, snapshot(server.remote, schema))
        db_file = server.db_paths[0]
        before = db_file.read_bytes()
        args = ["neutron", "sync", *cli_args(fixture, resolv_conf(tmp_path)),
                "--remote", server.remote, "--dry-run"]  # fmt: skip
        assert main(args) == 0
        text = capsys.readouterr().out
        assert "dry run: would send 1 transaction of" in text
        assert "missing   Logical_Switch_Port" in text
        assert db_file.read_bytes() == before


def test_guard_aborts_when_the_nb_changes_meanwhile(tmp_path: Path) -> None:
    """A row changed between our read and our transaction: nothing is applied."""
    fixture = FIXTURES / RELEASES[0]
    rows = source.load(sql_dump=str(fixture / "neutron.sql"))
    schema = schema_of(fixture / "nb-repaired.db")
    with served(fixture / "nb-repaired.db", tmp_path) as server:
        tables = snapshot(server.remote, schema)
        drift = make_drift(server.remote, tables)
        # The switch that lost the port is in the plan (its ports are updated).
        switch = next(
            r for r in tables["Logical_Switch"].values()
            if drift["deleted_lsp_uuid"] in r.get("ports", ())
        )  # fmt: skip
        calls = []

        def audit_then_someone_writes(nb):
            calls.append(1)
            result = audit(rows, nb, CONFIG)
            nbctl(server.remote, "lsp-add", switch["name"], "late-port")
            return result

        db_file = server.db_paths[0]
        before = db_file.stat().st_size
        with pytest.raises(sy.NbChangedError, match="changed while the sync ran") as info:
            asyncio.run(
                sy._sync(
                    audit_then_someone_writes,
                    server.remote,
                    dry_run=False,
                    tls=None,
                    comment="test",
                )
            )
        assert info.value.exit_code == 4
        assert len(calls) == 1
        # Only the concurrent writer's transaction reached the file.
        after = snapshot(server.remote, schema)
        assert db_file.stat().st_size > before
        assert any(r["name"] == "late-port" for r in after["Logical_Switch_Port"].values())
        assert drift["deleted_lsp"] not in {
            r["name"] for r in after["Logical_Switch_Port"].values()
        }


def test_sync_goes_to_the_cluster_leader(tmp_path: Path, capsys) -> None:
    fixture = FIXTURES / RELEASES[1]
    cluster = create_cluster(tmp_path / "cluster", fixture / "nb-repaired.db", n=3, name="nb")
    try:
        leader = cluster.wait_for_leader()
        followers = [s for s in cluster.servers if s is not leader]
        schema = schema_of(fixture / "nb-repaired.db")
        make_drift(cluster.remotes(), snapshot(leader.remote, schema))
        resolv = resolv_conf(tmp_path)
        only_follower = ["neutron", "sync", *cli_args(fixture, resolv),
                         "--remote", followers[0].remote]  # fmt: skip
        assert main(only_follower) == 4
        assert "not the leader" in capsys.readouterr().err
        # Followers first in the list: the leader is still the one written to.
        remotes = ",".join(s.remote for s in [*followers, leader])
        code, report = run_json(
            ["neutron", "sync", *cli_args(fixture, resolv), "--remote", remotes], capsys
        )
        assert code == 0, report
        assert report["server"] == f"{leader.remote} (cluster leader)"
        assert report["applied"] and report["remaining_drift"] == 0
        # A follower may serve a read-only audit.
        code, report = run_json(
            ["neutron", "audit", *cli_args(fixture, resolv), "--remote", followers[1].remote],
            capsys,
        )
        assert (code, report["drift"]) == (0, 0)
    finally:
        cluster.stop_all()


def test_sync_usage_and_server_errors(tmp_path: Path, capsys) -> None:
    fixture = FIXTURES / RELEASES[0]
    resolv = resolv_conf(tmp_path)
    base = ["neutron", "sync", *cli_args(fixture, resolv)]
    assert main([*base, "--remote", "tcp:127.0.0.1:1", "--update-revision-numbers"]) == 2
    assert "--neutron-db" in capsys.readouterr().err
    assert main([*base, "--remote", "tcp:127.0.0.1:1"]) == 4
    assert "unreachable" in capsys.readouterr().err
    assert main([*base, "--remote", "ptcp:6641"]) == 2
    pem = tmp_path / "x.pem"
    pem.write_text("")
    assert main([*base, "--remote", "ssl:127.0.0.1:1", "-p", str(pem)]) == 2


@pytest.mark.parametrize("release", RELEASES)
def test_sync_into_an_empty_nb_rebuilds_it(release: str, tmp_path: Path, nb_schema: Path, capsys):
    """What the real repair does into an empty NB, in one transaction; the result is the
    NB that regenerate writes (same stable UUIDs) and audits clean."""
    fixture = FIXTURES / release
    resolv = resolv_conf(tmp_path)
    server = start_standalone(tmp_path / "empty", nb_schema, name="nb")
    try:
        args = [*cli_args(fixture, resolv), "--gateway-chassis", "gw1", "--remote", server.remote]
        code, report = run_json(["neutron", "sync", *args], capsys)
        assert code == 0, report
        assert report["rows"]["insert"] == report["drift"] > 50
        assert report["remaining_drift"] == 0
        regenerated = tmp_path / "regenerated.db"
        assert main(["neutron", "regenerate", *cli_args(fixture, resolv), "--gateway-chassis",
                     "gw1", "-o", str(regenerated)]) == 0  # fmt: skip
        capsys.readouterr()
        live = snapshot(server.remote, schema_of(regenerated))
        offline = file_db(regenerated).tables
        for table, rows in offline.items():
            if table != "NB_Global":
                assert live[table] == rows, table
    finally:
        server.stop()
