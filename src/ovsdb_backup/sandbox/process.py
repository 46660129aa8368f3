"""Process identity via /proc, and the registry of every server this process started.

Signals are only ever sent to a pid we recorded ourselves, and only after checking
it is still the *same* process: /proc/<pid>/stat field 22 (start time in clock
ticks since boot) changes when a pid is recycled, so a stale state file can never
make us signal an unrelated process.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Protocol


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # The command name (field 2) is in parentheses and may itself contain ") ";
    # everything after the *last* ")" is the space-separated rest.
    # Returned [0] is field 3 (state), [19] is field 22 (starttime).
    return text[text.rfind(")") + 2 :].split()


def start_time(pid: int) -> int | None:
    """Kernel start time of ``pid`` (clock ticks after boot), or None if it does not exist."""
    fields = _stat_fields(pid)
    return int(fields[19]) if fields and len(fields) > 19 else None


def is_alive(pid: int, expected_start: int | None = None) -> bool:
    """True if ``pid`` exists, is not a zombie, and (if given) started at ``expected_start``.

    Zombies count as dead: in containers whose PID 1 does not reap orphans, a server
    we killed can linger as a zombie forever.
    """
    fields = _stat_fields(pid)
    if not fields or fields[0] in ("Z", "X", "x"):
        return False
    return expected_start is None or (len(fields) > 19 and int(fields[19]) == expected_start)


def is_stopped(pid: int) -> bool:
    """True if the process is stopped by a signal (SIGSTOP), e.g. a paused server."""
    fields = _stat_fields(pid)
    return fields is not None and bool(fields) and fields[0] == "T"


def cmdline(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def is_ovsdb_server(pid: int, expected_start: int | None = None) -> bool:
    """True if ``pid`` is a live ``ovsdb-server`` (and the same process we recorded)."""
    argv = cmdline(pid)
    return (
        bool(argv) and os.path.basename(argv[0]) == "ovsdb-server" and is_alive(pid, expected_start)
    )


def send_signal(pid: int, sig: int, expected_start: int | None = None) -> bool:
    """Signal ``pid`` if it is still the process we started; False if it is gone."""
    if not is_alive(pid, expected_start):
        return False
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return False
    return True


def wait_gone(pid: int, timeout: float, expected_start: int | None = None) -> bool:
    """Poll until ``pid`` is gone (or a zombie); True if it went within ``timeout``."""
    deadline = time.monotonic() + timeout
    while is_alive(pid, expected_start):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)
    return True


def terminate(pid: int, timeout: float, expected_start: int | None = None) -> bool:
    """SIGTERM, then SIGKILL after ``timeout``; True if the process is gone at the end.

    SIGCONT follows SIGTERM because a paused (SIGSTOPped) server cannot act on
    SIGTERM until it runs again.
    """
    if not send_signal(pid, signal.SIGTERM, expected_start):
        return True
    send_signal(pid, signal.SIGCONT, expected_start)
    if wait_gone(pid, timeout, expected_start):
        return True
    send_signal(pid, signal.SIGKILL, expected_start)
    return wait_gone(pid, 5.0, expected_start)


class Stoppable(Protocol):
    """What the registry needs from a started server."""

    pid: int

    def stop(self, timeout: float = 10.0) -> None: ...


# The registry is process-global on purpose: it is the safety net that must see every
# server started by any fixture or helper, however it was started.
_registry: dict[int, Stoppable] = {}
_registry_lock = threading.Lock()


def register(server: Stoppable) -> None:
    with _registry_lock:
        _registry[server.pid] = server


def unregister(server: Stoppable) -> None:
    with _registry_lock:
        if _registry.get(server.pid) is server:
            del _registry[server.pid]


def started() -> list[Stoppable]:
    """Every server started by this Python process and not yet stopped."""
    with _registry_lock:
        return list(_registry.values())


def stop_all_started(timeout: float = 10.0) -> list[int]:
    """Stop every server this Python process started (by pid); return their pids.

    Never touches a process we did not start: the registry only holds our own
    children (and servers restored from a state file we wrote).
    """
    stopped: list[int] = []
    for server in started():
        server.stop(timeout)
        stopped.append(server.pid)
    return stopped
