"""Small but realistic OVN contents for tests and the sandbox.

The data is written the way a CMS writes it: with ``ovn-nbctl``/``ovn-sbctl``,
in many transactions, including later updates of maps and sets and deletions,
so the database log holds insert, diff and delete records — not just one big
insert. Content is a pure function of ``(seed, scale)`` (row UUIDs are chosen
by the server and differ between runs).

The planners (:func:`plan_nb`, :func:`plan_sb`) are pure; :func:`populate_nb`
and :func:`populate_sb` run the plan against a live server.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from ..errors import ToolError
from .tools import find_tools, run_tool

Command = list[str]
Transaction = list[Command]  # commands joined with "--": one OVSDB transaction
MAX_SCALE = 100  # keeps switch, port and host numbers inside one IPv4 octet


@dataclass
class SamplePlan:
    """Transactions to run, and the names that exist once they all have run."""

    transactions: list[Transaction] = field(default_factory=list)
    names: dict[str, list[str]] = field(default_factory=dict)

    def txn(self, *commands: Command) -> None:
        self.transactions.append(list(commands))

    def add_name(self, kind: str, name: str) -> None:
        self.names.setdefault(kind, []).append(name)

    def drop_name(self, kind: str, name: str) -> None:
        self.names[kind].remove(name)


@dataclass(frozen=True)
class SampleSummary:
    """What :func:`populate_nb`/:func:`populate_sb` wrote."""

    db_name: str
    transactions: int
    names: dict[str, list[str]]


def _check_scale(scale: int) -> None:
    if not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be between 1 and {MAX_SCALE}, not {scale}")


def _mac(prefix: tuple[int, int], a: int, b: int) -> str:
    return f"0a:{prefix[0]:02x}:{prefix[1]:02x}:00:{a:02x}:{b:02x}"


@dataclass(frozen=True)
class _Layout:
    """Deterministic addressing shared by the NB and SB plans of one seed."""

    switches: int
    ports: int
    host_base: int
    mac_prefix: tuple[int, int]

    @classmethod
    def make(cls, seed: int, scale: int) -> _Layout:
        _check_scale(scale)
        rng = random.Random(seed)
        prefix = (rng.randrange(256), rng.randrange(256))
        return cls(1 + 2 * scale, 2 + 2 * scale, rng.randrange(10, 40), prefix)

    def port(self, i: int, j: int) -> str:
        return f"sw{i}-p{j}"

    def ip(self, i: int, j: int) -> str:
        return f"10.{i}.0.{self.host_base + j}"

    def mac(self, i: int, j: int) -> str:
        return _mac(self.mac_prefix, i, j)


def plan_nb(seed: int = 0, scale: int = 1) -> SamplePlan:
    """The NB transactions for ``(seed, scale)``: switches, router, ACLs, NAT, LB, DHCP."""
    layout = _Layout.make(seed, scale)
    rng = random.Random(f"nb-{seed}")
    plan = SamplePlan()
    plan.txn(
        ["init"],
        [
            "set",
            "NB_Global",
            ".",
            "name=sandbox",
            "options:mac_prefix=0a:00:00",
            "external_ids:created-by=ovsdb-backup",
        ],
    )
    for i in range(layout.switches):
        plan.txn(*_nb_switch(plan, layout, i, rng))
    plan.txn(*_nb_router(plan, layout))
    plan.txn(*_nb_address_sets(plan, layout))
    plan.txn(*_nb_port_groups(plan, layout, rng))
    plan.txn(*_nb_nat_and_lb(plan, layout))
    for i in range(layout.switches):
        plan.txn(*_nb_dhcp(layout, i))
    _nb_churn(plan, layout, rng)
    return plan


def _nb_switch(plan: SamplePlan, layout: _Layout, i: int, rng: random.Random) -> list[Command]:
    sw = f"sw{i}"
    plan.add_name("switches", sw)
    cmds: list[Command] = [
        ["ls-add", sw],
        [
            "set",
            "Logical_Switch",
            sw,
            f"other_config:subnet=10.{i}.0.0/24",
            f"external_ids:neutron\\:network_name=net{i}",
        ],
    ]
    for j in range(layout.ports):
        port, address = layout.port(i, j), f"{layout.mac(i, j)} {layout.ip(i, j)}"
        plan.add_name("ports", port)
        cmds += [
            ["lsp-add", sw, port],
            ["lsp-set-addresses", port, address],
            ["lsp-set-port-security", port, address],
            ["set", "Logical_Switch_Port", port, f"external_ids:vm=vm-{rng.randrange(10**6)}"],
        ]
    return cmds


def _nb_router(plan: SamplePlan, layout: _Layout) -> list[Command]:
    plan.add_name("routers", "lr0")
    cmds: list[Command] = [
        ["lr-add", "lr0"],
        ["set", "Logical_Router", "lr0", "options:always_learn_from_arp_request=false"],
    ]
    for i in range(layout.switches):
        lrp, lsp = f"lrp-sw{i}", f"sw{i}-lr"
        plan.add_name("router_ports", lrp)
        plan.add_name("ports", lsp)
        cmds += [
            ["lrp-add", "lr0", lrp, layout.mac(i, 255), f"10.{i}.0.1/24"],
            ["lsp-add", f"sw{i}", lsp],
            ["lsp-set-type", lsp, "router"],
            ["lsp-set-addresses", lsp, "router"],
            ["lsp-set-options", lsp, f"router-port={lrp}"],
        ]
    plan.add_name("router_ports", "lrp-ext")
    cmds += [
        ["lrp-add", "lr0", "lrp-ext", _mac(layout.mac_prefix, 254, 254), "172.16.0.1/24"],
        ["lr-route-add", "lr0", "0.0.0.0/0", "172.16.0.254"],
    ]
    return cmds


def _nb_address_sets(plan: SamplePlan, layout: _Layout) -> list[Command]:
    cmds: list[Command] = []
    for i in range(layout.switches):
        plan.add_name("address_sets", f"as_sw{i}")
        addresses = ",".join(f'"{layout.ip(i, j)}"' for j in range(layout.ports))
        cmds.append(
            [
                "create",
                "Address_Set",
                f"name=as_sw{i}",
                f"addresses=[{addresses}]",
                f"external_ids:switch=sw{i}",
            ]
        )
    return cmds


def _nb_port_groups(plan: SamplePlan, layout: _Layout, rng: random.Random) -> list[Command]:
    members = [layout.port(i, j) for i in range(layout.switches) for j in range(layout.ports)]
    web = sorted(rng.sample(members, k=max(2, len(members) // 3)))
    plan.add_name("port_groups", "pg_web")
    plan.add_name("port_groups", "pg_all")
    return [
        ["pg-add", "pg_web", *web],
        ["pg-add", "pg_all", *members],
        ["set", "Port_Group", "pg_web", "external_ids:role=web"],
        [
            "acl-add",
            "pg_web",
            "to-lport",
            "1002",
            "outport == @pg_web && ip4 && tcp.dst == 80",
            "allow-related",
        ],
        ["acl-add", "pg_web", "to-lport", "1001", "outport == @pg_web && ip4", "drop"],
        ["acl-add", "pg_all", "from-lport", "1002", "inport == @pg_all && ip4", "allow-related"],
        ["acl-add", "sw0", "to-lport", "1000", "ip4.src == $as_sw1", "allow"],
    ]


def _nb_nat_and_lb(plan: SamplePlan, layout: _Layout) -> list[Command]:
    backends = ",".join(f"{layout.ip(i, 0)}:8080" for i in range(layout.switches))
    plan.add_name("load_balancers", "lb0")
    cmds: list[Command] = [
        ["lr-nat-add", "lr0", "snat", "172.16.0.1", "10.0.0.0/8"],
        ["lb-add", "lb0", "172.16.0.100:80", backends, "tcp"],
        ["set", "Load_Balancer", "lb0", "options:reject=true", "external_ids:owner=sandbox"],
        ["lr-lb-add", "lr0", "lb0"],
    ]
    for i in range(layout.switches):
        cmds.append(["lr-nat-add", "lr0", "dnat_and_snat", f"172.16.0.{10 + i}", layout.ip(i, 1)])
        cmds.append(["ls-lb-add", f"sw{i}", "lb0"])
    return cmds


def _nb_dhcp(layout: _Layout, i: int) -> list[Command]:
    # One transaction per switch: "--id=@name" only resolves inside one invocation.
    return [
        [
            "--id=@dhcp",
            "create",
            "DHCP_Options",
            f"cidr=10.{i}.0.0/24",
            f"options:router=10.{i}.0.1",
            f"options:server_id=10.{i}.0.1",
            f"options:server_mac={layout.mac(i, 255)}",
            "options:lease_time=3600",
            f"external_ids:switch=sw{i}",
        ],
        *(
            ["set", "Logical_Switch_Port", layout.port(i, j), "dhcpv4_options=@dhcp"]
            for j in range(layout.ports)
        ),
    ]


def _nb_churn(plan: SamplePlan, layout: _Layout, rng: random.Random) -> None:
    """Later edits: each is its own transaction, so the log gets diff and delete records."""
    last = layout.switches - 1
    moved = layout.port(0, 1)
    plan.txn(["set", "Logical_Switch", "sw0", "external_ids:owner=alice", "external_ids:tier=1"])
    plan.txn(["remove", "Logical_Switch", "sw0", "external_ids", "owner"])
    plan.txn(
        [
            "lsp-set-addresses",
            moved,
            f"{layout.mac(0, 200)} 10.0.0.240",
            f"{layout.mac(0, 201)} 10.0.0.241",
        ]
    )
    # Logical_Router_Port.networks is a min:1 set: diffs to it are what OVS 3.1.0 misreads.
    plan.txn(["add", "Logical_Router_Port", "lrp-sw0", "networks", '"fd00:0:0:0::1/64"'])
    plan.txn(["add", "Address_Set", "as_sw0", "addresses", '"10.0.0.250"'])
    plan.txn(["remove", "Address_Set", f"as_sw{last}", "addresses", f'"{layout.ip(last, 0)}"'])
    plan.txn(["acl-del", "pg_web", "to-lport", "1001", "outport == @pg_web && ip4"])
    gone = layout.port(last, layout.ports - 1)
    plan.txn(["lsp-del", gone])
    plan.drop_name("ports", gone)
    plan.txn(["ls-add", "sw-tmp"], ["lsp-add", "sw-tmp", "sw-tmp-p0"])
    plan.txn(["ls-del", "sw-tmp"])
    plan.txn(
        ["set", "NB_Global", ".", f"options:northd_probe_interval={rng.choice([5000, 10000])}"]
    )
    plan.txn(["lb-add", "lb0", "172.16.0.101:443", f"{layout.ip(0, 0)}:8443", "tcp"])
    plan.txn(["lb-del", "lb0", "172.16.0.101:443"])


def plan_sb(seed: int = 0, scale: int = 1) -> SamplePlan:
    """The SB transactions for ``(seed, scale)``: chassis, datapaths, ports, flows."""
    layout = _Layout.make(seed, scale)
    rng = random.Random(f"sb-{seed}")
    plan = SamplePlan()
    plan.txn(
        ["init"],
        [
            "set",
            "SB_Global",
            ".",
            "options:mac_prefix=0a:00:00",
            "external_ids:created-by=ovsdb-backup",
        ],
    )
    chassis = [f"hv{k}" for k in range(1 + scale)]
    for k, name in enumerate(chassis):
        plan.add_name("chassis", name)
        plan.txn(
            ["chassis-add", name, "geneve", f"192.168.0.{10 + k}"],
            [
                "set",
                "Chassis",
                name,
                f"hostname={_quote(name + '.example')}",
                f"other_config:ovn-bridge-mappings=physnet{k}:br-ex",
            ],
        )
    for i in range(layout.switches):
        plan.txn(*_sb_datapath(plan, layout, i))
    binds = [
        ["lsp-bind", layout.port(i, j), rng.choice(chassis)]
        for i in range(layout.switches)
        for j in range(layout.ports)
    ]
    plan.txn(*binds)
    plan.txn(["set", "Chassis", chassis[0], "other_config:ovn-cms-options=enable-chassis-as-gw"])
    plan.txn(["lsp-unbind", layout.port(0, 1)])
    plan.txn(["remove", "Chassis", chassis[0], "other_config", "ovn-bridge-mappings"])
    plan.txn(["chassis-del", chassis[-1]])
    plan.drop_name("chassis", chassis[-1])
    return plan


def _sb_datapath(plan: SamplePlan, layout: _Layout, i: int) -> list[Command]:
    sw = f"sw{i}"
    plan.add_name("datapaths", sw)
    cmds: list[Command] = [
        [
            "--id=@dp",
            "create",
            "Datapath_Binding",
            f"tunnel_key={i + 1}",
            f"external_ids:name={sw}",
            f"external_ids:logical-switch=00000000-0000-0000-0000-{i:012x}",
        ],
        [
            "create",
            "Address_Set",
            f"name=as_{sw}",
            "addresses=[" + ",".join(f'"{layout.ip(i, j)}"' for j in range(layout.ports)) + "]",
        ],
        [
            "create",
            "MAC_Binding",
            f"logical_port=lrp-{sw}",
            f"ip=10.{i}.0.99",
            f"mac={_quote(layout.mac(i, 99))}",
            "datapath=@dp",
            "timestamp=0",
        ],
    ]
    for table_id, (match, actions) in enumerate(_FLOWS):
        cmds.append(
            [
                "create",
                "Logical_Flow",
                "logical_datapath=@dp",
                "pipeline=ingress",
                f"table_id={table_id}",
                "priority=100",
                f"match={_quote(match)}",
                f"actions={_quote(actions)}",
                f"external_ids:source=northd.c:{table_id}",
            ]
        )
    for j in range(layout.ports):
        port = layout.port(i, j)
        plan.add_name("port_bindings", port)
        cmds.append(
            [
                "create",
                "Port_Binding",
                f"logical_port={port}",
                "datapath=@dp",
                f"tunnel_key={j + 1}",
                f"mac={_quote(f'{layout.mac(i, j)} {layout.ip(i, j)}')}",
            ]
        )
    return cmds


_FLOWS = (
    ("eth.src[40]", "drop;"),
    ("inport == @pg_web && ip4", "ct_next;"),
    ("1", "next;"),
)


def _quote(text: str) -> str:
    """A string value for ctl db commands: double quotes keep spaces/operators literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_plan(ctl: str, remote: str, plan: SamplePlan, *, timeout: float = 30.0) -> int:
    """Run every transaction of ``plan`` with ``ctl`` (``ovn-nbctl``/``ovn-sbctl``)."""
    for txn in plan.transactions:
        argv: list[str] = [
            ctl,
            f"--db={remote}",
            f"--timeout={max(1, round(timeout))}",
            "--no-syslog",
        ]
        for k, command in enumerate(txn):
            argv += (["--"] if k else []) + command
        try:
            run_tool(argv, timeout=timeout + 5)
        except ToolError as exc:
            raise ToolError(
                f"sample data: {exc.message}",
                command=exc.command,
                returncode=exc.returncode,
                stderr=exc.stderr,
            ) from None
    return len(plan.transactions)


def populate_nb(remote: str, *, seed: int = 0, scale: int = 1) -> SampleSummary:
    """Write the sample OVN Northbound topology to ``remote``.

    ``remote`` may list several cluster members (comma-separated); ``ovn-nbctl``
    then finds the leader itself.
    """
    plan = plan_nb(seed, scale)
    count = run_plan(find_tools().ovn_nbctl, remote, plan)
    return SampleSummary("OVN_Northbound", count, plan.names)


def populate_sb(remote: str, *, seed: int = 0, scale: int = 1) -> SampleSummary:
    """Write sample OVN Southbound contents (what northd and ovn-controller would)."""
    plan = plan_sb(seed, scale)
    count = run_plan(find_tools().ovn_sbctl, remote, plan)
    return SampleSummary("OVN_Southbound", count, plan.names)
