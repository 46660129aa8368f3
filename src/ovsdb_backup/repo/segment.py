"""Stream segments: standalone OVSDB logs that ``ovsdb-server`` and ``db show-log`` read.

A segment is record 0 = the schema, record 1 = the *base* (every row, as one
``_is_diff`` transaction inserting them), then one record per ``update3`` the agent
received, each an ``_is_diff`` transaction (``insert`` rows are full rows, ``modify``
rows element-wise diffs, ``delete`` rows ``null`` — exactly what ovsdb-server writes).
Only ``_date``, ``_comment``, ``_is_diff`` and table names appear as members, so the
server opens a segment like any database file.

What the agent knows about each record goes into ``_comment`` (the only free-text
member the format allows), always as the last members of the body::

    ovsdb-backup stream base txn=<id|none> model=clustered from=<remote> [continues=<seg>]
    ovsdb-backup stream txn=<id|none> [since=<ms>]
    ovsdb-backup stream heartbeat txn=<id|none>
    ovsdb-backup stream stop txn=<id|none>
    ovsdb-backup stream seal txn=<id|none> reason=<why> [next=<seg>]

``_date`` is the time the agent *saw* the change (ms; never decreasing within a
segment). ``txn`` is the last transaction id the record includes (ovsdb-server may merge
several transactions into one update). ``since`` marks a record received on
resumption after a disconnection: its transactions were committed at unknown moments
between ``since`` and ``_date``. ``heartbeat`` records (no tables) say "nothing else
was committed up to this time"; ``stop`` is written at a clean shutdown; ``seal`` ends
the segment (the next one, if any, continues it with a base of the same contents).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from ..errors import OutputError
from ..formats.dbfile import open_db_file
from ..formats.records import STANDALONE_MAGIC, Defect, Frame, encode_record, parse_body, scan
from ..formats.standalone import read_schema_record
from ..fsutil import install
from ..model.database import Database
from ..model.snapshot import snapshot_chunks
from .contents import Contents

PREFIX = "ovsdb-backup stream"
ZERO_TXN = "00000000-0000-0000-0000-000000000000"
KINDS = ("base", "txn", "heartbeat", "stop", "seal")
# The members our writer puts last in every body (see _META_TAIL).
_TAIL = re.compile(rb'"_date":(-?\d+),"_comment":"((?:[^"\\]|\\.)*)","_is_diff":true}\n\Z')
_TAIL_BYTES = 4096


@dataclass(frozen=True)
class Mark:
    """What a record's ``_comment`` says (None for records not written by the agent)."""

    kind: str
    txn: str | None
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def since_ms(self) -> int | None:
        value = self.fields.get("since")
        return int(value) if value is not None and value.lstrip("-").isdigit() else None

    def to_comment(self) -> str:
        head = PREFIX if self.kind == "txn" else f"{PREFIX} {self.kind}"
        parts = [head, f"txn={self.txn or 'none'}"]
        parts += [f"{k}={v}" for k, v in self.fields.items() if v is not None]
        return " ".join(parts)


def parse_comment(text: str | None) -> Mark | None:
    if not text or not text.startswith(PREFIX):
        return None
    words = text[len(PREFIX) :].split()
    kind = "txn"
    if words and words[0] in KINDS:
        kind = words.pop(0)
    fields: dict[str, str] = {}
    for word in words:
        key, sep, value = word.partition("=")
        if sep:
            fields[key] = value
    txn = fields.pop("txn", None)
    return Mark(kind, None if txn in (None, "none", ZERO_TXN) else txn, fields)


def normalize_txn(txn: str | None) -> str | None:
    """The zero UUID (standalone servers, no history) means "no transaction id"."""
    return None if not txn or txn == ZERO_TXN else txn


# -- building records -------------------------------------------------------------------


def txn_record(changes: dict[str, Any], date_ms: int, mark: Mark) -> bytes:
    """One ``_is_diff`` transaction record; metadata members last (see ``_TAIL``)."""
    body = dict(changes)
    body["_date"] = date_ms
    body["_comment"] = mark.to_comment()
    body["_is_diff"] = True
    return encode_record(STANDALONE_MAGIC, orjson.dumps(body) + b"\n")


def base_chunks(db: Database | Contents, date_ms: int, mark: Mark) -> Iterator[bytes]:
    """The body of the base record: every row as one insert transaction, in pieces."""
    comment = mark.to_comment()
    if isinstance(db, Contents):
        return db.snapshot_chunks(comment=comment, date_ms=date_ms, is_diff=True)
    return snapshot_chunks(db, comment=comment, date_ms=date_ms, is_diff=True)


def base_record(db: Database | Contents, date_ms: int, mark: Mark) -> bytes:
    """Every row of ``db`` as one insert transaction (defaults omitted, as compact does)."""
    return encode_record(STANDALONE_MAGIC, b"".join(base_chunks(db, date_ms, mark)))


def schema_record(db: Database | Contents) -> bytes:
    return encode_record(STANDALONE_MAGIC, db.schema.to_bytes() + b"\n")


def record_header(length: int, sha1_hex: str) -> bytes:
    return b"OVSDB %s %d %s\n" % (STANDALONE_MAGIC.encode(), length, sha1_hex.encode())


def _measure(chunks: Iterable[bytes]) -> tuple[int, str]:
    digest = hashlib.sha1(usedforsecurity=False)
    length = 0
    for chunk in chunks:
        digest.update(chunk)
        length += len(chunk)
    return length, digest.hexdigest()


class BodySpool:
    """The body of one record built in pieces, with its length and SHA-1 as it grows.

    A record's header (length, hash) precedes its body, so a record too big to hold
    in memory is assembled here first: in memory up to ``memory_limit``, then in an
    unnamed file in ``directory`` (on disk, not in RAM; gone when closed).
    """

    def __init__(self, directory: Path, memory_limit: int = 8 << 20) -> None:
        self.directory = directory
        self.length = 0
        self._digest = hashlib.sha1(usedforsecurity=False)
        self._memory: list[bytes] = []
        self._memory_limit = memory_limit
        self._file: IO[bytes] | None = None

    def write(self, data: bytes) -> None:
        self._digest.update(data)
        self.length += len(data)
        if self._file is None and self.length <= self._memory_limit:
            self._memory.append(data)
            return
        if self._file is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._file = tempfile.TemporaryFile(dir=self.directory)  # noqa: SIM115
            self._file.write(b"".join(self._memory))
            self._memory = []
        self._file.write(data)

    def header(self) -> bytes:
        return record_header(self.length, self._digest.hexdigest())

    def chunks(self, size: int = 8 << 20) -> Iterator[bytes]:
        """The body, from the start."""
        if self._file is None:
            yield from self._memory
            return
        self._file.flush()
        self._file.seek(0)
        while chunk := self._file.read(size):
            yield chunk

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._memory = []


# -- writing ----------------------------------------------------------------------------


class SegmentWriter:
    """Appends records to one open segment file (``O_APPEND``, one ``write`` per batch)."""

    def __init__(self, path: Path, fd: int, size: int, records: int) -> None:
        self.path = path
        self.name = path.name
        self._fd: int | None = fd
        self.size = size
        self.records = records
        self.unsynced = 0  # bytes written since the last fsync

    @classmethod
    def create(cls, path: Path, db: Database | Contents, date_ms: int, mark: Mark) -> SegmentWriter:
        """A new segment holding the schema and a base of ``db``, fsynced (file and dir).

        The base is never held whole: its pieces are made twice, once for the
        header's length and hash and once to be written (a 500 MB base would
        otherwise need 1 GB). The file gets its name only once complete
        (:func:`temp_segment_path`), so a kill leaves no segment without a base.
        """

        def body() -> Iterator[bytes]:
            return base_chunks(db, date_ms, mark)

        length, sha1 = _measure(body())
        temporary = temp_segment_path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
        except OSError as exc:
            raise OutputError(f"{path}: cannot create segment: {exc.strerror}") from None
        writer = cls(path, fd, 0, 0)
        try:
            writer.append([schema_record(db), record_header(length, sha1)])
            pending: list[bytes] = []
            size = 0
            for chunk in body():
                pending.append(chunk)
                size += len(chunk)
                if size >= 4 << 20:
                    writer.append(pending)
                    pending, size = [], 0
            writer.append(pending)
            writer.records = 2
            writer.sync()
            install(str(temporary), str(path), overwrite=False)
        except BaseException:
            writer.close()
            temporary.unlink(missing_ok=True)
            raise
        return writer

    def add_spooled(self, spool: BodySpool) -> int:
        """Append one record whose body was assembled in ``spool``."""
        written = self.append([spool.header()])
        for chunk in spool.chunks():
            written += self.append([chunk])
        self.records += 1
        return written

    @classmethod
    def reopen(cls, path: Path, end_offset: int, records: int) -> SegmentWriter:
        """Continue an open segment after the last good record (a torn tail is cut off)."""
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
            size = os.fstat(fd).st_size
            if size > end_offset:
                os.ftruncate(fd, end_offset)
                os.fsync(fd)
        except OSError as exc:
            raise OutputError(f"{path}: cannot reopen segment: {exc.strerror}") from None
        return cls(path, fd, end_offset, records)

    def append(self, records: Iterable[bytes]) -> int:
        data = b"".join(records)
        view = memoryview(data)
        assert self._fd is not None
        try:
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot append: {exc.strerror}") from None
        self.size += len(data)
        self.unsynced += len(data)
        return len(data)

    def add_records(self, records: list[bytes]) -> int:
        written = self.append(records)
        self.records += len(records)
        return written

    def sync(self) -> None:
        if self._fd is not None and self.unsynced:
            try:
                os.fsync(self._fd)
            except OSError as exc:
                raise OutputError(f"{self.path}: fsync failed: {exc.strerror}") from None
            self.unsynced = 0

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)


def temp_segment_path(path: Path) -> Path:
    """Where a segment is written before it gets its name (a hidden name: never listed)."""
    return path.with_name(f".{path.name}.part")


def remove_temporaries(directory: Path) -> None:
    """Drop what a killed agent left while creating a segment."""
    try:
        names = [
            p for p in directory.iterdir() if p.name.startswith(".") and p.name.endswith(".part")
        ]
    except FileNotFoundError:
        return
    for temporary in names:
        temporary.unlink(missing_ok=True)


# -- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordMark:
    number: int
    offset: int
    date_ms: int | None
    mark: Mark | None


@dataclass
class SegmentInfo:
    """A segment as read from its file (its state, bounds, marks)."""

    name: str
    path: str
    size: int
    db: str | None = None
    schema_version: str | None = None
    records: int = 0
    end_offset: int = 0  # just after the last intact record
    base: RecordMark | None = None
    last: RecordMark | None = None  # the last intact record
    last_txn: str | None = None
    sealed: Mark | None = None
    stopped_cleanly: bool = False
    windows: list[tuple[int, int]] = field(default_factory=list)  # (since, date) of resumptions
    defect: str | None = None  # why reading stopped early (torn tail, damage)
    torn_tail: bool = False
    marks: list[RecordMark] | None = None


def record_meta(frame: Frame) -> tuple[int | None, str | None] | None:
    """``_date`` and ``_comment`` of a record, reading only its last bytes when we wrote it."""
    tail = frame.body[-_TAIL_BYTES:] if frame.length > _TAIL_BYTES else frame.body
    match = _TAIL.search(tail)
    if match is not None:
        comment = orjson.loads(b'"' + match.group(2) + b'"')
        return int(match.group(1)), comment
    obj = parse_body(frame)
    if isinstance(obj, Defect):
        return None
    date, comment = obj.get("_date"), obj.get("_comment")
    return (date if type(date) is int else None), (comment if isinstance(comment, str) else None)


def read_segment(
    path: str | Path, *, start: SegmentInfo | None = None, keep_marks: bool = False
) -> SegmentInfo:
    """Scan a segment (lenient: stops at a torn tail or damage, and says so).

    With ``start`` (an earlier scan of the same open segment), only the records after
    its ``end_offset`` are read.
    """
    path = str(path)
    with open_db_file(path) as f:
        info = SegmentInfo(os.path.basename(path), path, f.size)
        offset, number = 0, 0
        if start is not None and start.end_offset and start.records:
            info = _continued(start, f.size)
            offset, number = start.end_offset, start.records
        if keep_marks and info.marks is None:
            info.marks = []
        for item in scan(f.buf, magic=STANDALONE_MAGIC, start=offset, first_number=number):
            if isinstance(item, Defect):
                info.defect = item.message
                info.torn_tail = item.is_torn_tail
                break
            if item.number == 0:
                schema, _ = read_schema_record(item, path)
                info.db, info.schema_version = schema.name, schema.version
            else:
                meta = record_meta(item)
                if meta is None:
                    info.defect = f"record {item.number} (offset {item.offset}) is not valid JSON"
                    break
                _note(info, item, *meta)
            info.records = item.number + 1
            info.end_offset = item.end
    return info


def _continued(start: SegmentInfo, size: int) -> SegmentInfo:
    return SegmentInfo(
        start.name,
        start.path,
        size,
        db=start.db,
        schema_version=start.schema_version,
        records=start.records,
        end_offset=start.end_offset,
        base=start.base,
        last=start.last,
        last_txn=start.last_txn,
        sealed=start.sealed,
        stopped_cleanly=start.stopped_cleanly,
        windows=list(start.windows),
        marks=list(start.marks) if start.marks is not None else None,
    )


def _note(info: SegmentInfo, frame: Frame, date: int | None, comment: str | None) -> None:
    mark = parse_comment(comment)
    rec = RecordMark(frame.number, frame.offset, date, mark)
    if info.marks is not None:
        info.marks.append(rec)
    if frame.number == 1:
        info.base = rec
    info.last = rec
    if mark is None:
        return
    info.last_txn = mark.txn
    info.stopped_cleanly = mark.kind == "stop"
    if mark.kind == "seal":
        info.sealed = mark
    since = mark.since_ms
    if since is not None and date is not None and since < date:
        info.windows.append((since, date))
