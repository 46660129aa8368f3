"""Opening database files, identifying their kind, and writing outputs safely.

This is the only module that opens OVSDB database files. Inputs are memory
mapped read-only (zero copy, any size); outputs go through
:class:`AtomicWriter`: a temporary file in the target directory, fsync, then an
atomic rename (or hard link, to refuse clobbering), then fsync of the directory.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import mmap
import os
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import BinaryIO

from ..errors import InputError, NotAnOvsdbFile, OutputError
from ..fsutil import install
from .records import _LENIENT_HEADER, CLUSTER_MAGIC, STANDALONE_MAGIC

KIND_BY_MAGIC = {STANDALONE_MAGIC: "standalone", CLUSTER_MAGIC: "clustered"}
_WRITE_BUFFER = 1 << 20


class MappedFile:
    """A read-only memory map that gives back pages the reader has moved past.

    Touched pages of a file mapping count in the process's resident memory, so a
    plain scan of a 500 MB log would look like 500 MB of RAM even though the data
    stays in the page cache. Readers here move forward; once they are
    ``_RELEASE_LAG`` bytes past a region, it is dropped with MADV_DONTNEED (a later
    access simply maps the page again).
    """

    __slots__ = ("_map", "_released", "_size")

    def __init__(self, map_: mmap.mmap) -> None:
        self._map = map_
        self._size = len(map_)
        self._released = 0

    def __len__(self) -> int:
        return self._size

    def find(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        if start - self._released > _RELEASE_STEP + _RELEASE_LAG:
            self._release_before(start - _RELEASE_LAG)
        return self._map.find(sub, start, self._size if end is None else end)

    def __getitem__(self, key: slice) -> bytes:
        return self._map[key]

    def _release_before(self, offset: int) -> None:
        end = offset - offset % mmap.PAGESIZE
        if end > self._released:
            with contextlib.suppress(OSError, ValueError):
                self._map.madvise(mmap.MADV_DONTNEED, self._released, end - self._released)
            self._released = end

    def close(self) -> None:
        self._map.close()


_RELEASE_STEP = 1 << 20
_RELEASE_LAG = 256 << 10


@dataclass
class DbFile:
    """A read-only view of a database file: ``buf`` supports slicing and find()."""

    path: str
    size: int
    magic: str
    buf: MappedFile | bytes

    @property
    def kind(self) -> str:
        return KIND_BY_MAGIC[self.magic]

    @property
    def is_clustered(self) -> bool:
        return self.magic == CLUSTER_MAGIC

    def close(self) -> None:
        if isinstance(self.buf, MappedFile):
            self.buf.close()


def sniff_magic(head: bytes, path: str) -> str:
    """The magic of the first record header; NotAnOvsdbFile if there is none."""
    if not head:
        raise NotAnOvsdbFile(f"{path}: empty file: cannot identify file type")
    line = head.split(b"\n", 1)[0] + b"\n"
    match = _LENIENT_HEADER.fullmatch(line)
    if match is None:
        raise NotAnOvsdbFile(
            f"{path}: cannot identify file type (no OVSDB record header at offset 0)",
            hint="the first header line may be damaged; if this is a database file, restore "
            "it from a backup",
        )
    magic = match.group(1).decode("ascii", "replace")
    if magic not in KIND_BY_MAGIC:
        raise NotAnOvsdbFile(f"{path}: cannot identify file type (unknown record magic {magic!r})")
    return magic


@contextlib.contextmanager
def open_db_file(path: str) -> Iterator[DbFile]:
    """Map a database file read-only; never takes its lock, never writes."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a database file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror}") from None
    try:
        size = os.fstat(fd).st_size
        buf: MappedFile | bytes
        buf = MappedFile(mmap.mmap(fd, 0, access=mmap.ACCESS_READ)) if size else b""
    except OSError as exc:
        os.close(fd)
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    os.close(fd)
    try:
        magic = sniff_magic(bytes(buf[:256]), path)
        db = DbFile(path, size, magic, buf)
        yield db
    finally:
        if isinstance(buf, MappedFile):
            buf.close()


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class AtomicWriter:
    """Write a file so that it either appears complete under its name or not at all.

    ``overwrite=False`` (the default) refuses an existing destination, also one
    that appears while writing (the final step is a hard link, which cannot
    clobber). A failure at any point removes the temporary file.
    """

    def __init__(
        self,
        path: str,
        *,
        overwrite: bool = False,
        mode: int = 0o644,
        owner: tuple[int, int] | None = None,
    ) -> None:
        self.path = path
        self.overwrite = overwrite
        self.mode = mode
        self.owner = owner
        self.directory = os.path.dirname(os.path.abspath(path))
        self.tmp_path = os.path.join(
            self.directory, f".{os.path.basename(path)}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
        )
        self._file: BinaryIO | None = None
        self.bytes_written = 0

    def __enter__(self) -> AtomicWriter:
        if not self.overwrite and os.path.lexists(self.path):
            raise OutputError(
                f"{self.path}: already exists; refusing to overwrite it",
                hint="choose another output name, or pass --force where the command offers it",
            )
        if not os.path.isdir(self.directory):
            raise OutputError(f"{self.directory}: output directory does not exist")
        try:
            fd = os.open(self.tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, self.mode)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot create output: {exc.strerror}") from None
        self._file = os.fdopen(fd, "wb", buffering=_WRITE_BUFFER)
        return self

    def write(self, data: bytes) -> None:
        assert self._file is not None
        try:
            self._file.write(data)
        except OSError as exc:
            raise self._write_error(exc) from None
        self.bytes_written += len(data)

    def writelines(self, chunks: Iterable[bytes]) -> None:
        for chunk in chunks:
            self.write(chunk)

    def tell(self) -> int:
        return self.bytes_written

    def truncate_to(self, size: int) -> None:
        """Discard everything after ``size`` bytes (used to restart an output)."""
        assert self._file is not None
        self._file.flush()
        self._file.seek(size)
        self._file.truncate(size)
        self.bytes_written = size

    def _write_error(self, exc: OSError) -> OutputError:
        if exc.errno == errno.ENOSPC:
            return OutputError(
                f"{self.path}: no space left on device after {self.bytes_written} bytes; "
                "the partial output was removed and nothing else was changed"
            )
        return OutputError(f"{self.path}: write failed: {exc.strerror}")

    def sync(self) -> None:
        """Flush and fsync the temporary file (e.g. to verify it before commit())."""
        assert self._file is not None
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
        except OSError as exc:
            raise self._write_error(exc) from None

    def commit(self) -> None:
        assert self._file is not None
        self.sync()
        if self.owner is not None:
            with contextlib.suppress(PermissionError):
                os.fchown(self._file.fileno(), *self.owner)
            os.fchmod(self._file.fileno(), self.mode)
        self._file.close()
        self._file = None
        install(self.tmp_path, self.path, overwrite=self.overwrite)

    def abort(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp_path)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None or self._file is not None:
            self.abort()


def aside_name(path: str, label: str) -> str:
    """A free name next to ``path`` for keeping an old copy: PATH.LABEL-YYYYmmddTHHMMSS."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    candidate = f"{path}.{label}-{stamp}"
    n = 1
    while os.path.lexists(candidate):
        n += 1
        candidate = f"{path}.{label}-{stamp}.{n}"
    return candidate


def copy_aside(path: str, label: str) -> str:
    """Copy ``path`` to a new aside name (fsynced) and return that name."""
    target = aside_name(path, label)
    with AtomicWriter(target, mode=os.stat(path).st_mode & 0o777) as out:
        with open(path, "rb") as src:
            while chunk := src.read(_WRITE_BUFFER):
                out.write(chunk)
        out.commit()
    shutil.copystat(path, target)
    return target


@contextlib.contextmanager
def server_lock(path: str) -> Iterator[None]:
    """Hold the lock ovsdb-server takes on ``.NAME.~lock~``; refuse if a server holds it."""
    directory, name = os.path.split(os.path.abspath(path))
    lock_path = os.path.join(directory, f".{name}.~lock~")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise OutputError(f"{lock_path}: cannot open lock file: {exc.strerror}") from None
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(
                f"{path}: the file is locked, probably by a running ovsdb-server; stop it first"
            ) from None
        yield
    finally:
        os.close(fd)
