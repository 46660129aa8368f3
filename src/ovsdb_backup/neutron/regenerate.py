"""Offline: Neutron DB → a complete standalone NB database file (written atomically)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..formats.dbfile import AtomicWriter
from ..formats.standalone import write_compacted
from ..model.schema import DatabaseSchema
from . import source
from .nbbuild import UnmappableRow, build_database
from .releases import Profile
from .translate import SyncConfig, translate
from .view import build_view

DEFAULT_NB_SCHEMA = "/usr/share/ovn/ovn-nb.ovsschema"


@dataclass(frozen=True)
class RegenerateResult:
    output: str
    profile: Profile
    rows: dict[str, int]
    warnings: list[str] = field(default_factory=list)
    hash_ring_nodes: int = 0


def read_schema(path: str) -> DatabaseSchema:
    try:
        with open(path, "rb") as f:
            text = f.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read NB schema: {exc.strerror}") from None
    schema = DatabaseSchema.from_text(text)
    if schema.name != "OVN_Northbound":
        raise InputError(f"{path}: schema {schema.name!r} is not OVN_Northbound")
    return schema


def regenerate(
    rows: source.NeutronRows,
    output: str,
    *,
    schema: DatabaseSchema,
    config: SyncConfig,
    release_override: str | None = None,
    overwrite: bool = False,
) -> RegenerateResult:
    profile = source.choose_profile(rows, release_override)
    desired = translate(build_view(rows), profile, config)
    try:
        db = build_database(schema, desired)
    except UnmappableRow as exc:
        raise InputError(f"cannot map Neutron to this NB schema: {exc}") from None
    with AtomicWriter(output, overwrite=overwrite) as out:
        write_compacted(
            out,
            db,
            schema.to_bytes() + b"\n",
            f"ovsdb-backup neutron regenerate from {rows.source}",
        )
        out.commit()
    return RegenerateResult(
        output=output,
        profile=profile,
        rows={t: n for t, n in db.row_counts().items() if n},
        warnings=list(desired.warnings),
        hash_ring_nodes=len(rows.rows("ovn_hash_ring")),
    )
