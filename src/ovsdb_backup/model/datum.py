"""Column values ("datums"): conversion between RFC 7047 JSON and memory, diffs.

In memory a value is held by column kind (:class:`~.schema.ColumnKind`):

* SCALAR: the atom itself; OPTIONAL: the atom or ``None``;
* SET: a Python ``set`` of atoms; MAP: a ``dict`` of atoms.

Atoms are ``int``, ``float``, ``bool``, ``str``; a UUID is its lowercase
36-character string (the column type says it is a UUID). Sets and maps are
mutable so that a diff record touching one element of a 240k-element set costs
O(diff), not O(set) — the cost that makes ``ovsdb-tool compact`` slow.

Each column gets a :class:`ColumnCodec` with converters compiled once per schema.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from .schema import INT64_MAX, INT64_MIN, BaseType, ColumnKind, ColumnType

ZERO_UUID = "00000000-0000-0000-0000-000000000000"
_UUID_LOWER = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_UUID_ANY = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)

AtomDecoder = Callable[[Any], Any]


class DatumError(ValueError):
    """A JSON value that does not fit its column type (message says why)."""


def parse_uuid(text: Any) -> str:
    """Validate a UUID string and return it in lowercase; DatumError if invalid."""
    if type(text) is str and len(text) == 36:
        if _UUID_LOWER.fullmatch(text):
            return text
        if _UUID_ANY.fullmatch(text):
            return text.lower()
    raise DatumError(f"{text!r} is not a valid UUID")


def is_uuid(text: Any) -> bool:
    return type(text) is str and len(text) == 36 and _UUID_ANY.fullmatch(text) is not None


def is_canonical_uuid(text: Any) -> bool:
    """A UUID as OVSDB writes it (lowercase): usable as a key without normalising."""
    return type(text) is str and _UUID_LOWER.fullmatch(text) is not None


def atom_default(atomic: str) -> Any:
    return {"integer": 0, "real": 0.0, "boolean": False, "string": "", "uuid": ZERO_UUID}[atomic]


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def make_atom_decoder(base: BaseType) -> AtomDecoder:
    """A function JSON atom -> memory atom that enforces the base type's constraints."""
    atomic = base.atomic
    decode: AtomDecoder
    if atomic == "integer":
        lo = INT64_MIN if base.min_integer is None else base.min_integer
        hi = INT64_MAX if base.max_integer is None else base.max_integer

        def decode(v: Any) -> Any:
            if type(v) is not int:
                raise DatumError(f"expected integer, got {_describe(v)}")
            if not lo <= v <= hi:
                raise DatumError(f"integer {v} is outside the range {lo}..{hi}")
            return v

    elif atomic == "real":
        rlo, rhi = base.min_real, base.max_real

        def decode(v: Any) -> Any:
            if type(v) is float:
                r = v
            elif type(v) is int:
                r = float(v)  # OVS writes integral reals without a decimal point
            else:
                raise DatumError(f"expected real, got {_describe(v)}")
            if (rlo is not None and r < rlo) or (rhi is not None and r > rhi):
                raise DatumError(f"real {r} is outside the range {rlo}..{rhi}")
            return r

    elif atomic == "boolean":

        def decode(v: Any) -> Any:
            if type(v) is not bool:
                raise DatumError(f"expected boolean, got {_describe(v)}")
            return v

    elif atomic == "string":
        min_len, max_len = base.min_length, base.max_length

        def decode(v: Any) -> Any:
            if type(v) is not str:
                raise DatumError(f"expected string, got {_describe(v)}")
            if (min_len is not None and len(v) < min_len) or (
                max_len is not None and len(v) > max_len
            ):
                raise DatumError(f"string {_describe(v)} length is outside {min_len}..{max_len}")
            return v

    else:

        def decode(v: Any) -> Any:
            if type(v) is list and len(v) == 2 and v[0] == "uuid":
                return parse_uuid(v[1])
            raise DatumError(f'expected ["uuid", <uuid>], got {_describe(v)}')

    enum = base.enum
    if enum is None:
        return decode
    plain = decode

    def decode_enum(v: Any) -> Any:
        atom = plain(v)
        if atom not in enum:
            raise DatumError(f"{_describe(atom)} is not one of the allowed values")
        return atom

    return decode_enum


def atom_to_json(atomic: str) -> Callable[[Any], Any]:
    if atomic == "uuid":
        return lambda a: ["uuid", a]
    return lambda a: a


def _is_set_json(v: Any) -> bool:
    return type(v) is list and len(v) == 2 and v[0] == "set" and type(v[1]) is list


ElementsDecoder = Callable[[list[Any]], set[Any]]


def make_elements_decoder(base: BaseType) -> ElementsDecoder:
    """A function JSON atom list -> set of atoms, with fast paths for the common types.

    Duplicates are an error. Hot path of replay: sets of UUIDs and of plain strings
    hold most of an OVN database's elements.
    """
    decode_atom = make_atom_decoder(base)
    if base.atomic == "uuid" and base.enum is None:
        match = _UUID_LOWER.fullmatch

        def uuids(items: list[Any]) -> set[Any]:
            out: set[Any] = set()
            add = out.add
            for x in items:
                if type(x) is list and len(x) == 2 and x[0] == "uuid":
                    u = x[1]
                    if type(u) is str and len(u) == 36 and match(u):
                        add(u)
                        continue
                add(decode_atom(x))  # uppercase UUID, or raises with the reason
            if len(out) != len(items):
                raise DatumError("set contains duplicate values")
            return out

        return uuids
    if base.atomic == "string" and not base.has_constraints:

        def strings(items: list[Any]) -> set[Any]:
            try:
                out = set(items)
            except TypeError:
                out = {decode_atom(x) for x in items}  # raises with the reason
            for x in out:
                if type(x) is not str:
                    decode_atom(x)
            if len(out) != len(items):
                raise DatumError("set contains duplicate values")
            return out

        return strings

    def generic(items: list[Any]) -> set[Any]:
        out = {decode_atom(x) for x in items}
        if len(out) != len(items):
            raise DatumError("set contains duplicate values")
        return out

    return generic


def _fmt_count(n: int, ctype: ColumnType) -> str:
    return f"{n} elements but the column allows {ctype.min} to {_fmt_max(ctype.max)}"


class ColumnCodec:
    """Converters for one column type, compiled once per schema.

    ``decode``, ``decode_diff``, ``encode`` and ``is_default`` are plain functions
    chosen for the column's kind and atom types when the codec is built, so the
    replay loop pays one call per value and no dispatch on the type.
    """

    __slots__ = (
        "decode",
        "decode_diff",
        "decode_key",
        "decode_value",
        "encode",
        "encode_is_identity",
        "is_default",
        "kind",
        "type",
    )

    def __init__(self, ctype: ColumnType) -> None:
        self.type = ctype
        self.kind = ctype.kind
        self.decode_key = make_atom_decoder(ctype.key)
        self.decode_value = make_atom_decoder(ctype.value) if ctype.value else None
        self.encode_is_identity = self.kind is ColumnKind.SCALAR and ctype.key.atomic != "uuid"
        self.decode: Callable[[Any], Any]
        self.decode_diff: Callable[[Any], Any]
        self.encode: Callable[[Any], Any]
        self.is_default: Callable[[Any], bool]
        if self.kind is ColumnKind.SCALAR:
            self._compile_scalar()
        elif self.kind is ColumnKind.OPTIONAL:
            self._compile_optional()
        elif self.kind is ColumnKind.SET:
            self._compile_set()
        else:
            self._compile_map()

    # -- compilation ------------------------------------------------------------

    def _compile_scalar(self) -> None:
        dk = self.decode_key
        default = atom_default(self.type.key.atomic)

        def decode(v: Any) -> Any:
            if type(v) is list and len(v) == 2 and v[0] == "set" and type(v[1]) is list:
                if len(v[1]) != 1:
                    raise DatumError(f"expected exactly one value, got {len(v[1])}")
                v = v[1][0]
            return dk(v)

        self.decode = self.decode_diff = decode
        self.encode = atom_to_json(self.type.key.atomic)
        self.is_default = lambda v: bool(v == default)

    def _compile_optional(self) -> None:
        dk = self.decode_key
        out = atom_to_json(self.type.key.atomic)

        def decode(v: Any) -> Any:
            if type(v) is list and len(v) == 2 and v[0] == "set" and type(v[1]) is list:
                items = v[1]
                if not items:
                    return None
                if len(items) > 1:
                    raise DatumError(f"expected at most one value, got {len(items)}")
                v = items[0]
            return dk(v)

        self.decode = self.decode_diff = decode
        self.encode = lambda v: ["set", []] if v is None else out(v)
        self.is_default = lambda v: v is None

    def _compile_set(self) -> None:
        elements = make_elements_decoder(self.type.key)
        dk = self.decode_key
        ctype = self.type
        n_min, n_max = ctype.min, ctype.max

        def decode_diff(v: Any) -> Any:
            if type(v) is list and len(v) == 2 and v[0] == "set" and type(v[1]) is list:
                return elements(v[1])
            return {dk(v)}

        def decode(v: Any) -> Any:
            result = decode_diff(v)
            n = len(result)
            if n < n_min or n > n_max:
                raise DatumError(_fmt_count(n, ctype))
            return result

        self.decode, self.decode_diff = decode, decode_diff
        if ctype.key.atomic == "uuid":

            def encode(v: Any) -> Any:
                if len(v) == 1:
                    for x in v:
                        return ["uuid", x]
                return ["set", [["uuid", x] for x in sorted(v)]]

        else:

            def encode(v: Any) -> Any:
                if len(v) == 1:
                    for x in v:
                        return x
                return ["set", sorted(v)]

        self.encode = encode
        default = self.default()
        self.is_default = (lambda v: not v) if n_min == 0 else (lambda v: bool(v == default))

    def _compile_map(self) -> None:
        dk, dv = self.decode_key, self.decode_value
        value_type = self.type.value
        assert dv is not None
        assert value_type is not None
        ctype = self.type
        n_min, n_max = ctype.min, ctype.max

        plain = (
            ctype.key.atomic == "string"
            and value_type.atomic == "string"
            and not ctype.key.has_constraints
            and not value_type.has_constraints
        )

        def decode_diff(v: Any) -> Any:
            if type(v) is not list or len(v) != 2 or v[0] != "map" or type(v[1]) is not list:
                raise DatumError(f'expected ["map", [...]], got {_describe(v)}')
            pairs = v[1]
            if plain:
                # Fast path for string->string maps (external_ids, options, ...).
                try:
                    out = dict(pairs)
                except (TypeError, ValueError):
                    out = None
                if out is not None and len(out) == len(pairs):
                    for key, value in out.items():
                        if type(key) is not str or type(value) is not str:
                            break
                    else:
                        return out
            return checked(pairs)

        def checked(pairs: list[Any]) -> dict[Any, Any]:
            out: dict[Any, Any] = {}
            for pair in pairs:
                if type(pair) is not list or len(pair) != 2:
                    raise DatumError(f"map entry {_describe(pair)} is not a [key, value] pair")
                key = dk(pair[0])
                if key in out:
                    raise DatumError(f"map contains duplicate key {_describe(key)}")
                out[key] = dv(pair[1])
            return out

        def decode(v: Any) -> Any:
            result = decode_diff(v)
            n = len(result)
            if n < n_min or n > n_max:
                raise DatumError(_fmt_count(n, ctype))
            return result

        self.decode, self.decode_diff = decode, decode_diff
        ko, vo = atom_to_json(ctype.key.atomic), atom_to_json(value_type.atomic)
        if ctype.key.atomic != "uuid" and value_type.atomic != "uuid":
            # Keys are unique, so sorting [key, value] lists orders by key; map(list, …)
            # builds the pairs in C.
            self.encode = lambda v: ["map", sorted(map(list, v.items()))]
        else:
            self.encode = lambda v: ["map", [[ko(k), vo(v[k])] for k in sorted(v)]]
        default = self.default()
        self.is_default = (lambda v: not v) if n_min == 0 else (lambda v: bool(v == default))

    # -- defaults -------------------------------------------------------------

    def default(self) -> Any:
        """A fresh default value (sets and maps are new objects)."""
        t = self.type
        if self.kind is ColumnKind.SCALAR:
            return atom_default(t.key.atomic)
        if self.kind is ColumnKind.OPTIONAL:
            return None
        if self.kind is ColumnKind.SET:
            return {atom_default(t.key.atomic)} if t.min == 1 else set()
        assert t.value is not None
        return {atom_default(t.key.atomic): atom_default(t.value.atomic)} if t.min == 1 else {}

    # -- diffs ----------------------------------------------------------------

    def check_diff(self, old: Any, diff: Any) -> None:
        """Raise DatumError if applying ``diff`` (decoded) to ``old`` breaks size limits."""
        n = len(old)
        if self.kind is ColumnKind.SET:
            for element in diff:
                n += -1 if element in old else 1
        else:
            for key, value in diff.items():
                if key not in old:
                    n += 1
                elif old[key] == value:
                    n -= 1
        if n < self.type.min or n > self.type.max:
            raise DatumError(
                f"applying the diff leaves {n} elements but the column allows "
                f"{self.type.min} to {_fmt_max(self.type.max)}"
            )

    def apply_diff(self, old: Any, diff: Any) -> Any:
        """Apply a decoded composite diff to ``old`` in place and return it.

        Sets: symmetric difference. Maps: absent key -> add; different value ->
        replace; equal value -> remove.
        """
        if self.kind is ColumnKind.SET:
            old.symmetric_difference_update(diff)
            return old
        for key, value in diff.items():
            current = old.get(key, _MISSING)
            if current is _MISSING or current != value:
                old[key] = value
            else:
                del old[key]
        return old

    def diff(self, old: Any, new: Any) -> Any:
        """The JSON diff that turns ``old`` into ``new`` (for writing diff records)."""
        if not self.type.is_composite:
            return self.encode(new)
        if self.kind is ColumnKind.SET:
            return self.encode(old ^ new) if old ^ new else ["set", []]
        changes = {k: v for k, v in old.items() if k not in new}
        changes.update((k, v) for k, v in new.items() if old.get(k, _MISSING) != v)
        return self.encode(changes)

    def copy(self, value: Any) -> Any:
        if self.kind is ColumnKind.SET:
            return set(value)
        if self.kind is ColumnKind.MAP:
            return dict(value)
        return value

    def refs(self, value: Any, strong: bool) -> Iterable[tuple[str, str]]:
        """(ref_table, uuid) pairs this value holds, strong or weak ones."""
        t = self.type
        key_ref = t.key.ref_table if t.key.ref_table and t.key.is_strong_ref == strong else None
        val_ref = None
        if t.value is not None and t.value.ref_table and t.value.is_strong_ref == strong:
            val_ref = t.value.ref_table
        if key_ref is None and val_ref is None:
            return ()
        return _iter_refs(self.kind, value, key_ref, val_ref)


def _iter_refs(
    kind: ColumnKind, value: Any, key_ref: str | None, val_ref: str | None
) -> Iterable[tuple[str, str]]:
    if kind is ColumnKind.SCALAR:
        if key_ref:
            yield key_ref, value
    elif kind is ColumnKind.OPTIONAL:
        if key_ref and value is not None:
            yield key_ref, value
    elif kind is ColumnKind.SET:
        if key_ref:
            for v in value:
                yield key_ref, v
    else:
        for k, v in value.items():
            if key_ref:
                yield key_ref, k
            if val_ref:
                yield val_ref, v


_MISSING = object()


def _fmt_max(n_max: float) -> str:
    return "unlimited" if n_max == float("inf") else str(int(n_max))
