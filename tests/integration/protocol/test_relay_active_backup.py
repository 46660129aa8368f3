"""Server choice in front of a relay and an active-backup pair (shared sandbox fixtures)."""

from __future__ import annotations

import asyncio

from ovsdb_backup.protocol.remotes import parse_remotes
from ovsdb_backup.protocol.selection import RolePolicy, choose_server
from tests.support.servers import ActiveBackup, RelaySetup

DB = "OVN_Northbound"


def test_relay_is_a_follower_for_the_choice(relay_nb: RelaySetup):
    async def body() -> None:
        both = parse_remotes(f"{relay_nb.relay.remote},{relay_nb.source.remote}")
        leader_only = await choose_server(both, DB)
        assert str(leader_only.require().remote) == relay_nb.source.remote
        (rejection,) = leader_only.rejected
        assert rejection.reason == "is a relay, not the leader (allow followers to use it)"

        spare = await choose_server(both, DB, role=RolePolicy.PREFER_FOLLOWER)
        chosen = spare.require()
        assert str(chosen.remote) == relay_nb.relay.remote
        assert chosen.row is not None
        assert (chosen.row.model, chosen.row.leader, chosen.row.index) == ("relay", False, None)

    asyncio.run(body())


def test_active_backup_pair_looks_like_two_leaders(active_backup_nb: ActiveBackup):
    """``_Server`` cannot tell the read-only backup of an active-backup pair from the
    active server (both say standalone, leader, connected), so the order of the remotes
    decides. Telling them apart needs the control socket (``ovsdb-server/sync-status``)."""

    async def body() -> None:
        active, backup = active_backup_nb
        for first, second in ((backup, active), (active, backup)):
            choice = await choose_server(parse_remotes(f"{first.remote},{second.remote}"), DB)
            assert str(choice.require().remote) == first.remote
            assert not choice.rejected
            assert choice.require().row is not None
            assert getattr(choice.require().row, "model", None) == "standalone"

    asyncio.run(body())
