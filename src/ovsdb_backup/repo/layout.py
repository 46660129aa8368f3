"""Where things live in a repository, and how objects are named."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import orjson

from ..errors import InputError, OutputError, UsageError
from .locking import FileLock, is_locked, locked

MARKER = "ovsdb-backup-repository.json"
FORMAT = "ovsdb-backup-repository"
FORMAT_VERSION = 1
_DB_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Segment names sort by start time: <UTC start, ms>-<random>.log
_SEGMENT = re.compile(r"(\d{8}T\d{6}\.\d{3}Z)-([0-9a-f]{8})\.log")

# How long a short repository-lock section may wait for another one.
LOCK_WAIT = 30.0


def stamp(ms: int) -> str:
    """UTC time as used in object names: ``20261121T101641.142Z``."""
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    return moment.strftime("%Y%m%dT%H%M%S.") + f"{ms % 1000:03d}Z"


def check_db_name(name: str) -> str:
    # Database names become directory names: only OVSDB identifiers are allowed.
    if not _DB_NAME.fullmatch(name):
        raise UsageError(f"{name!r} is not a database name")
    return name


@dataclass(frozen=True)
class Repository:
    """An opened repository directory."""

    root: Path

    @property
    def archives(self) -> Path:
        return self.root / "archives"

    @property
    def streams(self) -> Path:
        return self.root / "streams"

    @property
    def catalog_path(self) -> Path:
        return self.root / "catalog.json"

    @property
    def locks(self) -> Path:
        return self.root / "locks"

    def stream_dir(self, db: str) -> Path:
        return self.streams / check_db_name(db)

    def segment_path(self, db: str, name: str) -> Path:
        return self.stream_dir(db) / name

    def archive_path(self, name: str) -> Path:
        return self.archives / name

    # -- locks --------------------------------------------------------------------

    def repository_lock(self, what: str) -> FileLock:
        return FileLock(str(self.locks / "repository.lock"), what)

    @contextlib.contextmanager
    def mutating(self, what: str, wait: float = LOCK_WAIT) -> Iterator[FileLock]:
        """Hold the repository lock while changing the catalog or deleting objects."""
        with locked(str(self.locks / "repository.lock"), what, wait) as lock:
            yield lock

    def stream_lock(self, db: str) -> FileLock:
        return FileLock(str(self.stream_lock_path(db)), f"stream agent for {db}")

    def stream_lock_path(self, db: str) -> Path:
        return self.locks / f"stream-{check_db_name(db)}.lock"

    def stream_live(self, db: str) -> bool:
        """Whether a stream agent currently runs for ``db`` (holds its lock)."""
        return is_locked(str(self.stream_lock_path(db)))

    def streamed_databases(self) -> list[str]:
        try:
            return sorted(p.name for p in self.streams.iterdir() if p.is_dir())
        except FileNotFoundError:
            return []


def new_segment_name(start_ms: int) -> str:
    return f"{stamp(start_ms)}-{secrets.token_hex(4)}.log"


def is_segment_name(name: str) -> bool:
    return _SEGMENT.fullmatch(name) is not None


def open_repository(path: str | os.PathLike[str], *, create: bool = False) -> Repository:
    """Open ``path`` as a repository; with ``create``, make it if it does not exist.

    An existing non-empty directory without the marker is refused (it is not ours), so a
    mistyped ``--repo`` cannot scatter files into an unrelated directory.
    """
    root = Path(path).absolute()
    marker = root / MARKER
    if marker.is_file():
        _check_marker(marker)
        return _ensure_dirs(Repository(root))
    if not create:
        raise InputError(
            f"{root}: not an ovsdb-backup repository (no {MARKER})",
            hint="'ovsdb-backup backup --repo DIR' or 'ovsdb-backup stream --repo DIR' creates one",
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
        if any(p.name != "lost+found" for p in root.iterdir()):
            raise OutputError(
                f"{root}: exists, is not empty and is not an ovsdb-backup repository",
                hint="give an empty or new directory",
            )
        data = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "id": str(uuid.uuid4()),
            "created": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        }
        tmp = root / f".{MARKER}.tmp-{os.getpid()}"
        tmp.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
        os.replace(tmp, marker)
    except OSError as exc:
        raise OutputError(f"{root}: cannot create a repository: {exc.strerror}") from None
    return _ensure_dirs(Repository(root))


def _check_marker(marker: Path) -> None:
    try:
        data = orjson.loads(marker.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise InputError(f"{marker}: unreadable repository marker: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{marker}: not an ovsdb-backup repository marker")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InputError(
            f"{marker}: repository format {version} is newer than this ovsdb-backup "
            f"understands ({FORMAT_VERSION})",
            hint="upgrade ovsdb-backup",
        )


def _ensure_dirs(repo: Repository) -> Repository:
    for directory in (repo.archives, repo.streams, repo.locks):
        try:
            directory.mkdir(exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{directory}: cannot create: {exc.strerror}") from None
    return repo


def now_ms() -> int:
    return int(time.time() * 1000)
