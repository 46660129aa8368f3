"""What changed in a live database since a backup, told by the rows' ``_version``.

``ovsdb-server`` gives a row a new random ``_version`` at every insert and change,
and new ones to every row when it restarts. An online backup records the version of
each row it read (the archive's row index, :mod:`..formats.row_index`). Selecting
only ``_uuid`` and ``_version`` now (about a tenth of the data) tells which rows are
unchanged since the backup: a row with the same version has the same contents. Only
the other rows are fetched, by UUID, and compared with just those rows of the backup.

This works on any server the backup was read from while it keeps running — a
standalone server too, which keeps no transaction history for
:mod:`.since` to use. When most versions differ (the server restarted, or it is not
the one the backup came from) the caller reads the whole database instead.
"""

from __future__ import annotations

from typing import Any

from ..formats.row_index import version_key
from ..model.database import Database
from ..protocol import OvsdbClient
from .since import Since, decode_row
from .sources import Source

# Above this share of differing rows, fetching them one by one costs more than
# reading everything in one select.
MAX_DIFFERING_SHARE = 0.25


async def changes_by_version(client: OvsdbClient, source: Source, name: str) -> Since | None:
    """The rows whose version differs from the backup's, or None to read everything."""
    index = source.row_index
    if index is None:
        return None
    schema = source.schema
    live_schema = await client.get_schema(name)
    if dict(live_schema.tables) != dict(schema.tables):
        return None  # a conversion gave every row a new version anyway
    tables = sorted(schema.tables)
    differing: dict[str, list[str]] = {t: [] for t in tables}
    present: dict[str, set[str]] = {t: set() for t in tables}

    def compare(op_index: int, rows: list[dict[str, Any]]) -> None:
        table = tables[op_index]
        backed_up, changed, seen = index.versions(table), differing[table], present[table]
        for row in rows:
            uuid = row["_uuid"][1]
            seen.add(uuid)
            entry = backed_up.get(uuid)
            if entry is None or entry[0] != version_key(row["_version"][1]):
                changed.append(uuid)

    versions = [
        {"op": "select", "table": t, "where": [], "columns": ["_uuid", "_version"]} for t in tables
    ]
    await client.transact_stream(name, versions, compare)
    # Rows of the backup the server no longer has.
    gone = {t: [u for u in index.versions(t) if u not in present[t]] for t in tables}
    total = sum(len(rows) for rows in index.tables.values())
    count = sum(len(differing[t]) + len(gone[t]) for t in tables)
    if count > MAX_DIFFERING_SHARE * max(total, 1):
        return None
    live, live_versions = await _fetch(client, name, source, differing)
    backup = Database(live.schema, live.codecs)
    for table in tables:
        wanted = differing[table] + gone[table]
        if wanted:
            backup.tables[table] = source.rows(table, wanted)
    return Since(live, backup, None, live_versions)


async def _fetch(
    client: OvsdbClient, name: str, source: Source, uuids: dict[str, list[str]]
) -> tuple[Database, dict[str, dict[str, str]]]:
    """The live rows ``uuids`` (one select by ``_uuid`` each: the server looks them up),
    and their ``_version`` as read with them (the restore's guards wait on it)."""
    live = Database(source.schema)
    versions: dict[str, dict[str, str]] = {t: {} for t in uuids}
    schema = source.schema
    ops: list[dict[str, Any]] = []
    tables: list[str] = []
    for table, wanted in uuids.items():
        columns = ["_uuid", "_version", *schema.persistent_columns(table)]
        for uuid in wanted:
            where = [["_uuid", "==", ["uuid", uuid]]]
            ops.append({"op": "select", "table": table, "where": where, "columns": columns})
            tables.append(table)
    if not ops:
        return live, versions

    def keep(op_index: int, rows: list[dict[str, Any]]) -> None:
        table = tables[op_index]
        codecs, held, seen = live.codecs.columns[table], live.tables[table], versions[table]
        for row in rows:
            uuid = row.pop("_uuid")[1]
            seen[uuid] = row.pop("_version")[1]
            held[uuid] = decode_row(codecs, row)

    await client.transact_stream(name, ops, keep)
    return live, versions
