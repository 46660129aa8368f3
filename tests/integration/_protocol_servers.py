"""Minimal private ovsdb-server controller for the protocol tests.

Temporary: to be replaced by the shared ``ovsdb_backup.sandbox.servers`` once it
is on main.  Servers run in the foreground under ``subprocess.Popen`` (so we own
the pid), listen on unix sockets in a short temp dir and on 127.0.0.1 with a
kernel-chosen port, and are stopped by pid.
"""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

NB_SCHEMA = Path("/usr/share/ovn/ovn-nb.ovsschema")
SBIN = "/usr/sbin"
_PORT_LINE = re.compile(r"listening on port (\d+)")


def tool(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path=SBIN)
    if path is None:
        raise RuntimeError(f"{name} not found (install openvswitch-switch / ovn-central)")
    return path


def wait_for(predicate: Callable[[], object], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


@dataclass
class Server:
    name: str
    workdir: Path
    proc: subprocess.Popen[bytes]
    raft: str | None = None
    port: int | None = None
    stopped: bool = field(default=False)

    @property
    def sock(self) -> Path:
        return self.workdir / f"{self.name}.sock"

    @property
    def ctl(self) -> Path:
        return self.workdir / f"{self.name}.ctl"

    @property
    def log(self) -> Path:
        return self.workdir / f"{self.name}.log"

    @property
    def unix(self) -> str:
        return f"unix:{self.sock}"

    @property
    def tcp(self) -> str:
        assert self.port is not None
        return f"tcp:127.0.0.1:{self.port}"

    def appctl(self, *args: str) -> str:
        return subprocess.run(
            [tool("ovs-appctl"), "-t", str(self.ctl), *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout

    def stop(self) -> None:
        """Stop by pid: SIGTERM, then SIGKILL if it lingers."""
        if self.stopped:
            return
        self.stopped = True
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def listening_ports(self) -> list[int]:
        text = self.log.read_text() if self.log.exists() else ""
        return [int(p) for p in _PORT_LINE.findall(text)]


def start_server(
    workdir: Path,
    name: str,
    db: Path,
    *,
    remotes: Sequence[str] = ("ptcp:0:127.0.0.1",),
    extra: Sequence[str] = (),
) -> Server:
    """Start ovsdb-server on ``db``; return once its sockets answer."""
    args = [
        tool("ovsdb-server"),
        "--no-chdir",
        f"--log-file={workdir / (name + '.log')}",
        f"--unixctl={workdir / (name + '.ctl')}",
        f"--remote=punix:{workdir / (name + '.sock')}",
        *(f"--remote={r}" for r in remotes),
        "-vconsole:off",
        "-vsyslog:off",
        "-vfile:info",
        *extra,
        str(db),
    ]
    out = (workdir / f"{name}.out").open("wb")
    # Same process group as pytest: a Ctrl-C reaches the servers too.
    proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    server = Server(name, workdir, proc)
    try:
        wait_for(
            lambda: proc.poll() is not None or _accepts(server.sock),
            f"{name} unix socket",
        )
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited: {(workdir / (name + '.out')).read_text()}")
        if any(r.startswith(("ptcp:0", "pssl:0")) for r in remotes):
            wait_for(server.listening_ports, f"{name} TCP port")
            server.port = server.listening_ports()[0]
    except BaseException:
        server.stop()
        raise
    return server


def _accepts(path: Path) -> bool:
    if not path.exists():
        return False
    with socket.socket(socket.AF_UNIX) as s:
        try:
            s.connect(str(path))
        except OSError:
            return False
    return True


def free_ports(n: int) -> list[int]:
    """Ports for Raft, which must be known before the servers start (small race accepted)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


@contextmanager
def workdir() -> Iterator[Path]:
    """A short directory: unix socket paths must fit in 107 bytes."""
    path = Path(tempfile.mkdtemp(prefix="ovsp-", dir="/tmp"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def standalone(schema: Path = NB_SCHEMA, **kwargs: object) -> Iterator[Server]:
    with workdir() as wd:
        db = wd / "sa.db"
        subprocess.run([tool("ovsdb-tool"), "create", str(db), str(schema)], check=True)
        server = start_server(wd, "sa", db, **kwargs)  # type: ignore[arg-type]
        try:
            yield server
        finally:
            server.stop()


@contextmanager
def cluster(n: int = 3, schema: Path = NB_SCHEMA) -> Iterator[list[Server]]:
    """A fresh ``n``-member cluster, every member connected."""
    with workdir() as wd:
        raft = [f"tcp:127.0.0.1:{p}" for p in free_ports(n)]
        files = [wd / f"s{i + 1}.db" for i in range(n)]
        ovsdb_tool = tool("ovsdb-tool")
        subprocess.run(
            [ovsdb_tool, "create-cluster", str(files[0]), str(schema), raft[0]], check=True
        )
        for i in range(1, n):
            subprocess.run(
                [ovsdb_tool, "join-cluster", str(files[i]), "OVN_Northbound", raft[i], *raft[:i]],
                check=True,
            )
        servers: list[Server] = []
        try:
            for i in range(n):
                servers.append(start_server(wd, f"s{i + 1}", files[i]))
                servers[-1].raft = raft[i]
            for s in servers:
                wait_for(partial(_settled, s), f"{s.name} to join the cluster", timeout=20)
            yield servers
        finally:
            for s in servers:
                s.stop()


def _settled(server: Server) -> bool:
    try:
        status = server.appctl("cluster/status", "OVN_Northbound")
    except subprocess.CalledProcessError:
        return False
    return (
        "Status: cluster member" in status and re.search(r"Leader: (?!unknown)", status) is not None
    )


def leader_of(servers: Sequence[Server]) -> Server:
    for s in servers:
        if not s.stopped and "Role: leader" in s.appctl("cluster/status", "OVN_Northbound"):
            return s
    raise RuntimeError("no leader")
