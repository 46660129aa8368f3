"""Writing one archive atomically: ``PATH.part``, members, manifest last, fsync, rename.

Layout decisions (docs/archive-format.md has the reader's side):

* **Manifest last, and only last.** The manifest holds every member's size and
  SHA-256, which are known only once the member is written; a copy at the start
  would need every member staged elsewhere first (twice the disk I/O and space). As
  the last member it doubles as the "complete" marker: an archive cut anywhere has
  no manifest. Readers find it by walking the tar headers, which skips over member
  data (a multi-GB archive costs one 512-byte read per member, see ``store.py``).
* **Sizes patched after the data.** A compressed member's size is unknown until it
  is compressed; instead of staging it in a temporary file (twice the I/O and disk
  space, the temporary a leftover risk), its header is written with size 0, the
  data streamed behind it, and the header rewritten in place (``tarformat.py``).
  A failed member is cut off (truncate back to its header), so a caller can retry
  it, e.g. from another server, without starting the archive again.
* **Crash safety.** Nothing is ever written under the final name: ``PATH.part`` is
  fsynced, then hard-linked to ``PATH`` (which cannot clobber an archive that
  appeared meanwhile) or renamed over it with ``overwrite=True``, then the directory
  is fsynced. An exception or KeyboardInterrupt removes ``PATH.part``; a SIGKILL
  leaves it, and the next writer of ``PATH`` removes it.
* **Who owns a ``.part``.** A writer holds an flock on its ``.part`` for its whole
  life, and the file gets its name only once locked (created unnamed with
  O_TMPFILE, or under a unique name, then linked). A ``.part`` whose lock can be
  taken is therefore stale and is replaced; one whose lock is held belongs to a
  running writer and is left alone.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import BinaryIO

from ..errors import InputError, OutputError
from ..fsutil import install
from ..results import ProgressCallback
from .codecs import DEFAULT_COMPRESSION, Encoder, HashingCounter, check_compression, extension
from .files import CollectedFile, FileCollection
from .fsio import group_name, mtime_of, output_error, user_name, write_all
from .manifest import FileEntry, Manifest, SkippedFile, StoredMember
from .names import (
    MANIFEST_MEMBER,
    database_member,
    file_member,
    member_name_problem,
    row_index_member,
)
from .tarformat import BLOCK, HeaderFields, encode_header, encode_ustar, end_of_archive, padded

_BUFFER = 1 << 20
_READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class Owner:
    """Ownership and mode put in a member's tar header (``tar -xp`` restores them)."""

    mode: int = 0o600
    uid: int = field(default_factory=os.getuid)
    gid: int = field(default_factory=os.getgid)
    uname: str = ""
    gname: str = ""

    @classmethod
    def current(cls, mode: int = 0o600) -> Owner:
        uid, gid = os.getuid(), os.getgid()
        return cls(mode, uid, gid, user_name(uid) or "", group_name(gid) or "")


@dataclass(frozen=True)
class ArchivedFiles:
    """What :meth:`ArchiveWriter.add_files` put in the archive, for the manifest."""

    entries: list[FileEntry]
    skipped: list[SkippedFile]


@dataclass(frozen=True)
class WrittenArchive:
    """The installed archive."""

    path: str
    size: int
    manifest: Manifest


class ArchiveWriter:
    """Write an archive to ``path`` atomically (see the module docstring).

    Use as a context manager; call :meth:`commit` with the manifest at the end. Leaving
    the block without committing, by an exception or not, removes everything written::

        with ArchiveWriter("/backups/ovn.tar") as archive:
            with archive.database("OVN_Northbound") as member:
                for chunk in chunks:
                    member.write(chunk)
            nb = DatabaseEntry.from_stored(member.result, name="OVN_Northbound", ...)
            archive.commit(Manifest.new(databases=[nb]))
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        overwrite: bool = False,
        mode: int = 0o600,
        compression: str = DEFAULT_COMPRESSION,
        level: int | None = None,
        threads: int | None = None,
    ) -> None:
        self.path = os.path.abspath(os.fspath(path))
        self.part_path = self.path + ".part"
        self.directory = os.path.dirname(self.path)
        self.overwrite = overwrite
        self.mode = mode
        self.compression = check_compression(compression)
        self.level = level
        self.threads = threads
        self.removed_stale_part = False
        self.mtime = int(time.time())
        self._fd: int | None = None
        self._buffer = bytearray()
        self._position = 0
        self._members: dict[str, StoredMember] = {}
        self._current: MemberWriter | None = None
        self._installed = False

    # ----------------------------------------------------------------- lifecycle

    def __enter__(self) -> ArchiveWriter:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.abort()

    def open(self) -> None:
        """Create and lock ``PATH.part``; refuses an existing ``PATH`` unless overwriting."""
        if self._fd is not None:
            return
        if not os.path.isdir(self.directory):
            raise OutputError(f"{self.directory}: output directory does not exist")
        if not self.overwrite and os.path.lexists(self.path):
            raise OutputError(
                f"{self.path}: already exists; refusing to overwrite it",
                hint="choose another name, or pass --force",
            )
        for _attempt in range(5):
            fd = self._create_locked()
            try:
                fd.link_to(self.part_path)
            except FileExistsError:
                fd.close()
                self._remove_stale_part()
                continue
            except OSError as exc:
                fd.close()
                raise OutputError(f"{self.part_path}: cannot create: {exc.strerror}") from None
            finally:
                fd.drop_name()
            self._fd = fd.fd
            return
        raise OutputError(f"{self.part_path}: keeps appearing; is another backup running?")

    def _create_locked(self) -> _NewFile:
        flags = os.O_RDWR | os.O_CLOEXEC
        try:
            # Unnamed until linked: a crash before the link leaves nothing behind.
            # Linking it needs /proc (linkat with AT_EMPTY_PATH needs a capability).
            if not os.path.isdir("/proc/self/fd"):
                raise OSError(errno.EOPNOTSUPP, "no /proc")
            fd = os.open(self.directory, flags | os.O_TMPFILE, self.mode)
            new = _NewFile(fd, None)
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
                raise OutputError(
                    f"{self.directory}: cannot create a file: {exc.strerror}"
                ) from None
            name = f"{self.part_path}.{os.getpid()}-{secrets.token_hex(4)}"
            try:
                fd = os.open(name, flags | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, self.mode)
            except OSError as exc2:
                raise OutputError(f"{name}: cannot create: {exc2.strerror}") from None
            new = _NewFile(fd, name)
        try:
            fcntl.flock(new.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.fchmod(new.fd, self.mode)  # the umask must not loosen nor tighten it
        except BaseException:
            new.close()
            raise
        return new

    def _remove_stale_part(self) -> None:
        """Remove ``PATH.part`` if no live writer holds it, else refuse."""
        try:
            fd = os.open(self.part_path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise OutputError(
                f"{self.part_path}: exists and cannot be examined ({exc.strerror}); remove it"
            ) from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise OutputError(f"{self.part_path}: exists and is not a regular file")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputError(
                    f"{self.part_path}: another process is writing this archive right now"
                ) from None
            # Holding its lock, nobody else may rename or remove it; check that the name
            # still means the file we locked before removing it.
            with contextlib.suppress(FileNotFoundError):
                now = os.lstat(self.part_path)
                if (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino):
                    os.unlink(self.part_path)
                    self.removed_stale_part = True
        finally:
            os.close(fd)

    def abort(self) -> None:
        """Remove ``PATH.part`` (unless already installed). Safe to call repeatedly."""
        if self._fd is None:
            return
        if not self._installed:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.part_path)
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None
        self._current = None

    # ----------------------------------------------------------------- raw output

    @property
    def position(self) -> int:
        """Bytes written to the archive so far (buffered ones included)."""
        return self._position

    def _write(self, data: bytes | memoryview) -> None:
        self._buffer += data
        self._position += len(data)
        if len(self._buffer) >= _BUFFER:
            self._flush()

    def _flush(self) -> None:
        fd = self._require_open()
        try:
            write_all(fd, self._buffer)
        except OSError as exc:
            raise output_error(self.path, exc, done=self._position - len(self._buffer)) from None
        self._buffer.clear()

    def _patch(self, offset: int, data: bytes) -> None:
        fd = self._require_open()
        self._flush()
        try:
            os.pwrite(fd, data, offset)
        except OSError as exc:
            raise output_error(self.path, exc) from None

    def _rewind(self, offset: int) -> None:
        """Forget everything written from ``offset`` on (buffered or on disk)."""
        fd = self._require_open()
        flushed = self._position - len(self._buffer)
        if offset >= flushed:
            del self._buffer[offset - flushed :]
        else:
            self._buffer.clear()
            try:
                os.ftruncate(fd, offset)
                os.lseek(fd, offset, os.SEEK_SET)
            except OSError as exc:
                raise output_error(self.path, exc) from None
        self._position = offset

    def _require_open(self) -> int:
        if self._fd is None:
            raise RuntimeError("the archive writer is not open (or was aborted)")
        return self._fd

    # ----------------------------------------------------------------- members

    def member(
        self,
        name: str,
        *,
        compression: str | None = None,
        owner: Owner | None = None,
        mtime: int | None = None,
    ) -> MemberWriter:
        """Start a member; write its uncompressed bytes to the returned object.

        One member at a time. Use it as a context manager: on leaving the block the
        member is finished (its :attr:`~MemberWriter.result` then holds sizes and
        hashes); on an exception it is removed from the archive, which stays usable.
        """
        self._require_open()
        if self._current is not None:
            raise RuntimeError(f"member {self._current.name!r} is still being written")
        problem = member_name_problem(name)
        if problem is not None:
            raise ValueError(f"unsafe member name {name!r}: {problem}")
        if name in self._members or name == MANIFEST_MEMBER:
            raise ValueError(f"member {name!r} is already in the archive")
        codec = self.compression if compression is None else check_compression(compression)
        fields_ = _header_fields(
            name, owner or Owner.current(), self.mtime if mtime is None else mtime
        )
        self._current = MemberWriter(self, name, codec, fields_)
        return self._current

    def database(self, db_name: str, *, compression: str | None = None) -> MemberWriter:
        """:meth:`member` for a database, named ``db/<name>.db`` plus the codec extension."""
        codec = self.compression if compression is None else check_compression(compression)
        return self.member(database_member(db_name, extension(codec)), compression=codec)

    def add_database(
        self,
        db_name: str,
        source: BinaryIO | Iterable[bytes],
        *,
        compression: str | None = None,
        progress: ProgressCallback | None = None,
        total: int | None = None,
    ) -> StoredMember:
        """:meth:`add_stream` under the database's member name (``db/<name>.db.zst`` …)."""
        codec = self.compression if compression is None else check_compression(compression)
        name = database_member(db_name, extension(codec))
        return self.add_stream(name, source, compression=codec, progress=progress, total=total)

    def add_row_index(self, db_name: str, source: Iterable[bytes]) -> StoredMember:
        """A database's row index, under ``db/<name>.rows.json`` plus the codec extension."""
        name = row_index_member(db_name, extension(self.compression))
        return self.add_stream(name, source)

    def _finished(self, member: MemberWriter, stored: StoredMember | None) -> None:
        self._current = None
        if stored is not None:
            self._members[member.name] = stored

    def add_stream(
        self,
        name: str,
        source: BinaryIO | Iterable[bytes],
        *,
        compression: str | None = None,
        owner: Owner | None = None,
        mtime: int | None = None,
        progress: ProgressCallback | None = None,
        total: int | None = None,
    ) -> StoredMember:
        """Add a member from a readable binary file or an iterable of byte chunks."""
        with self.member(name, compression=compression, owner=owner, mtime=mtime) as out:
            for chunk in _chunks(source):
                out.write(chunk)
                if progress is not None:
                    progress(out.uncompressed_size, total)
        assert out.result is not None
        return out.result

    def add_bytes(self, name: str, data: bytes, *, compression: str | None = None) -> StoredMember:
        return self.add_stream(name, [data], compression=compression)

    def add_file(
        self, name: str, path: str, *, compression: str | None = None
    ) -> tuple[StoredMember, os.stat_result]:
        """Add an existing regular file (a symbolic link is refused, not followed)."""
        fd = _open_regular(path)
        try:
            st = os.fstat(fd)
            owner = Owner(
                stat.S_IMODE(st.st_mode),
                st.st_uid,
                st.st_gid,
                user_name(st.st_uid) or "",
                group_name(st.st_gid) or "",
            )
            stored = self.add_stream(
                name,
                _read_chunks(fd),
                compression=compression,
                owner=owner,
                mtime=int(st.st_mtime),
            )
        finally:
            os.close(fd)
        return stored, st

    def add_files(self, collection: FileCollection, *, compression: str = "none") -> ArchivedFiles:
        """Archive what :func:`~.files.collect_files` found, as ``files/<path>`` members.

        Files are stored uncompressed by default: they are small, and ``tar -xf``
        then gives them back as they were. A file that vanished since collection, or
        is no longer a regular file (say, a symbolic link now), is skipped with a note.
        """
        codec = check_compression(compression)
        entries: list[FileEntry] = []
        skipped: list[SkippedFile] = []
        for item in collection.files:
            if item.type != "file":
                entries.append(_file_entry(item))
                continue
            try:
                stored, st = self.add_file(
                    file_member(item.path, extension(codec)),
                    item.source or item.path,
                    compression=codec,
                )
            except InputError as exc:
                skipped.append(SkippedFile(path=item.path, reason=exc.message))
                continue
            entries.append(_file_entry(item, stored, st))
        return ArchivedFiles(entries, skipped)

    # ----------------------------------------------------------------- commit

    @property
    def members(self) -> dict[str, StoredMember]:
        """The members written so far, by name."""
        return dict(self._members)

    def commit(self, manifest: Manifest) -> WrittenArchive:
        """Write ``manifest.json`` last, sync, and install the archive under its name.

        The manifest must account for exactly the members written, with their sizes
        and hashes (ValueError otherwise: an archive that fails ``verify`` is never
        installed).
        """
        self._require_open()
        if self._current is not None:
            raise RuntimeError(f"member {self._current.name!r} is still being written")
        _check_manifest_matches(manifest, self._members)
        manifest.check_unique()
        raw = manifest.to_bytes()
        fields_ = _header_fields(MANIFEST_MEMBER, Owner.current(0o600), self.mtime)
        self._write(encode_header(replace(fields_, size=len(raw))))
        self._write(raw)
        self._write(bytes(padded(len(raw)) - len(raw)))
        self._write(end_of_archive(self._position))
        self._flush()
        fd = self._require_open()
        try:
            os.fsync(fd)
        except OSError as exc:
            raise output_error(self.path, exc) from None
        self._install()
        return WrittenArchive(self.path, self._position, manifest)

    def _install(self) -> None:
        install(self.part_path, self.path, overwrite=self.overwrite)
        self._installed = True
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)


class MemberWriter:
    """The member being written: :meth:`write` uncompressed bytes, then :meth:`close`."""

    def __init__(
        self, archive: ArchiveWriter, name: str, compression: str, fields_: HeaderFields
    ) -> None:
        self.archive = archive
        self.name = name
        self.compression = compression
        self.result: StoredMember | None = None
        self._fields = fields_
        self._start = archive.position
        header = encode_header(fields_)
        self._ustar_offset = self._start + len(header) - BLOCK
        archive._write(header)
        self._stored = HashingCounter()
        self._encoder = Encoder(
            compression, self._sink, level=archive.level, threads=archive.threads
        )

    def _sink(self, data: bytes) -> None:
        self._stored.update(data)
        self.archive._write(data)

    @property
    def uncompressed_size(self) -> int:
        return self._encoder.uncompressed.size

    def write(self, data: bytes | memoryview) -> None:
        self._encoder.write(data)

    def close(self) -> StoredMember:
        """Finish the member: flush the codec, pad, and write its real size."""
        if self.result is not None:
            return self.result
        self._encoder.finish()
        size = self._stored.size
        self.archive._write(bytes(padded(size) - size))
        self.archive._patch(
            self._ustar_offset,
            encode_ustar(replace(self._fields, size=size)),
        )
        self.result = StoredMember(
            member=self.name,
            compression=self.compression,
            size=size,
            sha256=self._stored.hexdigest(),
            uncompressed_size=self._encoder.uncompressed.size,
            uncompressed_sha256=self._encoder.uncompressed.hexdigest(),
        )
        self.archive._finished(self, self.result)
        return self.result

    def discard(self) -> None:
        """Cut this member off the archive, which can then take other members."""
        self.archive._rewind(self._start)
        self.archive._finished(self, None)

    def __enter__(self) -> MemberWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        elif self.archive._fd is not None and self.result is None:
            try:
                self.discard()
            except OutputError:
                self.archive.abort()


# --------------------------------------------------------------------------- helpers


class _NewFile:
    """A just-created, locked file: either unnamed (O_TMPFILE) or under a unique name."""

    def __init__(self, fd: int, name: str | None) -> None:
        self.fd = fd
        self.name = name or ""
        self.anonymous = name is None

    def link_to(self, path: str) -> None:
        """Give the file the name ``path`` (FileExistsError if taken)."""
        if not self.anonymous:
            os.link(self.name, path, follow_symlinks=False)
            return
        # linkat(AT_EMPTY_PATH) needs a capability; following the /proc link does not.
        # os.link only calls linkat (which can follow) when given a dir_fd.
        directory, base = os.path.split(path)
        dir_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.link(f"/proc/self/fd/{self.fd}", base, dst_dir_fd=dir_fd, follow_symlinks=True)
        finally:
            os.close(dir_fd)

    def drop_name(self) -> None:
        if not self.anonymous:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.name)

    def close(self) -> None:
        self.drop_name()
        os.close(self.fd)


def _header_fields(name: str, owner: Owner, mtime: int) -> HeaderFields:
    return HeaderFields(
        name=name,
        size=0,
        mode=owner.mode,
        uid=owner.uid,
        gid=owner.gid,
        uname=owner.uname,
        gname=owner.gname,
        mtime=mtime,
    )


def _chunks(source: BinaryIO | Iterable[bytes]) -> Iterable[bytes]:
    read = getattr(source, "read", None)
    if read is None:
        yield from source
        return
    while True:
        chunk = read(_READ_CHUNK)
        if not chunk:
            return
        yield chunk


def _read_chunks(fd: int) -> Iterable[bytes]:
    """Read ``fd`` to its end (a file that grows meanwhile is taken as far as it goes)."""
    while chunk := os.read(fd, _READ_CHUNK):
        yield chunk


def _open_regular(path: str) -> int:
    try:
        # O_NOFOLLOW: a link planted after collection is refused, not followed;
        # O_NONBLOCK: a FIFO planted there does not hang the backup.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        reason = "is now a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
        raise InputError(f"{path}: cannot be read: {reason}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError(f"{path}: is no longer a regular file")
    return fd


def _file_entry(
    item: CollectedFile, stored: StoredMember | None = None, st: os.stat_result | None = None
) -> FileEntry:
    """The manifest entry of a collected item; for files, metadata as read (``st``)."""
    if st is None:
        return FileEntry(
            path=item.path,
            type=item.type,
            mode=item.mode,
            uid=item.uid,
            gid=item.gid,
            owner=item.owner,
            group=item.group,
            mtime=item.mtime,
            target=item.target,
        )
    assert stored is not None
    return FileEntry(
        path=item.path,
        type="file",
        mode=stat.S_IMODE(st.st_mode),
        uid=st.st_uid,
        gid=st.st_gid,
        owner=user_name(st.st_uid),
        group=group_name(st.st_gid),
        mtime=mtime_of(st),
        member=stored.member,
        compression=stored.compression,
        size=stored.size,
        sha256=stored.sha256,
        uncompressed_size=stored.uncompressed_size,
        uncompressed_sha256=stored.uncompressed_sha256,
    )


def _check_manifest_matches(manifest: Manifest, written: dict[str, StoredMember]) -> None:
    listed = {m.member: m.stored() for m in manifest.stored_members()}
    missing = sorted(set(written) - set(listed))
    unknown = sorted(set(listed) - set(written))
    wrong = sorted(n for n in set(listed) & set(written) if listed[n] != written[n].stored())
    if missing or unknown or wrong:
        raise ValueError(
            "the manifest does not match the members written: "
            f"not listed {missing}, not written {unknown}, different facts {wrong}"
        )
