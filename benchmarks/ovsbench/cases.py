"""The benchmark cases: one of our commands against the C tool doing the same job.

A case names its input (a data set of the scale being run), how to prepare
an environment (``setup``), the C tool's command (``theirs``), our commands
(``ours``: the first is the one the targets apply to, the others are
reported alongside), and the targets from the issue. Later issues add cases
(backup/restore through a live server, streaming) by appending to
``REGISTRY`` with their own ``setup`` (e.g. one that starts a server).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Metric = Literal["wall", "cpu", "rss_mib"]


@dataclass
class Workspace:
    """Scratch area of one run: copies of the inputs, and an output directory."""

    work: Path
    inputs: dict[str, Path]  # dataset name ("standalone", "cluster") -> original file
    ours: list[str]  # argv prefix of our program
    _copies: dict[str, Path] = field(default_factory=dict)

    def input(self, dataset: str) -> Path:
        """A private copy of a data-set file, made once per run (the originals stay untouched)."""
        if dataset not in self._copies:
            src = self.inputs.get(dataset)
            if src is None:
                raise LookupError(f"no {dataset} data set for this scale")
            dst = self.work / "inputs" / f"{dataset}-{src.name}"
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            self._copies[dataset] = dst
        return self._copies[dataset]


@dataclass(frozen=True)
class CaseEnv:
    """What a case's commands operate on."""

    input: Path
    out_dir: Path  # emptied before and after every run

    @property
    def output(self) -> Path:
        return self.out_dir / "out.db"


Argv = Callable[[Workspace, CaseEnv], list[str]]
Setup = Callable[[Workspace], AbstractContextManager[CaseEnv]]


@dataclass(frozen=True)
class Probe:
    """How to tell whether our command exists yet: its ``--help`` must mention ``needs``."""

    help_args: tuple[str, ...]
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Command:
    label: str
    argv: Argv
    probe: Probe | None = None  # None: always available (the C tools)


@dataclass(frozen=True)
class Target:
    metric: Metric
    limit: float  # ours / theirs must be <= limit

    @property
    def text(self) -> str:
        what = {"wall": "wall time", "cpu": "CPU time", "rss_mib": "peak memory"}[self.metric]
        return f"≤ {self.limit:.1f}× {what}"


@dataclass(frozen=True)
class Case:
    name: str
    op: str  # selection key for --ops
    description: str
    dataset: str
    theirs: Command
    ours: tuple[Command, ...]
    targets: tuple[Target, ...] = ()
    setup: Setup | None = None

    def environment(self, ws: Workspace) -> AbstractContextManager[CaseEnv]:
        return (self.setup or copied_input(self.dataset))(ws)


def copied_input(dataset: str) -> Setup:
    """The default setup: the data-set file copied into the workspace."""

    @contextmanager
    def setup(ws: Workspace) -> Iterator[CaseEnv]:
        out_dir = ws.work / "out"
        out_dir.mkdir(parents=True, exist_ok=True)
        yield CaseEnv(input=ws.input(dataset), out_dir=out_dir)

    return setup


def _ours(*args: str) -> Callable[[Workspace, CaseEnv], list[str]]:
    """Our command; ``{in}``/``{out}`` are replaced by the input and output paths."""

    def argv(ws: Workspace, env: CaseEnv) -> list[str]:
        return [*ws.ours, *(_fill(a, env) for a in args)]

    return argv


def _theirs(*args: str) -> Callable[[Workspace, CaseEnv], list[str]]:
    def argv(ws: Workspace, env: CaseEnv) -> list[str]:
        return [_fill(a, env) for a in args]

    return argv


def _fill(arg: str, env: CaseEnv) -> str:
    return arg.replace("{in}", str(env.input)).replace("{out}", str(env.output))


def _check_cases(dataset: str, suffix: str) -> Case:
    return Case(
        name=f"check{suffix}",
        op="check",
        description=f"verify framing, SHA-1 and JSON of every record ({dataset} file)",
        dataset=dataset,
        theirs=Command(
            "ovsdb-tool show-log > /dev/null", _theirs("ovsdb-tool", "show-log", "{in}")
        ),
        ours=(
            Command(
                "ovsdb-backup db check --quick",
                _ours("db", "check", "{in}", "--quick"),
                Probe(("db", "check", "--help"), ("--quick",)),
            ),
            Command(
                "ovsdb-backup db check (full)",
                _ours("db", "check", "{in}"),
                Probe(("db", "check", "--help")),
            ),
        ),
        targets=(Target("wall", 1.0),),
    )


REGISTRY: list[Case] = [
    # Not a comparison of work but the fixed cost under every other figure:
    # a Python interpreter with our imports against a C binary starting.
    Case(
        name="startup",
        op="startup",
        description="process start-up only (`--version`): the fixed cost inside every other figure",
        dataset="standalone",
        theirs=Command("ovsdb-tool --version", _theirs("ovsdb-tool", "--version")),
        ours=(Command("ovsdb-backup --version", _ours("--version"), Probe(("--version",))),),
    ),
    _check_cases("standalone", ""),
    _check_cases("cluster", "-clustered"),
    Case(
        name="compact",
        op="compact",
        description="replay a standalone log with churn, write schema + one snapshot record",
        dataset="standalone",
        theirs=Command("ovsdb-tool compact", _theirs("ovsdb-tool", "compact", "{in}", "{out}")),
        ours=(
            Command(
                "ovsdb-backup db compact",
                _ours("db", "compact", "{in}", "{out}"),
                Probe(("db", "compact", "--help")),
            ),
        ),
        targets=(Target("wall", 0.5), Target("rss_mib", 1.0)),
    ),
    Case(
        name="cluster-to-standalone",
        op="c2s",
        description="turn a clustered member file (raft log, not compacted) into a standalone file",
        dataset="cluster",
        # ovsdb-tool takes the output first: cluster-to-standalone DST SRC.
        theirs=Command(
            "ovsdb-tool cluster-to-standalone",
            _theirs("ovsdb-tool", "cluster-to-standalone", "{out}", "{in}"),
        ),
        ours=(
            Command(
                "ovsdb-backup db cluster-to-standalone",
                _ours("db", "cluster-to-standalone", "{in}", "{out}"),
                Probe(("db", "cluster-to-standalone", "--help")),
            ),
            Command(
                "ovsdb-backup db cluster-to-standalone --compact",
                _ours("db", "cluster-to-standalone", "{in}", "{out}", "--compact"),
                Probe(("db", "cluster-to-standalone", "--help"), ("--compact",)),
            ),
        ),
        targets=(Target("wall", 1.0), Target("rss_mib", 2.0)),
    ),
]


def select(ops: list[str] | None) -> list[Case]:
    """Cases whose ``op`` is in ``ops`` (all when None), in registry order."""
    known = {c.op for c in REGISTRY}
    if ops:
        unknown = set(ops) - known
        if unknown:
            raise ValueError(f"unknown ops {sorted(unknown)}; known: {sorted(known)}")
    return [c for c in REGISTRY if ops is None or c.op in ops]
