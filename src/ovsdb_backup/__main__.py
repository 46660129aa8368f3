"""``python -m ovsdb_backup``: the same as the ``ovsdb-backup`` command."""

from ovsdb_backup.cli.main import entry

if __name__ == "__main__":
    entry()
