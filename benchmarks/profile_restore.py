"""Where an online restore after a ~1 % change spends its time: our client and the server.

    python benchmarks/profile_restore.py --scale medium [--model standalone|cluster] [--kind nb]

Sets up what ``run.py``'s ``restore-change`` case measures — a server (or a
3-member cluster) holding an ``ovsdb-client backup`` of the data set, an
``ovsdb-backup backup`` archive of it, then about 1 % of the rows changed — and
runs ``ovsdb-backup restore ARCHIVE -r REMOTE --no-safety-backup`` once under
cProfile. Prints the client's wall and CPU time, the server's CPU time during
the run (``/proc/PID/stat``), and the functions with the most cumulative and
own time. The profile is kept in ``work/profile-<kind>-<scale>-<model>.prof``
(open it with ``python -m pstats``). Every server is stopped by pid at the end.
"""

from __future__ import annotations

import argparse
import io
import pstats
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.ovsbench.cases import Command, Workspace
from benchmarks.ovsbench.live import restore_change_setup
from benchmarks.ovsbench.measure import run_measured
from benchmarks.run import dataset_inputs, default_ours

HERE = Path(__file__).resolve().parent
_READ_OPTIONS = ("--compress", "none", "--no-progress", "-f")

# ovsdb-backup ends with os._exit (no interpreter teardown of a huge object graph), so
# ``python -m cProfile`` would never write its file: dump the profile on the way out.
# It also restores each database in a worker thread, which cProfile does not see: run
# the pool's work inline in the main thread instead.
_PROFILED = """
import concurrent.futures as cf, cProfile, os, sys
class _Inline:
    def __init__(self, *args, **kwargs): pass
    def __enter__(self): return self
    def __exit__(self, *exc): return False
    def map(self, fn, *iterables): return [fn(*args) for args in zip(*iterables)]
    def submit(self, fn, *args, **kwargs):
        future = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future
    def shutdown(self, *args, **kwargs): pass
cf.ThreadPoolExecutor = _Inline
path, sys.argv = sys.argv[1], ["ovsdb-backup", *sys.argv[2:]]
profile, real_exit = cProfile.Profile(), os._exit
def _exit(code):
    profile.disable()
    profile.dump_stats(path)
    real_exit(code)
os._exit = _exit
from ovsdb_backup.cli.main import entry
profile.enable()
try:
    entry()
finally:
    _exit(1)
"""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scale", default="medium")
    p.add_argument("--kind", default="nb")
    p.add_argument("--model", choices=("standalone", "cluster"), default="standalone")
    p.add_argument("--data", type=Path, default=HERE / "data")
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args(argv)
    inputs, _ = dataset_inputs(args.data.resolve(), args.kind, args.scale)
    if "standalone" not in inputs:
        print(f"no {args.kind}-{args.scale} standalone data set in {args.data}", file=sys.stderr)
        return 2
    work = HERE / "work" / f"profile-{args.kind}-{args.scale}-{args.model}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    prof = HERE / "work" / f"profile-{args.kind}-{args.scale}-{args.model}.prof"
    ws = Workspace(work=work, inputs=inputs, ours=default_ours())
    python = str(Path(ws.ours[0]).parent / "python")
    try:
        with restore_change_setup(args.model)(ws) as env:
            assert env.hooks is not None
            command = Command("profiled", lambda ws, env: [])
            env.hooks.prepare(command, "ours")
            restore = [env.values["archive"], "-r", env.values["remote"], "--no-safety-backup"]
            servers = env.hooks.servers()
            # For scale: what the same server spends on a whole-database read by each client.
            db = env.values["db"]
            remote = env.values["remote"]
            ours_backup = [*ws.ours, "backup", "-r", remote, "--db", db, *_READ_OPTIONS]
            for label, read_argv, to_file in (
                ("ovsdb-client backup", ["ovsdb-client", "backup", env.values["remote"], db], True),
                (
                    "ovsdb-backup backup --compress none",
                    [*ours_backup, str(work / "read.tar")],
                    False,
                ),
            ):
                before = {s.name: s.cpu_seconds() for s in servers}
                read = run_measured(
                    read_argv,
                    stdout=work / "read.db" if to_file else None,
                    stderr=work / "stderr.txt",
                    timeout=3600,
                )
                env.hooks.settle()
                read_cpu = sum(s.cpu_seconds() - before[s.name] for s in servers)
                print(
                    f"{label} (whole-database read): {read.wall:.2f} s wall, client "
                    f"{read.cpu:.2f} s CPU, server {read_cpu:.2f} s CPU, exit {read.exit_code}"
                )
                for f in (work / "read.db", work / "read.tar"):
                    f.unlink(missing_ok=True)
            # Then the same restore with --dry-run: the server's work for reading (the
            # select, or monitor_cond_since), without the transaction.
            before = {s.name: s.cpu_seconds() for s in servers}
            dry = run_measured(
                [*ws.ours, "restore", *restore, "--dry-run", "--json"],
                stdout=work / "dry.json",
                stderr=work / "stderr.txt",
                timeout=3600,
            )
            env.hooks.settle()
            dry_cpu = sum(s.cpu_seconds() - before[s.name] for s in servers)
            print(
                f"dry run (read + compare, no transaction): {dry.wall:.2f} s wall, client "
                f"{dry.cpu:.2f} s CPU, server {dry_cpu:.2f} s CPU, exit {dry.exit_code}"
            )
            argv = [python, "-c", _PROFILED, str(prof), "restore", *restore, "--json"]
            before = {s.name: s.cpu_seconds() for s in servers}
            started = time.perf_counter()
            sample = run_measured(
                argv, stdout=work / "stdout.json", stderr=work / "stderr.txt", timeout=3600
            )
            env.hooks.settle()
            server_cpu = {s.name: s.cpu_seconds() - before[s.name] for s in servers}
            env.hooks.finish(command, "ours")
            print(f"change: {env.facts.get('change', {}).get('rows_changed')} rows")
            print(
                f"client: {sample.wall:.2f} s wall ({time.perf_counter() - started:.2f} s with "
                f"settling), {sample.user:.2f} s user + {sample.sys:.2f} s sys, "
                f"{sample.rss_mib:.0f} MiB peak, exit {sample.exit_code}"
            )
            print("server CPU: " + ", ".join(f"{n} {c:.2f} s" for n, c in server_cpu.items()))
            print((work / "stdout.json").read_text()[:1500])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = io.StringIO()
    stats = pstats.Stats(str(prof), stream=out)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
