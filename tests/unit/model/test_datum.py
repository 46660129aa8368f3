"""Datum conversion and the diff algebra of OVSDB's on-disk diff records."""

from __future__ import annotations

import math

import pytest

from ovsdb_backup.model.datum import ZERO_UUID, ColumnCodec, DatumError
from ovsdb_backup.model.schema import BaseType, ColumnType

U1 = "11111111-1111-1111-1111-111111111111"
U2 = "22222222-2222-2222-2222-222222222222"


def codec(
    key: str, value: str | None = None, n_min: int = 1, n_max: float = 1, **kw
) -> ColumnCodec:
    return ColumnCodec(
        ColumnType(BaseType(key, **kw), BaseType(value) if value else None, n_min, n_max)
    )


def test_scalar_accepts_bare_atom_and_one_element_set():
    c = codec("integer")
    assert c.decode(5) == 5
    assert c.decode(["set", [5]]) == 5
    with pytest.raises(DatumError):
        c.decode(["set", []])
    with pytest.raises(DatumError):
        c.decode(True)  # booleans are not integers in OVSDB


def test_reals_written_without_decimal_point_are_coerced():
    assert codec("real").decode(32500000000) == 32500000000.0


def test_uuid_atoms_are_normalised_to_lowercase_strings():
    c = codec("uuid")
    assert c.decode(["uuid", U1.upper()]) == U1
    with pytest.raises(DatumError):
        c.decode(["uuid", "not-a-uuid"])
    assert c.encode(U1) == ["uuid", U1]
    assert c.default() == ZERO_UUID


def test_optional_and_set_encodings_round_trip():
    opt = codec("string", n_min=0)
    assert opt.decode(["set", []]) is None
    assert opt.encode(None) == ["set", []]
    s = codec("string", n_min=0, n_max=math.inf)
    assert s.decode("a") == {"a"}
    assert s.encode({"a"}) == "a"  # a one-element set is written as the bare atom
    assert s.encode({"b", "a"}) == ["set", ["a", "b"]]
    with pytest.raises(DatumError, match="duplicate"):
        s.decode(["set", ["a", "a"]])


def test_set_diff_is_a_symmetric_difference():
    s = codec("string", n_min=0, n_max=math.inf)
    old = {"x", "y"}
    diff = s.decode_diff(["set", ["x", "z"]])
    s.check_diff(old, diff)
    assert s.apply_diff(old, diff) == {"y", "z"}


def test_map_diff_adds_replaces_and_removes():
    m = codec("string", "string", n_min=0, n_max=math.inf)
    old = {"k1": "v1", "k2": "v2", "k3": "v3"}
    # k1 removed (old value given), k2 changed, k4 added, k3 untouched.
    diff = m.decode_diff(["map", [["k1", "v1"], ["k2", "CHANGED"], ["k4", "v4"]]])
    assert m.apply_diff(old, diff) == {"k2": "CHANGED", "k3": "v3", "k4": "v4"}


def test_diff_on_min_one_set_at_its_default_value_applies_to_the_default():
    # Logical_Router_Port.networks is {"key": "string", "min": 1, "max": "unlimited"}:
    # its default is {""}. OVS 3.1.0 mis-applied this case; the record holds a diff.
    networks = codec("string", n_min=1, n_max=math.inf)
    default = networks.default()
    assert default == {""}
    diff = networks.decode_diff(["set", ["", "10.0.0.1/24"]])
    assert networks.apply_diff(default, diff) == {"10.0.0.1/24"}


def test_diff_that_breaks_size_limits_is_refused_before_applying():
    bounded = codec("string", n_min=1, n_max=2)
    old = {"a", "b"}
    diff = bounded.decode_diff(["set", ["c"]])
    with pytest.raises(DatumError, match="allows 1 to 2"):
        bounded.check_diff(old, diff)
    assert old == {"a", "b"}


def test_diff_may_exceed_max_when_the_result_fits():
    bounded = codec("string", n_min=0, n_max=2)
    old = {"a", "b"}
    diff = bounded.decode_diff(["set", ["a", "b", "c"]])  # 3 elements > max 2
    bounded.check_diff(old, diff)
    assert bounded.apply_diff(old, diff) == {"c"}


def test_constraints_are_enforced():
    with pytest.raises(DatumError, match="allowed values"):
        codec("string", enum=frozenset({"allow", "drop"})).decode("reject")
    with pytest.raises(DatumError, match="range"):
        codec("integer", min_integer=0, max_integer=4095).decode(4096)
    with pytest.raises(DatumError, match="length"):
        codec("string", max_length=3).decode("abcd")


def test_computed_diff_reproduces_the_new_value():
    m = codec("string", "string", n_min=0, n_max=math.inf)
    old, new = {"a": "1", "b": "2"}, {"b": "3", "c": "4"}
    diff = m.decode_diff(m.diff(old, new))
    assert m.apply_diff(dict(old), diff) == new
    s = codec("integer", n_min=0, n_max=math.inf)
    sdiff = s.decode_diff(s.diff({1, 2}, {2, 3}))
    assert s.apply_diff({1, 2}, sdiff) == {2, 3}
