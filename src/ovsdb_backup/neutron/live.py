"""The live NB: choosing the server, reading it whole, and sending one transaction.

The server is chosen through ``_Server.Database`` (:func:`ovsdb_backup.protocol.choose_server`):
a sync writes only to the leader of a cluster (a follower would forward the transaction,
but a member that lost quorum must never be the one whose contents we diff against); a
read-only audit may fall back to a follower or relay that is connected.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.database import Database
from ..ops.sources import read_live
from ..protocol import OvsdbClient, RolePolicy, TlsFiles, choose_server, parse_remotes
from ..protocol.remotes import Remote

NB_DB = "OVN_Northbound"


@dataclass(frozen=True)
class ChosenServer:
    remote: Remote
    model: str  # standalone, clustered, relay, active-backup
    leader: bool
    rejected: tuple[str, ...] = ()  # why other remotes of the list were not used


async def choose(
    remotes: str, role: RolePolicy, *, tls: TlsFiles | None = None, timeout: float = 5.0
) -> ChosenServer:
    """The server to use among ``remotes`` (a comma list, as ovn-nbctl takes it)."""
    choice = await choose_server(parse_remotes(remotes), NB_DB, role=role, tls=tls, timeout=timeout)
    chosen = choice.require()
    assert chosen.row is not None
    return ChosenServer(
        chosen.remote,
        chosen.row.model,
        chosen.row.leader,
        tuple(str(r) for r in choice.rejected),
    )


async def read_nb(client: OvsdbClient) -> Database:
    """Every row of every table in one transaction (an atomic snapshot)."""
    return await read_live(client, NB_DB)


async def read_nb_from(
    remotes: str, role: RolePolicy, *, tls: TlsFiles | None = None
) -> tuple[ChosenServer, Database]:
    server = await choose(remotes, role, tls=tls)
    async with OvsdbClient(server.remote, tls=tls) as client:
        return server, await read_nb(client)
