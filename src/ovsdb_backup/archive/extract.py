"""Restoring archived configuration files, without ever writing through a link.

The target side is hostile ground: a symbolic link planted in the target directory
(``/restore/etc -> /etc``) must not redirect what we write. So:

* paths come from the manifest, which refuses absolute member names and ``..``;
* directories are walked one component at a time from a directory descriptor with
  ``O_NOFOLLOW``, creating what is missing; a link on the way stops the restore;
* a file is written to a new temporary name (``O_CREAT|O_EXCL|O_NOFOLLOW``) in its
  directory, checked (sizes and SHA-256), then hard-linked to its name, which fails
  instead of replacing an existing one, or, with ``overwrite``, renamed over it
  (which replaces a link itself rather than writing to what it points at);
* owners and modes are restored only when asked (``restore_permissions``), owners
  by *name* when the name exists here (ids differ between hosts), and never
  set-user-ID or set-group-ID bits.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import ArchiveError, OutputError, RefusedError
from .codecs import HashingCounter
from .fsio import gid_of, mtime_ns, uid_of, write_all
from .manifest import FileEntry
from .reader import ArchiveReader

# Without restore_permissions, everything restored is private to the restoring user:
# configuration often holds keys and passwords.
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
# Set-id bits are never restored: no configuration needs them, and a tampered
# manifest could use them to plant a set-uid program.
_MODE_MASK = 0o1777


@dataclass
class ExtractResult:
    """What :func:`extract_files` did, path by path (paths as in the manifest)."""

    target: str
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    directories: list[str] = field(default_factory=list)


def extract_files(
    reader: ArchiveReader,
    target: str,
    *,
    paths: Iterable[str] | None = None,
    overwrite: bool = False,
    restore_permissions: bool = False,
) -> ExtractResult:
    """Restore the archive's configuration files under directory ``target``.

    A file recorded as ``/etc/ovn/x`` goes to ``<target>/etc/ovn/x`` (``target="/"``
    puts files back where they were). ``paths`` restricts the restore to those
    recorded paths and what is under them. An existing different file is replaced only
    with ``overwrite`` (otherwise RefusedError lists them all before anything is
    written); an identical one is left alone and reported unchanged.
    """
    reader.check_safe()
    entries = _select(reader.manifest().files, paths)
    os.makedirs(target, mode=PRIVATE_DIR_MODE, exist_ok=True)
    root = os.open(target, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        job = _Extraction(reader, root, target, overwrite, restore_permissions)
        job.check_conflicts(entries)
        for entry in sorted(entries, key=_order):
            job.restore(entry)
        # Directory owners, modes and times last: writing into a directory changes its
        # mtime, and a restored read-only mode would block the writes.
        for entry in sorted(entries, key=lambda e: e.path, reverse=True):
            if entry.type == "directory":
                job.finish_directory(entry)
        return job.result
    finally:
        os.close(root)


def _select(entries: Iterable[FileEntry], paths: Iterable[str] | None) -> list[FileEntry]:
    if paths is None:
        return list(entries)
    wanted = [p.rstrip("/") or "/" for p in paths]
    return [e for e in entries if any(e.path == w or e.path.startswith(w + "/") for w in wanted)]


def _order(entry: FileEntry) -> tuple[int, str]:
    return ({"directory": 0, "file": 1, "symlink": 2}.get(entry.type, 3), entry.path)


class _Extraction:
    def __init__(
        self,
        reader: ArchiveReader,
        root: int,
        target: str,
        overwrite: bool,
        restore_permissions: bool,
    ) -> None:
        self.reader = reader
        self.root = root
        self.overwrite = overwrite
        self.permissions = restore_permissions
        self.result = ExtractResult(target=target)
        self.target = target
        self._identical: set[str] = set()

    def shown(self, entry: FileEntry) -> str:
        return os.path.join(self.target, entry.path.lstrip("/"))

    # ----------------------------------------------------------------- checks

    def check_conflicts(self, entries: list[FileEntry]) -> None:
        conflicts = []
        for entry in entries:
            if entry.type == "directory":
                continue
            state = self._existing(entry)
            if state == "identical":
                self._identical.add(entry.path)
            elif state == "different" and not self.overwrite:
                conflicts.append(self.shown(entry))
        if conflicts:
            listed = ", ".join(conflicts[:10]) + (" …" if len(conflicts) > 10 else "")
            raise RefusedError(
                f"refusing to overwrite {len(conflicts)} existing file(s): {listed}",
                hint="restore elsewhere, or allow overwriting (--force)",
            )

    def _existing(self, entry: FileEntry) -> str:
        """'absent', 'identical' or 'different' for what is at the entry's place."""
        parts = entry.path.strip("/").split("/")
        parent = self._walk(parts[:-1], create=False)
        if parent is None:
            return "absent"
        try:
            st = os.lstat(parts[-1], dir_fd=parent)
            if entry.type == "symlink":
                same = stat.S_ISLNK(st.st_mode) and (
                    os.readlink(parts[-1], dir_fd=parent) == entry.target
                )
                return "identical" if same else "different"
        except FileNotFoundError:
            return "absent"
        finally:
            os.close(parent)
        if not stat.S_ISREG(st.st_mode) or st.st_size != entry.uncompressed_size:
            return "different"
        return "identical" if self._same_content(entry) else "different"

    def _same_content(self, entry: FileEntry) -> bool:
        parts = entry.path.strip("/").split("/")
        parent = self._walk(parts[:-1], create=False)
        if parent is None:
            return False
        try:
            fd = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=parent)
        except OSError:
            return False
        finally:
            os.close(parent)
        digest = HashingCounter()
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return False
            while chunk := os.read(fd, 1 << 20):
                digest.update(chunk)
        finally:
            os.close(fd)
        return digest.hexdigest() == entry.uncompressed_sha256

    # ----------------------------------------------------------------- walking

    def _walk(self, parts: list[str], *, create: bool) -> int | None:
        """A descriptor of ``root/parts…``, never following a link; None if a part is
        missing and not ``create``. OutputError if a part is a link or not a directory."""
        fd = os.dup(self.root)
        walked = self.target
        try:
            for part in parts:
                walked = os.path.join(walked, part)
                next_fd = self._open_dir(fd, part, walked, create)
                if next_fd is None:
                    os.close(fd)
                    return None
                os.close(fd)
                fd = next_fd
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _open_dir(self, parent: int, name: str, shown: str, create: bool) -> int | None:
        flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
        for _attempt in range(3):
            try:
                return os.open(name, flags, dir_fd=parent)
            except FileNotFoundError:
                if not create:
                    return None
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, PRIVATE_DIR_MODE, dir_fd=parent)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    what = "a symbolic link" if _is_link(parent, name) else "not a directory"
                    raise OutputError(
                        f"{shown}: is {what}; refusing to restore through it",
                        hint="symbolic links on the target side are never followed",
                    ) from None
                raise OutputError(f"{shown}: cannot open: {exc.strerror}") from None
        raise OutputError(f"{shown}: keeps changing while restoring")

    # ----------------------------------------------------------------- restoring

    def restore(self, entry: FileEntry) -> None:
        if entry.path in self._identical:
            self.result.unchanged.append(entry.path)
            return
        parts = entry.path.strip("/").split("/")
        if entry.type == "directory":
            fd = self._walk(parts, create=True)
            assert fd is not None
            os.close(fd)
            self.result.directories.append(entry.path)
            return
        parent = self._walk(parts[:-1], create=True)
        assert parent is not None
        try:
            if entry.type == "symlink":
                self._restore_link(entry, parent, parts[-1])
                self.result.links.append(entry.path)
            else:
                self._restore_file(entry, parent, parts[-1])
                self.result.written.append(entry.path)
            with contextlib.suppress(OSError):
                os.fsync(parent)
        finally:
            os.close(parent)

    def _restore_file(self, entry: FileEntry, parent: int, name: str) -> None:
        stored = entry.stored()
        if stored is None:  # the manifest's own validation makes this unreachable
            raise ArchiveError(f"{entry.path}: no member", kind="bad-manifest")
        temp = _temp_name(name)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            fd = os.open(temp, flags, PRIVATE_FILE_MODE, dir_fd=parent)
        except OSError as exc:
            raise OutputError(f"{self.shown(entry)}: cannot create: {exc.strerror}") from None
        try:
            try:
                with self.reader.open_member(stored.member) as source:
                    for chunk in source.chunks():
                        write_all(fd, chunk)
                self._apply_metadata(fd, entry)
                os.fsync(fd)
            finally:
                os.close(fd)
            self._install(temp, name, parent, entry)
        except OSError as exc:
            raise OutputError(f"{self.shown(entry)}: cannot write: {exc.strerror}") from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp, dir_fd=parent)

    def _restore_link(self, entry: FileEntry, parent: int, name: str) -> None:
        assert entry.target is not None
        temp = _temp_name(name)
        try:
            os.symlink(entry.target, temp, dir_fd=parent)
            if self.permissions:
                with contextlib.suppress(PermissionError):
                    os.chown(
                        temp,
                        uid_of(entry.owner, entry.uid),
                        gid_of(entry.group, entry.gid),
                        dir_fd=parent,
                        follow_symlinks=False,
                    )
            self._install(temp, name, parent, entry)
        except OSError as exc:
            raise OutputError(f"{self.shown(entry)}: cannot create link: {exc.strerror}") from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp, dir_fd=parent)

    def _install(self, temp: str, name: str, parent: int, entry: FileEntry) -> None:
        if self.overwrite:
            # rename replaces a link or file at ``name`` itself, never its target.
            os.rename(temp, name, src_dir_fd=parent, dst_dir_fd=parent)
            return
        try:
            os.link(temp, name, src_dir_fd=parent, dst_dir_fd=parent, follow_symlinks=False)
        except FileExistsError:
            raise OutputError(
                f"{self.shown(entry)}: appeared while restoring; not overwritten"
            ) from None

    def _apply_metadata(self, fd: int, entry: FileEntry) -> None:
        if self.permissions:
            # chown first: it clears set-id bits, and we set the mode after it.
            with contextlib.suppress(PermissionError):
                os.fchown(fd, uid_of(entry.owner, entry.uid), gid_of(entry.group, entry.gid))
            os.fchmod(fd, entry.mode & _MODE_MASK)
        when = mtime_ns(entry.mtime)
        os.utime(fd, ns=(when, when))

    def finish_directory(self, entry: FileEntry) -> None:
        fd = self._walk(entry.path.strip("/").split("/"), create=True)
        assert fd is not None
        try:
            self._apply_metadata(fd, entry)
            with contextlib.suppress(OSError):
                os.fsync(fd)
        finally:
            os.close(fd)


def _temp_name(name: str) -> str:
    return f".{name[:200]}.ovsdb-backup-{secrets.token_hex(4)}"


def _is_link(parent: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=parent).st_mode)
    except OSError:
        return False
