"""Talking to live OVSDB servers: JSON-RPC, ``_Server``, server choice, unixctl.

Layering (each module imports only those above it)::

    remotes    connection methods as typed values        (pure)
    errors     ServerError subclasses                    (pure)
    jsonrpc    sans-IO codec, streaming of select rows   (pure)
    transport  asyncio streams, TLS, echo probes, request/reply matching
    client     OvsdbClient: list_dbs, get_schema, transact[_stream], monitor_cond_since[_stream],
               monitor_cond_stream, _Server
    unixctl    ovs-appctl's JSON-RPC over a control socket
    selection  which server is safe to read from (pure rules + one gathering step)

This package never imports ``formats``, ``archive`` or ``cli``.
"""

from .client import (
    MonitorCanceled,
    MonitorEvent,
    MonitorLost,
    MonitorSince,
    MonitorStarted,
    MonitorUpdate,
    MonitorUpdateStream,
    OvsdbClient,
    ServerDatabase,
    StreamedTransaction,
)
from .errors import (
    ConnectError,
    ConnectionLost,
    ProtocolError,
    RequestTimeout,
    RpcError,
    TransactionError,
)
from .remotes import (
    Remote,
    RemoteList,
    SslRemote,
    TcpRemote,
    UnixRemote,
    parse_remote,
    parse_remotes,
)
from .selection import Candidate, Criteria, Rejection, RolePolicy, ServerChoice, choose_server
from .transport import RowSink, TlsFiles, UpdateSink
from .unixctl import unixctl

__all__ = [
    "Candidate",
    "ConnectError",
    "ConnectionLost",
    "Criteria",
    "MonitorCanceled",
    "MonitorEvent",
    "MonitorLost",
    "MonitorSince",
    "MonitorStarted",
    "MonitorUpdate",
    "MonitorUpdateStream",
    "OvsdbClient",
    "ProtocolError",
    "Rejection",
    "Remote",
    "RemoteList",
    "RequestTimeout",
    "RolePolicy",
    "RowSink",
    "RpcError",
    "ServerChoice",
    "ServerDatabase",
    "SslRemote",
    "StreamedTransaction",
    "TcpRemote",
    "TlsFiles",
    "TransactionError",
    "UnixRemote",
    "UpdateSink",
    "choose_server",
    "parse_remote",
    "parse_remotes",
    "unixctl",
]
