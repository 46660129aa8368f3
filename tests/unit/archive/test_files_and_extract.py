"""Collecting configuration files (never following links) and restoring them safely."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from ovsdb_backup.archive import (
    PRESETS,
    ArchiveReader,
    ArchiveWriter,
    DatabaseEntry,
    FileEntry,
    Manifest,
    collect_files,
    verify_archive,
)
from ovsdb_backup.errors import ArchiveError, OutputError, RefusedError
from tests.support.archives import craft, info, stored


@pytest.fixture
def etc(tmp_path: Path) -> Path:
    """A small /etc/ovn-like tree with a link out of it, a socket and a FIFO."""
    root = tmp_path / "host" / "etc" / "ovn"
    (root / "pki").mkdir(parents=True)
    (root / "ovn.conf").write_text("OVN_CTL_OPTS=--db-nb-create-insecure-remote=yes\n")
    (root / "pki" / "key.pem").write_text("-----BEGIN PRIVATE KEY-----\n")
    os.chmod(root / "pki", 0o700)
    os.chmod(root / "pki" / "key.pem", 0o4640)  # a set-uid bit that must not come back
    (root / "ovnnb_db.db").write_text("OVSDB JSON ...")
    (root / ".ovnnb_db.db.~lock~").write_text("")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_text("not for the archive")
    (root / "elsewhere").symlink_to(outside)
    (root / "cert.pem").symlink_to("pki/key.pem")
    os.mkfifo(root / "fifo")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "ovnnb_db.ctl"))
    sock.close()
    return tmp_path / "host"


def paths(collection) -> dict[str, str]:
    return {f.path: f.type for f in collection.files}


def test_collection_records_links_without_following_them(etc: Path) -> None:
    found = collect_files([str(etc / "etc/ovn")], exclude=["*.db", "*/.*.~lock~"])
    root = str(etc / "etc/ovn")
    assert paths(found) == {
        root: "directory",
        f"{root}/cert.pem": "symlink",
        f"{root}/elsewhere": "symlink",
        f"{root}/ovn.conf": "file",
        f"{root}/pki": "directory",
        f"{root}/pki/key.pem": "file",
    }
    link = next(f for f in found.files if f.path.endswith("elsewhere"))
    assert link.target == str(etc.parent / "outside")
    assert not any("secret" in f.path for f in found.files)
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in found.skipped}
    assert reasons["fifo"] == "FIFO: not archived"
    assert reasons["ovnnb_db.ctl"] == "socket: not archived"
    assert reasons["ovnnb_db.db"] == "excluded by '*.db'"
    assert reasons[".ovnnb_db.db.~lock~"] == "excluded by '*/.*.~lock~'"


def test_a_named_symlink_is_recorded_not_followed(etc: Path) -> None:
    found = collect_files([str(etc / "etc/ovn/elsewhere")])
    assert paths(found) == {str(etc / "etc/ovn/elsewhere"): "symlink"}


def test_presets_under_a_root_record_host_paths(etc: Path) -> None:
    found = collect_files(presets=["ovn-central", "pki"], root=str(etc))
    recorded = paths(found)
    assert recorded["/etc/ovn/ovn.conf"] == "file"
    assert recorded["/etc/ovn/cert.pem"] == "symlink"  # matched by pki's /etc/ovn/*.pem
    assert "/etc/ovn/ovnnb_db.db" not in recorded  # databases are taken online
    assert found.missing_requested == []
    missing = {s.path for s in found.skipped if s.reason.startswith("does not exist")}
    assert {"/var/lib/ovn", "/etc/default/ovn-central", "/var/lib/openvswitch/pki"} <= missing
    ovn_conf = next(f for f in found.files if f.path == "/etc/ovn/ovn.conf")
    assert ovn_conf.source == str(etc / "etc/ovn/ovn.conf")


def test_explicit_missing_paths_are_reported_separately(tmp_path: Path) -> None:
    found = collect_files([str(tmp_path / "nope")])
    assert found.files == []
    assert found.missing_requested == [str(tmp_path / "nope")]


def test_every_preset_is_described_and_unknown_presets_fail() -> None:
    assert set(PRESETS) == {"ovn-central", "kube-ovn", "openstack", "openvswitch", "pki"}
    assert all(p.description and p.paths for p in PRESETS.values())
    with pytest.raises(ValueError, match="known: ovn-central"):
        collect_files(presets=["ovn-centrall"])


def archive_tree(tmp_path: Path, etc: Path) -> Path:
    found = collect_files(presets=["ovn-central"], root=str(etc))
    path = tmp_path / "conf.tar"
    with ArchiveWriter(path) as archive:
        files = archive.add_files(found)
        archive.commit(Manifest.new(files=files.entries, skipped_files=found.skipped))
    return path


def test_files_round_trip_with_permissions(tmp_path: Path, etc: Path) -> None:
    os.chown(etc / "etc/ovn/ovn.conf", 65534, 65534)
    path = archive_tree(tmp_path, etc)
    assert verify_archive(path).ok
    target = tmp_path / "restore"
    with ArchiveReader(path) as reader:
        result = reader.extract_files(str(target), restore_permissions=True)
    assert sorted(result.written) == ["/etc/ovn/ovn.conf", "/etc/ovn/pki/key.pem"]
    assert sorted(result.links) == ["/etc/ovn/cert.pem", "/etc/ovn/elsewhere"]
    conf = target / "etc/ovn/ovn.conf"
    assert conf.read_text() == (etc / "etc/ovn/ovn.conf").read_text()
    assert (conf.stat().st_uid, conf.stat().st_gid) == (65534, 65534)
    source_us = (etc / "etc/ovn/ovn.conf").stat().st_mtime_ns // 1000
    assert conf.stat().st_mtime_ns == source_us * 1000
    assert stat.S_IMODE((target / "etc/ovn/pki/key.pem").stat().st_mode) == 0o640
    assert stat.S_IMODE((target / "etc/ovn/pki").stat().st_mode) == 0o700
    assert os.readlink(target / "etc/ovn/cert.pem") == "pki/key.pem"


def test_without_permissions_everything_is_private(tmp_path: Path, etc: Path) -> None:
    path = archive_tree(tmp_path, etc)
    target = tmp_path / "restore"
    with ArchiveReader(path) as reader:
        reader.extract_files(str(target))
    assert stat.S_IMODE((target / "etc/ovn/ovn.conf").stat().st_mode) == 0o600
    assert stat.S_IMODE((target / "etc/ovn").stat().st_mode) == 0o700


def test_existing_files_are_refused_identical_ones_left_alone(tmp_path: Path, etc: Path) -> None:
    path = archive_tree(tmp_path, etc)
    target = tmp_path / "restore"
    with ArchiveReader(path) as reader:
        reader.extract_files(str(target))
        again = reader.extract_files(str(target))
        assert again.written == []
        assert len(again.unchanged) == 4
        (target / "etc/ovn/ovn.conf").write_text("changed\n")
        with pytest.raises(RefusedError, match=r"1 existing file\(s\): .*ovn.conf"):
            reader.extract_files(str(target))
        assert (target / "etc/ovn/ovn.conf").read_text() == "changed\n"
        done = reader.extract_files(str(target), overwrite=True, paths=["/etc/ovn/ovn.conf"])
        assert done.written == ["/etc/ovn/ovn.conf"]
    assert (target / "etc/ovn/ovn.conf").read_text().startswith("OVN_CTL_OPTS")


def test_extraction_never_writes_through_a_planted_directory_link(
    tmp_path: Path, etc: Path
) -> None:
    path = archive_tree(tmp_path, etc)
    target = tmp_path / "restore"
    victim = tmp_path / "victim"
    victim.mkdir()
    target.mkdir()
    (target / "etc").symlink_to(victim)
    with ArchiveReader(path) as reader, pytest.raises(OutputError, match="symbolic link"):
        reader.extract_files(str(target))
    assert list(victim.iterdir()) == []


def test_extraction_replaces_a_planted_file_link_instead_of_writing_through_it(
    tmp_path: Path, etc: Path
) -> None:
    path = archive_tree(tmp_path, etc)
    target = tmp_path / "restore"
    (target / "etc/ovn").mkdir(parents=True)
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    (target / "etc/ovn/ovn.conf").symlink_to(victim)
    with ArchiveReader(path) as reader:
        with pytest.raises(RefusedError):
            reader.extract_files(str(target))
        reader.extract_files(str(target), overwrite=True)
    assert victim.read_text() == "precious\n"
    assert not (target / "etc/ovn/ovn.conf").is_symlink()
    assert (target / "etc/ovn/ovn.conf").read_text().startswith("OVN_CTL_OPTS")


def test_a_damaged_file_member_is_not_installed(tmp_path: Path, etc: Path) -> None:
    path = archive_tree(tmp_path, etc)
    data = bytearray(path.read_bytes())
    with ArchiveReader(path) as reader:
        member = reader.member("files/etc/ovn/ovn.conf")
    data[member.data_offset] ^= 0x20
    path.write_bytes(bytes(data))
    target = tmp_path / "restore"
    with ArchiveReader(path) as reader, pytest.raises(ArchiveError, match=r"SHA-256"):
        reader.extract_files(str(target), paths=["/etc/ovn/ovn.conf"])
    assert os.listdir(target / "etc/ovn") == []  # not even a temporary file


def test_a_manifest_cannot_point_outside_the_target(tmp_path: Path) -> None:
    facts, _raw = stored("files/x", b"evil")
    entry = FileEntry(
        path="/etc/ovn/x", type="file", mode=0o600, uid=0, gid=0, mtime=0.0, **facts.to_json()
    )
    manifest = Manifest.new(files=[entry]).to_json()
    manifest["files"][0]["path"] = "/../../x"
    with pytest.raises(ArchiveError, match="unsafe"):
        Manifest.from_json(manifest)


def test_file_members_keep_their_metadata_in_the_tar_header(tmp_path: Path, etc: Path) -> None:
    path = archive_tree(tmp_path, etc)
    with ArchiveReader(path) as reader:
        key = reader.member("files/etc/ovn/pki/key.pem")
    assert key.mode == 0o4640
    assert key.mtime == int((etc / "etc/ovn/pki/key.pem").stat().st_mtime)


def test_databases_and_files_together(tmp_path: Path, etc: Path) -> None:
    found = collect_files([str(etc / "etc/ovn/ovn.conf")])
    path = tmp_path / "all.tar"
    with ArchiveWriter(path, compression="gzip") as archive:
        db = archive.add_bytes("db/NB.db.gz", b"OVSDB JSON 0 x\n{}\n")
        files = archive.add_files(found, compression="xz")
        archive.commit(
            Manifest.new(databases=[DatabaseEntry.from_stored(db, name="NB")], files=files.entries)
        )
    assert verify_archive(path).ok
    with ArchiveReader(path) as reader:
        assert [m.name for m in reader.members][1].endswith("ovn.conf.xz")


def test_crafted_file_member_through_tarfile_extracts(tmp_path: Path) -> None:
    facts, raw = stored("files/etc/a", b"hello\n")
    entry = FileEntry(
        path="/etc/a", type="file", mode=0o644, uid=0, gid=0, mtime=5.0, **facts.to_json()
    )
    path = tmp_path / "c.tar"
    craft(
        path,
        [
            (info("files/etc/a"), raw),
            (info("manifest.json"), Manifest.new(files=[entry]).to_bytes()),
        ],
    )
    with ArchiveReader(path) as reader:
        reader.extract_files(str(tmp_path / "r"))
    assert (tmp_path / "r/etc/a").read_text() == "hello\n"
    assert (tmp_path / "r/etc/a").stat().st_mtime == 5.0
