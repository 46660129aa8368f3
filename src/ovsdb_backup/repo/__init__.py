"""A backup repository: archives, change streams, retention, point-in-time restore.

Layout of ``--repo DIR`` (format 1; ``docs/continuous-backup.md``)::

    ovsdb-backup-repository.json   marker: format, id, creation time (written once)
    archives/<name>.tar            archives made by the backup use case (immutable)
    streams/<DB>/<start>-<id>.log  change-stream segments: standalone OVSDB logs, each a
                                   base (schema + full contents) then one record per
                                   update; appended while open, immutable once sealed
    catalog.json                   an index of the above, rebuilt from them at any time
    locks/                         fcntl locks (repository mutations; one per streamed DB)

Every object is named by time (and a random or content suffix) and never rewritten once
complete, so an object store could hold them later; the catalog is a cache.

Modules, bottom-up::

    layout      paths, names, the marker, opening/creating a repository
    locking     fcntl locks with holder information for messages
    segment     the segment format: comments, writing, reading, recovering a torn tail
    catalog     the index: load, save, rebuild from objects, coverage and gaps (pure)
    updates     ``update3`` -> ``_is_diff`` record, checked against the current contents
    retention   restic/borg-like keep rules (pure)
    prune       retention applied to a repository (plan, then delete under the lock)
    agent       the stream agent (asyncio): base, follow, reconnect, rotate, heartbeat
    pitr        a database as of a time or transaction, from the segments
    health      ``check``: one verdict for monitoring (pure over the catalog)
    metrics     Prometheus text exposition, HTTP endpoint, textfile
    store       ``backup --repo``: an archive stored into the repository

This package sits with ``cluster``/``neutron``: it composes the use cases of ``ops``
(``run_backup``, and the restore targets) and the file engine.
"""
