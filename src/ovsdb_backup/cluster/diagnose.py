"""Pure rules over the member files of one cluster: what is wrong, what is committed,
what each recovery choice would lose, and the verdict.

Input: the frozen :class:`~.files.MemberFile` values (:mod:`.files` did the I/O).

**Condition of each file** — what ovsdb-server would do with it:

=============  ==============================================================
clean          starts normally
torn-tail      the last record is incomplete (power loss); the server drops it
               and starts — nothing acknowledged is lost (Raft syncs first)
tail-damage    a damaged record with nothing intact after it: same as torn
damaged        damage followed by intact records: the server starts but cuts
               those records off at its next write (committed data lost here)
refused        a Raft rule violation (e.g. "record N advances commit index to
               X but last log index is Y"): the server exits at start-up
left           the server left the cluster: it cannot be started again
unreadable     not a clustered file, or its header is damaged
missing        the file does not exist
joining        a join-cluster file that never joined (holds no data)
=============  ==============================================================

**Committed entries.** An entry is known to be committed when a member's
``commit_index`` record covers it, or when it is present (same index, term and
eid) on a majority of the configuration — ovsdb-server writes commit records
lazily, after replying to the client, so the followers' files (and even the
leader's) may lack the record of the last entries the cluster committed. By
Log Matching, everything before a committed entry is committed too.

**Choices.** For each member with a readable log: the entries it would keep
(its whole log as far as it replays cleanly — what Raft would commit if this
member were elected), the committed entries it lacks (lost), its entries not
known to be committed (kept anyway), and other members' uncommitted entries
that would be discarded. The best choice loses the fewest committed entries,
then has the most up-to-date log in Raft's sense (last term, then last index).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..formats.raft_members import Member, cluster_findings
from ..results import Finding, Severity
from .files import MemberFile

RESTARTABLE = ("clean", "torn-tail", "tail-damage")
_IDENTITY_KINDS = ("cluster-id-mismatch", "name-mismatch", "duplicate-server-id")
_RULE_KINDS = {
    "advances-commit-index",
    "truncate-below-commit",
    "index-gap",
    "term-regression",
    "commit-index-regression",
    "double-vote",
    "vote-older-term",
    "conflicting-leader",
    "leader-truncation",
    "bad-record",
}


@dataclass(frozen=True)
class LogEntryRef:
    """An entry a choice would lose, keep or discard, with what it did."""

    index: int
    term: int
    eid: str | None
    holders: tuple[str, ...]
    comment: str | None = None
    date_ms: int | None = None
    tables: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "term": self.term,
            "eid": self.eid,
            "holders": list(self.holders),
            "comment": self.comment,
            "date_ms": self.date_ms,
            "tables": list(self.tables),
        }

    def describe(self) -> str:
        what = f'"{self.comment}"' if self.comment else ("no-op" if self.eid is None else "")
        tables = f" ({', '.join(self.tables)})" if self.tables else ""
        return f"entry {self.index} term {self.term}: {what}{tables} — on {', '.join(self.holders)}"


@dataclass(frozen=True)
class MemberDiagnosis:
    path: str
    condition: str
    explanation: str
    sid: str | None
    address: str | None
    in_config: bool
    problems: tuple[Finding, ...]
    file: MemberFile = field(repr=False, compare=False)

    @property
    def restartable(self) -> bool:
        return self.condition in RESTARTABLE

    def to_json(self) -> dict[str, Any]:
        f = self.file
        data: dict[str, Any] = {
            "path": self.path,
            "condition": self.condition,
            "explanation": self.explanation,
            "server_id": self.sid,
            "cluster_id": f.cid,
            "name": f.name,
            "address": self.address,
            "in_configuration": self.in_config,
            "problems": [p.to_json() for p in self.problems],
        }
        if f.has_log:
            data.update(
                term=f.term,
                vote=f.vote,
                snapshot_index=f.snapshot_index,
                log_start=f.log_start,
                log_end=f.log_end,
                commit_index=f.commit_index,
                clean_through=f.clean_through,
                servers=dict(f.servers),
                left=f.left,
            )
        elif f.joining:
            data["remote_addresses"] = list(f.remotes)
        return data


@dataclass(frozen=True)
class Choice:
    """Recovering the cluster from one member's file."""

    path: str
    keep_through: int  # last index kept (whole clean log)
    committed_through: int  # last index kept with --committed-only
    last_term: int
    lost: tuple[LogEntryRef, ...]  # committed entries this member lacks
    kept_unproven: tuple[LogEntryRef, ...]
    discarded: tuple[LogEntryRef, ...]  # others' uncommitted entries dropped
    past_damage: tuple[LogEntryRef, ...] = ()  # seen after damage elsewhere, not kept

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "keep_through": self.keep_through,
            "committed_through": self.committed_through,
            "last_term": self.last_term,
            "lost_committed": [e.to_json() for e in self.lost],
            "kept_not_known_committed": [e.to_json() for e in self.kept_unproven],
            "discarded_uncommitted": [e.to_json() for e in self.discarded],
            "past_damage_not_kept": [e.to_json() for e in self.past_damage],
        }


@dataclass(frozen=True)
class Diagnosis:
    name: str | None
    cid: str | None
    verdict: str  # healthy | restartable | minority-lost | majority-lost | inconsistent | no-data
    summary: str
    members: tuple[MemberDiagnosis, ...]
    cluster: tuple[Finding, ...]
    configuration: tuple[tuple[str, str], ...]  # (sid, address), latest known
    absent: tuple[tuple[str, str], ...]  # configured members no file was given for
    committed_index: int
    committed_evidence: str
    choices: tuple[Choice, ...]  # best first

    @property
    def majority(self) -> int:
        return len(self.configuration) // 2 + 1

    @property
    def best(self) -> Choice | None:
        return self.choices[0] if self.choices else None

    def member(self, path: str) -> MemberDiagnosis:
        return next(m for m in self.members if m.path == path)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "cluster_id": self.cid,
            "verdict": self.verdict,
            "summary": self.summary,
            "members": [m.to_json() for m in self.members],
            "cluster_problems": [f.to_json() for f in self.cluster],
            "configuration": dict(self.configuration),
            "majority": self.majority,
            "absent_members": dict(self.absent),
            "committed_index": self.committed_index,
            "committed_evidence": self.committed_evidence,
            "best_choice": self.best.path if self.best else None,
            "choices": [c.to_json() for c in self.choices],
        }


# -- conditions --------------------------------------------------------------------------


def condition_of(f: MemberFile) -> tuple[str, str]:
    """(condition, explanation) of one file, from what ovsdb-server would do with it."""
    if not f.exists:
        return "missing", "the file does not exist"
    if f.unreadable is not None:
        return "unreadable", f"ovsdb-server cannot open it: {f.unreadable}"
    if f.joining:
        return "joining", "a join-cluster file that has not joined yet; it holds no data"
    if f.left:
        return "left", "the server left the cluster; ovsdb-server refuses to start on it"
    stop = f.stopped
    if stop is None:
        return "clean", "ovsdb-server starts normally"
    where = f"record {stop.record}, offset {stop.offset}"
    if stop.kind == "torn-tail":
        return "torn-tail", (
            f"the last record is incomplete ({where}); ovsdb-server drops it and starts, "
            "and nothing it acknowledged is lost (it syncs before acknowledging)"
        )
    if stop.kind in _RULE_KINDS:
        return "refused", f"ovsdb-server refuses to start: {stop.message} ({where})"
    if stop.kind == "bad-transaction":
        return "damaged", f"an entry cannot be applied: {stop.message} ({where})"
    if f.intact_after_damage == 0:
        return "tail-damage", (
            f"damaged record at the end of the file ({where}) with nothing intact after it; "
            "ovsdb-server treats it like a torn write"
        )
    return "damaged", (
        f"damaged record ({where}) followed by {f.intact_after_damage} intact record(s); "
        "ovsdb-server would start but cut them off at its next write, losing what they hold"
    )


def _problems(f: MemberFile) -> tuple[Finding, ...]:
    found = list(f.damage)
    if f.stopped is not None and all(
        (d.record, d.kind) != (f.stopped.record, f.stopped.kind) for d in found
    ):
        found.insert(0, f.stopped)
    if f.unreadable is not None:
        found.append(Finding("unreadable", Severity.ERROR, f.unreadable, f.path))
    return tuple(found) + f.notes


# -- committed entries ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Committed:
    index: int
    evidence: str
    reference: dict[int, tuple[int, str | None, bool]]  # index -> identity


def _committed(members: Sequence[MemberFile], majority: int) -> _Committed:
    """The highest index known to be committed, and the committed entries' identities."""
    index, holder, evidence = 0, None, "no commit record in any file"
    for m in members:
        c = min(m.commit_index, m.last_index)
        if c > index or (c == index and holder is None and c > 0):
            index, holder, evidence = c, m, f"commit record in {m.path}"
    groups: dict[int, dict[tuple[int, str | None, bool], dict[str | None, MemberFile]]] = {}
    for m in members:
        for e in m.entries:
            # Keyed by server id: two copies of one member's file are one member.
            groups.setdefault(e.index, {}).setdefault(e.identity, {}).setdefault(m.sid, m)
    for i in sorted(groups, reverse=True):
        if i <= index:
            break
        found = [list(ms.values()) for ms in groups[i].values() if len(ms) >= majority]
        if found:
            index, holder = i, found[0][0]
            paths = ", ".join(x.path for x in found[0])
            evidence = f"entry {i} is on {len(found[0])} members ({paths}), a majority"
            break
    reference: dict[int, tuple[int, str | None, bool]] = {}
    if holder is not None:
        for e in holder.entries:
            if e.index <= index:
                reference[e.index] = e.identity
    # Entries below the holder's snapshot: take them from files that saw them committed.
    for m in members:
        for e in m.entries:
            if e.index <= min(m.commit_index, index):
                reference.setdefault(e.index, e.identity)
    return _Committed(index, evidence, reference)


def _ref(
    index: int, identity: tuple[int, str | None, bool], members: Sequence[MemberFile]
) -> LogEntryRef:
    holders = tuple(m.path for m in members if (e := m.entry(index)) and e.identity == identity)
    note = next(
        (m.entry_notes[index] for m in members if m.path in holders and index in m.entry_notes),
        None,
    )
    return LogEntryRef(
        index,
        identity[0],
        identity[1],
        holders,
        note.comment if note else None,
        note.date_ms if note else None,
        note.tables if note else (),
    )


def _matches(m: MemberFile, index: int, committed: _Committed) -> bool:
    if index < m.log_start:
        return True  # in m's snapshot, which holds committed entries only
    e = m.entry(index)
    if e is None or index > m.clean_through:
        return False
    ref = committed.reference.get(index)
    if ref is not None:
        return e.identity == ref
    return index <= m.commit_index  # unverifiable unless m itself saw it committed


def _choice(m: MemberFile, members: Sequence[MemberFile], committed: _Committed) -> Choice:
    lost = []
    first_mismatch = None
    for i in range(max(m.log_start, 1), committed.index + 1):
        if not _matches(m, i, committed):
            first_mismatch = first_mismatch or i
            ref = committed.reference.get(i)
            if ref is not None:
                lost.append(_ref(i, ref, members))
            else:
                lost.append(LogEntryRef(i, 0, None, (), "cannot be verified"))
    keep = m.clean_through
    committed_through = min(keep, committed.index)
    if first_mismatch is not None:
        committed_through = min(committed_through, first_mismatch - 1)
    kept_unproven = [
        _ref(e.index, e.identity, members) for e in m.entries if committed.index < e.index <= keep
    ]
    discarded: dict[tuple[int, tuple[int, str | None, bool]], LogEntryRef] = {}
    for other in members:
        if other is m:
            continue
        for e in other.entries:
            if e.index <= committed.index:
                continue
            mine = m.entry(e.index)
            if e.index <= keep and mine is not None and mine.identity == e.identity:
                continue
            key = (e.index, e.identity)
            if key not in discarded:
                discarded[key] = _ref(e.index, e.identity, members)
    last = m.entry(keep)
    return Choice(
        m.path,
        keep,
        committed_through,
        last.term if last else m.snapshot_term,
        tuple(lost),
        tuple(kept_unproven),
        tuple(sorted(discarded.values(), key=lambda r: (r.index, r.term))),
        _past_damage(m, keep, members),
    )


def _past_damage(
    m: MemberFile, keep: int, members: Sequence[MemberFile]
) -> tuple[LogEntryRef, ...]:
    """Entries read beyond other files' damage that recovering from ``m`` would not keep."""
    kept = {e.eid for e in m.entries if e.eid and e.index <= keep}
    out: dict[tuple[int, int, str | None], LogEntryRef] = {}
    for other in members:
        for fact, note in other.past_damage:
            if not fact.has_data or fact.eid in kept or fact.index <= m.snapshot_index:
                continue
            key = (fact.index, fact.term, fact.eid)
            if key in out:
                continue
            out[key] = LogEntryRef(
                fact.index,
                fact.term,
                fact.eid,
                (f"{other.path} (record {fact.record}, after the damage)",),
                note.comment if note else None,
                note.date_ms if note else None,
                note.tables if note else (),
            )
    return tuple(sorted(out.values(), key=lambda r: (r.index, r.term)))


def _rank(c: Choice, conditions: dict[str, str], order: dict[str, int]) -> tuple[Any, ...]:
    restartable = conditions[c.path] in RESTARTABLE
    return (len(c.lost), -c.last_term, -c.keep_through, not restartable, order[c.path])


# -- the whole diagnosis -------------------------------------------------------------------


def _member(
    f: MemberFile,
    condition: tuple[str, str],
    config: Sequence[tuple[str, str]],
    inferred: tuple[str, str] | None,
) -> MemberDiagnosis:
    sid, address, explanation = f.sid, f.address, condition[1]
    if inferred is not None:
        sid, address = inferred
        explanation += (
            f"; it was server {sid[:4]} ({address}), the only configured server without a file"
        )
    in_config = any(s == sid for s, _ in config)
    return MemberDiagnosis(
        f.path, condition[0], explanation, sid, address, in_config, _problems(f), f
    )


def _configuration(data: Sequence[MemberFile]) -> tuple[tuple[str, str], ...]:
    """The latest configuration of the most up-to-date log."""
    if not data:
        return ()
    newest = max(data, key=lambda m: (m.last_term, m.last_index))
    return newest.servers


def diagnose(files: Sequence[MemberFile]) -> Diagnosis:
    """Everything about the member files of one cluster, decided without I/O."""
    conditions = {f.path: condition_of(f) for f in files}
    data = [f for f in files if f.has_log]
    logs = [Member(f.path, f.log) for f in data if f.log is not None]
    cluster = tuple(cluster_findings(logs)) if len(logs) > 1 else ()
    config = _configuration(data)
    given = {f.sid for f in files if f.sid}
    absent = tuple((sid, addr) for sid, addr in config if sid not in given)
    anonymous = [f for f in files if f.sid is None]
    # One file without an identity (missing, unreadable) and one configured server without
    # a file: that file was that server's.
    inferred = {anonymous[0].path: absent[0]} if len(anonymous) == 1 == len(absent) else {}
    if inferred:
        absent = ()
    members = tuple(_member(f, conditions[f.path], config, inferred.get(f.path)) for f in files)
    name = next((f.name for f in data), next((f.name for f in files if f.name), None))
    cid = next((f.cid for f in data if f.cid), None)
    if any(f.kind in _IDENTITY_KINDS for f in cluster):
        return Diagnosis(
            name,
            cid,
            "inconsistent",
            "the files belong to different clusters or databases, or one member's file is "
            "given twice; give each member's file of one cluster once",
            members,
            cluster,
            config,
            absent,
            0,
            "",
            (),
        )
    if not data:
        return Diagnosis(
            name,
            cid,
            "no-data",
            "no file holds a readable Raft log",
            members,
            cluster,
            config,
            absent,
            0,
            "",
            (),
        )
    committed = _committed(data, len(config) // 2 + 1)
    order = {f.path: i for i, f in enumerate(files)}
    plain = {p: c for p, (c, _) in conditions.items()}
    choices = sorted(
        (_choice(f, data, committed) for f in data), key=lambda c: _rank(c, plain, order)
    )
    verdict, summary = _verdict(members, config, absent, choices)
    return Diagnosis(
        name,
        cid,
        verdict,
        summary,
        members,
        cluster,
        config,
        absent,
        committed.index,
        committed.evidence,
        tuple(choices),
    )


def _verdict(
    members: Sequence[MemberDiagnosis],
    config: Sequence[tuple[str, str]],
    absent: Sequence[tuple[str, str]],
    choices: Sequence[Choice],
) -> tuple[str, str]:
    size = len(config)
    majority = size // 2 + 1
    configured = [m for m in members if m.in_config]
    healthy = [m for m in configured if m.restartable]
    broken = [m for m in members if not m.restartable and m.condition != "joining"]
    best = choices[0] if choices else None
    note = f" ({len(absent)} configured member(s) without a file here are counted as lost)"
    note = note if absent else ""
    if not broken and not absent:
        torn = [m for m in healthy if m.condition != "clean"]
        if torn:
            return "restartable", (
                f"all {size} members can restart: ovsdb-server drops the incomplete last "
                f"record of {', '.join(m.path for m in torn)}. Should the cluster not form, "
                f"recover from {best.path if best else '?'} (--mode majority)"
            )
        return "healthy", f"all {size} member files are clean"
    if len(healthy) >= majority:
        names = ", ".join(f"{m.path} ({m.condition})" for m in broken)
        return "minority-lost", (
            f"{len(healthy)} of {size} members are usable, a majority: replace {names} "
            f"(kick, move the file aside, rejoin){note}"
        )
    n_lost = len(best.lost) if best else 0
    lost = f", losing {n_lost} committed entr{'y' if n_lost == 1 else 'ies'}"
    return "majority-lost", (
        f"only {len(healthy)} of {size} members are usable (a majority is {majority}){note}: "
        f"rebuild a new cluster from {best.path if best else '?'}"
        + (lost if n_lost else ", losing no committed entry")
    )
