"""The record codec: framing, classification of every defect, incremental decoding."""

from __future__ import annotations

import hashlib

import orjson
import pytest

from ovsdb_backup.formats.records import (
    Defect,
    DefectKind,
    Frame,
    FrameDecoder,
    encode_json_record,
    encode_record,
    parse_body,
    scan,
)


def make_log(*objs: dict) -> bytes:
    return b"".join(encode_json_record("JSON", o) for o in objs)


LOG = make_log({"name": "S"}, {"T": {"a": 1}}, {"T": {"b": 2}, "_comment": "x"})


def test_encode_matches_ovs_framing():
    body = b'{"x":1}\n'
    rec = encode_record("JSON", body)
    assert rec == b"OVSDB JSON 8 " + hashlib.sha1(body).hexdigest().encode() + b"\n" + body


def test_scan_yields_every_record_with_offsets():
    frames = list(scan(LOG))
    assert [type(f) for f in frames] == [Frame, Frame, Frame]
    assert [f.number for f in frames] == [0, 1, 2]
    assert frames[0].offset == 0
    assert frames[1].offset == frames[0].end
    assert parse_body(frames[2]) == {"T": {"b": 2}, "_comment": "x"}


def test_torn_body_is_a_torn_tail():
    cut = LOG[:-5]
    items = list(scan(cut))
    assert isinstance(items[-1], Defect)
    assert items[-1].kind is DefectKind.TORN_TAIL
    assert items[-1].number == 2
    assert items[-1].offset == len(make_log({"name": "S"}, {"T": {"a": 1}}))


def test_torn_header_is_a_torn_tail_but_garbage_is_a_bad_header():
    base = make_log({"name": "S"})
    torn = list(scan(base + b"OVSDB JSON 12"))
    assert torn[-1].kind is DefectKind.TORN_TAIL
    garbage = list(scan(base + b"hello world"))
    assert garbage[-1].kind is DefectKind.BAD_HEADER
    assert garbage[-1].offset == len(base)


def test_checksum_mismatch_reports_body_offset_like_ovs():
    frames = list(scan(LOG))
    target = frames[1]
    damaged = bytearray(LOG)
    damaged[target.body_offset + 2] ^= 0x01
    items = list(scan(bytes(damaged)))
    defect = items[1]
    assert defect.kind is DefectKind.CHECKSUM_MISMATCH
    assert defect.number == 1
    assert defect.offset == target.offset
    assert f"starting at offset {target.body_offset} have SHA-1 hash" in defect.message


def test_bad_json_and_non_object_bodies():
    bad = make_log({"name": "S"}) + encode_record("JSON", b'{"a":\n')
    assert parse_body(list(scan(bad))[1]).kind is DefectKind.BAD_JSON
    arr = encode_record("JSON", b"[1,2]\n")
    assert parse_body(next(iter(scan(arr)))).kind is DefectKind.NOT_OBJECT


def test_magic_mismatch_is_detected():
    mixed = make_log({"name": "S"}) + encode_json_record("CLUSTER", {"term": 1})
    items = list(scan(mixed))
    assert items[1].kind is DefectKind.MAGIC_MISMATCH


def test_uppercase_checksum_is_accepted_leniently_but_flagged_strictly():
    body = b'{"a":1}\n'
    rec = b"OVSDB JSON 8 " + hashlib.sha1(body).hexdigest().upper().encode() + b"\n" + body
    assert isinstance(next(iter(scan(rec))), Frame)
    strict = next(iter(scan(rec, strict=True)))
    assert strict.kind is DefectKind.NONCANONICAL_HEADER


def test_header_longer_than_ovs_limit_is_bad():
    rec = b"OVSDB " + b"J" * 130 + b" 2 " + b"0" * 40 + b"\n{}"
    assert next(iter(scan(rec))).kind is DefectKind.BAD_HEADER


def test_resync_finds_records_after_damage():
    frames = list(scan(LOG))
    damaged = bytearray(LOG)
    damaged[frames[1].body_offset] = ord("X")
    items = list(scan(bytes(damaged), resync=True))
    kinds = [i.kind if isinstance(i, Defect) else "frame" for i in items]
    assert kinds == ["frame", DefectKind.CHECKSUM_MISMATCH, "frame"]
    assert items[2].offset == frames[2].offset


@pytest.mark.parametrize("chunk", [1, 2, 7, 64, 10_000])
def test_incremental_decoder_equals_whole_buffer_scan(chunk):
    decoder = FrameDecoder()
    got = []
    for i in range(0, len(LOG), chunk):
        decoder.feed(LOG[i : i + chunk])
        got.extend(decoder.events())
    decoder.close()
    got.extend(decoder.events())
    assert got == list(scan(LOG))


def test_incremental_decoder_reports_torn_tail_only_at_close():
    decoder = FrameDecoder()
    decoder.feed(LOG[:-3])
    frames = list(decoder.events())
    assert len(frames) == 2
    assert all(isinstance(f, Frame) for f in frames)
    decoder.close()
    (tail,) = list(decoder.events())
    assert tail.kind is DefectKind.TORN_TAIL


def test_body_may_contain_newlines_when_length_and_hash_match():
    body = orjson.dumps({"a": "b"}, option=orjson.OPT_INDENT_2) + b"\n"
    (frame,) = list(scan(encode_record("JSON", body)))
    assert parse_body(frame) == {"a": "b"}
