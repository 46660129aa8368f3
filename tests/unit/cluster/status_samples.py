"""``cluster/status`` texts: captured from real servers, and hand-made older variants.

``CAPTURED_*`` were printed by Open vSwitch 3.1.0 (Debian 3.1.0-2+deb12u1) members of a
3-member cluster on loopback started by ``ovsdb_backup.sandbox`` (the integration tests
capture fresh ones too). ``KUBE_OVN_LEADER`` is the text quoted in Kube-OVN's recovery
guide (seed 001) and ``REFERENCE_LEADER`` the one in the reference (section 4).
``OVS_2_9_*`` are hand-made from the 2.9/2.10 format, which lacks the election,
disconnection and "last msg" details, with ``unix:`` Raft addresses (nicknames are then the
socket base names, not server-id prefixes).
"""

CAPTURED_LEADER = """\
afdc
Name: OVN_Northbound
Cluster ID: c4c4 (c4c4c552-f787-4c95-90b1-91be75a430b9)
Server ID: afdc (afdcff24-cf3e-4b59-bad3-81b9786a0cdb)
Address: tcp:127.0.0.1:55321
Status: cluster member
Role: leader
Term: 1
Leader: self
Vote: self

Last Election started 147 ms ago, reason: timeout
Last Election won: 147 ms ago
Election timer: 1000
Log: [2, 5]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: <-4a38 ->4a38 <-3a9b ->3a9b
Disconnections: 0
Servers:
    afdc (afdc at tcp:127.0.0.1:55321) (self) next_index=2 match_index=4
    3a9b (3a9b at tcp:127.0.0.1:51347) next_index=5 match_index=4 last msg 27 ms ago
    4a38 (4a38 at tcp:127.0.0.1:53673) next_index=5 match_index=4 last msg 27 ms ago
"""

CAPTURED_FOLLOWER = """\
4a38
Name: OVN_Northbound
Cluster ID: c4c4 (c4c4c552-f787-4c95-90b1-91be75a430b9)
Server ID: 4a38 (4a384bd6-ba99-4bde-af9d-7ea458b5f8c3)
Address: tcp:127.0.0.1:53673
Status: cluster member
Role: follower
Term: 1
Leader: afdc
Vote: unknown

Election timer: 1000
Log: [2, 5]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: ->0000 <-afdc <-3a9b ->3a9b
Disconnections: 0
Servers:
    afdc (afdc at tcp:127.0.0.1:55321) last msg 40 ms ago
    3a9b (3a9b at tcp:127.0.0.1:51347)
    4a38 (4a38 at tcp:127.0.0.1:53673) (self)
"""

CAPTURED_FOLLOWER_2 = """\
3a9b
Name: OVN_Northbound
Cluster ID: c4c4 (c4c4c552-f787-4c95-90b1-91be75a430b9)
Server ID: 3a9b (3a9bc3f2-6102-4ee7-b571-c875d9103a5a)
Address: tcp:127.0.0.1:51347
Status: cluster member
Role: follower
Term: 1
Leader: afdc
Vote: unknown

Election timer: 1000
Log: [2, 5]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: ->0000 ->4a38 <-4a38 <-afdc
Disconnections: 0
Servers:
    afdc (afdc at tcp:127.0.0.1:55321) last msg 57 ms ago
    3a9b (3a9b at tcp:127.0.0.1:51347) (self)
    4a38 (4a38 at tcp:127.0.0.1:53673) last msg 60 ms ago
"""

# The same leader 2.7 s after follower 4a38 was killed with SIGKILL.
CAPTURED_LEADER_PEER_KILLED = """\
afdc
Name: OVN_Northbound
Cluster ID: c4c4 (c4c4c552-f787-4c95-90b1-91be75a430b9)
Server ID: afdc (afdcff24-cf3e-4b59-bad3-81b9786a0cdb)
Address: tcp:127.0.0.1:55321
Status: cluster member
Role: leader
Term: 1
Leader: self
Vote: self

Last Election started 2731 ms ago, reason: timeout
Last Election won: 2731 ms ago
Election timer: 1000
Log: [2, 5]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: (->4a38) <-3a9b ->3a9b
Disconnections: 1
Servers:
    afdc (afdc at tcp:127.0.0.1:55321) (self) next_index=2 match_index=4
    3a9b (3a9b at tcp:127.0.0.1:51347) next_index=5 match_index=4 last msg 276 ms ago
    4a38 (4a38 at tcp:127.0.0.1:53673) next_index=5 match_index=4 last msg 2611 ms ago
"""

# Follower 3a9b after the leader was frozen (SIGSTOP) and the other follower killed.
CAPTURED_CANDIDATE_ALONE = """\
3a9b
Name: OVN_Northbound
Cluster ID: c4c4 (c4c4c552-f787-4c95-90b1-91be75a430b9)
Server ID: 3a9b (3a9bc3f2-6102-4ee7-b571-c875d9103a5a)
Address: tcp:127.0.0.1:51347
Status: disconnected from the cluster (election timeout)
Role: candidate
Term: 3
Leader: unknown
Vote: self

Last Election started 704 ms ago, reason: timeout
Election timer: 1000
Log: [2, 5]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: ->0000 (->4a38) <-afdc
Disconnections: 1
Servers:
    afdc (afdc at tcp:127.0.0.1:55321) last msg 3281 ms ago
    3a9b (3a9b at tcp:127.0.0.1:51347) (self) (voted for 3a9b)
    4a38 (4a38 at tcp:127.0.0.1:53673) last msg 5620 ms ago
"""

# A follower cut off with "cluster/failure-test stop-raft-rpc", and the leader's view.
CAPTURED_PARTITIONED = """\
baaf
Name: OVN_Northbound
Cluster ID: 98fe (98fe47d6-97b5-4ce3-bc89-baab702e9fca)
Server ID: baaf (baafc031-bd2d-48ea-8fe8-12ded90e2a8b)
Address: tcp:127.0.0.1:58583
Status: disconnected from the cluster (election timeout)
Role: candidate
Term: 3
Leader: unknown
Vote: self

Last Election started 265 ms ago, reason: timeout
Election timer: 1000
Log: [2, 5]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: ->0000 <-ecb0 <-0d3e ->0d3e
Disconnections: 0
Servers:
    0d3e (0d3e at tcp:127.0.0.1:38597)
    ecb0 (ecb0 at tcp:127.0.0.1:43293) last msg 3054 ms ago
    baaf (baaf at tcp:127.0.0.1:58583) (self) (voted for baaf)
"""

CAPTURED_PARTITIONED_LEADER = """\
ecb0
Name: OVN_Northbound
Cluster ID: 98fe (98fe47d6-97b5-4ce3-bc89-baab702e9fca)
Server ID: ecb0 (ecb00719-215c-47ea-bb73-3753f791e661)
Address: tcp:127.0.0.1:43293
Status: cluster member
Role: leader
Term: 1
Leader: self
Vote: self

Last Election started 3135 ms ago, reason: timeout
Last Election won: 3135 ms ago
Election timer: 1000
Log: [2, 5]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: <-baaf ->baaf <-0d3e ->0d3e
Disconnections: 0
Servers:
    0d3e (0d3e at tcp:127.0.0.1:38597) next_index=5 match_index=4 last msg 50 ms ago
    ecb0 (ecb0 at tcp:127.0.0.1:43293) (self) next_index=2 match_index=4
    baaf (baaf at tcp:127.0.0.1:58583) next_index=5 match_index=4 last msg 3058 ms ago
"""

CAPTURED_PARTITIONED_FOLLOWER = """\
0d3e
Name: OVN_Northbound
Cluster ID: 98fe (98fe47d6-97b5-4ce3-bc89-baab702e9fca)
Server ID: 0d3e (0d3e5e34-34ea-4a8f-86b4-c31cb0309751)
Address: tcp:127.0.0.1:38597
Status: cluster member
Role: follower
Term: 1
Leader: ecb0
Vote: unknown

Election timer: 1000
Log: [2, 5]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: ->0000 ->baaf <-ecb0 <-baaf
Disconnections: 0
Servers:
    0d3e (0d3e at tcp:127.0.0.1:38597) (self)
    ecb0 (ecb0 at tcp:127.0.0.1:43293) last msg 55 ms ago
    baaf (baaf at tcp:127.0.0.1:58583) last msg 3064 ms ago
"""

KUBE_OVN_LEADER = """\
9182
Name: OVN_Northbound
Cluster ID: e75f (e75fa340-49ed-45ab-990e-26cb865ebc85)
Server ID: 9182 (9182e8dd-b5b0-4dd8-8518-598cc1e374f3)
Address: tcp:[10.0.128.61]:6643
Status: cluster member
Role: leader
Term: 1454
Leader: self
Vote: self

Last Election started 1732603 ms ago, reason: timeout
Last Election won: 1732587 ms ago
Election timer: 1000
Log: [7332, 12512]
Entries not yet committed: 1
Entries not yet applied: 1
Connections: ->f080 <-f080 <-e631 ->e631
Disconnections: 1
Servers:
    f080 (f080 at tcp:[10.0.129.139]:6643) next_index=12512 match_index=12510 last msg 63 ms ago
    9182 (9182 at tcp:[10.0.128.61]:6643) (self) next_index=10394 match_index=12510
    e631 (e631 at tcp:[10.0.131.173]:6643) next_index=12512 match_index=0
"""

REFERENCE_LEADER = """\
497b
Name: OVN_Northbound
Cluster ID: 1dbd (1dbd9604-ecd3-4c8e-9519-a638ada0ca52)
Server ID: 497b (497b35e4-2689-415e-ad1f-2c256733f69d)
Address: tcp:127.0.0.1:16012
Status: cluster member
Role: leader
Term: 9
Leader: self
Vote: self

Last Election started 82960 ms ago, reason: timeout
Last Election won: 82958 ms ago
Election timer: 1000
Log: [2, 18]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: ->8206 ->d177 <-d177 <-8206
Disconnections: 0
Servers:
    497b (497b at tcp:127.0.0.1:16012) (self) next_index=12 match_index=17
    8206 (8206 at tcp:127.0.0.1:16010) next_index=18 match_index=17 last msg 313 ms ago
"""

# 2.9-style leader: no election details, unix: Raft addresses, a server being added and an
# election timer change under way (the latter is 2.12+; mixed here on purpose).
OVS_2_9_LEADER = """\
s1
Name: OVN_Southbound
Cluster ID: 3f1a (3f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8)
Server ID: 0a1b (0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9)
Address: unix:s1.raft
Status: cluster member
Adding server s4 (9c8d at unix:s4.raft) (adding: catchup)
Removing server s3 (77aa at unix:s3.raft) (removing)
Role: leader
Term: 4
Leader: self
Vote: self

Election timer: 1000 (changing to 2000)
Log: [2, 41]
Entries not yet committed: 2
Entries not yet applied: 2
Connections: ->s2 <-s2 (->s3) ->s4
Servers:
    s1 (0a1b at unix:s1.raft) (self) next_index=38 match_index=40
    s2 (51e2 at unix:s2.raft) next_index=41 match_index=40
    s3 (77aa at unix:s3.raft) (removing) next_index=30 match_index=29
"""

OVS_2_9_JOINING = """\
s4
Name: OVN_Southbound
Cluster ID: not yet known
Server ID: 9c8d (9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f)
Address: unix:s4.raft
Status: joining cluster
Remotes for joining: unix:s1.raft unix:s2.raft
Role: follower
Term: 0
Leader: unknown
Vote: unknown

Log: [1, 1]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: ->0000 ->0000
Servers:
"""

OVS_2_9_LEFT = """\
s3
Name: OVN_Southbound
Cluster ID: 3f1a (3f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8)
Server ID: 77aa (77aa0000-1111-4222-8333-944455556666)
Address: unix:s3.raft
Status: left cluster
Role: follower
Term: 4
Leader: unknown
Vote: unknown

Log: [2, 30]
Entries not yet committed: 0
Entries not yet applied: 0
Connections:
Servers:
"""

# A leader right after "cluster/kick" of a killed follower (OVS 3.1.0, captured).
CAPTURED_LEADER_REMOVING = """\
59fa
Name: OVN_Northbound
Cluster ID: 96d8 (96d8b9a0-f000-4574-b008-afc2f434128d)
Server ID: 59fa (59facdaa-93eb-4f30-b966-a236c5ab5297)
Address: tcp:127.0.0.1:40501
Status: cluster member
Removing server 5ddb (5ddb at tcp:127.0.0.1:40513) (removing)
Role: leader
Term: 1
Leader: self
Vote: self

Last Election started 239 ms ago, reason: timeout
Last Election won: 239 ms ago
Election timer: 1000
Log: [2, 6]
Entries not yet committed: 1
Entries not yet applied: 1
Connections: <-d600 ->d600
Disconnections: 2
Servers:
    d600 (d600 at tcp:127.0.0.1:35221) next_index=6 match_index=4 last msg 98 ms ago
    59fa (59fa at tcp:127.0.0.1:40501) (self) next_index=2 match_index=4
"""
