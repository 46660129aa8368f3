"""``ovsdb-backup cluster …``: live status, offline diagnosis, guided recovery, kick."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click

from ..errors import ExitCode
from . import output
from .common import JSON_OPTION

if TYPE_CHECKING:
    from ..cluster.health import MemberReport, StatusReport

# Each command imports its workflow when it runs (see the note in cli/main.py on start-up).

CTL_OPTION = click.option(
    "--ctl",
    "ctls",
    multiple=True,
    metavar="SOCKET",
    help="A member's control socket (e.g. /var/run/ovn/ovnnb_db.ctl); repeat for each member.",
)
DB_OPTION = click.option("--db", help="Database name (default: the one the servers serve).")
TIMEOUT_OPTION = click.option(
    "--timeout",
    type=float,
    default=2.0,
    show_default=True,
    help="Seconds to wait for each member; a member that does not answer is shown as such.",
)


@click.group()
def cluster() -> None:
    """Clustered (Raft) databases: status, diagnosis of member files, recovery.

    \b
    Examples:
      ovsdb-backup cluster status --ctl /var/run/ovn/ovnnb_db.ctl
      ovsdb-backup cluster diagnose s1.db s2.db s3.db
      ovsdb-backup cluster recover s1.db s2.db s3.db --address tcp:10.0.0.1:6643 …
    """


@cluster.command()
@CTL_OPTION
@click.option(
    "--remote",
    "remotes",
    multiple=True,
    metavar="REMOTE",
    help="A member's client remote (unix:…, tcp:IP:PORT, ssl:…) to read _Server from; repeat.",
)
@DB_OPTION
@TIMEOUT_OPTION
@click.option(
    "--max-lag",
    type=int,
    default=100,
    show_default=True,
    help="Entries a member may be behind the leader before it is called lagging.",
)
@JSON_OPTION
def status(
    ctls: tuple[str, ...],
    remotes: tuple[str, ...],
    db: str | None,
    timeout: float,
    max_lag: int,
    as_json: bool,
) -> int:
    """Show every member of a cluster and what is wrong with it, in one table.

    Asks each member's control socket for "cluster/status" and each remote for
    its _Server.Database row, all at once. Members listed in the cluster
    configuration but not given are shown as "unobserved". A member that does
    not answer is shown as down (refused) or unresponsive (no reply in time),
    not treated as an error. Exit 0 when the cluster is healthy, 1 otherwise.

    \b
    Examples:
      ovsdb-backup cluster status --ctl /var/run/ovn/ovnnb_db.ctl
      ovsdb-backup cluster status --ctl s1.ctl --ctl s2.ctl --ctl s3.ctl --db OVN_Northbound
      ovsdb-backup cluster status --remote tcp:10.0.0.1:6641 --remote tcp:10.0.0.2:6641 \\
          --db OVN_Northbound --json
    """
    from ..cluster.health import assess
    from ..cluster.observe import gather_view

    view = asyncio.run(gather_view(db, ctls, remotes, timeout=timeout))
    report = assess(view, max_lag=max_lag)
    if as_json:
        output.emit_json({**report.to_json(), "observations": view.to_json()})
    else:
        print_status(report)
    return ExitCode.OK if report.healthy else ExitCode.FINDINGS


def _log(m: MemberReport) -> str:
    if m.log_start is None:
        return ""
    return f"[{m.log_start}, {m.log_end}]"


def _server(m: MemberReport) -> str:
    if m.connected is None:
        return ""
    return f"{'conn' if m.connected else 'DISCONN'} idx {m.server_index}"


def _age(ms: int | None) -> str:
    if ms is None:
        return ""
    return f"{ms} ms" if ms < 10_000 else f"{ms / 1000:.0f} s"


_STATE_STYLE = {"ok": "green", "unobserved": "yellow", "lagging": "yellow"}


def print_status(report: StatusReport) -> None:
    title = f"{report.db}  cluster {report.cid or '?'}"
    rows: list[list[Any]] = []
    for m in report.members:
        rows.append(
            [
                m.label,
                m.address,
                m.role,
                m.term,
                m.leader,
                m.vote or ("-" if m.role else None),
                _log(m),
                f"{m.commit_index}/{m.applied_index}" if m.commit_index is not None else "",
                f"{m.connections_up}/{m.connections_total}" if m.connections_total else "",
                _age(m.last_msg_ms),
                _server(m),
                m.state.upper() if m.state != "ok" else "ok",
            ]
        )
    output.print_table(
        [
            "member",
            "address",
            "role",
            "term",
            "leader",
            "vote",
            "log",
            "commit/applied",
            "conns",
            "last msg",
            "_Server",
            "state",
        ],
        rows,
        title=title,
    )
    for m in report.members:
        for reason in m.reasons:
            style = _STATE_STYLE.get(m.state, "bold red")
            output.stdout.print(f"[{style}]{m.label}[/{style}]: {output.escape(reason)}")
    output.print_findings(report.findings)
    style = {"healthy": "bold green", "degraded": "bold yellow"}.get(report.verdict, "bold red")
    output.stdout.print(
        f"[{style}]verdict: {report.verdict}[/{style}] — {output.escape(report.summary)}"
    )


FILES_ARGUMENT = click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))


@cluster.command("diagnose")
@FILES_ARGUMENT
@JSON_OPTION
def diagnose_cmd(files: tuple[str, ...], as_json: bool) -> int:
    """Diagnose the member files of one cluster offline; recommend a recovery.

    Give every member's file (copies are fine; a missing one may be named too).
    For each: server and cluster id, address, term, log range, commit index,
    configuration, left/joining state and every problem with record and offset.
    Across them: identity and log-matching conflicts, which entries are known
    to be committed (a commit record, or on a majority of members), which
    member holds the most, and what recovering from each would lose. Ends with
    a verdict and the recommended plan ("cluster recover" carries it out).
    Exit 0 when nothing needs doing, 1 otherwise.

    \b
    Examples:
      ovsdb-backup cluster diagnose /backup/n1/ovnnb_db.db /backup/n2/ovnnb_db.db \\
          /backup/n3/ovnnb_db.db
      ovsdb-backup cluster diagnose --json s1.db s2.db s3.db | jq .choices[0]
    """
    from ..cluster.recover import plan_recovery

    planned = plan_recovery(list(files))
    d = planned.diagnosis
    if as_json:
        output.emit_json(
            {
                **d.to_json(),
                "plan": planned.plan.to_json() if planned.plan else None,
                "plan_error": planned.plan_error,
            }
        )
    else:
        print_diagnosis(d)
        if planned.plan is not None:
            print_plan(planned.plan, title="Recommended plan (ovsdb-backup cluster recover):")
        elif planned.plan_error:
            output.warn(f"no plan: {planned.plan_error}")
    return ExitCode.OK if d.verdict == "healthy" else ExitCode.FINDINGS


def print_diagnosis(d: Any) -> None:
    style = {"healthy": "bold green", "restartable": "bold yellow"}.get(d.verdict, "bold red")
    output.stdout.print(f"{d.name or '?'}  cluster {d.cid or '?'}: [{style}]{d.verdict}[/{style}]")
    output.info(f"  {d.summary}")
    rows = []
    for m in d.members:
        f = m.file
        rows.append(
            [
                m.path,
                m.sid[:8] if m.sid else "",
                m.address or "",
                m.condition.upper() if not m.restartable else m.condition,
                f.term if f.has_log else "",
                f"[{f.log_start}, {f.log_end}]" if f.has_log else "",
                f.commit_index if f.has_log else "",
                f.clean_through if f.has_log else "",
                "yes" if m.in_config else "no",
            ]
        )
    output.print_table(
        ["file", "server", "address", "condition", "term", "log", "commit", "clean to", "member"],
        rows,
    )
    for m in d.members:
        if not m.restartable:
            output.info(f"{m.path}: {m.explanation}")
        output.print_findings(
            [p if p.path else replace(p, path=m.path) for p in m.problems], show_path=True
        )
    output.print_findings(d.cluster, show_path=True)
    if d.configuration:
        config = ", ".join(f"{sid[:4]} {addr}" for sid, addr in d.configuration)
        output.info(f"Configuration: {config} (majority {d.majority})")
    if d.choices:
        output.info(f"Known committed through index {d.committed_index}: {d.committed_evidence}")
        output.info("Recovering from each member (best first):")
        for c in d.choices:
            output.info(
                f"  {c.path}: keeps its log through {c.keep_through} (last term {c.last_term}); "
                f"loses {len(c.lost)} committed, keeps {len(c.kept_unproven)} not known "
                f"committed, discards {len(c.discarded)} uncommitted of other members"
            )
            _print_entries("lost", c.lost, indent="      ")


MAX_LISTED = 12


def _print_entries(label: str, entries: Any, *, indent: str) -> None:
    prefix = f"{label}: " if label else ""
    for e in entries[:MAX_LISTED]:
        output.info(f"{indent}{prefix}{e.describe()}")
    if len(entries) > MAX_LISTED:
        output.info(f"{indent}… and {len(entries) - MAX_LISTED} more (--json lists all)")


def print_plan(plan: Any, *, title: str) -> None:
    output.stdout.print(f"[bold]{output.escape(title)}[/bold] {plan.kind}: {plan.reason}")
    for n, step in enumerate(plan.steps, 1):
        tag = " (by hand)" if step.manual else ""
        output.info(f"  {n}. [{step.id}]{tag} {step.summary}")
    for label, entries in (
        ("committed entries that cannot be recovered", plan.lost),
        ("entries kept although not known to be committed", plan.kept_unproven),
        ("uncommitted entries of other members that are discarded", plan.discarded),
        ("entries read past damage that the new cluster will not have", plan.past_damage),
    ):
        if entries:
            output.info(f"  {label}:")
            _print_entries("", entries, indent="    ")
    for line in plan.unreadable:
        output.info(f"  not recoverable: {line}")
    if plan.journal and plan.executable:
        output.info(f"  journal: {plan.journal}")


@cluster.command("recover")
@FILES_ARGUMENT
@click.option(
    "--address",
    "addresses",
    multiple=True,
    metavar="ADDR",
    help="Raft address (tcp:IP:PORT) of each member, one per FILE in order "
    "(default: each file's own).",
)
@CTL_OPTION
@click.option(
    "--mode",
    type=click.Choice(["auto", "minority", "majority"]),
    default="auto",
    show_default=True,
    help="auto follows the diagnosis; minority: the members whose files are not given "
    "run (on a broken member's node; the kick checks the live quorum); majority: rebuild "
    "a new cluster even if the members could restart or their files are not given.",
)
@click.option(
    "--committed-only",
    is_flag=True,
    help="Majority loss: keep only entries known to be committed, dropping the chosen "
    "member's later entries (which Raft would commit if it were elected).",
)
@click.option(
    "--already-kicked",
    is_flag=True,
    help="Minority loss: the broken members were removed by hand (e.g. 'cluster kick' or "
    "'kubectl ko nb kick' run where a live member's control socket is); skip the kick.",
)
@click.option("--execute", is_flag=True, help="Carry the plan out (default: only show it).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--resume", is_flag=True, help="Continue an interrupted --execute from its journal.")
@click.option(
    "--journal", metavar="PATH", help="Journal path (default: FIRST_FILE.recovery-journal)."
)
@TIMEOUT_OPTION
@JSON_OPTION
def recover_cmd(
    files: tuple[str, ...],
    addresses: tuple[str, ...],
    ctls: tuple[str, ...],
    mode: str,
    committed_only: bool,
    already_kicked: bool,
    execute: bool,
    yes: bool,
    resume: bool,
    journal: str | None,
    timeout: float,
    as_json: bool,
) -> int:
    """Plan (and with --execute, carry out) the recovery of a damaged cluster.

    Minority lost (a majority of members usable): kick each broken member
    through a running one (give their --ctl), keep its file aside, write a
    fresh join-cluster file, then you start it. Majority lost: keep every old
    file aside, replay the best member's log into a standalone database, create
    a new cluster from it (row UUIDs kept, new cluster id) with join files for
    the others, then you start them and reset the clients (listed).

    Every step is journalled (next to the files) and idempotent: an interrupted
    run continues with --resume to the same end state.

    \b
    Examples:
      ovsdb-backup cluster recover s1.db s2.db s3.db              # show the plan
      ovsdb-backup cluster recover s1.db s2.db s3.db --ctl /run/ovn/s1.ctl \\
          --ctl /run/ovn/s3.ctl --execute
      ovsdb-backup cluster recover n1.db n2.db n3.db --address tcp:10.0.0.1:6643 \\
          --address tcp:10.0.0.2:6643 --address tcp:10.0.0.3:6643 --execute --yes
      ovsdb-backup cluster recover /var/lib/ovn/ovnnb_db.db --mode minority \
          --ctl /run/ovn/other-member.ctl --execute      # on the broken member's node
      ovsdb-backup cluster recover s1.db s2.db s3.db --execute --resume
    """
    from ..cluster import recover
    from ..cluster.execute import Live
    from ..cluster.execute import execute as run
    from ..cluster.plan import journal_path

    if resume:
        jpath = journal or journal_path(files)
        jr = recover.resume(jpath)
        plan = jr.state.plan
        if not execute:
            _show_plan(plan, as_json, title=f"Plan in {jpath}:")
            return ExitCode.OK
    else:
        options = recover.fresh_options(
            files, addresses=addresses, mode=mode, committed_only=committed_only, journal=journal
        )
        planned = recover.plan_recovery(list(files), options)
        if planned.plan is None:
            from ..errors import UsageError

            raise UsageError(planned.plan_error or "no plan")
        plan = planned.plan
        if not execute:
            _show_plan(plan, as_json, title="Plan:", diagnosis=planned.diagnosis)
            return ExitCode.OK if plan.kind == "none" else ExitCode.FINDINGS
        if not plan.executable:
            _show_plan(plan, as_json, title="Nothing to execute:")
            return ExitCode.OK if plan.kind == "none" else ExitCode.FINDINGS
        if any(s.action == "kick" for s in plan.steps) and not ctls and not already_kicked:
            from ..errors import UsageError

            raise UsageError(
                "this plan kicks members through the running ones: give their --ctl SOCKET "
                "(or --already-kicked if you removed them by hand)"
            )
        if not as_json:
            print_plan(plan, title="Plan:")
        _confirm(plan, yes)
        jr = recover.start(plan)
    if jr.state.complete and not as_json:
        output.info(f"{jr.path}: this recovery is already complete")
    live = Live(tuple(ctls), timeout, already_kicked=already_kicked)
    result = run(jr, live=live, on_step=None if as_json else _print_outcome)
    if as_json:
        output.emit_json({"plan": plan.to_json(), "execution": result.to_json()})
    else:
        output.info(f"done; journal: {jr.path}")
    return ExitCode.OK


def _show_plan(plan: Any, as_json: bool, *, title: str, diagnosis: Any = None) -> None:
    if as_json:
        data = {"plan": plan.to_json()}
        if diagnosis is not None:
            data["diagnosis"] = diagnosis.to_json()
        output.emit_json(data)
        return
    if diagnosis is not None:
        print_diagnosis(diagnosis)
    print_plan(plan, title=title)
    if plan.executable:
        output.info("Run again with --execute to carry it out.")


def _print_outcome(outcome: Any) -> None:
    mark = {"done": "done", "already-done": "already done", "manual": "TO DO BY HAND"}
    output.info(f"[{outcome.step.id}] {mark[outcome.status]}: {outcome.detail}")


def _confirm(plan: Any, yes: bool) -> None:
    import sys

    from ..errors import RefusedError

    if yes:
        return
    if not sys.stdin.isatty():
        raise RefusedError(
            "refusing to change files without confirmation", hint="add --yes to confirm"
        )
    answer = click.prompt(f"Type the database name ({plan.db}) to carry out this plan")
    if answer.strip() != plan.db:
        raise RefusedError("not confirmed; nothing was changed")


@cluster.command("kick")
@click.argument("server")
@CTL_OPTION
@DB_OPTION
@click.option("--force", is_flag=True, help="Kick even if the cluster would lose its quorum.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@TIMEOUT_OPTION
@JSON_OPTION
def kick_cmd(
    server: str,
    ctls: tuple[str, ...],
    db: str | None,
    force: bool,
    yes: bool,
    timeout: float,
    as_json: bool,
) -> int:
    """Remove SERVER (server id or prefix, Raft address, nickname) from the cluster.

    Reads every given member's status first and refuses when the cluster would
    not keep a quorum afterwards (the removal itself needs a majority of the new
    configuration), or when there is no leader to carry the removal out. Then
    sends "cluster/kick" to the leader and waits until the server is gone.
    Give the control sockets of all members you can reach.

    \b
    Examples:
      ovsdb-backup cluster kick e631 --ctl /var/run/ovn/ovnnb_db.ctl
      ovsdb-backup cluster kick tcp:10.0.0.3:6643 --ctl n1.ctl --ctl n2.ctl --yes
    """
    from ..cluster.kick import kick

    if not ctls:
        from ..errors import UsageError

        raise UsageError("give --ctl SOCKET for the members that run")
    if not yes:
        import sys

        from ..errors import RefusedError

        if not sys.stdin.isatty():
            raise RefusedError("refusing to kick without confirmation", hint="add --yes")
        click.confirm(f"Remove {server} from the cluster?", abort=True)
    result = asyncio.run(kick(ctls, db, server, force=force, timeout=timeout))
    if as_json:
        output.emit_json(result.to_json())
    else:
        d = result.decision
        target = d.target.label if d.target else server
        output.info(f"kicked {target}: {result.reply} ({d.reason})")
        if not result.removed:
            output.warn("the server is still listed; check 'ovsdb-backup cluster status'")
    return ExitCode.OK if result.removed else ExitCode.FINDINGS
