"""Finding the Open vSwitch / OVN programs and running them with useful errors.

Everything in ``sandbox/`` drives the real reference tools (``ovsdb-server``,
``ovsdb-tool``, ``ovsdb-client``, ``ovs-appctl``, ``ovn-nbctl``, ``ovn-sbctl``)
rather than our own protocol client: test fixtures built on them stay an
independent oracle for the code under test.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import ToolError

# /usr/sbin is often missing from a non-root PATH, yet that is where Debian puts ovsdb-server.
_EXTRA_BIN_DIRS = ("/usr/sbin", "/usr/local/sbin", "/usr/local/bin", "/usr/bin")
_SCHEMA_DIRS = (
    "/usr/share/ovn",
    "/usr/local/share/ovn",
    "/usr/share/openvswitch",
    "/usr/local/share/openvswitch",
)
SCHEMAS = {"nb": "ovn-nb.ovsschema", "sb": "ovn-sb.ovsschema", "vswitch": "vswitch.ovsschema"}
INSTALL_HINT = (
    "install Open vSwitch and OVN (Debian/Ubuntu: apt-get install openvswitch-switch "
    "openvswitch-common ovn-central ovn-host)"
)
DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class OvsTools:
    """Absolute paths of the programs the sandbox runs."""

    ovsdb_server: str
    ovsdb_tool: str
    ovsdb_client: str
    ovs_appctl: str
    ovn_nbctl: str
    ovn_sbctl: str


def _which(name: str) -> str | None:
    path = os.environ.get("PATH", "") + os.pathsep + os.pathsep.join(_EXTRA_BIN_DIRS)
    return shutil.which(name, path=path)


@cache
def find_tools() -> OvsTools:
    """Locate every program; raise :class:`ToolError` naming all that are missing."""
    names = ("ovsdb-server", "ovsdb-tool", "ovsdb-client", "ovs-appctl", "ovn-nbctl", "ovn-sbctl")
    found = {name: _which(name) for name in names}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        raise ToolError(
            f"Open vSwitch/OVN programs not found: {', '.join(missing)}", hint=INSTALL_HINT
        )
    paths = [p for p in found.values() if p is not None]
    return OvsTools(*paths)


def find_schema(kind: str) -> Path:
    """Path of an installed schema: ``nb``, ``sb`` or ``vswitch``."""
    filename = SCHEMAS[kind]
    for directory in _SCHEMA_DIRS:
        candidate = Path(directory) / filename
        if candidate.is_file():
            return candidate
    raise ToolError(f"schema {filename} not found in {', '.join(_SCHEMA_DIRS)}", hint=INSTALL_HINT)


def tool_env(run_dir: Path | None = None) -> dict[str, str]:
    """Environment for OVS programs: no inherited daemon/db settings, private run dirs.

    ``OVN_NB_DAEMON`` would silently route ovn-nbctl through someone else's daemon and
    ``OVN_NB_DB``/``OVN_SB_DB`` change its default target; ``OVS_RUNDIR`` & co keep any
    default pid/ctl file out of /var/run/openvswitch (which belongs to the host).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OVN_", "OVS_"))}
    if run_dir is not None:
        for var in ("OVS_RUNDIR", "OVS_LOGDIR", "OVS_DBDIR"):
            env[var] = str(run_dir)
    return env


def run_tool(
    argv: Sequence[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    cwd: Path | None = None,
    input_text: str | None = None,
    env: Mapping[str, str] | None = None,
    what: str | None = None,
) -> str:
    """Run one program to completion and return its stdout.

    A non-zero exit or a timeout raises :class:`ToolError` whose message includes the
    program's stderr, so a failing fixture says *why* (e.g. "database connection failed").
    """
    command = tuple(str(a) for a in argv)
    label = what or os.path.basename(command[0])
    try:
        proc = subprocess.run(
            command,
            input=input_text,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=cwd,
            env=dict(env) if env is not None else tool_env(),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        stderr = _text(exc.stderr)
        raise ToolError(
            f"{label}: no answer within {timeout:g} s: {' '.join(command)}",
            command=command,
            stderr=stderr,
        ) from None
    except OSError as exc:
        raise ToolError(f"{label}: cannot run {command[0]}: {exc.strerror}", command=command)
    if proc.returncode != 0:
        detail = proc.stderr.strip() or proc.stdout.strip() or "(no output)"
        raise ToolError(
            f"{label} failed (exit {proc.returncode}): {detail}",
            command=command,
            returncode=proc.returncode,
            stderr=proc.stderr,
        )
    return proc.stdout


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data.decode(errors="replace") if isinstance(data, bytes) else data


def free_loopback_ports(count: int) -> list[int]:
    """Ports that were free on 127.0.0.1 a moment ago (the kernel picks them).

    All sockets are held open until every port is chosen so the kernel cannot hand
    out the same port twice; another process may still take one before the server
    binds it, so callers must detect "Address already in use" and retry.
    """
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for sock in sockets:
            sock.close()


def is_db_file(path: Path) -> bool:
    """True for an OVSDB database file (either format), False for a schema."""
    with open(path, "rb") as f:
        return f.read(6) == b"OVSDB "
