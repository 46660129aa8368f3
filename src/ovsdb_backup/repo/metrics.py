"""Prometheus metrics: the stream agent's ``/metrics`` endpoint, and a textfile for
one-shot runs (node_exporter's textfile collector reads ``*.prom`` files).

The text exposition format is written by hand (a few lines; no client library needed):
``# HELP``, ``# TYPE``, then ``name{label="value"} number``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

Sample = tuple[str, dict[str, str], float]


@dataclass
class DbMetrics:
    db: str
    connected: int = 0
    reconnects: int = 0
    transactions: int = 0
    rows: int = 0
    bytes: int = 0
    bases: int = 0
    gaps: int = 0
    segments_sealed: int = 0
    segment_bytes: int = 0
    segment: str = ""
    last_txn_time: float = 0.0  # when the last change was seen (Unix time)
    confirmed_time: float = 0.0  # contents known to be current at this time
    last_sync_time: float = 0.0
    write_lag: float = 0.0  # seconds from receiving the last change to it being written


# name, type, help, attribute (or a function of DbMetrics and now)
_STREAM = (
    ("ovsdb_backup_stream_up", "gauge", "1 while connected to a server", "connected"),
    ("ovsdb_backup_stream_reconnects_total", "counter", "Connections lost", "reconnects"),
    ("ovsdb_backup_stream_transactions_total", "counter", "Records of changes written",
     "transactions"),
    ("ovsdb_backup_stream_rows_total", "counter", "Row changes written", "rows"),
    ("ovsdb_backup_stream_bytes_total", "counter", "Bytes appended to segments", "bytes"),
    ("ovsdb_backup_stream_bases_total", "counter", "Base snapshots taken from a server",
     "bases"),
    ("ovsdb_backup_stream_gaps_total", "counter",
     "Times the stream could not continue without a gap", "gaps"),
    ("ovsdb_backup_stream_segments_sealed_total", "counter", "Segments sealed",
     "segments_sealed"),
    ("ovsdb_backup_stream_segment_bytes", "gauge", "Size of the open segment", "segment_bytes"),
    ("ovsdb_backup_stream_last_transaction_timestamp_seconds", "gauge",
     "When the last change was seen", "last_txn_time"),
    ("ovsdb_backup_stream_confirmed_timestamp_seconds", "gauge",
     "Up to when the stream is known to hold every change", "confirmed_time"),
    ("ovsdb_backup_stream_write_lag_seconds", "gauge",
     "From receiving the last change to having it written", "write_lag"),
)  # fmt: skip


@dataclass
class StreamMetrics:
    started: float = field(default_factory=time.time)
    databases: dict[str, DbMetrics] = field(default_factory=dict)

    def database(self, db: str) -> DbMetrics:
        return self.databases.setdefault(db, DbMetrics(db))

    def samples(self, now: float | None = None) -> list[tuple[str, str, str, list[Sample]]]:
        now = time.time() if now is None else now
        families = []
        for name, kind, text, attr in _STREAM:
            samples = [
                (name, {"db": m.db}, float(getattr(m, attr))) for m in self.databases.values()
            ]
            families.append((name, kind, text, samples))
        lag = [
            (
                "ovsdb_backup_stream_lag_seconds",
                {"db": m.db},
                max(0.0, now - max(m.confirmed_time, m.last_txn_time)) if m.confirmed_time else -1,
            )
            for m in self.databases.values()
        ]
        families.append(
            (
                "ovsdb_backup_stream_lag_seconds",
                "gauge",
                "Seconds since the stream was last known current (-1: never)",
                lag,
            )
        )
        return families

    def render(self) -> bytes:
        return render(self.samples())


def render(families: Iterable[tuple[str, str, str, list[Sample]]]) -> bytes:
    lines = []
    for name, kind, text, samples in families:
        lines.append(f"# HELP {name} {text}")
        lines.append(f"# TYPE {name} {kind}")
        for sample_name, labels, value in samples:
            lines.append(f"{sample_name}{_labels(labels)} {_number(value)}")
    return ("\n".join(lines) + "\n").encode()


def _labels(labels: dict[str, str]) -> str:
    if not labels:
        return ""
    inner = ",".join(f'{k}="{_escape(v)}"' for k, v in sorted(labels.items()))
    return "{" + inner + "}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if value == int(value) and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


def write_textfile(path: str, families: Iterable[tuple[str, str, str, list[Sample]]]) -> None:
    """Write atomically (node_exporter must never read half a file)."""
    data = render(families)
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def backup_families(
    *, ok: bool, started: float, seconds: float, size: int | None, databases: dict[str, int]
) -> list[tuple[str, str, str, list[Sample]]]:
    """What a one-shot ``backup --metrics-file`` reports."""
    families: list[tuple[str, str, str, list[Sample]]] = [
        (
            "ovsdb_backup_last_run_timestamp_seconds",
            "gauge",
            "When the last backup run started",
            [("ovsdb_backup_last_run_timestamp_seconds", {}, started)],
        ),
        (
            "ovsdb_backup_last_run_success",
            "gauge",
            "1 if the last backup run succeeded",
            [("ovsdb_backup_last_run_success", {}, 1.0 if ok else 0.0)],
        ),
        (
            "ovsdb_backup_last_run_duration_seconds",
            "gauge",
            "Duration of the last backup run",
            [("ovsdb_backup_last_run_duration_seconds", {}, seconds)],
        ),
    ]
    if ok:
        families.append(
            (
                "ovsdb_backup_last_success_timestamp_seconds",
                "gauge",
                "When the last successful backup finished",
                [("ovsdb_backup_last_success_timestamp_seconds", {}, started + seconds)],
            )
        )
        families.append(
            (
                "ovsdb_backup_archive_bytes",
                "gauge",
                "Size of the last archive written",
                [("ovsdb_backup_archive_bytes", {}, float(size or 0))],
            )
        )
        families.append(
            (
                "ovsdb_backup_database_rows",
                "gauge",
                "Rows of each database in the last archive",
                [("ovsdb_backup_database_rows", {"db": d}, float(n)) for d, n in databases.items()],
            )
        )
    return families


async def serve_metrics(
    metrics: StreamMetrics, host: str, port: int, stop: asyncio.Event
) -> asyncio.AbstractServer:
    """A minimal HTTP/1.0 server: ``GET /metrics`` (any other path: 404)."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5.0)
            parts = request.split(b" ", 2)
            path = parts[1].split(b"?")[0] if len(parts) > 1 else b""
            if parts[0] in (b"GET", b"HEAD") and path in (b"/metrics", b"/"):
                body = metrics.render()
                head = b"HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n"
            else:
                body = b"not found\n"
                head = b"HTTP/1.0 404 Not Found\r\nContent-Type: text/plain\r\n"
            writer.write(head + b"Content-Length: %d\r\n\r\n" % len(body))
            if parts[0] != b"HEAD":
                writer.write(body)
            await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError, OSError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    server = await asyncio.start_server(handle, host, port)
    log.info("metrics on http://%s:%d/metrics", host, port)
    return server
