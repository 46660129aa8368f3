"""Codecs: round trips, interoperability with the command-line tools, damage detection."""

from __future__ import annotations

import hashlib
import os
import subprocess

import pytest

from ovsdb_backup.archive.codecs import (
    COMPRESSIONS,
    OUTPUT_LIMIT,
    DecodeError,
    Decoder,
    Encoder,
    extension,
)

DATA = os.urandom(50_000) + b'{"uuid":["uuid","0a1b2c3d"],"name":"ls-1"}' * 20_000
CLI = {"zstd": "zstd", "gzip": "gzip", "bzip2": "bzip2", "xz": "xz"}
COMPRESSED = [c for c in COMPRESSIONS if c != "none"]


def compress(data: bytes, codec: str, piece: int = 65_536, **kw) -> tuple[bytes, Encoder]:
    out: list[bytes] = []
    encoder = Encoder(codec, out.append, **kw)
    for i in range(0, len(data), piece):
        encoder.write(data[i : i + piece])
    encoder.finish()
    return b"".join(out), encoder


def decompress(raw: bytes, codec: str, piece: int = 10_007) -> bytes:
    decoder = Decoder(codec)
    out: list[bytes] = []
    for i in range(0, len(raw), piece):
        out.extend(decoder.feed(raw[i : i + piece]))
    out.append(decoder.close())
    return b"".join(out)


@pytest.mark.parametrize("codec", COMPRESSIONS)
def test_round_trip_and_uncompressed_hash(codec: str) -> None:
    raw, encoder = compress(DATA, codec)
    assert decompress(raw, codec) == DATA
    assert encoder.uncompressed.size == len(DATA)
    assert encoder.uncompressed.hexdigest() == hashlib.sha256(DATA).hexdigest()
    if codec != "none":
        assert len(raw) < len(DATA) / 3


@pytest.mark.parametrize("codec", COMPRESSIONS)
def test_empty_input_round_trips(codec: str) -> None:
    raw, _ = compress(b"", codec)
    assert decompress(raw, codec) == b""


@pytest.mark.parametrize("codec", COMPRESSED)
def test_standard_tools_decompress_our_output(codec: str) -> None:
    raw, _ = compress(DATA, codec)
    done = subprocess.run([CLI[codec], "-d", "-c"], input=raw, capture_output=True, check=True)
    assert done.stdout == DATA


@pytest.mark.parametrize("codec", COMPRESSED)
def test_we_decompress_the_standard_tools_output_even_concatenated(codec: str) -> None:
    made = subprocess.run([CLI[codec], "-c"], input=DATA, capture_output=True, check=True).stdout
    assert decompress(made + made, codec) == DATA + DATA


def test_zstd_multithreaded_output_is_one_standard_frame() -> None:
    raw, _ = compress(DATA * 8, "zstd", threads=2)
    assert decompress(raw, "zstd") == DATA * 8


@pytest.mark.parametrize("codec", COMPRESSED)
def test_truncation_is_detected(codec: str) -> None:
    raw, _ = compress(DATA, codec)
    for cut in (1, len(raw) // 2, len(raw) - 1):
        with pytest.raises(DecodeError):
            decompress(raw[:cut], codec)


@pytest.mark.parametrize("codec", COMPRESSED)
def test_empty_compressed_stream_is_an_error(codec: str) -> None:
    with pytest.raises(DecodeError, match="empty"):
        Decoder(codec).close()


@pytest.mark.parametrize("codec", COMPRESSED)
def test_damage_in_the_middle_is_detected(codec: str) -> None:
    raw = bytearray(compress(DATA, codec)[0])
    raw[len(raw) // 2] ^= 0x10
    with pytest.raises(DecodeError):
        decompress(bytes(raw), codec)


@pytest.mark.parametrize("codec", COMPRESSED)
def test_junk_after_the_stream_is_detected(codec: str) -> None:
    raw, _ = compress(DATA, codec)
    with pytest.raises(DecodeError):
        decompress(raw + b"\x00garbage\xff" * 3, codec)


@pytest.mark.parametrize("codec", ["gzip", "bzip2", "xz"])
def test_output_comes_in_bounded_pieces(codec: str) -> None:
    zeros = bytes(50 << 20)
    raw, _ = compress(zeros, codec, piece=1 << 20)
    decoder = Decoder(codec)
    sizes = [len(piece) for piece in decoder.feed(raw)]
    assert max(sizes) <= OUTPUT_LIMIT
    assert sum(sizes) + len(decoder.close()) == len(zeros)


def test_extensions_and_unknown_codec() -> None:
    assert [extension(c) for c in COMPRESSIONS] == [".zst", ".gz", ".bz2", ".xz", ""]
    with pytest.raises(ValueError, match="choose one of zstd, gzip"):
        Encoder("lz4", lambda _b: None)
