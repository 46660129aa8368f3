"""Benchmarks of ovsdb-backup against the Open vSwitch C tools (see README.md here)."""
