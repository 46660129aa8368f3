"""Clustered (Raft) databases and active-backup pairs: status, diagnosis, recovery.

Each workflow gathers its inputs once into frozen values, decides with pure functions,
and (for recovery) hands a plan to a journalled executor::

    live:    observe.gather_view ──► ClusterView ──► health.assess ──► StatusReport
    offline: files.read_member_files ──► MemberFile… ──► diagnose.diagnose ──► Diagnosis
             Diagnosis + RecoveryOptions ──► plan.build_plan ──► Plan
             Plan ──► journal.Journal ──► execute.execute (idempotent steps on ops/protocol)
    kick:    health.assess ──► kick.decide_kick ──► cluster/kick ──► wait until removed
    pairs:   pair.pair_status / pair.promote / pair.demote

``status_text`` parses ``cluster/status`` output. Imports ``ops``, ``protocol``,
``formats`` and below; never ``cli`` or ``sandbox``.
"""
