"""Start and stop real ovsdb-server processes: one standalone server or a 3-member cluster.

Every process started here is tracked by its ``Popen`` object and stopped by
pid (first ``ovs-appctl exit``, which flushes the log, then SIGTERM, then
SIGKILL), including on errors: the callers use :class:`ServerSet` as a
context manager. Servers listen only on unix sockets; Raft, which needs TCP,
binds to 127.0.0.1 on ports chosen free at creation time.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from .jsonrpc import wait_for_socket

# sockaddr_un.sun_path holds 108 bytes including the terminating NUL.
_MAX_SOCKET_PATH = 100


def tool(name: str) -> str:
    """Absolute path of an Open vSwitch program (sbin is often not on PATH)."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")
    if found is None:
        raise FileNotFoundError(
            f"{name} not found; install openvswitch-switch / openvswitch-common"
        )
    return found


def run_tool(args: list[str], *, timeout: float = 120.0) -> str:
    """Run a short OVS command and return its stdout; raise with its stderr on failure."""
    done = subprocess.run(
        [tool(args[0]), *args[1:]],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout


@contextlib.contextmanager
def socket_dir(workdir: Path) -> Iterator[Path]:
    """A directory for unix sockets whose paths fit in sun_path (removed afterwards)."""
    if len(str(workdir / "s1.ctl")) <= _MAX_SOCKET_PATH:
        yield workdir
        return
    short = Path(tempfile.mkdtemp(prefix="ovsbench-"))
    try:
        yield short
    finally:
        shutil.rmtree(short, ignore_errors=True)


def free_tcp_ports(count: int) -> list[int]:
    """Loopback ports that are free right now (the kernel picks them)."""
    holders: list[socket.socket] = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            holders.append(s)
        return [s.getsockname()[1] for s in holders]
    finally:
        for s in holders:
            s.close()


@dataclass
class Server:
    """One ovsdb-server process serving one database file."""

    name: str
    db_path: Path
    sock: Path
    ctl: Path
    log: Path
    proc: subprocess.Popen[bytes] | None = None
    started: float = 0.0

    @property
    def remote(self) -> str:
        return f"unix:{self.sock}"

    @property
    def pid(self) -> int:
        if self.proc is None:
            raise RuntimeError(f"{self.name} is not running")
        return self.proc.pid

    def start(self, *, timeout: float = 300.0) -> None:
        argv = [
            tool("ovsdb-server"),
            "--no-chdir",
            f"--remote=punix:{self.sock}",
            f"--unixctl={self.ctl}",
            f"--log-file={self.log}",
            "-vconsole:off",
            str(self.db_path),
        ]
        with open(self.log.with_suffix(".out"), "ab") as out:
            # A new session keeps a terminal's Ctrl-C away from the server, so
            # the harness can stop it in order (and flush its log) itself.
            self.proc = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True
            )
        self.started = time.monotonic()
        proc = self.proc
        wait_for_socket(str(self.sock), timeout=timeout, alive=lambda: proc.poll() is None)
        # The control socket may appear after the database socket (seen with clustered
        # databases); callers use ovs-appctl right away.
        wait_for_socket(str(self.ctl), timeout=timeout, alive=lambda: proc.poll() is None)

    def age(self) -> float:
        """Seconds since start: ovsdb-server may compact on its own after 10 minutes."""
        return time.monotonic() - self.started if self.proc is not None else 0.0

    def appctl(self, *args: str, timeout: float = 30.0) -> str:
        return run_tool(["ovs-appctl", "-t", str(self.ctl), f"--timeout={int(timeout)}", *args])

    def peak_rss_kib(self) -> int:
        """VmHWM of the running server (its peak resident memory so far)."""
        try:
            text = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return 0
        m = re.search(r"^VmHWM:\s+(\d+) kB", text, re.MULTILINE)
        return int(m.group(1)) if m else 0

    def cpu_seconds(self) -> float:
        """utime + stime of the running server."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        # After the ")" that ends comm, utime and stime are fields 12 and 13.
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self, *, timeout: float = 300.0) -> None:
        """Stop gracefully, escalating to SIGTERM and SIGKILL; always reaps the pid."""
        proc = self.proc
        if proc is None:
            return
        try:
            if proc.poll() is None:
                try:
                    self.appctl("exit", timeout=10)
                except (RuntimeError, subprocess.TimeoutExpired):
                    timeout = 0.0  # no control socket to ask: straight to SIGTERM
                _wait_or_signal(proc, timeout)
        finally:
            self.proc = None


def _wait_or_signal(proc: subprocess.Popen[bytes], timeout: float) -> None:
    for sig, grace in ((None, timeout), (signal.SIGTERM, 20.0), (signal.SIGKILL, 20.0)):
        if sig is not None and proc.poll() is None:
            proc.send_signal(sig)
        try:
            proc.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@dataclass
class ServerSet:
    """The servers of one generation run; stops all of them on exit, even on errors."""

    servers: list[Server] = field(default_factory=list)

    def __enter__(self) -> ServerSet:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop_all()

    def add(self, server: Server) -> Server:
        self.servers.append(server)
        return server

    def stop_all(self) -> None:
        # Reverse order: followers before the leader, so the leader's log gets
        # no extra election records while the others shut down.
        for server in reversed(self.servers):
            server.stop()

    def oldest_age(self) -> float:
        return max((s.age() for s in self.servers), default=0.0)


def standalone(workdir: Path, sockdir: Path, db_name: str, schema: Path) -> Server:
    """Create an empty standalone database file and describe its server."""
    db_path = workdir / f"{db_name}.db"
    run_tool(["ovsdb-tool", "create", str(db_path), str(schema)])
    return Server("standalone", db_path, sockdir / "s.sock", sockdir / "s.ctl", workdir / "s.log")


@dataclass(frozen=True)
class ClusterStatus:
    role: str
    status: str
    log_start: int
    log_end: int
    uncommitted: int
    unapplied: int


def cluster_status(server: Server, db: str) -> ClusterStatus:
    text = server.appctl("cluster/status", db)

    def field_of(name: str) -> str:
        m = re.search(rf"^{name}: (.*)$", text, re.MULTILINE)
        return m.group(1).strip() if m else ""

    log = re.search(r"^Log: \[(\d+), (\d+)\]", text, re.MULTILINE)
    return ClusterStatus(
        role=field_of("Role"),
        status=field_of("Status"),
        log_start=int(log.group(1)) if log else 0,
        log_end=int(log.group(2)) if log else 0,
        uncommitted=int(field_of("Entries not yet committed") or 0),
        unapplied=int(field_of("Entries not yet applied") or 0),
    )


def create_cluster(
    workdir: Path,
    sockdir: Path,
    db_name: str,
    schema: Path,
    *,
    members: int = 3,
    election_timer_ms: int = 4000,
) -> list[Server]:
    """Create member files: s1 with create-cluster, the others with join-cluster."""
    ports = free_tcp_ports(members)
    addresses = [f"tcp:127.0.0.1:{port}" for port in ports]
    servers: list[Server] = []
    for i, address in enumerate(addresses, start=1):
        db_path = workdir / f"s{i}.db"
        if i == 1:
            # A long election timer keeps the first member leader while two
            # shared cores are saturated by the generator and three servers.
            run_tool(
                [
                    "ovsdb-tool",
                    f"--election-timer={election_timer_ms}",
                    "create-cluster",
                    str(db_path),
                    str(schema),
                    address,
                ]
            )
        else:
            run_tool(
                ["ovsdb-tool", "join-cluster", str(db_path), db_name, address, *addresses[: i - 1]]
            )
        servers.append(
            Server(
                f"s{i}",
                db_path,
                sockdir / f"s{i}.sock",
                sockdir / f"s{i}.ctl",
                workdir / f"s{i}.log",
            )
        )
    return servers


def wait_cluster_ready(servers: list[Server], db: str, *, timeout: float = 120.0) -> None:
    """Wait until s1 leads and every member has joined."""
    deadline = time.monotonic() + timeout
    while True:
        states = [cluster_status(s, db) for s in servers]
        if states[0].role == "leader" and all(st.status == "cluster member" for st in states):
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"cluster not ready after {timeout:.0f} s: {states}")
        time.sleep(0.2)


def wait_cluster_synced(servers: list[Server], db: str, *, timeout: float = 600.0) -> None:
    """Wait until every member holds and has applied the leader's whole log.

    A transaction is acknowledged once a majority has it; the third member may
    still be catching up, and stopping it then would leave its file short.
    """
    deadline = time.monotonic() + timeout
    while True:
        states = [cluster_status(s, db) for s in servers]
        end = max(st.log_end for st in states)
        if all(st.log_end == end and st.uncommitted == 0 and st.unapplied == 0 for st in states):
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"cluster members not in sync after {timeout:.0f} s: {states}")
        time.sleep(0.2)
