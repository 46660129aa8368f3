"""File-system steps that every writer of this project shares: installing a finished
temporary file under its final name, and making a rename durable."""

from __future__ import annotations

import contextlib
import errno
import os

from .errors import OutputError

# File systems without hard links answer with one of these; a checked rename then serves.
_NO_LINKS = (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK)


def fsync_directory(path: str) -> None:
    """Make a rename or link in ``path`` durable (POSIX needs the directory synced)."""
    fd = os.open(path or ".", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        # Some file systems (and FUSE) refuse fsync on a directory; nothing to do then.
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def install(temporary: str, final: str, *, overwrite: bool) -> None:
    """Give a complete, fsynced temporary file its final name, atomically.

    Without ``overwrite`` an existing file is never clobbered, also one that appeared
    while the temporary file was written: the final step is a hard link, which fails
    if the name exists. The directory is fsynced afterwards.
    """
    if overwrite:
        os.replace(temporary, final)
    else:
        try:
            os.link(temporary, final)
        except FileExistsError:
            raise OutputError(f"{final}: appeared while writing; not overwritten") from None
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise OutputError(f"{final}: cannot install: {exc.strerror}") from None
            if os.path.lexists(final):
                raise OutputError(f"{final}: appeared while writing; not overwritten") from None
            os.rename(temporary, final)
        else:
            os.unlink(temporary)
    fsync_directory(os.path.dirname(os.path.abspath(final)))
