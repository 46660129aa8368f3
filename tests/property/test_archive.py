"""Property tests of the archive: codec round trips under any chunking, and damage
anywhere in an archive (a cut, a changed byte) always failing ``verify``."""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ovsdb_backup.archive import (
    ArchiveReader,
    ArchiveWriter,
    DatabaseEntry,
    Manifest,
    collect_files,
)
from ovsdb_backup.archive import verify_archive as verify
from ovsdb_backup.archive.codecs import COMPRESSIONS, Decoder, Encoder
from ovsdb_backup.archive.tarformat import BLOCK

CUTS = st.lists(st.integers(min_value=1, max_value=4096), max_size=8)


def split(data: bytes, sizes: list[int]) -> list[bytes]:
    pieces, pos = [], 0
    for size in sizes:
        pieces.append(data[pos : pos + size])
        pos += size
    pieces.append(data[pos:])
    return pieces


@pytest.mark.parametrize("codec", COMPRESSIONS)
@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=20_000), write_cuts=CUTS, read_cuts=CUTS, repeat=st.integers(1, 50))
def test_codec_round_trip_under_any_chunking(
    codec: str, data: bytes, write_cuts: list[int], read_cuts: list[int], repeat: int
) -> None:
    data *= repeat  # compressible too
    out: list[bytes] = []
    encoder = Encoder(codec, out.append, threads=0)
    for piece in split(data, write_cuts):
        encoder.write(piece)
    encoder.finish()
    decoder = Decoder(codec)
    got = [chunk for piece in split(b"".join(out), read_cuts) for chunk in decoder.feed(piece)]
    got.append(decoder.close())
    assert b"".join(got) == data


@cache
def sample_archive() -> tuple[bytes, int, frozenset[int]]:
    """A small complete archive (two databases, one configuration file), the offset
    where its content ends (end-of-archive blocks included; the zero padding after
    them may be lost harmlessly), and the offsets of header bytes that carry nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "etc" / "ovn.conf"
        conf.parent.mkdir()
        conf.write_text("ssl-protocols=TLSv1.2\n")
        path = Path(tmp) / "a.tar"
        with ArchiveWriter(path) as archive:
            nb = archive.add_bytes("db/NB.db.zst", b'OVSDB JSON 2 x\n{"a":1}\n' * 30)
            sb = archive.add_bytes("db/SB.db", b"OVSDB JSON 0 y\n{}\n", compression="none")
            files = archive.add_files(collect_files([str(conf)]))
            archive.commit(
                Manifest.new(
                    databases=[
                        DatabaseEntry.from_stored(nb, name="NB"),
                        DatabaseEntry.from_stored(sb, name="SB"),
                    ],
                    files=files.entries,
                    host="h",
                )
            )
        with ArchiveReader(path) as reader:
            end = reader.index.end_offset
            headers = [m.header_offset for m in reader.members]
        assert end is not None
        # The checksum field is "%06o\0 ": its NUL and space terminators are outside the
        # checksum and carry nothing; changing one to another terminator is harmless.
        inert = frozenset(h + i for h in headers for i in (154, 155))
        return path.read_bytes(), end + 2 * BLOCK, inert


def check_damaged(data: bytes) -> bool:
    fd, name = tempfile.mkstemp(suffix=".tar")
    try:
        os.write(fd, data)
        os.close(fd)
        return verify(name).ok
    finally:
        os.unlink(name)


def test_the_sample_archive_is_good() -> None:
    data, _end, _inert = sample_archive()
    assert check_damaged(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(offset=st.integers(min_value=0, max_value=10**6), mask=st.integers(1, 255))
def test_any_changed_byte_fails_verify(offset: int, mask: int) -> None:
    data, _end, inert = sample_archive()
    offset %= len(data)
    if offset in inert:
        return
    damaged = bytearray(data)
    damaged[offset] ^= mask
    assert not check_damaged(bytes(damaged)), (offset, mask)


def test_every_changed_byte_fails_verify() -> None:
    """Exhaustive: each byte of the archive, record padding included, has its low bit
    flipped in turn (``test_any_changed_byte_fails_verify`` tries other changes)."""
    mask = 0x01
    data, _end, inert = sample_archive()
    undetected = []
    for offset in range(len(data)):
        if offset in inert:
            continue
        damaged = bytearray(data)
        damaged[offset] ^= mask
        if check_damaged(bytes(damaged)):
            undetected.append(offset)
    assert undetected == []


def test_every_cut_before_the_end_of_archive_fails_verify() -> None:
    data, end, _inert = sample_archive()
    assert [cut for cut in range(end) if check_damaged(data[:cut])] == []
