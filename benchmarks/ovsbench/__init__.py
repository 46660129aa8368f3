"""Support code of the benchmark harness (data-set generator and runner).

It lives outside ``src/`` on purpose: the harness measures ``ovsdb-backup``
against the Open vSwitch C tools and must not depend on the code it measures.
"""
