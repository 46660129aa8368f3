"""Whole-file structural verification: every record's framing, checksum and JSON.

Unlike replay, which stops at the first defect as ovsdb-server does, this scan
resynchronises on the next header after damage, so a report can list *every*
damaged record and say how many intact records follow the first defect (those
are what ovsdb-server would silently cut off at its next write).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..perf import bulk_allocation
from ..results import Finding, ProgressCallback, Severity
from .records import Defect, DefectKind, Frame, parse_body, scan
from .standalone import defect_finding


@dataclass
class ScanReport:
    """Structural facts about one file."""

    records: int = 0  # records that are intact (framing, checksum, JSON object)
    first_defect: Defect | None = None
    intact_after_first_defect: int = 0
    bytes_after_first_defect: int = 0
    findings: list[Finding] = field(default_factory=list)


def scan_file(
    buf: Any,
    *,
    path: str | None,
    magic: str | None = None,
    parse_json: bool = True,
    progress: ProgressCallback | None = None,
) -> ScanReport:
    """Strictly check the framing of every record, resynchronising after damage."""
    report = ScanReport()
    total = len(buf)
    with bulk_allocation():
        for item in scan(buf, magic=magic, strict=True, resync=True):
            if isinstance(item, Frame) and parse_json:
                parsed = parse_body(item)
                if isinstance(parsed, Defect):
                    item = parsed
            if isinstance(item, Defect):
                _note_defect(report, item, path, total)
                continue
            report.records += 1
            if report.first_defect is not None:
                report.intact_after_first_defect += 1
            if progress is not None and item.number % 256 == 0:
                progress(item.end, total)
    if report.first_defect is not None and report.intact_after_first_defect:
        d = report.first_defect
        report.findings.append(
            Finding(
                "intact-records-after-damage",
                Severity.WARNING,
                f"{report.intact_after_first_defect} intact record(s) follow the damaged record "
                f"{d.number}; ovsdb-server stops reading at the damage and cuts them off at "
                "its next write (copy this file aside before starting a server on it)",
                path,
                d.number,
                d.offset,
            )
        )
    return report


def _note_defect(report: ScanReport, defect: Defect, path: str | None, total: int) -> None:
    if report.first_defect is None:
        report.first_defect = defect
        report.bytes_after_first_defect = total - defect.offset
    finding = defect_finding(defect, path)
    if defect.kind is DefectKind.NONCANONICAL_HEADER:
        finding = Finding(
            finding.kind, Severity.WARNING, finding.message, path, defect.number, defect.offset
        )
    report.findings.append(finding)
