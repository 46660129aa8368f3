from __future__ import annotations

import pytest

from ovsdb_backup.errors import UsageError
from ovsdb_backup.protocol.remotes import (
    RemoteList,
    SslRemote,
    TcpRemote,
    UnixRemote,
    parse_remote,
    parse_remotes,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("unix:/var/run/ovn/ovnnb_db.sock", UnixRemote("/var/run/ovn/ovnnb_db.sock")),
        ("unix:relative.sock", UnixRemote("relative.sock")),
        ("tcp:127.0.0.1:6641", TcpRemote("127.0.0.1", 6641)),
        ("tcp:127.0.0.1", TcpRemote("127.0.0.1", 6640)),
        ("ssl:ovn-central.example.org:6642", SslRemote("ovn-central.example.org", 6642)),
        ("tcp:[::1]:6641", TcpRemote("::1", 6641)),
        ("ssl:[fd00::10]", SslRemote("fd00::10", 6640)),
        ("  tcp:localhost:1  ", TcpRemote("localhost", 1)),
    ],
)
def test_parse_remote(text, expected):
    assert parse_remote(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tcp:::1:6641", "brackets"),
        ("tcp:[::1", "missing ']'"),
        ("tcp:[::zz]:1", "not an IPv6 address"),
        ("tcp:[::1]6641", "expected ':PORT'"),
        ("tcp:1.2.3.4:0", "out of range"),
        ("tcp:1.2.3.4:65536", "out of range"),
        ("tcp:1.2.3.4:http", "not a number"),
        ("tcp::6641", "missing host"),
        ("tcp:bad_host!:1", "not a valid host"),
        ("ptcp:6641", "passive"),
        ("punix:/x.sock", "passive"),
        ("http://x", "unknown connection method"),
        ("unix:", "socket path"),
        ("/var/run/x.sock", "expected unix:PATH"),
    ],
)
def test_parse_remote_errors(text, message):
    with pytest.raises(UsageError, match="bad remote") as info:
        parse_remote(text)
    assert message in str(info.value)


def test_parse_remotes_list_with_spaces_and_cid():
    cid = "1dbd9604-ecd3-4c8e-9519-a638ada0ca52"
    parsed = parse_remotes(f"tcp:10.0.0.1:6641, tcp:[fd00::2]:6641 ,unix:/x.sock, cid:{cid}")
    assert parsed == RemoteList(
        (TcpRemote("10.0.0.1", 6641), TcpRemote("fd00::2", 6641), UnixRemote("/x.sock")), cid
    )
    assert str(parsed) == f"tcp:10.0.0.1:6641,tcp:[fd00::2]:6641,unix:/x.sock,cid:{cid}"
    assert parse_remotes(str(parsed)) == parsed


def test_cid_is_normalised():
    parsed = parse_remotes("unix:/x,cid:1DBD9604ECD34C8E9519A638ADA0CA52")
    assert parsed.cid == "1dbd9604-ecd3-4c8e-9519-a638ada0ca52"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tcp:1.2.3.4:1,,tcp:1.2.3.5:1", "empty element"),
        ("", "empty element"),
        ("cid:1dbd9604-ecd3-4c8e-9519-a638ada0ca52", "names no server"),
        ("unix:/x,cid:nope", "bad cluster ID"),
        (
            "unix:/x,cid:1dbd9604-ecd3-4c8e-9519-a638ada0ca52,cid:1dbd9604-ecd3-4c8e-9519-a638ada0ca52",
            "more than one cid",
        ),
    ],
)
def test_parse_remotes_errors(text, message):
    with pytest.raises(UsageError, match=message):
        parse_remotes(text)
