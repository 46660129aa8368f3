"""``ovsdb-backup restore`` against real servers: equality with UUIDs, no-op, targets."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ovsdb_backup.archive import ArchiveReader
from ovsdb_backup.cli.main import main
from ovsdb_backup.sandbox.cluster import Cluster, start_cluster_from_files
from ovsdb_backup.sandbox.server import OvsdbServer
from ovsdb_backup.sandbox.servers import start_standalone
from ovsdb_backup.sandbox.tools import free_loopback_ports
from tests.support.contents import assert_same_tables, file_db, live_tables

NB = "OVN_Northbound"
COUNTERS = {
    "nb_cfg",
    "nb_cfg_timestamp",
    "sb_cfg",
    "sb_cfg_timestamp",
    "hv_cfg",
    "hv_cfg_timestamp",
}


def nbctl(remote: str, *args: str) -> str:
    return subprocess.run(
        ["ovn-nbctl", f"--db={remote}", "--timeout=20", *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def backup(remote: str, path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> None:
    assert main(["backup", "-r", remote, "-f", str(path), "--no-progress", *options]) == 0
    capsys.readouterr()


def without_counters(tables: dict) -> dict:
    out = {t: dict(rows) for t, rows in tables.items()}
    out["NB_Global"] = {
        u: {c: v for c, v in r.items() if c not in COUNTERS} for u, r in tables["NB_Global"].items()
    }
    return out


def damage(remote: str) -> None:
    """Deletions, insertions and updates, like a mistaken script would make."""
    nbctl(remote, "ls-del", "sw0")
    nbctl(remote, "ls-add", "intruder")
    nbctl(remote, "set", "Logical_Switch", "sw1", "other_config:x=y")
    nbctl(remote, "set", "NB_Global", ".", "nb_cfg=42")


def run_json(capsys, *args: str) -> tuple[int, list]:
    code = main([*args, "--json"])
    return code, json.loads(capsys.readouterr().out or "[]")


def test_online_restore_into_a_standalone_server(
    capsys, standalone_nb: OvsdbServer, tmp_path: Path
):
    schema = file_db(standalone_nb.db_paths[0]).schema
    before = live_tables(standalone_nb.remote, schema)
    archive = tmp_path / "nb.tar"
    backup(standalone_nb.remote, archive, capsys)
    damage(standalone_nb.remote)
    code, (result,) = run_json(capsys, "restore", str(archive), "-r", standalone_nb.remote)
    assert code == 0 and result["committed"]
    assert Path(result["safety_backup"]).exists()
    with ArchiveReader(result["safety_backup"]) as reader:  # undoing it is fast too
        assert reader.manifest().databases[0].row_index is not None
    after = live_tables(standalone_nb.remote, schema)
    assert_same_tables(without_counters(after), without_counters(before))
    (nb_global,) = after["NB_Global"].values()
    assert nb_global["nb_cfg"] == 42, "counters move only forward: the live value is kept"


def test_online_restore_into_a_cluster(capsys, nb_cluster: Cluster, tmp_path: Path):
    leader = nb_cluster.wait_until_settled()
    schema = file_db(leader.db_paths[0]).schema
    before = live_tables(leader.remote, schema)
    archive = tmp_path / "nb.tar"
    backup(nb_cluster.remotes(), archive, capsys)
    damage(nb_cluster.remotes())
    code, (result,) = run_json(
        capsys, "restore", str(archive), "-r", nb_cluster.remotes(), "--no-safety-backup"
    )
    assert code == 0 and result["committed"] and result["safety_backup"] is None
    for member in nb_cluster.servers:  # every member serves the same restored rows
        after = live_tables(member.remote, schema)
        assert_same_tables(without_counters(after), without_counters(before))


def test_restoring_an_unchanged_database_sends_no_row_changes(
    capsys, standalone_nb: OvsdbServer, tmp_path: Path
):
    archive = tmp_path / "nb.tar"
    backup(standalone_nb.remote, archive, capsys)
    db_file = standalone_nb.db_paths[0]
    size = db_file.stat().st_size
    code, (result,) = run_json(
        capsys, "restore", str(archive), "-r", standalone_nb.remote, "--no-safety-backup"
    )
    assert code == 0
    assert result["total_changes"] == 0 and result["operations"] == 0
    assert not result["committed"]
    assert db_file.stat().st_size == size, "the server wrote a record for a no-op restore"


def test_dry_run_changes_nothing_and_describes_rows(
    capsys, standalone_nb: OvsdbServer, tmp_path: Path
):
    archive = tmp_path / "nb.tar"
    backup(standalone_nb.remote, archive, capsys)
    nbctl(standalone_nb.remote, "ls-del", "sw0")
    schema = file_db(standalone_nb.db_paths[0]).schema
    damaged = live_tables(standalone_nb.remote, schema)
    code, (result,) = run_json(
        capsys, "restore", str(archive), "-r", standalone_nb.remote, "--dry-run", "-v"
    )
    assert code == 0 and not result["committed"] and result["dry_run"]
    assert result["changes"]["Logical_Switch"]["insert"] == 1
    assert any(c["row"].startswith('Logical_Switch "sw0"') for c in result["changes_detail"])
    assert_same_tables(live_tables(standalone_nb.remote, schema), damaged)


def test_replace_mode_gives_new_uuids_like_ovsdb_client(
    capsys, standalone_nb: OvsdbServer, tmp_path: Path
):
    schema = file_db(standalone_nb.db_paths[0]).schema
    before = live_tables(standalone_nb.remote, schema)
    archive = tmp_path / "nb.tar"
    backup(standalone_nb.remote, archive, capsys)
    code, _ = run_json(
        capsys,
        "restore",
        str(archive),
        "-r",
        standalone_nb.remote,
        "--mode",
        "replace",
        "--no-safety-backup",
    )
    assert code == 0
    after = live_tables(standalone_nb.remote, schema)
    names_before = sorted(r["name"] for r in before["Logical_Switch"].values())
    assert sorted(r["name"] for r in after["Logical_Switch"].values()) == names_before
    assert not set(after["Logical_Switch"]) & set(before["Logical_Switch"])


def test_to_file_and_to_cluster(capsys, standalone_nb: OvsdbServer, tmp_path: Path):
    schema = file_db(standalone_nb.db_paths[0]).schema
    live = live_tables(standalone_nb.remote, schema)
    archive = tmp_path / "nb.tar"
    backup(standalone_nb.remote, archive, capsys)
    out = tmp_path / "nb.db"
    code, (result,) = run_json(capsys, "restore", str(archive), "--to-file", str(out))
    assert code == 0 and result["rows"] == sum(len(r) for r in live.values())
    assert_same_tables(file_db(out).tables, live)
    # An existing file: refused without --force, kept aside with it.
    assert main(["restore", str(archive), "--to-file", str(out)]) == 6
    capsys.readouterr()
    code, (result,) = run_json(capsys, "restore", str(archive), "--to-file", str(out), "--force")
    assert code == 0 and Path(result["previous_kept_as"]).exists()

    addresses = [f"tcp:127.0.0.1:{p}" for p in free_loopback_ports(3)]
    cluster_dir = tmp_path / "new-cluster"
    code, (result,) = run_json(
        capsys,
        "restore",
        str(archive),
        "--to-cluster",
        str(cluster_dir),
        *[a for addr in addresses for a in ("--address", addr)],
    )
    assert code == 0 and len(result["members"]) == 3
    assert any("nb-cluster-state-reset" in c for c in result["client_resets"])
    files = [Path(m["file"]) for m in result["members"]]
    cluster = start_cluster_from_files(tmp_path / "run", files, addresses, name="restored")
    try:
        leader = cluster.wait_until_settled()
        assert_same_tables(live_tables(leader.remote, schema.with_ephemeral_persisted()), live)
        assert cluster.cid == result["cluster_id"]
    finally:
        cluster.stop_all()


def test_bad_inputs_change_nothing(
    capsys, standalone_nb: OvsdbServer, tmp_path: Path, nb_schema: Path
):
    schema = file_db(standalone_nb.db_paths[0]).schema
    archive = tmp_path / "nb.tar"
    backup(standalone_nb.remote, archive, capsys)
    untouched = live_tables(standalone_nb.remote, schema)
    size = standalone_nb.db_paths[0].stat().st_size

    cut = tmp_path / "cut.tar"
    cut.write_bytes(archive.read_bytes()[:3000])
    assert main(["restore", str(cut), "-r", standalone_nb.remote]) == 3
    assert "manifest" in capsys.readouterr().err

    # A database of another name (an SB backup into the NB server) is refused.
    assert (
        main(["restore", str(archive), "-r", standalone_nb.remote, "--as", "OVN_Southbound"]) == 2
    )
    capsys.readouterr()

    # A newer schema than the target's: the extra column would be lost.
    newer = json.loads(nb_schema.read_text())
    newer["version"] = "7.99.0"
    newer["tables"]["Logical_Switch"]["columns"]["future"] = {"type": "string"}
    newer_path = tmp_path / "newer.ovsschema"
    newer_path.write_text(json.dumps(newer))
    converted = tmp_path / "newer.db"
    assert (
        main(["db", "convert", str(standalone_nb.db_paths[0]), str(newer_path), str(converted)])
        == 0
    )
    subprocess.run(
        [
            "ovsdb-tool",
            "transact",
            str(converted),
            json.dumps(
                [
                    "OVN_Northbound",
                    {
                        "op": "update",
                        "table": "Logical_Switch",
                        "where": [],
                        "row": {"future": "yes"},
                    },
                ]
            ),
        ],
        check=True,
        capture_output=True,
    )
    capsys.readouterr()
    assert main(["restore", str(converted), "-r", standalone_nb.remote]) == 5
    assert "would lose data" in capsys.readouterr().err

    # An unreachable target.
    assert main(["restore", str(archive), "-r", f"unix:{tmp_path}/nothing.sock"]) == 4
    capsys.readouterr()

    assert_same_tables(live_tables(standalone_nb.remote, schema), untouched)
    assert standalone_nb.db_paths[0].stat().st_size == size
    assert not list(tmp_path.glob("safety-*.tar")), "no safety backup for refused restores"


def test_diff_command(capsys, standalone_nb: OvsdbServer, tmp_path: Path):
    archive = tmp_path / "nb.tar"
    backup(standalone_nb.remote, archive, capsys)
    assert main(["diff", str(archive), standalone_nb.remote, "--db", NB]) == 0
    capsys.readouterr()
    nbctl(standalone_nb.remote, "ls-add", "newcomer")
    code = main(["diff", str(archive), standalone_nb.remote, "--db", NB, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["changes"]["Logical_Switch"]["insert"] == 1
    assert any("newcomer" in c["row"] for c in data["detail"])


def _many_ports(remote: str, switches: int, ports: int) -> None:
    from ovsdb_backup.sandbox.client import transact

    for i in range(switches):
        ops = [
            {
                "op": "insert",
                "table": "Logical_Switch_Port",
                "uuid-name": f"p{j}",
                "row": {
                    "name": f"big-{i}-{j}",
                    "addresses": f"00:00:00:{i:02x}:{j // 256:02x}:"
                    f"{j % 256:02x} 10.{i}.{j // 250}.{j % 250 + 1}",
                },
            }
            for j in range(ports)
        ]
        ops.append(
            {
                "op": "insert",
                "table": "Logical_Switch",
                "row": {
                    "name": f"big-{i}",
                    "ports": ["set", [["named-uuid", f"p{j}"] for j in range(ports)]],
                },
            }
        )
        transact(remote, [NB, *ops], timeout=60)


@pytest.mark.parametrize("victim", ["client", "server"])
def test_killed_restore_leaves_the_target_fully_old_or_fully_new(
    victim: str, tmp_path: Path, nb_schema: Path, capsys
):
    """Kill the restoring client, or the server, at several moments of a big restore."""
    import os
    import signal
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    seen = set()
    for attempt, delay in enumerate((0.2, 0.6, 1.2, 30.0)):
        server = start_standalone(tmp_path / f"s{attempt}", nb_schema, name="nb", tcp=False)
        try:
            _many_ports(server.remote, 12, 250)  # 3,000 ports: a long restore transaction
            schema = file_db(server.db_paths[0]).schema
            new_contents = without_counters(live_tables(server.remote, schema))
            archive = tmp_path / f"nb{attempt}.tar"
            backup(server.remote, archive, capsys)
            for i in range(12):
                nbctl(server.remote, "ls-del", f"big-{i}")  # the restore re-inserts them all
            old_contents = without_counters(live_tables(server.remote, schema))
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "ovsdb_backup",
                    "restore",
                    str(archive),
                    "-r",
                    server.remote,
                    "--no-safety-backup",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                if victim == "client":
                    proc.send_signal(signal.SIGKILL)
                else:
                    server.kill()
                proc.wait()
            if not server.is_running():
                server.stop()  # forget the killed process
                server = start_standalone(
                    tmp_path / f"r{attempt}", server.db_paths[0], name="nb2", tcp=False
                )
            now = without_counters(live_tables(server.remote, schema))
            assert now in (old_contents, new_contents), f"partial restore after {delay}s"
            seen.add("old" if now == old_contents else "new")
        finally:
            server.stop()
    assert seen == {"old", "new"}, f"only saw {seen}: the kills never hit the restore"


def test_cluster_restore_reads_only_the_changes_since_the_backup(
    capsys, nb_cluster: Cluster, tmp_path: Path
):
    leader = nb_cluster.wait_until_settled()
    schema = file_db(leader.db_paths[0]).schema
    before = live_tables(leader.remote, schema)
    archive = tmp_path / "nb.tar"
    backup(nb_cluster.remotes(), archive, capsys)
    damage(nb_cluster.remotes())
    code, (result,) = run_json(
        capsys, "restore", str(archive), "-r", nb_cluster.remotes(), "--no-safety-backup"
    )
    assert code == 0 and result["committed"]
    assert result["read"] == "changes since the backup"
    assert_same_tables(
        without_counters(live_tables(leader.remote, schema)), without_counters(before)
    )
    # Past the server's history (about 100 transactions) it reads everything instead.
    damage(nb_cluster.remotes())
    for i in range(120):
        nbctl(nb_cluster.remotes(), "set", "Logical_Switch", "sw1", f"external_ids:n={i}")
    code, (result,) = run_json(
        capsys, "restore", str(archive), "-r", nb_cluster.remotes(), "--no-safety-backup"
    )
    assert code == 0 and result["read"] == "whole database"
    assert_same_tables(
        without_counters(live_tables(leader.remote, schema)), without_counters(before)
    )


def test_standalone_backup_into_a_cluster_of_the_same_schema_version(
    capsys, standalone_nb: OvsdbServer, nb_cluster: Cluster, tmp_path: Path
):
    """Clustered servers make ephemeral columns persistent: that must not block a restore."""
    from ovsdb_backup.sandbox.client import transact

    transact(
        standalone_nb.remote,
        [NB, {"op": "insert", "table": "Connection", "row": {"target": "ptcp:6641"}}],
    )
    schema = file_db(standalone_nb.db_paths[0]).schema
    assert schema.has_ephemeral_columns()
    expected = live_tables(standalone_nb.remote, schema)
    archive = tmp_path / "standalone.tar"
    backup(standalone_nb.remote, archive, capsys)
    code, (result,) = run_json(
        capsys, "restore", str(archive), "-r", nb_cluster.remotes(), "--no-safety-backup"
    )
    assert code == 0 and result["conversion"] is not None and not result["conversion"]["lossy"]
    leader = nb_cluster.wait_until_settled()
    cluster_schema = file_db(leader.db_paths[0]).schema
    got = live_tables(leader.remote, cluster_schema)
    for table in ("Logical_Switch", "Logical_Switch_Port", "ACL", "Connection"):
        assert got[table] == expected[table], table


def test_nb_and_sb_in_one_run_and_configuration_files(
    capsys, tmp_path: Path, nb_schema: Path, sb_schema: Path
):
    from ovsdb_backup.sandbox.sample import populate_nb, populate_sb

    nb = start_standalone(tmp_path / "nb", nb_schema, name="nb", tcp=False)
    sb = start_standalone(tmp_path / "sb", sb_schema, name="sb", tcp=False)
    try:
        populate_nb(nb.remote)
        populate_sb(sb.remote)
        etc = tmp_path / "etc"
        etc.mkdir()
        (etc / "ovn.conf").write_text("a=1\n")
        os_chmod = 0o640
        (etc / "ovn.conf").chmod(os_chmod)
        archive = tmp_path / "ovn.tar"
        assert (
            main(
                [
                    "backup",
                    "-r",
                    nb.remote,
                    "-r",
                    sb.remote,
                    "--files",
                    str(etc),
                    "-f",
                    str(archive),
                    "--no-progress",
                ]
            )
            == 0
        )
        capsys.readouterr()
        expected = {s.name: live_tables(s.remote, file_db(s.db_paths[0]).schema) for s in (nb, sb)}
        nbctl(nb.remote, "ls-del", "sw1")
        subprocess.run(
            ["ovn-sbctl", f"--db={sb.remote}", "chassis-del", "hv1"],
            check=False,
            capture_output=True,
        )
        target = tmp_path / "restored-files"
        code, results = run_json(
            capsys,
            "restore",
            str(archive),
            "-r",
            nb.remote,
            "-r",
            sb.remote,
            "--no-safety-backup",
            "--jobs",
            "2",
            "--files-to",
            str(target),
            "--restore-permissions",
        )
        assert code == 0
        assert sorted(r.get("name", r["target"]) for r in results) == [
            "OVN_Northbound",
            "OVN_Southbound",
            "files",
        ]
        got_nb = live_tables(nb.remote, file_db(nb.db_paths[0]).schema)
        assert without_counters(got_nb) == without_counters(expected[nb.name])
        assert live_tables(sb.remote, file_db(sb.db_paths[0]).schema) == expected[sb.name]
        restored = target / str(etc / "ovn.conf").lstrip("/")
        assert restored.read_text() == "a=1\n"
        assert restored.stat().st_mode & 0o777 == os_chmod
        # A second extraction over a changed file is refused without --force.
        restored.write_text("changed\n")
        assert main(["restore", str(archive), "--files-to", str(target)]) == 5
        assert restored.read_text() == "changed\n"
    finally:
        sb.stop()
        nb.stop()


def test_standalone_restore_fetches_only_the_rows_whose_version_changed(
    capsys, standalone_nb: OvsdbServer, tmp_path: Path
):
    """A standalone server keeps no history; the backup's row versions say what changed."""
    remote = standalone_nb.remote
    _many_ports(remote, switches=2, ports=100)
    schema = file_db(standalone_nb.db_paths[0]).schema
    before = live_tables(remote, schema)
    # Without --row-versions the archive has no row index: the whole database is read.
    plain = tmp_path / "plain.tar"
    backup(remote, plain, capsys)
    with ArchiveReader(str(plain)) as reader:
        assert reader.manifest().databases[0].row_index is None
    archive = tmp_path / "nb.tar"
    backup(remote, archive, capsys, "--row-versions")
    damage(remote)
    code, (result,) = run_json(capsys, "restore", str(plain), "-r", remote, "--dry-run")
    assert code == 0 and result["read"] == "whole database"
    code, (result,) = run_json(capsys, "restore", str(archive), "-r", remote, "--no-safety-backup")
    assert code == 0 and result["committed"]
    assert result["read"] == "rows whose version changed"
    assert_same_tables(without_counters(live_tables(remote, schema)), without_counters(before))
    # The rows the restore wrote have new versions: they are fetched again, found equal,
    # and nothing is sent.
    code, (again,) = run_json(capsys, "restore", str(archive), "-r", remote, "--no-safety-backup")
    assert code == 0 and again["read"] == "rows whose version changed"
    assert again["total_changes"] == 0 and not again["committed"]

    # A restarted server gives every row a new version: the restore reads everything.
    damage(remote)
    standalone_nb.stop()
    restarted = start_standalone(
        tmp_path / "restarted", standalone_nb.db_paths[0], name="again", tcp=False
    )
    try:
        code, (result,) = run_json(
            capsys, "restore", str(archive), "-r", restarted.remote, "--no-safety-backup"
        )
        assert code == 0 and result["committed"]
        assert result["read"] == "whole database"
        assert_same_tables(
            without_counters(live_tables(restarted.remote, schema)), without_counters(before)
        )
    finally:
        restarted.stop()


def test_cluster_past_its_history_restores_the_rows_whose_version_changed(
    capsys, nb_cluster: Cluster, tmp_path: Path
):
    """The leader's transaction history is short; the row versions still tell."""
    leader = nb_cluster.wait_until_settled()
    _many_ports(leader.remote, switches=2, ports=100)
    schema = file_db(leader.db_paths[0]).schema
    before = live_tables(leader.remote, schema)
    archive = tmp_path / "nb.tar"
    backup(nb_cluster.remotes(), archive, capsys, "--row-versions")
    damage(nb_cluster.remotes())
    for i in range(120):
        nbctl(nb_cluster.remotes(), "set", "Logical_Switch", "sw1", f"external_ids:n={i}")
    code, (result,) = run_json(
        capsys, "restore", str(archive), "-r", nb_cluster.remotes(), "--no-safety-backup"
    )
    assert code == 0 and result["committed"]
    assert result["read"] == "rows whose version changed"
    assert_same_tables(
        without_counters(live_tables(leader.remote, schema)), without_counters(before)
    )
