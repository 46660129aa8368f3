"""Description of the machine and software a run measured, for the report."""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
from pathlib import Path


def _first_line(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    lines = done.stdout.strip().splitlines()
    return lines[0] if done.returncode == 0 and lines else "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _os_name() -> str:
    try:
        fields = dict(
            line.split("=", 1)
            for line in Path("/etc/os-release").read_text().splitlines()
            if "=" in line
        )
        name = fields.get("PRETTY_NAME", "").strip('"')
    except OSError:
        name = platform.system()
    with contextlib.suppress(OSError):
        name += f" ({Path('/etc/debian_version').read_text().strip()})"
    return name


def _package_version(package: str) -> str:
    return _first_line(["dpkg-query", "-W", "-f", "${Version}", package])


def describe(repo: Path, ours: list[str]) -> dict[str, str]:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    # The measured code is src/: name the last commit that changed it, and
    # whether the working tree differs from it there (benchmarks/ does not count).
    git = ["git", "-C", str(repo)]
    commit = _first_line([*git, "log", "-1", "--format=%h", "--", "src"])
    dirty = _first_line([*git, "status", "--porcelain", "--untracked-files=no", "--", "src"])
    return {
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "ram_gib": f"{_mem_total_gib():.1f}",
        "kernel": platform.release(),
        "os": _os_name(),
        "openvswitch": f"{_first_line(['ovsdb-tool', '--version'])} "
        f"(package {_package_version('openvswitch-common')})",
        "ovn": f"{_first_line(['ovn-nbctl', '--version'])} "
        f"(package {_package_version('ovn-central')})",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "ovsdb_backup": f"{_first_line([*ours, '--version'])}, src/ at commit {commit}"
        + (" + uncommitted changes" if dirty not in ("", "unknown") else ""),
        "load_average_at_start": load,
    }
