"""Damaged, tampered and unsafe archives: every defect is named with member and reason."""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

import pytest

from ovsdb_backup.archive import ArchiveReader, DatabaseEntry, Manifest, verify_archive
from ovsdb_backup.archive.tarformat import BLOCK
from ovsdb_backup.errors import ArchiveError, InputError
from ovsdb_backup.results import Finding, Severity
from tests.support.archives import NB, SB, build, craft, info, members_of, rewrite_manifest, stored

NB_MEMBER = "db/OVN_Northbound.db.zst"
SB_MEMBER = "db/OVN_Southbound.db.zst"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.tar"
    build(path)
    return path


def kinds(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.kind, f.path) for f in findings if f.severity is Severity.ERROR]


def member_offset(path: Path, name: str) -> int:
    with ArchiveReader(path) as reader:
        return reader.member(name).data_offset


def test_a_good_archive_verifies(good: Path) -> None:
    check = verify_archive(good)
    assert check.ok, check.findings
    assert check.findings == []
    assert check.members_checked == 2
    assert check.manifest is not None
    assert check.to_json()["ok"] is True


@pytest.mark.parametrize("compression", ["zstd", "gzip", "bzip2", "xz", "none"])
def test_every_codec_round_trips_through_an_archive(tmp_path: Path, compression: str) -> None:
    path = tmp_path / "a.tar"
    build(path, compression=compression)
    assert verify_archive(path).ok
    with ArchiveReader(path) as reader:
        assert b"".join(reader.open_database("OVN_Northbound").chunks()) == NB
        with reader.open_database("OVN_Southbound") as stream:
            assert stream.read() == SB


def test_truncated_archive(good: Path, tmp_path: Path) -> None:
    data = good.read_bytes()
    cut_in_sb = member_offset(good, SB_MEMBER) + 5
    for cut, member in [(cut_in_sb, SB_MEMBER), (len(data) - 10_000, None), (700, None)]:
        damaged = tmp_path / "cut.tar"
        damaged.write_bytes(data[:cut])
        check = verify_archive(damaged)
        assert not check.ok
        found = kinds(check.findings)
        assert found[0][0] == "truncated-tar", found
        if member:
            assert found[0][1] == member
        assert ("missing-manifest", "manifest.json") in found
        with ArchiveReader(damaged) as reader, pytest.raises(ArchiveError, match="incomplete"):
            reader.manifest()


def test_a_flipped_bit_in_a_member_names_the_member(good: Path) -> None:
    data = bytearray(good.read_bytes())
    data[member_offset(good, SB_MEMBER) + 20] ^= 0x04
    good.write_bytes(bytes(data))
    check = verify_archive(good)
    [(kind, member)] = kinds(check.findings)
    assert (kind, member) == ("sha256-mismatch", SB_MEMBER)
    assert "damaged or tampered" in check.findings[0].message
    with ArchiveReader(good) as reader:
        assert b"".join(reader.open_database("OVN_Northbound").chunks()) == NB
        with pytest.raises(ArchiveError) as err:
            reader.open_database("OVN_Southbound").drain()
    assert err.value.kind == "sha256-mismatch"
    assert err.value.member == SB_MEMBER


def test_a_flipped_bit_in_a_header_is_a_bad_checksum(good: Path) -> None:
    data = bytearray(good.read_bytes())
    header = member_offset(good, SB_MEMBER) - BLOCK
    data[header + 130] ^= 0x01  # in the size field
    good.write_bytes(bytes(data))
    [finding] = verify_archive(good).findings[:1]
    assert finding.kind == "bad-header-checksum"
    assert finding.offset == header


def test_a_flipped_bit_in_padding_is_damage(good: Path) -> None:
    data = bytearray(good.read_bytes())
    with ArchiveReader(good) as reader:
        nb = reader.member(NB_MEMBER)
    data[nb.data_offset + nb.size] = 1
    good.write_bytes(bytes(data))
    assert kinds(verify_archive(good).findings) == [("bad-padding", NB_MEMBER)]


def test_tampered_manifest_text_breaks_its_seal(good: Path, tmp_path: Path) -> None:
    tampered = tmp_path / "t.tar"
    rewrite_manifest(good, tampered, lambda d: d.update(host="elsewhere"), reseal=False)
    assert kinds(verify_archive(tampered).findings) == [
        ("manifest-sha256-mismatch", "manifest.json")
    ]


def test_tampered_member_sha_in_a_resealed_manifest_is_a_mismatch(
    good: Path, tmp_path: Path
) -> None:
    tampered = tmp_path / "t.tar"

    def change(data: dict) -> None:
        data["databases"][0]["sha256"] = "0" * 64

    rewrite_manifest(good, tampered, change, reseal=True)
    check = verify_archive(tampered)
    assert kinds(check.findings) == [("sha256-mismatch", NB_MEMBER)]
    assert "the manifest says 000000" in check.findings[0].message


def test_tampered_uncompressed_facts(good: Path, tmp_path: Path) -> None:
    tampered = tmp_path / "t.tar"

    def change(data: dict) -> None:
        data["databases"][0]["uncompressed_size"] += 1
        data["databases"][1]["uncompressed_sha256"] = "1" * 64

    rewrite_manifest(good, tampered, change, reseal=True)
    assert kinds(verify_archive(tampered).findings) == [
        ("uncompressed-size-mismatch", NB_MEMBER),
        ("uncompressed-sha256-mismatch", SB_MEMBER),
    ]


def test_size_in_manifest_differs_from_tar(good: Path, tmp_path: Path) -> None:
    tampered = tmp_path / "t.tar"
    rewrite_manifest(good, tampered, lambda d: d["databases"][0].update(size=1), reseal=True)
    assert kinds(verify_archive(tampered).findings) == [("size-mismatch", NB_MEMBER)]


def test_member_not_in_the_manifest_and_member_missing(good: Path, tmp_path: Path) -> None:
    members = members_of(good)
    extra = (info("db/OVN_IC_Northbound.db"), b"extra")
    crafted = tmp_path / "c.tar"
    craft(crafted, [members[0], extra, members[2]])  # SB dropped, an unlisted one added
    check = verify_archive(crafted)
    assert sorted(kinds(check.findings)) == [
        ("extra-member", "db/OVN_IC_Northbound.db"),
        ("missing-member", SB_MEMBER),
    ]
    with ArchiveReader(crafted) as reader, pytest.raises(ArchiveError) as err:
        reader.open_member("db/OVN_IC_Northbound.db")
    assert err.value.kind == "extra-member"


def test_manifest_not_last_is_a_warning(good: Path, tmp_path: Path) -> None:
    members = members_of(good)
    crafted = tmp_path / "c.tar"
    craft(crafted, [members[0], members[2], members[1]])
    check = verify_archive(crafted)
    assert check.ok
    assert [f.kind for f in check.findings] == ["manifest-not-last"]


UNSAFE = [
    (info("../x"), b"x", "parent directory reference"),
    (info("/etc/passwd"), b"root:x:0:0::/root:/bin/sh\n", "absolute path"),
    (info("files/etc/ovn/a/../../../../x"), b"x", "parent directory reference"),
    (info("link", type_=tarfile.SYMTYPE, linkname="/etc/shadow"), b"", "symbolic link"),
    (info("hard", type_=tarfile.LNKTYPE, linkname="etc/shadow"), b"", "hard link"),
    (info("dev", type_=tarfile.CHRTYPE, devmajor=1, devminor=3), b"", "character device"),
    (info("fifo", type_=tarfile.FIFOTYPE), b"", "FIFO"),
]


@pytest.mark.parametrize(("member", "data", "reason"), UNSAFE, ids=[u[0].name for u in UNSAFE])
def test_unsafe_members_are_refused_with_the_reason(
    good: Path, tmp_path: Path, member: tarfile.TarInfo, data: bytes, reason: str
) -> None:
    members = members_of(good)
    crafted = tmp_path / "c.tar"
    craft(crafted, [*members[:-1], (member, data), members[-1]])
    check = verify_archive(crafted)
    unsafe = [f for f in check.findings if f.kind == "unsafe-member"]
    assert len(unsafe) == 1
    assert unsafe[0].path == member.name.rstrip("/")
    assert reason in unsafe[0].message
    assert not check.ok
    with ArchiveReader(crafted) as reader:
        with pytest.raises(ArchiveError, match=reason) as err:
            reader.check_safe()
        assert err.value.kind == "unsafe-member"
        with pytest.raises(ArchiveError, match="refusing unsafe member"):
            reader.open_member(member.name, verify=False)
        with pytest.raises(ArchiveError, match="refusing unsafe member"):
            reader.extract_files(str(tmp_path / "restore"))
    assert not (tmp_path / "restore").exists()
    assert not (tmp_path / "x").exists()


def test_unknown_major_version_in_an_archive(good: Path, tmp_path: Path) -> None:
    future = tmp_path / "f.tar"
    rewrite_manifest(good, future, lambda d: d.update(format_version=2), reseal=True)
    check = verify_archive(future)
    assert kinds(check.findings) == [("unsupported-format-version", "manifest.json")]
    with ArchiveReader(future) as reader, pytest.raises(ArchiveError, match="not supported"):
        reader.manifest()


def test_no_manifest_at_all(tmp_path: Path) -> None:
    crafted = tmp_path / "c.tar"
    craft(crafted, [(info("db/x.db"), b"x")])
    assert kinds(verify_archive(crafted).findings) == [("missing-manifest", "manifest.json")]


def test_not_an_archive_and_missing_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk"
    junk.write_bytes(b"\x89PNG" + bytes(3000))
    assert kinds(verify_archive(junk).findings)[0][0] == "not-a-tar"
    with pytest.raises(InputError, match="cannot open"):
        verify_archive(tmp_path / "absent.tar")


def test_decompression_error_with_matching_hashes(tmp_path: Path) -> None:
    """A member whose manifest facts describe bytes that do not decode."""
    facts, raw = stored("db/NB.db.zst", b"", "none")
    facts = type(facts)(**{**facts.to_json(), "compression": "zstd"})
    manifest = Manifest.new(databases=[DatabaseEntry.from_stored(facts, name="NB")])
    crafted = tmp_path / "c.tar"
    craft(crafted, [(info("db/NB.db.zst"), raw), (info("manifest.json"), manifest.to_bytes())])
    assert kinds(verify_archive(crafted).findings) == [("decompression-error", "db/NB.db.zst")]


def test_check_database_hook_runs_on_the_same_read(good: Path) -> None:
    seen: dict[str, int] = {}

    def check_database(entry: DatabaseEntry, stream) -> list[Finding]:
        first = stream.read(10)
        seen[entry.name] = len(first)
        if entry.name == "OVN_Southbound":
            return [Finding(kind="schema-violation", severity=Severity.ERROR, message="x")]
        return []

    progress: list[int] = []
    check = verify_archive(
        good, check_database=check_database, progress=lambda d, t: progress.append(d)
    )
    assert seen == {"OVN_Northbound": 10, "OVN_Southbound": 10}
    assert [f.kind for f in check.findings] == ["schema-violation"]
    assert progress[-1] == check.bytes_checked


def test_check_database_hook_sees_archive_damage_as_a_finding(good: Path) -> None:
    data = bytearray(good.read_bytes())
    data[member_offset(good, NB_MEMBER) + 30] ^= 0x40
    good.write_bytes(bytes(data))

    def read_all(entry: DatabaseEntry, stream) -> list[Finding]:
        for _ in stream.chunks():
            pass
        return []

    check = verify_archive(good, check_database=read_all)
    assert kinds(check.findings) == [("sha256-mismatch", NB_MEMBER)]


def test_input_errors_from_the_hook_become_findings(good: Path) -> None:
    def broken(entry: DatabaseEntry, stream) -> list[Finding]:
        raise InputError("record 3: bad JSON")

    check = verify_archive(good, check_database=broken)
    assert [f.kind for f in check.findings] == ["database-check-failed"] * 2


def test_reader_lists_members_without_reading_data(good: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.tar"
    shutil.copy(good, copy)
    with ArchiveReader(copy) as reader:
        names = [m.name for m in reader.members]
        assert names == [NB_MEMBER, SB_MEMBER, "manifest.json"]
        assert reader.database_entry("OVN_Northbound").records == 2
        with pytest.raises(ArchiveError, match="no member"):
            reader.member("nope")
