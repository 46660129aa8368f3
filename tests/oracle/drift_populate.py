#!/usr/bin/python3
"""POPULATE program for the oracle end-to-end test: the oracle's topology, then drift.

The oracle (``neutron_oracle.sh``) runs this instead of its own populate step, with
neutron-server up. It is stdlib only and runs under ``/usr/bin/python3``:

1. runs the oracle's own ``populate.py`` (the test extracts it from the script into
   ``$DRIFT_POPULATE_SOURCE``) with the same ``ORACLE_SEED``/``ORACLE_SCALE``. With
   ``DRIFT_VRRP_MACS=1`` an allowed address pair that has its own MAC gets a VRRP virtual
   MAC: neutron 2024.1+ refuses any other MAC there, which makes the oracle's random
   topology fail on release 29;
2. saves the NB as the API built it: ``$DRIFT_OUT/nb-before.db``;
3. changes the NB at random (``$DRIFT_SEED``), the way drift happens: rows deleted, a
   match edited, a stray Neutron-named switch, a port dropped from a port group ... and
   writes what it did to ``$DRIFT_OUT/mutations.json``.

The oracle then saves that NB as ``nb-api.db`` and runs the real sync tool in log mode on
it (``sync/log-intact.*``): the real tool's drift report for exactly this drift.
"""

from __future__ import annotations

import json
import os
import random
import runpy
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

NB_DB = "OVN_Northbound"
AAP_MAC = '"mac_address": mac()})'
VRRP_MAC = '"mac_address": "00:00:5e:00:01:%02x" % rng.randrange(1, 256)})'


def run_populate(source: Path, argv: list[str], vrrp: bool) -> None:
    text = source.read_text()
    if vrrp:
        if text.count(AAP_MAC) != 1:
            sys.exit(f"drift_populate: cannot find the address-pair MAC in {source}")
        text = text.replace(AAP_MAC, VRRP_MAC)
    patched = Path(os.environ["DRIFT_OUT"]) / "populate.py"
    patched.write_text(text)
    sys.argv = [str(patched), *argv]
    runpy.run_path(str(patched), run_name="__main__")


class Nb:
    def __init__(self, remote: str) -> None:
        self.remote = remote

    def transact(self, *ops: dict[str, Any]) -> list[Any]:
        out = subprocess.run(
            ["ovsdb-client", "transact", self.remote, json.dumps([NB_DB, *ops])],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        result = json.loads(out)
        errors = [r for r in result if isinstance(r, dict) and "error" in r]
        if errors:
            sys.exit(f"drift_populate: transaction failed: {errors} for {ops}")
        return list(result)

    def rows(self, table: str) -> list[dict[str, Any]]:
        return list(self.transact({"op": "select", "table": table, "where": []})[0]["rows"])


def _uuid(row: dict[str, Any]) -> str:
    return str(row["_uuid"][1])


def _members(value: Any) -> list[str]:
    """UUIDs of a set column as ovsdb-client prints it."""
    if value[0] == "uuid":
        return [value[1]]
    return [v[1] for v in value[1]]


def _where(uuid_: str) -> list[Any]:
    return [["_uuid", "==", ["uuid", uuid_]]]


def _drop(nb: Nb, parent_table: str, column: str, child: str) -> dict[str, Any]:
    """Remove ``child`` from the parent that holds it (OVSDB then deletes the child)."""
    for parent in nb.rows(parent_table):
        if child in _members(parent[column]):
            nb.transact(
                {
                    "op": "mutate",
                    "table": parent_table,
                    "where": _where(_uuid(parent)),
                    "mutations": [[column, "delete", ["set", [["uuid", child]]]]],
                }
            )
            return {"parent": _uuid(parent)}
    return {}


def _name(row: dict[str, Any]) -> str:
    return str(row.get("name", ""))


def _ext(row: dict[str, Any]) -> dict[str, str]:
    return dict(row.get("external_ids", ["map", []])[1])


def mutate(nb: Nb, rng: random.Random) -> list[dict[str, Any]]:
    """Apply up to six kinds of drift, each to a random eligible row."""
    done: list[dict[str, Any]] = []

    def lsp_delete() -> dict[str, Any] | None:
        ports = [p for p in nb.rows("Logical_Switch_Port")
                 if _ext(p).get("neutron:device_owner", "").startswith("compute:")]  # fmt: skip
        if not ports:
            return None
        port = rng.choice(ports)
        return {"uuid": _uuid(port), "name": _name(port),
                **_drop(nb, "Logical_Switch", "ports", _uuid(port))}  # fmt: skip

    def switch_delete() -> dict[str, Any] | None:
        switches = [s for s in nb.rows("Logical_Switch") if _name(s).startswith("neutron-")]
        if not switches:
            return None
        switch = rng.choice(switches)
        nb.transact({"op": "delete", "table": "Logical_Switch", "where": _where(_uuid(switch))})
        return {"uuid": _uuid(switch), "name": _name(switch)}

    def acl_match() -> dict[str, Any] | None:
        acls = [a for a in nb.rows("ACL") if "neutron:security_group_rule_id" in _ext(a)]
        if not acls:
            return None
        acl = rng.choice(acls)
        match = acl["match"] + " && ip.ttl == 42"
        nb.transact({"op": "update", "table": "ACL", "where": _where(_uuid(acl)),
                     "row": {"match": match}})  # fmt: skip
        return {"uuid": _uuid(acl), "rule": _ext(acl)["neutron:security_group_rule_id"]}

    def acl_delete() -> dict[str, Any] | None:
        acls = [a for a in nb.rows("ACL") if "neutron:security_group_rule_id" in _ext(a)]
        if not acls:
            return None
        acl = rng.choice(acls)
        return {"uuid": _uuid(acl), "rule": _ext(acl)["neutron:security_group_rule_id"],
                **_drop(nb, "Port_Group", "acls", _uuid(acl))}  # fmt: skip

    def stray_switch() -> dict[str, Any] | None:
        name = f"neutron-{uuid.UUID(int=rng.getrandbits(128), version=4)}"
        result = nb.transact({"op": "insert", "table": "Logical_Switch",
                              "row": {"name": name, "external_ids": ["map", [
                                  ["neutron:network_name", "stray"]]]}})  # fmt: skip
        return {"uuid": result[0]["uuid"][1], "name": name}

    def pg_port() -> dict[str, Any] | None:
        groups = [g for g in nb.rows("Port_Group")
                  if _name(g).startswith("pg_") and _members(g["ports"])]  # fmt: skip
        if not groups:
            return None
        group = rng.choice(groups)
        port = rng.choice(sorted(_members(group["ports"])))
        nb.transact({"op": "mutate", "table": "Port_Group", "where": _where(_uuid(group)),
                     "mutations": [["ports", "delete", ["set", [["uuid", port]]]]]})  # fmt: skip
        return {"uuid": _uuid(group), "name": _name(group), "port": port}

    def fip_nat_delete() -> dict[str, Any] | None:
        nats = [n for n in nb.rows("NAT") if n["type"] == "dnat_and_snat"]
        if not nats:
            return None
        nat = rng.choice(nats)
        return {"uuid": _uuid(nat), "external_ip": nat["external_ip"],
                **_drop(nb, "Logical_Router", "nat", _uuid(nat))}  # fmt: skip

    def dhcp_delete() -> dict[str, Any] | None:
        options = [d for d in nb.rows("DHCP_Options") if "port_id" not in _ext(d)]
        if not options:
            return None
        row = rng.choice(options)
        nb.transact({"op": "delete", "table": "DHCP_Options", "where": _where(_uuid(row))})
        return {"uuid": _uuid(row), "cidr": row["cidr"]}

    def route_delete() -> dict[str, Any] | None:
        routes = nb.rows("Logical_Router_Static_Route")
        if not routes:
            return None
        route = rng.choice(routes)
        return {"uuid": _uuid(route), "prefix": route["ip_prefix"],
                **_drop(nb, "Logical_Router", "static_routes", _uuid(route))}  # fmt: skip

    def lrp_delete() -> dict[str, Any] | None:
        lrps = [
            p for p in nb.rows("Logical_Router_Port")
            if not _members(p["gateway_chassis"]) and not _members(p["ha_chassis_group"])
        ]  # fmt: skip
        if not lrps:
            return None
        lrp = rng.choice(lrps)
        return {"uuid": _uuid(lrp), "name": _name(lrp),
                **_drop(nb, "Logical_Router", "ports", _uuid(lrp))}  # fmt: skip

    def lsp_addresses() -> dict[str, Any] | None:
        ports = [p for p in nb.rows("Logical_Switch_Port")
                 if _ext(p).get("neutron:device_owner", "").startswith("compute:")]  # fmt: skip
        if not ports:
            return None
        port = rng.choice(ports)
        nb.transact({"op": "update", "table": "Logical_Switch_Port", "where": _where(_uuid(port)),
                     "row": {"addresses": "02:00:00:00:00:99 10.99.99.99"}})  # fmt: skip
        return {"uuid": _uuid(port), "name": _name(port)}

    def router_delete() -> dict[str, Any] | None:
        routers = [r for r in nb.rows("Logical_Router") if _name(r).startswith("neutron-")]
        if not routers:
            return None
        router = rng.choice(routers)
        nb.transact({"op": "delete", "table": "Logical_Router", "where": _where(_uuid(router))})
        return {"uuid": _uuid(router), "name": _name(router)}

    kinds = [lsp_delete, switch_delete, acl_match, acl_delete, stray_switch, pg_port,
             fip_nat_delete, dhcp_delete, route_delete, lrp_delete, lsp_addresses,
             router_delete]  # fmt: skip
    count = int(os.environ.get("DRIFT_COUNT", "6"))
    for kind in rng.sample(kinds, len(kinds)):
        if len(done) >= count:
            break
        what = kind()
        if what is not None:
            done.append({"kind": kind.__name__, **what})
    return done


def main() -> None:
    out = Path(os.environ["DRIFT_OUT"])
    run_populate(
        Path(os.environ["DRIFT_POPULATE_SOURCE"]),
        sys.argv[1:],
        os.environ.get("DRIFT_VRRP_MACS") == "1",
    )
    nb = Nb(f"tcp:127.0.0.1:{os.environ.get('NB_PORT', '18641')}")
    with open(out / "nb-before.db", "wb") as f:
        subprocess.run(["ovsdb-client", "backup", nb.remote, NB_DB], check=True, stdout=f)
    done = mutate(nb, random.Random(int(os.environ.get("DRIFT_SEED", "0"))))
    (out / "mutations.json").write_text(json.dumps(done, indent=1) + "\n")
    print("drift_populate: mutations:", ", ".join(m["kind"] for m in done))


if __name__ == "__main__":
    main()
