"""The stream agent as a child process (``python -m ovsdb_backup stream``), for tests.

A child process, not a task: tests kill it with SIGKILL and stop it with SIGTERM, as an
operator or a crash would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ovsdb_backup.repo.catalog import Coverage, coverage, reconcile
from ovsdb_backup.repo.layout import open_repository
from ovsdb_backup.repo.segment import SegmentInfo, read_segment


class Agent:
    def __init__(self, repo: Path, remotes: Sequence[str], dbs: Sequence[str], *extra: str):
        self.repo = repo
        self.remotes = list(remotes)
        self.dbs = list(dbs)
        self.extra = list(extra)
        self.log = repo.parent / f"{repo.name}-agent.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Agent:
        argv = [sys.executable, "-m", "ovsdb_backup", "stream", "--repo", str(self.repo), "-v"]
        for remote in self.remotes:
            argv += ["-r", remote]
        for db in self.dbs:
            argv += ["--db", db]
        argv += ["--log", str(self.log), *self.extra]
        env = dict(os.environ)
        self.process = subprocess.Popen(
            argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20.0) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        code = self.process.returncode
        self.process = None
        return code

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def output(self) -> str:
        text = self.log.read_text() if self.log.exists() else ""
        return text[-4000:]

    # -- observing the repository ---------------------------------------------------

    def coverage(self, db: str) -> Coverage:
        repo = open_repository(self.repo)
        catalog, _ = reconcile(repo, None)
        return coverage(catalog, db)

    def segments(self, db: str) -> list[Path]:
        directory = self.repo / "streams" / db
        return sorted(directory.glob("*.log")) if directory.exists() else []

    def newest(self, db: str) -> SegmentInfo | None:
        segments = self.segments(db)
        return read_segment(segments[-1], keep_marks=True) if segments else None

    def wait(self, what: str, condition: Callable[[], Any], timeout: float = 30.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"agent exited ({self.process.returncode}): {self.output()}")
            try:
                value = condition()
            except (OSError, ValueError):
                value = None
            if value:
                return value
            if time.monotonic() >= deadline:
                raise AssertionError(f"timed out waiting for {what}; agent log:\n{self.output()}")
            time.sleep(0.05)

    def wait_following(self, db: str, timeout: float = 30.0) -> SegmentInfo:
        return self.wait(f"a base of {db}", lambda: _with_base(self.newest(db)), timeout)

    def wait_covered(self, db: str, ms: int, timeout: float = 30.0) -> Coverage:
        def covered() -> Coverage | None:
            cov = self.coverage(db)
            return cov if cov.last_ms is not None and cov.last_ms >= ms else None

        return self.wait(f"{db} covered up to {ms}", covered, timeout)

    def __enter__(self) -> Agent:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.stop(signal.SIGKILL)


def _with_base(info: SegmentInfo | None) -> SegmentInfo | None:
    return info if info is not None and info.records >= 2 else None


def now_ms() -> int:
    return int(time.time() * 1000)


def kill_process(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)
