"""Content of an OVN Southbound database: Logical_Flow-heavy, as ovn-northd writes it.

The same project layout as the NB model (3 networks, one router, 40 VM ports
per project) becomes datapaths, port bindings and logical flows: ~8 flows per
VM port (port security, ARP responder, DHCP, L2 lookup) and a few dozen
generic flows per datapath, which gives the baseline's shape (small: ~54k
Logical_Flow, ~5k Port_Binding, ~1k MAC_Binding). Churn is what
ovn-controller and ovn-northd do all day: port claims, MAC learning and
ageing, ports appearing and disappearing with their flows, nb_cfg bumps.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ops import Bag, Ids, Op, Txn, TxnBuilder, comment, omap, ref, update

SCHEMA = Path("/usr/share/ovn/ovn-sb.ovsschema")
DB_NAME = "OVN_Southbound"
LF = "Logical_Flow"
PB = "Port_Binding"


@dataclass(frozen=True)
class SbShape:
    projects: int
    churn: int
    networks_per_project: int = 3
    ports_per_project: int = 40
    chassis: int = 64
    ls_generic_flows: int = 56
    lr_generic_flows: int = 72
    mac_bindings_per_router: int = 11


SHAPES: dict[str, SbShape] = {
    "tiny": SbShape(projects=4, churn=300),
    "small": SbShape(projects=90, churn=5000),
    "medium": SbShape(projects=1500, churn=20000),
    "large": SbShape(projects=6000, churn=50000),
}

_LS_STAGES = (
    "ls_in_check_port_sec", "ls_in_apply_port_sec", "ls_in_lookup_fdb", "ls_in_put_fdb",
    "ls_in_pre_acl", "ls_in_pre_lb", "ls_in_pre_stateful", "ls_in_acl_hint", "ls_in_acl",
    "ls_in_qos_mark", "ls_in_lb", "ls_in_acl_after_lb", "ls_in_stateful", "ls_in_arp_rsp",
    "ls_in_dhcp_options", "ls_in_dns_lookup", "ls_in_l2_lkup", "ls_out_pre_lb",
    "ls_out_pre_acl", "ls_out_acl_hint", "ls_out_acl", "ls_out_stateful", "ls_out_apply_port_sec",
)  # fmt: skip
_LR_STAGES = (
    "lr_in_admission", "lr_in_lookup_neighbor", "lr_in_learn_neighbor", "lr_in_ip_input",
    "lr_in_unsnat", "lr_in_defrag", "lr_in_dnat", "lr_in_ecmp_stateful", "lr_in_nd_ra_options",
    "lr_in_ip_routing", "lr_in_ip_routing_ecmp", "lr_in_policy", "lr_in_arp_resolve",
    "lr_in_gw_redirect", "lr_in_arp_request", "lr_out_undnat", "lr_out_snat", "lr_out_delivery",
)  # fmt: skip
_MATCHES = (
    "1", "ip", "ip4", "ct.est && ct.rpl", "ct.new && ip", "eth.mcast", "arp || nd",
    "ip4 && udp.dst == 53", "reg0[7] == 1 && (ct.new && !ct.est)",
    "ct.inv || (ct.est && ct.rpl && ct_mark.blocked == 1)", "ip4.mcast || ip6.mcast",
    "eth.src == $svc_monitor_mac", "ip && ip.ttl == {0, 1}", "nd_ns",
)  # fmt: skip
_ACTIONS = (
    "next;", "drop;", "ct_next;", "ct_commit { ct_mark.blocked = 0; }; next;",
    "reg0[0] = 1; next;", "reg0[2] = 1; next;", "ct_lb_mark;", "outport = \"_MC_flood\"; output;",
    "flags.loopback = 1; next;", "reg9[2] = lookup_arp(inport, arp.spa, arp.sha); next;",
)  # fmt: skip


@dataclass(eq=False)
class Datapath:
    row: str
    name: str
    is_router: bool
    prefix: str = ""
    next_key: int = 1
    flood: str = ""  # _MC_flood Multicast_Group row of a switch
    ports: Bag[Port] = field(default_factory=Bag)


@dataclass(eq=False)
class Port:
    row: str
    name: str
    dp: Datapath
    host: int
    mac: str
    flows: list[str]
    chassis: int | None = None


@dataclass(eq=False)
class MacBinding:
    row: str
    dp: Datapath
    port: str


class SbWorkload:
    db_name = DB_NAME
    schema = SCHEMA

    def __init__(self, shape: SbShape, seed: int) -> None:
        self.shape = shape
        self.rng = random.Random(f"sb:{seed}")
        self.ids = Ids(self.rng)
        self.sb_global = self.ids.uuid()
        self.chassis: list[tuple[str, str]] = []  # (Chassis row, Chassis_Private row)
        self.switches: list[Datapath] = []
        self.routers: list[Datapath] = []
        self.ports: Bag[Port] = Bag()
        self.macs: Bag[MacBinding] = Bag()
        self._dp_key = 0
        self._mac = 0x200000
        self.nb_cfg = 0

    def describe(self) -> dict[str, Any]:
        return dataclasses.asdict(self.shape)

    def _new_mac(self) -> str:
        self._mac += 1
        m = self._mac
        return f"fa:16:3e:{m >> 16 & 0xFF:02x}:{m >> 8 & 0xFF:02x}:{m & 0xFF:02x}"

    # -- base -------------------------------------------------------------
    def base(self, txn_size: int) -> Iterator[Txn]:
        txn = TxnBuilder()
        count = 0
        for unit in self._units():
            unit(txn)
            if len(txn) >= txn_size:
                count += 1
                txn.add(comment(f"ovsbench base transaction {count}"))
                yield txn.take()
        if len(txn):
            txn.add(comment(f"ovsbench base transaction {count + 1}"))
            yield txn.take()

    def _units(self) -> Iterator[Any]:
        yield self._globals
        for p in range(self.shape.projects):
            per = self.shape.networks_per_project
            for n in range(per):
                yield self._datapath_unit(p * per + n)
            yield lambda txn, p=p: self._router(txn, p)
            for k in range(self.shape.ports_per_project):
                yield lambda txn, i=p * per + k % per: self._vm_port(txn, self.switches[i])
            for _ in range(self.shape.mac_bindings_per_router):
                yield lambda txn, p=p: self._mac_binding(txn, self.routers[p])

    def _globals(self, txn: TxnBuilder) -> None:
        txn.insert("SB_Global", self.sb_global, {"options": omap({"mac_prefix": "0a:5b:9c"})})
        for i in range(self.shape.chassis):
            chassis, private, encap = self.ids.uuid(), self.ids.uuid(), self.ids.uuid()
            name = self.ids.uuid()
            ip = f"192.0.{2 + (i >> 8)}.{i & 0xFF}"
            txn.insert(
                "Encap",
                encap,
                {
                    "type": "geneve",
                    "ip": ip,
                    "chassis_name": name,
                    "options": omap({"csum": "true"}),
                },
            )
            txn.insert(
                "Chassis",
                chassis,
                {
                    "name": name,
                    "hostname": f"compute-{i:03d}.example.org",
                    "encaps": ref(encap),
                    "other_config": omap(
                        {
                            "datapath-type": "system",
                            "iface-types": "bareudp,erspan,geneve,gre,gtpu,internal,ip6erspan,"
                            "ip6gre,lisp,patch,stt,system,tap,vxlan",
                            "is-interconn": "false",
                            "ovn-bridge-mappings": "physnet1:br-ex",
                            "ovn-chassis-mac-mappings": "",
                            "ovn-cms-options": "",
                            "ovn-enable-lflow-cache": "true",
                            "ovn-limit-lflow-cache": "",
                            "ovn-memlimit-lflow-cache-kb": "",
                            "ovn-monitor-all": "true",
                            "ovn-trim-limit-lflow-cache": "",
                            "ovn-trim-wmark-perc-lflow-cache": "",
                            "port-up-notif": "true",
                        }
                    ),
                },
            )
            txn.insert("Chassis_Private", private, {"name": name, "chassis": ref(chassis)})
            self.chassis.append((chassis, private))

    def _datapath_unit(self, g: int) -> Any:
        def unit(txn: TxnBuilder) -> None:
            dp = self._datapath(txn, f"neutron-{self.ids.uuid()}", is_router=False)
            dp.prefix = f"10.{g >> 8 & 0xFF}.{g & 0xFF}"
            dp.flood = self.ids.uuid()
            txn.insert(
                "Multicast_Group",
                dp.flood,
                {"datapath": ref(dp.row), "name": "_MC_flood", "tunnel_key": 32768},
            )
            self.switches.append(dp)

        return unit

    def _datapath(self, txn: TxnBuilder, name: str, *, is_router: bool) -> Datapath:
        self._dp_key += 1
        dp = Datapath(row=self.ids.uuid(), name=name, is_router=is_router)
        kind = "logical-router" if is_router else "logical-switch"
        txn.insert(
            "Datapath_Binding",
            dp.row,
            {
                "tunnel_key": self._dp_key,
                "external_ids": omap(
                    {kind: self.ids.uuid(), "name": name, "name2": f"dp-{self._dp_key}"}
                ),
            },
        )
        stages = _LR_STAGES if is_router else _LS_STAGES
        count = self.shape.lr_generic_flows if is_router else self.shape.ls_generic_flows
        for i in range(count):
            stage = stages[i % len(stages)]
            self._flow(
                txn,
                dp,
                stage,
                priority=(i * 37) % 120,
                match=_MATCHES[i % len(_MATCHES)],
                actions=_ACTIONS[(i * 7) % len(_ACTIONS)],
            )
        return dp

    def _flow(
        self, txn: TxnBuilder, dp: Datapath, stage: str, *, priority: int, match: str, actions: str
    ) -> str:
        u = self.ids.uuid()
        egress = "_out_" in stage
        txn.insert(
            LF,
            u,
            {
                "logical_datapath": ref(dp.row),
                "pipeline": "egress" if egress else "ingress",
                "table_id": (hash_stage(stage)) % 30,
                "priority": priority,
                "match": match,
                "actions": actions,
                "external_ids": omap(
                    {
                        "source": f"northd.c:{5000 + hash_stage(stage) * 13 % 9000}",
                        "stage-name": stage,
                        "stage-hint": f"{self.rng.getrandbits(32):08x}",
                    }
                ),
            },
        )
        return u

    def _router(self, txn: TxnBuilder, p: int) -> None:
        dp = self._datapath(txn, f"neutron-{self.ids.uuid()}", is_router=True)
        self.routers.append(dp)
        per = self.shape.networks_per_project
        for net in self.switches[p * per : p * per + 2]:
            lrp = f"lrp-{self.ids.uuid()}"
            mac = self._new_mac()
            self._binding(
                txn, dp, lrp, "patch", mac=f"{mac} {net.prefix}.1/24", options={"peer": lrp[4:]}
            )
            self._binding(txn, net, lrp[4:], "patch", mac="router", options={"peer": lrp})
            self._flow(
                txn,
                dp,
                "lr_in_ip_routing",
                priority=74,
                match=f"ip4.dst == {net.prefix}.0/24",
                actions=f"ip.ttl--; reg8[0..15] = 0; reg0 = ip4.dst; reg1 = {net.prefix}.1; "
                f'eth.src = {mac}; outport = "{lrp}"; flags.loopback = 1; next;',
            )

    def _binding(
        self,
        txn: TxnBuilder,
        dp: Datapath,
        name: str,
        kind: str,
        *,
        mac: str,
        options: dict[str, str],
        extra: dict[str, Any] | None = None,
    ) -> str:
        u = self.ids.uuid()
        row = {
            "logical_port": name,
            "type": kind,
            "datapath": ref(dp.row),
            "tunnel_key": dp.next_key,
            "mac": mac,
            "options": omap(options),
        }
        txn.insert(PB, u, row | (extra or {}))
        dp.next_key += 1
        if dp.flood:
            txn.add_to_set("Multicast_Group", dp.flood, "ports", [ref(u)])
        return u

    def _vm_port(self, txn: TxnBuilder, dp: Datapath) -> Port:
        host = 3 + len(dp.ports)
        name = self.ids.uuid()
        port = Port(row="", name=name, dp=dp, host=host, mac=self._new_mac(), flows=[])
        ip = f"{dp.prefix}.{host}"
        chassis = self.rng.randrange(len(self.chassis))
        port.chassis = chassis
        port.row = self._binding(
            txn,
            dp,
            name,
            "",
            mac=f"{port.mac} {ip}",
            options={
                "mcast_flood_reports": "true",
                "requested-chassis": f"compute-{chassis:03d}.example.org",
            },
            extra={
                "chassis": ref(self.chassis[chassis][0]),
                "up": True,
                "port_security": f"{port.mac} {ip}",
                "external_ids": omap(
                    {
                        "name": "",
                        "neutron:cidrs": f"{ip}/24",
                        "neutron:device_id": self.ids.uuid(),
                        "neutron:device_owner": "compute:nova",
                        "neutron:network_name": dp.name,
                        "neutron:revision_number": "4",
                    }
                ),
            },
        )
        port.flows = self._port_flows(txn, port, ip)
        dp.ports.add(port)
        self.ports.add(port)
        return port

    def _port_flows(self, txn: TxnBuilder, port: Port, ip: str) -> list[str]:
        p, m, dp = port.name, port.mac, port.dp
        gw = f"{dp.prefix}.1"
        src = f'inport == "{p}" && eth.src == {m}'
        arp_reply = (
            f"eth.dst = eth.src; eth.src = {m}; arp.op = 2; /* ARP reply */ arp.tha = arp.sha; "
            f"arp.sha = {m}; arp.tpa = arp.spa; arp.spa = {ip}; outport = inport; "
            "flags.loopback = 1; output;"
        )
        dhcp = (
            f"reg0[3] = put_dhcp_opts(offerip = {ip}, classless_static_route = "
            f"{{169.254.169.254/32,{dp.prefix}.2, 0.0.0.0/0,{gw}}}, dns_server = {{10.255.0.53}}, "
            f"lease_time = 43200, mtu = 1442, netmask = 255.255.255.0, router = {gw}, "
            f"server_id = {gw}); next;"
        )
        specs = (
            ("ls_in_check_port_sec", 50, f'inport == "{p}" && eth.src == {{{m}}}', "next;"),
            ("ls_in_apply_port_sec", 90, f"{src} && ip4.src == {{{ip}}}", "next;"),
            ("ls_in_apply_port_sec", 80, f"{src} && ip", "drop;"),
            (
                "ls_in_check_port_sec",
                90,
                f"{src} && arp.sha == {m} && arp.spa == {{{ip}}}",
                "next;",
            ),
            ("ls_in_arp_rsp", 50, f"arp.tpa == {ip} && arp.op == 1", arp_reply),
            ("ls_in_l2_lkup", 50, f"eth.dst == {m}", f'outport = "{p}"; output;'),
            ("ls_out_apply_port_sec", 50, f'outport == "{p}" && eth.dst == {{{m}}}', "next;"),
            (
                "ls_in_dhcp_options",
                100,
                f"{src} && ip4.src == 0.0.0.0 && ip4.dst == 255.255.255.255 "
                "&& udp.src == 68 && udp.dst == 67",
                dhcp,
            ),
        )
        return [
            self._flow(txn, dp, s, priority=pr, match=mt, actions=ac) for s, pr, mt, ac in specs
        ]

    def _mac_binding(self, txn: TxnBuilder, dp: Datapath) -> None:
        mb = MacBinding(row=self.ids.uuid(), dp=dp, port=f"lrp-{self.ids.uuid()}")
        txn.insert(
            "MAC_Binding",
            mb.row,
            {
                "logical_port": mb.port,
                "ip": f"172.{16 + self.rng.randrange(16)}.{self.rng.randrange(256)}."
                f"{self.rng.randrange(256)}",
                "mac": self._new_mac(),
                "timestamp": 1_790_000_000_000 + self.rng.randrange(10**9),
                "datapath": ref(dp.row),
            },
        )
        self.macs.add(mb)

    # -- churn --------------------------------------------------------------
    def churn(self) -> Iterator[Txn]:
        actions = [
            (25, self._c_claim),
            (10, self._c_port_create),
            (9, self._c_port_delete),
            (15, self._c_mac_learn),
            (10, self._c_mac_age),
            (10, self._c_mac_refresh),
            (15, self._c_chassis_cfg),
            (6, self._c_global_cfg),
        ]
        weights = [w for w, _ in actions]
        funcs = [f for _, f in actions]
        for _ in range(self.shape.churn):
            while True:
                txn = self.rng.choices(funcs, weights)[0]()
                if txn:
                    yield txn
                    break

    def _c_claim(self) -> Txn:
        port = self.ports.choice(self.rng)
        # Always a different chassis: a transaction that changes nothing
        # leaves no record, and every churn transaction must leave one.
        old = port.chassis or 0
        port.chassis = (old + 1 + self.rng.randrange(len(self.chassis) - 1)) % len(self.chassis)
        return [update(PB, port.row, {"chassis": ref(self.chassis[port.chassis][0]), "up": True})]

    def _c_port_create(self) -> Txn:
        txn = TxnBuilder()
        self._vm_port(txn, self.switches[self.rng.randrange(len(self.switches))])
        return txn.take()

    def _c_port_delete(self) -> Txn:
        if len(self.ports) < 10:
            return []
        port = self.ports.choice(self.rng)
        self.ports.remove(port)
        port.dp.ports.remove(port)
        ops: list[Op] = [delete_row(PB, port.row)]
        ops += [delete_row(LF, f) for f in port.flows]
        return ops

    def _c_mac_learn(self) -> Txn:
        txn = TxnBuilder()
        self._mac_binding(txn, self.routers[self.rng.randrange(len(self.routers))])
        return txn.take()

    def _c_mac_age(self) -> Txn:
        if len(self.macs) < 10:
            return []
        mb = self.macs.choice(self.rng)
        self.macs.remove(mb)
        return [delete_row("MAC_Binding", mb.row)]

    def _c_mac_refresh(self) -> Txn:
        mb = self.macs.choice(self.rng)
        return [
            update(
                "MAC_Binding", mb.row, {"timestamp": 1_790_000_000_000 + self.rng.randrange(10**9)}
            )
        ]

    def _c_chassis_cfg(self) -> Txn:
        self.nb_cfg += 1
        _, private = self.chassis[self.rng.randrange(len(self.chassis))]
        return [
            update(
                "Chassis_Private",
                private,
                {"nb_cfg": self.nb_cfg, "nb_cfg_timestamp": 1_790_000_000_000},
            )
        ]

    def _c_global_cfg(self) -> Txn:
        self.nb_cfg += 1
        return [update("SB_Global", self.sb_global, {"nb_cfg": self.nb_cfg})]


def hash_stage(stage: str) -> int:
    """A stable small number per stage name (``hash()`` of a str changes per process)."""
    return sum(stage.encode()) % 31


def delete_row(table: str, u: str) -> Op:
    return {"op": "delete", "table": table, "where": [["_uuid", "==", ref(u)]]}
