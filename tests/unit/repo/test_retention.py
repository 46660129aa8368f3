"""Keep rules on a synthetic repository spanning months (pure, exact expectations)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ovsdb_backup.errors import UsageError
from ovsdb_backup.repo.catalog import ArchiveEntry, Catalog, SegmentEntry
from ovsdb_backup.repo.prune import plan
from ovsdb_backup.repo.retention import Policy, apply_policy

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def daily_archives(days: int, hour: int = 2) -> list[ArchiveEntry]:
    """One NB+SB archive a day at 02:00 for ``days`` days up to NOW, plus an extra
    archive at 14:00 every Monday (two in one day)."""
    out = []
    for back in range(days):
        day = (NOW - timedelta(days=back)).replace(hour=hour, minute=0)
        if day > NOW:
            continue
        out.append(_archive(day))
        if day.weekday() == 0:
            out.append(_archive(day.replace(hour=14)))
    return out


def _archive(moment: datetime) -> ArchiveEntry:
    name = moment.strftime("%Y%m%dT%H%M%S.000000Z-host.tar")
    return ArchiveEntry(
        name, ms(moment), 1000, True, "host", {"OVN_Northbound": {}, "OVN_Southbound": {}}
    )


def kept_names(entries: list[ArchiveEntry], policy: Policy) -> set[str]:
    kept = apply_policy(entries, lambda a: a.created_ms, policy, ms(NOW))
    return {entries[i].name for i in kept}


def names_at(*moments: datetime) -> set[str]:
    return {_archive(m).name for m in moments}


def day(y: int, m: int, d: int, h: int = 2) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


def test_keep_last() -> None:
    archives = daily_archives(120)
    assert kept_names(archives, Policy(last=3)) == names_at(
        day(2026, 11, 21), day(2026, 11, 20), day(2026, 11, 19)
    )


def test_keep_daily_takes_the_newest_of_each_day() -> None:
    archives = daily_archives(120)
    # 2026-11-16 is a Monday: its 14:00 archive is the day's newest.
    expected = names_at(*(day(2026, 11, d) for d in (21, 20, 19, 18, 17)), day(2026, 11, 16, 14))
    assert kept_names(archives, Policy(daily=6)) == expected


def test_keep_weekly_and_monthly_over_months() -> None:
    archives = daily_archives(120)
    # ISO weeks, newest archive of each: Sat 21 Nov (week 47), Sun 15 Nov, Sun 8 Nov.
    assert kept_names(archives, Policy(weekly=3)) == names_at(
        day(2026, 11, 21), day(2026, 11, 15), day(2026, 11, 8)
    )
    # Months: the last archive of each month (Mon 31 Aug has a 14:00 one); the oldest
    # month (July) is partial.
    assert kept_names(archives, Policy(monthly=5)) == names_at(
        day(2026, 11, 21),
        day(2026, 10, 31),
        day(2026, 9, 30),
        day(2026, 8, 31, 14),
        day(2026, 7, 31),
    )


def test_periods_without_points_use_no_slot() -> None:
    # Archives only on the 1st of Sep, Oct and Nov: keep-daily 2 reaches back to Oct 1.
    archives = [_archive(day(2026, m, 1)) for m in (9, 10, 11)]
    assert kept_names(archives, Policy(daily=2)) == names_at(day(2026, 11, 1), day(2026, 10, 1))


def test_keep_within_and_union_of_rules() -> None:
    archives = daily_archives(120)
    policy = Policy(last=1, within=3 * 86400, monthly=2)
    # within 3 days of NOW (12:00): back to 18 Nov 12:00, so 18 Nov 02:00 is out.
    expected = names_at(day(2026, 11, 21), day(2026, 11, 20), day(2026, 11, 19), day(2026, 10, 31))
    assert kept_names(archives, policy) == expected


def test_an_empty_policy_is_refused() -> None:
    with pytest.raises(UsageError, match="no --keep"):
        Policy().check()
    with pytest.raises(UsageError, match="negative"):
        Policy(last=-1).check()


def _segment(db: str, start: datetime, end: datetime, state: str = "sealed") -> SegmentEntry:
    name = start.strftime("%Y%m%dT%H%M%S.000Z-00000000.log")
    return SegmentEntry(
        db, name, 500, 10, 500, state, base_ms=ms(start), last_ms=ms(end), base_txn="a"
    )


def test_prune_plan_keeps_the_open_segment_and_the_anchor_archive() -> None:
    archives = daily_archives(60)
    segments = [
        _segment("OVN_Northbound", day(2026, 11, d, 0), day(2026, 11, d, 23)) for d in range(1, 21)
    ]
    segments.append(_segment("OVN_Northbound", day(2026, 11, 21, 0), NOW, state="open"))
    catalog = Catalog(archives, segments)
    result = plan(catalog, Policy(daily=3), ms(NOW))
    kept = {i.name for i in result.items if i.keep}
    # Archives: the newest of the 3 newest days; segments: 3 days + the open one.
    assert {i.name for i in result.items if i.keep and i.kind == "archive"} == names_at(
        day(2026, 11, 21), day(2026, 11, 20), day(2026, 11, 19)
    ) | {_archive(day(2026, 11, 18)).name}  # the anchor: newest before the oldest kept segment
    kept_segments = {i.name for i in result.items if i.keep and i.kind == "segment"}
    assert kept_segments == {s.name for s in segments[-3:]}
    anchor = next(i for i in result.items if i.name == _archive(day(2026, 11, 18)).name)
    assert anchor.reasons == ["the newest archive of OVN_Northbound before its oldest kept segment"]
    assert len(kept) == len(kept_segments) + 4
    open_item = next(i for i in result.items if i.name == segments[-1].name)
    assert "open" in " ".join(open_item.reasons)


def test_incomplete_archives_and_separate_series() -> None:
    nb_only = [
        ArchiveEntry(f"nb-{d}.tar", ms(day(2026, 11, d)), 1, True, None, {"OVN_Northbound": {}})
        for d in (10, 11, 12)
    ]
    broken = ArchiveEntry("broken.tar", ms(day(2026, 11, 1)), 1, False, None, {})
    catalog = Catalog([*daily_archives(5), *nb_only, broken], [])
    result = plan(catalog, Policy(last=1), ms(NOW))
    kept = {i.name for i in result.items if i.keep}
    assert kept == {"nb-12.tar", "broken.tar", _archive(day(2026, 11, 21)).name}
