"""``neutron audit``: no false drift on the real tool's repaired NB; real drift is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.neutron import audit, source
from ovsdb_backup.neutron.translate import SyncConfig

# Copies of the oracle fixtures live in the repository (tests/fixtures/neutron-oracle).
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "neutron-oracle"
RELEASES = ["neutron-21-zed", "neutron-29"]
CONFIG = SyncConfig(system_dns_resolvers=("10.255.255.53",))


@pytest.mark.parametrize("release", RELEASES)
def test_audit_of_repaired_nb_is_clean(release: str, tmp_path: Path, capsys) -> None:
    fixture = FIXTURES / release
    resolv = tmp_path / "resolv.conf"
    resolv.write_text("nameserver 10.255.255.53\n")
    args = [
        "neutron", "audit", "--sql-dump", str(fixture / "neutron.sql"),
        "--nb-file", str(fixture / "nb-repaired.db"), "--resolv-conf", str(resolv), "--json",
    ]  # fmt: skip
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["drift"] == 0


@pytest.mark.parametrize("release", RELEASES)
def test_audit_finds_missing_extra_and_different(release: str) -> None:
    fixture = FIXTURES / release
    rows = source.load(sql_dump=str(fixture / "neutron.sql"))
    nb = audit.read_nb_file(str(fixture / "nb-repaired.db"))
    # missing: drop the QoS row (and the switch's reference to it)
    qos_uuid = next(iter(nb.tables["QoS"]))
    del nb.tables["QoS"][qos_uuid]
    for ls in nb.tables["Logical_Switch"].values():
        ls.get("qos_rules", set()).discard(qos_uuid)
    # different: one ACL's match
    acl_uuid, acl = next(
        (u, r)
        for u, r in nb.tables["ACL"].items()
        if "neutron:security_group_rule_id" in r.get("external_ids", {})
    )
    acl["match"] = "outport == @pg_x && ip4"
    # extra: a Neutron-named switch Neutron does not know; and a foreign one (left alone)
    nb.tables["Logical_Switch"]["11111111-1111-1111-1111-111111111111"] = {
        "name": "neutron-22222222-2222-2222-2222-222222222222"
    }
    nb.tables["Logical_Switch"]["33333333-3333-3333-3333-333333333333"] = {"name": "not-neutron"}
    result = audit.audit(rows, nb, CONFIG)
    kinds = {(c.kind, c.table) for c in result.plan.changes()}
    assert ("missing", "QoS") in kinds
    assert ("different", "ACL") in kinds
    assert ("extra", "Logical_Switch") in kinds
    deleted = {c.uuid for c in result.plan.deletes}
    assert "33333333-3333-3333-3333-333333333333" not in deleted
    updated = {c.uuid: c for c in result.plan.updates}
    assert set(updated[acl_uuid].new or {}) == {"match"}
    # The switch that lost its QoS reference is updated in place (same UUID).
    assert any(
        c.table == "Logical_Switch" and set(c.new or {}) == {"qos_rules"}
        for c in result.plan.updates
    )
