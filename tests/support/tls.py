"""Certificates made by the real ``ovs-pki``, and servers listening with TLS."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

from ovsdb_backup.protocol import TlsFiles
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_standalone


def make_pki(root: Path) -> Path:
    """ovs-pki's two CAs (switchca, controllerca) and certificates signed by each:
    ``server`` and ``client`` by switchca, ``stranger`` by controllerca."""
    root.mkdir(parents=True, exist_ok=True)

    def run(*args: str) -> None:
        subprocess.run(
            [shutil.which("ovs-pki") or "/usr/bin/ovs-pki", f"--dir={root / 'ca'}", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )

    run("init")
    run("req+sign", "server", "switch")
    run("req+sign", "client", "switch")
    run("req+sign", "stranger", "controller")
    return root


def tls_files(pki: Path, who: str, ca: str) -> TlsFiles:
    return TlsFiles(
        private_key=pki / f"{who}-privkey.pem",
        certificate=pki / f"{who}-cert.pem",
        ca_cert=pki / "ca" / ca / "cacert.pem",
    )


def logged_port(server: OvsdbServer, timeout: float = 10.0) -> int:
    """The port of a listener the fixture did not create itself (``db:`` or ``pssl:`` remote)."""
    deadline = time.monotonic() + timeout
    while True:
        found = re.findall(r"listening on port (\d+)", server.log_text())
        if found:
            return int(found[-1])
        if time.monotonic() > deadline:
            raise TimeoutError(f"{server.name}: no 'listening on port' in its log")
        time.sleep(0.02)


def start_ssl_server(workdir: Path, db_or_schema: Path, pki: Path) -> OvsdbServer:
    """A standalone server with a ``pssl:`` listener on loopback (certificates by switchca)."""
    server_tls = tls_files(pki, "server", "switchca")
    server = start_standalone(
        workdir,
        db_or_schema,
        name="nb",
        tcp=False,
        extra_args=[
            "--remote=pssl:0:127.0.0.1",
            f"--private-key={server_tls.private_key}",
            f"--certificate={server_tls.certificate}",
            f"--ca-cert={server_tls.ca_cert}",
        ],
    )
    server.tcp_port = logged_port(server)
    return server
