"""OVSDB schemas (RFC 7047 section 3.2) as immutable values.

The original schema text is kept byte for byte (``DatabaseSchema.text``): the
``cksum`` of a ``.ovsschema`` file is computed over its exact text, and a
schema record copied from a database file must stay identical.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

import orjson

from ..errors import SchemaError

ATOMIC_TYPES = ("integer", "real", "boolean", "string", "uuid")
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+")
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
UNLIMITED = math.inf


class ColumnKind(Enum):
    """How a column's value is held in memory and how diffs apply to it."""

    SCALAR = "scalar"  # exactly one atom
    OPTIONAL = "optional"  # zero or one atom (None when empty)
    SET = "set"  # more than one atom allowed: a Python set
    MAP = "map"  # key/value pairs: a Python dict


@dataclass(frozen=True)
class BaseType:
    """An atomic type with its constraints (RFC 7047 <base-type>)."""

    atomic: str
    enum: frozenset[Any] | None = None
    min_integer: int | None = None
    max_integer: int | None = None
    min_real: float | None = None
    max_real: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    ref_table: str | None = None
    ref_type: str = "strong"

    @property
    def has_constraints(self) -> bool:
        return (
            self.enum is not None
            or self.min_integer is not None
            or self.max_integer is not None
            or self.min_real is not None
            or self.max_real is not None
            or self.min_length is not None
            or self.max_length is not None
        )

    @property
    def is_strong_ref(self) -> bool:
        return self.ref_table is not None and self.ref_type == "strong"

    @property
    def is_weak_ref(self) -> bool:
        return self.ref_table is not None and self.ref_type == "weak"


@dataclass(frozen=True)
class ColumnType:
    """A column type: key, optional value, and element count bounds."""

    key: BaseType
    value: BaseType | None = None
    min: int = 1
    max: float = 1  # int, or math.inf for "unlimited"

    @property
    def kind(self) -> ColumnKind:
        if self.value is not None:
            return ColumnKind.MAP
        if self.max > 1:
            return ColumnKind.SET
        return ColumnKind.SCALAR if self.min == 1 else ColumnKind.OPTIONAL

    @property
    def is_composite(self) -> bool:
        """Diffs of composite columns are element-wise; others are replaced."""
        return self.max > 1

    def ref_bases(self) -> list[BaseType]:
        return [b for b in (self.key, self.value) if b is not None and b.ref_table]


@dataclass(frozen=True)
class ColumnSchema:
    name: str
    type: ColumnType
    ephemeral: bool = False
    mutable: bool = True


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: Mapping[str, ColumnSchema]
    is_root: bool = False
    max_rows: int | None = None
    indexes: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class DatabaseSchema:
    """A parsed schema plus the exact JSON text it came from."""

    name: str
    version: str | None
    cksum: str | None
    tables: Mapping[str, TableSchema]
    json: Mapping[str, Any] = field(compare=False, repr=False)
    text: str = field(compare=False, repr=False)

    @classmethod
    def from_text(cls, text: str | bytes) -> DatabaseSchema:
        raw = text.decode("utf-8") if isinstance(text, bytes) else text
        try:
            obj = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise SchemaError(f"schema is not valid JSON: {exc}") from None
        return cls.from_json(obj, text=raw)

    @classmethod
    def from_json(cls, obj: Any, *, text: str | None = None) -> DatabaseSchema:
        return _parse_schema(obj, text)

    @property
    def gc_enabled(self) -> bool:
        """OVSDB only collects garbage when at least one table is a root table."""
        return any(t.is_root for t in self.tables.values())

    def is_root(self, table: str) -> bool:
        return self.tables[table].is_root or not self.gc_enabled

    def persistent_columns(self, table: str) -> list[str]:
        return [c.name for c in self.tables[table].columns.values() if not c.ephemeral]

    def has_ephemeral_columns(self) -> bool:
        return any(c.ephemeral for t in self.tables.values() for c in t.columns.values())

    def with_ephemeral_persisted(self) -> DatabaseSchema:
        """The schema a clustered server uses: every ephemeral column made persistent."""
        if not self.has_ephemeral_columns():
            return self
        obj = orjson.loads(orjson.dumps(self.json))
        for table in obj.get("tables", {}).values():
            for column in table.get("columns", {}).values():
                if isinstance(column, dict):
                    column.pop("ephemeral", None)
        text = orjson.dumps(obj).decode()
        tables = {
            name: replace(
                t,
                columns={n: replace(c, ephemeral=False) for n, c in t.columns.items()},
            )
            for name, t in self.tables.items()
        }
        return replace(self, tables=tables, json=obj, text=text)

    def to_bytes(self) -> bytes:
        """Compact JSON of the schema (what a database file's first record holds)."""
        return orjson.dumps(self.json)


def posix_cksum(data: bytes) -> str:
    """POSIX ``cksum`` output ("CRC LENGTH") of ``data``, as OVS schema cksums use."""
    crc = _posix_crc(data)
    return f"{crc} {len(data)}"


def _posix_crc(data: bytes) -> int:
    # cksum(1): CRC-32/CKSUM (poly 0x04C11DB7, MSB first), length appended, complemented.
    crc = 0
    table = _CKSUM_TABLE
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ table[(crc >> 24) ^ byte]
    length = len(data)
    while length:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ table[(crc >> 24) ^ (length & 0xFF)]
        length >>= 8
    return (~crc) & 0xFFFFFFFF


def _make_cksum_table() -> list[int]:
    table = []
    for i in range(256):
        c = i << 24
        for _ in range(8):
            c = ((c << 1) ^ 0x04C11DB7) if c & 0x80000000 else (c << 1)
        table.append(c & 0xFFFFFFFF)
    return table


_CKSUM_TABLE = _make_cksum_table()
_CKSUM_LINE = re.compile(rb'^[ \t]*"cksum": *"[0-9][0-9]* [0-9][0-9]*",[ \t]*\r?\n', re.M)


def schema_file_cksum(text: bytes) -> str:
    """The cksum an ``.ovsschema`` file should carry (its text minus the cksum line)."""
    return posix_cksum(_CKSUM_LINE.sub(b"", text))


# --- parsing ---------------------------------------------------------------


def _parse_schema(obj: Any, text: str | None) -> DatabaseSchema:
    if not isinstance(obj, dict):
        raise SchemaError("schema must be a JSON object")
    _only(obj, {"name", "version", "cksum", "tables"}, "schema")
    name = obj.get("name")
    if not isinstance(name, str) or not _ID.fullmatch(name):
        raise SchemaError(f"schema name {name!r} is not a valid identifier")
    version = obj.get("version")
    if version is not None and (not isinstance(version, str) or not _VERSION.fullmatch(version)):
        raise SchemaError(f"schema version {version!r} is not of the form x.y.z")
    cksum = obj.get("cksum")
    if cksum is not None and not isinstance(cksum, str):
        raise SchemaError("schema cksum must be a string")
    tables_json = obj.get("tables")
    if not isinstance(tables_json, dict) or not tables_json:
        raise SchemaError('schema must have a non-empty "tables" object')
    tables = {}
    for tname, tjson in tables_json.items():
        if not _ID.fullmatch(tname) or tname.startswith("_"):
            raise SchemaError(f"table name {tname!r} is not a valid identifier")
        tables[tname] = _parse_table(tname, tjson)
    for table in tables.values():
        for column in table.columns.values():
            for base in column.type.ref_bases():
                if base.ref_table not in tables:
                    raise SchemaError(
                        f"column {table.name}.{column.name} refers to undefined table "
                        f"{base.ref_table!r}"
                    )
    if text is None:
        text = orjson.dumps(obj).decode()
    return DatabaseSchema(name, version, cksum, tables, obj, text)


def _only(obj: dict[str, Any], allowed: set[str], what: str) -> None:
    extra = sorted(set(obj) - allowed)
    if extra:
        raise SchemaError(f"{what}: member {extra[0]!r} is not allowed here")


def _parse_table(name: str, obj: Any) -> TableSchema:
    if not isinstance(obj, dict):
        raise SchemaError(f"table {name}: must be a JSON object")
    _only(obj, {"columns", "maxRows", "isRoot", "indexes"}, f"table {name}")
    columns_json = obj.get("columns")
    if not isinstance(columns_json, dict) or not columns_json:
        raise SchemaError(f'table {name}: must have a non-empty "columns" object')
    columns = {}
    for cname, cjson in columns_json.items():
        if not _ID.fullmatch(cname) or cname.startswith("_"):
            raise SchemaError(f"table {name}: column name {cname!r} is not allowed")
        columns[cname] = _parse_column(f"{name}.{cname}", cname, cjson)
    is_root = obj.get("isRoot", False)
    if not isinstance(is_root, bool):
        raise SchemaError(f"table {name}: isRoot must be a boolean")
    max_rows = obj.get("maxRows")
    if max_rows is not None and (not _is_int(max_rows) or max_rows < 1):
        raise SchemaError(f"table {name}: maxRows must be a positive integer")
    indexes = []
    for index in obj.get("indexes", []):
        if not isinstance(index, list) or not index:
            raise SchemaError(f"table {name}: each index must be a non-empty array")
        for col in index:
            if col not in columns and col not in ("_uuid", "_version"):
                raise SchemaError(f"table {name}: index refers to unknown column {col!r}")
            if col in columns and columns[col].ephemeral:
                raise SchemaError(f"table {name}: index uses ephemeral column {col!r}")
        indexes.append(tuple(index))
    return TableSchema(name, columns, is_root, max_rows, tuple(indexes))


def _parse_column(where: str, name: str, obj: Any) -> ColumnSchema:
    if not isinstance(obj, dict) or "type" not in obj:
        raise SchemaError(f'column {where}: must be an object with a "type"')
    _only(obj, {"type", "ephemeral", "mutable"}, f"column {where}")
    ephemeral = obj.get("ephemeral", False)
    mutable = obj.get("mutable", True)
    if not isinstance(ephemeral, bool) or not isinstance(mutable, bool):
        raise SchemaError(f"column {where}: ephemeral and mutable must be booleans")
    return ColumnSchema(name, _parse_type(where, obj["type"]), ephemeral, mutable)


def _parse_type(where: str, obj: Any) -> ColumnType:
    if isinstance(obj, str):
        return ColumnType(_parse_base(where, obj))
    if not isinstance(obj, dict) or "key" not in obj:
        raise SchemaError(f'column {where}: type must be an atomic type or an object with "key"')
    _only(obj, {"key", "value", "min", "max"}, f"column {where} type")
    key = _parse_base(where, obj["key"])
    value = _parse_base(where, obj["value"]) if "value" in obj else None
    n_min = obj.get("min", 1)
    n_max: Any = obj.get("max", 1)
    if not _is_int(n_min) or n_min not in (0, 1):
        raise SchemaError(f"column {where}: min must be 0 or 1")
    if n_max == "unlimited":
        n_max = UNLIMITED
    elif not _is_int(n_max) or n_max < 1:
        raise SchemaError(f'column {where}: max must be a positive integer or "unlimited"')
    if n_min > n_max:
        raise SchemaError(f"column {where}: min exceeds max")
    return ColumnType(key, value, n_min, n_max)


def _parse_base(where: str, obj: Any) -> BaseType:
    if isinstance(obj, str):
        if obj not in ATOMIC_TYPES:
            raise SchemaError(f"column {where}: unknown atomic type {obj!r}")
        return BaseType(obj)
    if not isinstance(obj, dict) or obj.get("type") not in ATOMIC_TYPES:
        raise SchemaError(f"column {where}: base type must name an atomic type")
    allowed = {"type", "enum", "minInteger", "maxInteger", "minReal", "maxReal"}
    allowed |= {"minLength", "maxLength", "refTable", "refType"}
    _only(obj, allowed, f"column {where} base type")
    atomic = obj["type"]
    enum = None
    if "enum" in obj:
        enum = frozenset(_enum_atoms(where, atomic, obj["enum"]))
    ref_table = obj.get("refTable")
    ref_type = obj.get("refType", "strong")
    if ref_table is not None and (atomic != "uuid" or not isinstance(ref_table, str)):
        raise SchemaError(f"column {where}: refTable is only allowed on uuid types")
    if ref_type not in ("strong", "weak"):
        raise SchemaError(f'column {where}: refType must be "strong" or "weak"')
    return BaseType(
        atomic,
        enum,
        _opt_int(where, obj, "minInteger"),
        _opt_int(where, obj, "maxInteger"),
        _opt_num(where, obj, "minReal"),
        _opt_num(where, obj, "maxReal"),
        _opt_int(where, obj, "minLength"),
        _opt_int(where, obj, "maxLength"),
        ref_table,
        ref_type,
    )


def _enum_atoms(where: str, atomic: str, value: Any) -> list[Any]:
    items = value[1] if isinstance(value, list) and value and value[0] == "set" else [value]
    atoms = []
    for item in items:
        if atomic == "uuid" and isinstance(item, list) and len(item) == 2:
            atoms.append(item[1])
        elif atomic == "real" and _is_int(item):
            atoms.append(float(item))
        else:
            atoms.append(item)
    return atoms


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _opt_int(where: str, obj: dict[str, Any], key: str) -> int | None:
    value = obj.get(key)
    if value is not None and not _is_int(value):
        raise SchemaError(f"column {where}: {key} must be an integer")
    return value


def _opt_num(where: str, obj: dict[str, Any], key: str) -> float | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SchemaError(f"column {where}: {key} must be a number")
    return float(value)
