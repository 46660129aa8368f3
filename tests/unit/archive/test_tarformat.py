"""tar headers: what we write is read by GNU tar and tarfile; we read what they write."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

import pytest

from ovsdb_backup.archive.tarformat import (
    BLOCK,
    RECORD,
    HeaderFields,
    encode_header,
    encode_pax_records,
    encode_ustar,
    end_of_archive,
    padded,
    parse_pax_records,
    read_index,
)
from ovsdb_backup.errors import ArchiveError


def archive_of(*members: tuple[HeaderFields, bytes]) -> bytes:
    out = bytearray()
    for fields, data in members:
        out += encode_header(fields) + data + bytes(padded(len(data)) - len(data))
    out += end_of_archive(len(out))
    return bytes(out)


def index_of(data: bytes):
    return read_index(lambda offset, n: data[offset : offset + n], len(data))


NAMES = [
    "db/OVN_Northbound.db.zst",
    "files/etc/" + "d" * 140 + "/short.conf",  # needs the ustar prefix
    "files/" + "x" * 300,  # needs pax
    "files/etc/ovn/café.conf",  # non-ASCII: pax
]


@pytest.mark.parametrize("name", NAMES)
def test_names_round_trip_through_us_tarfile_and_gnu_tar(name: str, tmp_path: Path) -> None:
    data = b"contents\n"
    fields = HeaderFields(name=name, size=len(data), uid=1000, gid=1000, uname="u", gname="g")
    raw = archive_of((fields, data))
    assert len(raw) % RECORD == 0
    [member] = index_of(raw).members
    assert (member.name, member.size, member.uname) == (name, len(data), "u")
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        [info] = tar.getmembers()
        assert info.name == name
        handle = tar.extractfile(info)
        assert handle is not None
        assert handle.read() == data
    path = tmp_path / "a.tar"
    path.write_bytes(raw)
    listing = subprocess.run(["tar", "-tf", path], capture_output=True, text=True, check=True)
    assert listing.stdout.strip() == name
    assert listing.stderr == ""
    out = subprocess.run(["tar", "-xOf", path, name], capture_output=True, check=True)
    assert out.stdout == data


def test_large_ids_long_owner_names_and_negative_mtime_use_pax() -> None:
    fields = HeaderFields(
        name="m", size=0, uid=2**31, gid=2**22, uname="u" * 40, gname="é", mtime=-5
    )
    [member] = index_of(archive_of((fields, b""))).members
    assert (member.uid, member.gid, member.uname, member.gname, member.mtime) == (
        2**31,
        2**22,
        "u" * 40,
        "é",
        -5,
    )


def test_sizes_from_8_gib_use_base_256_which_tarfile_reads() -> None:
    size = 9 * 2**30 + 7
    block = encode_ustar(HeaderFields(name="big", size=size))
    assert len(block) == BLOCK
    assert block[124] == 0x80
    assert tarfile.TarInfo.frombuf(block, "utf-8", "surrogateescape").size == size
    # Same length as the octal header: it can be patched in place.
    assert len(encode_ustar(HeaderFields(name="big", size=0))) == len(block)


def test_pax_records_count_their_own_length() -> None:
    for value in ("a", "b" * 5, "c" * 95, "d" * 994, "é" * 300):
        raw = encode_pax_records({"path": value})
        length = int(raw.split(b" ", 1)[0])
        assert length == len(raw)
        assert parse_pax_records(raw) == {"path": value}


def test_we_read_gnu_tar_long_names_and_link_types(tmp_path: Path) -> None:
    tree = tmp_path / "t"
    deep = tree / ("n" * 120)
    deep.mkdir(parents=True)
    (deep / "file").write_text("x")
    (tree / "sym").symlink_to("n" * 120 + "/file")
    (tree / "hard").hardlink_to(deep / "file")
    long_file = "./" + "n" * 120 + "/file"
    for fmt in ("gnu", "pax"):
        path = tmp_path / f"{fmt}.tar"
        subprocess.run(["tar", f"--format={fmt}", "-C", tree, "-cf", path, "."], check=True)
        data = path.read_bytes()
        index = index_of(data)
        assert index.defect is None
        names = {m.name: m for m in index.members}
        # Whichever of the two names tar meets second becomes the hard link.
        pair = sorted([names[long_file], names["./hard"]], key=lambda m: m.type)
        assert [m.type for m in pair] == ["0", "1"]
        assert (pair[0].size, pair[1].size, pair[1].linkname) == (1, 0, pair[0].name)
        assert names["./sym"].type == "2"
        assert names["./sym"].linkname == "n" * 120 + "/file"
        assert names["."].type == "5"


def test_bad_checksum_in_a_later_header_is_reported_with_its_offset() -> None:
    raw = bytearray(
        archive_of((HeaderFields(name="a", size=3), b"abc"), (HeaderFields(name="b", size=1), b"z"))
    )
    raw[2 * BLOCK + 10] ^= 1  # in member b's header name
    index = index_of(bytes(raw))
    assert [m.name for m in index.members] == ["a"]
    assert index.defect is not None
    assert index.defect.kind == "bad-header-checksum"
    assert index.defect.offset == 2 * BLOCK


def test_first_header_bad_is_not_a_tar() -> None:
    index = index_of(b"PK\x03\x04" + bytes(2000))
    assert index.defect is not None
    assert index.defect.kind == "not-a-tar"


@pytest.mark.parametrize(
    ("cut", "member"),
    [(100, None), (BLOCK + 1, "a"), (2 * BLOCK, None), (2 * BLOCK + 700, None)],
)
def test_truncation_anywhere_is_reported(cut: int, member: str | None) -> None:
    raw = archive_of((HeaderFields(name="a", size=3), b"abc"))
    index = index_of(raw[:cut])
    assert index.defect is not None
    assert index.defect.kind == "truncated-tar"
    assert index.defect.member == member


def test_data_after_the_end_is_reported() -> None:
    raw = archive_of((HeaderFields(name="a", size=3), b"abc")) + b"appended"
    index = index_of(raw)
    assert index.defect is not None
    assert index.defect.kind == "trailing-data"
    assert [m.name for m in index.members] == ["a"]


def test_a_lone_zero_block_followed_by_data_is_damage() -> None:
    one = archive_of((HeaderFields(name="a", size=3), b"abc"))
    two = archive_of((HeaderFields(name="b", size=3), b"def"))
    joined = one[: 2 * BLOCK] + bytes(BLOCK) + two
    index = index_of(joined)
    assert index.defect is not None
    assert index.defect.kind == "bad-header"


def test_malformed_pax_records_are_refused() -> None:
    for bad in (b"5 a=b\n", b"x path=y\n", b"10 pathy\n\n\n", b"9 path=y\n\x00\x00junk"):
        with pytest.raises(ArchiveError):
            parse_pax_records(bad)
