"""The ``ovsdb-backup sandbox``: a disposable OVN control plane to try the tool on.

A sandbox directory holds a 3-member NB cluster (``nb/``) and a standalone SB
server (``sb/``) with sample data, plus ``sandbox.json`` recording every pid with
its kernel start time. The servers run in their own session and outlive the
command that started them; ``stop`` signals exactly the recorded pids, and only
after checking each is still the ``ovsdb-server`` we started.
"""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..errors import InputError, OutputError, ToolError
from . import process
from .cluster import MemberStatus, create_cluster
from .sample import populate_nb, populate_sb
from .server import OvsdbServer
from .servers import start_standalone
from .tools import find_schema

STATE_FILE = "sandbox.json"
MARKER_FILE = ".ovsdb-backup-sandbox"
STATE_FORMAT = 1
_SUBDIRS = ("nb", "sb")


def default_directory() -> Path:
    """``$XDG_RUNTIME_DIR/ovsdb-backup-sandbox``, else ``/tmp/ovsdb-backup-sandbox-<uid>``."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return Path(runtime) / "ovsdb-backup-sandbox"
    return Path("/tmp") / f"ovsdb-backup-sandbox-{os.getuid()}"


@dataclass(frozen=True)
class SandboxDatabase:
    """One database of the sandbox and the servers that serve it."""

    db_name: str
    model: str  # clustered | standalone
    servers: tuple[OvsdbServer, ...]
    cid: str | None = None

    @property
    def remote(self) -> str:
        """Unix remotes of every server, comma-separated (clients find the leader)."""
        return ",".join(s.remote for s in self.servers)

    @property
    def tcp_remote(self) -> str:
        return ",".join(s.tcp_remote for s in self.servers if s.tcp_port is not None)

    def to_json(self) -> dict[str, Any]:
        return {
            "db_name": self.db_name,
            "model": self.model,
            "cid": self.cid,
            "remote": self.remote,
            "tcp_remote": self.tcp_remote,
            "servers": [s.to_json() for s in self.servers],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SandboxDatabase:
        servers = tuple(OvsdbServer.from_json(s) for s in data["servers"])
        return cls(str(data["db_name"]), str(data["model"]), servers, data.get("cid"))


@dataclass(frozen=True)
class SandboxState:
    """What ``sandbox.json`` records."""

    directory: Path
    created: str
    databases: tuple[SandboxDatabase, ...]

    @property
    def state_file(self) -> Path:
        return self.directory / STATE_FILE

    def servers(self) -> Iterator[tuple[SandboxDatabase, OvsdbServer]]:
        for database in self.databases:
            for server in database.servers:
                yield database, server

    def to_json(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "directory": str(self.directory),
            "state_file": str(self.state_file),
            "created": self.created,
            "databases": [d.to_json() for d in self.databases],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SandboxState:
        if data.get("format") != STATE_FORMAT:
            raise InputError(f"unsupported sandbox state format {data.get('format')!r}")
        databases = tuple(SandboxDatabase.from_json(d) for d in data["databases"])
        return cls(Path(data["directory"]), str(data["created"]), databases)


def load_state(directory: Path) -> SandboxState | None:
    """The state recorded in ``directory``, or None when there is no sandbox there."""
    path = directory / STATE_FILE
    try:
        data = orjson.loads(path.read_bytes())
        return SandboxState.from_json(data)
    except FileNotFoundError:
        return None
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: not a valid sandbox state file: {exc}") from None


def _write_state(state: SandboxState) -> None:
    # Write-then-rename so a crash never leaves a half state file that would hide pids.
    tmp = state.state_file.with_suffix(".json.tmp")
    tmp.write_bytes(orjson.dumps(state.to_json(), option=orjson.OPT_INDENT_2) + b"\n")
    os.replace(tmp, state.state_file)


def start_sandbox(
    directory: Path | None = None, *, seed: int = 0, scale: int = 1, nb_members: int = 3
) -> SandboxState:
    """Start the NB cluster and SB server with sample data; record them in the state file."""
    directory = (directory or default_directory()).resolve()
    _prepare_directory(directory)
    started: list[OvsdbServer] = []
    try:
        cluster = create_cluster(
            directory / "nb", find_schema("nb"), n=nb_members, name="nb", detach=True
        )
        started += cluster.servers
        populate_nb(cluster.remotes(), seed=seed, scale=scale)
        sb = start_standalone(directory / "sb", find_schema("sb"), name="sb", detach=True)
        started.append(sb)
        populate_sb(sb.remote, seed=seed, scale=scale)
        state = SandboxState(
            directory,
            datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            (
                SandboxDatabase(cluster.db_name, "clustered", tuple(cluster.servers), cluster.cid),
                SandboxDatabase("OVN_Southbound", "standalone", (sb,)),
            ),
        )
        _write_state(state)
    except BaseException:
        for server in started:
            server.stop()
        raise
    return state


def _prepare_directory(directory: Path) -> None:
    """Refuse a running sandbox or a foreign directory; clear a stopped sandbox's files."""
    # The default lives in shared /tmp: never build on a path another user planted.
    if directory.is_symlink() or (directory.exists() and directory.stat().st_uid != os.getuid()):
        raise OutputError(f"{directory} is a symlink or belongs to another user; not using it")
    state = load_state(directory) if directory.exists() else None
    if state is not None and any(_alive(s) for _, s in state.servers()):
        raise OutputError(
            f"a sandbox is already running in {directory}",
            hint=f"stop it first: ovsdb-backup sandbox stop --dir {directory}",
        )
    marker = directory / MARKER_FILE
    if directory.exists() and any(directory.iterdir()) and not marker.exists():
        raise OutputError(
            f"{directory} is not empty and was not created by 'ovsdb-backup sandbox'",
            hint="choose an empty or new directory with --dir",
        )
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    _remove_sandbox_files(directory)
    marker.write_text("created by ovsdb-backup sandbox; 'sandbox stop --purge' deletes it\n")


def _remove_sandbox_files(directory: Path) -> None:
    # Only the names the sandbox itself creates: never a blanket rmtree of a user path.
    for name in _SUBDIRS:
        shutil.rmtree(directory / name, ignore_errors=True)
    (directory / STATE_FILE).unlink(missing_ok=True)


def _alive(server: OvsdbServer) -> bool:
    return process.is_ovsdb_server(server.pid, server.start_time)


@dataclass(frozen=True)
class ServerReport:
    """One recorded server after ``stop`` or during ``status``."""

    db_name: str
    name: str
    pid: int
    state: str  # running | paused | stopped | not-running | foreign
    role: str | None = None
    remote: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def stop_sandbox(directory: Path | None = None, *, purge: bool = False) -> list[ServerReport]:
    """Stop exactly the recorded servers; remove the state (and with ``purge`` the data).

    A recorded pid that now belongs to another process (pid reuse after a reboot
    or crash) is reported as ``foreign`` and left alone.
    """
    directory = (directory or default_directory()).resolve()
    state = load_state(directory)
    reports: list[ServerReport] = []
    if state is not None:
        for database, server in state.servers():
            reports.append(_stop_one(database.db_name, server))
        (directory / STATE_FILE).unlink(missing_ok=True)
    if purge and (directory / MARKER_FILE).exists():
        _remove_sandbox_files(directory)
        (directory / MARKER_FILE).unlink(missing_ok=True)
        if not any(directory.iterdir()):
            directory.rmdir()
    return reports


def _stop_one(db_name: str, server: OvsdbServer) -> ServerReport:
    if _alive(server):
        server.stop()
        state = "not-running" if server.is_running() else "stopped"
    elif process.is_alive(server.pid):
        state = "foreign"
    else:
        server.stop()  # only removes leftover sockets/short dirs; the pid is gone
        state = "not-running"
    return ServerReport(db_name, server.name, server.pid, state)


def sandbox_status(
    directory: Path | None = None,
) -> tuple[SandboxState | None, list[ServerReport]]:
    """The recorded state (None if there is no sandbox) and what each server does now."""
    directory = (directory or default_directory()).resolve()
    state = load_state(directory)
    if state is None:
        return None, []
    return state, [_status_one(db, server) for db, server in state.servers()]


def _status_one(database: SandboxDatabase, server: OvsdbServer) -> ServerReport:
    if not _alive(server):
        state = "foreign" if process.is_alive(server.pid) else "not-running"
        return ServerReport(database.db_name, server.name, server.pid, state)
    if process.is_stopped(server.pid):
        return ServerReport(
            database.db_name, server.name, server.pid, "paused", None, server.remote
        )
    role = "standalone"
    if database.model == "clustered":
        try:
            member = MemberStatus.parse(
                server.appctl("cluster/status", database.db_name, timeout=3)
            )
            role = member.role if member.status == "cluster member" else member.status
        except ToolError:
            role = "unknown"
    return ServerReport(database.db_name, server.name, server.pid, "running", role, server.remote)
