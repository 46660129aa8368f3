"""Live-server cases: backup and restore through a real ovsdb-server (issues 3 and 4).

Each case starts its own servers on copies of the data set (unix sockets only;
Raft on 127.0.0.1), measures our client and the C client against them in the
same run, alternating, and stops every server by pid afterwards, also on
errors. The runner also reads the servers' CPU time (``/proc/PID/stat``
utime + stime) before and after each run, so both sides' server cost is known.

Shared inputs (:class:`Sources`) are made once per run, from a standalone
server on a copy of the data set: the ``ovsdb-client backup`` file (what the C
tool restores) and an ``ovsdb-backup backup`` archive of the same server at
the same moment, with the default compression (what ours restores).

* ``backup`` / ``backup-cluster``: ``ovsdb-client backup`` against ``ovsdb-backup
  backup --compress none`` and ``--compress zstd``, on one server left running
  for the whole case (standalone: the data-set copy; cluster: 3 members made
  with ``create-cluster`` from the ``ovsdb-client backup`` file — a clustered
  data set's uncompacted Raft log would need 5 GB per member at medium).
* ``restore-full``: into an empty standalone database (``ovsdb-tool create``),
  a fresh server for every run.
* ``restore-change`` / ``restore-change-cluster``: a fresh server (or cluster)
  holding the backup's contents for every run, then about 1 % of the rows
  changed (:mod:`.change`), then the restore of that backup is measured. Our
  backup (``--row-versions``) is taken from that server (unmeasured) before the
  change, as an operator's would be; on a cluster a marker transaction is committed first so
  that it records a transaction id the server still has. Ours then reads only
  the changes since (clusters: ``monitor_cond_since``) or the rows whose
  ``_version`` changed (standalone), which its ``--json`` output confirms
  (``"read"``).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .cases import (
    Case,
    CaseEnv,
    Command,
    Probe,
    Setup,
    Target,
    Workspace,
    ours_argv,
    theirs_argv,
)
from .change import ChangePlan, plan_change
from .jsonrpc import JsonRpcClient
from .measure import warm_page_cache
from .servers import (
    Server,
    ServerSet,
    cluster_status,
    create_cluster,
    run_tool,
    socket_dir,
    tool,
    wait_cluster_ready,
    wait_cluster_synced,
)

GROUP = "live"
#: Election timer of the benchmark clusters once they run: the leader serialising
#: a whole large database blocks its main loop for many seconds (no heartbeats),
#: and a leader change in the middle of a measured run would void it.
ELECTION_TIMER_MS = 64000
_START_TIMEOUT = 900.0
_QUIET = ("--no-progress", "--json")


def read_schema_record(path: Path) -> bytes:
    """The JSON of the first record of a standalone database file (its schema)."""
    with open(path, "rb") as f:
        header = f.readline()
        parts = header.split()
        if len(parts) != 4 or parts[0] != b"OVSDB" or parts[1] != b"JSON":
            raise ValueError(f"{path}: not a standalone OVSDB file (header {header[:60]!r})")
        return f.read(int(parts[2]))


def _run_to_file(argv: list[str], stdout: Path, *, stdin: Path | None = None) -> None:
    with open(stdout, "wb") as out, open(stdin or "/dev/null", "rb") as inp:
        done = subprocess.run(
            argv, stdin=inp, stdout=out, stderr=subprocess.PIPE, timeout=3600, check=False
        )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode(errors='replace')}"
        )


def gzip6_size(path: Path) -> tuple[int, float]:
    """Bytes of ``gzip -6`` of a file (counted, not kept), and the seconds it took."""
    started = time.perf_counter()
    with subprocess.Popen(["gzip", "-6", "-c", str(path)], stdout=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        size = 0
        while chunk := proc.stdout.read(1 << 20):
            size += len(chunk)
    if proc.returncode != 0:
        raise RuntimeError(f"gzip -6 {path} exited {proc.returncode}")
    return size, time.perf_counter() - started


@dataclass
class Sources:
    """The backups the restore cases restore, made once per run."""

    db: str
    backup: Path  # ovsdb-client backup of a standalone server on the data set
    archive: Path  # ovsdb-backup backup (default compression) of that server
    schema: Path  # the data set's schema, for ovsdb-tool create
    facts: dict[str, Any]


def sources(ws: Workspace) -> Sources:
    cached = ws.cache.get("sources")
    if isinstance(cached, Sources):
        return cached
    d = ws.work / "live" / "sources"
    d.mkdir(parents=True, exist_ok=True)
    db_file = d / "db.db"
    shutil.copyfile(ws.input("standalone"), db_file)
    schema_json = read_schema_record(db_file)
    schema = d / "schema.ovsschema"
    schema.write_bytes(schema_json)
    name = str(orjson.loads(schema_json)["name"])
    backup, archive = d / "backup.db", d / "archive.tar"
    print(f"sources: ovsdb-client backup and ovsdb-backup backup of {ws.inputs['standalone'].name}")
    with socket_dir(d) as sockdir, ServerSet() as servers:  # servers stop first
        server = servers.add(
            Server("src", db_file, sockdir / "src.sock", sockdir / "src.ctl", d / "src.log")
        )
        server.start(timeout=_START_TIMEOUT)
        _run_to_file([tool("ovsdb-client"), "backup", server.remote, name], backup)
        _run_to_file(
            [*ws.ours, "backup", "-r", server.remote, "--db", name, "-f", str(archive), *_QUIET],
            d / "archive.json",
        )
    db_file.unlink()
    gz, gz_seconds = gzip6_size(backup)
    src = Sources(
        name,
        backup,
        archive,
        schema,
        {
            "backup_bytes": backup.stat().st_size,
            "gzip6_bytes": gz,
            "gzip6_seconds": round(gz_seconds, 2),
            "archive_bytes": archive.stat().st_size,
        },
    )
    ws.cache["sources"] = src
    return src


def _leader(servers: list[Server], db: str, *, timeout: float = 120.0) -> Server:
    """The standalone server, or the cluster's current leader (waiting for an election)."""
    if len(servers) == 1:
        return servers[0]
    deadline = time.monotonic() + timeout
    while True:
        for s in servers:
            if cluster_status(s, db).role == "leader":
                return s
        if time.monotonic() > deadline:
            raise RuntimeError(f"the cluster has had no leader for {timeout:.0f} s")
        time.sleep(0.2)


def _remote(servers: list[Server]) -> str:
    return ",".join(s.remote for s in servers)


def start_cluster(
    servers: ServerSet, workdir: Path, sockdir: Path, db: str, contents: Path
) -> list[Server]:
    """A new 3-member cluster holding ``contents`` (a standalone file).

    A one-member cluster elects itself at once whatever its election timer, so the
    long timer is set at creation; the others join the leader.
    """
    members = create_cluster(workdir, sockdir, db, contents, election_timer_ms=ELECTION_TIMER_MS)
    for s in members:
        servers.add(s).start(timeout=_START_TIMEOUT)
    wait_cluster_ready(members, db, timeout=_START_TIMEOUT)
    wait_cluster_synced(members, db, timeout=_START_TIMEOUT)
    return members


def _peak_rss(servers: list[Server]) -> dict[str, int]:
    return {s.name: s.peak_rss_kib() for s in servers}


def _singleton_with_external_ids(client: JsonRpcClient, db: str) -> str | None:
    schema = client.call("get_schema", [db])
    for name, table in sorted(schema["tables"].items()):
        if table.get("maxRows") == 1 and "external_ids" in table["columns"]:
            return str(name)
    return None


def commit_marker(server: Server, db: str, value: str) -> None:
    """One small committed transaction, so that the server has a recent transaction id."""
    with JsonRpcClient(str(server.sock)) as client:
        table = _singleton_with_external_ids(client, db)
        if table is None:
            raise RuntimeError(f"{db}: no one-row table with external_ids for the marker")
        client.transact(
            db,
            [
                {
                    "op": "mutate",
                    "table": table,
                    "where": [],
                    "mutations": [
                        ["external_ids", "insert", ["map", [["ovsbench:marker", value]]]]
                    ],
                }
            ],
        )


# --- backup --------------------------------------------------------------------------


@dataclass
class _Static:
    """Servers running for the whole case: nothing to do between runs."""

    members: list[Server]
    db: str

    def prepare(self, command: Command, side: str) -> None:
        pass

    def servers(self) -> list[Server]:
        return self.members

    def settle(self) -> None:
        pass

    def finish(self, command: Command, side: str) -> dict[str, Any]:
        return {}


def backup_setup(model: str) -> Setup:
    @contextmanager
    def setup(ws: Workspace) -> Iterator[CaseEnv]:
        src = sources(ws)
        d = ws.work / "live" / f"backup-{model}"
        d.mkdir(parents=True, exist_ok=True)
        out_dir = ws.work / "out"
        out_dir.mkdir(parents=True, exist_ok=True)
        with socket_dir(d) as sockdir, ServerSet() as servers:  # servers stop first
            if model == "standalone":
                db_file = d / "db.db"
                shutil.copyfile(ws.input("standalone"), db_file)
                s = Server("server", db_file, sockdir / "s.sock", sockdir / "s.ctl", d / "s.log")
                servers.add(s).start(timeout=_START_TIMEOUT)
                members = [s]
                how = f"a standalone server on a copy of {ws.inputs['standalone'].name}"
            else:
                members = start_cluster(servers, d, sockdir, src.db, src.backup)
                how = (
                    "a 3-member cluster (create-cluster from the ovsdb-client backup file, "
                    f"election timer {ELECTION_TIMER_MS} ms)"
                )
            facts: dict[str, Any] = {
                "server": how,
                "gzip6_bytes": src.facts["gzip6_bytes"],
                "gzip6_seconds": src.facts["gzip6_seconds"],
                "backup_bytes": src.facts["backup_bytes"],
            }
            env = CaseEnv(
                input=members[0].db_path,
                out_dir=out_dir,
                values={"remote": _remote(members), "db": src.db},
                hooks=_Static(members, src.db),
                facts=facts,
            )
            yield env
            facts["server_peak_rss_kib"] = _peak_rss(members)

    return setup


# --- restore into an empty server ---------------------------------------------------------


@dataclass
class _FreshEmpty:
    """A new empty standalone database and server for every run."""

    workdir: Path
    sockdir: Path
    schema: Path
    db: str
    current: ServerSet = field(default_factory=ServerSet)

    def _server(self) -> Server:
        return Server(
            "server",
            self.workdir / "db.db",
            self.sockdir / "s.sock",
            self.sockdir / "s.ctl",
            self.workdir / "s.log",
        )

    def prepare(self, command: Command, side: str) -> None:
        self.current.stop_all()
        self.current = ServerSet()
        server = self._server()
        server.db_path.unlink(missing_ok=True)
        run_tool(["ovsdb-tool", "create", str(server.db_path), str(self.schema)])
        self.current.add(server).start(timeout=_START_TIMEOUT)

    def servers(self) -> list[Server]:
        return self.current.servers

    def settle(self) -> None:
        pass

    def finish(self, command: Command, side: str) -> dict[str, Any]:
        facts = {"server_peak_rss_kib": _peak_rss(self.current.servers)}
        self.current.stop_all()
        return facts

    def close(self) -> None:
        self.current.stop_all()


@contextmanager
def restore_full_setup(ws: Workspace) -> Iterator[CaseEnv]:
    src = sources(ws)
    d = ws.work / "live" / "restore-full"
    d.mkdir(parents=True, exist_ok=True)
    out_dir = ws.work / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    warm_page_cache(src.archive)
    with socket_dir(d) as sockdir:
        hooks = _FreshEmpty(d, sockdir, src.schema, src.db)
        try:
            yield CaseEnv(
                input=src.backup,
                out_dir=out_dir,
                values={
                    "remote": f"unix:{sockdir / 's.sock'}",
                    "db": src.db,
                    "archive": str(src.archive),
                },
                hooks=hooks,
                facts={
                    "server": "a new empty standalone database (ovsdb-tool create) and server "
                    "for every run",
                    "archive_bytes": src.facts["archive_bytes"],
                    "backup_bytes": src.facts["backup_bytes"],
                },
            )
        finally:
            hooks.close()


# --- restore after a 1 % change ------------------------------------------------------------


@dataclass
class _FreshChanged:
    """For every run: the backup's contents on a fresh server or cluster, then the change."""

    ws: Workspace
    model: str
    workdir: Path
    sockdir: Path
    src: Sources
    run_archive: Path
    facts: dict[str, Any]
    current: ServerSet = field(default_factory=ServerSet)
    plan: ChangePlan | None = None
    runs: int = 0

    def prepare(self, command: Command, side: str) -> None:
        self.current.stop_all()
        self.current = ServerSet()
        self.runs += 1
        run_dir = self.workdir / "run"
        shutil.rmtree(run_dir, ignore_errors=True)
        run_dir.mkdir(parents=True)
        db = self.src.db
        if self.model == "standalone":
            db_file = run_dir / "db.db"
            shutil.copyfile(self.src.backup, db_file)
            sock, ctl = self.sockdir / "s.sock", self.sockdir / "s.ctl"
            server = Server("server", db_file, sock, ctl, run_dir / "s.log")
            self.current.add(server).start(timeout=_START_TIMEOUT)
            members = [server]
        else:
            members = start_cluster(self.current, run_dir, self.sockdir, db, self.src.backup)
            # A transaction after the cluster's start, so that the backup records an id
            # the server's transaction history holds.
            commit_marker(_leader(members, db), db, str(self.runs))
        if side == "ours":
            # Ours restores a backup of this very server (as an operator would: taken
            # before the mistake), so it can tell the changed rows by their versions.
            self.run_archive.unlink(missing_ok=True)
            argv = [*self.ws.ours, "backup", "-r", _remote(members), "--db", db, "--row-versions"]
            _run_to_file(
                [*argv, "-f", str(self.run_archive), *_QUIET],
                self.workdir / "run-archive.json",
            )
        leader = _leader(members, db)
        with JsonRpcClient(str(leader.sock)) as client:
            if self.plan is None:
                started = time.perf_counter()
                self.plan = plan_change(client, db)
                self.facts["change"] = self.plan.facts()
                self.facts["change"]["planned_seconds"] = round(time.perf_counter() - started, 2)
            self.plan.apply(client, db)
        if len(members) > 1:
            wait_cluster_synced(members, db, timeout=_START_TIMEOUT)

    def servers(self) -> list[Server]:
        return self.current.servers

    def settle(self) -> None:
        members = self.current.servers
        if len(members) > 1:
            wait_cluster_synced(members, self.src.db, timeout=_START_TIMEOUT)

    def finish(self, command: Command, side: str) -> dict[str, Any]:
        facts = {"server_peak_rss_kib": _peak_rss(self.current.servers)}
        self.current.stop_all()
        return facts

    def close(self) -> None:
        self.current.stop_all()


def restore_change_setup(model: str) -> Setup:
    @contextmanager
    def setup(ws: Workspace) -> Iterator[CaseEnv]:
        src = sources(ws)
        d = ws.work / "live" / f"restore-change-{model}"
        d.mkdir(parents=True, exist_ok=True)
        out_dir = ws.work / "out"
        out_dir.mkdir(parents=True, exist_ok=True)
        # Ours restores a backup of the run's own server, taken before the change.
        archive = d / "run-archive.tar"
        warm_page_cache(src.archive)
        if model == "standalone":
            how = (
                "a fresh standalone server on a copy of the ovsdb-client backup file, every "
                "run, and for ours a backup of that server (unmeasured)"
            )
        else:
            how = (
                "a fresh 3-member cluster for every run (create-cluster from the ovsdb-client "
                f"backup file, election timer {ELECTION_TIMER_MS} ms), a marker transaction, "
                "and for ours a backup of that cluster (unmeasured)"
            )
        facts: dict[str, Any] = {"server": how, "backup_bytes": src.facts["backup_bytes"]}
        with socket_dir(d) as sockdir:
            members = [f"unix:{sockdir / n}" for n in ("s.sock",)]
            if model == "cluster":
                members = [f"unix:{sockdir / f's{i}.sock'}" for i in (1, 2, 3)]
            hooks = _FreshChanged(ws, model, d, sockdir, src, archive, facts)
            try:
                yield CaseEnv(
                    input=src.backup,
                    out_dir=out_dir,
                    values={"remote": ",".join(members), "db": src.db, "archive": str(archive)},
                    hooks=hooks,
                    facts=facts,
                )
            finally:
                hooks.close()

    return setup


# --- the cases ----------------------------------------------------------------------------

_BACKUP_PROBE = Probe(("backup", "--help"), ("--compress",))
_RESTORE_PROBE = Probe(("restore", "--help"), ("--no-safety-backup", "--json"))


def _backup_case(model: str) -> Case:
    suffix = "" if model == "standalone" else "-cluster"
    common = ("backup", "-r", "{remote}", "--db", "{db}", "-f", "{out}", "--no-progress", "--json")
    return Case(
        name=f"backup{suffix}",
        op="backup",
        description=(
            f"whole-database backup from a live {model} server; client figures, "
            "server CPU alongside"
        ),
        dataset="standalone",
        theirs=Command(
            "ovsdb-client backup > OUT",
            theirs_argv("ovsdb-client", "backup", "{remote}", "{db}"),
            stdout="output",
        ),
        ours=(
            Command(
                "ovsdb-backup backup --compress none",
                ours_argv(*common, "--compress", "none"),
                _BACKUP_PROBE,
                stdout="json",
            ),
            Command(
                "ovsdb-backup backup --compress zstd",
                ours_argv(*common, "--compress", "zstd"),
                _BACKUP_PROBE,
                stdout="json",
            ),
        ),
        targets=(
            Target("wall", 1.0, ours=0),
            Target("wall", 1.2, ours=1),
            Target("rss_mib", 0.25, ours=0, label="≤ 0.25× client peak memory"),
            Target("rss_mib", 0.25, ours=1, label="≤ 0.25× client peak memory"),
        ),
        setup=backup_setup(model),
        issue=3,
        group=GROUP,
    )


_RESTORE_OURS = ("restore", "{archive}", "-r", "{remote}", "--no-safety-backup", "--json")


def _restore_change_case(model: str) -> Case:
    suffix = "" if model == "standalone" else "-cluster"
    theirs = ["ovsdb-client", "restore", "{remote}", "{db}"]
    if model == "cluster":
        # The backup file comes from a standalone server: clustered servers make the
        # schema's ephemeral columns persistent, and ovsdb-client wants --force for that.
        theirs.insert(2, "--force")
    return Case(
        name=f"restore-change{suffix}",
        op="restore-change",
        description=(
            f"restore a backup into a live {model} database that differs from it in ~1 % "
            "of its rows (reset between runs)"
        ),
        dataset="standalone",
        theirs=Command(
            "ovsdb-client restore" + (" --force" if model == "cluster" else "") + " < BACKUP",
            theirs_argv(*theirs),
            stdin=lambda ws, env: env.input,
        ),
        ours=(
            Command(
                "ovsdb-backup restore --no-safety-backup",
                ours_argv(*_RESTORE_OURS),
                _RESTORE_PROBE,
                stdout="json",
            ),
        ),
        targets=(Target("wall", 0.1, label="≥ 10× faster (≤ 0.1× wall time)"),),
        setup=restore_change_setup(model),
        issue=4,
        group=GROUP,
    )


LIVE_CASES: list[Case] = [
    _backup_case("standalone"),
    _backup_case("cluster"),
    Case(
        name="restore-full",
        op="restore",
        description="restore a whole backup into an empty standalone database (new server per run)",
        dataset="standalone",
        theirs=Command(
            "ovsdb-client restore < BACKUP",
            theirs_argv("ovsdb-client", "restore", "{remote}", "{db}"),
            stdin=lambda ws, env: env.input,
        ),
        ours=(
            Command(
                "ovsdb-backup restore --no-safety-backup",
                ours_argv(*_RESTORE_OURS),
                _RESTORE_PROBE,
                stdout="json",
            ),
        ),
        targets=(Target("wall", 1.0),),
        setup=restore_full_setup,
        issue=4,
        group=GROUP,
    ),
    _restore_change_case("standalone"),
    _restore_change_case("cluster"),
]


def ours_facts(command: Command, stdout: bytes) -> dict[str, Any]:
    """What our ``--json`` report says about a run (which read path, how many changes)."""
    with contextlib.suppress(orjson.JSONDecodeError):
        report = orjson.loads(stdout)
        item = report[0] if isinstance(report, list) and report else report
        if isinstance(item, dict):
            if "databases" in item:  # backup
                dbs = item["databases"]
                return {
                    "seconds": item.get("seconds"),
                    "attempts": sum(len(d.get("attempts") or []) for d in dbs),
                    "exact": all(d.get("exact") for d in dbs),
                }
            keys = ("read", "total_changes", "operations", "seconds", "committed")
            return {k: item[k] for k in keys if k in item}
    return {"unparsed_stdout": stdout[:200].decode(errors="replace")}
