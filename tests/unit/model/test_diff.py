"""The UUID-keeping diff between two databases and the operations it becomes."""

from __future__ import annotations

import copy

from ovsdb_backup.model.database import Database
from ovsdb_backup.model.diff import MUTATE_THRESHOLD, diff_databases, to_operations
from tests.unit.model.test_database import P1, P2, S1, SCHEMA, fresh


def clone(db: Database) -> Database:
    other = Database(db.schema, db.codecs)
    other.tables = copy.deepcopy(db.tables)
    return other


def test_equal_databases_have_an_empty_diff():
    db = fresh()
    diff = diff_databases(db, clone(db))
    assert diff.empty
    assert to_operations(db, diff) == []


def test_insert_delete_update_are_keyed_by_uuid():
    current = fresh()
    target = clone(current)
    target.tables["Port"]["33333333-0000-0000-0000-000000000003"] = {"name": "p3"}
    target.tables["Switch"][S1]["ports"] = {P1, "33333333-0000-0000-0000-000000000003"}
    del target.tables["Port"][P2]
    target.tables["Switch"][S1]["kv"] = {"a": "2"}
    diff = diff_databases(current, target)
    assert diff.counts() == {
        "Switch": {"insert": 0, "delete": 0, "update": 1},
        "Port": {"insert": 1, "delete": 1, "update": 0},
    }
    ops = to_operations(current, diff)
    kinds = [(o["op"], o["table"]) for o in ops]
    assert ("insert", "Port") in kinds and ("delete", "Port") in kinds
    insert = next(o for o in ops if o["op"] == "insert")
    assert insert["uuid"] == "33333333-0000-0000-0000-000000000003"
    update = next(o for o in ops if o["op"] == "update")
    assert set(update["row"]) == {"ports", "kv"}  # only changed columns are sent


def test_large_sets_change_by_mutation():
    current = fresh()
    many = {f"{i:08d}-0000-0000-0000-000000000000" for i in range(MUTATE_THRESHOLD + 10)}
    current.tables["Switch"][S1]["tags"] = set(many)
    target = clone(current)
    target.tables["Switch"][S1]["tags"] = (many - {min(many)}) | {"new"}
    ops = to_operations(current, diff_databases(current, target))
    (mutate,) = [o for o in ops if o["op"] == "mutate"]
    assert mutate["mutations"] == [
        ["tags", "delete", ["set", [min(many)]]],
        ["tags", "insert", ["set", ["new"]]],
    ]


def test_guard_waits_on_the_old_values():
    current = fresh()
    target = clone(current)
    target.tables["Switch"][S1]["name"] = "renamed"
    ops = to_operations(current, diff_databases(current, target), guard=True)
    assert ops[0]["op"] == "wait"
    assert ops[0]["rows"] == [{"name": "sw"}]
    assert ops[1]["op"] == "update"


def test_ignored_columns_are_left_alone():
    current = fresh()
    target = clone(current)
    target.tables["Switch"][S1]["name"] = "renamed"
    assert diff_databases(current, target, ignore_columns={"Switch": {"name"}}).empty
    assert SCHEMA.tables["Switch"].columns["name"].mutable
