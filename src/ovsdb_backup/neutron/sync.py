"""Apply the plan to a live NB: one transaction, UUIDs kept, only Neutron's rows touched.

The plan (:mod:`.plan`) says which rows are missing, extra or different. Here it becomes a
*target* database — the current NB with Neutron's rows replaced, inserted or deleted and
everything else left as it is — and the shared diff engine (:mod:`ovsdb_backup.model.diff`)
turns current → target into RFC 7047 operations: inserts that carry their UUID, updates
of the changed columns only (``mutate`` for large sets such as a port group's ports), and
deletes, each update and delete behind a ``wait`` that aborts the whole transaction if the
row changed since it was read. A synced NB gives an empty diff, and no transaction at all.

After the transaction the NB is read again and audited: drift that is still there (a
concurrent writer, or something OVSDB refused silently) is reported, not hidden.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, ServerError
from ..model.database import Database
from ..model.datum import ColumnCodec
from ..model.diff import DatabaseDiff, diff_databases, to_operations
from ..protocol import OvsdbClient, RolePolicy, TlsFiles, TransactionError
from . import live
from .audit import AuditResult, audit, recheck
from .plan import Plan
from .source import NeutronRows
from .translate import SyncConfig


class NbChangedError(ServerError):
    """A ``wait`` guard failed: the NB changed between our read and our transaction."""


@dataclass(frozen=True)
class SyncResult:
    before: AuditResult
    server: live.ChosenServer
    diff: DatabaseDiff
    operations: list[dict[str, Any]]
    applied: bool
    after: AuditResult | None = None  # the audit of the NB read again after the transaction

    @property
    def remaining(self) -> Plan | None:
        return None if self.after is None else self.after.plan


def _without_refs(codec: ColumnCodec, value: Any, gone: set[str]) -> Any:
    """``value`` without references to ``gone`` rows (a new object if anything changes)."""
    if isinstance(value, set):
        return value - gone if not gone.isdisjoint(value) else value
    if isinstance(value, dict):
        kept = {k: v for k, v in value.items() if k not in gone and v not in gone}
        return kept if len(kept) != len(value) else value
    if isinstance(value, str) and value in gone:
        return codec.default()
    return value


def build_target(current: Database, plan: Plan) -> Database:
    """The NB as it must be after the sync: ``current`` with ``plan`` applied.

    Rows are copied shallowly (values are replaced, never mutated), so ``current`` is
    left intact and untouched rows stay equal by identity, which keeps the diff cheap.
    """
    target = Database(current.schema, current.codecs)
    target.tables = {t: {u: dict(r) for u, r in rows.items()} for t, rows in current.tables.items()}
    for change in plan.inserts:
        assert change.new is not None
        target.tables[change.table][change.uuid] = dict(change.new)
    for change in plan.updates:
        assert change.new is not None
        row = target.tables[change.table][change.uuid]
        codecs = current.codecs.columns[change.table]
        for column, value in change.new.items():
            if codecs[column].is_default(value):
                row.pop(column, None)
            else:
                row[column] = value
    gone = {change.uuid for change in plan.deletes}
    for change in plan.deletes:
        del target.tables[change.table][change.uuid]
    if gone:
        # A deleted Neutron row may still be referenced by a row that is not Neutron's
        # (a Neutron port on a hand-made switch): drop the reference, or OVSDB refuses the
        # transaction (strong reference to a deleted row).
        for table, rows in target.tables.items():
            ref_columns = [
                (name, codec)
                for name, codec in current.codecs.columns[table].items()
                if codec.type.ref_bases()
            ]
            for row in rows.values():
                for column, codec in ref_columns:
                    if column in row:
                        value = _without_refs(codec, row[column], gone)
                        if value is not row[column]:
                            if codec.is_default(value):
                                del row[column]
                            else:
                                row[column] = value
    # As ovsdb-server does at commit: children nobody references are deleted.
    target.collect_garbage()
    return target


def operations(current: Database, plan: Plan) -> tuple[DatabaseDiff, list[dict[str, Any]]]:
    """The diff and the guarded operations that apply ``plan`` to ``current``."""
    if not plan:
        return DatabaseDiff(), []
    diff = diff_databases(current, build_target(current, plan))
    if diff.conflicts:
        raise InputError("cannot apply the plan in place: " + "; ".join(diff.conflicts[:5]))
    return diff, to_operations(current, diff, guard=True)


def _guard_failure(exc: TransactionError, ops: list[dict[str, Any]]) -> NbChangedError | None:
    if not 0 <= exc.op_index < len(ops) or ops[exc.op_index].get("op") != "wait":
        return None
    op = ops[exc.op_index]
    uuid = op["where"][0][2][1]
    return NbChangedError(
        f"the NB changed while the sync ran ({op['table']} row {uuid} is no longer what was "
        "read); nothing was applied",
        remote=exc.remote,
        hint="is neutron-server (or another client) still writing? stop it and run sync again",
    )


async def _sync(
    audit_nb: Callable[[Database], AuditResult],
    remotes: str,
    *,
    dry_run: bool,
    tls: TlsFiles | None,
    comment: str,
) -> SyncResult:
    server = await live.choose(remotes, RolePolicy.LEADER_ONLY, tls=tls)
    async with OvsdbClient(server.remote, tls=tls) as client:
        current = await live.read_nb(client)
        before = audit_nb(current)
        diff, ops = operations(current, before.plan)
        if dry_run or not ops:
            return SyncResult(before, server, diff, ops, applied=False)
        txn = [*ops, {"op": "comment", "comment": comment}]
        try:
            await client.transact(live.NB_DB, txn)
        except TransactionError as exc:
            raise _guard_failure(exc, txn) or exc from None
        after = recheck(before, await live.read_nb(client))
    return SyncResult(before, server, diff, ops, applied=True, after=after)


def sync(
    rows: NeutronRows,
    remotes: str,
    config: SyncConfig,
    *,
    release_override: str | None = None,
    dry_run: bool = False,
    tls: TlsFiles | None = None,
) -> SyncResult:
    """Make the NB at ``remotes`` (the leader, for a cluster) match Neutron."""
    comment = f"ovsdb-backup neutron sync from {rows.source}"
    return asyncio.run(
        _sync(
            lambda nb: audit(rows, nb, config, release_override),
            remotes,
            dry_run=dry_run,
            tls=tls,
            comment=comment,
        )
    )
