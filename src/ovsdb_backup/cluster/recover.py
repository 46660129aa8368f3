"""The ``cluster diagnose`` / ``cluster recover`` use cases: read, decide, plan, act.

Reading the files is the only I/O before the plan; the plan is fixed (ids,
names) when the journal is created, and execution follows the journal.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import UsageError
from .diagnose import Diagnosis, diagnose
from .files import read_member_files
from .journal import Journal
from .plan import Plan, RecoveryOptions, build_plan


@dataclass(frozen=True)
class Planned:
    diagnosis: Diagnosis
    plan: Plan | None
    plan_error: str | None = None


def fresh_options(
    paths: Sequence[str],
    *,
    addresses: Sequence[str] = (),
    mode: str = "auto",
    committed_only: bool = False,
    journal: str | None = None,
) -> RecoveryOptions:
    """Options with new random ids and a time stamp for the names of kept files."""
    return RecoveryOptions(
        tuple(paths),
        tuple(addresses),
        mode,
        committed_only,
        tuple(str(uuid.uuid4()) for _ in range(len(paths) + 1)),
        time.strftime("%Y%m%dT%H%M%S"),
        journal,
    )


def plan_recovery(paths: Sequence[str], options: RecoveryOptions | None = None) -> Planned:
    """Diagnose the member files and build the plan (a plan error is reported, not raised)."""
    if not paths:
        raise UsageError("give the member files of the cluster")
    if len(set(paths)) != len(paths):
        raise UsageError("a member file is given twice")
    diagnosis = diagnose(read_member_files(paths))
    options = options or fresh_options(paths)
    try:
        return Planned(diagnosis, build_plan(diagnosis, options))
    except UsageError as exc:
        return Planned(diagnosis, None, exc.message)


def start(plan: Plan) -> Journal:
    assert plan.journal is not None
    return Journal.create(plan.journal, plan)


def resume(journal_path: str) -> Journal:
    return Journal.load(journal_path)
