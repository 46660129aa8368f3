"""Listing a directory of archives: newest first, states, only headers and manifest read."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from ovsdb_backup.archive import ArchiveWriter, list_archives, summarize
from ovsdb_backup.archive.reader import ArchiveReader
from tests.support.archives import build

DAY = 86_400


def test_newest_first_with_age_size_and_databases(tmp_path: Path) -> None:
    build(tmp_path / "old.tar", created=datetime(2025, 1, 1, tzinfo=UTC), labels={"k": "v"})
    build(tmp_path / "new.tar", {"OVN_Northbound": b"x"}, created=datetime(2025, 1, 3, tzinfo=UTC))
    (tmp_path / "backup.log").write_text("a log file next to the archives\n" * 100)
    now = datetime(2025, 1, 4, tzinfo=UTC).timestamp()
    listing = list_archives(str(tmp_path), now=now)
    assert [s.name for s in listing] == ["new.tar", "old.tar"]
    new, old = listing
    assert new.age == DAY
    assert old.age == 3 * DAY
    assert new.complete and old.complete
    assert old.databases == ("OVN_Northbound", "OVN_Southbound")
    assert old.labels == {"k": "v"}
    assert new.size == (tmp_path / "new.tar").stat().st_size
    assert new.to_json()["created"] == "2025-01-03T00:00:00Z"


def test_incomplete_in_progress_and_abandoned(tmp_path: Path) -> None:
    build(tmp_path / "good.tar")
    data = (tmp_path / "good.tar").read_bytes()
    with ArchiveReader(tmp_path / "good.tar") as reader:
        cut = reader.member("db/OVN_Southbound.db.zst").data_offset + 10
    (tmp_path / "cut.tar").write_bytes(data[:cut])
    (tmp_path / "stale.tar.part").write_bytes(data[:1000])
    with ArchiveWriter(tmp_path / "running.tar") as archive:
        archive.add_bytes("db/x.db.zst", b"x")
        states = {s.name: (s.state, s.problem) for s in list_archives(str(tmp_path))}
    assert states["good.tar"] == ("complete", None)
    assert states["cut.tar"][0] == "incomplete"
    assert "incomplete" in (states["cut.tar"][1] or "")
    assert states["stale.tar.part"][0] == "abandoned"
    assert states["running.tar.part"][0] == "in-progress"


def test_wrong_member_size_is_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "a.tar"
    build(path)
    data = bytearray(path.read_bytes())
    with ArchiveReader(path) as reader:
        nb = reader.member("db/OVN_Northbound.db.zst")
    # Rewrite the size field and fix the header checksum: a consistent but wrong tar.
    header = nb.header_offset
    data[header + 124 : header + 136] = b"%011o\0" % (nb.size - 1)
    data[header + 148 : header + 156] = b" " * 8
    data[header + 148 : header + 156] = b"%06o\0 " % sum(data[header : header + 512])
    path.write_bytes(bytes(data))
    summary = summarize(str(path))
    assert summary is not None
    assert summary.state == "incomplete"


def test_listing_reads_only_headers(tmp_path: Path) -> None:
    """A 64 MB member costs no more to list than a tiny one: count bytes read."""
    path = tmp_path / "big.tar"
    build(path, {"OVN_Northbound": os.urandom(64 << 20)}, compression="none")
    read: list[int] = []
    original = ArchiveReader._read_at

    def counting(self: ArchiveReader, offset: int, size: int) -> bytes:
        read.append(size)
        return original(self, offset, size)

    ArchiveReader._read_at = counting  # type: ignore[method-assign]
    try:
        [summary] = list_archives(str(tmp_path))
    finally:
        ArchiveReader._read_at = original  # type: ignore[method-assign]
    assert summary.complete
    assert sum(read) < 64 << 10
