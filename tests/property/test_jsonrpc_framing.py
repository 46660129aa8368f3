"""JSON-RPC framing: any stream of messages, split anywhere, decodes to the same messages."""

from __future__ import annotations

import json

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ovsdb_backup.protocol import jsonrpc
from ovsdb_backup.protocol.jsonrpc import Decoder, Notification, Request, Response, RowBatch

# Strings made of the characters that matter to a scanner.
TEXT = st.text(alphabet=st.sampled_from([*'ab{}[]",:\\ \n\té', "\u2028", "\x00"]), max_size=10)
ATOMS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT
)
VALUES = st.recursive(
    ATOMS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
IDS = st.integers(0, 2**31) | TEXT
MESSAGES = st.one_of(
    st.builds(lambda m, p, i: {"method": m, "params": p, "id": i}, TEXT, st.lists(VALUES), IDS),
    st.builds(lambda m, p: {"method": m, "params": p, "id": None}, TEXT, st.lists(VALUES)),
    st.builds(lambda i, r: {"id": i, "result": r, "error": None}, IDS, VALUES),
    st.builds(lambda i, e: {"id": i, "error": e}, IDS, VALUES.filter(lambda v: v is not None)),
)
# Column values as they appear in rows (RFC 7047 <value>), and op results of a transact.
DATUMS = (
    ATOMS
    | st.tuples(st.just("uuid"), TEXT).map(list)
    | st.tuples(st.just("set"), st.lists(ATOMS, max_size=4)).map(list)
    | st.tuples(st.just("map"), st.lists(st.tuples(ATOMS, ATOMS).map(list), max_size=3)).map(list)
)
ROWS = st.lists(st.dictionaries(TEXT, DATUMS, max_size=5), max_size=6)
OP_RESULTS = st.one_of(
    ROWS.map(lambda rows: {"rows": rows}),
    st.integers(0, 10).map(lambda n: {"count": n}),
    st.builds(lambda e, d: {"error": e, "details": d}, TEXT, TEXT),
    st.none(),
)


def _serialise(messages: list, pretty: list[bool]) -> bytes:
    out = b""
    for message, indent in zip(messages, pretty, strict=True):
        out += json.dumps(message, indent=1).encode() if indent else orjson.dumps(message)
    return out


def _chunks(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]


def _plain(event) -> dict:
    if isinstance(event, Request):
        return {"method": event.method, "params": event.params, "id": event.id}
    if isinstance(event, Notification):
        return {"method": event.method, "params": event.params, "id": None}
    assert isinstance(event, Response)
    return {"id": event.id, "result": event.result, "error": event.error}


def _normal(message: dict) -> dict:
    """The form :func:`_plain` gives: a reply always has "result" and "error"."""
    if "method" in message:
        return message
    return {"id": message["id"], "result": message.get("result"), "error": message["error"]}


@settings(max_examples=200, deadline=None)
@given(
    messages=st.lists(MESSAGES, min_size=1, max_size=5),
    pretty=st.lists(st.booleans(), min_size=5, max_size=5),
    cuts=st.lists(st.integers(0, 10**6), max_size=8),
    small_windows=st.booleans(),
)
def test_any_chunking_gives_the_same_messages(messages, pretty, cuts, small_windows):
    data = _serialise(messages, pretty[: len(messages)])
    with pytest.MonkeyPatch.context() as mp:
        if small_windows:  # exercise the bulk skip on small messages too
            mp.setattr(jsonrpc, "_MIN_WINDOW", 2)
            mp.setattr(jsonrpc, "_WINDOW", 16)
        decoder = Decoder()
        events = [e for chunk in _chunks(data, cuts) for e in decoder.feed(chunk)]
    assert [_plain(e) for e in events] == [_normal(m) for m in messages]
    assert not decoder.partial_message()


@settings(max_examples=200, deadline=None)
@given(
    before=st.lists(MESSAGES.filter(lambda m: "method" in m), max_size=2),
    results=st.lists(OP_RESULTS, max_size=4),
    id_first=st.booleans(),
    pretty=st.booleans(),
    cuts=st.lists(st.integers(0, 10**6), max_size=8),
    batch_bytes=st.integers(1, 200),
)
def test_streamed_reply_equals_parsed_reply(before, results, id_first, pretty, cuts, batch_bytes):
    reply = {"id": 42, "result": results, "error": None}
    if not id_first:
        reply = {"result": results, "error": None, "id": 42}
    data = _serialise([*before, reply], [pretty] * (len(before) + 1))
    decoder = Decoder(batch_bytes=batch_bytes)
    decoder.stream_reply(42)
    events = [e for chunk in _chunks(data, cuts) for e in decoder.feed(chunk)]

    messages = [e for e in events if not isinstance(e, RowBatch)]
    assert [_plain(m) for m in messages[:-1]] == [_normal(m) for m in before]
    final = messages[-1]
    assert isinstance(final, Response)
    assert final.id == 42
    streamed: dict[int, list] = {}
    for e in events:
        if isinstance(e, RowBatch):
            streamed.setdefault(e.op_index, []).extend(e.rows)
    rebuilt = []
    for i, result in enumerate(final.result):
        if isinstance(result, dict) and final.row_counts and (final.row_counts[i] or i in streamed):
            result = {**result, "rows": streamed.get(i, [])}
        rebuilt.append(result)
    expected = [
        {k: v for k, v in r.items() if k != "rows" or v} if isinstance(r, dict) else r
        for r in results
    ]
    assert [
        {k: v for k, v in r.items() if k != "rows" or v} if isinstance(r, dict) else r
        for r in rebuilt
    ] == expected
    assert final.row_counts == tuple(
        len(r["rows"]) if isinstance(r, dict) and "rows" in r else 0 for r in results
    )
    assert not decoder.streaming


# --------------------------------------------------------------------------- monitors

ROW = st.dictionaries(TEXT, DATUMS, max_size=4)
ROW_UPDATE = st.one_of(
    st.builds(lambda kind, row: {kind: row}, st.sampled_from(["initial", "insert", "modify"]), ROW),
    st.just({"delete": None}),
)
TABLE_UPDATES = st.dictionaries(
    TEXT, st.dictionaries(st.uuids().map(str), ROW_UPDATE, max_size=5), max_size=3
)
MONITORS = ["m1", 7]  # registered; "m9" is not
UPDATE_NOTES = st.one_of(
    st.builds(
        lambda m, txn, u: {"id": None, "method": "update3", "params": [m, txn, u]},
        st.sampled_from([*MONITORS, "m9"]),
        TEXT,
        TABLE_UPDATES,
    ),
    st.builds(
        lambda m, u: {"id": None, "method": "update2", "params": [m, u]},
        st.sampled_from([*MONITORS, "m9"]),
        TABLE_UPDATES,
    ),
)
# Before the armed reply only what a server sends meanwhile: probes, notifications,
# replies to earlier requests with "id" first (as ovsdb-server writes them).
OTHERS = st.one_of(
    st.just({"id": "echo", "method": "echo", "params": []}),
    UPDATE_NOTES,
    st.builds(lambda i, r: {"id": i, "result": r, "error": None}, st.integers(0, 40), VALUES),
)


def _rebuild(events: list) -> list[dict]:
    """Messages as JSON, with every streamed table-updates object put back in place."""
    out: list[dict] = []
    head: list | None = None
    tables: dict = {}
    for e in events:
        if isinstance(e, jsonrpc.UpdatesStart):
            assert head is None
            head, tables = e.head, {}
        elif isinstance(e, jsonrpc.UpdateBatch):
            assert head is not None
            tables.setdefault(e.table, {}).update(e.rows)
        elif head is not None:  # the message the streamed updates belong to
            n = sum(len(rows) for rows in tables.values())
            if isinstance(e, Notification):
                assert e.row_count == n and e.params[len(head)] == {}
                params = [*head, tables, *e.params[len(head) + 1 :]]
                out.append(_plain(Notification(e.method, params)))
            else:
                assert isinstance(e, Response) and e.row_counts == (n,)
                result = [*head, tables] if head else tables
                out.append(_plain(Response(e.id, result, e.error)))
            head = None
        else:
            assert not isinstance(e, RowBatch)
            out.append(_plain(e))
    assert head is None
    return out


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(OTHERS, max_size=3),
    after=st.lists(OTHERS, max_size=3),
    since=st.booleans(),
    found=st.booleans(),
    updates=TABLE_UPDATES,
    pretty=st.booleans(),
    cuts=st.lists(st.integers(0, 10**6), max_size=10),
    batch_bytes=st.integers(1, 300),
    threshold=st.integers(0, 400),
)
def test_monitor_streams_equal_parsed_messages(
    before, after, since, found, updates, pretty, cuts, batch_bytes, threshold
):
    result = [found, "txn-1", updates] if since else updates
    reply = {"id": 42, "result": result, "error": None}
    messages = [*before, reply, *after]
    data = _serialise(messages, [pretty] * len(messages))
    decoder = Decoder(batch_bytes=batch_bytes, stream_threshold=threshold)
    for monitor in MONITORS:
        decoder.stream_updates(monitor)
    decoder.stream_reply(
        42, jsonrpc.ReplyShape.MONITOR_SINCE if since else jsonrpc.ReplyShape.MONITOR
    )
    events = [e for chunk in _chunks(data, cuts) for e in decoder.feed(chunk)]
    assert _rebuild(events) == [_normal(m) for m in messages]
    # The armed reply itself is always streamed, notifications of "m9" never.
    streamed = [e for e in events if isinstance(e, jsonrpc.UpdatesStart)]
    assert any(not e.notification for e in streamed)
    assert all(e.head[0] in MONITORS for e in streamed if e.notification)
    assert not decoder.streaming
    assert not decoder.partial_message()
