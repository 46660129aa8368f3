"""The one exception tree of ovsdb-backup, and the process exit codes.

Every error the tool raises on purpose derives from :class:`OvsdbBackupError`
and carries the exit code the CLI returns for it::

    OvsdbBackupError (2)
    ├── UsageError (2)                   bad arguments or combination of options
    ├── InputError (3)                   an input cannot be used as asked
    │   ├── NotAnOvsdbFile               not an OVSDB file at all
    │   ├── CorruptFileError             framing/checksum/JSON defect (has offset)
    │   ├── SchemaError                  schema JSON invalid
    │   ├── ReplayError                  a well-framed record that breaks the rules
    │   └── ArchiveError                 a backup archive that is damaged/unsafe
    ├── ServerError (4)                  a live server is unreachable or refused
    │   └── ToolError                    an OVS tool/server process failed (has stderr)
    ├── RefusedError (5)                 unsafe to proceed without --force/--yes
    └── OutputError (6)                  cannot write an output (exists, disk full)

Exit code 1 is not an exception: it means "the command ran and found
problems" (``db check`` with findings, ``verify`` failures, drift).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, documented in docs/exit-codes.md."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INPUT = 3
    SERVER = 4
    REFUSED = 5
    OUTPUT = 6
    INTERRUPTED = 130


@dataclass(frozen=True)
class Location:
    """Where in a file a problem is: record number (0 = first) and byte offset."""

    path: str | None = None
    record: int | None = None
    offset: int | None = None

    def __str__(self) -> str:
        parts = []
        if self.path:
            parts.append(self.path)
        if self.record is not None:
            parts.append(f"record {self.record}")
        if self.offset is not None:
            parts.append(f"offset {self.offset}")
        return ", ".join(parts)


class OvsdbBackupError(Exception):
    """Base of every error ovsdb-backup raises on purpose."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class UsageError(OvsdbBackupError):
    """Arguments that cannot work together."""

    exit_code = ExitCode.USAGE


class InputError(OvsdbBackupError):
    """An input (file, archive, schema) cannot be used as asked."""

    exit_code = ExitCode.INPUT


class NotAnOvsdbFile(InputError):
    """The file is not an OVSDB database file (standalone or clustered)."""


class CorruptFileError(InputError):
    """A framing, checksum or JSON defect in an OVSDB file."""

    def __init__(self, message: str, location: Location, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.location = location


class SchemaError(InputError):
    """An OVSDB schema that does not follow RFC 7047 / OVSDB rules."""


class ReplayError(InputError):
    """A record that is well framed but cannot be applied (semantic defect)."""

    def __init__(
        self, message: str, location: Location | None = None, *, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.location = location or Location()


class ArchiveError(InputError):
    """A backup archive that is damaged, tampered with or unsafe to extract.

    ``kind`` is a stable identifier of the defect (``sha256-mismatch``, ``unsafe-member``,
    ``truncated-tar`` …, listed in docs/archive-format.md), ``member`` the tar member it
    concerns and ``offset`` the byte offset in the archive where it was seen, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "archive-error",
        member: str | None = None,
        offset: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.kind = kind
        self.member = member
        self.offset = offset


class ServerError(OvsdbBackupError):
    """A live OVSDB server is unreachable, answered with an error, or is unsuitable."""

    exit_code = ExitCode.SERVER

    def __init__(self, message: str, *, remote: str | None = None, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.remote = remote


class ToolError(ServerError):
    """An Open vSwitch program (``ovsdb-server``, ``ovsdb-tool``, ``ovs-appctl`` …) failed.

    Carries the command line, exit status and stderr so the message can show what the
    tool said instead of a bare "exit status 1".
    """

    def __init__(
        self,
        message: str,
        *,
        command: tuple[str, ...] = (),
        returncode: int | None = None,
        stderr: str = "",
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.command = command
        self.returncode = returncode
        self.stderr = stderr


class RefusedError(OvsdbBackupError):
    """The operation would be unsafe; it needs an explicit --force or --yes."""

    exit_code = ExitCode.REFUSED


class OutputError(OvsdbBackupError):
    """An output cannot be written (already exists, no space, permission)."""

    exit_code = ExitCode.OUTPUT
