"""Schema parsing against the real schemas shipped by Open vSwitch and OVN."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from ovsdb_backup.errors import SchemaError
from ovsdb_backup.model.schema import ColumnKind, DatabaseSchema, schema_file_cksum

REAL_SCHEMAS = [
    Path("/usr/share/ovn/ovn-nb.ovsschema"),
    Path("/usr/share/ovn/ovn-sb.ovsschema"),
    Path("/usr/share/openvswitch/vswitch.ovsschema"),
]


@pytest.fixture(params=REAL_SCHEMAS, ids=lambda p: p.name)
def schema_path(request: pytest.FixtureRequest, ovs_tools: None) -> Path:
    return request.param


def test_real_schema_parses_and_keeps_text(schema_path: Path):
    text = schema_path.read_text()
    schema = DatabaseSchema.from_text(text)
    assert schema.text == text
    assert schema.tables


def test_cksum_of_real_schema_files_matches_their_declared_cksum(schema_path: Path):
    raw = schema_path.read_bytes()
    schema = DatabaseSchema.from_text(raw)
    assert schema.cksum == schema_file_cksum(raw)


def test_column_kinds_of_nb(ovs_tools: None):
    nb = DatabaseSchema.from_text(REAL_SCHEMAS[0].read_text())
    lrp = nb.tables["Logical_Router_Port"].columns
    assert lrp["networks"].type.kind is ColumnKind.SET
    assert lrp["networks"].type.min == 1
    assert lrp["name"].type.kind is ColumnKind.SCALAR
    assert lrp["peer"].type.kind is ColumnKind.OPTIONAL
    assert lrp["options"].type.kind is ColumnKind.MAP
    ls = nb.tables["Logical_Switch"].columns
    assert ls["ports"].type.key.ref_table == "Logical_Switch_Port"
    assert ls["ports"].type.max == math.inf
    assert nb.gc_enabled
    assert not nb.tables["Logical_Switch_Port"].is_root


def test_ephemeral_columns_made_persistent_for_clusters(ovs_tools: None):
    nb = DatabaseSchema.from_text(REAL_SCHEMAS[0].read_text())
    assert nb.has_ephemeral_columns()
    persistent = nb.with_ephemeral_persisted()
    assert not persistent.has_ephemeral_columns()
    assert persistent != nb
    assert "ephemeral" not in persistent.text


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ('{"name": "x", "tables": {}}', "non-empty"),
        ('{"name": "1x", "tables": {"T": {"columns": {"a": {"type": "integer"}}}}}', "identifier"),
        ('{"name": "x", "tables": {"T": {"columns": {"_a": {"type": "integer"}}}}}', "not allowed"),
        ('{"name": "x", "tables": {"T": {"columns": {"a": {"type": "float"}}}}}', "unknown atomic"),
        (
            '{"name": "x", "tables": {"T": {"columns": {"a": {"type": {"key": '
            '{"type": "uuid", "refTable": "Nope"}}}}}}}',
            "undefined table",
        ),
        (
            '{"name": "x", "version": "1.2", "tables": {"T": {"columns": {"a": {"type": '
            '"integer"}}}}}',
            "x.y.z",
        ),
        ("not json", "not valid JSON"),
    ],
)
def test_invalid_schemas_are_rejected_with_a_reason(doc: str, message: str):
    with pytest.raises(SchemaError, match=message):
        DatabaseSchema.from_text(doc)
