"""Killed writers and full disks never leave an archive under the final name."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ovsdb_backup.archive import verify_archive
from ovsdb_backup.errors import ExitCode

ROOT = Path(__file__).resolve().parents[3]


def child(path: Path, megabytes: int, compression: str = "zstd", *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.archive_child",
            str(path),
            str(megabytes),
            compression,
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_at_random_moments_never_leaves_a_file_under_the_final_name(tmp_path: Path):
    path = tmp_path / "ovn.tar"
    # One full run tells how long writing takes on this machine.
    proc = child(path, 30)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "open"
    started = time.monotonic()
    _out, err = proc.communicate(timeout=120)
    duration = time.monotonic() - started
    assert proc.returncode == 0, err
    assert verify_archive(path).ok
    path.unlink()

    rng = random.Random(20251121)
    killed = completed = 0
    for _ in range(20):
        proc = child(path, 30)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "open"
        time.sleep(rng.uniform(0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        if path.exists():
            # It got to the end before the signal: then the archive must be whole.
            check = verify_archive(path)
            assert check.ok, check.findings
            path.unlink()
            completed += 1
        else:
            killed += 1
        # A killed writer leaves at most its .part (the next writer replaces it).
        assert set(os.listdir(tmp_path)) <= {"ovn.tar.part"}
    assert killed >= 10, (killed, completed)


def test_file_size_limit_is_a_clear_output_error_and_removes_the_part(tmp_path: Path) -> None:
    proc = child(tmp_path / "ovn.tar", 8, "none", str(3 << 20))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == ExitCode.OUTPUT, err
    assert "OutputError" in err
    assert "file too large" in err
    assert "partial output was removed" in err
    assert "left: []" in out
    assert os.listdir(tmp_path) == []


def test_full_file_system_is_a_clear_output_error_and_removes_the_part(tmp_path: Path) -> None:
    """A real ENOSPC: a 4 MB tmpfs in a private mount namespace (needs root)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("environment: needs root and unshare(1) to mount a private tmpfs")
    mount = tmp_path / "small"
    mount.mkdir()
    script = (
        f"mount -t tmpfs -o size=4m tmpfs {mount} && "
        f"{sys.executable} -m tests.support.archive_child {mount}/ovn.tar 16 none"
    )
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if "mount:" in done.stderr:
        pytest.skip(f"environment: cannot mount a tmpfs here: {done.stderr.strip()}")
    assert done.returncode == ExitCode.OUTPUT, done.stderr
    assert "no space left on device" in done.stderr
    assert "left: []" in done.stdout
