"""Streaming compression of archive members, hashing both sides while data passes.

Each member is compressed on its own (like oVirt's engine-backup), so one damaged
member does not take the others with it and standard tools can take a single member
out: ``tar -xOf a.tar db/OVN_Northbound.db.zst | zstd -d``.

Nothing here holds a whole member: encoders push compressed bytes to a sink as they
come, decoders return output in pieces of at most ``OUTPUT_LIMIT`` bytes where the
library allows it (zstd's object API does not: there, input goes in 64 KiB slices).

Default: zstd level 1, measured on this project's OVN Northbound data (benchmarks
generator, ``nb-medium.db`` 124 MB and ``nb-large.db`` 479 MB, 2 shared cores, median
of 5, 1 MiB writes):

=========  ====================  ====================  =====================
level      nb-medium MB/s, ratio  nb-large MB/s, ratio  calling thread busy *
=========  ====================  ====================  =====================
zstd -1     441, 8.03              452, 8.25              0.03 s (threads=2)
zstd -2     356, 8.13              356, 8.34
zstd -3     214, 7.55              198, 7.70              0.04 s (threads=2)
gzip -6      32, 5.41
=========  ====================  ====================  =====================

(* for nb-medium: 0.22 s at level 1 and 0.51 s at level 3 without worker threads.)
Level 1 is twice as fast as level 3 *and* compresses this JSON better (level 3
switches to a match finder that does worse on OVSDB's long repetitive rows), so
level 3 buys nothing here. Worker threads (one per usable CPU) did not raise the
raw throughput on 2 busy cores, but they take compression off the calling thread,
which in a backup is busy parsing the server's JSON: the two then overlap.
zstd frames carry their XXH64 checksum so ``zstd -d`` alone detects damage too.
"""

from __future__ import annotations

import bz2
import hashlib
import lzma
import os
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any, cast

import zstandard

DEFAULT_COMPRESSION = "zstd"
ZSTD_DEFAULT_LEVEL = 1
OUTPUT_LIMIT = 1 << 20
_ZSTD_INPUT_SLICE = 64 << 10

EXTENSIONS = {"zstd": ".zst", "gzip": ".gz", "bzip2": ".bz2", "xz": ".xz", "none": ""}
COMPRESSIONS = tuple(EXTENSIONS)
_DEFAULT_LEVELS = {"zstd": ZSTD_DEFAULT_LEVEL, "gzip": 6, "bzip2": 9, "xz": 6}


def check_compression(name: str) -> str:
    """``name`` if it is a codec we know, else ValueError naming the choices."""
    if name not in EXTENSIONS:
        raise ValueError(f"unknown compression {name!r}; choose one of {', '.join(COMPRESSIONS)}")
    return name


def extension(name: str) -> str:
    """File-name extension of a codec: ``.zst``, ``.gz``, ``.bz2``, ``.xz`` or ``""``."""
    return EXTENSIONS[check_compression(name)]


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class HashingCounter:
    """SHA-256 and length of everything passed to :meth:`update`."""

    __slots__ = ("_hash", "size")

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.size = 0

    def update(self, data: bytes | memoryview) -> None:
        self._hash.update(data)
        self.size += len(data)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


# --------------------------------------------------------------------------- encoding

Sink = Callable[[bytes], object]


class _Writable:
    """The file-like face zstandard's stream_writer wants, over a plain callable."""

    __slots__ = ("_sink",)

    def __init__(self, sink: Sink) -> None:
        self._sink = sink

    def write(self, data: bytes) -> int:
        self._sink(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing is buffered here."""


class Encoder:
    """Compress a stream into ``sink``; hashes and counts the uncompressed side.

    Call :meth:`write` any number of times, then :meth:`finish` once. The compressed
    side is hashed by whoever owns the sink (the archive writer).
    """

    def __init__(
        self,
        compression: str,
        sink: Sink,
        *,
        level: int | None = None,
        threads: int | None = None,
    ) -> None:
        self.compression = check_compression(compression)
        self.uncompressed = HashingCounter()
        self._sink = sink
        level = _DEFAULT_LEVELS.get(compression, 0) if level is None else level
        self._compress: Callable[[bytes], bytes] | None = None
        self._flush: Callable[[], bytes] | None = None
        self._zstd: zstandard.ZstdCompressionWriter | None = None
        if compression == "zstd":
            compressor = zstandard.ZstdCompressor(
                level=level,
                threads=usable_cpus() if threads is None else threads,
                write_checksum=True,
            )
            # The stub asks for IO[bytes]; zstandard only ever calls write().
            self._zstd = compressor.stream_writer(cast(IO[bytes], _Writable(sink)), closefd=False)
        elif compression == "gzip":
            # wbits=31: the gzip container; zlib leaves the header's mtime at 0, so the
            # same input gives the same bytes.
            z = zlib.compressobj(level, zlib.DEFLATED, 31)
            self._compress, self._flush = z.compress, z.flush
        elif compression == "bzip2":
            b = bz2.BZ2Compressor(level)
            self._compress, self._flush = b.compress, b.flush
        elif compression == "xz":
            x = lzma.LZMACompressor(format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=level)
            self._compress, self._flush = x.compress, x.flush

    def write(self, data: bytes | memoryview) -> None:
        if not data:
            return
        self.uncompressed.update(data)
        if self._zstd is not None:
            self._zstd.write(data)
        elif self._compress is not None:
            out = self._compress(bytes(data))
            if out:
                self._sink(out)
        else:
            self._sink(bytes(data))

    def finish(self) -> None:
        if self._zstd is not None:
            self._zstd.flush(zstandard.FLUSH_FRAME)
            self._zstd = None
        elif self._flush is not None:
            out = self._flush()
            if out:
                self._sink(out)
            self._flush = self._compress = None


# --------------------------------------------------------------------------- decoding


class DecodeError(Exception):
    """Compressed data that cannot be decoded (the caller adds which member)."""


class Decoder:
    """Decompress a stream fed in pieces; :meth:`finish` raises if it was cut short.

    Concatenated streams (several frames/members, as ``zstd``/``gzip``/``xz`` produce
    when files are joined) are accepted, like the command-line tools do.
    """

    def __init__(self, compression: str) -> None:
        self.compression = check_compression(compression)
        self._fed = False
        # The three libraries' decompressor objects share eof/unused_data but differ in
        # how they bound output; they are driven below by codec, hence Any.
        self._state: Any = self._new()

    def _new(self) -> Any:
        if self.compression == "zstd":
            return zstandard.ZstdDecompressor().decompressobj()
        if self.compression == "gzip":
            return zlib.decompressobj(31)
        if self.compression == "bzip2":
            return bz2.BZ2Decompressor()
        if self.compression == "xz":
            return lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
        return None

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Output for ``data``, in pieces; raises DecodeError on damaged input."""
        if data:
            self._fed = True
        try:
            if self.compression == "none":
                if data:
                    yield data
            elif self.compression == "zstd":
                yield from self._feed_zstd(data)
            elif self.compression == "gzip":
                yield from self._feed_zlib(data)
            else:
                yield from self._feed_bz2_xz(data)
        except (zstandard.ZstdError, zlib.error, lzma.LZMAError, OSError, EOFError) as exc:
            raise DecodeError(f"{self.compression} data is damaged: {exc}") from None

    def close(self) -> bytes:
        """The last output (zlib may hold a few bytes back); raises DecodeError unless
        the input ended exactly at the end of a stream."""
        if self.compression == "none":
            return b""
        tail = b""
        if self.compression == "gzip" and not self._state.eof:
            try:
                tail = self._state.flush()
            except zlib.error as exc:
                raise DecodeError(f"gzip data is damaged: {exc}") from None
        if not self._state.eof:
            what = "cut short (truncated)" if self._fed else "empty"
            raise DecodeError(f"{self.compression} stream is {what}")
        return tail

    def _next_stream(self, data: bytes) -> bytes:
        """After a stream's end: what followed it, starting the next stream with it."""
        rest: bytes = self._state.unused_data + data
        if rest:
            self._state = self._new()
        return rest

    def _feed_zstd(self, data: bytes) -> Iterator[bytes]:
        view = memoryview(data)
        while True:
            if self._state.eof:
                view = memoryview(self._next_stream(bytes(view)))
            if not view:
                return
            # No output bound in zstandard's object API: bound the input instead.
            piece, view = view[:_ZSTD_INPUT_SLICE], view[_ZSTD_INPUT_SLICE:]
            out: bytes = self._state.decompress(piece)
            if out:
                yield out

    def _feed_zlib(self, data: bytes) -> Iterator[bytes]:
        while True:
            if self._state.eof:
                data = self._next_stream(data)
            if not data:
                return
            out: bytes = self._state.decompress(data, OUTPUT_LIMIT)
            # At a stream's end CPython leaves the rest in *both* unconsumed_tail and
            # unused_data; _next_stream takes it from unused_data.
            data = b"" if self._state.eof else self._state.unconsumed_tail
            if out:
                yield out

    def _feed_bz2_xz(self, data: bytes) -> Iterator[bytes]:
        while True:
            if self._state.eof:
                data = self._next_stream(data)
                if not data:
                    return
            elif not data and self._state.needs_input:
                return
            # These keep unconsumed input inside; call again with b"" to drain.
            out: bytes = self._state.decompress(data, OUTPUT_LIMIT)
            data = b""
            if out:
                yield out
