"""Damage clustered member files the way disks and power cuts do (for recovery tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import orjson

from ovsdb_backup.formats.records import Frame, scan


class Record(NamedTuple):
    frame: Frame
    obj: dict[str, Any]


def records(path: Path) -> list[Record]:
    return [
        Record(f, orjson.loads(f.body)) for f in scan(path.read_bytes()) if isinstance(f, Frame)
    ]


class Dropped(NamedTuple):
    entry_record: int  # record number the entry had
    commit_record: int  # record number of the kept commit record, after the deletion
    commit_index: int
    last_index: int  # the last index left in the file


def drop_entry_keep_commit(path: Path) -> Dropped:
    """Delete the last entry that a later commit_index record covers, keep that record.

    ovsdb-server then refuses the file: "record N advances commit index to X but last
    log index is X-1" (Kube-OVN's recovery guide quotes this message).
    """
    recs = records(path)
    for k in range(len(recs) - 1, 0, -1):
        commit = recs[k].obj.get("commit_index")
        if not commit:
            continue
        entries = [
            j for j in range(1, k) if "index" in recs[j].obj and recs[j].obj["index"] == commit
        ]
        if entries and all("index" not in r.obj for r in recs[entries[-1] + 1 : k]):
            j = entries[-1]
            data = path.read_bytes()
            frame = recs[j].frame
            path.write_bytes(data[: frame.offset] + data[frame.end :])
            return Dropped(j, k - 1, commit, commit - 1)
    raise AssertionError(f"{path}: no entry followed by its commit record")


def tear_tail(path: Path, keep_of_last: float = 0.5) -> int:
    """Cut the file inside its last record (a write torn by power loss); returns new size."""
    last = records(path)[-1].frame
    cut = last.body_offset + int(last.length * keep_of_last)
    path.write_bytes(path.read_bytes()[:cut])
    return cut


def last_index(path: Path) -> int:
    return max((r.obj["index"] for r in records(path) if "index" in r.obj), default=0)
