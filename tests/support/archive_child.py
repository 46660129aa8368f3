"""A process that writes one archive, for crash and full-disk tests.

    python -m tests.support.archive_child PATH MEGABYTES COMPRESSION [FSIZE_LIMIT]

Prints ``open`` once the archive is being written, ``done`` after commit. On an
ovsdb-backup error it prints the error and the directory listing and exits with the
error's exit code.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import time

from ovsdb_backup.archive import ArchiveWriter, DatabaseEntry, Manifest
from ovsdb_backup.errors import OvsdbBackupError


def main() -> int:
    path, megabytes, compression = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if len(sys.argv) > 4:
        limit = int(sys.argv[4])
        # Without this, exceeding RLIMIT_FSIZE kills the process instead of failing write().
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    block = os.urandom(256 << 10) + b'{"name":"ls","ports":["uuid"]}' * 25_000
    try:
        with ArchiveWriter(path, compression=compression) as archive:
            print("open", flush=True)
            with archive.database("OVN_Northbound") as member:
                for i in range(megabytes):
                    member.write(block[: 1 << 20])
                    member.write(i.to_bytes(8, "big"))
                    time.sleep(0.003)  # spread the run so kills land everywhere
            assert member.result is not None
            entry = DatabaseEntry.from_stored(member.result, name="OVN_Northbound")
            archive.commit(Manifest.new(databases=[entry]))
    except OvsdbBackupError as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        print("left:", sorted(os.listdir(os.path.dirname(os.path.abspath(path)))), flush=True)
        return int(exc.exit_code)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
