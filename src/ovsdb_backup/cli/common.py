"""Options and formatting shared by the commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import UsageError

if TYPE_CHECKING:
    from ..protocol import TlsFiles

JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
NO_PROGRESS = click.option("--no-progress", is_flag=True, help="Never show a progress bar.")


def tls_options(f: Any) -> Any:
    """``-p/-c/-C``: the PEM files for ``ssl:`` remotes, as ``ovsdb-client`` takes them."""
    for option in reversed(
        [
            click.option(
                "-p",
                "--private-key",
                type=click.Path(exists=True, dir_okay=False),
                help="Client private key (PEM) for ssl: remotes.",
            ),
            click.option(
                "-c",
                "--certificate",
                type=click.Path(exists=True, dir_okay=False),
                help="Client certificate (PEM) for ssl: remotes.",
            ),
            click.option(
                "-C",
                "--ca-cert",
                type=click.Path(exists=True, dir_okay=False),
                help="CA certificate (PEM) the servers' certificates must be signed by.",
            ),
        ]
    ):
        f = option(f)
    return f


def tls_files(
    private_key: str | None, certificate: str | None, ca_cert: str | None
) -> TlsFiles | None:
    from ..protocol import TlsFiles

    if not (private_key or certificate or ca_cert):
        return None
    if not (private_key and certificate and ca_cert):
        raise UsageError("ssl: needs all of --private-key, --certificate and --ca-cert")
    return TlsFiles(Path(private_key), Path(certificate), Path(ca_cert))


def fmt_bytes(n: int | None) -> str:
    if n is None:
        return "-"
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return str(n)
