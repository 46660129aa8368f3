"""The repository's catalog: an index of archives and segments, rebuilt from them.

``catalog.json`` only caches what the objects say: every field comes from an archive's
manifest or a segment's records, so a lost or damaged catalog is rebuilt by scanning
(:func:`rebuild`), and :func:`load` reconciles it with the directories every time
(objects added or removed behind its back, open segments that grew).

Coverage and gaps (:func:`coverage`) are computed, never stored: two consecutive
segments of a database are continuous when the later one's base says it continues the
earlier one (rotation, where the agent knows nothing was missed); anything else is a gap
between the earlier one's last record and the later one's base.
"""

from __future__ import annotations

import itertools
import logging
import os
from dataclasses import asdict, dataclass, field
from typing import Any

import orjson

from ..archive import summarize
from ..errors import InputError, OutputError
from ..formats.dbfile import AtomicWriter
from .layout import Repository, is_segment_name
from .segment import Mark, RecordMark, SegmentInfo, read_segment

log = logging.getLogger(__name__)

CATALOG_FORMAT = "ovsdb-backup-catalog"
CATALOG_VERSION = 1

OPEN, SEALED, DAMAGED = "open", "sealed", "damaged"

# Why a segment starts with a base that does not continue the previous one (the
# ``after=`` word of its base record).
GAP_REASONS = {
    "history-lost": "the servers' history (about 100 transactions) no longer held the last "
    "transaction recorded",
    "no-txn-ids": "the server keeps no transaction ids (standalone): a reconnection needs a "
    "new base",
    "schema-changed": "the database was converted to another schema",
    "cluster-changed": "the database is now served by another cluster (new cluster id)",
    "previous-damaged": "the previous segment is damaged",
    "resync": "an update did not fit the contents held; the stream was re-based",
    "sealed": "the agent restarted after its last segment was sealed",
    "restart": "the stream restarted with a new base",
}


@dataclass
class ArchiveEntry:
    name: str
    created_ms: int
    size: int
    complete: bool
    host: str | None = None
    # database name -> facts from the manifest (last_txn_id, model, cid, rows, date_ms)
    databases: dict[str, dict[str, Any]] = field(default_factory=dict)
    problem: str | None = None

    @property
    def series(self) -> tuple[str, ...]:
        """Archives holding the same databases form one series for retention."""
        return tuple(sorted(self.databases))


@dataclass
class SegmentEntry:
    db: str
    name: str
    size: int
    records: int
    end_offset: int
    state: str  # open | sealed | damaged
    base_ms: int | None = None
    base_txn: str | None = None
    base_fields: dict[str, str] = field(default_factory=dict)  # model, from, continues, after
    last_ms: int | None = None
    last_txn: str | None = None
    last_kind: str | None = None
    schema_version: str | None = None
    seal_reason: str | None = None
    next: str | None = None
    windows: list[list[int]] = field(default_factory=list)
    defect: str | None = None
    torn_tail: bool = False

    @property
    def continues(self) -> str | None:
        return self.base_fields.get("continues")

    @property
    def model(self) -> str | None:
        return self.base_fields.get("model")

    @classmethod
    def from_info(cls, db: str, info: SegmentInfo) -> SegmentEntry:
        state = SEALED if info.sealed is not None else OPEN
        if info.defect is not None and not info.torn_tail:
            state = DAMAGED
        base = info.base
        last = info.last
        return cls(
            db=db,
            name=info.name,
            size=info.size,
            records=info.records,
            end_offset=info.end_offset,
            state=state,
            base_ms=base.date_ms if base else None,
            base_txn=base.mark.txn if base and base.mark else None,
            base_fields=dict(base.mark.fields) if base and base.mark else {},
            last_ms=last.date_ms if last else None,
            last_txn=info.last_txn,
            last_kind=last.mark.kind if last and last.mark else None,
            schema_version=info.schema_version,
            seal_reason=info.sealed.fields.get("reason") if info.sealed else None,
            next=info.sealed.fields.get("next") if info.sealed else None,
            windows=[list(w) for w in info.windows],
            defect=info.defect,
            torn_tail=info.torn_tail,
        )

    def to_info(self, path: str) -> SegmentInfo:
        """Enough of a scan's state to continue scanning after ``end_offset``."""
        base = RecordMark(1, 0, self.base_ms, Mark("base", self.base_txn, dict(self.base_fields)))
        last_mark = Mark(self.last_kind or "txn", self.last_txn)
        return SegmentInfo(
            self.name,
            path,
            self.size,
            db=self.db,
            schema_version=self.schema_version,
            records=self.records,
            end_offset=self.end_offset,
            base=base,
            last=RecordMark(self.records - 1, 0, self.last_ms, last_mark),
            last_txn=self.last_txn,
            stopped_cleanly=self.last_kind == "stop",
            windows=[(int(a), int(b)) for a, b in self.windows],
        )


@dataclass
class Catalog:
    archives: list[ArchiveEntry] = field(default_factory=list)
    segments: list[SegmentEntry] = field(default_factory=list)

    def segments_of(self, db: str) -> list[SegmentEntry]:
        found = [s for s in self.segments if s.db == db]
        return sorted(found, key=lambda s: (s.base_ms or 0, s.name))

    def databases(self) -> list[str]:
        names = {s.db for s in self.segments}
        for archive in self.archives:
            names.update(archive.databases)
        return sorted(names)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": CATALOG_FORMAT,
            "format_version": CATALOG_VERSION,
            "archives": [asdict(a) for a in sorted(self.archives, key=lambda a: a.name)],
            "segments": [asdict(s) for s in sorted(self.segments, key=lambda s: (s.db, s.name))],
        }

    @classmethod
    def from_json(cls, data: Any) -> Catalog:
        if not isinstance(data, dict) or data.get("format") != CATALOG_FORMAT:
            raise ValueError("not a catalog")
        if data.get("format_version") != CATALOG_VERSION:
            raise ValueError(f"catalog version {data.get('format_version')}")
        return cls(
            [ArchiveEntry(**a) for a in data.get("archives", [])],
            [SegmentEntry(**s) for s in data.get("segments", [])],
        )


# -- reading objects --------------------------------------------------------------------


def archive_entry(repo: Repository, name: str) -> ArchiveEntry | None:
    """What an archive's manifest says (None if the file is not an archive at all)."""
    from ..archive import ArchiveReader

    path = repo.archive_path(name)
    summary = summarize(str(path))
    if summary is None:
        return None
    entry = ArchiveEntry(
        name=name,
        created_ms=int(summary.created.timestamp() * 1000),
        size=summary.size,
        complete=summary.complete,
        host=summary.host,
        problem=summary.problem,
    )
    if summary.complete:
        try:
            with ArchiveReader(str(path)) as reader:
                manifest = reader.manifest()
        except InputError as exc:
            entry.complete, entry.problem = False, exc.message
            return entry
        for db in manifest.databases:
            facts = db.to_json()
            entry.databases[db.name] = {
                key: facts.get(key)
                for key in ("last_txn_id", "model", "cid", "raft_index", "date_ms", "rows")
            }
    else:
        entry.databases = {name: {} for name in summary.databases}
    return entry


def segment_entry(repo: Repository, db: str, name: str, old: SegmentEntry | None) -> SegmentEntry:
    path = repo.segment_path(db, name)
    start = None
    if old is not None and old.state == OPEN and not old.torn_tail and old.defect is None:
        start = old.to_info(str(path))
    try:
        info = read_segment(path, start=start)
    except InputError as exc:
        return SegmentEntry(db, name, 0, 0, 0, DAMAGED, defect=exc.message)
    return SegmentEntry.from_info(db, info)


# -- load / save ------------------------------------------------------------------------


def read_catalog_file(repo: Repository) -> Catalog | None:
    try:
        return Catalog.from_json(orjson.loads(repo.catalog_path.read_bytes()))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        log.warning("%s: unusable catalog (%s); rebuilding it", repo.catalog_path, exc)
        return None


def reconcile(repo: Repository, catalog: Catalog | None) -> tuple[Catalog, bool]:
    """The catalog brought in line with the objects; True if anything changed."""
    old = catalog or Catalog()
    changed = catalog is None
    archives: list[ArchiveEntry] = []
    known = {a.name: a for a in old.archives}
    try:
        names = sorted(e.name for e in os.scandir(repo.archives) if e.is_file())
    except FileNotFoundError:
        names = []
    for name in names:
        if not name.endswith(".tar"):
            continue
        entry = known.get(name)
        size = os.path.getsize(repo.archive_path(name))
        if entry is None or entry.size != size:
            entry = archive_entry(repo, name)
            changed = True
            if entry is None:
                continue
        archives.append(entry)
    changed = changed or len(archives) != len(old.archives)
    segments: list[SegmentEntry] = []
    seg_known = {(s.db, s.name): s for s in old.segments}
    for db in repo.streamed_databases():
        for name in sorted(n for n in os.listdir(repo.stream_dir(db)) if is_segment_name(n)):
            seg = seg_known.get((db, name))
            size = os.path.getsize(repo.segment_path(db, name))
            if seg is None or (seg.state == OPEN and seg.size != size):
                seg = segment_entry(repo, db, name, seg)
                changed = True
            segments.append(seg)
    changed = changed or len(segments) != len(old.segments)
    return Catalog(archives, segments), changed


def save(repo: Repository, catalog: Catalog) -> None:
    """Write the catalog atomically (call with the repository lock held)."""
    data = orjson.dumps(catalog.to_json(), option=orjson.OPT_INDENT_2) + b"\n"
    with AtomicWriter(str(repo.catalog_path), overwrite=True, mode=0o644) as out:
        out.write(data)
        out.commit()


def load(repo: Repository, *, write: bool = True) -> Catalog:
    """The up-to-date catalog; saved back when it changed (best effort for readers)."""
    catalog, changed = reconcile(repo, read_catalog_file(repo))
    if changed and write:
        try:
            with repo.mutating("catalog update"):
                save(repo, catalog)
        except (OutputError, OSError) as exc:  # a read-only user still gets the answer
            log.info("catalog not saved: %s", exc)
        except InputError as exc:
            log.info("catalog not saved: %s", exc)
    return catalog


def rebuild(repo: Repository) -> Catalog:
    """Forget the catalog and scan every object again."""
    catalog, _ = reconcile(repo, None)
    with repo.mutating("catalog rebuild"):
        save(repo, catalog)
    return catalog


# -- coverage ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """A stretch of time the stream does not describe (no restore point inside)."""

    db: str
    start_ms: int | None  # the last record before it (None: unknown)
    end_ms: int | None  # the base after it
    before: str | None  # segment names
    after: str | None
    reason: str

    def contains(self, ms: int) -> bool:
        lo = self.start_ms if self.start_ms is not None else -(2**62)
        hi = self.end_ms if self.end_ms is not None else 2**62
        return lo < ms < hi

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Coverage:
    db: str
    segments: list[SegmentEntry]
    gaps: list[Gap]
    first_ms: int | None
    last_ms: int | None

    @property
    def windows(self) -> list[tuple[int, int]]:
        return [(int(a), int(b)) for s in self.segments for a, b in s.windows]


def coverage(catalog: Catalog, db: str) -> Coverage:
    """The times the stream of ``db`` describes, and the gaps between its segments."""
    segments = [s for s in catalog.segments_of(db) if s.base_ms is not None]
    gaps: list[Gap] = []
    for before, after in itertools.pairwise(segments):
        if after.continues == before.name:
            continue
        word = after.base_fields.get("after") or "restart"
        reason = GAP_REASONS.get(word, word)
        gaps.append(Gap(db, before.last_ms, after.base_ms, before.name, after.name, reason))
    first = segments[0].base_ms if segments else None
    last = max((s.last_ms for s in segments if s.last_ms is not None), default=None)
    return Coverage(db, segments, gaps, first, last)
