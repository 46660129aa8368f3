from __future__ import annotations

import random
from typing import Any

import orjson
import pytest

from ovsdb_backup.protocol.errors import ProtocolError
from ovsdb_backup.protocol.jsonrpc import (
    Decoder,
    Notification,
    ReplyShape,
    Request,
    Response,
    RowBatch,
    UpdateBatch,
    UpdatesStart,
    encode_error,
    encode_notification,
    encode_request,
    encode_response,
)

# Real bytes from ovsdb-server 3.1 (member order is the server's hash order).
SELECT_REPLY = (
    b'{"id":7,"result":[{"uuid":["uuid","1e4cf959-0d73-47b7-ad6a-e9162e1b2fe2"]},'
    b'{"rows":[{"name":"a","_version":["uuid","cd379bbf-6495-455a-b038-ae17c326f165"],'
    b'"qos_rules":["set",[]],"external_ids":["map",[["k","v}{\\"x"]]],"ports":["set",[]],'
    b'"_uuid":["uuid","1e4cf959-0d73-47b7-ad6a-e9162e1b2fe2"]}]}],"error":null}'
)
ERROR_REPLY = (
    b'{"id":8,"error":{"syntax":"[\\"nope\\"]","details":"transact request specifies '
    b'unknown database nope","error":"unknown database"}}'
)
ECHO = b'{"id":"echo","method":"echo","params":[]}'
UPDATE3 = b'{"id":null,"method":"update3","params":["m1","b434-","x"]}'


def feed_all(decoder: Decoder, data: bytes, cuts: list[int]) -> list:
    events, last = [], 0
    for cut in [*sorted(cuts), len(data)]:
        events += decoder.feed(data[last:cut])
        last = cut
    return events


def test_encode():
    assert orjson.loads(encode_request("list_dbs", [], 1)) == {
        "method": "list_dbs",
        "params": [],
        "id": 1,
    }
    assert orjson.loads(encode_notification("cancel", (3,))) == {
        "method": "cancel",
        "params": [3],
        "id": None,
    }
    assert orjson.loads(encode_response("echo", [])) == {"id": "echo", "result": [], "error": None}
    assert orjson.loads(encode_error(5, "unknown method"))["error"] == "unknown method"


def test_params_must_be_an_array():
    # ovsdb-server drops the connection on "params": null.
    with pytest.raises(TypeError, match="params must be a list"):
        encode_request("get_server_id", None, 1)


def test_messages_back_to_back():
    events = Decoder().feed(ECHO + SELECT_REPLY + ERROR_REPLY + UPDATE3)
    assert events[0] == Request("echo", [], "echo")
    assert isinstance(events[1], Response)
    assert events[1].id == 7
    assert events[1].result[1]["rows"][0]["external_ids"] == ["map", [["k", 'v}{"x']]]
    # ovsdb-server 3.1 leaves "result" out of error replies.
    assert events[2] == Response(8, None, orjson.loads(ERROR_REPLY)["error"])
    assert events[3] == Notification("update3", ["m1", "b434-", "x"])


def test_every_split_point_of_a_real_stream():
    stream = ECHO + SELECT_REPLY + ERROR_REPLY + UPDATE3
    expected = Decoder().feed(stream)
    for cut in range(1, len(stream)):
        assert feed_all(Decoder(), stream, [cut]) == expected
    assert feed_all(Decoder(), stream, list(range(1, len(stream)))) == expected


def test_whitespace_between_and_inside_messages():
    stream = b'\n {\n"id" : 1 ,\t"result" : [ 1 , 2 ] , "error" : null }\r\n' + ECHO + b" "
    assert Decoder().feed(stream) == [Response(1, [1, 2], None), Request("echo", [], "echo")]


def test_streamed_reply_delivers_rows_and_other_members():
    decoder = Decoder()
    decoder.stream_reply(7)
    events = decoder.feed(ECHO + SELECT_REPLY + UPDATE3)
    assert events[0] == Request("echo", [], "echo")
    assert isinstance(events[1], RowBatch)
    assert events[1].op_index == 1
    assert events[1].rows == orjson.loads(SELECT_REPLY)["result"][1]["rows"]
    assert events[2] == Response(
        7, [{"uuid": ["uuid", "1e4cf959-0d73-47b7-ad6a-e9162e1b2fe2"]}, {}], None, (0, 1)
    )
    assert isinstance(events[3], Notification)
    assert not decoder.streaming


def test_streamed_reply_small_batches_and_every_split():
    rows = [
        {"_uuid": ["uuid", f"u{i}"], "name": f"n}}{i}\\", "s": ["set", [1, 2]]} for i in range(7)
    ]
    reply = orjson.dumps({"id": 3, "result": [{"rows": rows}, {"count": 2}], "error": None})
    for cut in range(1, len(reply), 3):
        decoder = Decoder(batch_bytes=40)
        decoder.stream_reply(3)
        events = feed_all(decoder, reply, [cut])
        got = [row for e in events if isinstance(e, RowBatch) for row in e.rows]
        assert got == rows
        assert events[-1] == Response(3, [{}, {"count": 2}], None, (7, 0))


def test_streamed_reply_with_error_and_null_results():
    reply = b'{"id":4,"result":[{"rows":[]},{"error":"constraint violation","details":"x"},null]}'
    decoder = Decoder()
    decoder.stream_reply(4)
    assert decoder.feed(reply) == [
        Response(4, [{}, {"error": "constraint violation", "details": "x"}, None], None, (0, 0, 0))
    ]


def test_streamed_reply_that_is_an_error_reply():
    decoder = Decoder()
    decoder.stream_reply(8)
    (event,) = decoder.feed(ERROR_REPLY)
    assert isinstance(event, Response)
    assert event.error["error"] == "unknown database"
    assert event.row_counts is None
    assert not decoder.streaming


def test_reply_to_another_request_is_not_streamed_when_id_comes_first():
    decoder = Decoder()
    decoder.stream_reply(99)
    events = decoder.feed(SELECT_REPLY)
    assert [type(e) for e in events] == [Response]
    assert events[0].row_counts is None
    assert decoder.streaming  # still waiting for reply 99


def test_id_after_result_is_streamed():
    decoder = Decoder()
    decoder.stream_reply(5)
    events = decoder.feed(b'{"result":[{"rows":[{"a":1},{"a":2}]}],"error":null,"id":5}')
    assert events == [RowBatch(0, [{"a": 1}, {"a": 2}]), Response(5, [{}], None, (2,))]


def test_rows_with_nested_objects_and_escapes_use_the_exact_scan():
    rows = [
        {"a": {"nested": "}"}, "b": 1},
        {"s": 'x\\"}'},
        {"s": "\\\\"},
        {"s": "{"},
        {"s": "\\"},
        {"s": '\\\\\\"}{'},
    ]
    reply = orjson.dumps({"id": 1, "result": [{"rows": rows}]})
    for cut in range(1, len(reply)):
        decoder = Decoder(batch_bytes=1)
        decoder.stream_reply(1)
        events = feed_all(decoder, reply, [cut])
        assert [r for e in events if isinstance(e, RowBatch) for r in e.rows] == rows


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[1,2]", "expected '{'"),
        (b'{"id":1}', "neither request nor reply"),
        (b'{"method":"echo","params":null,"id":1}', "malformed JSON-RPC request"),
        (b'{"id":1,"result":[1,]}', "invalid JSON"),
        (b"{]", "invalid JSON|unbalanced"),
    ],
)
def test_protocol_errors(data, message):
    decoder = Decoder()
    with pytest.raises(ProtocolError, match=message):
        decoder.feed(data)
    with pytest.raises(ProtocolError):  # a broken stream stays broken
        decoder.feed(ECHO)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"id":1,"result":[{"rows":[1]}]}', "expected a row object"),
        (b'{"id":1,"result":[{"rows":[{"a":1} {"a":2}]}]}', "expected ',' or ']' after a row"),
        (b'{"id":1 "result":[]}', "expected ',' or '}'"),
        (b'{"id":1,"result":[{"rows":[]} {}]}', "expected ',' or ']' in result"),
        (b'{"id":1,"result":[{"rows":[]}],"error":nul!}', "invalid JSON"),
    ],
)
def test_protocol_errors_when_streaming(data, message):
    decoder = Decoder()
    decoder.stream_reply(1)
    with pytest.raises(ProtocolError, match=message):
        decoder.feed(data)


def test_partial_message_and_buffered():
    decoder = Decoder()
    assert decoder.feed(ECHO[:10]) == []
    assert decoder.partial_message()
    assert decoder.buffered == 10
    decoder.feed(ECHO[10:] + b"\n")
    assert not decoder.partial_message()


def test_max_message_bytes():
    decoder = Decoder(max_message_bytes=100)
    with pytest.raises(ProtocolError, match="larger than 100 bytes"):
        decoder.feed(b'{"id":1,"result":"' + b"x" * 200)


def _big_stream(seed: int) -> tuple[bytes, list]:
    """Several messages of 100 KB-1 MB with awkward strings, to exercise the bulk skip."""
    rnd = random.Random(seed)
    pieces = ["plain", "}{", "} {", '"', "\\", "\\\\", '\\"', "{[", "]}", "é", " ", "\n"]

    def text() -> str:
        return "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 6)))

    messages = []
    for m in range(4):
        rows = [
            {
                "_uuid": ["uuid", f"{m:08x}-{i:04x}"],
                "name": text(),
                "ext": ["map", [[text(), text()] for _ in range(rnd.randrange(3))]],
                "set": ["set", [rnd.randrange(10**6) for _ in range(rnd.randrange(40))]],
                "nested": {"x": [text()]} if rnd.random() < 0.01 else 0,
            }
            for i in range(rnd.randrange(500, 4000))
        ]
        messages.append({"id": m, "result": [{"rows": rows}], "error": None})
        messages.append({"id": "echo", "method": "echo", "params": []})
    stream = b"".join(
        orjson.dumps(x) + (b"\n" if i % 3 == 0 else b"") for i, x in enumerate(messages)
    )
    return stream, messages


@pytest.mark.parametrize("seed", [1, 2])
def test_large_messages_in_random_chunks(seed):
    stream, messages = _big_stream(seed)
    rnd = random.Random(seed)
    cuts = []
    pos = 0
    while pos < len(stream):
        pos += rnd.choice([1, 7, 4096, 65536, 100_000, 262_144])
        cuts.append(min(pos, len(stream)))
    plain = feed_all(Decoder(), stream, cuts)
    assert [_as_json(e) for e in plain] == messages

    decoder = Decoder(batch_bytes=10_000)
    decoder.stream_reply(0)
    events = feed_all(decoder, stream, cuts)
    rows = [r for e in events if isinstance(e, RowBatch) for r in e.rows]
    assert rows == messages[0]["result"][0]["rows"]
    assert [_as_json(e) for e in events if not isinstance(e, RowBatch)][2:] == messages[1:][1:]


def _as_json(event):
    if isinstance(event, Request):
        return {"id": event.id, "method": event.method, "params": event.params}
    assert isinstance(event, Response)
    return {"id": event.id, "result": event.result, "error": event.error}


# --------------------------------------------------------------------------- monitors

# Real bytes from ovsdb-server 3.1: a monitor_cond_since reply, a monitor_cond reply,
# and the update2/update3 notifications a transaction produced.
SINCE_REPLY = (
    b'{"id":2,"result":[false,"00000000-0000-0000-0000-000000000000",{"Logical_Switch":'
    b'{"22129bd2-7b29-4e80-a8e1-ba0eb115c15f":{"initial":{"external_ids":["map",[["k",'
    b'"v}{\\""]]],"name":"a"}}}}],"error":null}'
)
COND_REPLY = (
    b'{"id":3,"result":{"Logical_Switch":{"22129bd2-7b29-4e80-a8e1-ba0eb115c15f":'
    b'{"initial":{"name":"a"}}}},"error":null}'
)
UPDATE2 = (
    b'{"id":null,"method":"update2","params":["mon2",{"Logical_Switch":'
    b'{"dffdecdb-e654-42d9-b375-11a167756342":{"insert":{"name":"b"}}}}]}'
)
REAL_UPDATE3 = (
    b'{"id":null,"method":"update3","params":["mon","00000000-0000-0000-0000-000000000000",'
    b'{"Logical_Switch":{"22129bd2-7b29-4e80-a8e1-ba0eb115c15f":{"modify":{"external_ids":'
    b'["map",[["k","v}{\\""],["x","y"]]]}},"dffdecdb-e654-42d9-b375-11a167756342":'
    b'{"insert":{"name":"b"}}}}]}'
)


def rebuild(events: list) -> list:
    """The messages the events describe, streamed table updates put back in place."""
    out: list[Any] = []
    head: list[Any] | None = None
    tables: dict[str, Any] = {}
    for e in events:
        if isinstance(e, UpdatesStart):
            head, tables = e.head, {}
        elif isinstance(e, UpdateBatch):
            tables.setdefault(e.table, {}).update(e.rows)
        elif isinstance(e, Notification) and e.row_count is not None:
            assert head is not None
            assert e.params[: len(head)] == head and e.params[len(head)] == {}
            params = [*e.params[: len(head)], tables, *e.params[len(head) + 1 :]]
            out.append(Notification(e.method, params))
            head = None
        elif isinstance(e, Response) and e.row_counts is not None and head is not None:
            result: Any = tables  # monitor_cond: the updates are the result
            if head:  # monitor_cond_since: [found, last_id, updates]
                assert e.result[:2] == head and e.result[2] == {}
                result = [*head, tables]
            else:
                assert e.result == {}
            assert e.row_counts == (sum(len(rows) for rows in tables.values()),)
            out.append(Response(e.id, result, e.error))
            head = None
        else:
            assert not isinstance(e, RowBatch)
            out.append(e)
    return out


@pytest.mark.parametrize(
    ("reply", "shape", "request_id"),
    [(SINCE_REPLY, ReplyShape.MONITOR_SINCE, 2), (COND_REPLY, ReplyShape.MONITOR, 3)],
)
def test_streamed_monitor_reply_equals_the_parsed_one_at_every_split(reply, shape, request_id):
    stream = ECHO + reply + REAL_UPDATE3
    expected = Decoder().feed(stream)
    for cut in range(1, len(stream)):
        decoder = Decoder(batch_bytes=1 + cut % 50)
        decoder.stream_reply(request_id, shape)
        events = feed_all(decoder, stream, [cut])
        assert any(isinstance(e, UpdateBatch) for e in events)
        assert rebuild(events) == expected
        assert not decoder.streaming


def test_streamed_notifications_equal_parsed_ones_at_every_split():
    stream = UPDATE2 + ECHO + REAL_UPDATE3 + UPDATE3
    expected = Decoder().feed(stream)
    for cut in range(1, len(stream)):
        decoder = Decoder(stream_threshold=0, batch_bytes=1 + cut % 40)
        decoder.stream_updates("mon")
        decoder.stream_updates("mon2")
        events = feed_all(decoder, stream, [cut])
        assert rebuild(events) == expected
        # update3 "m1" is not registered: never streamed.
        assert events[-1] == Notification("update3", ["m1", "b434-", "x"])


def test_small_notifications_are_parsed_whole():
    decoder = Decoder()  # threshold: one batch (1 MiB)
    decoder.stream_updates("mon")
    events = feed_all(decoder, REAL_UPDATE3, list(range(1, len(REAL_UPDATE3))))
    assert events == Decoder().feed(REAL_UPDATE3)
    assert events[0].row_count is None


def test_a_forgotten_monitor_is_no_longer_streamed():
    decoder = Decoder(stream_threshold=0)
    decoder.stream_updates("mon")
    decoder.stream_updates("mon", enable=False)
    assert feed_all(decoder, REAL_UPDATE3, [5]) == Decoder().feed(REAL_UPDATE3)


def test_params_before_method_and_whitespace():
    # Member order is the server's hash order; accept any, and blanks anywhere.
    note = (
        b'{ "params" : [ "mon" , "t1" , { "T" : { "0000000a-0000-0000-0000-000000000000" : '
        b'{ "insert" : { "a" : 1 } } , "0000000b-0000-0000-0000-000000000000" : '
        b'{ "delete" : null } } , "U" : { } } ] , "method" : "update3" , "id" : null }'
    )
    expected = Decoder().feed(note)
    for cut in range(1, len(note)):
        decoder = Decoder(stream_threshold=0, batch_bytes=7)
        decoder.stream_updates("mon")
        events = feed_all(decoder, note, [cut])
        assert rebuild(events) == expected
        if cut < len(note) - 1:
            assert events[-1].row_count == 2
            assert UpdateBatch("U", {}, True) in events


def _big_update3(seed: int) -> tuple[bytes, dict]:
    """Thousands of row updates with awkward strings, and one huge row."""
    rnd = random.Random(seed)
    pieces = ["plain", "}{", '},"', "} {", '"', "\\", "\\\\", '\\"', "{[", "]}", "é", "\n"]

    def text() -> str:
        return "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 6)))

    def uid(i: int) -> str:
        return f"{i:08x}-{rnd.randrange(1 << 16):04x}-4000-8000-{rnd.randrange(1 << 48):012x}"

    ports = {
        uid(i): {
            "insert": {
                "name": text(),
                "external_ids": ["map", [[text(), text()] for _ in range(rnd.randrange(3))]],
                "tag": rnd.randrange(4096),
            }
        }
        for i in range(3000)
    }
    modified = {uid(i): {"modify": {"name": text()}} for i in range(3000, 3500)}
    deleted = {uid(i): {"delete": None} for i in range(3500, 3600)}
    huge = {"ports": ["set", [["uuid", u] for u in ports] * 40], "name": text()}
    updates = {
        "Logical_Switch_Port": {**ports, **modified, **deleted},
        "Port_Group": {uid(9999): {"modify": huge}},
        "ACL": {uid(i): {"initial": {"match": text() + "}"}} for i in range(5000, 5300)},
    }
    return orjson.dumps({"id": None, "method": "update3", "params": ["m", "t9", updates]}), updates


@pytest.mark.parametrize("seed", [1, 2])
def test_a_big_update_streams_in_bounded_batches(seed):
    note, updates = _big_update3(seed)
    assert len(note) > 6_000_000
    rnd = random.Random(seed)
    cuts, pos = [], 0
    while pos < len(note):
        pos += rnd.choice([1, 7, 4096, 65536, 262_144])
        cuts.append(min(pos, len(note)))
    decoder = Decoder(batch_bytes=64 * 1024)
    decoder.stream_updates("m")
    events = feed_all(decoder, note + ECHO, cuts)
    assert rebuild(events) == [Notification("update3", ["m", "t9", updates]), *Decoder().feed(ECHO)]
    batches = [e for e in events if isinstance(e, UpdateBatch)]
    assert len(batches) >= 10
    # Batches stay within batch_bytes except the one holding the huge row.
    sizes = sorted(len(orjson.dumps(b.rows)) for b in batches)
    assert sizes[-2] <= 64 * 1024 and sizes[-1] > 5_000_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"id":9,"result":[false,"x",{"T":[]}]}', "row updates of table T"),
        (b'{"id":9,"result":[false,"x",{"T":{"u":1}}]}', "row update object"),
        (b'{"id":9,"result":[false,"x",{"T":{1:{}}}]}', "expected a row UUID"),
        (b'{"id":9,"result":[false,"x",{"T":{"u":{}} "U":{}}]}', "expected ',' or '}'"),
        (b'{"id":9,"result":[false "x"]}', "expected ',' or ']' in an array"),
    ],
)
def test_protocol_errors_when_streaming_updates(data, message):
    decoder = Decoder(batch_bytes=1)
    decoder.stream_reply(9, ReplyShape.MONITOR_SINCE)
    with pytest.raises(ProtocolError, match=message):
        decoder.feed(data)


def test_a_monitor_reply_of_another_shape_is_parsed_whole():
    decoder = Decoder()
    decoder.stream_reply(9, ReplyShape.MONITOR_SINCE)
    (event,) = decoder.feed(b'{"id":9,"result":{"T":{}},"error":null}')
    assert event == Response(9, {"T": {}}, None)
    assert not decoder.streaming
