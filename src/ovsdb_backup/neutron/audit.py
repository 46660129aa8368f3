"""Read-only audit: Neutron DB vs an NB (a live server or a database file) → a plan."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from ..formats.dbfile import open_db_file
from ..formats.standalone import replay_standalone
from ..model.database import Database
from . import plan as planning
from . import source
from .releases import Profile
from .translate import Hints, SyncConfig, translate
from .view import build_view

NB_DB = "OVN_Northbound"


@dataclass(frozen=True)
class AuditResult:
    plan: planning.Plan
    profile: Profile
    nb_rows: int
    desired_rows: int


def read_nb_file(path: str) -> Database:
    with open_db_file(path) as f:
        return replay_standalone(f.buf, path=path).db


async def _read_nb_live(remote: str) -> Database:
    from ..protocol import OvsdbClient, parse_remote

    async with OvsdbClient(parse_remote(remote)) as client:
        schema = await client.get_schema(NB_DB)
        ops = [{"op": "select", "table": t, "where": []} for t in schema.tables]
        result = await client.transact(NB_DB, ops)
    db = Database(schema)
    txn: dict[str, Any] = {}
    for table, reply in zip(schema.tables, result, strict=True):
        rows = {}
        for row in reply.get("rows", []):
            uuid = row.pop("_uuid")[1]
            row.pop("_version", None)
            rows[uuid] = row
        if rows:
            txn[table] = rows
    db.apply_txn(txn)
    return db


def read_nb_live(remote: str) -> Database:
    return asyncio.run(_read_nb_live(remote))


def audit(
    rows: source.NeutronRows,
    nb: Database,
    config: SyncConfig,
    release_override: str | None = None,
) -> AuditResult:
    """Pure apart from nothing: the plan that would make ``nb`` match Neutron."""
    profile = source.choose_profile(rows, release_override)
    keys = planning.existing_keys(nb)
    hints = Hints(
        server_macs=planning.server_macs(nb, keys),
        gateway_chassis=planning.gateway_chassis(nb),
    )
    desired = translate(build_view(rows), profile, config, hints)
    return AuditResult(
        plan=planning.make_plan(desired, nb),
        profile=profile,
        nb_rows=nb.total_rows(),
        desired_rows=desired.count(),
    )
