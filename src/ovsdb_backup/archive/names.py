"""Rules for the names inside an archive and for the paths files are restored to.

An archive may come from anywhere (a copy on a shared disk, an attacker's upload), so
every name read from it is checked before it is used, and our writer refuses to
produce a name that the reader would refuse.
"""

from __future__ import annotations

import re

MANIFEST_MEMBER = "manifest.json"
DATABASE_DIR = "db"
FILES_DIR = "files"

# Database names end up in member names; OVSDB names are identifiers, but the archive
# layer does not depend on that: it only keeps them to one harmless path component.
_DB_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+-]{0,199}")


def member_name_problem(name: str) -> str | None:
    """Why ``name`` is not acceptable as a member name, or None when it is.

    Accepted names are relative, '/'-separated, without empty, '.' or '..' components
    (so they cannot escape the extraction directory nor alias another member), and
    without NUL or control characters (which terminals and tar listings mangle).
    """
    if not name:
        return "empty name"
    if name.startswith("/"):
        return "absolute path"
    if any(ord(c) < 0x20 or c == "\x7f" for c in name):
        return "control character in name"
    parts = name.split("/")
    if ".." in parts:
        return "parent directory reference '..'"
    if any(p in ("", ".") for p in parts):
        return "empty or '.' path component"
    return None


def restore_path_problem(path: str) -> str | None:
    """Why ``path`` (a configuration file's original location) cannot be restored to.

    It must be absolute and normalised: ``..`` would let a tampered manifest write
    outside the chosen target directory.
    """
    if not path.startswith("/"):
        return "not an absolute path"
    if path == "/":
        return "the root directory itself"
    rest = path[1:].removesuffix("/")
    return member_name_problem(rest)


def database_member(db_name: str, extension: str) -> str:
    """The member name of a database: ``db/<name>.db`` plus the codec's extension."""
    if not _DB_NAME.fullmatch(db_name):
        raise ValueError(f"database name {db_name!r} cannot be used in a member name")
    return f"{DATABASE_DIR}/{db_name}.db{extension}"


def row_index_member(db_name: str, extension: str) -> str:
    """The member name of a database's row index: ``db/<name>.rows.json`` plus extension."""
    return database_member(db_name, "").removesuffix(".db") + f".rows.json{extension}"


def file_member(path: str, extension: str) -> str:
    """The member name of a configuration file: ``files/<absolute path without '/'>``."""
    problem = restore_path_problem(path)
    if problem is not None:
        raise ValueError(f"{path!r}: {problem}")
    return f"{FILES_DIR}/{path.lstrip('/')}{extension}"
