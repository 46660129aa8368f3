"""What changed in a live database since a backup, without reading all of it.

A backup records the id of the last transaction it contains (``last_txn_id``;
``exact`` when nothing was committed while it was taken). Clustered servers
(and relays) keep a history of recent transactions: ``monitor_cond_since`` from
that id answers with only the rows changed since, as inserts, deletes and
element-wise diffs against the backup's state. Applying those to the backup's
rows gives their live values, so a restore can compare and fix exactly those
rows — reading a few rows instead of the whole database. When the server no
longer has the id (its history is short: about 100 transactions) the caller
falls back to reading everything.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from ..model.database import Database
from ..protocol import OvsdbClient
from .sources import Source

_HISTORY_MODELS = ("clustered", "relay")


@dataclass
class Since:
    """The rows that changed since the backup: their live values and the backup's."""

    live: Database  # only the changed rows, as they are now
    backup: Database  # the same rows as the backup holds them
    last_txn_id: str | None  # the live transaction the comparison is up to, if known
    # The live rows' _version as read with them (table -> uuid -> version), if known.
    versions: dict[str, dict[str, str]] | None = None


def usable(source: Source, model: str, cid: str | None) -> str | None:
    """The backup's transaction id if the fast path applies to this server, else None."""
    facts = source.facts
    txn_id = facts.get("last_txn_id")
    if not txn_id or facts.get("exact") is not True or model not in _HISTORY_MODELS:
        return None
    if model == "clustered" and facts.get("cid") not in (None, cid):
        return None  # another cluster: the id means nothing there
    return str(txn_id)


async def changes_since(
    client: OvsdbClient, source: Source, name: str, txn_id: str
) -> Since | None:
    """The changed rows since ``txn_id``, or None if the server's history lacks it."""
    schema = source.schema
    live_schema = await client.get_schema(name)
    if dict(live_schema.tables) != dict(schema.tables):
        return None  # a conversion happened: compare everything
    # Ask first with a condition that matches nothing: the answer says whether the id
    # is known without sending any rows (when it is not, the server would send them all).
    probe = f"ovsdb-backup-probe-{uuid.uuid4()}"
    first = sorted(schema.tables)[0]
    reply = await client.monitor_cond_since(
        name, probe, {first: [{"columns": [], "where": [False]}]}, txn_id
    )
    await client.monitor_cancel(probe)
    if not reply.found:
        return None
    monitor = f"ovsdb-backup-since-{uuid.uuid4()}"
    requests = {t: [{"columns": schema.persistent_columns(t)}] for t in sorted(schema.tables)}
    reply = await client.monitor_cond_since(name, monitor, requests, txn_id)
    await client.monitor_cancel(monitor)
    if not reply.found:
        return None
    return _apply_updates(source, reply.updates, reply.last_id)


def _apply_updates(source: Source, updates: dict[str, Any], last_id: str) -> Since:
    live = Database(source.schema)
    before = Database(live.schema, live.codecs)
    for table, rows in updates.items():
        codecs = live.codecs.columns[table]
        held = source.rows(table, rows)  # only the rows the changes touch are decoded
        for row_uuid, change in rows.items():
            old = held.get(row_uuid)
            if old is not None:
                before.tables[table][row_uuid] = old
            current = _current(codecs, old, change)
            if current is not None:
                live.tables[table][row_uuid] = current
    return Since(live, before, last_id)


def _current(codecs: dict[str, Any], old: dict[str, Any] | None, change: dict[str, Any]) -> Any:
    """A row's live value from its backup value and an update2-style change."""
    if "delete" in change:
        return None
    full = change.get("insert", change.get("initial"))
    if full is not None:
        return decode_row(codecs, full)
    row = {c: codecs[c].copy(v) for c, v in (old or {}).items()}
    for column, value in change.get("modify", {}).items():
        codec = codecs[column]
        if codec.type.is_composite:
            current = row[column] if column in row else codec.default()
            new = codec.apply_diff(current, codec.decode_diff(value))
        else:
            new = codec.decode(value)
        if codec.is_default(new):
            row.pop(column, None)
        else:
            row[column] = new
    return row


def decode_row(codecs: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """A row as the server sends it, decoded; columns at their default left out."""
    out = {}
    for column, value in row.items():
        codec = codecs.get(column)
        if codec is None:
            continue
        decoded = codec.decode(value)
        if not codec.is_default(decoded):
            out[column] = decoded
    return out
