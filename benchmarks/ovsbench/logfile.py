"""Just enough of the OVSDB file framing to describe a generated file.

Deliberately independent of ``ovsdb_backup.formats``: the manifest must not
depend on the code the benchmarks measure. Framing: each record is a line
``OVSDB <magic> <length> <sha1>`` followed by ``length`` bytes of JSON.
"""

from __future__ import annotations

import gc
import mmap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson


@dataclass(frozen=True)
class FileStats:
    path: Path
    bytes: int
    magic: str
    records: int
    #: Clustered files: entries carrying a transaction; standalone: transaction records.
    txn_records: int
    #: Clustered files: the header's prev_index (1 for a file never compacted).
    prev_index: int | None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": self.path.name,
            "bytes": self.bytes,
            "format": "clustered" if self.magic == "CLUSTER" else "standalone",
            "records": self.records,
            "txn_records": self.txn_records,
        }
        if self.prev_index is not None:
            out["prev_index"] = self.prev_index
        return out


def scan(path: Path) -> FileStats:
    """Count records and transaction records; raise ValueError on a framing defect."""
    with open(path, "rb") as f:
        if f.seek(0, 2) == 0:
            raise ValueError(f"{path}: empty file")
        # A map instead of read(): a large data set is 0.5 GB.
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _scan(path, data)


def _scan(path: Path, data: mmap.mmap) -> FileStats:
    pos = 0
    records = 0
    txn_records = 0
    magic = ""
    prev_index: int | None = None
    # Each body is parsed to classify it; nothing parsed is kept, but the
    # collector would still rescan millions of fresh lists, so pause it.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        while pos < len(data):
            eol = data.find(b"\n", pos)
            if eol < 0:
                raise ValueError(f"{path}: torn header at offset {pos}")
            parts = data[pos:eol].split(b" ")
            if len(parts) != 4 or parts[0] != b"OVSDB":
                raise ValueError(f"{path}: bad header at offset {pos}")
            length = int(parts[2])
            body = data[eol + 1 : eol + 1 + length]
            if len(body) != length:
                raise ValueError(f"{path}: torn record at offset {pos}")
            obj = orjson.loads(body)
            if records == 0:
                magic = parts[1].decode()
                if magic == "CLUSTER":
                    prev_index = int(obj.get("prev_index", 0))
            elif magic == "CLUSTER":
                data_member = obj.get("data")
                if isinstance(data_member, list) and len(data_member) == 2 and data_member[1]:
                    txn_records += 1
            else:
                txn_records += 1
            records += 1
            pos = eol + 1 + length
    finally:
        if was_enabled:
            gc.enable()
    return FileStats(path, len(data), magic, records, txn_records, prev_index)
