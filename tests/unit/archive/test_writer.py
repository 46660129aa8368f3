"""ArchiveWriter: a plain tar, atomic installation, .part ownership, member retries."""

from __future__ import annotations

import fcntl
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from ovsdb_backup.archive import (
    ArchiveReader,
    ArchiveWriter,
    DatabaseEntry,
    Manifest,
    verify_archive,
)
from ovsdb_backup.errors import OutputError
from tests.support.archives import NB, SB, build


def test_result_is_a_plain_tar_that_standard_tools_read(tmp_path: Path) -> None:
    path = tmp_path / "ovn.tar"
    manifest = build(path, labels={"site": "dc1"})
    listing = subprocess.run(["tar", "-tvf", path], capture_output=True, text=True, check=True)
    assert listing.stderr == ""
    names = [line.split()[-1] for line in listing.stdout.splitlines()]
    assert names == ["db/OVN_Northbound.db.zst", "db/OVN_Southbound.db.zst", "manifest.json"]
    assert "-rw-------" in listing.stdout
    text = subprocess.run(["tar", "-xOf", path, "manifest.json"], capture_output=True, check=True)
    assert orjson.loads(text.stdout)["labels"] == {"site": "dc1"}
    jq = subprocess.run(
        ["jq", "-r", ".databases[].name"], input=text.stdout, capture_output=True, check=True
    )
    assert jq.stdout.split() == [b"OVN_Northbound", b"OVN_Southbound"]
    member = subprocess.run(
        f"tar -xOf {path} db/OVN_Northbound.db.zst | zstd -d",
        shell=True,
        capture_output=True,
        check=True,
    )
    assert member.stdout == NB
    assert manifest.database("OVN_Southbound").uncompressed_size == len(SB)


def test_archive_mode_is_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        build(tmp_path / "a.tar")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.tar").stat().st_mode) == 0o600


def test_nothing_is_left_when_the_block_raises(tmp_path: Path) -> None:
    path = tmp_path / "a.tar"

    def write_then_fail() -> None:
        with ArchiveWriter(path) as archive:
            archive.add_bytes("db/x.db.zst", NB)
            assert (tmp_path / "a.tar.part").exists()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert os.listdir(tmp_path) == []


def test_keyboard_interrupt_mid_member_removes_everything(tmp_path: Path) -> None:
    def chunks() -> Iterator[bytes]:
        yield NB
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), ArchiveWriter(tmp_path / "a.tar") as archive:
        archive.add_stream("db/x.db.zst", chunks())
    assert os.listdir(tmp_path) == []


def test_leaving_without_commit_installs_nothing(tmp_path: Path) -> None:
    with ArchiveWriter(tmp_path / "a.tar") as archive:
        archive.add_bytes("db/x.db", NB, compression="none")
    assert os.listdir(tmp_path) == []


def test_existing_archive_is_refused_unless_overwriting(tmp_path: Path) -> None:
    path = tmp_path / "a.tar"
    build(path, {"A": b"first"})
    with pytest.raises(OutputError, match="already exists"):
        build(path, {"B": b"second"})
    assert ArchiveReader(path).manifest().databases[0].name == "A"
    with ArchiveWriter(path, overwrite=True) as archive:
        stored = archive.add_bytes("db/B.db.zst", b"second")
        archive.commit(Manifest.new(databases=[DatabaseEntry.from_stored(stored, name="B")]))
    assert ArchiveReader(path).manifest().databases[0].name == "B"


def test_an_archive_appearing_meanwhile_is_not_clobbered(tmp_path: Path) -> None:
    path = tmp_path / "a.tar"
    with ArchiveWriter(path) as archive:
        stored = archive.add_bytes("db/A.db.zst", b"mine")
        path.write_bytes(b"someone else's")
        with pytest.raises(OutputError, match="appeared while writing"):
            archive.commit(Manifest.new(databases=[DatabaseEntry.from_stored(stored, name="A")]))
    assert path.read_bytes() == b"someone else's"
    assert sorted(os.listdir(tmp_path)) == ["a.tar"]


def test_a_stale_part_is_replaced_and_a_live_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.tar"
    part = tmp_path / "a.tar.part"
    part.write_bytes(b"left by a killed run")
    with ArchiveWriter(path) as archive:
        assert archive.removed_stale_part
        archive.add_bytes("db/A.db.zst", b"x")
        with pytest.raises(OutputError, match="another process is writing"):
            ArchiveWriter(path).open()
        assert part.exists()  # the live writer's file is left alone
    assert not part.exists()


def test_a_part_locked_by_another_process_is_refused(tmp_path: Path) -> None:
    part = tmp_path / "a.tar.part"
    part.write_bytes(b"")
    fd = os.open(part, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(OutputError, match="another process"):
            ArchiveWriter(tmp_path / "a.tar").open()
    finally:
        os.close(fd)


def test_a_failed_member_is_cut_off_and_can_be_retried(tmp_path: Path) -> None:
    """E.g. the server died mid-snapshot: retry the database from another one."""
    path = tmp_path / "a.tar"
    with ArchiveWriter(path) as archive:
        first = archive.add_bytes("db/A.db.zst", NB)

        def fail_midway() -> None:
            with archive.database("B") as member:
                member.write(SB * 3000)  # past the write buffer: some of it is on disk
                raise ConnectionError("leader lost")

        with pytest.raises(ConnectionError):
            fail_midway()
        with archive.database("B") as member:
            member.write(SB)
        assert member.result is not None
        archive.commit(
            Manifest.new(
                databases=[
                    DatabaseEntry.from_stored(first, name="A"),
                    DatabaseEntry.from_stored(member.result, name="B"),
                ]
            )
        )
    check = verify_archive(path)
    assert check.ok, check.findings
    with ArchiveReader(path) as reader:
        assert [m.name for m in reader.members] == [
            "db/A.db.zst",
            "db/B.db.zst",
            "manifest.json",
        ]
        assert b"".join(reader.open_database("B").chunks()) == SB


def test_the_manifest_must_match_what_was_written(tmp_path: Path) -> None:
    with ArchiveWriter(tmp_path / "a.tar") as archive:
        stored = archive.add_bytes("db/A.db.zst", b"x")
        archive.add_bytes("db/B.db.zst", b"y")
        with pytest.raises(ValueError, match=r"not listed \['db/B.db.zst'\]"):
            archive.commit(Manifest.new(databases=[DatabaseEntry.from_stored(stored, name="A")]))
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "a//b", "./a", "", "manifest.json"])
def test_unsafe_or_reserved_names_are_refused(tmp_path: Path, name: str) -> None:
    with ArchiveWriter(tmp_path / "a.tar") as archive, pytest.raises(ValueError):
        archive.add_bytes(name, b"x")


def test_one_member_at_a_time(tmp_path: Path) -> None:
    with ArchiveWriter(tmp_path / "a.tar") as archive:
        member = archive.member("a")
        with pytest.raises(RuntimeError, match="still being written"):
            archive.member("b")
        member.close()
        archive.member("b").close()


def test_missing_output_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        ArchiveWriter(tmp_path / "no" / "a.tar").open()


def test_progress_is_reported(tmp_path: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    with ArchiveWriter(tmp_path / "a.tar") as archive:
        archive.add_stream("a", [b"x" * 10, b"y" * 5], progress=lambda d, t: seen.append((d, t)))
    assert seen == [(10, None), (15, None)]
