"""Small file-system helpers shared by the writer, the reader and file collection."""

from __future__ import annotations

import errno
import grp
import os
import pwd
from functools import lru_cache

from ..errors import OutputError

_SPACE_ERRNOS = {errno.ENOSPC: "no space left on device", errno.EDQUOT: "disk quota exceeded"}


def output_error(path: str, exc: OSError, *, done: int | None = None) -> OutputError:
    """An OutputError for a failed write to ``path`` that says what happened."""
    after = f" after {done} bytes" if done is not None else ""
    if exc.errno in _SPACE_ERRNOS:
        return OutputError(
            f"{path}: {_SPACE_ERRNOS[exc.errno]}{after}; the partial output was removed",
            hint="free space or write the archive to another file system",
        )
    if exc.errno == errno.EFBIG:
        return OutputError(
            f"{path}: file too large{after} (file-size limit, ulimit -f, or the file "
            "system's maximum); the partial output was removed"
        )
    return OutputError(f"{path}: cannot write: {exc.strerror or exc}{after}")


def write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    """os.write until everything is written (a write may be partial).

    The views are released even on error: a live view of a bytearray would stop the
    caller from clearing it (BufferError) while the exception is handled.
    """
    with memoryview(data) as whole:
        done = 0
        while done < len(whole):
            with whole[done:] as rest:
                done += os.write(fd, rest)


@lru_cache(maxsize=256)
def user_name(uid: int) -> str | None:
    try:
        return pwd.getpwuid(uid).pw_name
    except (KeyError, OverflowError):
        return None


@lru_cache(maxsize=256)
def group_name(gid: int) -> str | None:
    try:
        return grp.getgrgid(gid).gr_name
    except (KeyError, OverflowError):
        return None


def uid_of(name: str | None, default: int) -> int:
    """The uid of user ``name`` on this host, else ``default`` (ids differ across hosts:
    names are what carries over, e.g. the ``openvswitch`` user)."""
    if name:
        try:
            return pwd.getpwnam(name).pw_uid
        except KeyError:
            pass
    return default


def gid_of(name: str | None, default: int) -> int:
    if name:
        try:
            return grp.getgrnam(name).gr_gid
        except KeyError:
            pass
    return default


def mtime_of(st: os.stat_result) -> float:
    """Modification time in seconds, to the microsecond.

    A float cannot hold today's times to the nanosecond (53-bit mantissa), but holds
    microseconds exactly enough for :func:`mtime_ns` to give them back unchanged.
    """
    return st.st_mtime_ns // 1000 / 1e6


def mtime_ns(mtime: float) -> int:
    """Nanoseconds for os.utime from a time made by :func:`mtime_of`."""
    return round(mtime * 1e6) * 1000
