"""Read-only audit: Neutron DB vs an NB (a live server or a database file) → a plan."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model.database import Database
from . import plan as planning
from . import source
from .releases import Profile
from .translate import DesiredNB, Hints, SyncConfig, translate
from .view import build_view

if TYPE_CHECKING:  # the protocol stack is imported only to read a live NB
    from ..protocol import TlsFiles
    from .live import ChosenServer


@dataclass(frozen=True)
class AuditResult:
    plan: planning.Plan
    profile: Profile
    nb_rows: int
    desired_rows: int
    desired: DesiredNB = field(repr=False, default_factory=DesiredNB)


def read_nb_file(path: str) -> Database:
    """A standalone NB file, or a cluster member's file (its committed contents)."""
    from ..formats.clustered import replay_clustered
    from ..formats.dbfile import open_db_file
    from ..formats.standalone import replay_standalone

    with open_db_file(path) as f:
        if f.is_clustered:
            replay = replay_clustered(f.buf, path=path)
            if replay.db is None:
                raise InputError(f"{path}: the cluster member file holds no data yet")
            return replay.db
        return replay_standalone(f.buf, path=path).db


def read_nb_live(remote: str, tls: TlsFiles | None = None) -> tuple[ChosenServer, Database]:
    """A read-only audit may use a follower or relay when no leader answers, but never a
    server that is cut off from its cluster (its contents may be stale)."""
    from ..protocol import RolePolicy
    from .live import read_nb_from

    return asyncio.run(read_nb_from(remote, RolePolicy.PREFER_LEADER, tls=tls))


def audit(
    rows: source.NeutronRows,
    nb: Database,
    config: SyncConfig,
    release_override: str | None = None,
) -> AuditResult:
    """Pure: the plan that would make ``nb`` match Neutron."""
    profile = source.choose_profile(rows, release_override)
    keys = planning.existing_keys(nb)
    hints = Hints(
        server_macs=planning.server_macs(nb, keys),
        gateway_chassis=planning.gateway_chassis(nb),
    )
    desired = translate(build_view(rows), profile, config, hints)
    return AuditResult(
        plan=planning.make_plan(desired, nb, keys),
        profile=profile,
        nb_rows=nb.total_rows(),
        desired_rows=desired.count(),
        desired=desired,
    )


def recheck(before: AuditResult, nb: Database) -> AuditResult:
    """Audit ``nb`` again against what ``before`` wanted (after a sync: the same Neutron
    rows, and the NB now holds the MACs and chassis that ``before`` kept)."""
    return AuditResult(
        plan=planning.make_plan(before.desired, nb),
        profile=before.profile,
        nb_rows=nb.total_rows(),
        desired_rows=before.desired_rows,
        desired=before.desired,
    )
