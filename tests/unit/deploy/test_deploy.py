"""The examples in deploy/: systemd units pass ``systemd-analyze verify``, manifests parse,
and every command line they hold uses only options the CLI really has."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from ovsdb_backup.cli.main import cli

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service")) + sorted(
    (DEPLOY / "systemd").glob("*.timer")
)
MANIFESTS = sorted((DEPLOY / "kubernetes").rglob("*.yaml"))
BINARY = "/usr/local/bin/ovsdb-backup"


def command_of(argv: list[str]) -> tuple[click.Command, list[str]]:
    """The (sub)command an argument list runs, and the arguments left for it."""
    command: click.Command = cli
    ctx = click.Context(cli)
    words = list(argv)
    while isinstance(command, click.Group):
        assert words, "a command line without a subcommand"
        sub = command.get_command(ctx, words.pop(0))
        assert sub is not None, f"no such command: {argv}"
        command = sub
    return command, words


def check_command_line(argv: list[str]) -> None:
    """Every option exists, takes a value when it needs one, and required ones are given."""
    command, words = command_of(argv)
    options: dict[str, click.Option] = {}
    for param in command.params:
        if isinstance(param, click.Option):
            for name in [*param.opts, *param.secondary_opts]:
                options[name] = param
    given: set[str] = set()
    i = 0
    while i < len(words):
        word = words[i]
        if word.startswith("-") and len(word) > 1 and not re.fullmatch(r"-\d.*", word):
            name, eq, value = word.partition("=")
            assert name in options, f"{argv[0]}: unknown option {name} in {argv}"
            param = options[name]
            given.add(param.name or name)
            if not param.is_flag and not eq:
                i += 1
                assert i < len(words), f"{argv[0]}: {name} needs a value"
                value = words[i]
            if isinstance(param.type, click.Choice) and not value.startswith("$"):
                assert value in param.type.choices, f"{name}: {value!r} is not a choice"
        i += 1
    for param in command.params:
        if isinstance(param, click.Option) and param.required:
            assert param.name in given, f"{argv[0]}: required {param.opts[0]} missing"


# -- systemd ----------------------------------------------------------------------------


def exec_lines(unit: Path) -> list[list[str]]:
    lines = []
    for line in unit.read_text().splitlines():
        if line.startswith("ExecStart="):
            argv = shlex.split(line.removeprefix("ExecStart="))
            assert argv[0] == BINARY, f"{unit.name}: runs {argv[0]}"
            lines.append(argv[1:])
    return lines


@pytest.mark.parametrize("unit", [u for u in UNITS if u.suffix == ".service"], ids=lambda u: u.name)
def test_unit_command_lines_use_real_options(unit: Path) -> None:
    lines = exec_lines(unit)
    assert lines, f"{unit.name} has no ExecStart"
    for argv in lines:
        check_command_line(argv)


def test_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip(
            "systemd-analyze is not installed (Debian package 'systemd'; scripts/bootstrap "
            "installs it): the units were checked against the CLI only"
        )
    # verify insists that ExecStart's program exists: point it at this checkout's CLI.
    program = Path(sys.executable).with_name("ovsdb-backup")
    assert program.exists(), program
    for unit in UNITS:
        text = unit.read_text().replace(BINARY, str(program))
        (tmp_path / unit.name).write_text(text)
    instance = tmp_path / "ovsdb-backup-stream@OVN_Northbound.service"
    instance.write_text((tmp_path / "ovsdb-backup-stream@.service").read_text())
    names = [u.name for u in UNITS if "@" not in u.name] + [instance.name]
    env = {**os.environ, "SYSTEMD_LOG_COLOR": "0"}
    run = subprocess.run(
        [analyze, "verify", *names],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    problems = [
        line
        for line in (run.stdout + run.stderr).splitlines()
        if line.strip() and "Failed to connect" not in line
    ]
    assert run.returncode == 0 and not problems, "\n".join(problems)


# -- Kubernetes ---------------------------------------------------------------------------


def containers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    kind = doc.get("kind")
    spec = doc.get("spec", {})
    if kind in ("Deployment", "DaemonSet", "StatefulSet"):
        pod = spec["template"]["spec"]
    elif kind == "CronJob":
        pod = spec["jobTemplate"]["spec"]["template"]["spec"]
    elif kind == "Job":
        pod = spec["template"]["spec"]
    else:
        return []
    return list(pod.get("containers", [])) + list(pod.get("initContainers", []))


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: str(p.relative_to(DEPLOY)))
def test_manifests_parse_and_use_real_options(manifest: Path) -> None:
    docs = [d for d in yaml.safe_load_all(manifest.read_text()) if d]
    assert docs
    kinds = {d["kind"] for d in docs}
    assert {"Deployment", "CronJob"} <= kinds, f"{manifest.name}: {kinds}"
    seen = 0
    for doc in docs:
        assert doc.get("apiVersion") and doc.get("metadata", {}).get("name")
        for container in containers(doc):
            args = [str(a) for a in container.get("args", [])]
            assert args, f"{manifest.name}: container {container['name']} has no args"
            check_command_line(args)
            seen += 1
        if doc["kind"] == "Deployment":
            assert doc["spec"]["replicas"] == 1
            assert doc["spec"]["strategy"]["type"] == "Recreate"
    assert seen >= 3


def test_the_checker_catches_a_wrong_option() -> None:
    with pytest.raises(AssertionError, match="unknown option --keep-forever"):
        check_command_line(["prune", "--repo", "/b", "--keep-forever"])
    with pytest.raises(AssertionError, match="required --repo missing"):
        check_command_line(["stream", "-r", "tcp:1.2.3.4"])
    check_command_line(["db", "show-log", "x.db"])
