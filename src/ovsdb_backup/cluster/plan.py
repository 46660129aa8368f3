"""Recovery plans as data: built by pure functions from a :class:`~.diagnose.Diagnosis`.

A plan is a list of :class:`Step` values, each with an ``action`` the executor
(:mod:`.execute`) knows how to perform idempotently, or ``manual`` for what an
operator must do (start a server, reset clients). Everything a step needs —
paths, addresses, and the new cluster and server IDs — is decided here, so a
plan printed today and executed (or resumed) tomorrow does the same thing.

Minority lost (a majority of members is usable; the cluster still runs):
``check-stopped`` (the broken member's server is not running) → ``kick`` (via a
live member's control socket) → ``move-aside`` → ``join-file`` (fresh server
ID, same address) → start it (manual): it joins and fetches the data from the
leader.

Majority lost (the cluster cannot run): ``check-stopped`` (every file) →
``move-aside`` (every old file is kept) → ``to-standalone`` (the best member's
log, committed entries plus — unless ``--committed-only`` — the entries after
its last commit record, which Raft would commit if this member were elected) →
``create-cluster`` (UUIDs kept, new cluster ID) → ``join-file`` for every other
member → start them (manual) → reset the clients, which remember the old
cluster's Raft index (manual).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from ..ops.cluster_files import validate_raft_address
from .diagnose import Choice, Diagnosis, LogEntryRef, MemberDiagnosis

MODES = ("auto", "minority", "majority")


@dataclass(frozen=True)
class Step:
    """One step. ``args`` is JSON data; ``manual`` steps are instructions only."""

    id: str
    action: str
    summary: str
    args: dict[str, Any] = field(default_factory=dict)
    manual: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "action": self.action,
            "summary": self.summary,
            "args": self.args,
            "manual": self.manual,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Step:
        return cls(data["id"], data["action"], data["summary"], dict(data["args"]), data["manual"])


@dataclass(frozen=True)
class Plan:
    kind: str  # none | minority | majority | refused
    db: str | None
    reason: str
    steps: tuple[Step, ...] = ()
    source: str | None = None  # majority: the member file recovered from
    cluster_id: str | None = None  # majority: the new cluster's id
    lost: tuple[LogEntryRef, ...] = ()  # committed entries that cannot be recovered
    kept_unproven: tuple[LogEntryRef, ...] = ()
    discarded: tuple[LogEntryRef, ...] = ()
    unreadable: tuple[str, ...] = ()  # data nobody could read (damaged parts, missing files)
    client_resets: tuple[str, ...] = ()
    journal: str | None = None
    past_damage: tuple[LogEntryRef, ...] = ()  # seen after damage; the new cluster lacks them

    @property
    def executable(self) -> bool:
        return self.kind in ("minority", "majority") and any(not s.manual for s in self.steps)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "db": self.db,
            "reason": self.reason,
            "source": self.source,
            "cluster_id": self.cluster_id,
            "journal": self.journal,
            "steps": [s.to_json() for s in self.steps],
            "lost_committed": [e.to_json() for e in self.lost],
            "kept_not_known_committed": [e.to_json() for e in self.kept_unproven],
            "discarded_uncommitted": [e.to_json() for e in self.discarded],
            "past_damage_not_recovered": [e.to_json() for e in self.past_damage],
            "unreadable": list(self.unreadable),
            "client_resets": list(self.client_resets),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        def refs(key: str) -> tuple[LogEntryRef, ...]:
            return tuple(
                LogEntryRef(
                    e["index"],
                    e["term"],
                    e["eid"],
                    tuple(e["holders"]),
                    e["comment"],
                    e["date_ms"],
                    tuple(e["tables"]),
                )
                for e in data.get(key, [])
            )

        return cls(
            data["kind"],
            data["db"],
            data["reason"],
            tuple(Step.from_json(s) for s in data["steps"]),
            data.get("source"),
            data.get("cluster_id"),
            refs("lost_committed"),
            refs("kept_not_known_committed"),
            refs("discarded_uncommitted"),
            tuple(data.get("unreadable", [])),
            tuple(data.get("client_resets", [])),
            data.get("journal"),
            refs("past_damage_not_recovered"),
        )


@dataclass(frozen=True)
class RecoveryOptions:
    """Choices the operator makes, plus the ids and time stamp the plan will use.

    ``new_ids`` must be fresh random UUIDs (one per file, plus one for the cluster):
    they are inputs so that building a plan stays a pure function.
    """

    paths: tuple[str, ...]
    addresses: tuple[str, ...] = ()  # one per path; empty: each file's own address
    mode: str = "auto"
    committed_only: bool = False
    new_ids: tuple[str, ...] = ()
    stamp: str = "recovery"
    journal: str | None = None


def journal_path(paths: Sequence[str]) -> str:
    """Next to the outputs, named after the first member file (stable across a resume)."""
    return f"{os.path.abspath(paths[0])}.recovery-journal"


def _addresses(diagnosis: Diagnosis, options: RecoveryOptions) -> list[str | None]:
    if options.addresses:
        if len(options.addresses) != len(options.paths):
            raise UsageError(
                f"give one --address per FILE ({len(options.paths)} files, "
                f"{len(options.addresses)} addresses), in the same order"
            )
        return [validate_raft_address(a) for a in options.addresses]
    return [diagnosis.member(p).address for p in options.paths]


def _aside(path: str, stamp: str) -> str:
    return f"{path}.pre-recovery-{stamp}"


def _check_stopped(members: Sequence[MemberDiagnosis], *, everything: bool) -> Step:
    paths = [m.path for m in members if m.file.exists]
    how = (
        "stop every member first (Kubernetes: scale the deployment or statefulset to 0; "
        "systemd: stop the ovsdb-server units)"
        if everything
        else "stop only this member's server (its pod or unit); the others keep running"
    )
    return Step(
        "check-stopped",
        "check-stopped",
        f"check that no ovsdb-server holds {', '.join(paths)} — {how}",
        {"paths": paths},
    )


def build_plan(diagnosis: Diagnosis, options: RecoveryOptions) -> Plan:
    """The recovery plan for a diagnosis (pure: every id and name comes from ``options``)."""
    kind = _kind(diagnosis, options.mode)
    name = diagnosis.name
    journal = options.journal or journal_path(options.paths)
    if kind == "refused":
        reason = f"cannot plan a recovery: {diagnosis.summary}"
        if diagnosis.absent:
            reason += (
                ". No file was given for "
                + ", ".join(f"{sid[:4]} ({addr})" for sid, addr in diagnosis.absent)
                + ": if those members still run, use --mode minority (with --ctl of the "
                "running ones); if they are lost, --mode majority"
            )
        return Plan("refused", name, reason, journal=journal)
    if kind == "none":
        return Plan(
            "none",
            name,
            diagnosis.summary,
            (
                Step(
                    "start",
                    "manual",
                    "start (or restart) ovsdb-server on every member file; nothing needs "
                    "rebuilding",
                    manual=True,
                ),
            ),
            journal=journal,
        )
    addresses = _addresses(diagnosis, options)
    if kind == "minority":
        return _minority(diagnosis, options, addresses, journal)
    return _majority(diagnosis, options, addresses, journal)


def _kind(d: Diagnosis, mode: str) -> str:
    if mode not in MODES:
        raise UsageError(f"--mode must be one of {', '.join(MODES)}")
    if d.verdict in ("inconsistent", "no-data"):
        return "refused"
    if mode == "majority":
        return "majority"
    # Given files that cannot serve, identified or not (a missing file has no server id).
    broken = [m for m in d.members if not m.restartable and m.condition != "joining"]
    anonymous = sum(1 for m in d.members if m.sid is None)
    unaccounted = len(d.absent) > anonymous  # configured members no given file stands for
    if mode == "minority":
        # Members whose files were not given are taken to be running: the kick step checks
        # the live quorum before anything changes.
        if len(d.configuration) - len(broken) < d.majority:
            raise UsageError(
                "a minority recovery needs a majority of usable members; "
                f"the diagnosis says: {d.summary}"
            )
        return "minority" if broken else "none"
    if d.verdict == "majority-lost" and unaccounted:
        # Rebuilding a new cluster while members we did not see may still run would split
        # the cluster in two: the operator must say which it is.
        return "refused"
    return {"minority-lost": "minority", "majority-lost": "majority"}.get(d.verdict, "none")


def _ids(options: RecoveryOptions, needed: int) -> list[str]:
    if len(options.new_ids) < needed:
        raise ValueError(f"build_plan needs {needed} fresh ids, got {len(options.new_ids)}")
    return list(options.new_ids)


def _minority(
    d: Diagnosis, options: RecoveryOptions, addresses: list[str | None], journal: str
) -> Plan:
    ids = _ids(options, len(options.paths))
    broken = [m for m in d.members if not m.restartable and m.condition != "joining"]
    usable_addresses = [
        addresses[i]
        for i, p in enumerate(options.paths)
        if d.member(p).restartable and d.member(p).in_config
    ]
    remotes = [a for a in usable_addresses if a] or [a for _, a in d.configuration]
    steps = [_check_stopped(broken, everything=False)]
    for m in broken:
        i = options.paths.index(m.path)
        address = addresses[i] or _configured_address(d, m)
        if address is None:
            raise UsageError(f"{m.path}: its Raft address is unknown; give --address for it")
        if m.sid is not None and m.in_config:
            steps.append(
                Step(
                    f"kick-{i + 1}",
                    "kick",
                    f"remove server {m.sid[:4]} ({m.address}) from the cluster through a "
                    f"running member: ovs-appctl -t <ctl> cluster/kick {d.name} {m.sid}",
                    {
                        "db": d.name,
                        "server_id": m.sid,
                        "address": m.address,
                        "cluster_id": d.cid,
                    },
                )
            )
        steps += _replace_file_steps(d, m.path, i, address, remotes, ids[i], options.stamp)
        steps.append(
            Step(
                f"start-{i + 1}",
                "manual",
                f"start ovsdb-server on {m.path} (e.g. delete the ovn-central pod on that node, "
                "or systemctl start its unit); it joins the cluster and copies the data from "
                "the leader. Check with: ovsdb-backup cluster status --ctl …",
                {"path": m.path},
                manual=True,
            )
        )
    names = ", ".join(f"{m.path} ({m.condition})" for m in broken)
    return Plan(
        "minority",
        d.name,
        f"replace {names}; the others keep running",
        tuple(steps),
        unreadable=_unreadable(d),
        journal=journal,
    )


def _configured_address(d: Diagnosis, m: MemberDiagnosis) -> str | None:
    for sid, address in d.configuration:
        if sid == m.sid:
            return address
    return m.address


def _replace_file_steps(
    d: Diagnosis,
    path: str,
    i: int,
    address: str,
    remotes: list[str],
    sid: str,
    stamp: str,
    cluster_id: str | None = None,
) -> list[Step]:
    steps = []
    member = d.member(path)
    if member.file.exists:
        steps.append(_move_aside(path, i, stamp))
    others = [r for r in remotes if r != address]
    if not others:
        raise UsageError(f"{path}: no other member address to join through")
    steps.append(_join_step(d, path, i, address, others, cluster_id or d.cid, sid))
    return steps


def _move_aside(path: str, i: int, stamp: str) -> Step:
    return Step(
        f"aside-{i + 1}",
        "move-aside",
        f"keep the old file: rename {path} to {_aside(path, stamp)}",
        {"path": path, "aside": _aside(path, stamp)},
    )


def _new_addresses(paths: Sequence[str], addresses: list[str | None]) -> list[str]:
    missing = [p for p, a in zip(paths, addresses, strict=True) if a is None]
    if missing:
        raise UsageError(f"the Raft address of {', '.join(missing)} is unknown; give --address")
    addrs = [a for a in addresses if a is not None]
    if len(set(addrs)) != len(addrs):
        raise UsageError("the new members need distinct addresses")
    return addrs


def _majority(
    d: Diagnosis, options: RecoveryOptions, addresses: list[str | None], journal: str
) -> Plan:
    ids = _ids(options, len(options.paths) + 1)
    best = d.best
    if best is None:
        return Plan("refused", d.name, "no member file holds a readable log", journal=journal)
    addrs = _new_addresses(options.paths, addresses)
    cid, first = ids[-1], options.paths.index(best.path)
    through = best.committed_through if options.committed_only else best.keep_through
    standalone = f"{best.path}.standalone-{options.stamp}"
    steps = [_check_stopped(list(d.members), everything=True)]
    steps += [
        _move_aside(p, i, options.stamp)
        for i, p in enumerate(options.paths)
        if d.member(p).file.exists
    ]
    source = _aside(best.path, options.stamp)
    steps.append(_to_standalone(best, source, standalone, through, options.committed_only))
    steps.append(_create_step(d, best.path, standalone, addrs[first], cid, ids[first]))
    for i, path in enumerate(options.paths):
        if i != first:
            others = [a for j, a in enumerate(addrs) if j != i]
            steps.append(_join_step(d, path, i, addrs[i], others, cid, ids[i]))
    rest = ", ".join(p for i, p in enumerate(options.paths) if i != first)
    steps.append(
        Step(
            "start",
            "manual",
            f"start ovsdb-server on {best.path} first, then on {rest} (they join it); "
            "check with: ovsdb-backup cluster status --ctl …",
            manual=True,
        )
    )
    resets = client_resets(d.name)
    steps.append(Step("reset-clients", "manual", "; ".join(resets), manual=True))
    return Plan(
        "majority",
        d.name,
        f"rebuild a new cluster from {best.path} ({_through(best, through)})",
        tuple(steps),
        best.path,
        cid,
        best.lost,
        best.kept_unproven if not options.committed_only else (),
        _discarded(best, options.committed_only),
        _unreadable(d),
        tuple(resets),
        journal,
        best.past_damage,
    )


def _create_step(
    d: Diagnosis, path: str, standalone: str, address: str, cid: str, sid: str
) -> Step:
    return Step(
        "create-cluster",
        "create-cluster",
        f"create the first member of a new cluster {cid[:8]} at {path} (address {address}) "
        f"from {standalone}; row UUIDs are kept",
        {
            "source": standalone,
            "path": path,
            "address": address,
            "cluster_id": cid,
            "server_id": sid,
            "name": d.name,
            # Keep a changed election timer: the old cluster was tuned for its load.
            "election_timer_ms": _timer(d.member(path)),
        },
    )


def _join_step(
    d: Diagnosis, path: str, i: int, address: str, remotes: list[str], cid: str | None, sid: str
) -> Step:
    return Step(
        f"join-file-{i + 1}",
        "join-file",
        f"write a join-cluster file {path} (new server id {sid[:4]}, address {address}, "
        f"joining through {', '.join(remotes)})",
        {
            "path": path,
            "name": d.name,
            "address": address,
            "remotes": remotes,
            "cluster_id": cid,
            "server_id": sid,
        },
    )


def _timer(m: MemberDiagnosis) -> int | None:
    timer = m.file.election_timer_ms
    return timer if timer != 1000 else None


def _to_standalone(
    best: Choice, source: str, output: str, through: int, committed_only: bool
) -> Step:
    what = "entries known to be committed" if committed_only else "its whole readable log"
    return Step(
        "to-standalone",
        "to-standalone",
        f"replay {what} (through index {through}) from {source} into a standalone "
        f"database {output}",
        {
            "source": source,
            "output": output,
            "through": through,
            "committed_only": committed_only,
        },
    )


def _through(best: Choice, through: int) -> str:
    return f"log through index {through}, {len(best.lost)} committed entries lost"


def _discarded(best: Choice, committed_only: bool) -> tuple[LogEntryRef, ...]:
    if not committed_only:
        return best.discarded
    return tuple(sorted((*best.discarded, *best.kept_unproven), key=lambda e: e.index))


def _unreadable(d: Diagnosis) -> tuple[str, ...]:
    out = []
    for m in d.members:
        f = m.file
        if not f.exists:
            out.append(f"{m.path}: missing; whatever only this member held is unknown")
        elif f.unreadable is not None:
            out.append(f"{m.path}: unreadable ({f.unreadable}); its contents are unknown")
        elif f.intact_after_damage:
            out.append(
                f"{m.path}: the {f.intact_after_damage} intact record(s) after its damaged "
                f"record {f.stopped.record if f.stopped else '?'} are not part of any readable "
                "log; entries among them that the new cluster lacks are listed as past damage"
            )
    for sid, address in d.absent:
        out.append(f"server {sid[:4]} ({address}): no file given; its log is unknown")
    return tuple(out)


def client_resets(name: str | None) -> list[str]:
    """What clients need after a new cluster: they remember the old cluster's Raft index."""
    if name == "OVN_Southbound":
        return [
            "on every chassis: ovn-appctl -t ovn-controller sb-cluster-state-reset",
            "on every northd: ovn-appctl -t ovn-northd sb-cluster-state-reset",
            "restart other Southbound clients (ovn-controller-vtep, ovn-ic, Neutron's OVN "
            "metadata agent) — they hold the old index too",
        ]
    if name == "OVN_Northbound":
        return [
            "on every northd: ovn-appctl -t ovn-northd nb-cluster-state-reset",
            "restart other Northbound clients (neutron-server with ML2/OVN, ovnkube "
            "controllers, kube-ovn-controller, ovn-ic) — they hold the old index too",
        ]
    return ["restart every client of the database: clustered clients remember the old index"]
