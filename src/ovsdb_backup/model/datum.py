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


class ColumnCodec:
    """Converters for one column type, compiled once per schema."""

    __slots__ = (
        "_key_out",
        "_val_out",
        "decode_key",
        "decode_value",
        "kind",
        "type",
    )

    def __init__(self, ctype: ColumnType) -> None:
        self.type = ctype
        self.kind = ctype.kind
        self.decode_key = make_atom_decoder(ctype.key)
        self.decode_value = make_atom_decoder(ctype.value) if ctype.value else None
        self._key_out = atom_to_json(ctype.key.atomic)
        self._val_out = atom_to_json(ctype.value.atomic) if ctype.value else None

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

    def is_default(self, value: Any) -> bool:
        t = self.type
        if self.kind is ColumnKind.SCALAR:
            return bool(value == atom_default(t.key.atomic))
        if self.kind is ColumnKind.OPTIONAL:
            return value is None
        if t.min == 0:
            return not value
        return bool(value == self.default())

    # -- JSON -> memory -------------------------------------------------------

    def decode(self, v: Any) -> Any:
        """Full value from JSON, with every type constraint enforced."""
        kind = self.kind
        if kind is ColumnKind.SCALAR:
            if _is_set_json(v):
                if len(v[1]) != 1:
                    raise DatumError(f"expected exactly one value, got {len(v[1])}")
                v = v[1][0]
            return self.decode_key(v)
        if kind is ColumnKind.OPTIONAL:
            if _is_set_json(v):
                items = v[1]
                if not items:
                    return None
                if len(items) > 1:
                    raise DatumError(f"expected at most one value, got {len(items)}")
                v = items[0]
            return self.decode_key(v)
        result = self.decode_diff(v)
        n = len(result)
        if n < self.type.min or n > self.type.max:
            raise DatumError(
                f"{n} elements but the column allows {self.type.min} to {_fmt_max(self.type.max)}"
            )
        return result

    def decode_diff(self, v: Any) -> Any:
        """Decode a set or map without size limits (a diff may exceed ``max``)."""
        if self.kind is ColumnKind.MAP:
            if type(v) is not list or len(v) != 2 or v[0] != "map" or type(v[1]) is not list:
                raise DatumError(f'expected ["map", [...]], got {_describe(v)}')
            dk, dv = self.decode_key, self.decode_value
            assert dv is not None
            out: dict[Any, Any] = {}
            for pair in v[1]:
                if type(pair) is not list or len(pair) != 2:
                    raise DatumError(f"map entry {_describe(pair)} is not a [key, value] pair")
                key = dk(pair[0])
                if key in out:
                    raise DatumError(f"map contains duplicate key {_describe(key)}")
                out[key] = dv(pair[1])
            return out
        dk = self.decode_key
        if _is_set_json(v):
            items = v[1]
            result = {dk(x) for x in items}
            if len(result) != len(items):
                raise DatumError("set contains duplicate values")
            return result
        return {dk(v)}

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
            return self._encode_set(old ^ new)
        changes = {k: v for k, v in old.items() if k not in new}
        changes.update((k, v) for k, v in new.items() if old.get(k, _MISSING) != v)
        return self._encode_map(changes)

    # -- memory -> JSON -------------------------------------------------------

    def encode(self, value: Any) -> Any:
        kind = self.kind
        if kind is ColumnKind.SCALAR:
            return self._key_out(value)
        if kind is ColumnKind.OPTIONAL:
            return ["set", []] if value is None else self._key_out(value)
        if kind is ColumnKind.SET:
            return self._encode_set(value)
        return self._encode_map(value)

    def _encode_set(self, value: Iterable[Any]) -> Any:
        out = self._key_out
        items = sorted(value)
        if len(items) == 1:
            return out(items[0])
        return ["set", [out(x) for x in items]]

    def _encode_map(self, value: dict[Any, Any]) -> Any:
        ko, vo = self._key_out, self._val_out
        assert vo is not None
        return ["map", [[ko(k), vo(value[k])] for k in sorted(value)]]

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
