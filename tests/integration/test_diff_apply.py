"""Applying a diff to a real ovsdb-server makes it equal to the target, UUIDs included."""

from __future__ import annotations

import copy
import uuid

from ovsdb_backup.model.database import Database
from ovsdb_backup.model.diff import diff_databases, to_operations
from ovsdb_backup.sandbox.client import transact
from ovsdb_backup.sandbox.server import OvsdbServer
from tests.support.contents import assert_same_tables, file_db, live_tables


def test_diff_applied_in_one_transaction_reaches_the_target(standalone_nb: OvsdbServer):
    schema = file_db(standalone_nb.db_paths[0]).schema
    current = Database(schema)
    current.tables = live_tables(standalone_nb.remote, schema)
    target = Database(schema)
    target.tables = copy.deepcopy(current.tables)

    # A new switch with a port, inserted with UUIDs we choose; a port deleted;
    # maps and sets changed; a big set (address set) changed by a few elements.
    sw, lsp = str(uuid.uuid4()), str(uuid.uuid4())
    target.tables["Logical_Switch_Port"][lsp] = {
        "name": "restored-port",
        "addresses": {"00:00:00:00:00:99 10.9.9.9"},
    }
    target.tables["Logical_Switch"][sw] = {"name": "restored-sw", "ports": {lsp}}
    victim_switch, victim_row = next(
        (u, r) for u, r in target.tables["Logical_Switch"].items() if r.get("ports")
    )
    removed_port = sorted(victim_row["ports"])[0]
    victim_row["ports"] = victim_row["ports"] - {removed_port}
    del target.tables["Logical_Switch_Port"][removed_port]
    victim_row["external_ids"] = {**victim_row.get("external_ids", {}), "restored": "yes"}
    big = {f"10.50.{i // 250}.{i % 250}" for i in range(200)}
    aset = str(uuid.uuid4())
    current_ops = [
        {
            "op": "insert",
            "table": "Address_Set",
            "uuid": aset,
            "row": {"name": "big", "addresses": ["set", sorted(big)]},
        }
    ]
    transact(standalone_nb.remote, ["OVN_Northbound", *current_ops])
    current.tables = live_tables(standalone_nb.remote, schema)
    target.tables["Address_Set"][aset] = {
        "name": "big",
        "addresses": (big - {"10.50.0.1"}) | {"10.60.0.1"},
    }

    # Like any real database, the target has no weak references to deleted rows.
    target.collect_garbage()
    diff = diff_databases(current, target)
    assert not diff.conflicts
    ops = to_operations(current, diff, guard=True)
    assert any(o["op"] == "mutate" and o["table"] == "Address_Set" for o in ops)
    result = transact(standalone_nb.remote, ["OVN_Northbound", *ops])
    assert not [r for r in result if isinstance(r, dict) and "error" in r]
    assert_same_tables(live_tables(standalone_nb.remote, schema), target.tables)
    assert victim_switch in target.tables["Logical_Switch"]

    # Applying the same target again changes nothing.
    again = Database(schema)
    again.tables = live_tables(standalone_nb.remote, schema)
    assert diff_databases(again, target).empty


def test_a_concurrent_change_aborts_the_guarded_transaction(standalone_nb: OvsdbServer):
    """The wait guards: a row changed after it was read makes the whole transaction fail."""
    schema = file_db(standalone_nb.db_paths[0]).schema
    current = Database(schema)
    current.tables = live_tables(standalone_nb.remote, schema)
    target = Database(schema)
    target.tables = copy.deepcopy(current.tables)
    sw = next(u for u, r in target.tables["Logical_Switch"].items() if r.get("name") == "sw1")
    target.tables["Logical_Switch"][sw]["external_ids"] = {"restored": "1"}
    extra = str(uuid.uuid4())
    target.tables["Logical_Switch"][extra] = {"name": "also-restored"}
    ops = to_operations(current, diff_databases(current, target), guard=True)
    # Another client changes the same switch between our read and our transaction.
    transact(
        standalone_nb.remote,
        [
            "OVN_Northbound",
            {
                "op": "update",
                "table": "Logical_Switch",
                "where": [["_uuid", "==", ["uuid", sw]]],
                "row": {"external_ids": ["map", [["someone", "else"]]]},
            },
        ],
    )
    after_other = live_tables(standalone_nb.remote, schema)
    import pytest

    from ovsdb_backup.errors import ToolError

    with pytest.raises(ToolError, match=r"timed out|not met|wait"):
        transact(standalone_nb.remote, ["OVN_Northbound", *ops])
    assert_same_tables(live_tables(standalone_nb.remote, schema), after_other)


def test_a_version_guard_aborts_when_another_column_of_the_row_changed(
    standalone_nb: OvsdbServer,
):
    """Guards on _version (what a restore by row versions sends) catch any change to the row,
    also to a column the restore does not touch, and are a few bytes whatever the row's size."""
    import pytest

    from ovsdb_backup.errors import ToolError

    schema = file_db(standalone_nb.db_paths[0]).schema
    current = Database(schema)
    current.tables = live_tables(standalone_nb.remote, schema)
    target = Database(schema)
    target.tables = copy.deepcopy(current.tables)
    sw = next(u for u, r in target.tables["Logical_Switch"].items() if r.get("name") == "sw1")
    target.tables["Logical_Switch"][sw]["external_ids"] = {"restored": "1"}
    where = [["_uuid", "==", ["uuid", sw]]]
    select = {"op": "select", "table": "Logical_Switch", "where": where, "columns": ["_version"]}
    (read,) = transact(standalone_nb.remote, ["OVN_Northbound", select])
    versions = {"Logical_Switch": {sw: read["rows"][0]["_version"][1]}}
    ops = to_operations(current, diff_databases(current, target), guard=True, versions=versions)
    waits = [op for op in ops if op["op"] == "wait"]
    assert [w["columns"] for w in waits] == [["_version"]]
    other = {"op": "update", "table": "Logical_Switch", "where": where}
    transact(
        standalone_nb.remote,
        ["OVN_Northbound", {**other, "row": {"other_config": ["map", [["x", "y"]]]}}],
    )
    after_other = live_tables(standalone_nb.remote, schema)
    with pytest.raises(ToolError, match=r"timed out|not met|wait"):
        transact(standalone_nb.remote, ["OVN_Northbound", *ops])
    assert_same_tables(live_tables(standalone_nb.remote, schema), after_other)
    # Read again: the guard passes and the change is made.
    (read,) = transact(standalone_nb.remote, ["OVN_Northbound", select])
    versions = {"Logical_Switch": {sw: read["rows"][0]["_version"][1]}}
    current.tables = after_other
    ops = to_operations(current, diff_databases(current, target), guard=True, versions=versions)
    transact(standalone_nb.remote, ["OVN_Northbound", *ops])
    restored = live_tables(standalone_nb.remote, schema)["Logical_Switch"][sw]
    assert restored["external_ids"] == {"restored": "1"}
