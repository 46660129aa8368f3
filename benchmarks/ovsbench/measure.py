"""Whole-process measurement of one command: wall time, CPU time, peak RSS.

The figures come from the kernel's accounting of the finished child
(``wait4``), i.e. what ``/usr/bin/time -v`` reports, and cover exactly the
measured program: it is spawned directly (no shell), with stdout sent to a
file or /dev/null by the spawn itself.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import statistics
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


@dataclass(frozen=True)
class Sample:
    wall: float
    user: float
    sys: float
    maxrss_kib: int
    exit_code: int
    timed_out: bool = False
    #: Sampled peaks of /proc/PID/status RssAnon and RssFile (KiB). ru_maxrss
    #: counts file-backed pages too, so a program that maps its input shows
    #: the file's size as RSS although those pages are shared page cache.
    anon_kib: int = 0
    file_kib: int = 0
    #: Killed because the machine ran low on memory (see ``min_available_mib``).
    low_memory: bool = False
    #: Figures gathered around the run by a live-server case: the servers' CPU
    #: seconds (``server_cpu``, and per member), facts from our --json output, ...
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def cpu(self) -> float:
        return self.user + self.sys

    @property
    def rss_mib(self) -> float:
        return self.maxrss_kib / 1024

    @property
    def anon_mib(self) -> float:
        return self.anon_kib / 1024

    def as_json(self) -> dict[str, Any]:
        return {
            "wall": round(self.wall, 4),
            "user": round(self.user, 4),
            "sys": round(self.sys, 4),
            "maxrss_kib": self.maxrss_kib,
            "exit_code": self.exit_code,
            "timed_out": self.timed_out,
            "anon_kib": self.anon_kib,
            "file_kib": self.file_kib,
            **({"low_memory": True} if self.low_memory else {}),
            **({"extra": self.extra} if self.extra else {}),
        }


def executable(name: str) -> str:
    if "/" in name:
        return name
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")
    if found is None:
        raise FileNotFoundError(f"{name}: not found")
    return found


def run_measured(
    argv: Sequence[str],
    *,
    stdout: Path | None,
    stderr: Path,
    timeout: float,
    env: Mapping[str, str] | None = None,
    stdin: Path | None = None,
    min_available_mib: int = 0,
) -> Sample:
    """Run ``argv`` to completion and return the kernel's figures for it.

    ``stdout=None`` discards the output (like ``> /dev/null``); ``stdin`` is a
    file to read (like ``< FILE``; default /dev/null). A run longer than
    ``timeout`` is killed and reported as timed out; with ``min_available_mib``
    it is also killed when the machine's MemAvailable drops below that (a
    shared machine: better a failed run than the kernel's OOM killer choosing
    another tenant's process).
    """
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, str(stdin) if stdin else "/dev/null", os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(stdout) if stdout else "/dev/null", _WRITE, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, str(stderr), _WRITE, 0o644),
    ]
    exe = executable(argv[0])
    started = time.perf_counter()
    pid = os.posix_spawn(
        exe, list(argv), dict(env if env is not None else os.environ), file_actions=actions
    )
    expired = threading.Event()

    def kill() -> None:
        expired.set()
        os.kill(pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    # posix_spawn returns after the child's exec, so every sample is of the
    # measured program, never of this (forked) interpreter.
    sampler = RssSampler(pid, min_available_mib=min_available_mib)
    sampler.start()
    try:
        _, status, usage = os.wait4(pid, 0)
    except BaseException:
        # Interrupted (Ctrl-C): never leave the measured child running.
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        timer.cancel()
        sampler.stop()
    wall = time.perf_counter() - started
    return Sample(
        wall=wall,
        user=usage.ru_utime,
        sys=usage.ru_stime,
        maxrss_kib=usage.ru_maxrss,  # KiB on Linux
        exit_code=os.waitstatus_to_exitcode(status),
        timed_out=expired.is_set(),
        anon_kib=sampler.anon_kib,
        file_kib=sampler.file_kib,
        low_memory=sampler.low_memory,
    )


_RSS = re.compile(rb"^(RssAnon|RssFile):\s+(\d+) kB", re.MULTILINE)


def mem_available_mib() -> int:
    """The kernel's estimate of memory available without swapping (MemAvailable)."""
    with open("/proc/meminfo", "rb") as f:
        for line in f:
            if line.startswith(b"MemAvailable:"):
                return int(line.split()[1]) // 1024
    return 0


class RssSampler(threading.Thread):
    """Polls a process's anonymous and file-backed RSS until it exits.

    With ``min_available_mib``, it also kills the process (SIGKILL) when the
    machine's MemAvailable falls below that, and says so in ``low_memory``.
    """

    def __init__(self, pid: int, interval: float = 0.01, min_available_mib: int = 0) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.min_available_mib = min_available_mib
        self.anon_kib = 0
        self.file_kib = 0
        self.low_memory = False
        self._done = threading.Event()

    def run(self) -> None:
        path = f"/proc/{self.pid}/status"
        while not self._done.is_set():
            try:
                with open(path, "rb") as f:
                    text = f.read()
            except OSError:
                return
            fields = dict(_RSS.findall(text))
            if not fields:
                return  # a zombie has no memory lines: the program has finished
            self.anon_kib = max(self.anon_kib, int(fields.get(b"RssAnon", 0)))
            self.file_kib = max(self.file_kib, int(fields.get(b"RssFile", 0)))
            if self.min_available_mib and mem_available_mib() < self.min_available_mib:
                self.low_memory = True
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
                return
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


@dataclass(frozen=True)
class Stat:
    median: float
    low: float
    high: float

    def as_json(self) -> dict[str, float]:
        return {
            "median": round(self.median, 4),
            "min": round(self.low, 4),
            "max": round(self.high, 4),
        }


def stat(values: Sequence[float]) -> Stat:
    return Stat(statistics.median(values), min(values), max(values))


def summarize(samples: Sequence[Sample]) -> dict[str, Stat]:
    out = {
        "wall": stat([s.wall for s in samples]),
        "cpu": stat([s.cpu for s in samples]),
        "rss_mib": stat([s.rss_mib for s in samples]),
        "anon_mib": stat([s.anon_mib for s in samples]),
    }
    # Live-server cases: the server's CPU during the run, and client + server.
    if samples and all("server_cpu" in s.extra for s in samples):
        out["server_cpu"] = stat([s.extra["server_cpu"] for s in samples])
        out["total_cpu"] = stat([s.cpu + s.extra["server_cpu"] for s in samples])
    return out


def warm_page_cache(path: Path) -> float:
    """Read a file once so every measured run starts with it cached; returns seconds."""
    started = time.perf_counter()
    with open(path, "rb", buffering=0) as f:
        while f.read(1 << 22):
            pass
    return time.perf_counter() - started
