"""``prune``: the keep rules applied to a repository.

* **Archives**: the policy applies to each *series* (archives holding the same set of
  databases, e.g. nightly NB+SB archives apart from NB-only ones), by creation time.
  Incomplete archives (damaged, cut short) are not restore points and are left alone.
* **Segments**: the policy applies to each database's segments, a segment counting as a
  restore point at its newest record (it holds every moment from its base to there).
  The open segment of a database is always kept: an agent appends to it.
* **Anchor**: for each database, the newest archive at or before the base of its oldest
  kept segment is kept too — the archive a stream segment depends on, should that
  segment be unreadable; prune never deletes it.

Deletion happens under the repository lock, on a plan recomputed there from a fresh
catalog; ``dry_run`` only returns the plan.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from ..errors import OutputError
from ..fsutil import fsync_directory
from . import catalog as cat
from .catalog import ArchiveEntry, Catalog, SegmentEntry
from .layout import LOCK_WAIT, Repository
from .retention import Policy, apply_policy

log = logging.getLogger(__name__)


@dataclass
class PruneItem:
    kind: str  # archive | segment
    name: str
    group: str  # the archive series ("NB+SB") or the segment's database
    time_ms: int
    size: int
    keep: bool
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "group": self.group,
            "time_ms": self.time_ms,
            "size": self.size,
            "keep": self.keep,
            "reasons": self.reasons,
        }


@dataclass
class PrunePlan:
    policy: Policy
    items: list[PruneItem]
    deleted: list[PruneItem] = field(default_factory=list)

    @property
    def to_delete(self) -> list[PruneItem]:
        return [i for i in self.items if not i.keep]

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy.describe(),
            "items": [i.to_json() for i in self.items],
            "delete": [i.name for i in self.to_delete],
            "deleted": [i.name for i in self.deleted],
            "freed_bytes": sum(i.size for i in self.deleted),
        }


def plan(catalog: Catalog, policy: Policy, now_ms: int) -> PrunePlan:
    """Which objects to keep and why (pure)."""
    items: list[PruneItem] = []
    archive_items: dict[str, PruneItem] = {}
    series: dict[tuple[str, ...], list[ArchiveEntry]] = {}
    for archive in catalog.archives:
        if archive.complete:
            series.setdefault(archive.series, []).append(archive)
        else:
            item = PruneItem(
                "archive", archive.name, "-", archive.created_ms, archive.size, True,
                ["incomplete: not a restore point, left alone"],
            )  # fmt: skip
            items.append(item)
    for key, archives in sorted(series.items()):
        kept = apply_policy(archives, lambda a: a.created_ms, policy, now_ms)
        for i, archive in enumerate(archives):
            item = PruneItem(
                "archive", archive.name, "+".join(key), archive.created_ms, archive.size,
                i in kept, kept.get(i, []),
            )  # fmt: skip
            archive_items[archive.name] = item
            items.append(item)
    for db in sorted({s.db for s in catalog.segments}):
        items += _segments(catalog, db, policy, now_ms, archive_items)
    return PrunePlan(policy, items)


def _segments(
    catalog: Catalog, db: str, policy: Policy, now_ms: int, archives: dict[str, PruneItem]
) -> list[PruneItem]:
    segments = catalog.segments_of(db)

    def end(s: SegmentEntry) -> int:
        return s.last_ms or s.base_ms or 0

    kept = apply_policy(segments, end, policy, now_ms)
    items = []
    for i, segment in enumerate(segments):
        reasons = kept.get(i, [])
        if segment.state == cat.OPEN:
            reasons = [*reasons, "open: a stream agent appends to it"]
        items.append(
            PruneItem(
                "segment", segment.name, db, end(segment), segment.size, bool(reasons), reasons
            )
        )
    oldest = min(
        (s.base_ms or 0 for s, it in zip(segments, items, strict=True) if it.keep), default=None
    )
    if oldest is not None:
        anchor = _anchor(catalog, db, oldest)
        if anchor is not None and anchor.name in archives:
            item = archives[anchor.name]
            item.keep = True
            item.reasons.append(f"the newest archive of {db} before its oldest kept segment")
    return items


def _anchor(catalog: Catalog, db: str, before_ms: int) -> ArchiveEntry | None:
    candidates = [
        a
        for a in catalog.archives
        if a.complete and db in a.databases and a.created_ms <= before_ms
    ]
    return max(candidates, key=lambda a: a.created_ms, default=None)


def prune(
    repo: Repository,
    policy: Policy,
    now_ms: int,
    *,
    dry_run: bool = False,
    wait: float = LOCK_WAIT,
) -> PrunePlan:
    """Plan, and unless ``dry_run`` delete what the plan does not keep."""
    policy.check()
    if dry_run:
        return plan(cat.load(repo), policy, now_ms)
    with repo.mutating("prune", wait):
        catalog, _ = cat.reconcile(repo, cat.read_catalog_file(repo))
        result = plan(catalog, policy, now_ms)
        live = {db for db in repo.streamed_databases() if repo.stream_live(db)}
        touched: set[str] = set()
        for item in result.to_delete:
            if item.kind == "segment" and item.group in live and _newest(catalog, item):
                continue  # belt and braces: a live agent's newest segment is never removed
            path = (
                repo.archive_path(item.name)
                if item.kind == "archive"
                else repo.segment_path(item.group, item.name)
            )
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise OutputError(f"{path}: cannot delete: {exc.strerror}") from None
            touched.add(str(path.parent))
            result.deleted.append(item)
            log.info("pruned %s %s", item.kind, item.name)
        for directory in touched:
            fsync_directory(directory)
        catalog, _ = cat.reconcile(repo, catalog)
        cat.save(repo, catalog)
    return result


def _newest(catalog: Catalog, item: PruneItem) -> bool:
    segments = catalog.segments_of(item.group)
    return bool(segments) and segments[-1].name == item.name
