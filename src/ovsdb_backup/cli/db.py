"""``ovsdb-backup db …``: offline tools for database files."""

from __future__ import annotations

import click


@click.group()
def db() -> None:
    """Offline tools for OVSDB database files (standalone and clustered).

    These commands read files directly; they never contact a server and never
    modify an input file in place.
    """
