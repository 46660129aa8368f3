"""``manifest.json``: what an archive holds, with sizes and SHA-256 of every member.

The manifest is the archive's last member, so an archive cut short has none and is
known to be incomplete. ``format_version`` is the *major* version: compatible
additions add fields without changing it (readers keep unknown fields, see
``extra``, so a round trip through an older tool loses nothing); an incompatible
change raises it, and a reader refuses a major version it does not know.

The OVSDB facts of a database entry (schema version and checksum, Raft ids, row
counts …) are filled in by the backup operation; this layer only checks their JSON
types, it does not interpret them.
"""

from __future__ import annotations

import hashlib
import re
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar

import orjson

from .. import __version__
from ..errors import ArchiveError
from .names import MANIFEST_MEMBER, member_name_problem, restore_path_problem

FORMAT_NAME = "ovsdb-backup"
FORMAT_VERSION = 1
TOOL_NAME = "ovsdb-backup"
MAX_MANIFEST_SIZE = 64 << 20  # a manifest lists members; anything larger is not ours

_SHA256 = re.compile(r"[0-9a-f]{64}")
FILE_TYPES = ("file", "symlink", "directory")


def _bad(message: str) -> ArchiveError:
    return ArchiveError(
        f"{MANIFEST_MEMBER}: {message}", kind="bad-manifest", member=MANIFEST_MEMBER
    )


# --------------------------------------------------------------------------- field checks

T = TypeVar("T")
Check = Callable[[Any, str], Any]


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _bad(f"{where} must be a string, not {type(value).__name__}")
    return value


def _int(value: Any, where: str) -> int:
    # bool is an int subclass in Python; JSON true is not a number.
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad(f"{where} must be an integer, not {type(value).__name__}")
    return value


def _count(value: Any, where: str) -> int:
    number = _int(value, where)
    if number < 0:
        raise _bad(f"{where} must not be negative ({number})")
    return number


def _number(value: Any, where: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise _bad(f"{where} must be a number, not {type(value).__name__}")
    return float(value)


def _sha256(value: Any, where: str) -> str:
    text = _str(value, where)
    if not _SHA256.fullmatch(text):
        raise _bad(f"{where} is not a lower-case hex SHA-256 ({text!r})")
    return text


def _member(value: Any, where: str) -> str:
    name = _str(value, where)
    problem = member_name_problem(name)
    if problem is not None:
        raise _bad(f"{where} {name!r} is unsafe: {problem}")
    return name


def _optional(check: Check) -> Check:
    def checked(value: Any, where: str) -> Any:
        return None if value is None else check(value, where)

    return checked


def _str_map(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise _bad(f"{where} must be an object of strings")
    return dict(value)


def _count_map(value: Any, where: str) -> dict[str, int]:
    if not isinstance(value, dict):
        raise _bad(f"{where} must be an object")
    return {str(k): _count(v, f"{where}.{k}") for k, v in value.items()}


def _time(value: Any, where: str) -> datetime:
    text = _str(value, where)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise _bad(f"{where} is not an ISO 8601 time ({text!r})") from None
    if parsed.tzinfo is None:
        raise _bad(f"{where} has no time zone ({text!r})")
    return parsed.astimezone(UTC)


def format_time(moment: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``, e.g. ``2025-11-21T09:15:00.123456Z``."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --------------------------------------------------------------------------- entries

_E = TypeVar("_E", bound="_Entry")


@dataclass(frozen=True, kw_only=True)
class _Entry:
    """Shared JSON machinery: each field has a checker; unknown keys go to ``extra``."""

    extra: dict[str, Any] = field(default_factory=dict)

    _checks: ClassVar[dict[str, Check]] = {}
    _required: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def from_json(cls: type[_E], data: Any, where: str) -> _E:
        if not isinstance(data, dict):
            raise _bad(f"{where} must be an object")
        missing = sorted(cls._required - data.keys())
        if missing:
            raise _bad(f"{where} lacks {', '.join(missing)}")
        known = {f.name for f in fields(cls)} - {"extra"}
        values = {
            key: cls._checks[key](value, f"{where}.{key}")
            for key, value in data.items()
            if key in known
        }
        extra = {key: value for key, value in data.items() if key not in known}
        entry = cls(**values, extra=extra)
        entry._validate(where)
        return entry

    def _validate(self, where: str) -> None:
        """Checks across fields, for subclasses."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            if value is not None or f.name in self._required:
                out[f.name] = value
        out.update(self.extra)
        return out


@dataclass(frozen=True, kw_only=True)
class StoredMember(_Entry):
    """A member as stored: its codec, and size and SHA-256 before and after decoding."""

    member: str
    compression: str
    size: int
    sha256: str
    uncompressed_size: int
    uncompressed_sha256: str

    _checks: ClassVar[dict[str, Check]] = {
        "member": _member,
        "compression": _str,
        "size": _count,
        "sha256": _sha256,
        "uncompressed_size": _count,
        "uncompressed_sha256": _sha256,
    }
    _required: ClassVar[frozenset[str]] = frozenset(_checks)

    def stored(self) -> StoredMember:
        """Only the storage facts (drops what subclasses add)."""
        return StoredMember(
            member=self.member,
            compression=self.compression,
            size=self.size,
            sha256=self.sha256,
            uncompressed_size=self.uncompressed_size,
            uncompressed_sha256=self.uncompressed_sha256,
        )


def _stored_member(value: Any, where: str) -> StoredMember:
    return StoredMember.from_json(value, where)


_opt_str = _optional(_str)
_opt_int = _optional(_int)
_opt_count = _optional(_count)
_opt_sha = _optional(_sha256)


@dataclass(frozen=True, kw_only=True)
class DatabaseEntry(StoredMember):
    """A database member, with the OVSDB facts the backup recorded (opaque here)."""

    name: str
    schema_version: str | None = None
    schema_cksum: str | None = None
    schema_sha256: str | None = None
    model: str | None = None
    cid: str | None = None
    sid: str | None = None
    raft_index: int | None = None
    last_txn_id: str | None = None
    remote: str | None = None
    rows: dict[str, int] | None = None
    records: int | None = None
    # The snapshot's row index (where each row lies, its server _version): its own member.
    row_index: StoredMember | None = None

    _checks: ClassVar[dict[str, Check]] = {
        **StoredMember._checks,
        "name": _str,
        "schema_version": _opt_str,
        "schema_cksum": _opt_str,
        "schema_sha256": _opt_str,
        "model": _opt_str,
        "cid": _opt_str,
        "sid": _opt_str,
        "raft_index": _opt_int,
        "last_txn_id": _opt_str,
        "remote": _opt_str,
        "rows": _optional(_count_map),
        "records": _opt_count,
        "row_index": _optional(_stored_member),
    }
    _required: ClassVar[frozenset[str]] = StoredMember._required | {"name"}

    @classmethod
    def from_stored(cls, stored: StoredMember, *, name: str, **facts: Any) -> DatabaseEntry:
        """A database entry for a member the writer returned, plus OVSDB facts.

        Unknown keyword arguments are kept in ``extra`` (they reach the JSON as is).
        """
        known = {f.name for f in fields(cls)} - {f.name for f in fields(StoredMember)}
        extra = {k: v for k, v in facts.items() if k not in known}
        given = {k: v for k, v in facts.items() if k in known}
        return cls(
            member=stored.member,
            compression=stored.compression,
            size=stored.size,
            sha256=stored.sha256,
            uncompressed_size=stored.uncompressed_size,
            uncompressed_sha256=stored.uncompressed_sha256,
            name=name,
            **given,
            extra=extra,
        )

    def members(self) -> list[StoredMember]:
        """The database's members: its snapshot, then its row index if it has one."""
        return [self.stored()] + ([self.row_index] if self.row_index is not None else [])

    def to_json(self) -> dict[str, Any]:
        # "name" first: the manifest is read by people too.
        data = super().to_json()
        if self.row_index is not None:
            data["row_index"] = self.row_index.to_json()
        return {"name": data.pop("name"), **data}


@dataclass(frozen=True, kw_only=True)
class FileEntry(_Entry):
    """A configuration file, symbolic link or directory, as found on the host.

    Only ``type == "file"`` has a member; a symbolic link records its ``target`` and is
    never followed; a directory records its owner and mode for restoring them.
    """

    path: str
    type: str
    mode: int
    uid: int
    gid: int
    owner: str | None = None
    group: str | None = None
    mtime: float
    target: str | None = None
    member: str | None = None
    compression: str | None = None
    size: int | None = None
    sha256: str | None = None
    uncompressed_size: int | None = None
    uncompressed_sha256: str | None = None

    _checks: ClassVar[dict[str, Check]] = {
        "path": _str,
        "type": _str,
        "mode": _count,
        "uid": _count,
        "gid": _count,
        "owner": _opt_str,
        "group": _opt_str,
        "mtime": _number,
        "target": _opt_str,
        "member": _optional(_member),
        "compression": _opt_str,
        "size": _opt_count,
        "sha256": _opt_sha,
        "uncompressed_size": _opt_count,
        "uncompressed_sha256": _opt_sha,
    }
    _required: ClassVar[frozenset[str]] = frozenset({"path", "type", "mode", "uid", "gid", "mtime"})

    def _validate(self, where: str) -> None:
        problem = restore_path_problem(self.path)
        if problem is not None:
            raise _bad(f"{where}.path {self.path!r} is unsafe: {problem}")
        if self.type not in FILE_TYPES:
            raise _bad(f"{where}.type {self.type!r} is not one of {', '.join(FILE_TYPES)}")
        if self.type == "symlink" and self.target is None:
            raise _bad(f"{where}: a symlink entry needs its target")
        if self.type == "file" and self.stored() is None:
            raise _bad(f"{where}: a file entry needs member, compression, sizes and sha256s")
        if self.type != "file" and self.member is not None:
            raise _bad(f"{where}: only a file entry has a member")

    def stored(self) -> StoredMember | None:
        """The member holding the file's contents (None for links and directories)."""
        if (
            self.member is None
            or self.compression is None
            or self.size is None
            or self.sha256 is None
            or self.uncompressed_size is None
            or self.uncompressed_sha256 is None
        ):
            return None
        return StoredMember(
            member=self.member,
            compression=self.compression,
            size=self.size,
            sha256=self.sha256,
            uncompressed_size=self.uncompressed_size,
            uncompressed_sha256=self.uncompressed_sha256,
        )


@dataclass(frozen=True, kw_only=True)
class SkippedFile(_Entry):
    """A path that was asked for but not archived, and why (socket, missing …)."""

    path: str
    reason: str

    _checks: ClassVar[dict[str, Check]] = {"path": _str, "reason": _str}
    _required: ClassVar[frozenset[str]] = frozenset(_checks)


# --------------------------------------------------------------------------- manifest


@dataclass(frozen=True, kw_only=True)
class Manifest:
    """The whole ``manifest.json``. Build one with :meth:`new`."""

    format_version: int = FORMAT_VERSION
    tool_name: str = TOOL_NAME
    tool_version: str = __version__
    created: datetime
    host: str
    labels: dict[str, str] = field(default_factory=dict)
    notes: str | None = None
    databases: tuple[DatabaseEntry, ...] = ()
    files: tuple[FileEntry, ...] = ()
    skipped_files: tuple[SkippedFile, ...] = ()
    complete: bool = True
    extra: dict[str, Any] = field(default_factory=dict)
    tool_extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def new(
        cls,
        *,
        databases: tuple[DatabaseEntry, ...] | list[DatabaseEntry] = (),
        files: tuple[FileEntry, ...] | list[FileEntry] = (),
        skipped_files: tuple[SkippedFile, ...] | list[SkippedFile] = (),
        labels: Mapping[str, str] | None = None,
        notes: str | None = None,
        created: datetime | None = None,
        host: str | None = None,
    ) -> Manifest:
        """A manifest for now, this host and this tool version."""
        return cls(
            created=created or datetime.now(UTC),
            host=host if host is not None else socket.gethostname(),
            labels=dict(labels or {}),
            notes=notes,
            databases=tuple(databases),
            files=tuple(files),
            skipped_files=tuple(skipped_files),
        )

    def stored_members(self) -> list[StoredMember]:
        """Every member the manifest accounts for (databases, then files)."""
        out: list[StoredMember] = [m for db in self.databases for m in db.members()]
        out.extend(s for f in self.files if (s := f.stored()) is not None)
        return out

    def database(self, name: str) -> DatabaseEntry:
        for db in self.databases:
            if db.name == name:
                return db
        known = ", ".join(db.name for db in self.databases) or "none"
        raise ArchiveError(
            f"the archive has no database {name!r} (it has: {known})", kind="no-such-database"
        )

    # ----------------------------------------------------------------- JSON

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "tool": {"name": self.tool_name, "version": self.tool_version, **self.tool_extra},
            "created": format_time(self.created),
            "host": self.host,
            "labels": self.labels,
            "notes": self.notes,
            "databases": [db.to_json() for db in self.databases],
            "files": [f.to_json() for f in self.files],
            "skipped_files": [s.to_json() for s in self.skipped_files],
        }
        data.update(self.extra)
        # Last, like the manifest in the archive: a reader of a cut copy sees no marker.
        data["complete"] = self.complete
        return data

    def to_bytes(self) -> bytes:
        """The JSON text, ending with its own SHA-256 (see :func:`seal`)."""
        data = self.to_json()
        data[SEAL_KEY] = _UNSEALED
        return seal(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")

    @classmethod
    def from_bytes(cls, raw: bytes) -> Manifest:
        """Parse and validate; ArchiveError ``manifest-sha256-mismatch`` if the text was
        changed after it was written (or its seal is missing or damaged)."""
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise _bad(f"not valid JSON ({exc})") from None
        check_seal(raw)
        if isinstance(data, dict):
            data.pop(SEAL_KEY, None)
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        if not isinstance(data, dict):
            raise _bad("must be a JSON object")
        if data.get("format") != FORMAT_NAME:
            raise _bad(f"not an ovsdb-backup manifest (format {data.get('format')!r})")
        version = _major(data.get("format_version"))
        if version != FORMAT_VERSION:
            raise ArchiveError(
                f"{MANIFEST_MEMBER}: archive format version {data.get('format_version')!r} "
                f"is not supported (this ovsdb-backup {__version__} reads version "
                f"{FORMAT_VERSION})",
                kind="unsupported-format-version",
                member=MANIFEST_MEMBER,
                hint="use the ovsdb-backup release that wrote the archive, or a newer one",
            )
        tool = data.get("tool")
        if not isinstance(tool, dict):
            raise _bad("tool must be an object with name and version")
        known = {"format", "format_version", "tool", "created", "host", "labels", "notes"}
        known |= {"databases", "files", "skipped_files", "complete"}
        manifest = cls(
            format_version=version,
            tool_name=_str(tool.get("name"), "tool.name"),
            tool_version=_str(tool.get("version"), "tool.version"),
            tool_extra={k: v for k, v in tool.items() if k not in ("name", "version")},
            created=_time(data.get("created"), "created"),
            host=_str(data.get("host"), "host"),
            labels=_str_map(data.get("labels", {}), "labels"),
            notes=_opt_str(data.get("notes"), "notes"),
            databases=_entries(DatabaseEntry, data, "databases"),
            files=_entries(FileEntry, data, "files"),
            skipped_files=_entries(SkippedFile, data, "skipped_files"),
            complete=_complete(data.get("complete")),
            extra={k: v for k, v in data.items() if k not in known},
        )
        manifest.check_unique()
        return manifest

    def check_unique(self) -> None:
        """Refuse two entries for one member, database name or file path: the reader
        could not tell which one the member's bytes belong to."""
        _unique([m.member for m in self.stored_members()] + [MANIFEST_MEMBER], "member")
        _unique([db.name for db in self.databases], "database name")
        _unique([f.path.rstrip("/") for f in self.files], "file path")


def _unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise _bad(f"{what} {value!r} appears more than once")
        seen.add(value)


# ---------------------------------------------------------------------------- seal
#
# Every byte of an archive is covered by something verify checks: tar header
# checksums, member SHA-256s in the manifest, zero padding, and, for the manifest's
# own text (host, labels, notes have no other check), this seal: the last key of the
# JSON object is the SHA-256 of the text as written with 64 zeros in its place.
# It works on the raw bytes, so it needs no canonical JSON form.

SEAL_KEY = "manifest_sha256"
_UNSEALED = "0" * 64
_SEAL_TAIL = re.compile(rb'"manifest_sha256": "([0-9a-f]{64})"\s*\}\s*\Z')


def seal(raw: bytes) -> bytes:
    """``raw`` (ending with the placeholder seal) with the real seal filled in."""
    match = _SEAL_TAIL.search(raw)
    if match is None or match.group(1).decode() != _UNSEALED:
        raise ValueError("the manifest text does not end with the placeholder seal")
    digest = hashlib.sha256(raw).hexdigest().encode()
    return raw[: match.start(1)] + digest + raw[match.end(1) :]


def check_seal(raw: bytes) -> None:
    """Raise ArchiveError unless ``raw`` ends with a seal that matches it.

    Every manifest of this format is sealed; one without a seal was edited by hand
    or damaged where the seal is (a changed key name, say), and cannot be trusted.
    """
    match = _SEAL_TAIL.search(raw)
    if match is None:
        raise ArchiveError(
            f"{MANIFEST_MEMBER}: its seal ({SEAL_KEY}, the last key) is missing or "
            "damaged: the manifest was edited or damaged",
            kind="manifest-sha256-mismatch",
            member=MANIFEST_MEMBER,
        )
    unsealed = raw[: match.start(1)] + _UNSEALED.encode() + raw[match.end(1) :]
    actual = hashlib.sha256(unsealed).hexdigest()
    if actual != match.group(1).decode():
        raise ArchiveError(
            f"{MANIFEST_MEMBER}: its text was changed after it was written (SHA-256 "
            f"{actual}, sealed as {match.group(1).decode()})",
            kind="manifest-sha256-mismatch",
            member=MANIFEST_MEMBER,
        )


def _major(value: Any) -> int:
    """The major version: an integer, or the part before the dot of ``"M.m"``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)*", value):
        return int(value.split(".")[0])
    raise _bad(f"format_version {value!r} is not a version number")


def _complete(value: Any) -> bool:
    if value is not True:
        raise ArchiveError(
            f"{MANIFEST_MEMBER}: the archive is not marked complete",
            kind="incomplete",
            member=MANIFEST_MEMBER,
        )
    return True


def _entries(cls: type[_E], data: dict[str, Any], key: str) -> tuple[_E, ...]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise _bad(f"{key} must be a list")
    return tuple(cls.from_json(item, f"{key}[{i}]") for i, item in enumerate(items))
