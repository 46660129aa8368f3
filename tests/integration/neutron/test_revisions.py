"""``sync --update-revision-numbers`` writes ``ovn_revision_numbers`` as the real repair
did (``neutron-sql-repair.diff`` of each fixture), only after the NB transaction."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.neutron import revisions, source
from ovsdb_backup.neutron.sqldump import load_into_sqlite, read_dump
from ovsdb_backup.neutron.view import build_view
from tests.support.neutron import FIXTURES, RELEASES, resolv_conf, served

_ROW = re.compile(
    r"^([<>]) INSERT INTO `ovn_revision_numbers` VALUES \((\d+|NULL),'([^']+)','([^']+)',(-?\d+),"
)


def sqlite_copy(fixture: Path, path: Path) -> str:
    """The fixture's Neutron DB as a SQLite file, and its SQLAlchemy URL."""
    with open(fixture / "neutron.sql", encoding="utf-8") as f:
        memory = load_into_sqlite(read_dump(f, set(source.TABLES)))
    with sqlite3.connect(path) as out:
        memory.backup(out)
    return f"sqlite:///{path}"


def revision_rows(path: Path) -> dict[tuple[str, str], int]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT resource_uuid, resource_type, revision_number FROM ovn_revision_numbers"
        ).fetchall()
    return {(u, t): int(r) for u, t, r in rows}


def repaired_by_real_tool(fixture: Path) -> dict[tuple[str, str], int]:
    """(uuid, type) -> revision after the real repair, for the rows it changed."""
    out = {}
    for line in (fixture / "neutron-sql-repair.diff").read_text().splitlines():
        m = _ROW.match(line)
        if m and m.group(1) == ">":
            out[(m.group(3), m.group(4))] = int(m.group(5))
    return out


@pytest.mark.parametrize("release", RELEASES)
def test_bumps_match_the_real_repair(release: str, tmp_path: Path, capsys) -> None:
    fixture = FIXTURES / release
    db = tmp_path / "neutron.sqlite"
    url = sqlite_copy(fixture, db)
    before = revision_rows(db)
    expected = {**before, **repaired_by_real_tool(fixture)}
    assert expected != before
    resolv = resolv_conf(tmp_path)
    with served(fixture / "nb-repaired.db", tmp_path / "nb") as server:
        args = ["neutron", "sync", "--neutron-db", url, "--resolv-conf", str(resolv),
                "--remote", server.remote, "--update-revision-numbers"]  # fmt: skip
        assert main([*args, "--dry-run"]) == 0
        assert revision_rows(db) == before  # a dry run writes nothing
        changed = sum(1 for k, v in expected.items() if before[k] != v)
        assert f"would raise {changed} and create 0" in capsys.readouterr().out
        assert main(args) == 0
        text = capsys.readouterr().out
    assert "ovn_revision_numbers:" in text
    assert revision_rows(db) == expected
    # Nothing left to raise: a second run changes no row.
    rows = source.load(url=url)
    result = revisions.apply_bumps(
        source.engine_for_url(url), revisions.bumps(rows, build_view(rows))
    )
    assert (result.updated, result.created) == (0, 0)


def test_missing_rows_are_created_and_never_lowered(tmp_path: Path) -> None:
    fixture = FIXTURES / RELEASES[0]
    db = tmp_path / "neutron.sqlite"
    url = sqlite_copy(fixture, db)
    with sqlite3.connect(db) as conn:
        (uuid, rtype), *_ = conn.execute(
            "SELECT resource_uuid, resource_type FROM ovn_revision_numbers "
            "WHERE resource_type = 'networks'"
        ).fetchall()
        conn.execute("DELETE FROM ovn_revision_numbers WHERE resource_uuid = ?", (uuid,))
        conn.execute("UPDATE ovn_revision_numbers SET revision_number = 99 "
                     "WHERE resource_type = 'routers'")  # fmt: skip
    rows = source.load(url=url)
    result = revisions.apply_bumps(
        source.engine_for_url(url), revisions.bumps(rows, build_view(rows))
    )
    assert result.created == 1
    after = revision_rows(db)
    assert after[(uuid, rtype)] >= 1
    assert {r for (u, t), r in after.items() if t == "routers"} == {99}


def test_a_failed_bump_is_an_error_that_says_nothing_was_written(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'not-neutron.sqlite'}"
    bump = revisions.Bump("networks", "00000000-0000-0000-0000-000000000001", 2, None)
    with pytest.raises(source.NeutronDbError, match="cannot update ovn_revision_numbers") as info:
        revisions.apply_bumps(source.engine_for_url(url), [bump])
    assert info.value.exit_code == 3
    assert "nothing was written" in (info.value.hint or "")
