"""The client and server choice against a real 3-member OVN_Northbound cluster."""

from __future__ import annotations

import asyncio
import re

import pytest

from ovsdb_backup.errors import ServerError
from ovsdb_backup.protocol.client import MonitorSince, MonitorUpdate, OvsdbClient, ServerDatabase
from ovsdb_backup.protocol.remotes import RemoteList, parse_remote, parse_remotes
from ovsdb_backup.protocol.selection import RolePolicy, choose_server
from ovsdb_backup.protocol.unixctl import unixctl
from ovsdb_backup.sandbox.cluster import Cluster
from tests.support.servers import eventually

DB = "OVN_Northbound"
REQUESTS = {"Logical_Switch": [{"columns": ["name"]}]}


def remotes(cluster: Cluster, which: str = "unix") -> RemoteList:
    return parse_remotes(cluster.remotes(tcp=which == "tcp"))


def leader_of(cluster: Cluster):
    leader = cluster.leader()
    assert leader is not None
    return leader


async def _insert_switch(cluster: Cluster, name: str) -> None:
    async with OvsdbClient(parse_remote(leader_of(cluster).remote)) as c:
        await c.transact(DB, [{"op": "insert", "table": "Logical_Switch", "row": {"name": name}}])


def test_monitor_cond_since_resumes_on_any_member(nb3: Cluster):
    async def body() -> None:
        first, *others = nb3.servers
        async with OvsdbClient(parse_remote(first.tcp_remote)) as c:
            start = await c.monitor_cond_since(DB, "m0", REQUESTS)
            assert start.found is False  # no id given: full contents
            await _insert_switch(nb3, "after-m0")
            update = await asyncio.wait_for(start.events.get(), 10)
            assert isinstance(update, MonitorUpdate)
            assert [r["insert"]["name"] for r in update.updates["Logical_Switch"].values()] == [
                "after-m0"
            ]
        # Resuming from the id seen before the insert: every member still has it in its
        # history, returns only the change, and names the same last transaction.
        assert len(others) == 2
        assert update.last_txn_id is not None
        for member in nb3.servers:
            resumed = await _resume_when_applied(member, start.last_id, update.last_txn_id)
            assert resumed.found is True, member.name
            names = [r["insert"]["name"] for r in resumed.updates["Logical_Switch"].values()]
            assert names == ["after-m0"]

    asyncio.run(body())


async def _resume_when_applied(member, since: str, target: str) -> MonitorSince:
    """monitor_cond_since on ``member`` once it has applied transaction ``target``.

    A follower applies a committed transaction a little after the leader does.
    """
    async with OvsdbClient(parse_remote(member.remote)) as c:
        for attempt in range(100):
            resumed = await c.monitor_cond_since(DB, f"m{attempt}", REQUESTS, since)
            if resumed.last_id == target:
                return resumed
            await c.monitor_cancel(f"m{attempt}")
            await asyncio.sleep(0.05)
    raise AssertionError(f"{member.name} never reached transaction {target}")


def test_server_rows_and_cluster_status(nb3: Cluster):
    async def body() -> None:
        rows: list[ServerDatabase] = []
        for member in nb3.servers:
            async with OvsdbClient(parse_remote(member.remote)) as c:
                row = await c.server_database(DB)
            assert row is not None
            rows.append(row)
            status = await unixctl(member.ctl, "cluster/status", DB)
            assert re.search(r"^Status: cluster member$", status, re.M)
            cid = (await unixctl(member.ctl, "cluster/cid", DB)).strip()
            assert rows[-1].cid == cid
            assert rows[-1].sid == (await unixctl(member.ctl, "cluster/sid", DB)).strip()
            assert rows[-1].leader == ("Role: leader" in status)
        assert {r.model for r in rows} == {"clustered"}
        assert len({r.cid for r in rows}) == 1
        assert len({r.sid for r in rows}) == 3
        assert sum(r.leader for r in rows) == 1
        assert all(r.connected and r.schema and isinstance(r.index, int) for r in rows)

    asyncio.run(body())


def test_choice_prefers_the_leader_or_spares_it(nb3: Cluster):
    async def body() -> None:
        leader = leader_of(nb3)
        choice = await choose_server(remotes(nb3, "tcp"), DB)
        assert str(choice.require().remote) == leader.tcp_remote
        # Leader-only: the two followers are rejected, with the reason.
        assert len(choice.rejected) == 2
        assert all("is a follower, not the leader" in r.reason for r in choice.rejected)
        assert choice.highest_index is not None

        spare = await choose_server(remotes(nb3), DB, role=RolePolicy.PREFER_FOLLOWER)
        assert str(spare.require().remote) != leader.remote
        assert spare.require().row is not None
        assert not spare.rejected

        chosen_row = choice.require().row
        assert chosen_row is not None
        cid = chosen_row.cid
        with_cid = await choose_server(parse_remotes(f"{remotes(nb3)},cid:{cid}"), DB)
        assert getattr(with_cid.require().row, "cid", None) == cid
        other = "11111111-2222-3333-4444-555555555555"
        wrong = await choose_server(remotes(nb3), DB, cid=other, role=RolePolicy.PREFER_LEADER)
        assert wrong.chosen is None
        assert all(f"not the expected {other}" in r.reason for r in wrong.rejected)
        with pytest.raises(ServerError, match=f"no server is safe to read {DB} from"):
            wrong.require()

    asyncio.run(body())


def test_choice_refuses_a_lower_index_than_seen(nb3: Cluster):
    async def body() -> None:
        first = await choose_server(remotes(nb3), DB, role=RolePolicy.PREFER_LEADER)
        seen = first.highest_index
        assert seen is not None
        ahead = await choose_server(
            remotes(nb3), DB, min_index=seen + 1000, role=RolePolicy.PREFER_LEADER
        )
        assert ahead.chosen is None
        assert len(ahead.rejected) == 3
        assert all(
            re.fullmatch(
                rf"has stale data: Raft index \d+ is lower than index {seen + 1000} .*", r.reason
            )
            for r in ahead.rejected
        )
        with pytest.raises(ServerError) as info:
            ahead.require()
        assert "index restarted" in (info.value.hint or "")
        assert ahead.highest_index == seen + 1000
        # The index just seen is fine.
        same = await choose_server(remotes(nb3), DB, min_index=seen)
        assert same.chosen is not None

    asyncio.run(body())


def test_choice_refuses_a_member_that_lost_quorum(nb_cluster: Cluster):
    leader = leader_of(nb_cluster)
    survivor = next(s for s in nb_cluster.servers if s is not leader)
    for s in nb_cluster.servers:
        if s is not survivor:
            s.stop()

    async def connected() -> bool:
        async with OvsdbClient(parse_remote(survivor.remote)) as c:
            row = await c.server_database(DB)
        return row is not None and not row.connected

    assert eventually(lambda: asyncio.run(connected()), timeout=15)

    async def body() -> None:
        alone = await choose_server(
            parse_remotes(survivor.remote), DB, role=RolePolicy.PREFER_LEADER
        )
        assert alone.chosen is None
        (rejection,) = alone.rejected
        assert "not connected to a majority of its cluster (connected: false)" in rejection.reason
        assert "may be stale" in rejection.reason
        with pytest.raises(ServerError, match="lost quorum"):
            alone.require()

        everyone = await choose_server(remotes(nb_cluster), DB, timeout=2)
        assert everyone.chosen is None
        reasons = sorted(r.reason for r in everyone.rejected)
        assert sum("unreachable: cannot connect" in r for r in reasons) == 2
        assert sum("connected: false" in r for r in reasons) == 1

    asyncio.run(body())
