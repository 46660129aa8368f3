"""The incremental parser of huge records equals orjson on the whole record."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ovsdb_backup.formats import bigrecord
from ovsdb_backup.formats.bigrecord import RecordSyntaxError, iter_record


def collect(body: bytes, chunk: int) -> dict:
    out: dict = {}
    pieces = [body[i : i + chunk] for i in range(0, len(body), chunk)]
    for kind, (key, value) in iter_record(pieces):
        if kind == "rows":
            out.setdefault(key, {}).update(value)
        else:
            out[key] = value
    return out


atoms = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.integers(-(2**40), 2**40),
    st.booleans(),
)
values = st.one_of(
    atoms,
    st.lists(atoms, max_size=4).map(lambda xs: ["set", xs]),
    st.dictionaries(st.text(max_size=5), st.text(max_size=8), max_size=3).map(
        lambda d: ["map", [[k, v] for k, v in d.items()]]
    ),
    st.uuids().map(lambda u: ["uuid", str(u)]),
)
rows = st.dictionaries(st.sampled_from(["name", "x}", 'q"', "map", "set"]), values, max_size=5)
# A diff record (what the stream agent writes for a big update) deletes rows with null.
tables = st.dictionaries(
    st.sampled_from(["A", "B_c", "Logical_Switch"]),
    st.dictionaries(st.uuids().map(str), rows | st.none(), max_size=30),
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(
    record=tables,
    chunk=st.integers(1, 300),
    comment=st.text(max_size=20),
    batch=st.sampled_from([1 << 20, 64, 1]),
)
def test_incremental_parse_equals_orjson(record, chunk, comment, batch):
    body = orjson.dumps({**record, "_date": 123, "_comment": comment, "_is_diff": True})
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(bigrecord, "BATCH_BYTES", batch)
        assert collect(body, chunk) == orjson.loads(body)


def test_small_batches_and_huge_rows(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(bigrecord, "BATCH_BYTES", 64)
    big = {"ports": ["set", [["uuid", f"{i:08d}-0000-0000-0000-000000000000"] for i in range(500)]]}
    record = {"T": {f"{i:08d}-1111-1111-1111-111111111111": big for i in range(5)}, "_date": 1}
    body = orjson.dumps(record) + b"\n"
    assert collect(body, 1000) == record


@pytest.mark.parametrize(
    "body",
    [b'{"T":{"u":{"a":1}', b'{"T":{"u":{"a":1}}}}', b'["x"]', b'{"T":{"u":{"a":"x}}', b"{"],
)
def test_malformed_bodies_raise(body: bytes):
    with pytest.raises(RecordSyntaxError):
        collect(body, 7)


def test_replay_streams_a_huge_first_record_to_the_same_result(
    monkeypatch: pytest.MonkeyPatch, tmp_path
):
    from ovsdb_backup.formats import standalone
    from ovsdb_backup.formats.records import encode_json_record
    from tests.unit.model.test_database import SCHEMA

    rows = {
        "Switch": {
            f"{i:08d}-0000-0000-0000-000000000001": {
                "name": f"sw{i}",
                "tags": ["set", ["a}", 'b"', f"{i}"]],
                "kv": ["map", [["k", "v}}"]]],
            }
            for i in range(300)
        },
        "_date": 42,
        "_comment": "compacted",
    }
    data = encode_json_record("JSON", SCHEMA.json) + encode_json_record("JSON", rows)
    whole = standalone.replay_standalone(data)
    monkeypatch.setattr(standalone, "BIG_RECORD_BYTES", 100)
    monkeypatch.setattr(bigrecord, "BATCH_BYTES", 256)
    streamed = standalone.replay_standalone(data)
    assert streamed.db.tables == whole.db.tables
    assert len(streamed.db.tables["Switch"]) == 300
    assert (streamed.last_date, streamed.last_comment) == (42, "compacted")
    bad = encode_json_record("JSON", SCHEMA.json) + encode_json_record(
        "JSON", {"Switch": {"00000000-0000-0000-0000-000000000001": {"name": 5}}, "x": 1}
    )
    failed = standalone.replay_standalone(bad, strict=False)
    assert failed.stopped is not None and failed.stopped.kind == "bad-transaction"
    assert failed.db.total_rows() == 0
