"""``ovsdb-backup backup`` / ``verify`` / ``info`` / ``list`` against real servers.

Every archive is opened the way an operator would restore it: the database
member is decompressed and served by a real ovsdb-server, and what it serves is
compared row by row (UUIDs included) with the live contents at backup time.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from ovsdb_backup.archive import ArchiveReader
from ovsdb_backup.cli.main import main
from ovsdb_backup.ops.verify import verify
from ovsdb_backup.sandbox.client import transact
from ovsdb_backup.sandbox.cluster import Cluster
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_standalone
from tests.support.contents import assert_same_tables, file_db, live_tables
from tests.support.servers import ActiveBackup, RelaySetup
from tests.support.tls import make_pki, start_ssl_server

NB = "OVN_Northbound"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main([*args, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def served_from_archive(archive: Path, db: str, tmp_path: Path) -> dict:
    """Extract ``db`` from the archive and read what a real ovsdb-server serves from it."""
    path = tmp_path / f"restored-{db}.db"
    with ArchiveReader(archive) as reader, reader.open_database(db) as stream:
        path.write_bytes(stream.read())
    server = start_standalone(tmp_path / f"serve-{db}", path, name="restored", tcp=False)
    try:
        return live_tables(server.remote, file_db(path).schema)
    finally:
        server.stop()


def test_backup_of_a_cluster_and_a_standalone_server(
    capsys, nb_cluster: Cluster, standalone_nb: OvsdbServer, tmp_path: Path
):
    leader = nb_cluster.wait_until_settled()
    schema = file_db(leader.db_paths[0]).schema
    live = live_tables(leader.remote, schema)
    archive = tmp_path / "ovn.tar"
    # The same database online and as a file would make an ambiguous archive: refused.
    standalone_nb.stop()
    code, result = run(
        capsys,
        "backup",
        "-r",
        nb_cluster.remotes(),
        "--from-file",
        str(standalone_nb.db_paths[0]),
        "-f",
        str(archive),
    )
    assert code == 2
    assert not archive.exists()
    code, result = run(capsys, "backup", "-r", nb_cluster.remotes(), "-f", str(archive))
    assert code == 0
    (db,) = result["databases"]
    assert db["name"] == NB and db["model"] == "clustered" and db["cid"] == nb_cluster.cid
    assert db["raft_index"] >= 1 and db["last_txn_id"]
    assert db["rows"] == {t: len(r) for t, r in live.items() if r}
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert_same_tables(served_from_archive(archive, NB, tmp_path), live)
    assert verify(str(archive)).ok
    # Standard tools read it: a plain tar with a manifest.
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and f"db/{NB}.db.zst" in names


def test_backup_of_relay_and_active_backup(
    capsys, relay_nb: RelaySetup, active_backup_nb: ActiveBackup, tmp_path: Path
):
    schema = file_db(relay_nb.source.db_paths[0]).schema
    archive = tmp_path / "relay.tar"
    assert (
        main(
            [
                "backup",
                "-r",
                relay_nb.relay.remote,
                "--prefer-follower",
                "-f",
                str(archive),
                "--no-progress",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert_same_tables(
        served_from_archive(archive, NB, tmp_path), live_tables(relay_nb.source.remote, schema)
    )
    archive2 = tmp_path / "ab.tar"
    assert (
        main(
            [
                "backup",
                "-r",
                active_backup_nb.backup.remote,
                "-f",
                str(archive2),
                "--compress",
                "gzip",
                "--no-progress",
            ]
        )
        == 0
    )
    assert_same_tables(
        served_from_archive(archive2, NB, tmp_path),
        live_tables(active_backup_nb.active.remote, schema),
    )


def test_backup_over_tls_and_a_wrong_ca(capsys, nb_schema: Path, tmp_path: Path):
    pki = make_pki(tmp_path / "pki")
    server = start_ssl_server(tmp_path / "ssl", nb_schema, pki)
    try:
        transact(
            server.remote,
            [NB, {"op": "insert", "table": "Logical_Switch", "row": {"name": "over-tls"}}],
        )
        remote = f"ssl:127.0.0.1:{server.tcp_port}"
        archive = tmp_path / "tls.tar"
        base = [
            "backup",
            "-r",
            remote,
            "-p",
            str(pki / "client-privkey.pem"),
            "-c",
            str(pki / "client-cert.pem"),
            "-f",
            str(archive),
            "--no-progress",
        ]
        assert main([*base, "-C", str(pki / "ca/switchca/cacert.pem")]) == 0
        names = {
            r["name"] for r in served_from_archive(archive, NB, tmp_path)["Logical_Switch"].values()
        }
        assert names == {"over-tls"}
        capsys.readouterr()
        archive.unlink()
        assert main([*base, "-C", str(pki / "ca/controllerca/cacert.pem")]) == 4
        err = capsys.readouterr().err
        assert "certificate verify failed" in err and "not signed by the given CA" in err
        assert not archive.exists()
    finally:
        server.stop()


def test_configuration_files_and_labels(capsys, standalone_nb: OvsdbServer, tmp_path: Path):
    etc = tmp_path / "etc-ovn"
    etc.mkdir()
    (etc / "ovn.conf").write_text("setting=1\n")
    (etc / "link").symlink_to("/etc/passwd")
    archive = tmp_path / "with-files.tar"
    code, result = run(
        capsys,
        "backup",
        "-r",
        standalone_nb.remote,
        "--files",
        str(etc),
        "--label",
        "site=lab",
        "-f",
        str(archive),
        "--no-progress",
    )
    assert code == 0 and result["files"] == 3  # the directory, the file and the link
    with ArchiveReader(archive) as reader:
        manifest = reader.manifest()
        recorded = {f.path: f for f in manifest.files}
        member = recorded[str(etc / "ovn.conf")].member
        assert member is not None
        with reader.open_member(member) as stream:
            assert stream.read() == b"setting=1\n"
    assert manifest.labels == {"site": "lab"}
    link = recorded[str(etc / "link")]
    assert link.type == "symlink" and link.target == "/etc/passwd" and link.member is None
    code, _ = run(
        capsys,
        "backup",
        "-r",
        standalone_nb.remote,
        "--files",
        str(tmp_path / "nope"),
        "-f",
        str(tmp_path / "x.tar"),
    )
    assert code == 3 and not (tmp_path / "x.tar").exists()


def test_info_list_and_verify_commands(capsys, standalone_nb: OvsdbServer, tmp_path: Path):
    archive = tmp_path / "a.tar"
    assert main(["backup", "-r", standalone_nb.remote, "-f", str(archive), "--no-progress"]) == 0
    capsys.readouterr()
    code, info = run(capsys, "info", str(archive))
    assert code == 0 and info["databases"][0]["name"] == NB
    code, listing = run(capsys, "list", str(tmp_path))
    assert code == 0 and listing[0]["state"] == "complete"
    code, checked = run(capsys, "verify", "--deep", str(archive))
    assert code == 0 and checked["ok"]
    assert any(f["kind"] == "server-check" for f in checked["findings"])


def test_verify_names_the_member_and_the_reason(capsys, standalone_nb: OvsdbServer, tmp_path: Path):
    archive = tmp_path / "a.tar"
    assert (
        main(
            [
                "backup",
                "-r",
                standalone_nb.remote,
                "-f",
                str(archive),
                "--no-progress",
                "--compress",
                "none",
            ]
        )
        == 0
    )
    capsys.readouterr()
    data = archive.read_bytes()
    member = f"db/{NB}.db"
    with tarfile.open(archive) as tar:
        info = tar.getmember(member)
    # A flipped byte inside the database member: the archive hash fails.
    flipped = bytearray(data)
    flipped[info.offset_data + 200] ^= 0x01
    bad = tmp_path / "flipped.tar"
    bad.write_bytes(bytes(flipped))
    code, report = run(capsys, "verify", str(bad))
    assert code == 1 and any(f["path"] == member for f in report["findings"])
    # Truncated: the manifest (last member) is gone.
    cut = tmp_path / "cut.tar"
    cut.write_bytes(data[: len(data) // 2])
    code, report = run(capsys, "verify", str(cut))
    assert code == 1 and report["findings"]


def test_killed_backups_never_leave_a_verifiable_file_under_the_final_name(
    standalone_nb: OvsdbServer, tmp_path: Path
):
    # Enough data that the backup takes a little while.
    for i in range(20):
        transact(
            standalone_nb.remote,
            [NB]
            + [
                {
                    "op": "insert",
                    "table": "Address_Set",
                    "row": {
                        "name": f"as-{i}-{j}",
                        "addresses": ["set", [f"10.{i}.{j}.{k}" for k in range(200)]],
                    },
                }
                for j in range(10)
            ],
        )
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    finished = 0
    for i in range(8):
        archive = tmp_path / f"k{i}.tar"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ovsdb_backup",
                "backup",
                "-r",
                standalone_nb.remote,
                "-f",
                str(archive),
                "--no-progress",
                "--compress",
                "xz",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if archive.exists():
            finished += 1
            assert verify(str(archive)).ok, f"{archive} exists but does not verify"
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f"k{i}.tar.")]
        assert all(name.endswith(".part") for name in leftovers)
    assert finished < 8, "no run was interrupted; the test proves nothing"


def test_verify_checks_inside_the_database_not_only_hashes(tmp_path: Path):
    """A member whose archive hashes are right but whose OVSDB contents are wrong."""
    import orjson

    from ovsdb_backup.archive import ArchiveWriter, DatabaseEntry, Manifest
    from ovsdb_backup.formats.records import encode_json_record
    from tests.support.ovs_files import MINI_SCHEMA

    dangling = "00000000-0000-0000-0000-00000000beef"
    body = {
        "Switch": {
            "11111111-0000-0000-0000-000000000001": {"name": "sw", "ports": ["uuid", dangling]}
        },
        "_date": 1,
    }
    data = encode_json_record("JSON", MINI_SCHEMA) + encode_json_record("JSON", body)
    archive = tmp_path / "tampered.tar"
    with ArchiveWriter(archive) as writer:
        stored = writer.add_database("Mini", [data])
        entry = DatabaseEntry.from_stored(
            stored, name="Mini", schema_version="1.0.0", rows={"Switch": 2}
        )
        writer.commit(Manifest.new(databases=[entry]))
    check = verify(str(archive))
    kinds = {f.kind for f in check.findings}
    assert not check.ok
    assert {"dangling-strong-ref", "row-count-mismatch"} <= kinds
    assert orjson.dumps(check.to_json())
