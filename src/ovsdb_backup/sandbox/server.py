"""One real ``ovsdb-server`` process: start it, wait for it, signal it, stop it.

One :class:`OvsdbServer` is one process. We run it in the foreground under
:class:`subprocess.Popen` (no ``--detach``), so the pid is ours from the first
instant and nothing else has to be trusted (no pidfile race). Every listener is
on a unix socket or 127.0.0.1: the client TCP port is ``ptcp:0:127.0.0.1``
(kernel-chosen, so parallel test workers never collide) and read back from the
log, because ``ovsdb-server/list-remotes`` on 3.1 only echoes ``ptcp:0:127.0.0.1``.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ToolError
from . import process
from .tools import find_tools, run_tool, tool_env

# sun_path holds 108 bytes including the NUL; keep a margin for the longest suffix.
MAX_SOCKET_PATH = 100
READY_TIMEOUT = 20.0
_TCP_PORT_RE = re.compile(r"\|socket_util\|INFO\|0:127\.0\.0\.1: listening on port (\d+)")
_PR_SET_PDEATHSIG = 1


@dataclass
class OvsdbServer:
    """Handle of one running (or stopped) ``ovsdb-server`` process."""

    name: str
    kind: str  # standalone | clustered | relay | active | backup
    workdir: Path
    db_paths: tuple[Path, ...]
    pid: int
    unix_socket: Path
    ctl: Path
    log_path: Path
    out_path: Path
    tcp: bool = True
    tcp_port: int | None = None
    raft_address: str | None = None
    start_time: int | None = None
    run_dir: Path | None = None  # a short socket directory we created and must remove
    # Log and stdout files are appended to across restarts under the same name; only
    # what this process wrote (from these offsets on) is read, never an older run's port.
    log_offset: int = 0
    out_offset: int = 0
    paused: bool = False
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False, compare=False)

    # -- addresses ---------------------------------------------------------------------

    @property
    def remote(self) -> str:
        return f"unix:{self.unix_socket}"

    @property
    def tcp_remote(self) -> str:
        if self.tcp_port is None:
            raise ToolError(f"{self.name}: has no TCP listener")
        return f"tcp:127.0.0.1:{self.tcp_port}"

    # -- state -------------------------------------------------------------------------

    def is_running(self) -> bool:
        if self._process is not None and self._process.poll() is not None:
            return False  # poll() also reaps our own child, so no zombie is left
        return process.is_alive(self.pid, self.start_time)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to the server (only if it is still the process we started)."""
        if not process.send_signal(self.pid, sig, self.start_time):
            raise ToolError(f"{self.name}: pid {self.pid} is not running")
        if sig == signal.SIGSTOP:
            self.paused = True
        elif sig == signal.SIGCONT:
            self.paused = False

    def pause(self, timeout: float = 5.0) -> None:
        """Freeze the process (SIGSTOP): peers see a silent, not a dead, member.

        Returns once the kernel reports the process stopped; signal delivery is
        asynchronous and a test that acts right after ``pause()`` must not race it.
        """
        self.kill(signal.SIGSTOP)
        self._wait_stopped(True, timeout)

    def resume(self, timeout: float = 5.0) -> None:
        self.kill(signal.SIGCONT)
        self._wait_stopped(False, timeout)

    def _wait_stopped(self, stopped: bool, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while process.is_stopped(self.pid) != stopped:
            self.check_alive()
            if time.monotonic() >= deadline:
                state = "stop" if stopped else "continue"
                raise ToolError(f"{self.name}: pid {self.pid} did not {state} within {timeout:g} s")
            time.sleep(0.005)

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM, then SIGKILL after ``timeout``; idempotent; removes leftover sockets."""
        if self.is_running():
            process.terminate(self.pid, timeout, self.start_time)
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):  # SIGKILL did not work
                self._process.wait(timeout=5)
        self.paused = False
        self._remove_sockets()
        process.unregister(self)

    def _remove_sockets(self) -> None:
        # A clean exit unlinks them; SIGKILL leaves them behind.
        for path in (self.unix_socket, self.ctl):
            path.unlink(missing_ok=True)
        if self.run_dir is not None:
            shutil.rmtree(self.run_dir, ignore_errors=True)
            link = self.workdir / f"{self.name}.run"
            if link.is_symlink():
                link.unlink()

    # -- talking to it -----------------------------------------------------------------

    def appctl(self, *args: str, timeout: float = 10.0) -> str:
        """Run ``ovs-appctl -t <ctl> ARGS`` and return its output.

        Raises :class:`ToolError` carrying the server's error text (e.g.
        ``unknown cluster``) when the command fails.
        """
        argv = [find_tools().ovs_appctl, "-t", str(self.ctl), f"--timeout={math.ceil(timeout)}"]
        return run_tool([*argv, *args], timeout=timeout + 2, what=f"{self.name}: ovs-appctl")

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        """Block until the control socket answers and the client sockets listen."""
        deadline = time.monotonic() + timeout
        while True:
            self.check_alive("exited during start-up")
            if self._answers():
                return
            if time.monotonic() >= deadline:
                raise ToolError(f"{self.name}: not ready after {timeout:g} s\n{self.diagnostics()}")
            time.sleep(0.02)

    def _answers(self) -> bool:
        if not (self.ctl.exists() and _accepts(self.unix_socket)):
            return False
        if self.tcp and self.tcp_port is None:
            self.tcp_port = self._logged_tcp_port()
            if self.tcp_port is None:
                return False
        try:
            self.appctl("ovsdb-server/list-dbs", timeout=2)
        except ToolError:
            return False
        return True

    def _logged_tcp_port(self) -> int | None:
        match = _TCP_PORT_RE.search(self.log_text())
        return int(match.group(1)) if match else None

    def check_alive(self, what: str = "is not running") -> None:
        """Raise a :class:`ToolError` with the server's own words if it has exited."""
        if not self.is_running():
            code = self._process.returncode if self._process is not None else None
            status = f" (exit status {code})" if code is not None else ""
            raise ToolError(f"{self.name}: ovsdb-server {what}{status}\n{self.diagnostics()}")

    def log_text(self) -> str:
        """What this process has written to its log file so far."""
        return _read_from(self.log_path, self.log_offset)

    def diagnostics(self, lines: int = 12) -> str:
        """The last lines of the server's stderr and log, for error messages."""
        parts = []
        for path, offset in ((self.out_path, self.out_offset), (self.log_path, self.log_offset)):
            tail = _read_from(path, offset).splitlines()[-lines:]
            if tail:
                parts.append(f"--- {path} ---\n" + "\n".join(tail))
        return "\n".join(parts) or "(no output)"

    # -- persistence (sandbox state file) ---------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "workdir": str(self.workdir),
            "db_paths": [str(p) for p in self.db_paths],
            "pid": self.pid,
            "start_time": self.start_time,
            "unix_socket": str(self.unix_socket),
            "ctl": str(self.ctl),
            "log_path": str(self.log_path),
            "out_path": str(self.out_path),
            "tcp": self.tcp,
            "tcp_port": self.tcp_port,
            "raft_address": self.raft_address,
            "run_dir": str(self.run_dir) if self.run_dir else None,
            "log_offset": self.log_offset,
            "out_offset": self.out_offset,
            "remote": self.remote,
            "tcp_remote": self.tcp_remote if self.tcp_port is not None else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OvsdbServer:
        """Rebuild a handle (without the Popen object) from :meth:`to_json` output."""
        return cls(
            name=str(data["name"]),
            kind=str(data["kind"]),
            workdir=Path(data["workdir"]),
            db_paths=tuple(Path(p) for p in data["db_paths"]),
            pid=int(data["pid"]),
            start_time=data.get("start_time"),
            unix_socket=Path(data["unix_socket"]),
            ctl=Path(data["ctl"]),
            log_path=Path(data["log_path"]),
            out_path=Path(data["out_path"]),
            tcp=bool(data.get("tcp", False)),
            tcp_port=data.get("tcp_port"),
            raft_address=data.get("raft_address"),
            run_dir=Path(data["run_dir"]) if data.get("run_dir") else None,
            log_offset=int(data.get("log_offset", 0)),
            out_offset=int(data.get("out_offset", 0)),
        )


def _read_from(path: Path, offset: int) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")
    except FileNotFoundError:
        return ""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _accepts(path: Path) -> bool:
    """True if a unix stream socket at ``path`` accepts a connection."""
    if not path.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        try:
            sock.connect(str(path))
        except OSError:
            return False
    return True


def socket_dir(workdir: Path, name: str) -> tuple[Path, Path | None]:
    """Where ``name``'s sockets go, and the directory to delete at stop (if any).

    pytest's ``tmp_path`` and user directories can exceed the 107-byte limit of a
    unix socket path. Then the sockets live in a fresh short directory under /tmp,
    with a ``<name>.run`` symlink in the workdir so humans can still find them.
    """
    longest = workdir / f"{name}.sock"
    if len(os.fsencode(longest)) <= MAX_SOCKET_PATH:
        return workdir, None
    base = "/tmp" if os.access("/tmp", os.W_OK) else tempfile.gettempdir()
    short = Path(tempfile.mkdtemp(prefix="ovsdb-", dir=base))
    if len(os.fsencode(short / f"{name}.sock")) > MAX_SOCKET_PATH:
        shutil.rmtree(short, ignore_errors=True)
        raise ToolError(f"server name {name!r} is too long for a unix socket path")
    link = workdir / f"{name}.run"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(short)
    return short, short


def _pdeathsig_hook() -> Any:
    """A ``preexec_fn`` that makes the child die with the thread that started it.

    Only for servers that must not outlive a test run (a runner killed by SIGKILL
    cannot run finalizers). libc is resolved here, before fork, so the child only
    makes one system call.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    parent = os.getpid()

    def hook() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return hook


def spawn(
    workdir: Path,
    name: str,
    databases: Sequence[str | Path],
    *,
    kind: str,
    db_paths: Sequence[Path] = (),
    tcp: bool = True,
    extra_args: Sequence[str] = (),
    detach: bool = False,
    raft_address: str | None = None,
    wait: bool = True,
    ready_timeout: float = READY_TIMEOUT,
) -> OvsdbServer:
    """Start one ``ovsdb-server`` serving ``databases`` (files or ``relay:`` specs).

    ``detach=True`` puts the server in its own session so it outlives this process
    (the ``sandbox`` command); otherwise it dies with us.
    """
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    sock_dir, run_dir = socket_dir(workdir, name)
    unix_socket, ctl = sock_dir / f"{name}.sock", sock_dir / f"{name}.ctl"
    log_path, out_path = workdir / f"{name}.log", workdir / f"{name}.out"
    argv = [
        find_tools().ovsdb_server,
        "--no-chdir",
        f"--log-file={log_path}",
        f"--unixctl={ctl}",
        f"--remote=punix:{unix_socket}",
        "-vconsole:off",  # fatal start-up errors still reach stderr, i.e. <name>.out
        "-vsyslog:off",
        "-vfile:info",
        *(["--remote=ptcp:0:127.0.0.1"] if tcp else []),
        *extra_args,
        *(str(d) for d in databases),
    ]
    log_offset, out_offset = _size(log_path), _size(out_path)
    with open(out_path, "ab") as out:
        popen = subprocess.Popen(
            argv,
            cwd=workdir,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=tool_env(sock_dir),
            start_new_session=detach,
            preexec_fn=None if detach else _pdeathsig_hook(),  # noqa: PLW1509
        )
    server = OvsdbServer(
        name=name,
        kind=kind,
        workdir=workdir,
        db_paths=tuple(Path(p) for p in db_paths),
        pid=popen.pid,
        unix_socket=unix_socket,
        ctl=ctl,
        log_path=log_path,
        out_path=out_path,
        tcp=tcp,
        raft_address=raft_address,
        start_time=process.start_time(popen.pid),
        run_dir=run_dir,
        log_offset=log_offset,
        out_offset=out_offset,
        _process=popen,
    )
    process.register(server)
    if wait:
        try:
            server.wait_ready(ready_timeout)
        except BaseException:
            server.stop()
            raise
    return server
