"""Archive throughput, memory and listing cost on real OVSDB files.

    python benchmarks/archive_io.py DB_FILE [DB_FILE…] [--workdir DIR] [--big-gb N]

For each codec: write an archive holding the given database files (fed in 1 MiB
chunks, as the backup streams them), verify it, and read each database back; reports
wall time, MB/s of uncompressed data, archive size and the peak RSS of a child process
doing only the write. Then builds an N-GB archive (uncompressed members) and times
``list_archives`` on it with its pages evicted from the page cache (``fadvise``
DONTNEED on that file only, so other users of the machine are not disturbed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ovsdb_backup.archive import (
    COMPRESSIONS,
    ArchiveReader,
    ArchiveWriter,
    DatabaseEntry,
    Manifest,
    list_archives,
    verify_archive,
)

CHUNK = 1 << 20


def write(path: Path, sources: list[Path], compression: str, repeat: int = 1) -> None:
    with ArchiveWriter(path, compression=compression, overwrite=True) as archive:
        entries = []
        for n in range(repeat):
            for source in sources:
                name = source.stem.replace("-", "_") + (f"_{n}" if repeat > 1 else "")
                with archive.database(name) as member, open(source, "rb") as handle:
                    while chunk := handle.read(CHUNK):
                        member.write(chunk)
                assert member.result is not None
                entries.append(DatabaseEntry.from_stored(member.result, name=name))
        archive.commit(Manifest.new(databases=entries))


def evict(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def child_peak_rss(path: Path, sources: list[Path], compression: str) -> float:
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, 'benchmarks');"
        "import archive_io as a;"
        f"a.write(Path({str(path)!r}), [Path(s) for s in {[str(s) for s in sources]!r}], "
        f"{compression!r})"
    )
    # wait4 gives this child's own peak (RUSAGE_CHILDREN would be the max of all).
    proc = subprocess.Popen([sys.executable, "-c", code])
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0
    path.unlink()
    return usage.ru_maxrss / 1024


def codecs(sources: list[Path], workdir: Path, which: list[str]) -> None:
    total = sum(s.stat().st_size for s in sources)
    print(f"{len(sources)} file(s), {total / 1e6:.0f} MB uncompressed")
    # A child's ru_maxrss counts the parent's pages it started with (before exec), so
    # measure the children while this process is still small.
    rss = {c: child_peak_rss(workdir / f"rss-{c}.tar", sources, c) for c in which}
    print("codec  write s  MB/s  verify s  read s  archive MB  ratio  write peak RSS MB")
    for compression in which:
        path = workdir / f"bench-{compression}.tar"
        started = time.perf_counter()
        write(path, sources, compression)
        written = time.perf_counter() - started
        started = time.perf_counter()
        check = verify_archive(path)
        verified = time.perf_counter() - started
        assert check.ok, check.findings
        started = time.perf_counter()
        with ArchiveReader(path) as reader:
            for db in reader.manifest().databases:
                for _chunk in reader.open_database(db.name).chunks():
                    pass
        read = time.perf_counter() - started
        size = path.stat().st_size
        print(
            f"{compression:6} {written:7.2f} {total / written / 1e6:5.0f} {verified:9.2f} "
            f"{read:7.2f} {size / 1e6:11.1f} {total / size:6.2f} {rss[compression]:17.0f}"
        )
        path.unlink()


def listing(sources: list[Path], workdir: Path, gigabytes: float) -> None:
    directory = workdir / "listing"
    directory.mkdir(exist_ok=True)
    path = directory / "big.tar"
    total = sum(s.stat().st_size for s in sources)
    repeat = max(1, round(gigabytes * 1e9 / total))
    write(path, sources, "none", repeat)
    evict(path)
    started = time.perf_counter()
    [summary] = list_archives(str(directory))
    cold = time.perf_counter() - started
    started = time.perf_counter()
    list_archives(str(directory))
    warm = time.perf_counter() - started
    print(
        f"list: {summary.size / 1e9:.2f} GB archive, {len(summary.databases)} members, "
        f"state {summary.state}: {cold * 1000:.1f} ms cold, {warm * 1000:.1f} ms warm"
    )
    path.unlink()
    directory.rmdir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--big-gb", type=float, default=3.0)
    parser.add_argument("--codecs", default=",".join(COMPRESSIONS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        codecs(args.files, Path(tmp), args.codecs.split(","))
        if args.big_gb > 0:
            listing(args.files, Path(tmp), args.big_gb)


if __name__ == "__main__":
    main()
