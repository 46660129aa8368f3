from __future__ import annotations

import random

import orjson
import pytest

from ovsdb_backup.protocol.errors import ProtocolError
from ovsdb_backup.protocol.jsonrpc import (
    Decoder,
    Notification,
    Request,
    Response,
    RowBatch,
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
