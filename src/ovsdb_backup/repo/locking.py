"""fcntl locks of a repository, with who holds them.

Two kinds, both ``flock`` on files under ``locks/`` (released by the kernel when the
holder dies, so a killed agent never leaves a stale lock):

* ``repository.lock`` — exclusive, held briefly by whoever changes the catalog or
  deletes objects (adding an archive, opening or sealing a segment, prune).
* ``stream-<DB>.lock`` — exclusive, held by a stream agent for its whole life; a second
  agent for the same database is refused, and prune and check can tell a live stream
  from an abandoned one.

The holder writes its pid, host and start time into the lock file, for messages only
(the lock itself is the kernel's).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from ..errors import OutputError, RefusedError


@dataclass(frozen=True)
class Holder:
    pid: int | None
    host: str | None
    since: float | None
    what: str | None

    def describe(self) -> str:
        parts = [self.what or "another process"]
        if self.pid is not None:
            parts.append(f"pid {self.pid}")
        if self.host:
            parts.append(f"on {self.host}")
        if self.since is not None:
            parts.append(f"since {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(self.since))}")
        return " ".join(parts)


def read_holder(path: str) -> Holder:
    try:
        with open(path, "rb") as fh:
            data: Any = orjson.loads(fh.read() or b"{}")
    except (OSError, orjson.JSONDecodeError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    return Holder(data.get("pid"), data.get("host"), data.get("since"), data.get("what"))


class FileLock:
    """One flock-ed file. ``acquire(wait)`` waits up to ``wait`` seconds (0: try once)."""

    def __init__(self, path: str, what: str) -> None:
        self.path = path
        self.what = what
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot open lock file: {exc.strerror}") from None
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    holder = read_holder(self.path)
                    raise RefusedError(
                        f"{self.path}: locked by {holder.describe()}",
                        hint="wait for it to finish (a stream agent holds its database's "
                        "lock for as long as it runs)",
                    ) from None
                time.sleep(0.05)
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}
        info["what"] = self.what
        # Holder information is advisory: a failure to write it is not fatal.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, orjson.dumps(info), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)  # closing drops the flock

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def is_locked(path: str) -> bool:
    """Whether some process holds the flock on ``path`` (False if it does not exist)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@contextlib.contextmanager
def locked(path: str, what: str, wait: float) -> Iterator[FileLock]:
    lock = FileLock(path, what)
    lock.acquire(wait)
    try:
        yield lock
    finally:
        lock.release()
