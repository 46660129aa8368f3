"""Read a ``mysqldump``/``mariadb-dump`` file: table columns and literal rows.

Operators keep Neutron backups as SQL dumps; reading one must not need a MySQL server.
Only the dump's own grammar is handled: ``CREATE TABLE `t` (`col` type, ...)`` blocks
give the column names, and ``INSERT INTO `t` [(`cols`)] VALUES (...),(...);`` statements
give the rows (one row per statement with ``--skip-extended-insert``, many without).
Everything else (comments, ``SET``, ``LOCK TABLES``, keys, engines) is ignored.

Values keep MySQL's meaning: strings with backslash escapes, ``NULL``, integers,
decimals, ``0x`` hex and ``_binary '...'`` literals, as Python values; the reader
(:mod:`.source`) normalises types itself. :func:`load_into_sqlite` puts the rows in a
scratch SQLite database (untyped columns) for SQL over a dump, e.g. in tests.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from ..errors import InputError

_CREATE = re.compile(r"CREATE TABLE\s+`([^`]+)`\s*\(")
_COLUMN = re.compile(r"\s*`([^`]+)`\s+\w")
_INSERT = re.compile(r"INSERT\s+INTO\s+`([^`]+)`\s*(\(([^)]*)\))?\s*VALUES\s*", re.IGNORECASE)
_NUMBER = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_ESCAPES = {
    "0": "\0",
    "'": "'",
    '"': '"',
    "b": "\b",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "Z": "\x1a",
    "\\": "\\",
    # \% and \_ keep their backslash in MySQL (they are LIKE escapes).
    "%": "\\%",
    "_": "\\_",
}


class DumpError(InputError):
    """A SQL dump that cannot be read."""


@dataclass
class DumpTable:
    name: str
    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


def _parse_string(text: str, pos: int, quote: str) -> tuple[str, int]:
    """Parse a quoted string starting after its opening quote; return (value, next pos)."""
    out: list[str] = []
    start = pos
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch == "\\":
            out.append(text[start:pos])
            nxt = text[pos + 1 : pos + 2]
            out.append(_ESCAPES.get(nxt, nxt))
            pos += 2
            start = pos
        elif ch == quote:
            if text[pos + 1 : pos + 2] == quote:  # '' is an escaped quote
                out.append(text[start : pos + 1])
                pos += 2
                start = pos
                continue
            out.append(text[start:pos])
            return "".join(out), pos + 1
        else:
            pos += 1
    raise ValueError("unterminated string")


def _parse_value(text: str, pos: int) -> tuple[Any, int]:
    ch = text[pos]
    if ch in "'\"":
        return _parse_string(text, pos + 1, ch)
    if text.startswith("NULL", pos):
        return None, pos + 4
    if text.startswith("_binary ", pos):
        return _parse_value(text, pos + 8)
    if text.startswith(("0x", "0X"), pos):
        end = pos + 2
        while end < len(text) and text[end] in "0123456789abcdefABCDEF":
            end += 1
        return bytes.fromhex(text[pos + 2 : end]).decode("utf-8", "replace"), end
    if text.startswith(("b'", "B'"), pos):
        bits, end = _parse_string(text, pos + 2, "'")
        return int(bits or "0", 2), end
    match = _NUMBER.match(text, pos)
    if match is None:
        raise ValueError(f"unexpected {text[pos : pos + 20]!r}")
    literal = match.group(0)
    is_int = not any(c in literal for c in ".eE")
    return (int(literal) if is_int else float(literal)), match.end()


def parse_values(text: str, pos: int = 0) -> Iterator[tuple[Any, ...]]:
    """Yield the row tuples of a ``VALUES (...),(...);`` list starting at ``pos``."""
    n = len(text)
    while pos < n:
        while pos < n and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= n or text[pos] == ";":
            return
        if text[pos] != "(":
            raise ValueError(f"expected '(' at {text[pos : pos + 20]!r}")
        pos += 1
        row: list[Any] = []
        while True:
            while text[pos] in " \t\r\n":
                pos += 1
            value, pos = _parse_value(text, pos)
            row.append(value)
            while text[pos] in " \t\r\n":
                pos += 1
            if text[pos] == ",":
                pos += 1
                continue
            if text[pos] == ")":
                pos += 1
                break
            raise ValueError(f"expected ',' or ')' at {text[pos : pos + 20]!r}")
        yield tuple(row)


def _statements(lines: Iterable[str]) -> Iterator[str]:
    """Join physical lines into statements for INSERTs (which may span lines)."""
    pending: list[str] = []
    for line in lines:
        if pending:
            pending.append(line)
            if line.rstrip().endswith(";"):
                yield "".join(pending)
                pending = []
            continue
        if line.startswith("INSERT") and not line.rstrip().endswith(";"):
            pending.append(line)
            continue
        yield line
    if pending:
        yield "".join(pending)


def read_dump(
    stream: IO[str], tables: Collection[str] | None = None, *, name: str = "dump"
) -> dict[str, DumpTable]:
    """Parse a dump; keep the rows of ``tables`` only (all when None)."""
    found: dict[str, DumpTable] = {}
    current: DumpTable | None = None
    saw_sql = False
    for lineno, statement in enumerate(_statements(stream), 1):
        if current is not None:
            if statement.startswith(")"):
                current = None
                continue
            col = _COLUMN.match(statement)
            if col:
                current.columns.append(col.group(1))
            continue
        if statement.startswith("CREATE TABLE"):
            m = _CREATE.match(statement)
            if m:
                saw_sql = True
                current = found.setdefault(m.group(1), DumpTable(m.group(1), []))
                current.columns.clear()
            continue
        m = _INSERT.match(statement)
        if m is None:
            continue
        saw_sql = True
        table = m.group(1)
        if tables is not None and table not in tables:
            continue
        target = found.setdefault(table, DumpTable(table, []))
        if m.group(3):
            target.columns = [c.strip().strip("`") for c in m.group(3).split(",")]
        try:
            target.rows.extend(parse_values(statement, m.end()))
        except (ValueError, IndexError) as exc:
            raise DumpError(f"{name}: statement near line {lineno}: {exc}") from None
    if not saw_sql:
        raise DumpError(
            f"{name}: no CREATE TABLE or INSERT statements found",
            hint="expected a mysqldump/mariadb-dump of the Neutron database",
        )
    return found


def load_into_sqlite(tables: dict[str, DumpTable]) -> sqlite3.Connection:
    """A new in-memory SQLite database holding the parsed tables (untyped columns)."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    for table in tables.values():
        if not table.columns:
            continue
        cols = ", ".join(_quote(c) for c in table.columns)
        conn.execute(f"CREATE TABLE {_quote(table.name)} ({cols})")
        marks = ", ".join("?" * len(table.columns))
        for row in table.rows:
            if len(row) != len(table.columns):
                raise DumpError(
                    f"table {table.name}: a row has {len(row)} values for "
                    f"{len(table.columns)} columns"
                )
        conn.executemany(f"INSERT INTO {_quote(table.name)} VALUES ({marks})", table.rows)
    conn.commit()
    return conn


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
