"""Reading an archive: its member index, its manifest, and members streamed decoded.

Opening an archive reads only the tar headers (``tarformat.read_index``); member data
is read on demand with ``pread``, decoded in pieces, and its sizes and SHA-256 (stored
and decoded) are checked against the manifest when the end of the member is reached.
"""

from __future__ import annotations

import io
import os
from collections import deque
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING

from ..errors import ArchiveError, InputError
from .codecs import EXTENSIONS, DecodeError, Decoder, HashingCounter
from .manifest import MAX_MANIFEST_SIZE, DatabaseEntry, Manifest, StoredMember
from .names import MANIFEST_MEMBER, member_name_problem
from .tarformat import ReadAt, TarIndex, TarMember, read_index

if TYPE_CHECKING:
    from .extract import ExtractResult

_READ_CHUNK = 1 << 20


def unsafe_reason(member: TarMember) -> str | None:
    """Why a member must not be used (its name, or a type we never write), or None.

    Links are refused because extracting them is how archives escape their target
    directory; devices and FIFOs because they are not configuration.
    """
    problem = member_name_problem(member.name)
    if problem is not None:
        return problem
    if member.type == "1":
        return f"hard link to {member.linkname!r}"
    if member.type == "2":
        return f"symbolic link to {member.linkname!r}"
    if not member.is_regular:
        return f"{member.type_name}, not a regular file"
    return None


class ArchiveReader:
    """An open archive. Use as a context manager, or call :meth:`close`.

    Raises InputError if the file cannot be opened. A damaged archive still opens:
    :attr:`index` lists the members before the damage and keeps the defect, which
    :meth:`manifest` raises if the manifest is not reachable.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        try:
            self._fd: int | None = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError as exc:
            raise InputError(f"{self.path}: cannot open: {exc.strerror}") from None
        try:
            self.size = os.fstat(self._fd).st_size
            self.index: TarIndex = read_index(self._read_at, self.size)
        except BaseException:
            self.close()
            raise
        # Later members win, as with tar itself (verify reports duplicates).
        self._by_name = {m.name: m for m in self.index.members}
        self._manifest: Manifest | None = None
        self._listed: dict[str, StoredMember] | None = None

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def read_at(self, offset: int, size: int) -> bytes:
        """Raw bytes of the archive file (for checks that look past the members)."""
        return self._read_at(offset, size)

    def _read_at(self, offset: int, size: int) -> bytes:
        if self._fd is None:
            raise ValueError("the archive is closed")
        try:
            return os.pread(self._fd, size, offset)
        except OSError as exc:
            raise InputError(f"{self.path}: read failed: {exc.strerror}") from None

    # ----------------------------------------------------------------- index

    @property
    def members(self) -> list[TarMember]:
        """Every member header before the end (or before a structural defect)."""
        return list(self.index.members)

    def member(self, name: str) -> TarMember:
        """The (last) member called ``name``; ArchiveError ``missing-member`` if none."""
        member = self._by_name.get(name)
        if member is not None:
            return member
        why = f" (the archive is damaged: {self.index.defect})" if self.index.defect else ""
        raise ArchiveError(
            f"{self.path}: no member {name!r}{why}", kind="missing-member", member=name
        )

    def unsafe_members(self) -> list[tuple[TarMember, str]]:
        """Members that are refused, with the reason (see :func:`unsafe_reason`)."""
        return [(m, r) for m in self.index.members if (r := unsafe_reason(m)) is not None]

    def check_safe(self) -> None:
        """Raise ArchiveError naming the first unsafe member, if there is one.

        Restoring from an archive that holds a member we would never write (``../x``,
        an absolute name, a link, a device) is refused as a whole: it was tampered with.
        """
        for member, reason in self.unsafe_members():
            raise ArchiveError(
                f"{self.path}: refusing unsafe member {member.name!r}: {reason}",
                kind="unsafe-member",
                member=member.name,
                offset=member.header_offset,
            )

    # ----------------------------------------------------------------- manifest

    def manifest(self) -> Manifest:
        """The parsed, validated manifest (cached). ArchiveError if it is missing,
        damaged, of an unknown major version, or the archive is not complete."""
        if self._manifest is None:
            self._manifest = self._load_manifest()
        return self._manifest

    def _load_manifest(self) -> Manifest:
        found = [m for m in self.index.members if m.name == MANIFEST_MEMBER]
        if not found:
            if self.index.defect is not None:
                raise ArchiveError(
                    f"{self.path}: no manifest — the archive is incomplete or damaged: "
                    f"{self.index.defect}",
                    kind=self.index.defect.kind,
                    member=self.index.defect.member,
                    offset=self.index.defect.offset,
                )
            raise ArchiveError(
                f"{self.path}: no {MANIFEST_MEMBER}: not a complete ovsdb-backup archive",
                kind="missing-manifest",
                member=MANIFEST_MEMBER,
            )
        if len(found) > 1:
            raise ArchiveError(
                f"{self.path}: {len(found)} members are called {MANIFEST_MEMBER}",
                kind="duplicate-member",
                member=MANIFEST_MEMBER,
            )
        member = found[0]
        reason = unsafe_reason(member)
        if reason is not None or member.size > MAX_MANIFEST_SIZE:
            raise ArchiveError(
                f"{self.path}: {MANIFEST_MEMBER} is unusable: "
                f"{reason or f'{member.size} bytes is too large'}",
                kind="bad-manifest",
                member=MANIFEST_MEMBER,
            )
        return Manifest.from_bytes(self._read_at(member.data_offset, member.size))

    # ----------------------------------------------------------------- members

    def open_member(self, name: str, *, verify: bool = True) -> MemberReader:
        """Stream member ``name`` decoded. With ``verify`` (the default) its entry in
        the manifest gives the codec and the sizes and hashes checked at its end."""
        member = self.member(name)
        reason = unsafe_reason(member)
        if reason is not None:
            raise ArchiveError(
                f"{self.path}: refusing unsafe member {name!r}: {reason}",
                kind="unsafe-member",
                member=name,
                offset=member.header_offset,
            )
        stored = None
        if verify:
            if self._listed is None:
                self._listed = {m.member: m for m in self.manifest().stored_members()}
            listed = self._listed
            if name not in listed:
                raise ArchiveError(
                    f"{self.path}: member {name!r} is not listed in the manifest",
                    kind="extra-member",
                    member=name,
                )
            stored = listed[name]
        compression = stored.compression if stored else _compression_from_name(name)
        return MemberReader(self._read_at, member, stored, compression, archive=self.path)

    def open_database(self, name: str) -> MemberReader:
        """Stream database ``name`` (its manifest name, e.g. ``OVN_Northbound``) decoded,
        verified against the manifest as it is read to its end."""
        return self.open_member(self.manifest().database(name).member)

    def database_entry(self, name: str) -> DatabaseEntry:
        return self.manifest().database(name)

    def extract_files(
        self,
        target: str,
        *,
        paths: Iterable[str] | None = None,
        overwrite: bool = False,
        restore_permissions: bool = False,
    ) -> ExtractResult:
        """Restore configuration files under ``target``: see :func:`.extract.extract_files`."""
        from .extract import extract_files

        return extract_files(
            self,
            target,
            paths=paths,
            overwrite=overwrite,
            restore_permissions=restore_permissions,
        )


def _compression_from_name(name: str) -> str:
    for codec, ext in EXTENSIONS.items():
        if ext and name.endswith(ext):
            return codec
    return "none"


class MemberReader(io.RawIOBase):
    """A member's decoded bytes, as a read-only binary stream.

    Reaching the end checks the stored size and SHA-256, that the compressed stream
    ended properly, and the decoded size and SHA-256; any difference raises
    ArchiveError naming the member and the reason. A reader that stops early checks
    nothing (call :meth:`drain` to check the rest). :meth:`chunks` avoids a copy.
    """

    def __init__(
        self,
        read_at: ReadAt,
        member: TarMember,
        stored: StoredMember | None,
        compression: str,
        *,
        archive: str = "",
    ) -> None:
        super().__init__()
        self.member = member
        self.stored = stored
        self.archive = archive
        self._read_at = read_at
        self._offset = member.data_offset
        self._remaining = member.size
        self._raw = HashingCounter()
        self._plain = HashingCounter()
        self._pending: deque[memoryview] = deque()
        self._done = False
        if compression not in EXTENSIONS:
            raise self._error("unsupported-compression", f"unknown compression {compression!r}")
        if stored is not None and stored.size != member.size:
            raise self._error(
                "size-mismatch",
                f"{member.size} bytes in the archive, the manifest says {stored.size}",
            )
        self._decoder = Decoder(compression)

    @property
    def member_name(self) -> str:
        return self.member.name

    @property
    def uncompressed_size(self) -> int:
        """Decoded bytes produced so far."""
        return self._plain.size

    @property
    def stored_done(self) -> int:
        """Stored (compressed) bytes consumed so far."""
        return self._raw.size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending and not self._done:
            self._pull()
        if not self._pending:
            return 0
        out = memoryview(buffer).cast("B")
        head = self._pending[0]
        n = min(len(out), len(head))
        out[:n] = head[:n]
        if n == len(head):
            self._pending.popleft()
        else:
            self._pending[0] = head[n:]
        return n

    def readall(self) -> bytes:
        """The rest of the member in one piece (io's default goes 8 KiB at a time)."""
        return b"".join(self.chunks())

    def chunks(self) -> Iterator[bytes]:
        """The decoded bytes in pieces of up to about 1 MiB, checked at the end."""
        while True:
            while self._pending:
                yield bytes(self._pending.popleft())
            if self._done:
                return
            self._pull()

    def drain(self) -> None:
        """Read (and so check) whatever was not read yet."""
        for _ in self.chunks():
            pass

    def _pull(self) -> None:
        if self._remaining == 0:
            self._finish()
            return
        raw = self._read_at(self._offset, min(_READ_CHUNK, self._remaining))
        if not raw:
            raise self._error("truncated-tar", "the archive file ends inside this member")
        self._offset += len(raw)
        self._remaining -= len(raw)
        self._raw.update(raw)
        try:
            outputs = list(self._decoder.feed(raw))
        except DecodeError as exc:
            raise self._decode_failure(exc) from None
        for out in outputs:
            self._plain.update(out)
            self._pending.append(memoryview(out))

    def _finish(self) -> None:
        try:
            tail = self._decoder.close()
        except DecodeError as exc:
            raise self._decode_failure(exc) from None
        if tail:
            self._plain.update(tail)
            self._pending.append(memoryview(tail))
        self._done = True
        self._check_stored()
        stored = self.stored
        if stored is None:
            return
        if self._plain.size != stored.uncompressed_size:
            raise self._error(
                "uncompressed-size-mismatch",
                f"decodes to {self._plain.size} bytes, the manifest says "
                f"{stored.uncompressed_size}",
            )
        if self._plain.hexdigest() != stored.uncompressed_sha256:
            raise self._error(
                "uncompressed-sha256-mismatch",
                f"decoded bytes have SHA-256 {self._plain.hexdigest()}, the manifest says "
                f"{stored.uncompressed_sha256}",
            )

    def _check_stored(self) -> None:
        if self.stored is not None and self._raw.hexdigest() != self.stored.sha256:
            raise self._error(
                "sha256-mismatch",
                f"stored bytes have SHA-256 {self._raw.hexdigest()}, the manifest says "
                f"{self.stored.sha256} (damaged or tampered with)",
            )

    def _decode_failure(self, exc: DecodeError) -> ArchiveError:
        """A decoding error; if the stored bytes are not the ones the manifest describes,
        that is the real cause and the error says so."""
        self._done = True
        self._pending.clear()
        if self.stored is not None:
            while self._remaining:
                raw = self._read_at(self._offset, min(_READ_CHUNK, self._remaining))
                if not raw:
                    break
                self._offset += len(raw)
                self._remaining -= len(raw)
                self._raw.update(raw)
            try:
                self._check_stored()
            except ArchiveError as mismatch:
                mismatch.message += f"; decoding failed too: {exc}"
                mismatch.args = (mismatch.message,)
                return mismatch
        return self._error("decompression-error", str(exc))

    def _error(self, kind: str, reason: str) -> ArchiveError:
        where = f"{self.archive}: " if self.archive else ""
        return ArchiveError(
            f"{where}member {self.member.name!r}: {reason}",
            kind=kind,
            member=self.member.name,
            offset=self.member.data_offset,
        )
