"""Content of a Neutron-driven OVN Northbound database (baseline, section 3).

A *project* is the unit of scale: 3 networks (2 attached to the project's
router), 3 security groups, 40 VM ports, one router with 5 static routes,
2 SNAT and 10 floating-IP NAT rows, and one Octavia load balancer per 3
projects. Global pieces make the big columns a real Neutron deployment has:
``neutron_pg_drop`` holds every VM port in one set column, the provider
network's ``ports`` holds every router gateway port, and a few global
address sets hold 2,000 IPs each. Medium (1,500 projects) and large (6,000)
land at the baseline's row counts per table.

Rows and values are shaped as Neutron's OVN driver writes them (names,
external_ids keys, match strings) so that row sizes, and thus file sizes,
are realistic; their exact meaning does not matter to the benchmarks.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ops import (
    Bag,
    Ids,
    Txn,
    TxnBuilder,
    comment,
    omap,
    oset,
    ref,
    set_delete,
    set_insert,
    update,
)

SCHEMA = Path("/usr/share/ovn/ovn-nb.ovsschema")
DB_NAME = "OVN_Northbound"

LSP = "Logical_Switch_Port"
LRP = "Logical_Router_Port"
LRSR = "Logical_Router_Static_Route"


@dataclass(frozen=True)
class NbShape:
    projects: int
    global_sets: int
    global_set_size: int
    churn: int
    networks_per_project: int = 3
    routed_networks: int = 2
    sgs_per_project: int = 3
    ports_per_project: int = 40
    extra_routes: int = 4
    fips_per_router: int = 10
    lb_every: int = 3
    gateway_chassis: int = 2


SHAPES: dict[str, NbShape] = {
    "tiny": NbShape(projects=12, global_sets=1, global_set_size=200, churn=300),
    "small": NbShape(projects=90, global_sets=2, global_set_size=2000, churn=2000),
    "medium": NbShape(projects=1500, global_sets=30, global_set_size=2000, churn=20000),
    "large": NbShape(projects=6000, global_sets=120, global_set_size=2000, churn=50000),
}

# Security-group rules every group starts with (Neutron's default group plus
# the usual ssh/icmp/web openings): (direction, match suffix).
_RULES: tuple[tuple[str, str], ...] = (
    ("from-lport", "ip4"),
    ("from-lport", "ip6"),
    ("to-lport", "ip4 && ip4.src == $as_ip4_{sg}"),
    ("to-lport", "ip6 && ip6.src == $as_ip6_{sg}"),
    ("to-lport", "ip4 && ip4.src == 0.0.0.0/0 && tcp && tcp.dst == 22"),
    ("to-lport", "ip4 && ip4.src == 0.0.0.0/0 && icmp4"),
    ("to-lport", "ip4 && ip4.src == 0.0.0.0/0 && tcp && tcp.dst == 80"),
    ("to-lport", "ip4 && ip4.src == 0.0.0.0/0 && tcp && tcp.dst == 443"),
)
_HOSTS = 64  # compute nodes ports are bound to
_GATEWAYS = 3  # gateway chassis candidates


def _u(neutron_id: str) -> str:
    """Neutron's OVN names replace '-' by '_' in port-group and address-set names."""
    return neutron_id.replace("-", "_")


@dataclass(eq=False)
class Network:
    ls: str
    nid: str
    subnet_id: str
    prefix: str  # "10.a.b"
    dhcp: str
    project: Project
    routed: bool
    free_hosts: list[int] = field(default_factory=list)

    @property
    def cidr(self) -> str:
        return f"{self.prefix}.0/24"


@dataclass(eq=False)
class SecGroup:
    sid: str
    pg: str
    as4: str
    as6: str
    acls: Bag[str] = field(default_factory=Bag)

    @property
    def pg_name(self) -> str:
        return f"pg_{_u(self.sid)}"


@dataclass(eq=False)
class Port:
    row: str
    pid: str
    network: Network
    host: int
    mac: str
    sgs: list[SecGroup]
    device_id: str
    revision: int = 1
    up: bool = True
    fip: str | None = None

    @property
    def ip(self) -> str:
        return f"{self.network.prefix}.{self.host}"


@dataclass(eq=False)
class Router:
    lr: str
    rid: str
    gw_ip: str
    project: Project
    routes: Bag[str] = field(default_factory=Bag)
    fips: Bag[str] = field(default_factory=Bag)
    fip_port: dict[str, Port] = field(default_factory=dict)


@dataclass(eq=False)
class Project:
    tid: str
    networks: list[Network] = field(default_factory=list)
    sgs: list[SecGroup] = field(default_factory=list)
    router: Router | None = None
    ports: Bag[Port] = field(default_factory=Bag)


@dataclass(eq=False)
class LoadBalancer:
    row: str
    vip: str
    members: list[str]
    pool: str
    listener: str
    router: Router
    network: Network


class NbWorkload:
    """Generates the base transactions, then the churn, for one seed and scale."""

    db_name = DB_NAME
    schema = SCHEMA

    def __init__(self, shape: NbShape, seed: int) -> None:
        self.shape = shape
        self.rng = random.Random(f"nb:{seed}")
        self.ids = Ids(self.rng)
        self.nb_global = self.ids.uuid()
        self.public_ls = self.ids.uuid()
        self.public_nid = self.ids.uuid()
        self.pg_drop = self.ids.uuid()
        self.projects: list[Project] = []
        self.ports: Bag[Port] = Bag()
        self.deleted: list[Port] = []
        self.global_sets: list[tuple[str, Bag[str]]] = []
        self.lbs: list[LoadBalancer] = []
        self._mac = 0x100000
        self._public_host = 10
        self._next_net = 0
        self.nb_cfg = 0

    def describe(self) -> dict[str, Any]:
        return dataclasses.asdict(self.shape)

    # -- identifiers ------------------------------------------------------
    def _new_mac(self) -> str:
        self._mac += 1
        m = self._mac
        return f"fa:16:3e:{m >> 16 & 0xFF:02x}:{m >> 8 & 0xFF:02x}:{m & 0xFF:02x}"

    def _new_public_ip(self) -> str:
        self._public_host += 1
        h = self._public_host
        return f"172.{16 + (h >> 16 & 0x0F)}.{h >> 8 & 0xFF}.{h & 0xFF}"

    def _host(self, i: int) -> str:
        return f"compute-{i:03d}.example.org"

    # -- base -------------------------------------------------------------
    def base(self, txn_size: int) -> Iterator[Txn]:
        """Base transactions of about ``txn_size`` operations each."""
        txn = TxnBuilder()
        count = 0

        def flush() -> Iterator[Txn]:
            nonlocal count
            count += 1
            txn.add(comment(f"ovsbench base transaction {count}"))
            yield txn.take()

        for unit in self._base_units():
            unit(txn)
            if len(txn) >= txn_size:
                yield from flush()
        if len(txn):
            yield from flush()

    def _base_units(self) -> Iterator[Any]:
        yield self._globals
        for i in range(self.shape.global_sets):
            yield lambda txn, i=i: self._global_set(txn, i)
        for p in range(self.shape.projects):
            project = Project(tid=self.ids.hex32())
            self.projects.append(project)
            for n in range(self.shape.networks_per_project):
                yield lambda txn, pr=project, n=n: self._network(txn, pr, n)
            for _ in range(self.shape.sgs_per_project):
                yield lambda txn, pr=project: self._secgroup(txn, pr)
            yield lambda txn, pr=project, p=p: self._router(txn, pr, p)
            for k in range(self.shape.ports_per_project):
                yield lambda txn, pr=project, k=k: self._vm_port(
                    txn, pr.networks[k % len(pr.networks)], self._initial_sgs(pr)
                )
            for _ in range(self.shape.fips_per_router):
                yield lambda txn, pr=project: self._fip(txn, pr)
            if p % self.shape.lb_every == 0:
                yield lambda txn, pr=project: self._load_balancer(txn, pr)

    def _initial_sgs(self, project: Project) -> list[SecGroup]:
        sgs = [project.sgs[0]]
        if self.rng.random() < 0.3:
            sgs.append(project.sgs[1 + self.rng.randrange(len(project.sgs) - 1)])
        return sgs

    def _globals(self, txn: TxnBuilder) -> None:
        txn.insert(
            "NB_Global",
            self.nb_global,
            {
                "options": omap(
                    {
                        "mac_prefix": "0a:5b:9c",
                        "max_tunid": "16711680",
                        "northd_internal_version": "23.03.1-20.27.0-70.6",
                        "svc_monitor_mac": "0a:5b:9c:00:00:01",
                        "use_logical_dp_groups": "true",
                    }
                ),
            },
        )
        localnet = self.ids.uuid()
        txn.insert(
            LSP,
            localnet,
            {
                "name": f"provnet-{self.ids.uuid()}",
                "type": "localnet",
                "addresses": "unknown",
                "options": omap({"mcast_flood": "false", "network_name": "physnet1"}),
            },
        )
        txn.insert(
            "Logical_Switch",
            self.public_ls,
            {
                "name": f"neutron-{self.public_nid}",
                "ports": oset([ref(localnet)]),
                "external_ids": omap(
                    {
                        "neutron:mtu": "1500",
                        "neutron:network_name": "public",
                        "neutron:revision_number": "1",
                    }
                ),
            },
        )
        drop_acls = [self.ids.uuid(), self.ids.uuid()]
        for acl, (direction, port) in zip(
            drop_acls, (("from-lport", "inport"), ("to-lport", "outport")), strict=True
        ):
            txn.insert(
                "ACL",
                acl,
                {
                    "priority": 1001,
                    "direction": direction,
                    "match": f"{port} == @neutron_pg_drop && ip",
                    "action": "drop",
                },
            )
        txn.insert(
            "Port_Group",
            self.pg_drop,
            {"name": "neutron_pg_drop", "acls": oset(ref(a) for a in drop_acls)},
        )

    def _global_set(self, txn: TxnBuilder, i: int) -> None:
        row = self.ids.uuid()
        members: Bag[str] = Bag()
        while len(members) < self.shape.global_set_size:
            members.add(self._random_external_ip())
        self.global_sets.append((row, members))
        txn.insert(
            "Address_Set",
            row,
            {
                "name": f"global_blocklist_{i}",
                "addresses": oset(list(members)),
                "external_ids": omap({"owner": "ovsbench", "feed": f"feed-{i % 7}"}),
            },
        )

    def _random_external_ip(self) -> str:
        n = self.rng.getrandbits(22)
        return f"100.{64 + (n >> 16)}.{n >> 8 & 0xFF}.{n & 0xFF}"

    def _network(self, txn: TxnBuilder, project: Project, n: int) -> None:
        g = self._next_net
        self._next_net += 1
        net = Network(
            ls=self.ids.uuid(),
            nid=self.ids.uuid(),
            subnet_id=self.ids.uuid(),
            prefix=f"10.{g >> 8 & 0xFF}.{g & 0xFF}",
            dhcp=self.ids.uuid(),
            project=project,
            routed=n < self.shape.routed_networks,
            free_hosts=list(range(254, 2, -1)),
        )
        project.networks.append(net)
        mac = self._new_mac()
        txn.insert(
            "DHCP_Options",
            net.dhcp,
            {
                "cidr": net.cidr,
                "options": omap(
                    {
                        "classless_static_route": f"{{169.254.169.254/32,{net.prefix}.2, "
                        f"0.0.0.0/0,{net.prefix}.1}}",
                        "dns_server": "{10.255.0.53}",
                        "lease_time": "43200",
                        "mtu": "1442",
                        "router": f"{net.prefix}.1",
                        "server_id": f"{net.prefix}.1",
                        "server_mac": mac,
                    }
                ),
                "external_ids": omap(
                    {"revision_number": "0", "subnet_id": net.subnet_id},
                ),
            },
        )
        metadata = self.ids.uuid()
        txn.insert(
            LSP,
            metadata,
            {
                "name": self.ids.uuid(),
                "type": "localport",
                "addresses": f"{self._new_mac()} {net.prefix}.2",
                "port_security": oset([]),
                "external_ids": omap(
                    {
                        "neutron:cidrs": f"{net.prefix}.2/24",
                        "neutron:device_id": f"ovnmeta-{net.nid}",
                        "neutron:device_owner": "network:distributed",
                        "neutron:network_name": f"neutron-{net.nid}",
                        "neutron:project_id": project.tid,
                        "neutron:revision_number": "2",
                    }
                ),
            },
        )
        txn.insert(
            "Logical_Switch",
            net.ls,
            {
                "name": f"neutron-{net.nid}",
                "ports": oset([ref(metadata)]),
                "other_config": omap(
                    {
                        "mcast_flood_unregistered": "false",
                        "mcast_snoop": "false",
                        "vlan-passthru": "false",
                    }
                ),
                "external_ids": omap(
                    {
                        "neutron:availability_zone_hints": "",
                        "neutron:mtu": "1442",
                        "neutron:network_name": f"net-{g}",
                        "neutron:revision_number": "2",
                    }
                ),
            },
        )

    def _secgroup(self, txn: TxnBuilder, project: Project) -> None:
        sg = SecGroup(
            sid=self.ids.uuid(), pg=self.ids.uuid(), as4=self.ids.uuid(), as6=self.ids.uuid()
        )
        project.sgs.append(sg)
        for u, family in ((sg.as4, "ip4"), (sg.as6, "ip6")):
            txn.insert(
                "Address_Set",
                u,
                {
                    "name": f"as_{family}_{_u(sg.sid)}",
                    "external_ids": omap({"neutron:security_group_id": sg.sid}),
                },
            )
        for direction, match in _RULES:
            sg.acls.add(self._acl(txn, sg, direction, match))
        txn.insert(
            "Port_Group",
            sg.pg,
            {
                "name": sg.pg_name,
                "acls": oset(ref(a) for a in sg.acls),
                "external_ids": omap({"neutron:security_group_id": sg.sid}),
            },
        )

    def _acl(self, txn: TxnBuilder, sg: SecGroup, direction: str, match: str) -> str:
        u = self.ids.uuid()
        port = "inport" if direction == "from-lport" else "outport"
        txn.insert(
            "ACL",
            u,
            {
                "priority": 1002,
                "direction": direction,
                "match": f"{port} == @{sg.pg_name} && " + match.format(sg=_u(sg.sid)),
                "action": "allow-related",
                "external_ids": omap({"neutron:security_group_rule_id": self.ids.uuid()}),
            },
        )
        return u

    def _router(self, txn: TxnBuilder, project: Project, p: int) -> None:
        router = Router(
            lr=self.ids.uuid(), rid=self.ids.uuid(), gw_ip=self._new_public_ip(), project=project
        )
        project.router = router
        lrps: list[str] = []
        for net in project.networks:
            if net.routed:
                lrps.append(self._router_interface(txn, router, net))
        lrps.append(self._gateway_port(txn, router))
        for net in project.networks:
            if net.routed:
                self._nat_row(txn, router, "snat", router.gw_ip, net.cidr)
        txn.insert(
            "Logical_Router",
            router.lr,
            {
                "name": f"neutron-{router.rid}",
                "ports": oset(ref(u) for u in lrps),
                "enabled": True,
                "options": omap(
                    {
                        "always_learn_from_arp_request": "false",
                        "dynamic_neigh_routers": "true",
                        "mac_binding_age_threshold": "0",
                    }
                ),
                "external_ids": omap(
                    {
                        "neutron:availability_zone_hints": "",
                        "neutron:gw_port_id": self.ids.uuid(),
                        "neutron:revision_number": "4",
                        "neutron:router_name": f"router-{p}",
                    }
                ),
            },
        )
        self._route(txn, router, "0.0.0.0/0", "172.16.0.1", is_gw=True)
        for k in range(self.shape.extra_routes):
            net = project.networks[0]
            self._route(
                txn,
                router,
                f"192.168.{(p * 7 + k) & 0xFF}.0/24",
                f"{net.prefix}.{200 + k}",
                is_gw=False,
            )

    def _router_interface(self, txn: TxnBuilder, router: Router, net: Network) -> str:
        lrp, lsp, pid = self.ids.uuid(), self.ids.uuid(), self.ids.uuid()
        txn.insert(
            LRP,
            lrp,
            {
                "name": f"lrp-{pid}",
                "mac": self._new_mac(),
                "networks": f"{net.prefix}.1/24",
                "external_ids": omap(
                    {
                        "neutron:network_name": f"neutron-{net.nid}",
                        "neutron:revision_number": "3",
                        "neutron:router_name": router.rid,
                        "neutron:subnet_ids": net.subnet_id,
                    }
                ),
            },
        )
        txn.insert(
            LSP,
            lsp,
            {
                "name": pid,
                "type": "router",
                "addresses": "router",
                "options": omap({"router-port": f"lrp-{pid}"}),
                "external_ids": omap(
                    {
                        "neutron:cidrs": f"{net.prefix}.1/24",
                        "neutron:device_id": router.rid,
                        "neutron:device_owner": "network:router_interface",
                        "neutron:network_name": f"neutron-{net.nid}",
                        "neutron:project_id": router.project.tid,
                        "neutron:revision_number": "3",
                    }
                ),
            },
        )
        txn.add_to_set("Logical_Switch", net.ls, "ports", [ref(lsp)])
        return lrp

    def _gateway_port(self, txn: TxnBuilder, router: Router) -> str:
        lrp, lsp, pid = self.ids.uuid(), self.ids.uuid(), self.ids.uuid()
        chassis: list[str] = []
        first = self.rng.randrange(_GATEWAYS)
        for k in range(self.shape.gateway_chassis):
            gc = self.ids.uuid()
            name = f"gw-{(first + k) % _GATEWAYS}"
            txn.insert(
                "Gateway_Chassis",
                gc,
                {
                    "name": f"lrp-{pid}_{name}",
                    "chassis_name": name,
                    "priority": self.shape.gateway_chassis - k,
                },
            )
            chassis.append(gc)
        txn.insert(
            LRP,
            lrp,
            {
                "name": f"lrp-{pid}",
                "mac": self._new_mac(),
                "networks": f"{router.gw_ip}/12",
                "gateway_chassis": oset(ref(c) for c in chassis),
                "external_ids": omap(
                    {
                        "neutron:is_ext_gw": "True",
                        "neutron:network_name": f"neutron-{self.public_nid}",
                        "neutron:revision_number": "4",
                        "neutron:router_name": router.rid,
                        "neutron:subnet_ids": self.public_nid,
                    }
                ),
            },
        )
        txn.insert(
            LSP,
            lsp,
            {
                "name": pid,
                "type": "router",
                "addresses": "router",
                "options": omap({"router-port": f"lrp-{pid}", "nat-addresses": "router"}),
                "external_ids": omap(
                    {
                        "neutron:cidrs": f"{router.gw_ip}/12",
                        "neutron:device_id": router.rid,
                        "neutron:device_owner": "network:router_gateway",
                        "neutron:network_name": f"neutron-{self.public_nid}",
                        "neutron:project_id": "",
                        "neutron:revision_number": "4",
                    }
                ),
            },
        )
        txn.add_to_set("Logical_Switch", self.public_ls, "ports", [ref(lsp)])
        return lrp

    def _route(
        self, txn: TxnBuilder, router: Router, prefix: str, nexthop: str, *, is_gw: bool
    ) -> None:
        u = self.ids.uuid()
        ext = {"neutron:is_ext_gw": "true", "neutron:subnet_id": self.public_nid} if is_gw else {}
        txn.insert(LRSR, u, {"ip_prefix": prefix, "nexthop": nexthop, "external_ids": omap(ext)})
        txn.add_to_set("Logical_Router", router.lr, "static_routes", [ref(u)])
        if not is_gw:
            router.routes.add(u)

    def _nat_row(
        self,
        txn: TxnBuilder,
        router: Router,
        kind: str,
        external_ip: str,
        logical_ip: str,
        *,
        port: Port | None = None,
    ) -> str:
        u = self.ids.uuid()
        row: dict[str, Any] = {
            "type": kind,
            "external_ip": external_ip,
            "logical_ip": logical_ip,
            "options": omap({"stateless": "false"}),
        }
        ext = {"neutron:revision_number": "1", "neutron:router_name": f"neutron-{router.rid}"}
        if port is not None:
            mac = self._new_mac()
            row["logical_port"] = port.pid
            row["external_mac"] = mac
            ext |= {
                "neutron:fip_external_mac": mac,
                "neutron:fip_id": self.ids.uuid(),
                "neutron:fip_network_id": self.public_nid,
                "neutron:fip_port_id": port.pid,
            }
        row["external_ids"] = omap(ext)
        txn.insert("NAT", u, row)
        txn.add_to_set("Logical_Router", router.lr, "nat", [ref(u)])
        return u

    def _fip(self, txn: TxnBuilder, project: Project) -> bool:
        router = project.router
        if router is None:
            return False
        for _ in range(8):
            port = project.ports.choice(self.rng) if len(project.ports) else None
            if port is not None and port.network.routed and port.fip is None:
                nat = self._nat_row(
                    txn, router, "dnat_and_snat", self._new_public_ip(), port.ip, port=port
                )
                port.fip = nat
                router.fips.add(nat)
                router.fip_port[nat] = port
                return True
        return False

    def _load_balancer(self, txn: TxnBuilder, project: Project) -> None:
        net = next(n for n in project.networks if n.routed)
        router = project.router
        assert router is not None
        members = [p.ip for p in project.ports if p.network is net][:3] or [f"{net.prefix}.250"]
        lb = LoadBalancer(
            row=self.ids.uuid(),
            vip=f"{net.prefix}.{240 + self.rng.randrange(8)}",
            members=members,
            pool=self.ids.uuid(),
            listener=self.ids.uuid(),
            router=router,
            network=net,
        )
        self.lbs.append(lb)
        txn.insert(
            "Load_Balancer",
            lb.row,
            {"name": self.ids.uuid(), "protocol": "tcp", **self._lb_columns(lb)},
        )
        txn.add_to_set("Logical_Router", router.lr, "load_balancer", [ref(lb.row)])
        txn.add_to_set("Logical_Switch", net.ls, "load_balancer", [ref(lb.row)])

    def _lb_columns(self, lb: LoadBalancer) -> dict[str, Any]:
        backends = ",".join(f"{ip}:80" for ip in lb.members)
        member_ids = ",".join(
            f"member_{self.ids.uuid()}_{ip}:80_{lb.network.subnet_id}" for ip in lb.members
        )
        return {
            "vips": omap({f"{lb.vip}:80": backends}),
            "external_ids": omap(
                {
                    "enabled": "True",
                    f"listener_{lb.listener}": f"80:pool_{lb.pool}",
                    "lr_ref": f"neutron-{lb.router.rid}",
                    "ls_refs": f'{{"neutron-{lb.network.nid}": 1}}',
                    "neutron:vip": lb.vip,
                    "neutron:vip_port_id": self.ids.uuid(),
                    "octavia:healthmonitors": "[]",
                    f"pool_{lb.pool}": member_ids,
                }
            ),
        }

    # -- VM ports -----------------------------------------------------------
    def _vm_port(
        self, txn: TxnBuilder, net: Network, sgs: list[SecGroup], port: Port | None = None
    ) -> Port | None:
        if port is None:
            if not net.free_hosts:
                return None
            port = Port(
                row=self.ids.uuid(),
                pid=self.ids.uuid(),
                network=net,
                host=net.free_hosts.pop(),
                mac=self._new_mac(),
                sgs=sgs,
                device_id=self.ids.uuid(),
            )
        elif port.host in net.free_hosts:
            net.free_hosts.remove(port.host)
        binding = self._host(self.rng.randrange(_HOSTS))
        address = f"{port.mac} {port.ip}"
        txn.insert(
            LSP,
            port.row,
            {
                "name": port.pid,
                "addresses": address,
                "port_security": address,
                "dhcpv4_options": ref(net.dhcp),
                "enabled": True,
                "up": port.up,
                "options": omap({"mcast_flood_reports": "true", "requested-chassis": binding}),
                "external_ids": omap(self._port_ids(port, binding)),
            },
        )
        txn.add_to_set("Logical_Switch", net.ls, "ports", [ref(port.row)])
        txn.add_to_set("Port_Group", self.pg_drop, "ports", [ref(port.row)])
        for sg in port.sgs:
            txn.add_to_set("Port_Group", sg.pg, "ports", [ref(port.row)])
            txn.add_to_set("Address_Set", sg.as4, "addresses", [port.ip])
        self.ports.add(port)
        net.project.ports.add(port)
        return port

    def _port_ids(self, port: Port, binding: str) -> dict[str, str]:
        return {
            "neutron:cidrs": f"{port.ip}/24",
            "neutron:device_id": port.device_id,
            "neutron:device_owner": "compute:nova",
            "neutron:host_id": binding,
            "neutron:mtu": "",
            "neutron:network_name": f"neutron-{port.network.nid}",
            "neutron:port_capabilities": "",
            "neutron:port_name": "",
            "neutron:project_id": port.network.project.tid,
            "neutron:revision_number": str(port.revision),
            "neutron:security_group_ids": " ".join(sg.sid for sg in port.sgs),
            "neutron:subnet_pool_addr_scope4": "",
            "neutron:subnet_pool_addr_scope6": "",
            "neutron:vnic_type": "normal",
        }

    def _delete_port(self, port: Port) -> Txn:
        ops: Txn = [
            set_delete("Logical_Switch", port.network.ls, "ports", [ref(port.row)]),
            set_delete("Port_Group", self.pg_drop, "ports", [ref(port.row)]),
        ]
        for sg in port.sgs:
            ops.append(set_delete("Port_Group", sg.pg, "ports", [ref(port.row)]))
            ops.append(set_delete("Address_Set", sg.as4, "addresses", [port.ip]))
        router = port.network.project.router
        if port.fip is not None and router is not None:
            ops.append(set_delete("Logical_Router", router.lr, "nat", [ref(port.fip)]))
            router.fips.remove(port.fip)
            del router.fip_port[port.fip]
            port.fip = None
        self.ports.remove(port)
        port.network.project.ports.remove(port)
        port.network.free_hosts.append(port.host)
        return ops

    # -- churn --------------------------------------------------------------
    def churn(self) -> Iterator[Txn]:
        """Small transactions like a running Neutron's; exactly ``shape.churn`` of them."""
        actions = [
            (24, self._c_port_update),
            (6, self._c_port_up),
            (12, self._c_port_create),
            (10, self._c_port_delete),
            (4, self._c_port_recreate),
            (6, self._c_sg_member),
            (10, self._c_global_set),
            (5, self._c_acl_add),
            (4, self._c_acl_delete),
            (5, self._c_fip_add),
            (4, self._c_fip_delete),
            (3, self._c_route_add),
            (2, self._c_route_delete),
            (3, self._c_lb_members),
            (2, self._c_nb_cfg),
        ]
        weights = [w for w, _ in actions]
        funcs = [f for _, f in actions]
        made = 0
        while made < self.shape.churn:
            action = self.rng.choices(funcs, weights)[0]
            for txn in action():
                if made >= self.shape.churn:
                    return
                yield txn
                made += 1

    def _some_port(self) -> Port | None:
        return self.ports.choice(self.rng) if len(self.ports) else None

    def _c_port_update(self) -> Iterator[Txn]:
        port = self._some_port()
        if port is None:
            return
        port.revision += 1
        binding = self._host(self.rng.randrange(_HOSTS))
        row: dict[str, Any] = {"external_ids": omap(self._port_ids(port, binding))}
        if self.rng.random() < 0.3:
            row["options"] = omap({"mcast_flood_reports": "true", "requested-chassis": binding})
        yield [update(LSP, port.row, row)]

    def _c_port_up(self) -> Iterator[Txn]:
        port = self._some_port()
        if port is not None:
            port.up = not port.up
            yield [update(LSP, port.row, {"up": port.up})]

    def _c_port_create(self) -> Iterator[Txn]:
        project = self.projects[self.rng.randrange(len(self.projects))]
        net = project.networks[self.rng.randrange(len(project.networks))]
        txn = TxnBuilder()
        if self._vm_port(txn, net, self._initial_sgs(project)) is not None:
            yield txn.take()

    def _c_port_delete(self) -> Iterator[Txn]:
        port = self._some_port()
        if port is not None:
            yield self._delete_port(port)

    def _c_port_recreate(self) -> Iterator[Txn]:
        """Delete a port and add it back with the same row UUID (a Neutron resync)."""
        port = self._some_port()
        if port is None:
            return
        yield self._delete_port(port)
        port.revision += 1
        txn = TxnBuilder()
        self._vm_port(txn, port.network, port.sgs, port)
        yield txn.take()

    def _c_sg_member(self) -> Iterator[Txn]:
        port = self._some_port()
        if port is None:
            return
        groups = port.network.project.sgs
        extra = [sg for sg in groups[1:] if sg not in port.sgs]
        port.revision += 1
        if extra and (len(port.sgs) == 1 or self.rng.random() < 0.5):
            sg = extra[self.rng.randrange(len(extra))]
            port.sgs.append(sg)
            change = [
                set_insert("Port_Group", sg.pg, "ports", [ref(port.row)]),
                set_insert("Address_Set", sg.as4, "addresses", [port.ip]),
            ]
        elif len(port.sgs) > 1:
            sg = port.sgs.pop()
            change = [
                set_delete("Port_Group", sg.pg, "ports", [ref(port.row)]),
                set_delete("Address_Set", sg.as4, "addresses", [port.ip]),
            ]
        else:
            return
        ids = {
            "neutron:security_group_ids": " ".join(s.sid for s in port.sgs),
            "neutron:revision_number": str(port.revision),
        }
        yield [*change, update_map_keys(LSP, port.row, "external_ids", ids)]

    def _c_global_set(self) -> Iterator[Txn]:
        row, members = self.global_sets[self.rng.randrange(len(self.global_sets))]
        k = 1 + self.rng.randrange(10)
        if self.rng.random() < 0.5 and len(members) > k:
            gone = members.sample(self.rng, k)
            for ip in gone:
                members.remove(ip)
            yield [set_delete("Address_Set", row, "addresses", gone)]
        else:
            new = [ip for ip in (self._random_external_ip() for _ in range(k)) if ip not in members]
            for ip in new:
                members.add(ip)
            if new:
                yield [set_insert("Address_Set", row, "addresses", new)]

    def _some_sg(self) -> SecGroup:
        project = self.projects[self.rng.randrange(len(self.projects))]
        return project.sgs[self.rng.randrange(len(project.sgs))]

    def _c_acl_add(self) -> Iterator[Txn]:
        sg = self._some_sg()
        txn = TxnBuilder()
        port = 1024 + self.rng.randrange(60000)
        acl = self._acl(
            txn, sg, "to-lport", f"ip4 && ip4.src == 0.0.0.0/0 && tcp && tcp.dst == {port}"
        )
        sg.acls.add(acl)
        txn.add_to_set("Port_Group", sg.pg, "acls", [ref(acl)])
        yield txn.take()

    def _c_acl_delete(self) -> Iterator[Txn]:
        sg = self._some_sg()
        if len(sg.acls) > 2:
            acl = sg.acls.choice(self.rng)
            sg.acls.remove(acl)
            # Removing the last reference lets ovsdb-server garbage-collect the ACL row.
            yield [set_delete("Port_Group", sg.pg, "acls", [ref(acl)])]

    def _some_router(self) -> Router:
        router = self.projects[self.rng.randrange(len(self.projects))].router
        assert router is not None
        return router

    def _c_fip_add(self) -> Iterator[Txn]:
        router = self._some_router()
        txn = TxnBuilder()
        if self._fip(txn, router.project):
            yield txn.take()

    def _c_fip_delete(self) -> Iterator[Txn]:
        router = self._some_router()
        if len(router.fips):
            nat = router.fips.choice(self.rng)
            router.fips.remove(nat)
            router.fip_port.pop(nat).fip = None
            yield [set_delete("Logical_Router", router.lr, "nat", [ref(nat)])]

    def _c_route_add(self) -> Iterator[Txn]:
        router = self._some_router()
        txn = TxnBuilder()
        net = router.project.networks[0]
        prefix = f"192.168.{self.rng.randrange(256)}.{self.rng.randrange(64) * 4}/30"
        self._route(
            txn, router, prefix, f"{net.prefix}.{200 + self.rng.randrange(50)}", is_gw=False
        )
        yield txn.take()

    def _c_route_delete(self) -> Iterator[Txn]:
        router = self._some_router()
        if len(router.routes):
            route = router.routes.choice(self.rng)
            router.routes.remove(route)
            yield [set_delete("Logical_Router", router.lr, "static_routes", [ref(route)])]

    def _c_lb_members(self) -> Iterator[Txn]:
        if not self.lbs:
            return
        lb = self.lbs[self.rng.randrange(len(self.lbs))]
        if len(lb.members) > 1 and self.rng.random() < 0.5:
            lb.members.pop(self.rng.randrange(len(lb.members)))
        else:
            lb.members.append(f"{lb.network.prefix}.{3 + self.rng.randrange(200)}")
        yield [update("Load_Balancer", lb.row, self._lb_columns(lb))]

    def _c_nb_cfg(self) -> Iterator[Txn]:
        self.nb_cfg += 1
        yield [update("NB_Global", self.nb_global, {"nb_cfg": self.nb_cfg})]


def update_map_keys(table: str, u: str, column: str, pairs: dict[str, str]) -> dict[str, Any]:
    """Replace some keys of a map column: delete the keys, then insert the new pairs.

    Within one ``mutate`` the mutations apply in order, so this is an upsert,
    which is what ovsdbapp's ``db_set`` of a map key does.
    """
    return {
        "op": "mutate",
        "table": table,
        "where": [["_uuid", "==", ref(u)]],
        "mutations": [
            [column, "delete", oset(pairs)],
            [column, "insert", omap(pairs)],
        ],
    }
