"""manifest.json: round trips, validation, unknown fields, versions, the seal."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
import pytest

from ovsdb_backup.archive import DatabaseEntry, FileEntry, Manifest, SkippedFile, StoredMember
from ovsdb_backup.archive.manifest import SEAL_KEY, check_seal, seal
from ovsdb_backup.errors import ArchiveError

SHA_A = "a" * 64
SHA_B = "b" * 64


def stored(member: str = "db/NB.db.zst") -> StoredMember:
    return StoredMember(
        member=member,
        compression="zstd",
        size=10,
        sha256=SHA_A,
        uncompressed_size=30,
        uncompressed_sha256=SHA_B,
    )


def sample() -> Manifest:
    nb = DatabaseEntry.from_stored(
        stored(),
        name="NB",
        schema_version="7.0.0",
        schema_cksum="123 456",
        model="clustered",
        cid="c",
        sid="s",
        raft_index=42,
        last_txn_id="t",
        remote="unix:/run/nb.sock",
        rows={"ACL": 3, "Logical_Switch": 0},
        records=2,
        row_index=stored("db/NB.rows.json.zst"),
        future_fact={"x": 1},
    )
    conf = FileEntry(
        path="/etc/ovn/ovn.conf",
        type="file",
        mode=0o640,
        uid=0,
        gid=101,
        owner="root",
        group="openvswitch",
        mtime=1700000000.25,
        **stored("files/etc/ovn/ovn.conf").to_json(),
    )
    link = FileEntry(
        path="/etc/ovn/cert.pem",
        type="symlink",
        mode=0o777,
        uid=0,
        gid=0,
        mtime=1.0,
        target="/etc/pki/cert.pem",
    )
    return Manifest.new(
        databases=[nb],
        files=[conf, link],
        skipped_files=[SkippedFile(path="/etc/ovn/sock", reason="socket: not archived")],
        labels={"site": "dc1"},
        notes="before upgrade",
        created=datetime(2025, 1, 2, 3, 4, 5, 678000, tzinfo=UTC),
        host="node1",
    )


def test_round_trip_keeps_every_field() -> None:
    manifest = sample()
    again = Manifest.from_bytes(manifest.to_bytes())
    assert again == manifest
    assert again.databases[0].extra == {"future_fact": {"x": 1}}
    assert again.to_bytes() == manifest.to_bytes()


def test_json_shape_for_people_and_jq() -> None:
    data = orjson.loads(sample().to_bytes())
    assert data["format"] == "ovsdb-backup"
    assert data["format_version"] == 1
    assert data["tool"]["name"] == "ovsdb-backup"
    assert data["created"] == "2025-01-02T03:04:05.678000Z"
    assert list(data)[-2:] == ["complete", SEAL_KEY]
    assert data["complete"] is True
    db = data["databases"][0]
    assert next(iter(db)) == "name"
    assert db["rows"] == {"ACL": 3, "Logical_Switch": 0}
    assert db["uncompressed_sha256"] == SHA_B
    link = data["files"][1]
    assert link["target"] == "/etc/pki/cert.pem"
    assert "member" not in link


def test_unknown_fields_at_every_level_survive_a_round_trip() -> None:
    data = orjson.loads(sample().to_bytes())
    del data[SEAL_KEY]
    data["retention"] = {"keep": 7}
    data["tool"]["build"] = "abc"
    data["databases"][0]["compressed_by"] = "zstd 1.5"
    data["files"][0]["xattrs"] = {"user.x": "1"}
    data["skipped_files"][0]["errno"] = 6
    data["format_version"] = "1.3"  # a compatible minor revision
    again = Manifest.from_json(data)
    out = again.to_json()
    assert out["retention"] == {"keep": 7}
    assert out["tool"]["build"] == "abc"
    assert out["databases"][0]["compressed_by"] == "zstd 1.5"
    assert out["files"][0]["xattrs"] == {"user.x": "1"}
    assert out["skipped_files"][0]["errno"] == 6


@pytest.mark.parametrize("version", [2, "2.0", 0])
def test_unknown_major_version_is_refused_clearly(version: object) -> None:
    data = sample().to_json()
    data["format_version"] = version
    with pytest.raises(ArchiveError) as err:
        Manifest.from_json(data)
    assert err.value.kind == "unsupported-format-version"
    assert "format version" in err.value.message
    assert "reads version 1" in err.value.message


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(format="other"), "not an ovsdb-backup manifest"),
        (lambda d: d.update(complete=False), "not marked complete"),
        (lambda d: d.pop("complete"), "not marked complete"),
        (lambda d: d.update(created="yesterday"), "not an ISO 8601 time"),
        (lambda d: d.update(created="2025-01-01T00:00:00"), "no time zone"),
        (lambda d: d["databases"][0].update(size=-1), "must not be negative"),
        (lambda d: d["databases"][0].update(size=True), "must be an integer"),
        (lambda d: d["databases"][0].update(sha256="XYZ"), "not a lower-case hex SHA-256"),
        (lambda d: d["databases"][0].pop("member"), "lacks member"),
        (lambda d: d["databases"][0].update(member="../x"), "unsafe"),
        (lambda d: d["databases"][0].update(member="/etc/passwd"), "unsafe"),
        (lambda d: d["databases"][0].update(rows={"ACL": "3"}), "must be an integer"),
        (lambda d: d["files"][0].update(path="etc/relative"), "not an absolute path"),
        (lambda d: d["files"][0].update(path="/etc/../root/x"), "unsafe"),
        (lambda d: d["files"][0].update(type="fifo"), "is not one of"),
        (lambda d: d["files"][1].pop("target"), "needs its target"),
        (lambda d: d["files"][0].pop("sha256"), "needs member"),
        (lambda d: d["files"].append(dict(d["files"][0])), "appears more than once"),
        (lambda d: d["databases"].append(dict(d["databases"][0])), "appears more than once"),
        (lambda d: d["databases"][0].update(member="manifest.json"), "appears more than once"),
        (lambda d: d["databases"][0].update(row_index=[]), r"databases\[0\]\.row_index must be"),
        (lambda d: d["databases"][0]["row_index"].update(member="../x"), "unsafe"),
        (
            lambda d: d["databases"][0]["row_index"].update(member="db/NB.db.zst"),
            "appears more than once",
        ),
    ],
)
def test_invalid_manifests_are_refused_with_the_field_named(change, words: str) -> None:
    data = sample().to_json()
    change(data)
    with pytest.raises(ArchiveError, match=words) as err:
        Manifest.from_json(data)
    assert err.value.member == "manifest.json"


def test_not_json_is_a_bad_manifest() -> None:
    with pytest.raises(ArchiveError) as err:
        Manifest.from_bytes(b'{"format": ')
    assert err.value.kind == "bad-manifest"


def test_seal_detects_any_change_of_the_text() -> None:
    raw = sample().to_bytes()
    check_seal(raw)
    changed = raw.replace(b'"node1"', b'"node2"')
    with pytest.raises(ArchiveError) as err:
        Manifest.from_bytes(changed)
    assert err.value.kind == "manifest-sha256-mismatch"


@pytest.mark.parametrize(
    "change",
    [
        lambda raw: raw.replace(b'"manifest_sha256"', b'"manifest_sha257"'),
        lambda raw: raw[:-10] + b"x" + raw[-9:],  # a non-hex digit in the seal
        lambda raw: orjson.dumps({k: v for k, v in orjson.loads(raw).items() if k != SEAL_KEY}),
    ],
)
def test_a_missing_or_damaged_seal_is_refused(change) -> None:
    with pytest.raises(ArchiveError, match="missing or damaged") as err:
        Manifest.from_bytes(change(sample().to_bytes()))
    assert err.value.kind == "manifest-sha256-mismatch"


def test_seal_needs_the_placeholder() -> None:
    with pytest.raises(ValueError, match="placeholder"):
        seal(b"{}")


def test_database_lookup_names_what_exists() -> None:
    manifest = sample()
    assert manifest.database("NB").raft_index == 42
    with pytest.raises(ArchiveError, match="has: NB") as err:
        manifest.database("SB")
    assert err.value.kind == "no-such-database"


def test_stored_members_lists_databases_and_files_with_contents() -> None:
    members = [m.member for m in sample().stored_members()]
    assert members == ["db/NB.db.zst", "db/NB.rows.json.zst", "files/etc/ovn/ovn.conf"]


def test_facts_as_the_snapshot_operation_gives_them() -> None:
    """ops/snapshot.Snapshot.facts() shape: known keys typed, the others kept as extras."""
    facts: dict[str, Any] = {
        "name": "OVN_Northbound",
        "schema_version": "7.0.0",
        "schema_cksum": "94023179 33468",
        "schema_sha256": "c" * 64,
        "model": "clustered",
        "cid": "cid",
        "sid": "sid",
        "leader": True,
        "raft_index": 10,
        "raft_index_after": 10,
        "last_txn_id": None,
        "exact": True,
        "remote": "unix:/run/ovn/ovnnb_db.sock",
        "rows": {"ACL": 1},
        "records": 2,
        "date_ms": 1700000000000,
    }
    entry = DatabaseEntry.from_stored(stored(), **facts)
    assert entry.extra == {
        "leader": True,
        "raft_index_after": 10,
        "exact": True,
        "date_ms": 1700000000000,
    }
    again = Manifest.from_bytes(Manifest.new(databases=[entry], host="h").to_bytes())
    assert again.databases[0].to_json() == {**entry.to_json()}
    assert again.databases[0].to_json()["leader"] is True
