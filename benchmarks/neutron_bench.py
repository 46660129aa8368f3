"""``ovsdb-backup neutron audit|sync`` vs the real ``neutron-ovn-db-sync-util``, same data.

Input: an output directory of ``../shared/neutron-oracle/neutron_oracle.sh`` (its
``neutron.sql``, ``nb-repaired.db``, ``nb-api.db``, and ``timings.txt``, where the oracle
recorded the wall time of every run of the real tool on that same Neutron database and
NB, on this machine). Each of our cases runs the whole CLI in a child process (start-up,
reading Neutron, reading the NB, translating, planning, writing), against a real
``ovsdb-server`` serving a fresh copy of the NB:

=================  ======================================  ================================
case               ours                                    the real tool (timings.txt)
=================  ======================================  ================================
audit, synced NB   ``audit --remote`` on nb-repaired.db    ``log`` after repair
audit, drifted NB  ``audit --remote`` on nb-api.db          ``log`` on the intact (API) NB
sync, empty NB     ``sync --remote`` on an empty NB         ``repair`` on an empty NB
sync, synced NB    ``sync --remote`` on nb-repaired.db      (``log`` after repair: a floor)
sync, drifted NB   ``sync --remote`` on nb-api.db           (``log`` on the intact NB)
=================  ======================================  ================================

Neutron is read from a SQL dump (``--sql-dump``), and with ``--mariadb`` also from a
private MariaDB loaded with that dump (unix socket in a scratch directory, stopped by pid
at the end), which is how the real tool reads it.

    python benchmarks/neutron_bench.py ORACLE_OUT [--repeat 3] [--mariadb] \\
        [--label NAME] [--report benchmarks/sections/neutron.md]

The subsection of this data set is replaced (by label) in the section file, which keeps
the others; ``RESULTS.md``, which appends every ``benchmarks/sections/*.md``, is then rendered
again from the committed results. ``--json`` writes the raw figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# Run as a script, Python puts benchmarks/ itself first on sys.path: make the repository
# root importable for ``benchmarks.ovsbench`` (as run.py does).
sys.path.insert(0, str(HERE.parent))
NB_SCHEMA = "/usr/share/ovn/ovn-nb.ovsschema"
TARGET = 0.2  # ours <= 0.2 x the real tool's wall time


@dataclass
class Case:
    name: str
    nb: str  # "repaired", "api" or "empty"
    command: str  # "audit" or "sync"
    real: str  # timings.txt label of the real tool's run to compare with
    real_is_floor: bool = False  # the real tool was not run in this mode; its log run is a floor


CASES = [
    Case("audit, synced NB", "repaired", "audit", "log-after-repair"),
    Case("audit, drifted NB", "api", "audit", "log-intact"),
    Case("sync, empty NB", "empty", "sync", "repair"),
    Case("sync, synced NB", "repaired", "sync", "log-after-repair", real_is_floor=True),
    Case("sync, drifted NB", "api", "sync", "log-intact", real_is_floor=True),
]


@dataclass
class Result:
    case: str
    source: str
    runs: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the child
    peak_rss_mb: float = 0.0
    exit_codes: list[int] = field(default_factory=list)
    real_s: float | None = None
    real_is_floor: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def real_timings(out: Path) -> dict[str, float]:
    """``sync-util log (log-intact) rc=0   4.2 s`` -> {"log-intact": 4.2}."""
    found = {}
    for line in (out / "timings.txt").read_text().splitlines():
        m = re.match(r"sync-util \w+ \(([\w-]+)\) rc=\d+\s+([\d.]+) s", line)
        if m:
            found[m.group(1)] = float(m.group(2))
    return found


def run_child(argv: list[str]) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr is not None:
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


@contextmanager
def nb_server(work: Path, source: Path | None) -> Iterator[str]:
    """A standalone NB on a copy of ``source`` (or an empty NB); yields its unix remote."""
    from ovsdb_backup.sandbox.servers import start_standalone

    work.mkdir(parents=True)
    if source is None:
        subprocess.run(["ovsdb-tool", "create", str(work / "nb.db"), NB_SCHEMA], check=True)
    else:
        shutil.copy(source, work / "nb.db")
    server = start_standalone(work / "srv", work / "nb.db", name="nb", tcp=False)
    try:
        yield server.remote
    finally:
        server.stop()


@contextmanager
def mariadb(work: Path, dump: Path) -> Iterator[str]:
    """A private MariaDB (unix socket only) holding the dump; yields its SQLAlchemy URL."""
    data, sock = work / "mariadb", work / "mysql.sock"
    data.mkdir(parents=True)
    subprocess.run(
        ["mariadb-install-db", f"--datadir={data}", "--user=root",
         "--auth-root-authentication-method=normal", "--skip-test-db"],
        check=True, capture_output=True,
    )  # fmt: skip
    proc = subprocess.Popen(
        ["mariadbd", f"--datadir={data}", f"--socket={sock}", "--skip-networking", "--user=root",
         f"--pid-file={work / 'mariadb.pid'}", f"--log-error={work / 'mariadb.err'}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(200):
            ping = ["mariadb-admin", f"--socket={sock}", "-uroot", "ping"]
            if subprocess.run(ping, capture_output=True, check=False).returncode == 0:
                break
            time.sleep(0.1)
        client = ["mariadb", f"--socket={sock}", "-uroot"]
        subprocess.run([*client, "-e", "CREATE DATABASE neutron"], check=True)
        with open(dump, "rb") as f:
            subprocess.run([*client, "neutron"], stdin=f, check=True)
        yield f"mysql+pymysql://root@localhost/neutron?unix_socket={sock}"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


def measure(out: Path, sources: dict[str, list[str]], repeat: int, scratch: Path) -> list[Result]:
    real = real_timings(out)
    cli = [sys.executable, "-m", "ovsdb_backup", "neutron"]
    resolv = scratch / "resolv.conf"
    resolv.write_text("nameserver 10.255.255.53\n")  # the oracle machine's resolver
    results = []
    n = 0
    for source_name, source_args in sources.items():
        for case in CASES:
            result = Result(case.name, source_name, real_s=real.get(case.real),
                            real_is_floor=case.real_is_floor)  # fmt: skip
            for _ in range(repeat):
                n += 1
                nb = {"repaired": out / "nb-repaired.db", "api": out / "nb-api.db"}.get(case.nb)
                with nb_server(scratch / f"run{n}", nb) as remote:
                    argv = [*cli, case.command, *source_args, "--resolv-conf", str(resolv),
                            "--gateway-chassis", "gw1", "--remote", remote]  # fmt: skip
                    wall, cpu, rss, code = run_child(argv)
                result.runs.append(wall)
                result.cpu.append(cpu)
                result.exit_codes.append(code)
                result.peak_rss_mb = max(result.peak_rss_mb, rss)
            results.append(result)
            print(f"{source_name:8} {case.name:18} {result.median:7.2f} s  "
                  f"(real {result.real_s} s)", file=sys.stderr)  # fmt: skip
    return results


def data_set(out: Path) -> dict[str, Any]:
    from ovsdb_backup.neutron import source
    from ovsdb_backup.neutron.audit import read_nb_file

    rows = source.load(sql_dump=str(out / "neutron.sql"))
    nb = read_nb_file(str(out / "nb-repaired.db"))
    run = (out / "run.txt").read_text()
    release = re.search(r"release:\s+(\S+)", run)
    topology = re.search(r"topology:\s+(.*)", run)
    return {
        "release": release.group(1) if release else "?",
        "topology": topology.group(1).strip() if topology else "?",
        "neutron_ports": len(rows.rows("ports")),
        "networks": len(rows.rows("networks")),
        "routers": len(rows.rows("routers")),
        "security_group_rules": len(rows.rows("securitygrouprules")),
        "nb_rows": nb.total_rows(),
        "lsp": len(nb.tables["Logical_Switch_Port"]),
        "acl": len(nb.tables["ACL"]),
        "sql_dump_bytes": (out / "neutron.sql").stat().st_size,
    }


def machine() -> str:
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    ovs = subprocess.run(["ovsdb-server", "--version"], capture_output=True, text=True,
                         check=False).stdout.splitlines()[0]  # fmt: skip
    return (f"{os.cpu_count()} vCPU ({cpu}), {mem_kb / 1024 / 1024:.0f} GB RAM, "
            f"Linux {platform.release()}, Python {platform.python_version()}, {ovs}")  # fmt: skip


def section(
    label: str, data: dict[str, Any], results: list[Result], repeat: int, load: tuple[float, float]
) -> str:
    lines = [
        f"### {label}",
        "",
        f"Data: {data['release']}, topology {data['topology']}: {data['neutron_ports']} Neutron "
        f"ports, {data['networks']} networks, {data['routers']} routers, "
        f"{data['security_group_rules']} SG rules; NB {data['nb_rows']} rows "
        f"({data['lsp']} LSPs, {data['acl']} ACLs); "
        f"SQL dump {data['sql_dump_bytes'] / 1e6:.1f} MB.",
        f"Machine: {machine()}; load average {load[0]:.1f} before, {load[1]:.1f} after (the "
        f"machine is shared). Median of {repeat} runs (min–max), whole process wall time; "
        "CPU = user + system time of our process.",
        "",
        "| case | Neutron read from | ours | CPU | peak RSS | real tool | ours / real |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if r.real_s:
            ratio = r.median / r.real_s
            verdict = "≤" if ratio <= TARGET else ">"
            rel = f"{ratio:.3f} ({verdict} {TARGET})"
            if r.real_is_floor:
                rel += ", vs its log run"
        else:
            rel = "–"
        real = f"{r.real_s:.1f} s" if r.real_s else "–"
        lines.append(
            f"| {r.case} | {r.source} | {r.median:.2f} s ({min(r.runs):.2f}–{max(r.runs):.2f}) "
            f"| {statistics.median(r.cpu):.2f} s | {r.peak_rss_mb:.0f} MB | {real} | {rel} |"
        )
    return "\n".join(lines) + "\n"


HEADER = """## ovsdb-backup neutron vs neutron-ovn-db-sync-util

Written by `benchmarks/neutron_bench.py` into `benchmarks/sections/neutron.md` (one
subsection per data set; running it again replaces that subsection), which `run.py` appends to
the generated report. The real tool's figures are the oracle's own measurements
(`timings.txt` of `neutron_oracle.sh`) on the same Neutron database and NB on this
machine: `log` after repair, `log` on the intact NB, and `repair` into an empty NB. Ours
run the whole CLI in a child process against a real ovsdb-server. The target is ours ≤ 0.2×
the real tool's wall time.

"""


def write_report(path: Path, label: str, text: str) -> None:
    """Replace the section of ``label`` where it is (or append it), atomically."""
    old = path.read_text() if path.exists() else HEADER
    parts = re.split(r"(?m)^(?=### )", old)
    head, sections = parts[0], parts[1:]
    mine = [i for i, p in enumerate(sections) if p.startswith(f"### {label}\n")]
    if mine:
        sections[mine[0]] = text
    else:
        sections.append(text)
    body = head + "\n".join(s.rstrip("\n") + "\n" for s in sections)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(body)
    tmp.replace(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("oracle_out", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mariadb", action="store_true", help="also read Neutron from MariaDB")
    parser.add_argument("--label", help="report section title (default: the directory name)")
    parser.add_argument("--report", type=Path, default=HERE / "sections" / "neutron.md")
    parser.add_argument("--json", type=Path, help="write the raw figures here")
    args = parser.parse_args()
    out = args.oracle_out.resolve()
    label = args.label or out.name
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="neutron-bench-") as tmp:
        scratch = Path(tmp)
        sources = {"SQL dump": ["--sql-dump", str(out / "neutron.sql")]}
        if args.mariadb:
            with mariadb(scratch / "db", out / "neutron.sql") as url:
                sources["MariaDB"] = ["--neutron-db", url]
                results = measure(out, sources, args.repeat, scratch)
        else:
            results = measure(out, sources, args.repeat, scratch)
    data = data_set(out)
    load = (load_before, os.getloadavg()[0])
    write_report(args.report, label, section(label, data, results, args.repeat, load))
    if args.report.parent == HERE / "sections":
        # RESULTS.md appends the section files: render it again from the committed results.
        from benchmarks.ovsbench import report

        report.write_report(HERE / "RESULTS.md", report.load_results(HERE / "results"))
    if args.json:
        args.json.write_text(
            json.dumps({"data": data, "results": [asdict(r) for r in results]}, indent=1)
        )
    print(f"wrote {args.report}", file=sys.stderr)


if __name__ == "__main__":
    main()
