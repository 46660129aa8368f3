"""Raft clusters of real ``ovsdb-server`` processes on loopback.

Raft addresses are written into the member files before any server runs, so the
ports must be chosen up front (:func:`free_loopback_ports`). Another process can
take such a port before the server binds it; ovsdb-server then does not exit but
logs ``listen failed (Address already in use)`` and retries forever, so we look
for that line and rebuild the cluster on new ports.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ToolError
from . import server as srv
from .server import OvsdbServer
from .tools import find_tools, free_loopback_ports, is_db_file, run_tool

PORT_ATTEMPTS = 4
CLUSTER_TIMEOUT = 30.0
_PORT_IN_USE = "listen failed (Address already in use)"


class _PortTaken(ToolError):
    """A Raft port was taken between choosing it and the server binding it."""


@dataclass(frozen=True)
class MemberStatus:
    """The parts of ``cluster/status`` the fixtures need (see reference §4)."""

    status: str  # "cluster member", "joining cluster", …
    role: str  # leader | candidate | follower
    term: int
    leader: str  # "self", a nickname, or "unknown"
    address: str

    @classmethod
    def parse(cls, text: str) -> MemberStatus:
        fields: dict[str, str] = {}
        for line in text.splitlines():
            key, sep, value = line.partition(": ")
            if sep and not line.startswith(" "):
                fields.setdefault(key, value.strip())
        term = fields.get("Term", "0")
        return cls(
            status=fields.get("Status", ""),
            role=fields.get("Role", ""),
            term=int(term) if term.isdigit() else 0,
            leader=fields.get("Leader", "unknown"),
            address=fields.get("Address", ""),
        )

    @property
    def settled(self) -> bool:
        """A joined member that knows who leads (what ``_Server`` calls connected)."""
        return self.status == "cluster member" and self.leader != "unknown"


@dataclass
class Cluster:
    """The members of one clustered database, in member-file order."""

    name: str
    db_name: str
    workdir: Path
    servers: list[OvsdbServer]
    _cid: str | None = field(default=None, repr=False)

    @property
    def member_files(self) -> list[Path]:
        return [s.db_paths[0] for s in self.servers]

    @property
    def cid(self) -> str:
        """The cluster ID, from a running member (or the first file if none runs)."""
        if self._cid is None:
            self._cid = self._read_cid()
        return self._cid

    def _read_cid(self) -> str:
        for server in self.running():
            try:
                return server.appctl("cluster/cid", self.db_name, timeout=5).strip()
            except ToolError:
                continue
        return run_tool([find_tools().ovsdb_tool, "db-cid", str(self.member_files[0])]).strip()

    def running(self) -> list[OvsdbServer]:
        """Members that run and are not paused (paused ones would hang ``ovs-appctl``)."""
        return [s for s in self.servers if s.is_running() and not s.paused]

    def status(self, server: OvsdbServer, *, timeout: float = 5.0) -> str:
        """Raw ``cluster/status`` text of one member."""
        return server.appctl("cluster/status", self.db_name, timeout=timeout)

    def member_status(self, server: OvsdbServer) -> MemberStatus:
        return MemberStatus.parse(self.status(server))

    def remotes(self, *, tcp: bool = False) -> str:
        """Comma-separated client remotes of all members (clients pick the leader)."""
        return ",".join(s.tcp_remote if tcp else s.remote for s in self.servers)

    def leader(self) -> OvsdbServer | None:
        """The member that reports ``Role: leader`` in the highest term, if any."""
        best: tuple[int, OvsdbServer] | None = None
        for server in self.running():
            try:
                member = self.member_status(server)
            except ToolError:
                continue
            if member.role == "leader" and (best is None or member.term > best[0]):
                best = (member.term, server)
        return best[1] if best else None

    def wait_for_leader(
        self, timeout: float = CLUSTER_TIMEOUT, *, exclude: Sequence[OvsdbServer] = ()
    ) -> OvsdbServer:
        deadline = time.monotonic() + timeout
        while True:
            leader = self.leader()
            if leader is not None and all(leader is not s for s in exclude):
                return leader
            if time.monotonic() >= deadline:
                raise ToolError(f"{self.name}: no leader after {timeout:g} s")
            time.sleep(0.05)

    def wait_until_settled(self, timeout: float = CLUSTER_TIMEOUT) -> OvsdbServer:
        """Wait until every running member has joined and follows one leader."""
        deadline = time.monotonic() + timeout
        while True:
            self._check_members()
            leader = self._settled_leader()
            if leader is not None:
                return leader
            if time.monotonic() >= deadline:
                details = "\n".join(s.diagnostics(6) for s in self.servers)
                raise ToolError(f"{self.name}: cluster not settled after {timeout:g} s\n{details}")
            time.sleep(0.05)

    def _check_members(self) -> None:
        for server in self.servers:
            server.check_alive()
            if _PORT_IN_USE in server.log_text():
                raise _PortTaken(f"{server.name}: raft address {server.raft_address} is taken")

    def _settled_leader(self) -> OvsdbServer | None:
        leader: OvsdbServer | None = None
        for server in self.running():
            try:
                member = self.member_status(server)
            except ToolError:
                return None
            if not member.settled:
                return None
            if member.role == "leader":
                leader = server
        return leader

    def stop_all(self, timeout: float = 10.0) -> None:
        for server in self.servers:
            server.stop(timeout)


def db_name_of(source: Path) -> str:
    """Database name of a schema or a database file (standalone or clustered)."""
    tool = find_tools().ovsdb_tool
    command = "db-name" if is_db_file(source) else "schema-name"
    return run_tool([tool, command, str(source)]).strip()


def start_cluster_from_files(
    workdir: Path,
    files: Sequence[Path],
    addresses: Sequence[str] | None = None,
    *,
    name: str = "cluster",
    tcp: bool = True,
    detach: bool = False,
    timeout: float = CLUSTER_TIMEOUT,
) -> Cluster:
    """Start one server per existing member file and wait until the cluster settles.

    ``addresses`` are the members' Raft addresses; when omitted they are read from
    the files (``ovsdb-tool db-local-address``). Files are served in place.
    """
    workdir = Path(workdir).resolve()
    paths = [Path(f).resolve() for f in files]
    tool = find_tools().ovsdb_tool
    if addresses is None:
        addresses = [run_tool([tool, "db-local-address", str(p)]).strip() for p in paths]
    db_name = db_name_of(paths[0])
    members: list[OvsdbServer] = []
    cluster = Cluster(name, db_name, workdir, members)
    try:
        for i, (path, address) in enumerate(zip(paths, addresses, strict=True), start=1):
            members.append(
                srv.spawn(
                    workdir,
                    f"{name}-s{i}",
                    [path],
                    kind="clustered",
                    db_paths=[path],
                    tcp=tcp,
                    detach=detach,
                    raft_address=address,
                )
            )
        cluster.wait_until_settled(timeout)
    except BaseException:
        cluster.stop_all()
        raise
    return cluster


def create_cluster(
    workdir: Path,
    schema_or_standalone_db: Path,
    *,
    n: int = 3,
    name: str = "cluster",
    election_timer_ms: int | None = None,
    tcp: bool = True,
    detach: bool = False,
    timeout: float = CLUSTER_TIMEOUT,
) -> Cluster:
    """Create an ``n``-member cluster (``create-cluster`` + ``join-cluster``) and start it.

    Returns once a leader is elected and every member has joined. A standalone
    database as the source keeps its rows and their UUIDs.
    """
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    source = Path(schema_or_standalone_db).resolve()
    db_name = db_name_of(source)
    for attempt in range(1, PORT_ATTEMPTS + 1):
        addresses = [f"tcp:127.0.0.1:{port}" for port in free_loopback_ports(n)]
        files = [workdir / f"{name}-s{i}.db" for i in range(1, n + 1)]
        _create_member_files(files, source, db_name, addresses, election_timer_ms)
        try:
            return start_cluster_from_files(
                workdir, files, addresses, name=name, tcp=tcp, detach=detach, timeout=timeout
            )
        except _PortTaken:
            if attempt == PORT_ATTEMPTS:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _create_member_files(
    files: Sequence[Path],
    source: Path,
    db_name: str,
    addresses: Sequence[str],
    election_timer_ms: int | None,
) -> None:
    tool = find_tools().ovsdb_tool
    for path in files:
        path.unlink(missing_ok=True)  # a previous attempt's file (ports changed)
    timer = [f"--election-timer={election_timer_ms}"] if election_timer_ms else []
    run_tool([tool, *timer, "create-cluster", str(files[0]), str(source), addresses[0]])
    for path, address in zip(files[1:], addresses[1:], strict=True):
        # Joining through the first member is enough: it is the only member so far.
        run_tool([tool, "join-cluster", str(path), db_name, address, addresses[0]])
