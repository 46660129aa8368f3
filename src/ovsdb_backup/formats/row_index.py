"""The row index an online backup keeps next to its database snapshot.

For every row of the snapshot file it records where the row's JSON object lies and
the ``_version`` the server gave the row. ``ovsdb-server`` gives a row a new random
``_version`` at every insert and every change (a restart gives every row a new one),
so while the server that was backed up keeps running, "same version" means "same
contents". A restore into that server then asks only for ``_uuid`` and ``_version``,
fetches just the rows whose version changed, and parses just the matching rows of
the backup: parsing the whole 107 MiB medium NB snapshot alone takes orjson 2.4 s.

Layout, one JSON object (keys in this order, written as the snapshot streams)::

    {"tables": {"<table>": {"start": <offset>, "rows": ["<version>", <length>, ...]}, ...},
     "format": "ovsdb-backup-row-index", "format_version": 1,
     "version_chars": 18, "body_offset": <n>, "rows": <n>}

A table's rows are in the order of the snapshot, where each is written as
``"<uuid>":<object>`` and followed by a comma: the first object starts ``start`` bytes
into the data record's body (which starts ``body_offset`` bytes into the file) and
each next one 40 bytes after the end of the previous. The UUIDs are read from the
snapshot itself (not repeated here: they would double the index's size), and only
the first 18 characters of each version are kept (60 random bits: a changed row
taken for unchanged has a chance of 1 in 10^18), which halves it again: the index is
about 8 % of the compressed snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO

import orjson

from ..errors import InputError

FORMAT_NAME = "ovsdb-backup-row-index"
FORMAT_VERSION = 1
VERSION_CHARS = 18
UUID_KEY_BYTES = 39  # '"' + 36-character UUID + '":'


def version_key(version: str) -> str:
    """The part of a ``_version`` UUID the index keeps."""
    return version[:VERSION_CHARS]


class RowIndexWriter:
    """Streams the index to ``out``, batch by batch, in the snapshot's table order."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.length = 0
        self.rows = 0
        self._table: str | None = None

    def _emit(self, data: bytes) -> None:
        self.out.write(data)
        self.length += len(data)

    def add(self, table: str, start: int, entries: list[str | int]) -> None:
        """A batch of rows: ``entries`` is version, length, version, length ...;
        ``start`` is where the batch's first object begins in the body."""
        if not entries:
            return
        piece = orjson.dumps(entries)[1:-1]
        if table != self._table:
            opening = b'{"tables":{' if self._table is None else b"]},"
            head = orjson.dumps(table) + b':{"start":%d,"rows":[' % start
            self._emit(opening + head + piece)
            self._table = table
        else:
            self._emit(b"," + piece)
        self.rows += len(entries) // 2

    def finish(self, body_offset: int) -> None:
        tail = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "version_chars": VERSION_CHARS,
            "body_offset": body_offset,
            "rows": self.rows,
        }
        opening = b'{"tables":{}' if self._table is None else b"]}}"
        self._emit(opening + b"," + orjson.dumps(tail)[1:] + b"\n")


# A row: (version prefix, absolute offset of its object, length of its object).
Entry = tuple[str, int, int]


@dataclass
class RowIndex:
    tables: dict[str, dict[str, Entry]]
    label: str  # where the index came from, for messages

    @classmethod
    def load(cls, raw: bytes, snapshot: Any, label: str) -> RowIndex:
        """Parse the index and match it against the snapshot file ``snapshot`` (a
        buffer): every row's UUID is read there, which also checks every offset."""
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise InputError(f"{label}: the row index is not valid JSON ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise InputError(f"{label}: not an ovsdb-backup row index")
        if data.get("format_version") != FORMAT_VERSION:
            raise InputError(
                f"{label}: row index format {data.get('format_version')!r} is not supported"
            )
        tables, body_offset = data.get("tables"), data.get("body_offset")
        if (
            not isinstance(tables, dict)
            or not isinstance(body_offset, int)
            or data.get("version_chars") != VERSION_CHARS
        ):
            raise InputError(f"{label}: the row index is damaged (bad tables or offsets)")
        index = cls({}, label)
        for table, layout in tables.items():
            index.tables[table] = index._locate(table, layout, body_offset, snapshot)
        if data.get("rows") != sum(len(rows) for rows in index.tables.values()):
            raise InputError(f"{label}: the row index is damaged (its row count is wrong)")
        return index

    def _locate(self, table: str, layout: Any, body_offset: int, snapshot: Any) -> dict[str, Entry]:
        rows: dict[str, Entry] = {}
        try:
            flat, start = layout["rows"], body_offset + layout["start"]
            versions, lengths = flat[0::2], flat[1::2]
            if len(versions) != len(lengths) or not all(type(n) is int for n in lengths):
                raise ValueError("malformed rows")
            if lengths and (min(lengths) < 2 or start < UUID_KEY_BYTES):
                raise ValueError("malformed rows")
            size = len(snapshot)
            step = 1 + UUID_KEY_BYTES  # the comma and the next key
            for version, length in zip(versions, lengths, strict=True):
                key = snapshot[start - UUID_KEY_BYTES : start]
                if key[0] != 0x22 or key[-2:] != b'":' or start + length > size:
                    raise ValueError(f"no row at offset {start}")
                rows[key[1:-2].decode("ascii")] = (version, start, length)
                start += length + step
        except (TypeError, KeyError, IndexError, ValueError, UnicodeDecodeError) as exc:
            raise InputError(
                f"{self.label}: the row index does not match the database (table {table}: {exc})",
                hint="the archive was changed after it was written; 'ovsdb-backup verify' "
                "checks it",
            ) from None
        return rows

    def counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.tables.items() if rows}

    def versions(self, table: str) -> dict[str, Entry]:
        """The table's rows: uuid -> (version prefix, offset, length)."""
        return self.tables.get(table, {})

    def row_json(self, snapshot: Any, table: str, uuid: str) -> bytes | None:
        """The row's JSON object as stored in ``snapshot``; None if it has no such row."""
        entry = self.tables.get(table, {}).get(uuid)
        if entry is None:
            return None
        _version, start, length = entry
        return bytes(snapshot[start : start + length])
