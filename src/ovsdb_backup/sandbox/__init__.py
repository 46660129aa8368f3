"""Real ``ovsdb-server`` processes for tests and for ``ovsdb-backup sandbox``.

Modules: :mod:`.tools` (finding and running the OVS/OVN programs),
:mod:`.process` (pid identity via /proc and the registry of started servers),
:mod:`.server` (one process), :mod:`.servers` (standalone, relay, active-backup
and the public entry points), :mod:`.cluster` (Raft clusters), :mod:`.client`
(reading servers with ``ovsdb-client``), :mod:`.sample` (sample OVN data) and
:mod:`.environment` (the sandbox command's start/stop/status and state file).

Nothing here imports ``cli``; nothing is imported eagerly, so ``import
ovsdb_backup.sandbox`` costs nothing for commands that never start a server.
"""
