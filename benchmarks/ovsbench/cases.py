"""The benchmark cases: one of our commands against the C tool doing the same job.

A case names its input (a data set of the scale being run), how to prepare
an environment (``setup``), the C tool's command (``theirs``), our commands
(``ours``: the targets say which one they apply to, by default the first; the
others are reported alongside), and the targets from the issue. File cases
(issue 2) are below; live-server cases (issues 3 and 4: backup and restore
through a real ovsdb-server) are in :mod:`.live`, whose setups start servers
and give the runner :class:`RunHooks` to prepare every run and to measure the
servers' CPU. :func:`registry` lists them all.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from .servers import Server

Metric = Literal["wall", "cpu", "rss_mib"]
#: Where a command's stdout goes: discarded, into the case's output file
#: (``> OUT``), or kept and parsed as our ``--json`` report.
Stdout = Literal["null", "output", "json"]


@dataclass
class Workspace:
    """Scratch area of one run: copies of the inputs, and an output directory."""

    work: Path
    inputs: dict[str, Path]  # dataset name ("standalone", "cluster") -> original file
    ours: list[str]  # argv prefix of our program
    _copies: dict[str, Path] = field(default_factory=dict)
    #: Artifacts shared by several cases of one run (e.g. the backups that the
    #: restore cases restore), made once by the first case that needs them.
    cache: dict[str, Any] = field(default_factory=dict)

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


class RunHooks(Protocol):
    """What a live-server case does around each measured run (never timed)."""

    def prepare(self, command: Command, side: str) -> None:
        """Before a run: e.g. start a fresh server, apply a change, take a backup."""
        ...

    def servers(self) -> list[Server]:
        """The servers whose CPU time is measured around the run."""
        ...

    def settle(self) -> None:
        """After the client exited, before the servers' CPU is read again (cluster sync)."""
        ...

    def finish(self, command: Command, side: str) -> dict[str, Any]:
        """After a run: facts about it (e.g. the server's peak RSS); stop per-run servers."""
        ...


@dataclass(frozen=True)
class CaseEnv:
    """What a case's commands operate on."""

    input: Path
    out_dir: Path  # emptied before and after every run
    #: Placeholders for the commands' arguments: ``{remote}``, ``{db}``, ``{archive}``, ...
    values: Mapping[str, str] = field(default_factory=dict)
    hooks: RunHooks | None = None
    #: Facts about the case for the report (sizes, the change applied, servers, ...);
    #: a setup may add to it until it exits.
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def output(self) -> Path:
        return self.out_dir / "out.db"


Argv = Callable[[Workspace, CaseEnv], list[str]]
PathOf = Callable[[Workspace, CaseEnv], Path]
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
    stdin: PathOf | None = None  # a file to read (``< FILE``); default /dev/null
    stdout: Stdout = "null"


@dataclass(frozen=True)
class Target:
    metric: Metric
    limit: float  # ours / theirs must be <= limit
    ours: int = 0  # which of the case's ``ours`` commands it applies to
    label: str = ""  # how to say it, when "≤ N× metric" does not (e.g. "≥ 10× faster")

    @property
    def text(self) -> str:
        if self.label:
            return self.label
        what = {"wall": "wall time", "cpu": "CPU time", "rss_mib": "peak memory"}[self.metric]
        limit = (
            f"{self.limit:.1f}" if round(self.limit * 10) == self.limit * 10 else f"{self.limit}"
        )
        return f"≤ {limit}× {what}"


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
    issue: int = 2  # where the targets come from
    #: Results file: ``files`` cases go to ``<kind>-<scale>.json``, others to
    #: ``<kind>-<scale>-<group>.json``.
    group: str = "files"

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


def ours_argv(*args: str) -> Callable[[Workspace, CaseEnv], list[str]]:
    """Our command; ``{in}``/``{out}`` are replaced by the input and output paths."""

    def argv(ws: Workspace, env: CaseEnv) -> list[str]:
        return [*ws.ours, *(_fill(a, env) for a in args)]

    return argv


def theirs_argv(*args: str) -> Callable[[Workspace, CaseEnv], list[str]]:
    def argv(ws: Workspace, env: CaseEnv) -> list[str]:
        return [_fill(a, env) for a in args]

    return argv


def _fill(arg: str, env: CaseEnv) -> str:
    arg = arg.replace("{in}", str(env.input)).replace("{out}", str(env.output))
    for key, value in env.values.items():
        arg = arg.replace(f"{{{key}}}", value)
    return arg


def _check_cases(dataset: str, suffix: str) -> Case:
    return Case(
        name=f"check{suffix}",
        op="check",
        description=f"verify framing, SHA-1 and JSON of every record ({dataset} file)",
        dataset=dataset,
        theirs=Command(
            "ovsdb-tool show-log > /dev/null", theirs_argv("ovsdb-tool", "show-log", "{in}")
        ),
        ours=(
            Command(
                "ovsdb-backup db check --quick",
                ours_argv("db", "check", "{in}", "--quick"),
                Probe(("db", "check", "--help"), ("--quick",)),
            ),
            Command(
                "ovsdb-backup db check (full)",
                ours_argv("db", "check", "{in}"),
                Probe(("db", "check", "--help")),
            ),
        ),
        targets=(Target("wall", 1.0),),
    )


FILE_CASES: list[Case] = [
    # Not a comparison of work but the fixed cost under every other figure:
    # a Python interpreter with our imports against a C binary starting.
    Case(
        name="startup",
        op="startup",
        description="process start-up only (`--version`): the fixed cost inside every other figure",
        dataset="standalone",
        theirs=Command("ovsdb-tool --version", theirs_argv("ovsdb-tool", "--version")),
        ours=(Command("ovsdb-backup --version", ours_argv("--version"), Probe(("--version",))),),
    ),
    _check_cases("standalone", ""),
    _check_cases("cluster", "-clustered"),
    Case(
        name="compact",
        op="compact",
        description="replay a standalone log with churn, write schema + one snapshot record",
        dataset="standalone",
        theirs=Command("ovsdb-tool compact", theirs_argv("ovsdb-tool", "compact", "{in}", "{out}")),
        ours=(
            Command(
                "ovsdb-backup db compact",
                ours_argv("db", "compact", "{in}", "{out}"),
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
            theirs_argv("ovsdb-tool", "cluster-to-standalone", "{out}", "{in}"),
        ),
        ours=(
            Command(
                "ovsdb-backup db cluster-to-standalone",
                ours_argv("db", "cluster-to-standalone", "{in}", "{out}"),
                Probe(("db", "cluster-to-standalone", "--help")),
            ),
            Command(
                "ovsdb-backup db cluster-to-standalone --compact",
                ours_argv("db", "cluster-to-standalone", "{in}", "{out}", "--compact"),
                Probe(("db", "cluster-to-standalone", "--help"), ("--compact",)),
            ),
        ),
        targets=(Target("wall", 1.0), Target("rss_mib", 2.0)),
    ),
]


def registry() -> list[Case]:
    """Every case: the file cases (issue 2), then the live-server ones (issues 3 and 4)."""
    from .live import LIVE_CASES  # live builds on the types above

    return [*FILE_CASES, *LIVE_CASES]


def select(ops: list[str] | None) -> list[Case]:
    """Cases whose ``op`` is in ``ops`` (all when None), in registry order."""
    cases = registry()
    known = {c.op for c in cases}
    if ops:
        unknown = set(ops) - known
        if unknown:
            raise ValueError(f"unknown ops {sorted(unknown)}; known: {sorted(known)}")
    return [c for c in cases if ops is None or c.op in ops]
