"""Applying transaction records: atomicity, diffs, integrity and garbage collection."""

from __future__ import annotations

import pytest

from ovsdb_backup.model.database import Database, TxnError
from ovsdb_backup.model.schema import DatabaseSchema

SCHEMA = DatabaseSchema.from_json(
    {
        "name": "Mini",
        "version": "1.0.0",
        "tables": {
            "Switch": {
                "isRoot": True,
                "columns": {
                    "name": {"type": "string"},
                    "ports": {
                        "type": {
                            "key": {"type": "uuid", "refTable": "Port"},
                            "min": 0,
                            "max": "unlimited",
                        }
                    },
                    "tags": {"type": {"key": "string", "min": 0, "max": "unlimited"}},
                    "kv": {
                        "type": {"key": "string", "value": "string", "min": 0, "max": "unlimited"}
                    },
                    "nets": {"type": {"key": "string", "min": 1, "max": "unlimited"}},
                },
                "indexes": [["name"]],
            },
            "Port": {
                "columns": {
                    "name": {"type": "string"},
                    "peer": {
                        "type": {
                            "key": {"type": "uuid", "refTable": "Port", "refType": "weak"},
                            "min": 0,
                            "max": 1,
                        }
                    },
                }
            },
        },
    }
)

S1 = "11111111-0000-0000-0000-000000000001"
P1 = "22222222-0000-0000-0000-000000000001"
P2 = "22222222-0000-0000-0000-000000000002"


def fresh() -> Database:
    db = Database(SCHEMA)
    db.apply_txn(
        {
            "Switch": {
                S1: {
                    "name": "sw",
                    "ports": ["set", [["uuid", P1], ["uuid", P2]]],
                    "kv": ["map", [["a", "1"]]],
                }
            },
            "Port": {P1: {"name": "p1", "peer": ["uuid", P2]}, P2: {"name": "p2"}},
            "_is_diff": True,
        }
    )
    return db


def test_insert_stores_only_non_default_columns():
    db = fresh()
    assert db.tables["Switch"][S1].keys() == {"name", "ports", "kv"}
    assert db.get("Switch", S1, "nets") == {""}


def test_diff_record_modifies_existing_rows():
    db = fresh()
    db.apply_txn(
        {
            "Switch": {
                S1: {
                    "tags": ["set", ["x"]],
                    "kv": ["map", [["a", "1"], ["b", "2"]]],
                    "nets": ["set", ["", "10.0.0.1/24"]],
                }
            },
            "_is_diff": True,
        }
    )
    row = db.tables["Switch"][S1]
    assert row["tags"] == {"x"}
    assert row["kv"] == {"b": "2"}
    assert row["nets"] == {"10.0.0.1/24"}


def test_non_diff_record_replaces_whole_values():
    db = fresh()
    db.apply_txn({"Switch": {S1: {"kv": ["map", [["z", "9"]]]}}})
    assert db.tables["Switch"][S1]["kv"] == {"z": "9"}


def test_value_returning_to_default_is_dropped_from_the_row():
    db = fresh()
    db.apply_txn({"Switch": {S1: {"kv": ["map", [["a", "1"]]]}}, "_is_diff": True})
    assert "kv" not in db.tables["Switch"][S1]


def test_a_bad_record_changes_nothing():
    db = fresh()
    before = {t: {u: dict(r) for u, r in rows.items()} for t, rows in db.tables.items()}
    with pytest.raises(TxnError, match="does not exist"):
        db.apply_txn(
            {
                "Switch": {S1: {"name": "renamed"}},
                "Port": {"33333333-0000-0000-0000-000000000000": None},
            }
        )
    assert db.tables == before


@pytest.mark.parametrize(
    ("txn", "message"),
    [
        ({"Nope": {}}, "No table named Nope"),
        ({"Switch": {S1: {"bogus": 1}}}, "No column bogus"),
        ({"Switch": {"not-a-uuid": {}}}, "not a valid UUID"),
        ({"Switch": {S1: {"name": 5}}}, "expected string"),
        ({"_date": "yesterday"}, "_date must be an integer"),
        ({"Switch": {S1: []}}, "row must be JSON object"),
    ],
)
def test_semantic_errors_are_classified(txn, message):
    with pytest.raises(TxnError, match=message):
        fresh().apply_txn(txn)


def test_integrity_reports_dangling_refs_and_orphans():
    db = fresh()
    db.apply_txn({"Port": {P1: None}})  # still referenced by Switch.ports
    kinds = {p.kind for p in db.integrity_problems()}
    assert "dangling-strong-ref" in kinds
    db2 = fresh()
    db2.apply_txn({"Switch": {S1: {"ports": ["set", [["uuid", P1]]]}}, "_is_diff": True})
    orphans = [p for p in db2.integrity_problems() if p.kind == "orphan-row"]
    assert [p.row for p in orphans] == [P1]


def test_duplicate_index_values_are_reported():
    db = fresh()
    db.apply_txn({"Switch": {"11111111-0000-0000-0000-000000000002": {"name": "sw"}}})
    assert [p.kind for p in db.integrity_problems()] == ["duplicate-index"]


def test_garbage_collection_removes_orphans_and_weak_refs():
    db = fresh()
    db.apply_txn({"Switch": {S1: {"ports": ["set", [["uuid", P2]]]}}, "_is_diff": True})
    # P2 is now unreferenced, P1 still referenced.
    assert db.collect_garbage() == {"Port": 1}
    assert set(db.tables["Port"]) == {P1}
    assert "peer" not in db.tables["Port"][P1]  # weak ref to the collected P2 removed
