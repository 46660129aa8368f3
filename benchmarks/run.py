"""Time ovsdb-backup against the Open vSwitch C tools, side by side.

    python benchmarks/run.py --scale medium [--repeat 3] [--ops check,compact,c2s] \\
        --report benchmarks/RESULTS.md
    python benchmarks/run.py --scale medium --ops backup,restore,restore-change

Each command runs as its own process on a private copy of the data set made
by benchmarks/generate.py, with the page cache warmed first and outputs
removed between runs; ours and theirs alternate so drift on a shared machine
hits both. Live-server cases (backup, restore) start their own ovsdb-server
processes and also measure the servers' CPU around each run. Raw figures go to
benchmarks/results/<kind>-<scale>.json (file cases) and
<kind>-<scale>-live.json (live-server cases), merged by case with what an
earlier run of other cases left there, and the report is regenerated from
every results file.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shlex
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

# Run as a script, Python puts benchmarks/ itself first on sys.path; the
# "benchmarks" package (and its ovsbench support code) lives one level up.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.ovsbench import cases as casemod
from benchmarks.ovsbench import machine, report
from benchmarks.ovsbench.cases import Case, CaseEnv, Command, Probe, Workspace
from benchmarks.ovsbench.fsutil import atomic_write_json, read_json
from benchmarks.ovsbench.live import ours_facts
from benchmarks.ovsbench.measure import Sample, run_measured, summarize, warm_page_cache

HERE = Path(__file__).resolve().parent


@dataclass
class Outcome:
    """All runs of one command in one case."""

    command: Command
    side: str
    argv: list[str] = field(default_factory=list)
    stdin: Path | None = None
    samples: list[Sample] = field(default_factory=list)
    status: str = "ok"
    reason: str = ""
    output_bytes: int | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.command.label,
            "side": self.side,
            "argv": self.argv,
            "status": self.status,
        }
        if self.reason:
            out["reason"] = self.reason
        if self.output_bytes is not None:
            out["output_bytes"] = self.output_bytes
        if self.stdin is not None:
            out["stdin"] = str(self.stdin)
        if self.status == "ok" and self.samples:
            out |= {k: v.as_json() for k, v in summarize(self.samples).items()}
            out["samples"] = [s.as_json() for s in self.samples]
        return out


def probe(ws: Workspace, p: Probe, cache: dict[Probe, str | None]) -> str | None:
    """None when our command is available; otherwise why not."""
    if p not in cache:
        try:
            done = subprocess.run(
                [*ws.ours, *p.help_args], capture_output=True, text=True, timeout=60, check=False
            )
        except OSError as exc:
            cache[p] = f"cannot run {ws.ours[0]}: {exc.strerror}"
            return cache[p]
        if done.returncode != 0:
            cache[p] = f"`{' '.join(p.help_args[:-1])}` does not exist yet"
        else:
            missing = [n for n in p.needs if n not in done.stdout]
            cache[p] = f"no {', '.join(missing)} option yet" if missing else None
    return cache[p]


def clear(out_dir: Path) -> None:
    for entry in out_dir.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def run_case(
    case: Case, ws: Workspace, args: argparse.Namespace, probes: dict[Probe, str | None]
) -> dict[str, Any]:
    outcomes = [Outcome(case.theirs, "theirs")] + [Outcome(c, "ours") for c in case.ours]
    for o in outcomes:
        if o.command.probe is not None:
            why = probe(ws, o.command.probe, probes)
            if why is not None:
                o.status, o.reason = "not available", why
    run_info = {"started": _now(), "load_average_at_start": _load()}
    input_bytes: int | None = None
    facts: dict[str, Any] = {}
    try:
        with case.environment(ws) as env:
            facts = env.facts
            warm = warm_page_cache(env.input)
            size = env.input.stat().st_size
            print(f"{case.name}: {env.input.name} ({size:,} B, cache warmed in {warm:.2f} s)")
            for o in outcomes:
                o.argv = o.command.argv(ws, env)
                o.stdin = o.command.stdin(ws, env) if o.command.stdin else None
            for i in range(args.warmup + args.repeat):
                # Alternate the order so slow drift on a shared machine hits both sides.
                order = outcomes if i % 2 == 0 else outcomes[::-1]
                for o in order:
                    if o.status == "ok":
                        _run_once(o, env, args, counted=i >= args.warmup, index=i)
            input_bytes = env.input.stat().st_size
    except Exception as exc:
        # A setup that cannot start its servers, or a teardown that fails: report it
        # with whatever was measured, and go on with the other cases.
        why = " ".join(f"{type(exc).__name__}: {exc}".split())  # one line, for tables
        print(f"{case.name}: {why}", file=sys.stderr)
        facts["error"] = why[:2000]
        for o in outcomes:
            if o.status == "ok" and not o.samples:
                o.status, o.reason = "failed", f"case setup: {why}"[:500]
    run_info |= {
        "finished": _now(),
        "load_average_at_end": _load(),
        "repeat": args.repeat,
        "warmup": args.warmup,
    }
    return {
        "name": case.name,
        "op": case.op,
        "issue": case.issue,
        "description": case.description,
        "dataset": case.dataset,
        "input_bytes": input_bytes,
        "results": [o.as_json() for o in outcomes],
        "targets": _targets(case, outcomes),
        "facts": facts,
        "run": run_info,
    }


def _run_once(
    o: Outcome, env: CaseEnv, args: argparse.Namespace, *, counted: bool, index: int
) -> None:
    clear(env.out_dir)
    stderr = env.out_dir.parent / "stderr.txt"
    json_out = env.out_dir.parent / "stdout.json"
    stdout = {"null": None, "output": env.output, "json": json_out}[o.command.stdout]
    hooks = env.hooks
    extra: dict[str, Any] = {}
    try:
        if hooks is not None:
            hooks.prepare(o.command, o.side)
            cpu_before = {s.name: s.cpu_seconds() for s in hooks.servers()}
        sample = run_measured(
            o.argv,
            stdout=stdout,
            stderr=stderr,
            timeout=args.timeout,
            stdin=o.stdin,
            min_available_mib=args.min_available_mib,
        )
        if hooks is not None:
            hooks.settle()
            cpu_after = {s.name: s.cpu_seconds() for s in hooks.servers()}
            members = {n: round(cpu_after[n] - cpu_before[n], 3) for n in cpu_before}
            extra["server_cpu"] = round(sum(members.values()), 3)
            if len(members) > 1:
                extra["server_cpu_members"] = members
            extra |= hooks.finish(o.command, o.side)
    except Exception as exc:
        if hooks is not None:
            with contextlib.suppress(Exception):
                hooks.finish(o.command, o.side)
        why = " ".join(f"{type(exc).__name__}: {exc}".split())
        o.status, o.reason = "failed", f"run {index + 1}: {why}"[:500]
        o.samples.clear()
        print(f"  {o.command.label}: {o.reason}", flush=True)
        return
    if o.command.stdout == "json" and json_out.exists():
        extra["ours"] = ours_facts(o.command, json_out.read_bytes())
    sample.extra.update(extra)
    # Output size is a cheap sanity check that both sides wrote the same thing.
    o.output_bytes = env.output.stat().st_size if env.output.exists() else None
    clear(env.out_dir)
    tag = "" if counted else " (warm-up)"
    server = f", server {extra['server_cpu']:.2f} s CPU" if "server_cpu" in extra else ""
    print(
        f"  {o.command.label}: {sample.wall:.2f} s wall, {sample.cpu:.2f} s CPU{server}, "
        f"{sample.rss_mib:.0f} MiB, exit {sample.exit_code}{tag}"
        + (f" {extra['ours']}" if "ours" in extra else ""),
        flush=True,
    )
    if sample.exit_code != 0:
        tail = stderr.read_text(errors="replace").strip().splitlines()[-3:]
        if sample.low_memory:  # its own output says nothing about why: leave it out
            what = (
                f"killed after {sample.wall:.0f} s at {sample.rss_mib:.0f} MiB: the machine's "
                f"MemAvailable fell below {args.min_available_mib} MiB"
            )
            tail = []
        elif sample.timed_out:
            what = "timed out"
        else:
            what = f"exit {sample.exit_code}"
        reason = f"{what} on run {index + 1}"
        o.status, o.reason = "failed", reason + (": " + " / ".join(tail) if tail else "")
        o.samples.clear()
    elif counted:
        o.samples.append(sample)


def _targets(case: Case, outcomes: list[Outcome]) -> list[dict[str, Any]]:
    theirs = outcomes[0]
    out = []
    for t in case.targets:
        ours = outcomes[1 + t.ours] if len(outcomes) > 1 + t.ours else None
        ratio = None
        note = ""
        if ours is None or ours.status != "ok":
            note = ours.reason if ours is not None else "no command of ours"
        elif theirs.status != "ok":
            note = f"C tool {theirs.status}: {theirs.reason}"
        else:
            mine = summarize(ours.samples)[t.metric].median
            base = summarize(theirs.samples)[t.metric].median
            ratio = mine / base if base else None
        out.append(
            {
                "metric": t.metric,
                "limit": t.limit,
                "text": t.text,
                "command": ours.command.label if ours else "",
                "ours_index": t.ours,
                "ratio": None if ratio is None else round(ratio, 4),
                "met": None if ratio is None else ratio <= t.limit,
                "note": note,
            }
        )
    return out


def dataset_inputs(data: Path, kind: str, scale: str) -> tuple[dict[str, Path], dict[str, Any]]:
    """Input files and manifests of the data sets generate.py made for a scale."""
    inputs: dict[str, Path] = {}
    manifests: dict[str, Any] = {}
    for label, stem in (("standalone", f"{kind}-{scale}"), ("cluster", f"{kind}-{scale}-cluster")):
        manifest_path = data / f"{stem}.manifest.json"
        if not manifest_path.exists():
            continue
        manifest = read_json(manifest_path)
        # The first member file (s1, the leader while generating) stands for the cluster.
        inputs[label] = data / manifest["files"][0]["file"]
        manifests[label] = manifest
    return inputs, manifests


def default_ours() -> list[str]:
    beside = Path(sys.executable).parent / "ovsdb-backup"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("ovsdb-backup")
    return [found] if found else [sys.executable, "-m", "ovsdb_backup"]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--scale", choices=("tiny", "small", "medium", "large"), required=True)
    p.add_argument("--kind", choices=("nb", "sb"), default="nb")
    p.add_argument(
        "--repeat", type=int, default=3, help="counted runs per command (median reported)"
    )
    p.add_argument("--warmup", type=int, default=0, help="uncounted runs before them")
    p.add_argument(
        "--ops",
        help=f"comma-separated subset of: {', '.join(sorted({c.op for c in casemod.registry()}))}",
    )
    p.add_argument(
        "--cases",
        help="comma-separated case names (e.g. backup-cluster), within the selected --ops",
    )
    p.add_argument("--data", type=Path, default=HERE / "data")
    p.add_argument(
        "--work", type=Path, default=HERE / "work", help="scratch directory (emptied afterwards)"
    )
    p.add_argument("--report", type=Path, default=HERE / "RESULTS.md")
    p.add_argument(
        "--results-dir", type=Path, help="raw results (default: results/ beside the report)"
    )
    p.add_argument("--ours", help="command line of ovsdb-backup (default: the one in this venv)")
    p.add_argument("--timeout", type=float, default=3600.0, help="seconds before a run is killed")
    p.add_argument(
        "--min-available-mib",
        type=int,
        default=1536,
        help="kill a measured run when the machine's MemAvailable falls below this (0: never)",
    )
    args = p.parse_args(argv)
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    return args


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    ops = args.ops.split(",") if args.ops else None
    try:
        selected = casemod.select(ops)
    except ValueError as exc:
        print(f"run: {exc}", file=sys.stderr)
        return 2
    if args.cases:
        names = args.cases.split(",")
        unknown = set(names) - {c.name for c in selected}
        if unknown:
            print(f"run: unknown or unselected cases {sorted(unknown)}", file=sys.stderr)
            return 2
        selected = [c for c in selected if c.name in names]
    inputs, manifests = dataset_inputs(args.data.resolve(), args.kind, args.scale)
    if not inputs:
        print(
            f"run: no {args.kind}-{args.scale} data set in {args.data}; run generate.py first",
            file=sys.stderr,
        )
        return 2
    ours = shlex.split(args.ours) if args.ours else default_ours()
    work = args.work.resolve() / f"{args.kind}-{args.scale}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ws = Workspace(work=work, inputs=inputs, ours=ours)
    started = _now()
    host = machine.describe(HERE.parent, ours)
    probes: dict[Probe, str | None] = {}
    results: list[tuple[Case, dict[str, Any]]] = []
    try:
        for case in selected:
            if case.dataset not in inputs:
                print(f"{case.name}: skipped, no {case.dataset} data set for this scale")
                continue
            results.append((case, run_case(case, ws, args, probes)))
    except KeyboardInterrupt:
        print("run: interrupted; no report written", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # Other tenants of the shared cores show up as wall time well above CPU time.
    host["load_average_at_end"] = _load()
    results_dir = args.results_dir or args.report.parent / "results"
    order = {c.name: i for i, c in enumerate(casemod.registry())}
    for group in sorted({case.group for case, _ in results}):
        path = results_dir / results_name(args.kind, args.scale, group)
        cases = [r for case, r in results if case.group == group]
        run = {
            "kind": args.kind,
            "scale": args.scale,
            "group": group,
            "started": started,
            "finished": _now(),
            "repeat": args.repeat,
            "warmup": args.warmup,
            "ours": ours,
            "machine": host,
            "datasets": manifests,
            "cases": merge_cases(path, cases, order),
        }
        atomic_write_json(path, run)
    report.write_report(args.report, report.load_results(results_dir))
    print(f"report written to {args.report}")
    return 0


def results_name(kind: str, scale: str, group: str) -> str:
    return f"{kind}-{scale}.json" if group == "files" else f"{kind}-{scale}-{group}.json"


def merge_cases(
    path: Path, new: list[dict[str, Any]], order: dict[str, int]
) -> list[dict[str, Any]]:
    """The new cases, plus the cases of an earlier run in ``path`` that were not run again.

    Each kept case carries its own run's times and load (``run``), so a report
    can say when every figure was taken.
    """
    kept: list[dict[str, Any]] = []
    if path.exists():
        old = read_json(path)
        names = {c["name"] for c in new}
        for c in old.get("cases", []):
            if c["name"] not in names:
                c.setdefault(
                    "run",
                    {
                        "started": old.get("started"),
                        "finished": old.get("finished"),
                        "load_average_at_start": old.get("machine", {}).get(
                            "load_average_at_start"
                        ),
                        "load_average_at_end": old.get("machine", {}).get("load_average_at_end"),
                        "repeat": old.get("repeat"),
                        "warmup": old.get("warmup"),
                    },
                )
                kept.append(c)
    return sorted([*kept, *new], key=lambda c: order.get(c["name"], len(order)))


if __name__ == "__main__":
    sys.exit(main())
