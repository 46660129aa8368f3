"""The only place that writes to the terminal: human text, JSON, progress bars."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

import orjson

from ..results import Finding, ProgressCallback, Severity, no_progress

if TYPE_CHECKING:
    from rich.console import Console

# rich is imported on first use: most runs print a line or JSON and should not pay for it.


@cache
def _console(err: bool) -> Console:
    from rich.console import Console

    stream = sys.stderr if err else sys.stdout
    # Not a terminal (a pipe, a log file): do not squeeze tables into 80 columns.
    width = None if stream.isatty() else 160
    return Console(stderr=err, highlight=False, soft_wrap=True, width=width)


class _LazyConsole:
    def __init__(self, err: bool) -> None:
        self._err = err

    def print(self, *objects: Any, **kwargs: Any) -> None:
        _console(self._err).print(*objects, **kwargs)


stdout = _LazyConsole(False)
stderr = _LazyConsole(True)


def emit_json(data: Any) -> None:
    """Print one JSON document to stdout (indented, stable key order)."""
    sys.stdout.write(
        orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode() + "\n"
    )
    sys.stdout.flush()


def emit_json_line(data: Any) -> None:
    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS).decode() + "\n")


def info(message: str) -> None:
    stdout.print(message, markup=False)


def warn(message: str) -> None:
    stderr.print(f"[yellow]warning:[/yellow] {escape(message)}")


def error(message: str, hint: str | None = None) -> None:
    stderr.print(f"[bold red]error:[/bold red] {escape(message)}")
    if hint:
        stderr.print(f"[cyan]hint:[/cyan] {escape(hint)}")


def escape(text: str) -> str:
    return text.replace("[", "\\[")


_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def print_findings(findings: Sequence[Finding], *, show_path: bool = False) -> None:
    for f in findings:
        style = _SEVERITY_STYLE[f.severity]
        where = f.where()
        prefix = f"{f.path}: " if show_path and f.path else ""
        loc = f" ({where})" if where else ""
        stdout.print(
            f"{prefix}[{style}]{f.severity.value}[/{style}] {f.kind}{loc}: {escape(f.message)}"
        )


def print_table(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str | None = None
) -> None:
    from rich.table import Table

    table = Table(title=title, show_edge=False, header_style="bold")
    for i, column in enumerate(columns):
        table.add_column(column, justify="right" if i and _numeric(rows, i) else "left")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    stdout.print(table)


def _numeric(rows: Sequence[Sequence[Any]], i: int) -> bool:
    return bool(rows) and all(isinstance(r[i], int | float) for r in rows if r[i] is not None)


def print_pairs(pairs: Sequence[tuple[str, Any]]) -> None:
    width = max((len(k) for k, _ in pairs), default=0)
    for key, value in pairs:
        stdout.print(f"{key + ':':<{width + 1}} {escape(str(value))}")


@contextmanager
def progress_bar(
    description: str, total: int | None, *, enabled: bool
) -> Iterator[ProgressCallback]:
    """A byte-progress bar on stderr when it is a terminal; a no-op otherwise."""
    if not enabled or not sys.stderr.isatty():
        yield no_progress
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=_console(True),
        transient=True,
    )
    with bar:
        task = bar.add_task(description, total=total)

        def update(done: int, total_now: int | None) -> None:
            bar.update(task, completed=done, total=total_now)

        yield update


@contextmanager
def multi_progress(*, enabled: bool) -> Iterator[Callable[[str], ProgressCallback | None]]:
    """Several byte counters on one display (e.g. one per database being backed up).

    Yields a factory: ``factory(label)`` returns the callback for that label. Nothing
    is shown when disabled or when stderr is not a terminal.
    """
    if not enabled or not sys.stderr.isatty():
        yield lambda _label: None
        return
    from rich.progress import DownloadColumn, Progress, SpinnerColumn, TextColumn

    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        DownloadColumn(),
        console=_console(True),
        transient=True,
    )
    with bar:

        def factory(label: str) -> ProgressCallback:
            task = bar.add_task(label, total=None)

            def update(done: int, total: int | None) -> None:
                bar.update(task, completed=done, total=total)

            return update

        yield factory
