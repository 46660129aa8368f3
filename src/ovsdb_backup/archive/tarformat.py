"""POSIX tar headers: encoding for our writer, strict decoding for our reader (no I/O here).

Why not :mod:`tarfile`? Its reader silently ends the archive at a header with a bad
checksum after the first member (``verify`` must report it), and its writer needs a
member's size before the data (we stream compressed data of unknown size and patch the
size afterwards, see ``writer.py``). What we write is plain POSIX.1-1988 ustar, plus
POSIX.1-2001 pax extended headers only for what ustar cannot hold (long or non-ASCII
names and owner names, large ids); GNU tar and Python's tarfile read it (tested).

A member whose size reaches 8 GiB gets its size in base-256 (a GNU extension, also read
by tarfile; libarchive documents it too) instead of a pax ``size`` record: the size is
written after the data, and the base-256 field has the same length as the octal one, so
the header can be rewritten in place without knowing how large the member would become.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import ArchiveError

BLOCK = 512
RECORD = 20 * BLOCK  # tar's traditional blocking factor; archives are padded to it
ZERO_BLOCK = bytes(BLOCK)
MAX_OCTAL_SIZE = 8**11 - 1
# Pax and GNU long-name data are held in memory; real ones are a few hundred bytes.
_MAX_META_SIZE = 1 << 20

REGULAR = "0"
TYPE_NAMES = {
    "0": "regular file",
    "\0": "regular file",
    "7": "regular file",
    "1": "hard link",
    "2": "symbolic link",
    "3": "character device",
    "4": "block device",
    "5": "directory",
    "6": "FIFO",
    "S": "GNU sparse file",
    "V": "volume label",
    "M": "multi-volume continuation",
}
_NO_DATA_TYPES = frozenset("123456")
_META_TYPES = frozenset("xgLK")

_USTAR_MAGIC = b"ustar\x0000"
_GNU_MAGIC = b"ustar  \x00"


def padded(size: int) -> int:
    """Bytes a member's data takes in the archive, padding to the next block included."""
    return -(-size // BLOCK) * BLOCK


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class HeaderFields:
    """What our writer puts in a member's header."""

    name: str
    size: int
    mode: int = 0o600
    uid: int = 0
    gid: int = 0
    uname: str = ""
    gname: str = ""
    mtime: int = 0
    type: str = REGULAR


def encode_header(fields: HeaderFields) -> bytes:
    """The header blocks of a member: an optional pax header, then the ustar block.

    The ustar block is always the last ``BLOCK`` bytes, and only it depends on the size:
    :func:`encode_ustar` can rewrite it in place once the size is known.
    """
    pax: dict[str, str] = {}
    if _split_name(fields.name)[0] is None:
        pax["path"] = fields.name
    for key, value in (("uname", fields.uname), ("gname", fields.gname)):
        if not value.isascii() or len(value) > 31:
            pax[key] = value
    for key, number in (("uid", fields.uid), ("gid", fields.gid)):
        if not 0 <= number < 8**7:
            pax[key] = str(number)
    if not 0 <= fields.mtime <= MAX_OCTAL_SIZE:
        pax["mtime"] = str(fields.mtime)
    ustar = encode_ustar(fields)
    if not pax:
        return ustar
    records = encode_pax_records(pax)
    pax_header = _ustar_block(
        name=b"././@PaxHeader",
        prefix=b"",
        fields=HeaderFields(name="", size=len(records), mode=0o644, mtime=_clamp(fields.mtime)),
        type_="x",
    )
    return pax_header + records + bytes(padded(len(records)) - len(records)) + ustar


def encode_ustar(fields: HeaderFields) -> bytes:
    """The ustar block alone (fields that need pax are written truncated or zero)."""
    name_field, prefix_field = _split_name(fields.name)
    if name_field is None:
        # The pax header carries the real name; keep a recognisable ASCII stand-in.
        tail = fields.name.encode("ascii", "replace")[-99:]
        name_field, prefix_field = tail, b""
    return _ustar_block(name=name_field, prefix=prefix_field, fields=fields, type_=fields.type)


def end_of_archive(position: int) -> bytes:
    """Two zero blocks, then zeros up to a whole record (what tar itself writes)."""
    end = position + 2 * BLOCK
    return bytes(2 * BLOCK + (-end) % RECORD)


def encode_pax_records(records: dict[str, str]) -> bytes:
    """Pax ``"<len> key=value\\n"`` records, where ``len`` counts its own digits."""
    out = bytearray()
    for key, value in records.items():
        body = f" {key}={value}\n".encode()
        length = len(body) + 1
        while len(str(length)) + len(body) != length:
            length = len(str(length)) + len(body)
        out += str(length).encode() + body
    return bytes(out)


def _split_name(name: str) -> tuple[bytes | None, bytes]:
    """(name, prefix) fields for ``name`` in plain ustar, or (None, b"") if it needs pax."""
    if not name.isascii():
        return None, b""
    raw = name.encode()
    if len(raw) <= 100:
        return raw, b""
    # ustar keeps up to 155 bytes of leading directories in ``prefix``, split at a '/'.
    cut = raw.rfind(b"/", 0, 156)
    while cut > 0:
        if len(raw) - cut - 1 <= 100:
            return raw[cut + 1 :], raw[:cut]
        cut = raw.rfind(b"/", 0, cut)
    return None, b""


def _clamp(value: int) -> int:
    return min(max(value, 0), MAX_OCTAL_SIZE)


def _octal(value: int, width: int) -> bytes:
    return f"{value:0{width - 1}o}".encode() + b"\0"


def _size_field(size: int) -> bytes:
    if size < 0:
        raise ValueError("negative member size")
    if size <= MAX_OCTAL_SIZE:
        return _octal(size, 12)
    return b"\x80" + size.to_bytes(11, "big")


def _ustar_block(*, name: bytes, prefix: bytes, fields: HeaderFields, type_: str) -> bytes:
    def text(value: str, width: int) -> bytes:
        raw = value.encode("ascii", "replace") if value.isascii() and len(value) < width else b""
        return raw.ljust(width, b"\0")

    def number(value: int, width: int) -> bytes:
        return _octal(value if 0 <= value < 8 ** (width - 1) else 0, width)

    block = bytearray(BLOCK)
    block[0:100] = name.ljust(100, b"\0")
    block[100:108] = _octal(fields.mode & 0o7777, 8)
    block[108:116] = number(fields.uid, 8)
    block[116:124] = number(fields.gid, 8)
    block[124:136] = _size_field(fields.size)
    block[136:148] = _octal(_clamp(fields.mtime), 12)
    block[148:156] = b" " * 8
    block[156:157] = type_.encode("ascii")
    block[257:265] = _USTAR_MAGIC
    block[265:297] = text(fields.uname, 32)
    block[297:329] = text(fields.gname, 32)
    block[329:337] = _octal(0, 8)
    block[337:345] = _octal(0, 8)
    block[345:500] = prefix.ljust(155, b"\0")
    block[148:156] = f"{sum(block):06o}".encode() + b"\0 "
    return bytes(block)


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class TarMember:
    """One member as the archive's headers describe it (pax and GNU names applied)."""

    name: str
    type: str
    size: int
    mode: int
    uid: int
    gid: int
    uname: str
    gname: str
    mtime: int
    linkname: str
    header_offset: int
    data_offset: int

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.type, f"unknown type {self.type!r}")

    @property
    def is_regular(self) -> bool:
        return self.type in ("0", "\0", "7")


@dataclass
class TarIndex:
    """Every member header of an archive, read without touching the members' data.

    ``defect`` is the first structural problem (truncation, bad header checksum, junk
    after the end): the members before it are listed, nothing after it is trusted.
    """

    members: list[TarMember] = field(default_factory=list)
    end_offset: int | None = None
    defect: ArchiveError | None = None


ReadAt = Callable[[int, int], bytes]


def read_index(read_at: ReadAt, file_size: int) -> TarIndex:
    """Walk the headers of an archive of ``file_size`` bytes; ``read_at(offset, n)``
    returns the bytes there. Only headers are read: a multi-GB archive costs one small
    read per member."""
    index = TarIndex()
    try:
        _walk(read_at, file_size, index)
    except ArchiveError as exc:
        index.defect = exc
    return index


@dataclass
class _Pending:
    """Pax / GNU long-name values waiting for the header they apply to."""

    local: dict[str, str] = field(default_factory=dict)
    global_: dict[str, str] = field(default_factory=dict)


def _walk(read_at: ReadAt, file_size: int, index: TarIndex) -> None:
    pos = 0
    pending = _Pending()
    while True:
        if pos + BLOCK > file_size:
            what = "the end-of-archive marker is missing" if pos == file_size else "cut in a header"
            raise ArchiveError(
                f"truncated archive: {what} (at offset {pos} of {file_size})",
                kind="truncated-tar",
                offset=pos,
            )
        block = read_at(pos, BLOCK)
        if block == ZERO_BLOCK:
            _check_end(read_at, file_size, pos)
            index.end_offset = pos
            return
        raw = _parse_block(block, pos)
        data_offset = pos + BLOCK
        if raw.type in _META_TYPES:
            data = _read_meta(read_at, file_size, raw, data_offset)
            _absorb_meta(raw.type, data, pending, pos)
            pos = data_offset + padded(raw.size)
            continue
        member = _apply_meta(raw, pending, data_offset)
        pending.local.clear()
        if data_offset + member.size > file_size:
            raise ArchiveError(
                f"truncated archive: member {member.name!r} should have {member.size} bytes "
                f"of data but the file ends {file_size - data_offset} bytes into it",
                kind="truncated-tar",
                member=member.name,
                offset=data_offset,
            )
        index.members.append(member)
        pos = data_offset + padded(member.size)


def _check_end(read_at: ReadAt, file_size: int, pos: int) -> None:
    if pos + 2 * BLOCK > file_size:
        raise ArchiveError(
            f"truncated archive: only one of the two end-of-archive blocks (offset {pos})",
            kind="truncated-tar",
            offset=pos,
        )
    if read_at(pos + BLOCK, BLOCK) != ZERO_BLOCK:
        raise ArchiveError(
            f"a zero block in the middle of the archive at offset {pos}: damaged or "
            "two archives joined",
            kind="bad-header",
            offset=pos,
        )
    # tar pads the last record with zeros; anything else after the end was appended.
    offset = pos + 2 * BLOCK
    while offset < file_size:
        chunk = read_at(offset, min(1 << 20, file_size - offset))
        if chunk.count(0) != len(chunk):
            junk = offset + next(i for i, b in enumerate(chunk) if b)
            raise ArchiveError(
                f"data after the end of the archive at offset {junk}",
                kind="trailing-data",
                offset=junk,
            )
        offset += len(chunk)


@dataclass(frozen=True)
class _RawHeader:
    name: str
    type: str
    size: int
    mode: int
    uid: int
    gid: int
    uname: str
    gname: str
    mtime: int
    linkname: str
    offset: int


def _parse_block(block: bytes, offset: int) -> _RawHeader:
    try:
        stored = _number(block[148:156], offset, "checksum")
    except ArchiveError:
        if offset == 0:
            raise ArchiveError("not a tar archive", kind="not-a-tar", offset=0) from None
        raise
    unsigned = sum(block[:148]) + 8 * 0x20 + sum(block[156:])
    # Some old tars summed signed chars; accept that too, as GNU tar does.
    signed = unsigned - 256 * sum(1 for b in block[:148] + block[156:] if b >= 0x80)
    if stored not in (unsigned, signed):
        kind = "not-a-tar" if offset == 0 else "bad-header-checksum"
        message = (
            "not a tar archive (the first header's checksum does not match)"
            if offset == 0
            else f"bad header checksum at offset {offset} (stored {stored}, computed {unsigned})"
        )
        raise ArchiveError(message, kind=kind, offset=offset)
    name = _text(block[0:100])
    if block[257:265] == _USTAR_MAGIC and block[345] != 0:
        name = _text(block[345:500]) + "/" + name
    type_ = chr(block[156])
    return _RawHeader(
        name=name,
        type=type_,
        size=_number(block[124:136], offset, "size"),
        mode=_number(block[100:108], offset, "mode"),
        uid=_number(block[108:116], offset, "uid"),
        gid=_number(block[116:124], offset, "gid"),
        uname=_text(block[265:297]),
        gname=_text(block[297:329]),
        mtime=_number(block[136:148], offset, "mtime"),
        linkname=_text(block[157:257]),
        offset=offset,
    )


def _text(raw: bytes) -> str:
    return raw.split(b"\0", 1)[0].decode("utf-8", "surrogateescape")


def _number(raw: bytes, offset: int, what: str) -> int:
    if raw and raw[0] in (0x80, 0xFF):
        value = int.from_bytes(raw[1:], "big")
        return value if raw[0] == 0x80 else value - (1 << (8 * (len(raw) - 1)))
    text = raw.split(b"\0", 1)[0].strip(b" ")
    if not text:
        return 0
    try:
        return int(text, 8)
    except ValueError:
        raise ArchiveError(
            f"unreadable {what} field {raw!r} in the header at offset {offset}",
            kind="bad-header",
            offset=offset,
        ) from None


def _read_meta(read_at: ReadAt, file_size: int, raw: _RawHeader, data_offset: int) -> bytes:
    if raw.size > _MAX_META_SIZE:
        raise ArchiveError(
            f"extended header at offset {raw.offset} claims {raw.size} bytes",
            kind="bad-header",
            offset=raw.offset,
        )
    if data_offset + padded(raw.size) > file_size:
        raise ArchiveError(
            f"truncated archive: cut in the extended header at offset {raw.offset}",
            kind="truncated-tar",
            offset=raw.offset,
        )
    block = read_at(data_offset, padded(raw.size))
    if block[raw.size :].count(0) != len(block) - raw.size:
        raise ArchiveError(
            f"extended header at offset {raw.offset}: padding is not zeros",
            kind="bad-header",
            offset=raw.offset,
        )
    return block[: raw.size]


def _absorb_meta(type_: str, data: bytes, pending: _Pending, offset: int) -> None:
    if type_ == "L":
        pending.local["path"] = _text(data)
    elif type_ == "K":
        pending.local["linkpath"] = _text(data)
    else:
        target = pending.local if type_ == "x" else pending.global_
        target.update(parse_pax_records(data, offset))


def parse_pax_records(data: bytes, offset: int = 0) -> dict[str, str]:
    """Decode pax ``"<len> key=value\\n"`` records (values are UTF-8)."""
    records: dict[str, str] = {}
    pos = 0
    while pos < len(data):
        if data[pos] == 0:  # some writers pad the record area with NULs: only NULs
            if data[pos:].count(0) != len(data) - pos:
                raise ArchiveError(
                    f"garbage after the pax records in the extended header at offset {offset}",
                    kind="bad-header",
                    offset=offset,
                )
            break
        space = data.find(b" ", pos)
        try:
            length = int(data[pos:space]) if space > pos else 0
        except ValueError:
            length = 0
        record = data[pos : pos + length]
        if length <= space - pos or len(record) != length or not record.endswith(b"\n"):
            raise ArchiveError(
                f"malformed pax record in the extended header at offset {offset}",
                kind="bad-header",
                offset=offset,
            )
        key, eq, value = record[space - pos + 1 : -1].partition(b"=")
        if not eq:
            raise ArchiveError(
                f"pax record without '=' in the extended header at offset {offset}",
                kind="bad-header",
                offset=offset,
            )
        records[key.decode("utf-8", "surrogateescape")] = value.decode("utf-8", "surrogateescape")
        pos += length
    return records


def _apply_meta(raw: _RawHeader, pending: _Pending, data_offset: int) -> TarMember:
    meta = {**pending.global_, **pending.local}

    def number(key: str, default: int) -> int:
        if key not in meta:
            return default
        try:
            return int(float(meta[key])) if key == "mtime" else int(meta[key])
        except ValueError:
            raise ArchiveError(
                f"unreadable pax {key} value {meta[key]!r} for the header at offset {raw.offset}",
                kind="bad-header",
                offset=raw.offset,
            ) from None

    size = number("size", raw.size)
    if raw.type in _NO_DATA_TYPES:
        # Links, directories, devices and FIFOs have no data blocks whatever the
        # size field says (tar readers agree on this).
        size = 0
    name = meta.get("path", raw.name)
    return TarMember(
        name=name.removesuffix("/") if name != "/" else name,
        type=raw.type,
        size=size,
        mode=raw.mode,
        uid=number("uid", raw.uid),
        gid=number("gid", raw.gid),
        uname=meta.get("uname", raw.uname),
        gname=meta.get("gname", raw.gname),
        mtime=number("mtime", raw.mtime),
        linkname=meta.get("linkpath", raw.linkname),
        header_offset=raw.offset,
        data_offset=data_offset,
    )
