"""A directory of archives, as ``ovsdb-backup list DIR`` shows it.

Listing reads only tar headers and the manifest: the manifest is the last member, and
the headers before it are found by seeking over member data (one 512-byte read per
member), so listing does not depend on archive size. A ``.part`` file is reported as
``in-progress`` while its writer holds its lock, and as ``abandoned`` otherwise.
"""

from __future__ import annotations

import fcntl
import os
import stat
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from ..errors import ArchiveError, InputError
from .manifest import format_time
from .reader import ArchiveReader
from .tarformat import BLOCK

COMPLETE = "complete"
INCOMPLETE = "incomplete"  # damaged, cut short, or not written by us
IN_PROGRESS = "in-progress"
ABANDONED = "abandoned"


@dataclass(frozen=True)
class ArchiveSummary:
    """One archive in a listing. ``created`` comes from the manifest when there is
    one, else the file's modification time; ``age`` is in seconds."""

    path: str
    name: str
    size: int
    created: datetime
    age: float
    state: str
    databases: tuple[str, ...] = ()
    host: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    problem: str | None = None

    @property
    def complete(self) -> bool:
        return self.state == COMPLETE

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "name": self.name,
            "size": self.size,
            "created": format_time(self.created),
            "age": round(self.age, 3),
            "state": self.state,
            "complete": self.complete,
            "databases": list(self.databases),
            "host": self.host,
            "labels": self.labels,
            "problem": self.problem,
        }


def list_archives(directory: str, *, now: float | None = None) -> list[ArchiveSummary]:
    """Every archive (and ``.part``) directly in ``directory``, newest first.

    Files that are not tar archives (logs, notes) are left out. Raises InputError if
    the directory cannot be listed.
    """
    now = time.time() if now is None else now
    try:
        with os.scandir(directory) as entries:
            candidates = sorted(e.path for e in entries if e.is_file())
    except OSError as exc:
        raise InputError(f"{directory}: cannot list: {exc.strerror}") from None
    found = [s for path in candidates if (s := summarize(path, now=now)) is not None]
    return sorted(found, key=lambda s: (s.created, s.name), reverse=True)


def summarize(path: str, *, now: float | None = None) -> ArchiveSummary | None:
    """The summary of one file, or None if it is not a tar archive at all."""
    now = time.time() if now is None else now
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or (st.st_size < BLOCK and not path.endswith(".part")):
        return None
    base = ArchiveSummary(
        path=path,
        name=os.path.basename(path),
        size=st.st_size,
        created=datetime.fromtimestamp(st.st_mtime, UTC),
        age=max(0.0, now - st.st_mtime),
        state=INCOMPLETE,
    )
    if path.endswith(".part"):
        state = IN_PROGRESS if _locked(path) else ABANDONED
        return replace(base, state=state)
    try:
        with ArchiveReader(path) as reader:
            if reader.index.defect is not None and reader.index.defect.kind == "not-a-tar":
                return None
            return _from_reader(reader, base, now)
    except InputError as exc:
        return replace(base, problem=exc.message)


def _from_reader(reader: ArchiveReader, base: ArchiveSummary, now: float) -> ArchiveSummary:
    try:
        manifest = reader.manifest()
    except ArchiveError as exc:
        return replace(base, problem=exc.message)
    problem = None
    sizes = {m.name: m.size for m in reader.index.members}
    for stored in manifest.stored_members():
        if sizes.get(stored.member) != stored.size:
            problem = f"member {stored.member!r} is missing or has the wrong size"
            break
    if reader.index.defect is not None:
        problem = reader.index.defect.message
    created = manifest.created.timestamp()
    return ArchiveSummary(
        path=base.path,
        name=base.name,
        size=base.size,
        created=manifest.created,
        age=max(0.0, now - created),
        state=INCOMPLETE if problem else COMPLETE,
        databases=tuple(db.name for db in manifest.databases),
        host=manifest.host,
        labels=dict(manifest.labels),
        problem=problem,
    )


def _locked(path: str) -> bool:
    """Whether a live writer holds ``path`` (see writer.py: writers flock their .part)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
