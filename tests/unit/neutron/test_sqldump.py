import io

import pytest

from ovsdb_backup.neutron import releases, source
from ovsdb_backup.neutron.sqldump import DumpError, load_into_sqlite, parse_values, read_dump

DUMP = """-- MariaDB dump
CREATE TABLE `ports` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `admin_state_up` tinyint(1) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
INSERT INTO `ports` VALUES ('p1','it''s \\'quoted\\'\\n',1),('p2',NULL,0);
INSERT INTO `ports` VALUES
('p3','multi
line',1);
CREATE TABLE `skipped` (
  `x` int(11)
);
INSERT INTO `skipped` VALUES (1);
"""


def test_parse_values_literals():
    text = "(1,-2,3.5,'a\\\\b',NULL,_binary 'x',0x4142,b'101','\\0\\t\\Z')"
    assert list(parse_values(text)) == [(1, -2, 3.5, "a\\b", None, "x", "AB", 5, "\0\t\x1a")]


def test_read_dump_keeps_only_requested_tables_and_columns():
    tables = read_dump(io.StringIO(DUMP), {"ports"})
    assert tables["ports"].columns == ["id", "name", "admin_state_up"]
    assert tables["ports"].rows == [
        ("p1", "it's 'quoted'\n", 1),
        ("p2", None, 0),
        ("p3", "multi\nline", 1),
    ]
    assert tables["skipped"].rows == []
    conn = load_into_sqlite(tables)
    assert conn.execute('select count(*) from "ports"').fetchone() == (3,)


def test_not_a_dump_is_refused():
    with pytest.raises(DumpError, match="no CREATE TABLE"):
        read_dump(io.StringIO("hello\nworld\n"))


def test_broken_insert_names_the_line():
    with pytest.raises(DumpError, match="line"):
        read_dump(io.StringIO("CREATE TABLE `t` (\n  `a` int\n);\nINSERT INTO `t` VALUES (1,;\n"))


def test_wrong_database_is_refused(tmp_path):
    dump = tmp_path / "other.sql"
    dump.write_text(DUMP.replace("`ports`", "`foo`"))
    with pytest.raises(source.NeutronDbError, match="not a Neutron database"):
        source.load(sql_dump=str(dump))


def test_unreachable_database_is_a_server_error():
    with pytest.raises(source.NeutronUnreachable):
        source.load(url="mysql+pymysql://u:secret@127.0.0.1:1/neutron?connect_timeout=2")


def test_release_detection_and_override():
    assert releases.release_of_revisions(["5c85685d616d", "5881373af7f5"]) == 21
    assert releases.release_of_revisions(["5c85685d616d", "c7f8d9e0f1a2"]) == 29
    assert releases.release_of_revisions(["deadbeef"]) is None
    assert releases.parse_release("zed") == 21
    assert releases.parse_release("29.0.0") == 29
    rows = source.NeutronRows(tables={}, revisions=("deadbeef",), source="x")
    with pytest.raises(releases.UnsupportedRelease, match="unknown Neutron schema revision"):
        source.choose_profile(rows, None)
    assert source.choose_profile(rows, "21").release == 21
    with pytest.raises(releases.UnsupportedRelease, match="no translation profile"):
        releases.profile_for(25)
