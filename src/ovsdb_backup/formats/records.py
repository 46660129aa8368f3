"""Sans-IO codec for OVSDB log records (both standalone and clustered files).

A record is a header line ``OVSDB <magic> <length> <sha1-hex>\\n`` followed by
exactly ``<length>`` bytes of JSON whose SHA-1 is ``<sha1-hex>``. This module
turns bytes into :class:`Frame` values or classified :class:`Defect` values and
back; it never opens files (see :mod:`ovsdb_backup.formats.dbfile`).

Two header grammars exist: the *canonical* one that Open vSwitch writes
(lowercase hex, no leading zeros) and the *lenient* one its reader accepts
(``strtoul`` lengths, either case of hex). Lenient decoding behaves like
``ovsdb-server``; strict decoding also flags non-canonical headers so that a
single flipped byte anywhere in a file is always reported.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

import orjson

STANDALONE_MAGIC = "JSON"
CLUSTER_MAGIC = "CLUSTER"

# ovsdb-server reads a header with fgets() into a 128-byte buffer: at most 127
# bytes, newline included. A longer line cannot be a header.
MAX_HEADER_LEN = 127

_CANONICAL_HEADER = re.compile(rb"OVSDB ([^ \n]+) ([1-9][0-9]{0,18}) ([0-9a-f]{40})\n")
_LENIENT_HEADER = re.compile(rb"OVSDB ([^ \n]+) [ \t\v\f\r]*\+?([0-9]{1,20}) ([0-9a-fA-F]{40})\n")
_HEADER_TAIL_PREFIX = re.compile(rb"[^ \n]*( [ \t\v\f\r]*\+?[0-9]*( [0-9a-fA-F]{0,40})?)?")


class DefectKind(StrEnum):
    """Classification of everything that can be wrong with a record's bytes."""

    TORN_TAIL = "torn-tail"  # the file ends inside a record (normal after power loss)
    BAD_HEADER = "bad-header"  # header line does not follow the grammar
    NONCANONICAL_HEADER = "noncanonical-header"  # accepted by OVS, never written by it
    MAGIC_MISMATCH = "magic-mismatch"  # record magic differs from the file's
    CHECKSUM_MISMATCH = "checksum-mismatch"
    BAD_JSON = "bad-json"
    NOT_OBJECT = "not-object"  # valid JSON, but not an object


@dataclass(frozen=True, slots=True)
class Frame:
    """One well-framed record whose SHA-1 matches. ``number`` counts from 0."""

    number: int
    offset: int  # where the header line starts
    body_offset: int
    length: int
    magic: str
    body: bytes

    @property
    def end(self) -> int:
        return self.body_offset + self.length


@dataclass(frozen=True, slots=True)
class Defect:
    """A record that could not be read, with where and why."""

    kind: DefectKind
    number: int  # the record number the defect is in
    offset: int  # where that record's header starts
    message: str
    body_offset: int | None = None
    length: int | None = None

    @property
    def is_torn_tail(self) -> bool:
        return self.kind is DefectKind.TORN_TAIL


class _Buffer(Protocol):
    def find(self, sub: bytes, start: int = ..., end: int = ...) -> int: ...
    def __getitem__(self, key: slice) -> bytes: ...
    def __len__(self) -> int: ...


def _sha1_hex(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def encode_record(magic: str, body: bytes) -> bytes:
    """Frame ``body`` (JSON bytes that should end in LF) as one record."""
    return b"OVSDB %s %d %s\n%s" % (magic.encode(), len(body), _sha1_hex(body).encode(), body)


def encode_json_record(magic: str, obj: Any) -> bytes:
    """Serialise ``obj`` compactly (as Open vSwitch does) and frame it."""
    return encode_record(magic, orjson.dumps(obj) + b"\n")


def _is_torn_header(rest: bytes) -> bool:
    """True when ``rest`` (the bytes left at end of file) could be a cut header."""
    lead = b"OVSDB "
    if len(rest) <= len(lead):
        return lead.startswith(rest)
    if not rest.startswith(lead):
        return False
    return _HEADER_TAIL_PREFIX.fullmatch(rest, len(lead)) is not None


def _decode_at(
    buf: _Buffer, pos: int, end: int, number: int, eof: bool, magic: str | None, strict: bool
) -> Frame | Defect | None:
    """Decode the record at ``pos``; None means more bytes are needed (not at EOF)."""
    newline = buf.find(b"\n", pos, min(end, pos + MAX_HEADER_LEN))
    if newline < 0:
        rest = buf[pos:end]
        if not eof and end - pos < MAX_HEADER_LEN:
            return None
        if eof and end - pos < MAX_HEADER_LEN and _is_torn_header(rest):
            return Defect(
                DefectKind.TORN_TAIL,
                number,
                pos,
                f"file ends inside the header of record {number} at offset {pos} "
                f"({end - pos} bytes: {rest[:60]!r})",
            )
        return Defect(
            DefectKind.BAD_HEADER,
            number,
            pos,
            f"parse error at offset {pos} in header line {_show(rest)}",
        )
    header = buf[pos : newline + 1]
    match = _CANONICAL_HEADER.fullmatch(header)
    noncanonical = False
    if match is None:
        match = _LENIENT_HEADER.fullmatch(header)
        if match is None or int(match.group(2)) == 0:
            return Defect(
                DefectKind.BAD_HEADER,
                number,
                pos,
                f"parse error at offset {pos} in header line {_show(header)}",
            )
        noncanonical = True
    record_magic = match.group(1).decode("ascii", "replace")
    if magic is not None and record_magic != magic:
        return Defect(
            DefectKind.MAGIC_MISMATCH,
            number,
            pos,
            f"parse error at offset {pos} in header line {_show(header)}: "
            f"magic {record_magic!r} but the file is {magic!r}",
        )
    length = int(match.group(2))
    body_offset = newline + 1
    body_end = body_offset + length
    if body_end > end:
        if not eof:
            return None
        return Defect(
            DefectKind.TORN_TAIL,
            number,
            pos,
            f"error reading {length} bytes starting at offset {body_offset} "
            f"(End of file after {end - body_offset} bytes)",
            body_offset,
            length,
        )
    body = buf[body_offset:body_end]
    expected = match.group(3).decode("ascii").lower()
    actual = _sha1_hex(body)
    if actual != expected:
        return Defect(
            DefectKind.CHECKSUM_MISMATCH,
            number,
            pos,
            f"{length} bytes starting at offset {body_offset} have SHA-1 hash {actual} "
            f"but should have hash {expected}",
            body_offset,
            length,
        )
    if noncanonical and strict:
        return Defect(
            DefectKind.NONCANONICAL_HEADER,
            number,
            pos,
            f"header line at offset {pos} is accepted by ovsdb-server but is not in the "
            f"form Open vSwitch writes: {_show(header)}",
            body_offset,
            length,
        )
    return Frame(number, pos, body_offset, length, record_magic, body)


def _show(raw: bytes) -> str:
    text = raw.split(b"\n", 1)[0][:80].decode("utf-8", "replace")
    return '"' + text + '"'


def parse_body(frame: Frame) -> dict[str, Any] | Defect:
    """Parse a frame's JSON body; a defect if it is not a JSON object."""
    try:
        value = orjson.loads(frame.body)
    except orjson.JSONDecodeError as exc:
        return Defect(
            DefectKind.BAD_JSON,
            frame.number,
            frame.offset,
            f"{frame.length} bytes starting at offset {frame.body_offset} are not valid "
            f"JSON ({exc})",
            frame.body_offset,
            frame.length,
        )
    if not isinstance(value, dict):
        return Defect(
            DefectKind.NOT_OBJECT,
            frame.number,
            frame.offset,
            f"{frame.length} bytes starting at offset {frame.body_offset} are not a JSON object",
            frame.body_offset,
            frame.length,
        )
    return value


def scan(
    buf: _Buffer,
    *,
    magic: str | None = None,
    strict: bool = False,
    start: int = 0,
    first_number: int = 0,
    resync: bool = False,
) -> Iterator[Frame | Defect]:
    """Yield every frame of a complete buffer (e.g. an ``mmap`` of a whole file).

    The first record fixes the magic unless ``magic`` is given. After a defect the
    scan stops, as ``ovsdb-server`` does, unless ``resync`` is true: then it looks for
    the next header line with the same magic and carries on, so that a diagnosis
    can say which intact records follow the damage. Record numbers after a resync
    count the damaged stretch as one record.
    """
    end = len(buf)
    pos = start
    number = first_number
    while pos < end:
        item = _decode_at(buf, pos, end, number, True, magic, strict)
        assert item is not None  # at EOF the decoder always decides
        yield item
        if isinstance(item, Frame):
            magic = item.magic
            pos = item.end
            number += 1
            continue
        if not resync or item.kind is DefectKind.TORN_TAIL:
            return
        if item.kind is DefectKind.NONCANONICAL_HEADER and item.length is not None:
            assert item.body_offset is not None
            pos = item.body_offset + item.length  # record is intact; keep going
            number += 1
            continue
        pos = _find_next_header(buf, pos + 1, end, magic)
        if pos < 0:
            return
        number += 1


def _find_next_header(buf: _Buffer, pos: int, end: int, magic: str | None) -> int:
    needle = b"OVSDB " + (magic.encode() + b" " if magic else b"")
    while True:
        found = buf.find(needle, pos, end)
        if found < 0:
            return -1
        if found == 0 or buf[found - 1 : found] == b"\n":
            return found
        pos = found + 1


class FrameDecoder:
    """Incremental decoder: ``feed()`` bytes as they arrive, then ``close()``.

    Used for sources that are not seekable files (a tar member being
    decompressed, a pipe). ``events()`` yields what can be decided so far.
    """

    def __init__(self, *, magic: str | None = None, strict: bool = False) -> None:
        self._buf = bytearray()
        self._pos = 0  # position in _buf of the next record
        self._base = 0  # file offset of _buf[0]
        self._number = 0
        self._magic = magic
        self._strict = strict
        self._eof = False
        self._stopped = False

    @property
    def magic(self) -> str | None:
        return self._magic

    @property
    def offset(self) -> int:
        """File offset of the next undecoded byte."""
        return self._base + self._pos

    def feed(self, data: bytes) -> None:
        if self._eof:
            raise ValueError("feed() after close()")
        self._buf += data

    def close(self) -> None:
        self._eof = True

    def events(self) -> Iterator[Frame | Defect]:
        """Yield frames (and at most one defect, after which nothing more)."""
        while not self._stopped and self._pos < len(self._buf):
            view = _OffsetBuffer(self._buf, self._base)
            item = _decode_at(
                view,
                self._base + self._pos,
                self._base + len(self._buf),
                self._number,
                self._eof,
                self._magic,
                self._strict,
            )
            if item is None:
                break
            if isinstance(item, Defect):
                self._stopped = True
                yield item
                return
            self._magic = item.magic
            self._pos = item.end - self._base
            self._number += 1
            yield item
        self._compact()

    def _compact(self) -> None:
        # Drop consumed bytes once they dominate, so memory stays one record wide.
        if self._pos > (1 << 20) and self._pos * 2 > len(self._buf):
            del self._buf[: self._pos]
            self._base += self._pos
            self._pos = 0


class _OffsetBuffer:
    """A bytearray addressed by absolute file offsets."""

    __slots__ = ("_base", "_data")

    def __init__(self, data: bytearray, base: int) -> None:
        self._data = data
        self._base = base

    def find(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        stop = len(self._data) if end is None else end - self._base
        found = self._data.find(sub, start - self._base, stop)
        return found if found < 0 else found + self._base

    def __getitem__(self, key: slice) -> bytes:
        start = (key.start or 0) - self._base
        stop = len(self._data) if key.stop is None else key.stop - self._base
        return bytes(self._data[start:stop])

    def __len__(self) -> int:
        return len(self._data) + self._base
