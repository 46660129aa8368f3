"""Entry point of the ``ovsdb-backup`` command."""

from __future__ import annotations

import importlib
import logging
import os
import sys

import click

from .. import __version__
from ..errors import ExitCode, OvsdbBackupError
from . import output

INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug in ovsdb-backup, never a user error

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Subcommands are imported only when used: a command that reads one small file should not
# pay for importing every other command (Python start-up is most of its run time).
SUBCOMMANDS = {
    "backup": "ovsdb_backup.cli.backup:backup",
    "info": "ovsdb_backup.cli.backup:info",
    "verify": "ovsdb_backup.cli.backup:verify",
    "list": "ovsdb_backup.cli.backup:list_cmd",
    "restore": "ovsdb_backup.cli.restore:restore",
    "diff": "ovsdb_backup.cli.restore:diff_cmd",
    "active-backup": "ovsdb_backup.cli.pair:active_backup",
    "cluster": "ovsdb_backup.cli.cluster:cluster",
    "db": "ovsdb_backup.cli.db:db",
    "neutron": "ovsdb_backup.cli.neutron:neutron",
    "sandbox": "ovsdb_backup.cli.sandbox:sandbox",
    "stream": "ovsdb_backup.cli.stream:stream",
    "prune": "ovsdb_backup.cli.repo:prune",
    "check": "ovsdb_backup.cli.repo:check",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *SUBCOMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in SUBCOMMANDS and cmd_name not in self.commands:
            module, attr = SUBCOMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="ovsdb-backup")
def cli() -> None:
    """Back up, verify, restore and recover OVSDB databases (Open vSwitch, OVN).

    \b
    Offline file tools:      ovsdb-backup db --help
    Clusters and recovery:   ovsdb-backup cluster --help
    Active-backup pairs:     ovsdb-backup active-backup --help
    Try it on local servers: ovsdb-backup sandbox --help
    Exit codes: 0 ok, 1 problems found, 2 usage, 3 bad input, 4 server,
    5 refused without --force/--yes, 6 cannot write output, 130 interrupted.
    """


def main(argv: list[str] | None = None) -> int:
    """Run the CLI, turning our errors into messages and exit codes."""
    try:
        result = cli.main(args=argv, prog_name="ovsdb-backup", standalone_mode=False)
    except OvsdbBackupError as exc:
        output.error(exc.message, exc.hint)
        return int(exc.exit_code)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return int(ExitCode.USAGE)
    except click.exceptions.Abort:
        output.error("aborted")
        return int(ExitCode.INTERRUPTED)
    except KeyboardInterrupt:
        output.error("interrupted")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        return int(ExitCode.OK)
    except Exception:  # a bug: show it, with a distinct exit code
        import traceback

        traceback.print_exc()
        output.error("internal error in ovsdb-backup (this is a bug; please report it)")
        return INTERNAL_ERROR
    # Commands return an ExitCode when they ran but found problems (e.g. ExitCode.FINDINGS).
    return int(result) if isinstance(result, int) else int(ExitCode.OK)


def entry() -> None:
    """Console-script entry: run, flush, and exit without tearing down the heap.

    After a command has written, fsynced and renamed its outputs there is nothing
    left to clean up, but freeing a multi-GB object graph one object at a time
    takes Python tens of seconds (measured: ~20 s after compacting a 500 MB log).
    """
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or int(ExitCode.OUTPUT)
    os._exit(code)
