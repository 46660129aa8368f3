"""Incremental parsing of one huge transaction record, row by row.

A compacted database, an ``ovsdb-client backup`` file or one of our backups is
a schema record plus ONE record holding every row, hundreds of MB of JSON.
Parsed in one go that becomes a tree of Python objects ~8x its size. This
parser yields ``(table, uuid, row)`` in batches instead, so memory stays at
one batch of JSON plus what the caller keeps.

The body is ``{"Table": {"uuid": {row}, ...}, ..., "_date": N, ...}`` (a diff
record may also hold ``"uuid": null``, a deleted row). The trick that keeps it
fast: a row's values are atoms, ``["set", …]``, ``["map", …]`` or ``["uuid", …]``
— never objects — so outside strings a ``}`` can only close a row or a table. A
batch is cut at a row boundary (a row's end followed by the next row's UUID key:
text that cannot occur inside a string) and parsed with one ``orjson.loads`` of
``{`` + cut + ``}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

# Aim for about this much JSON per parse: large enough to amortise the calls,
# small enough that a batch's objects stay a few tens of MB.
BATCH_BYTES = 1 << 20
_WS = b" \t\r\n"


class RecordSyntaxError(ValueError):
    """The record body is not a JSON object of the expected shape."""


class _Buffer:
    """Bytes from an iterator of chunks, consumed from the front."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        # The first chunk is used as is (no copy): a whole record given as one bytes
        # object is parsed in place.
        self.data: bytes | bytearray = b""
        self.pos = 0
        self.eof = False

    def fill(self, need: int) -> bool:
        """Make at least ``need`` unread bytes available; False if the input ends first."""
        while len(self.data) - self.pos < need and not self.eof:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.eof = True
                break
            if not self.data:
                self.data = chunk
            else:
                if not isinstance(self.data, bytearray):
                    self.data = bytearray(self.data)
                self.data += chunk
        return len(self.data) - self.pos >= need

    def compact(self) -> None:
        """Drop consumed bytes; only between values, when no offsets are held."""
        if self.pos > (8 << 20) and isinstance(self.data, bytearray):
            del self.data[: self.pos]
            self.pos = 0

    def more(self) -> bool:
        """Append the next chunk; False at the end of the input."""
        before = len(self.data)
        self.fill(before - self.pos + 1)
        return len(self.data) > before

    def skip_ws(self) -> None:
        while True:
            if not self.fill(1):
                return
            if self.data[self.pos] in _WS:
                self.pos += 1
            else:
                return

    def peek(self) -> int:
        self.skip_ws()
        if not self.fill(1):
            raise RecordSyntaxError("the record ends too early")
        return self.data[self.pos]

    def expect(self, char: bytes) -> None:
        if self.peek() != char[0]:
            raise RecordSyntaxError(
                f"expected {char.decode()!r} at offset {self.pos}, found "
                f"{bytes(self.data[self.pos : self.pos + 20])!r}"
            )
        self.pos += 1

    def string(self) -> str:
        """A JSON string (with escapes) starting at the current position."""
        if self.peek() != ord('"'):
            raise RecordSyntaxError(f"expected a string at offset {self.pos}")
        search = self.pos + 1
        while True:
            end = self.data.find(b'"', search)
            while end < 0:
                search = len(self.data)
                if not self.more():
                    raise RecordSyntaxError("unterminated string")
                end = self.data.find(b'"', search)
            # A quote preceded by an odd number of backslashes is escaped.
            backslashes = 0
            while self.data[end - 1 - backslashes] == ord("\\"):
                backslashes += 1
            if backslashes % 2 == 0:
                break
            search = end + 1
        text = orjson.loads(self.data[self.pos : end + 1])
        self.pos = end + 1
        return str(text)

    def scalar(self) -> Any:
        """A value that is not an object: a string, number, literal or small array."""
        if self.peek() == ord('"'):
            return self.string()
        start = self.pos
        depth = 0
        while True:
            if not self.fill(1):
                break
            ch = self.data[self.pos]
            if ch == ord("["):
                depth += 1
            elif ch == ord("]"):
                depth -= 1
            elif ch == ord('"'):
                self.string()
                continue
            elif depth == 0 and ch in b",}":
                break
            self.pos += 1
        try:
            return orjson.loads(self.data[start : self.pos])
        except orjson.JSONDecodeError as exc:
            raise RecordSyntaxError(f"bad value at offset {start}: {exc}") from None


# Where a batch may end. A raw quote cannot occur inside a JSON string (it is
# escaped), so these sequences, quotes included, are structure: a row (an object, or
# ``null`` for a deleted row in a diff record) followed by the next row's UUID key;
# or a table's last row followed by the next member's key, or by the end of the record.
_NEXT_ROW = re.compile(
    rb',"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}":'
)
_TABLE_END = re.compile(rb'(?:\}|null)\},"[^"\\]*":|(?:\}|null)\}\}\s*\Z')
_TABLE_END_AT = re.compile(rb"(?:\}|null)\}")


def _row_ends_before(data: bytes | bytearray, at: int) -> bool:
    return data[at - 1 : at] == b"}" or data[at - 4 : at] == b"null"


def _first_table_end(data: bytes | bytearray, start: int, end: int) -> int:
    """Where the rows of the first table ending in ``[start, end)`` end (its ``}``), or -1."""
    for m in _TABLE_END_AT.finditer(data, start, end):
        if _TABLE_END.match(data, m.start()):
            return m.end() - 1
    return -1


def _last_row_end(data: bytes | bytearray, start: int, end: int) -> int:
    """Where the last row in ``[start, end)`` followed by another row ends, or -1."""
    at = data.rfind(b',"', start, end)
    while at > start:
        if _NEXT_ROW.match(data, at) and _row_ends_before(data, at):
            return at
        at = data.rfind(b',"', start, at)
    return -1


def _row_batch(buf: _Buffer) -> dict[str, Any]:
    """Parse the next batch of ``"uuid": {row}`` (or ``null``) members of a table object."""
    window = BATCH_BYTES
    while True:
        buf.fill(window)
        data, start = buf.data, buf.pos
        end = min(len(data), start + window)
        # A batch never crosses the end of its table; within a table, take as many
        # whole rows as the window holds.
        cut = _first_table_end(data, start, end)
        if cut < 0:
            cut = _last_row_end(data, start, end)
        if cut < 0 and buf.eof and end >= len(data):
            # A record truncated after the rows: up to the last row that ends there.
            tail = max(data.rfind(b"}}", start, end) + 1, data.rfind(b"null}", start, end) + 4)
            cut = tail if tail > start + 3 else -1
        if cut > start:
            try:
                rows = orjson.loads(b"{" + data[start:cut] + b"}")
            except orjson.JSONDecodeError as exc:
                raise RecordSyntaxError(f"bad rows at offset {start}: {exc}") from None
            if not isinstance(rows, dict):
                raise RecordSyntaxError(f"expected rows at offset {start}")
            buf.pos = cut
            return rows
        if buf.eof and end >= len(data):
            raise RecordSyntaxError(f"unterminated table object at offset {start}")
        window *= 4  # a single row larger than the window (e.g. a huge port group)


def iter_record(chunks: Iterable[bytes]) -> Iterator[tuple[str, Any]]:
    """Yield ``("rows", (table, {uuid: row, …}))`` batches and ``("meta", (key, value))``.

    ``chunks`` are the body's bytes in order (an mmap slice works as one chunk).
    Raises :class:`RecordSyntaxError` on malformed input.
    """
    buf = _Buffer(chunks)
    buf.expect(b"{")
    if buf.peek() == ord("}"):
        buf.pos += 1
        return
    while True:
        key = buf.string()
        buf.expect(b":")
        if buf.peek() == ord("{"):
            buf.pos += 1
            if buf.peek() == ord("}"):
                yield "rows", (key, {})  # an empty table object
            else:
                while True:
                    yield "rows", (key, _row_batch(buf))
                    buf.compact()
                    if buf.peek() == ord(","):
                        buf.pos += 1
                        continue
                    break
            buf.expect(b"}")
        else:
            yield "meta", (key, buf.scalar())
        if buf.peek() == ord(","):
            buf.pos += 1
            continue
        buf.expect(b"}")
        buf.skip_ws()
        if buf.fill(1):
            raise RecordSyntaxError(f"unexpected data after the record at offset {buf.pos}")
        return
