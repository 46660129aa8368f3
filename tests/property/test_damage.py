"""Every truncation and every single-byte change of a real file is detected and classified.

The files come from a real ovsdb-server (diff records included). Each damaged
copy must produce a classified defect at the right record, and reading it
must never crash or hang.
"""

from __future__ import annotations

import bisect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ovsdb_backup.errors import CorruptFileError
from ovsdb_backup.formats.clustered import replay_clustered
from ovsdb_backup.formats.records import Defect, DefectKind, Frame, scan
from ovsdb_backup.formats.standalone import replay_standalone


def boundaries(data: bytes) -> list[int]:
    frames = list(scan(data))
    assert all(isinstance(f, Frame) for f in frames)
    return [f.offset for f in frames] + [len(data)]


def record_at(bounds: list[int], offset: int) -> int:
    return bisect.bisect_right(bounds, offset) - 1


def first_defect(data: bytes, magic: str) -> Defect | None:
    for item in scan(data, magic=magic, strict=True):
        if isinstance(item, Defect):
            return item
    return None


@pytest.mark.parametrize("fixture", ["mini_standalone", "mini_cluster"])
def test_truncation_at_every_offset_is_a_torn_tail_at_the_right_record(
    fixture: str, request: pytest.FixtureRequest
):
    data: bytes = request.getfixturevalue(fixture)
    magic = "CLUSTER" if fixture == "mini_cluster" else "JSON"
    bounds = boundaries(data)
    for cut in range(1, len(data)):
        damaged = data[:cut]
        defect = first_defect(damaged, magic)
        if cut in bounds:
            assert defect is None, cut
            continue
        assert defect is not None, cut
        assert defect.kind is DefectKind.TORN_TAIL, (cut, defect)
        assert defect.number == record_at(bounds, cut), cut
        assert defect.offset == bounds[defect.number]


def test_truncated_standalone_replays_to_the_state_before_the_torn_record(mini_standalone: bytes):
    bounds = boundaries(mini_standalone)
    states = {}
    for n in range(1, len(bounds)):
        states[n] = replay_standalone(mini_standalone[: bounds[n]]).db.tables
    for cut in range(bounds[1], len(mini_standalone)):
        outcome = replay_standalone(mini_standalone[:cut], strict=False)
        kept = record_at(bounds, cut)
        assert outcome.db.tables == states[max(kept, 1)], cut
        if cut not in bounds:
            assert outcome.stopped is not None
            assert outcome.stopped.kind == "torn-tail"
            assert outcome.stopped.record == kept


def test_truncation_inside_the_schema_record_is_fatal(mini_standalone: bytes):
    bounds = boundaries(mini_standalone)
    for cut in range(1, bounds[1], 37):
        with pytest.raises(CorruptFileError):
            replay_standalone(mini_standalone[:cut], strict=False)


@pytest.mark.parametrize("fixture", ["mini_standalone", "mini_cluster"])
@pytest.mark.parametrize("mask", [0x01, 0x20, 0x80, 0xFF])
def test_every_single_byte_change_is_detected_in_its_record(
    fixture: str, mask: int, request: pytest.FixtureRequest
):
    data: bytes = request.getfixturevalue(fixture)
    magic = "CLUSTER" if fixture == "mini_cluster" else "JSON"
    bounds = boundaries(data)
    for i in range(len(data)):
        damaged = bytearray(data)
        damaged[i] ^= mask
        defect = first_defect(bytes(damaged), magic)
        assert defect is not None, (i, mask)
        assert defect.number == record_at(bounds, i), (i, mask, defect)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_random_damage_never_crashes_replay(data: st.DataObject, mini_cluster: bytes):
    raw = bytearray(mini_cluster)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(raw)))
    damaged = bytes(raw[:cut])
    try:
        replay = replay_clustered(damaged, strict=False, include_uncommitted=True)
    except CorruptFileError:
        return  # damage in the header: refused with a classified error
    if replay.stopped is not None:
        assert replay.stopped.record is not None
        assert replay.stopped.offset is not None
