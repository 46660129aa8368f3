"""End to end against the real Neutron and its real ``neutron-ovn-db-sync-util``.

Runs ``../shared/neutron-oracle/neutron_oracle.sh`` (root; installs MariaDB and Neutron
with apt, and a PyPI venv for release 29; about 2-4 minutes per run on 2 cores) on a random
topology larger than the fixtures, with :mod:`drift_populate` as its populate step: the
oracle's own topology, then random drift in the NB before the real tool's log run. Then:

* our ``regenerate`` equals the real ``repair`` result (``nb-repaired.db``), compared
  without UUIDs by the oracle's ``nbnorm.py``; only ``DHCP_Options.options:server_mac`` and
  DHCPv6 ``server_id`` (random MACs in Neutron) and ``NB_Global`` are ignored;
* our ``audit`` of the repaired NB is clean;
* our ``audit`` of the drifted NB finds every row the drift touched, nothing the drift does
  not explain, and every resource the real tool's log mode reports (minus the false drift
  it also reports on its own repaired NB);
* our ``sync`` repairs the drifted NB in one transaction, keeping the UUIDs of every row
  it does not have to delete, and the NB audits clean afterwards.

Not part of the default run: ``pytest -m oracle tests/oracle`` (as root). Environment:
``ORACLE_RELEASES=zed,29`` (default ``zed``), ``ORACLE_SEED`` (default random, printed),
``ORACLE_SCALE`` (default 3), ``ORACLE_KEEP=DIR`` keeps every output in DIR, and
``ORACLE_REUSE=DIR/<release>-seed<N>`` checks a kept run again without running the oracle.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ovsdb_backup.cli.main import main
from ovsdb_backup.neutron import source
from ovsdb_backup.neutron.audit import read_nb_file
from ovsdb_backup.neutron.plan import NORTHD_COLUMNS, existing_keys
from tests.support.neutron import ORACLE, resolv_conf, served

pytestmark = pytest.mark.oracle

SCRIPT = ORACLE / "neutron_oracle.sh"
POPULATE = Path(__file__).with_name("drift_populate.py")
RELEASES = [r.strip() for r in os.environ.get("ORACLE_RELEASES", "zed").split(",") if r.strip()]
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
PG = r"pg_([0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12})"
IDS = re.compile(f"({UUID})|{PG}")
BASE_MAC = re.compile(r"^fa:16:3e(:[0-9a-f]{2}){3}$")


def free_ports(n: int) -> list[int]:
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def extract_populate(target: Path) -> Path:
    """The oracle's populate.py, as embedded in the script (the source of truth)."""
    text = SCRIPT.read_text()
    start = text.index("cat > \"$WORK/bin/populate.py\" <<'PYEOF'\n")
    body = text[text.index("\n", start) + 1 : text.index("\nPYEOF\n", start)]
    target.write_text(body + "\n")
    return target


def run_oracle(release: str, seed: int, scale: str, out: Path, drift: Path) -> None:
    drift.mkdir(parents=True)
    nb, sb, api = free_ports(3)
    env = {
        **os.environ,
        "NEUTRON_RELEASE": release,
        "SEED": str(seed),
        "SCALE": scale,
        "POPULATE": str(POPULATE),
        "NB_PORT": str(nb),
        "SB_PORT": str(sb),
        "API_PORT": str(api),
        "DRIFT_OUT": str(drift),
        "DRIFT_SEED": str(seed),
        "DRIFT_POPULATE_SOURCE": str(extract_populate(drift / "populate-src.py")),
        "DRIFT_VRRP_MACS": "0" if release in ("zed", "21") else "1",
    }
    proc = subprocess.run(
        [str(SCRIPT), str(out)], env=env, capture_output=True, text=True, timeout=3600, check=False
    )
    (drift / "oracle.out").write_text(proc.stdout + proc.stderr)
    assert proc.returncode == 0, f"oracle failed (exit {proc.returncode}):\n{proc.stdout[-3000:]}"


# -- regenerate vs repair -------------------------------------------------------------


def normalise(out: Path, db: Path) -> dict[str, Any]:
    text = subprocess.run(
        [sys.executable, str(out / "nbnorm.py"), str(db), "--skip-table", "NB_Global"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    data: dict[str, Any] = json.loads(text)
    for row in data.get("DHCP_Options", {}).values():
        # Random MACs in Neutron (DHCPv6 server_id is one too): check the form only.
        random_macs = ("server_mac", "server_id") if ":" in row["cidr"] else ("server_mac",)
        for name in random_macs:
            value = row["options"].pop(name, None)
            assert value is None or BASE_MAC.match(value), (row, name)
    return data


def differences(want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    out = []
    for table in sorted(set(want) | set(got)):
        w, g = want.get(table, {}), got.get(table, {})
        out += [f"missing {table} {k}: {w[k]}" for k in sorted(w.keys() - g.keys())]
        out += [f"extra {table} {k}: {g[k]}" for k in sorted(g.keys() - w.keys())]
        for key in sorted(w.keys() & g.keys()):
            for col in sorted(w[key].keys() | g[key].keys()):
                if w[key].get(col) != g[key].get(col):
                    out.append(
                        f"{table} {key} {col}: want {w[key].get(col)!r} got {g[key].get(col)!r}"
                    )
    return out


# -- drift: ours vs the real tool's log mode ------------------------------------------


def primary_ids(line: str) -> set[str]:
    """The resource a warning of the real tool is about: its first id."""
    m = IDS.search(line)
    if m is None:
        return set()
    return {m.group(1) or m.group(2).replace("_", "-")}


def real_drift(out: Path) -> dict[str, str]:
    """id -> warning, for what log mode reports on the drifted NB but not on its own
    repaired NB (the tool's false drift, e.g. every router port in Zed)."""

    def lines(tag: str) -> list[str]:
        text = (out / "sync" / f"{tag}.warnings.txt").read_text()
        return [ln for ln in text.splitlines() if ln.startswith("WARNING ") and "ovn_db_sync" in ln]

    baseline = set(lines("log-after-repair"))
    return {i: ln for ln in lines("log-intact") if ln not in baseline for i in primary_ids(ln)}


def our_changes(args: list[str], capsys) -> list[dict[str, Any]]:
    main([*args, "--json"])
    report = json.loads(capsys.readouterr().out)
    return list(report["changes"])


def change_ids(change: dict[str, Any], rule_sg: dict[str, str]) -> set[str]:
    ids = {
        m.group(1) or m.group(2).replace("_", "-") for m in IDS.finditer(" ".join(change["key"]))
    }
    owner = change["neutron"]
    if owner:
        ids.add(owner["id"])
        if owner["kind"] == "security_group_rule" and owner["id"] in rule_sg:
            ids.add(rule_sg[owner["id"]])
    return ids


Key = tuple[str, tuple[str, ...]]


def touched_rows(before: Path, after: Path) -> tuple[dict[str, set[str]], dict[Key, str]]:
    """Rows that changed, by uuid ("deleted", "inserted", "changed"), and the natural
    keys of the deleted ones (key -> uuid). ovn-northd's own writes are not drift."""
    old, new = read_nb_file(str(before)), read_nb_file(str(after))
    keys = existing_keys(old)
    out: dict[str, set[str]] = {"deleted": set(), "inserted": set(), "changed": set()}
    deleted_keys = {}
    for table in old.tables:
        if table == "NB_Global":
            continue
        o, n = old.tables[table], new.tables[table]
        skip = NORTHD_COLUMNS.get(table, frozenset())

        def content(row: dict[str, Any], skip: frozenset[str] = skip) -> dict[str, Any]:
            return {c: v for c, v in row.items() if c not in skip}

        out["deleted"] |= set(o) - set(n)
        out["inserted"] |= set(n) - set(o)
        out["changed"] |= {u for u in set(o) & set(n) if content(o[u]) != content(n[u])}
        deleted_keys.update(
            {(table, keys[(table, u)]): u for u in set(o) - set(n) if (table, u) in keys}
        )
    return out, deleted_keys


def descendants(db: Any, roots: set[str]) -> set[str]:
    """Rows reachable from ``roots`` through strong references (deleted with them)."""
    seen, todo = set(roots), list(roots)
    where = {u: t for t, rows in db.tables.items() for u in rows}
    while todo:
        uuid = todo.pop()
        table = where.get(uuid)
        if table is None:
            continue
        row = db.tables[table][uuid]
        for column, codec in db.codecs.columns[table].items():
            if column in row:
                for _t, ref in codec.refs(row[column], True):
                    if ref not in seen:
                        seen.add(ref)
                        todo.append(ref)
    return seen


def _ident(change: dict[str, Any]) -> tuple[str, str, tuple[str, ...]]:
    return change["drift"], change["table"], tuple(change["key"])


def check_drift(out: Path, drift: Path, args: list[str], capsys) -> dict[str, Any]:
    rows = source.load(sql_dump=str(out / "neutron.sql"))
    rule_sg = {r["id"]: r["security_group_id"] for r in rows.rows("securitygrouprules")}
    base = our_changes([*args, "--nb-file", str(drift / "nb-before.db")], capsys)
    mutated = our_changes([*args, "--nb-file", str(out / "nb-api.db")], capsys)
    known = {_ident(b) for b in base}
    new = [c for c in mutated if _ident(c) not in known]
    touched, deleted_keys = touched_rows(drift / "nb-before.db", out / "nb-api.db")
    now_there = touched["changed"] | touched["inserted"]
    # 1. Nothing the drift does not explain.
    unexplained = [
        c for c in new
        if not (c["drift"] == "missing" and (c["table"], tuple(c["key"])) in deleted_keys)
        and not (c["drift"] in ("different", "extra") and c["uuid"] in now_there)
    ]  # fmt: skip
    assert not unexplained, unexplained
    # 2. Every mutation is reported: the row itself, and the parent it was taken from.
    #    (Other rows may change meanwhile: neutron-server still bumps revisions after the
    #    last API call. Those are not drift, or are reported and explained above.)
    reported = {c["uuid"] for c in mutated} | {(c["table"], tuple(c["key"])) for c in mutated}
    keys = {u: k for k, u in deleted_keys.items()}
    mutations = json.loads((drift / "mutations.json").read_text())
    missed = [
        m for m in mutations
        for uuid in filter(None, (m["uuid"], m.get("parent")))
        if keys.get(uuid, uuid) not in reported
    ]  # fmt: skip
    assert not missed, missed
    # 3. Everything the real tool reports, we report too (by resource).
    ours = set().union(*(change_ids(c, rule_sg) for c in mutated)) if mutated else set()
    real = real_drift(out)
    assert not {i: ln for i, ln in real.items() if i not in ours}, (real, ours)
    return {
        "ours_new": len(new),
        "real": len(real),
        "touched": {k: len(v) for k, v in touched.items()},
    }


# -- the test -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def root() -> None:
    if os.geteuid() != 0:
        pytest.fail("the oracle needs root (MariaDB, apt-get)", pytrace=False)


@pytest.mark.parametrize("release", RELEASES)
def test_against_the_real_sync_tool(release: str, root: None, tmp_path: Path, capsys) -> None:
    seed = int(os.environ.get("ORACLE_SEED") or random.randrange(1, 1_000_000))
    scale = os.environ.get("ORACLE_SCALE", "3")
    print(f"oracle: release={release} SEED={seed} SCALE={scale}", file=sys.__stderr__)
    out, drift = tmp_path / "out", tmp_path / "drift"
    reuse = os.environ.get("ORACLE_REUSE")
    try:
        if reuse:  # the out/ and drift/ of an earlier run kept with ORACLE_KEEP
            out, drift = Path(reuse) / "out", Path(reuse) / "drift"
        else:
            run_oracle(release, seed, scale, out, drift)
        resolv = resolv_conf(tmp_path)
        sql = ["--sql-dump", str(out / "neutron.sql"), "--resolv-conf", str(resolv)]

        # regenerate == the real repair
        nb = tmp_path / "regenerated.db"
        assert main(["neutron", "regenerate", *sql, "--gateway-chassis", "gw1", "-o", str(nb)]) == 0
        capsys.readouterr()
        want, got = normalise(out, out / "nb-repaired.db"), normalise(out, nb)
        assert differences(want, got) == [], f"SEED={seed} SCALE={scale} {release}"

        # audit: clean on the repaired NB; the drift found as the real tool finds it
        audit = ["neutron", "audit", *sql, "--gateway-chassis", "gw1"]
        assert main([*audit, "--nb-file", str(out / "nb-repaired.db")]) == 0
        capsys.readouterr()
        summary = check_drift(out, drift, audit, capsys)

        # sync repairs the drifted NB, keeping UUIDs
        with served(out / "nb-api.db", tmp_path / "live") as server:
            before = read_nb_file(str(out / "nb-api.db"))
            t = time.monotonic()
            sync = ["neutron", "sync", *sql, "--gateway-chassis", "gw1", "--remote", server.remote]
            assert main([*sync, "--json"]) == 0
            took = time.monotonic() - t
            report = json.loads(capsys.readouterr().out)
            assert report["applied"] and report["remaining_drift"] == 0
            # Only deleted rows (and their children) lose their UUIDs.
            deleted = {c["uuid"] for c in report["changes"] if c["drift"] == "extra"}
            gone = descendants(before, deleted)
            after = read_nb_file(str(server.db_paths[0]))
            for table, rows in before.tables.items():
                assert set(rows) - set(after.tables[table]) <= gone, table
            assert main([*audit, "--remote", server.remote]) == 0
        print(f"oracle: {release} SEED={seed}: {summary}; sync {took:.2f}s", file=sys.__stderr__)
    finally:
        keep = os.environ.get("ORACLE_KEEP")
        if keep and not reuse:
            target = Path(keep) / f"{release}-seed{seed}"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(tmp_path, target, ignore=shutil.ignore_patterns("*.sock", "*.ctl"))
