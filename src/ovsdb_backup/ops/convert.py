"""``db convert`` and ``db needs-conversion``: offline schema conversion that says what it drops."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..errors import InputError, RefusedError
from ..formats.dbfile import AtomicWriter
from ..formats.standalone import write_compacted
from ..model.convert import ConversionError, ConversionReport, convert_database, schemas_differ
from ..model.schema import DatabaseSchema
from ..results import ProgressCallback
from .cluster_files import load_contents
from .compact import check_distinct


def read_schema_file(path: str) -> DatabaseSchema:
    try:
        with open(path, "rb") as fh:
            return DatabaseSchema.from_text(fh.read())
    except OSError as exc:
        raise InputError(f"{path}: cannot read schema: {exc.strerror}") from None


@dataclass
class ConvertResult:
    source: str
    output: str | None
    from_version: str | None
    to_version: str | None
    needed: bool
    report: ConversionReport
    rows: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "output": self.output,
            "from_version": self.from_version,
            "to_version": self.to_version,
            "needs_conversion": self.needed,
            "rows": self.rows,
            **self.report.to_json(),
        }


def plan_conversion(
    source: str,
    schema_path: str,
    *,
    replace_invalid: bool = False,
    progress: ProgressCallback | None = None,
) -> tuple[ConvertResult, Any]:
    db = load_contents(source, progress=progress)
    schema = read_schema_file(schema_path)
    if schema.name != db.schema.name:
        raise InputError(
            f"{schema_path} is schema {schema.name!r} but {source} holds {db.schema.name!r}"
        )
    try:
        conversion = convert_database(db, schema, replace_invalid=replace_invalid)
    except ConversionError as exc:
        raise RefusedError(
            f"{source}: {exc}", hint="--force replaces values that do not fit by column defaults"
        ) from None
    result = ConvertResult(
        source,
        None,
        db.schema.version,
        schema.version,
        schemas_differ(db.schema, schema),
        conversion.report,
        conversion.db.row_counts(),
    )
    return result, conversion


def needs_conversion(source: str, schema_path: str) -> ConvertResult:
    """Would the file's data need converting to ``schema_path``, and what would it lose?"""
    result, _ = plan_conversion(source, schema_path, replace_invalid=True)
    return result


def convert(
    source: str,
    schema_path: str,
    output: str,
    *,
    force: bool = False,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
) -> ConvertResult:
    """Write ``source``'s contents converted to the schema, refusing losses unless forced."""
    check_distinct(source, output)
    result, conversion = plan_conversion(
        source, schema_path, replace_invalid=force, progress=progress
    )
    if conversion.report.lossy and not force:
        lines = "; ".join(conversion.report.lines()[:6])
        raise RefusedError(
            f"converting {source} would lose data: {lines}",
            hint="review with 'db needs-conversion --json'; pass --force to accept the loss",
        )
    dangling = [p for p in conversion.db.integrity_problems() if p.kind == "dangling-strong-ref"]
    if dangling:
        raise RefusedError(
            f"after conversion {len(dangling)} strong reference(s) would dangle, e.g. "
            f"{dangling[0].message}"
        )
    with AtomicWriter(output, overwrite=overwrite) as out:
        schema_bytes = conversion.db.schema.to_bytes() + b"\n"
        write_compacted(
            out, conversion.db, schema_bytes, f"converted by ovsdb-backup {__version__}"
        )
        out.commit()
    result.output = output
    return result
