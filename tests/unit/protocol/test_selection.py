"""The pure rules of server choice (the I/O side is tested against real clusters)."""

from __future__ import annotations

import pytest

from ovsdb_backup.errors import ServerError
from ovsdb_backup.protocol.client import ServerDatabase, _server_database
from ovsdb_backup.protocol.errors import render_error
from ovsdb_backup.protocol.remotes import parse_remote
from ovsdb_backup.protocol.selection import Candidate, Criteria, RolePolicy, decide, evaluate

CID = "1dbd9604-ecd3-4c8e-9519-a638ada0ca52"
DB = "OVN_Northbound"


def row(**changes: object) -> ServerDatabase:
    base: dict = {
        "name": DB,
        "model": "clustered",
        "connected": True,
        "leader": False,
        "schema": "{}",
        "cid": CID,
        "sid": "82060229-0000-0000-0000-000000000000",
        "index": 14,
    }
    return ServerDatabase(**{**base, **changes})


def cand(n: int, r: ServerDatabase | None = None, **kw: object) -> Candidate:
    return Candidate(parse_remote(f"tcp:10.0.0.{n}:6641"), r, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("candidate", "criteria", "reason"),
    [
        (cand(1, error="connection refused"), Criteria(DB), "unreachable: connection refused"),
        (cand(1, databases=("_Server", "OVN_Southbound")), Criteria(DB), "it has: OVN_Southbound"),
        (cand(1, row(schema=None)), Criteria(DB), "has no schema yet"),
        (cand(1, row(connected=False)), Criteria(DB), "lost quorum"),
        (cand(1, row(model="relay", connected=False, cid=None)), Criteria(DB), "relay is not"),
        (cand(1, row(leader=True)), Criteria(DB, cid="x"), "cluster ID is 1dbd9604"),
        (cand(1, row(model="standalone", cid=None)), Criteria(DB, cid=CID), "none (standalone)"),
        (cand(1, row(leader=True)), Criteria(DB, min_index=15), "index 14 is lower than index 15"),
        (cand(1, row()), Criteria(DB), "is a follower, not the leader"),
        (cand(1, row(model="relay", cid=None, index=None)), Criteria(DB), "is a relay"),
    ],
)
def test_rejections(candidate, criteria, reason):
    assert reason in (evaluate(candidate, criteria) or "")


@pytest.mark.parametrize(
    ("candidate", "criteria"),
    [
        (cand(1, row(leader=True)), Criteria(DB, cid=CID, min_index=14)),
        (
            cand(1, row(model="standalone", cid=None, sid=None, index=None, leader=True)),
            Criteria(DB),
        ),
        (cand(1, row()), Criteria(DB, role=RolePolicy.PREFER_LEADER)),
        # A relay has no cid to compare: accepted when followers are allowed.
        (
            cand(1, row(model="relay", cid=None, index=None)),
            Criteria(DB, cid=CID, role=RolePolicy.PREFER_FOLLOWER),
        ),
    ],
)
def test_acceptable(candidate, criteria):
    assert evaluate(candidate, criteria) is None


def test_ranking_by_policy_and_index():
    candidates = [
        cand(1, row(index=20)),
        cand(2, row(index=21, leader=True)),
        cand(3, row(index=22)),
        cand(4, row(connected=False, index=30)),
    ]
    leader = decide(candidates, Criteria(DB, role=RolePolicy.PREFER_LEADER))
    assert str(leader.require().remote) == "tcp:10.0.0.2:6641"
    assert [str(r.remote) for r in leader.rejected] == ["tcp:10.0.0.4:6641"]
    spare = decide(candidates, Criteria(DB, role=RolePolicy.PREFER_FOLLOWER))
    assert str(spare.require().remote) == "tcp:10.0.0.3:6641"  # most recent follower
    # The highest index seen counts even from a server that was refused.
    assert spare.highest_index == 30


def test_no_choice_raises_with_every_reason():
    choice = decide([cand(1, row(connected=False)), cand(2, error="timed out")], Criteria(DB))
    assert choice.chosen is None
    with pytest.raises(ServerError) as info:
        choice.require()
    message = str(info.value)
    assert message.startswith(f"no server is safe to read {DB} from: tcp:10.0.0.1:6641: not conn")
    assert "tcp:10.0.0.2:6641: unreachable: timed out" in message
    with pytest.raises(ServerError, match="no remote given"):
        decide([], Criteria(DB)).require()


def test_server_database_row_parsing():
    raw = {
        "name": DB,
        "model": "relay",
        "connected": True,
        "leader": False,
        "schema": ["set", []],
        "cid": ["set", []],
        "sid": ["set", []],
        "index": ["set", []],
    }
    assert _server_database(raw) == ServerDatabase(DB, "relay", True, False, None, None, None, None)
    clustered = {**raw, "model": "clustered", "schema": '{"name":"x"}', "cid": ["uuid", CID]}
    clustered |= {"sid": ["set", [["uuid", "s"]]], "index": 7}
    parsed = _server_database(clustered)
    assert (parsed.schema, parsed.cid, parsed.sid, parsed.index) == ('{"name":"x"}', CID, "s", 7)
    with pytest.raises(ValueError, match="index"):
        _server_database({**raw, "index": "7"})


def test_render_error_is_verbatim():
    assert render_error("unknown method") == "unknown method"
    assert render_error({"error": "duplicate uuid", "details": "This UUID…"}) == (
        "duplicate uuid: This UUID…"
    )
    long = render_error({"error": "syntax error", "syntax": "x" * 10_000})
    assert long.startswith('syntax error {"syntax":"xxx')
    assert len(long) < 600
    assert render_error({"details": "only details"}) == "only details"
    assert render_error(["odd"]) == '["odd"]'
