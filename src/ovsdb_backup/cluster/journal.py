"""The recovery journal: the plan and each step's progress, one JSON line per event.

It lives next to the outputs (the member files' directory). The first line is
the plan itself, so ``--resume`` continues *that* plan — re-diagnosing would be
wrong, because the first steps move the files being diagnosed. Every line is
fsynced before the step it announces starts or after the step it closes
finished, so after a crash the journal never claims more than was done; the
steps are idempotent, so redoing an unfinished one is safe.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

import orjson

from ..errors import InputError, OutputError
from ..formats.dbfile import AtomicWriter, aside_name
from ..fsutil import fsync_directory
from .plan import Plan

VERSION = 1


@dataclass
class JournalState:
    plan: Plan
    done: dict[str, Any] = field(default_factory=dict)  # step id -> result
    started: set[str] = field(default_factory=set)
    complete: bool = False


class Journal:
    """Append-only, fsynced event log of one recovery."""

    def __init__(self, path: str, state: JournalState) -> None:
        self.path = path
        self.state = state

    @classmethod
    def create(cls, path: str, plan: Plan) -> Journal:
        """Start a journal. A finished one is kept aside; an unfinished one is refused."""
        if os.path.lexists(path) and cls.load(path).state.complete:
            os.rename(path, aside_name(path, "done"))
        line = _line(
            {"event": "plan", "version": VERSION, "time": time.time(), "plan": plan.to_json()}
        )
        try:
            with AtomicWriter(path, mode=0o600) as out:
                out.write(line)
                out.commit()
        except OutputError:
            if os.path.lexists(path):
                raise OutputError(
                    f"{path}: an unfinished recovery journal exists",
                    hint="continue it with --resume, or move it away to plan afresh",
                ) from None
            raise
        return cls(path, JournalState(plan))

    @classmethod
    def load(cls, path: str) -> Journal:
        try:
            with open(path, "rb") as fh:
                lines = fh.read().splitlines()
        except FileNotFoundError:
            raise InputError(f"{path}: no recovery journal to resume") from None
        events = []
        for n, raw in enumerate(lines):
            try:
                events.append(orjson.loads(raw))
            except orjson.JSONDecodeError:
                if n == len(lines) - 1:
                    break  # a torn last line: the event it announced did not finish
                raise InputError(f"{path}: line {n + 1} is not JSON") from None
        if not events or events[0].get("event") != "plan":
            raise InputError(f"{path}: not an ovsdb-backup recovery journal")
        if events[0].get("version") != VERSION:
            raise InputError(f"{path}: journal version {events[0].get('version')} unknown")
        state = JournalState(Plan.from_json(events[0]["plan"]))
        for e in events[1:]:
            kind, step = e.get("event"), e.get("step")
            if kind == "begin":
                state.started.add(step)
            elif kind == "done":
                state.done[step] = e.get("result")
            elif kind == "complete":
                state.complete = True
        return cls(path, state)

    def _append(self, event: dict[str, Any]) -> None:
        event["time"] = time.time()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, _line(event))
            os.fsync(fd)
        finally:
            os.close(fd)

    def begin(self, step: str) -> None:
        self._append({"event": "begin", "step": step})
        self.state.started.add(step)

    def done(self, step: str, result: Any) -> None:
        self._append({"event": "done", "step": step, "result": result})
        self.state.done[step] = result

    def finish(self) -> None:
        self._append({"event": "complete"})
        self.state.complete = True
        fsync_directory(os.path.dirname(os.path.abspath(self.path)))


def _line(event: dict[str, Any]) -> bytes:
    return orjson.dumps(event) + b"\n"
