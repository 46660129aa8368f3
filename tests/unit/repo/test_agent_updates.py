"""The agent's handling of streamed updates, without a server: events are fed to a
Follower's ``_handle`` as the client would queue them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from ovsdb_backup.formats.dbfile import open_db_file
from ovsdb_backup.formats.standalone import replay_standalone
from ovsdb_backup.model.database import Database
from ovsdb_backup.protocol import MonitorUpdate, MonitorUpdateStream, parse_remotes
from ovsdb_backup.protocol.errors import ConnectionLost
from ovsdb_backup.repo.agent import Follower, StreamOptions, _Resync
from ovsdb_backup.repo.contents import Contents
from ovsdb_backup.repo.layout import new_segment_name, open_repository
from ovsdb_backup.repo.metrics import DbMetrics
from ovsdb_backup.repo.segment import Mark, SegmentWriter, read_segment
from tests.unit.repo.test_segments import SCHEMA

U = "{:08x}-0000-4000-8000-000000000000"


def _follower(tmp_path: Path) -> Follower:
    repo = open_repository(tmp_path / "repo", create=True)
    opts = StreamOptions(remotes=parse_remotes("unix:/nonexistent"), databases=["Mini"])
    follower = Follower(repo, "Mini", opts, DbMetrics("Mini"))
    contents = Contents(SCHEMA)
    contents.add(contents.prepare("T", {U.format(i): {"name": f"r{i}"} for i in range(100)}))
    follower.held.db, follower.held.schema_json = contents, SCHEMA.json
    follower.held.last_txn = "t0"
    path = repo.segment_path("Mini", new_segment_name(1_800_000_000_000))
    follower.writer = SegmentWriter.create(path, contents, 1_800_000_000_000, Mark("base", "t0"))
    return follower


def _stream(
    txn: str, batches: list[dict[str, Any]], *, fail: BaseException | None = None
) -> MonitorUpdateStream:
    """A streamed update as the client fills it (the reader's side runs as a task)."""
    stream = MonitorUpdateStream(txn)

    async def feed() -> None:
        for rows in batches:
            await stream._put("T", rows)
        if fail is not None:
            stream._fail(fail)
        else:
            stream._finish(sum(len(b) for b in batches))

    asyncio.get_running_loop().create_task(feed())
    return stream


def _replayed(follower: Follower) -> Database:
    assert follower.writer is not None
    with open_db_file(str(follower.writer.path)) as f:
        return replay_standalone(f.buf, strict=True).db


def test_a_streamed_update_is_one_record_among_the_others(tmp_path: Path) -> None:
    follower = _follower(tmp_path)
    batches: list[dict[str, Any]] = [
        {U.format(i): {"modify": {"name": f"m{i}"}} for i in range(0, 40)},
        {U.format(i): {"delete": None} for i in range(40, 60)},
        {U.format(i): {"insert": {"name": f"n{i}"}} for i in range(100, 300)},
    ]

    async def body() -> None:
        small = MonitorUpdate("t1", {"T": {U.format(0): {"modify": {"name": "first"}}}})
        after = MonitorUpdate("t3", {"T": {U.format(1): {"delete": None}}})
        await follower._handle([small, _stream("t2", batches), after])

    asyncio.run(body())
    assert follower.held.last_txn == "t3"
    assert follower.writer is not None
    info = read_segment(follower.writer.path, keep_marks=True)
    assert info.marks is not None
    assert [m.mark.txn for m in info.marks[1:] if m.mark] == ["t1", "t2", "t3"]
    assert _replayed(follower).tables == follower.held.db.to_database().tables  # type: ignore[union-attr]
    rows = follower.held.db.tables["T"]  # type: ignore[union-attr]
    assert len(rows) == 100 - 20 - 1 + 200
    assert follower.metrics.transactions == 3


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        ({U.format(999): {"modify": {"name": "x"}}}, _Resync),  # a row that does not exist
        (None, ConnectionLost),  # the connection ends in the middle of the update
    ],
)
def test_an_incomplete_update_changes_nothing(tmp_path: Path, bad: Any, error: type) -> None:
    follower = _follower(tmp_path)
    assert follower.writer is not None and follower.held.db is not None
    before = follower.held.db.to_database().tables
    size = follower.writer.size
    batches = [
        {U.format(i): {"modify": {"name": f"m{i}"}} for i in range(0, 40)},
        {U.format(i): {"insert": {"name": f"n{i}"}} for i in range(100, 300)},
    ]
    if bad is not None:
        batches.append(bad)
    lost = None if bad is not None else ConnectionLost("unix:/x: server closed the connection")

    async def body() -> None:
        await follower._handle([_stream("t1", batches, fail=lost)])

    with pytest.raises(error):
        asyncio.run(body())
    assert follower.held.db.to_database().tables == before
    assert follower.writer.size == size and follower.held.last_txn == "t0"
