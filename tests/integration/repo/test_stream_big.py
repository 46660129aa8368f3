"""The stream agent with big data on real servers: a base of thousands of rows (awkward
strings, one huge row) taken from the streamed monitor reply, a transaction too big to
parse whole (a streamed update3), and a resumption whose first reply is big.

Every check compares with the live server (``ovsdb-client backup``), UUIDs included.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
from pathlib import Path
from typing import Any

from ovsdb_backup.protocol import OvsdbClient, parse_remote
from ovsdb_backup.repo.layout import open_repository
from ovsdb_backup.repo.pitr import restore_point
from ovsdb_backup.repo.segment import read_segment
from ovsdb_backup.sandbox.cluster import Cluster
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_standalone
from tests.support.contents import assert_same_tables, file_db, live_tables
from tests.support.stream import Agent, now_ms

NB = "OVN_Northbound"
AWKWARD = ['say "hi"', "back\\slash", "\\", '\\"', "}{", '},"', "{[", "]}", "é€", "tab\there"]


def _switch(name: str, ports: int) -> list[dict[str, Any]]:
    """A switch with ``ports`` new ports whose strings trip naive scanners."""
    ops: list[dict[str, Any]] = [
        {
            "op": "insert",
            "table": "Logical_Switch_Port",
            "uuid-name": f"p{i}",
            "row": {
                "name": f"{name}-{i} {AWKWARD[i % len(AWKWARD)]}",
                "addresses": f"fa:16:3e:00:{i // 256 % 256:02x}:{i % 256:02x} 10.0.0.{i % 250}",
                "external_ids": [
                    "map",
                    [[f"k{k}{AWKWARD[k]}", AWKWARD[(i + k) % len(AWKWARD)]] for k in range(5)],
                ],
            },
        }
        for i in range(ports)
    ]
    ops.append(
        {
            "op": "insert",
            "table": "Logical_Switch",
            "row": {
                "name": name,
                "ports": ["set", [["named-uuid", f"p{i}"] for i in range(ports)]],
            },
        }
    )
    return ops


def _transact(remote: str, ops: list[dict[str, Any]]) -> None:
    async def run() -> None:
        async with OvsdbClient(parse_remote(remote), request_timeout=120) as client:
            await client.transact(NB, ops)

    asyncio.run(run())


def _populate(remote: str) -> None:
    for s in range(4):
        _transact(remote, _switch(f"sw{s}", 1000))
    addresses = [f"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}" for i in range(120_000)]
    row = {"name": 'huge "}{"', "addresses": ["set", addresses]}
    _transact(remote, [{"op": "insert", "table": "Address_Set", "row": row}])


def _delete_switch(name: str) -> dict[str, Any]:
    """The switch goes, and its ports with it (nothing else refers to them)."""
    return {"op": "delete", "table": "Logical_Switch", "where": [["name", "==", name]]}


def _big_change() -> list[dict[str, Any]]:
    """8,000 new ports (3 MB of update3), and a switch deleted with its 1,000 ports."""
    return [*_switch("big", 8000), _delete_switch("sw0")]


def _txn_records(path: Path) -> list[Any]:
    info = read_segment(path, keep_marks=True)
    assert info.marks is not None
    return [m.mark for m in info.marks[1:] if m.mark is not None and m.mark.kind == "txn"]


def _assert_restores_live(repo: Path, remote: str) -> None:
    point = restore_point(open_repository(repo), NB)
    assert_same_tables(point.db.tables, live_tables(remote, point.db.schema))


def test_a_big_base_and_a_big_update(standalone_nb: OvsdbServer, tmp_path: Path) -> None:
    remote = standalone_nb.remote
    _populate(remote)
    repo = tmp_path / "repo"
    with Agent(repo, [remote], [NB]) as agent:
        agent.wait_following(NB, timeout=120)
        _assert_restores_live(repo, remote)  # the base, from the streamed first reply
        _transact(remote, _big_change())
        _transact(remote, _switch("after", 2))
        agent.wait_covered(NB, now_ms(), timeout=120)
        _assert_restores_live(repo, remote)
        (segment,) = agent.segments(NB)
        # One record per update: the streamed one too.
        assert len(_txn_records(segment)) == 2
        assert agent.stop() == 0
    assert "Traceback" not in agent.output()
    # ovsdb-server opens the segment (the spooled record included) with the same rows.
    copy = tmp_path / "copy.db"
    shutil.copy(segment, copy)
    server = start_standalone(tmp_path / "served", copy, name="seg")
    try:
        schema = file_db(segment).schema
        assert_same_tables(live_tables(server.remote, schema), live_tables(remote, schema))
    finally:
        server.stop()

    # A restart recovers the segment (replayed into rows kept as JSON), then takes a new
    # base: a standalone server has no transaction ids to resume from.
    with Agent(repo, [remote], [NB]) as agent:
        agent.wait("a second segment", lambda: len(agent.segments(NB)) == 2, timeout=120)
        agent.wait_following(NB, timeout=120)
        _transact(remote, _switch("later", 3))
        agent.wait_covered(NB, now_ms(), timeout=60)
        _assert_restores_live(repo, remote)
        assert agent.stop() == 0


def test_a_resumption_whose_first_reply_is_big(nb_cluster: Cluster, tmp_path: Path) -> None:
    remotes = nb_cluster.remotes()
    leader = nb_cluster.wait_until_settled().remote
    # ovsdb-server keeps a transaction in its history only while the history holds
    # fewer atoms than the database: the database must be bigger than the change.
    for s in range(6):
        _transact(leader, _switch(f"sw{s}", 1000))
    repo = tmp_path / "repo"
    agent = Agent(repo, [remotes], [NB], "--heartbeat", "0.2s")
    with agent:
        agent.wait_following(NB, timeout=120)
        agent.stop(signal.SIGKILL)
        # While the agent is away: 4,000 ports in one transaction (1.5 MB of changes
        # in the first reply), and a small one after it.
        _transact(leader, [*_switch("big", 4000), _delete_switch("sw0")])
        _transact(leader, _switch("after", 2))
        agent.start()
        agent.wait_covered(NB, now_ms(), timeout=120)
        _assert_restores_live(repo, remotes)
        # Resumed in the same segment (no gap): the changes since, as one record
        # marked with the reconnection window.
        (segment,) = agent.segments(NB)
        marks = _txn_records(segment)
        assert [m.since_ms is not None for m in marks] == [True]
        info = read_segment(segment, keep_marks=True)
        assert info.marks is not None
        offsets = [m.offset for m in info.marks] + [info.end_offset]
        (i,) = [i for i, m in enumerate(info.marks) if m.mark and m.mark.since_ms is not None]
        assert offsets[i + 1] - offsets[i] > 1 << 20  # the reply came in several batches
        assert agent.coverage(NB).gaps == []
        assert "resumed from" in agent.output()
        assert agent.stop() == 0
