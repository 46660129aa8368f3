"""The plan and the sync target, without servers: the fixture's NB in memory, changed by
hand, must come back to Neutron's state touching only Neutron's rows."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest

from ovsdb_backup.model.database import Database
from ovsdb_backup.neutron import hashring, revisions, source
from ovsdb_backup.neutron.audit import audit, read_nb_file
from ovsdb_backup.neutron.nbbuild import build_database
from ovsdb_backup.neutron.sync import build_target, operations
from ovsdb_backup.neutron.translate import SyncConfig, translate
from ovsdb_backup.neutron.view import build_view
from tests.support.neutron import FIXTURES, RELEASES, RESOLVER

CONFIG = SyncConfig(system_dns_resolvers=(RESOLVER,), gateway_chassis=("gw1",))


@pytest.fixture(scope="module", params=RELEASES)
def fixture(request) -> Path:
    return FIXTURES / request.param


@pytest.fixture(scope="module")
def rows(fixture: Path) -> source.NeutronRows:
    return source.load(sql_dump=str(fixture / "neutron.sql"))


def nb(fixture: Path) -> Database:
    return read_nb_file(str(fixture / "nb-repaired.db"))


def by_name(db: Database, table: str, name: str) -> tuple[str, dict]:
    return next((u, r) for u, r in db.tables[table].items() if r.get("name") == name)


def neutron_switch(db: Database) -> tuple[str, dict]:
    return next((u, r) for u, r in sorted(db.tables["Logical_Switch"].items()) if r.get("ports"))


def test_synced_nb_gives_no_operations(fixture: Path, rows) -> None:
    db = nb(fixture)
    result = audit(rows, db, CONFIG)
    assert not result.plan
    assert operations(db, result.plan) == (operations(db, result.plan)[0], [])


def test_target_of_a_drifted_nb_audits_clean(fixture: Path, rows) -> None:
    db = nb(fixture)
    lsp_uuid = next(iter(sorted(db.tables["Logical_Switch_Port"])))
    for ls in db.tables["Logical_Switch"].values():
        ls["ports"] = ls.get("ports", set()) - {lsp_uuid}
    db.collect_garbage()
    acl = next(r for _u, r in sorted(db.tables["ACL"].items()) if r.get("external_ids"))
    acl["match"] += " && ip.ttl == 1"
    stray = str(uuid.uuid4())
    db.tables["Logical_Switch"][stray] = {"name": f"neutron-{uuid.uuid4()}"}
    before = {t: dict(r) for t, r in db.tables.items()}

    plan = audit(rows, db, CONFIG).plan
    target = build_target(db, plan)
    assert not audit(rows, target, CONFIG).plan
    assert not target.integrity_problems()
    assert {t: dict(r) for t, r in db.tables.items()} == before  # current left intact
    assert stray not in target.tables["Logical_Switch"]
    _diff, ops = operations(db, plan)
    kinds = {(o["op"], o["table"]) for o in ops}
    assert ("insert", "Logical_Switch_Port") in kinds
    assert ("update", "ACL") in kinds
    assert ("delete", "Logical_Switch") in kinds
    inserted = next(o for o in ops if o["op"] == "insert")
    assert inserted["uuid"] not in db.tables["Logical_Switch_Port"]
    # Every update and delete is guarded by a wait on the values that were read.
    waited = set()
    for op in ops:
        if op["op"] == "wait":
            waited.add(op["where"][0][2][1])
        elif op["op"] != "insert":
            assert op["where"][0][2][1] in waited, op


def test_foreign_rows_and_columns_are_left_alone(fixture: Path, rows) -> None:
    db = nb(fixture)
    _switch_uuid, switch = neutron_switch(db)
    lb = str(uuid.uuid4())
    db.tables["Load_Balancer"][lb] = {"name": "octavia-lb", "vips": {"192.0.2.1:80": "10.0.0.1:80"}}
    switch["load_balancer"] = switch.get("load_balancer", set()) | {lb}
    port = str(uuid.uuid4())
    db.tables["Logical_Switch_Port"][port] = {"name": "hand-made"}
    switch["ports"] = switch["ports"] | {port}
    acl = next(r for _u, r in sorted(db.tables["ACL"].items()) if r.get("external_ids"))
    acl["log"] = True  # network logging: not a column the translation writes
    assert not audit(rows, db, CONFIG).plan


def test_duplicate_neutron_switch_is_extra(fixture: Path, rows) -> None:
    db = nb(fixture)
    _switch_uuid, switch = neutron_switch(db)
    twin = "ffffffff-ffff-4fff-bfff-ffffffffffff"  # sorts after any real UUID
    db.tables["Logical_Switch"][twin] = {"name": switch["name"]}
    plan = audit(rows, db, CONFIG).plan
    assert [c.uuid for c in plan.deletes] == [twin]
    assert not plan.inserts and not plan.updates


def test_insert_never_reuses_a_uuid_in_use(fixture: Path, rows) -> None:
    """A regenerated NB has stable UUIDs; a row whose key was changed by hand still owns
    the UUID its original key maps to, so the re-created row needs another one."""
    profile = source.choose_profile(rows, None)
    db = build_database(nb(fixture).schema, translate(build_view(rows), profile, CONFIG))
    nat_uuid, nat = next(iter(sorted(db.tables["NAT"].items())))
    nat["external_ip"] = "198.51.100.99"
    plan = audit(rows, db, CONFIG).plan
    (insert,) = [c for c in plan.inserts if c.table == "NAT"]
    assert insert.uuid != nat_uuid and insert.uuid not in db.tables["NAT"]
    assert [c.uuid for c in plan.deletes] == [nat_uuid]
    assert not build_target(db, plan).integrity_problems()


def test_deleted_neutron_row_is_unlinked_from_a_foreign_parent(fixture: Path, rows) -> None:
    db = nb(fixture)
    extra = str(uuid.uuid4())
    db.tables["Logical_Switch_Port"][extra] = {
        "name": str(uuid.uuid4()), "external_ids": {"neutron:device_owner": "compute:nova"},
    }  # fmt: skip
    foreign = str(uuid.uuid4())
    db.tables["Logical_Switch"][foreign] = {"name": "k8s", "ports": {extra}}
    plan = audit(rows, db, CONFIG).plan
    assert [c.uuid for c in plan.deletes] == [extra]
    target = build_target(db, plan)
    assert foreign in target.tables["Logical_Switch"]
    assert "ports" not in target.tables["Logical_Switch"][foreign]
    assert not target.integrity_problems()


def test_hash_ring_state_and_guidance() -> None:
    now = dt.datetime(2026, 11, 21, 12, 0, 0)
    rows: list[dict[str, Any]] = [
        {"hostname": "ctl1", "updated_at": now - dt.timedelta(seconds=20)},
        {"hostname": "ctl2", "updated_at": "2026-11-21 11:00:00"},
        {"hostname": "ctl3", "updated_at": None},
    ]
    state = hashring.ring_state(rows, now)
    assert (state.nodes, state.alive, state.hosts) == (3, 1, ("ctl1",))
    assert "appears to be running" in (hashring.running_warning(state) or "")
    assert hashring.guidance(state, drift=False, changed_nb=False) == []
    notes = hashring.guidance(state, drift=True, changed_nb=True)
    assert notes[0].startswith("Stop neutron-server") and "ovn_hash_ring" in notes[1]
    empty = hashring.ring_state([], now)
    assert hashring.running_warning(empty) is None
    assert "is empty" in hashring.guidance(empty, drift=True, changed_nb=False)[0]


def test_revision_bumps_cover_what_the_real_repair_goes_through(rows) -> None:
    wanted = revisions.bumps(rows, build_view(rows))
    types = {b.resource_type for b in wanted}
    assert types == {"networks", "ports", "routers", "router_ports", "floatingips"}
    ports = {r["id"]: r for r in rows.rows("ports")}
    assert not [b for b in wanted if b.resource_type == "ports"
                and ports[b.resource_uuid]["device_owner"] == "network:floatingip"]  # fmt: skip
