"""Neutron's objects as the ML2/OVN driver sees them, built from raw rows (pure).

The driver works on API dicts (``port['fixed_ips']``, ``network['mtu']`` ...); this module
builds the same shapes from the SQL rows, with Neutron's own orderings where they show
in the NB (fixed IPs by address then subnet, DNS servers by ``order``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .source import NeutronRows

Row = dict[str, Any]


@dataclass(frozen=True)
class Segment:
    id: str
    network_type: str
    physical_network: str | None
    segmentation_id: int | None
    is_dynamic: bool


@dataclass
class Network:
    id: str
    name: str
    mtu: int
    admin_state_up: bool
    revision: int
    project_id: str
    vlan_transparent: bool
    qinq: bool
    az_hints: list[str]
    segments: list[Segment] = field(default_factory=list)
    external: bool = False
    qos_policy_id: str | None = None

    @property
    def network_type(self) -> str | None:
        # The driver reads provider:network_type, which exists for single-segment networks.
        static = [s for s in self.segments if not s.is_dynamic]
        return static[0].network_type if len(static) == 1 else None

    @property
    def physical_network(self) -> str | None:
        static = [s for s in self.segments if not s.is_dynamic]
        return static[0].physical_network if len(static) == 1 else None

    @property
    def is_provider(self) -> bool:
        return self.network_type in ("flat", "vlan")


@dataclass
class Subnet:
    id: str
    name: str
    network_id: str
    ip_version: int
    cidr: str
    gateway_ip: str | None
    enable_dhcp: bool
    ipv6_address_mode: str | None
    ipv6_ra_mode: str | None
    revision: int
    dns_nameservers: list[str] = field(default_factory=list)
    host_routes: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class FixedIp:
    subnet_id: str
    ip_address: str


@dataclass
class Port:
    id: str
    name: str
    network_id: str
    mac_address: str
    admin_state_up: bool
    device_id: str
    device_owner: str
    project_id: str
    revision: int
    fixed_ips: list[FixedIp] = field(default_factory=list)
    port_security: bool = True
    allowed_address_pairs: list[tuple[str, str]] = field(default_factory=list)  # (mac, ip)
    host: str = ""
    vnic_type: str = "normal"
    vif_type: str = "unbound"
    profile: dict[str, Any] = field(default_factory=dict)
    security_groups: list[str] = field(default_factory=list)
    extra_dhcp_opts: list[tuple[str, str, int]] = field(default_factory=list)  # name, value, ipv
    qos_policy_id: str | None = None


@dataclass
class SecurityGroup:
    id: str
    name: str
    project_id: str
    stateful: bool
    revision: int
    rules: list[Row] = field(default_factory=list)


@dataclass
class Router:
    id: str
    name: str
    project_id: str
    admin_state_up: bool
    gw_port_id: str | None
    enable_snat: bool
    revision: int
    az_hints: list[str]
    routes: list[tuple[str, str]] = field(default_factory=list)  # (destination, nexthop)
    ports: list[tuple[str, str]] = field(default_factory=list)  # (port_id, port_type)


@dataclass
class FloatingIp:
    id: str
    floating_ip_address: str
    floating_network_id: str
    floating_port_id: str
    fixed_port_id: str | None
    fixed_ip_address: str | None
    router_id: str | None
    revision: int
    qos_policy_id: str | None = None


@dataclass
class QosPolicy:
    id: str
    bandwidth_limits: list[Row] = field(default_factory=list)
    dscp_marks: list[Row] = field(default_factory=list)
    min_bandwidth: list[Row] = field(default_factory=list)


@dataclass
class NeutronView:
    networks: dict[str, Network]
    subnets: dict[str, Subnet]
    ports: dict[str, Port]
    security_groups: dict[str, SecurityGroup]
    routers: dict[str, Router]
    floating_ips: dict[str, FloatingIp]
    port_forwardings: list[Row]
    qos_policies: dict[str, QosPolicy]
    ovn_revisions: dict[tuple[str, str], int]
    hash_ring_nodes: int = 0

    def subnets_of(self, network_id: str) -> list[Subnet]:
        return [s for s in self.subnets.values() if s.network_id == network_id]


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "t", "yes", "y", "on")
    return bool(value)


def _az_hints(text: Any) -> list[str]:
    """availability_zone_hints is a JSON list stored as text (or NULL)."""
    if not text:
        return []
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return [h for h in str(text).split(",") if h]
    return [str(v) for v in value] if isinstance(value, list) else []


def _json_dict(text: Any) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _ip_sort_key(ip: FixedIp) -> tuple[str, str]:
    # Port.fixed_ips is ordered by (ip_address, subnet_id) in Neutron's model, as strings.
    return (ip.ip_address, ip.subnet_id)


def build_view(raw: NeutronRows) -> NeutronView:
    rev = {r["id"]: int(r.get("revision_number") or 0) for r in raw.rows("standardattributes")}

    def revision(row: Row) -> int:
        return rev.get(row.get("standard_attr_id"), 0)

    networks = _networks(raw, revision)
    subnets = _subnets(raw, revision)
    ports = _ports(raw, revision)
    sgs = _security_groups(raw, revision)
    routers = _routers(raw, revision)
    fips = {
        r["id"]: FloatingIp(
            id=r["id"],
            floating_ip_address=r["floating_ip_address"],
            floating_network_id=r["floating_network_id"],
            floating_port_id=r["floating_port_id"],
            fixed_port_id=r.get("fixed_port_id"),
            fixed_ip_address=r.get("fixed_ip_address"),
            router_id=r.get("router_id"),
            revision=revision(r),
        )
        for r in raw.rows("floatingips")
    }
    for b in raw.rows("qos_fip_policy_bindings"):
        if b["fip_id"] in fips:
            fips[b["fip_id"]].qos_policy_id = b["policy_id"]
    qos: dict[str, QosPolicy] = {r["id"]: QosPolicy(r["id"]) for r in raw.rows("qos_policies")}
    for table, attr in (
        ("qos_bandwidth_limit_rules", "bandwidth_limits"),
        ("qos_dscp_marking_rules", "dscp_marks"),
        ("qos_minimum_bandwidth_rules", "min_bandwidth"),
    ):
        for r in raw.rows(table):
            if r["qos_policy_id"] in qos:
                getattr(qos[r["qos_policy_id"]], attr).append(r)
    for b in raw.rows("qos_network_policy_bindings"):
        if b["network_id"] in networks:
            networks[b["network_id"]].qos_policy_id = b["policy_id"]
    ovn_revs = {
        (r["resource_uuid"], r["resource_type"]): int(r.get("revision_number") or 0)
        for r in raw.rows("ovn_revision_numbers")
    }
    return NeutronView(
        networks=networks,
        subnets=subnets,
        ports=ports,
        security_groups=sgs,
        routers=routers,
        floating_ips=fips,
        port_forwardings=list(raw.rows("portforwardings")),
        qos_policies=qos,
        ovn_revisions=ovn_revs,
        hash_ring_nodes=len(raw.rows("ovn_hash_ring")),
    )


def _networks(raw: NeutronRows, revision: Any) -> dict[str, Network]:
    networks = {
        r["id"]: Network(
            id=r["id"],
            name=r.get("name") or "",
            mtu=int(r.get("mtu") or 0),
            admin_state_up=_bool(r.get("admin_state_up")),
            revision=revision(r),
            project_id=r.get("project_id") or "",
            vlan_transparent=_bool(r.get("vlan_transparent")),
            qinq=_bool(r.get("qinq")),
            az_hints=_az_hints(r.get("availability_zone_hints")),
        )
        for r in raw.rows("networks")
    }
    segments = sorted(
        raw.rows("networksegments"), key=lambda s: (int(s.get("segment_index") or 0), s["id"])
    )
    for s in segments:
        net = networks.get(s["network_id"])
        if net is not None:
            sid = s.get("segmentation_id")
            net.segments.append(
                Segment(
                    id=s["id"],
                    network_type=s.get("network_type") or "",
                    physical_network=s.get("physical_network"),
                    segmentation_id=int(sid) if sid is not None else None,
                    is_dynamic=_bool(s.get("is_dynamic")),
                )
            )
    for e in raw.rows("externalnetworks"):
        if e["network_id"] in networks:
            networks[e["network_id"]].external = True
    return networks


def _subnets(raw: NeutronRows, revision: Any) -> dict[str, Subnet]:
    subnets = {
        r["id"]: Subnet(
            id=r["id"],
            name=r.get("name") or "",
            network_id=r["network_id"],
            ip_version=int(r["ip_version"]),
            cidr=r["cidr"],
            gateway_ip=r.get("gateway_ip"),
            enable_dhcp=_bool(r.get("enable_dhcp")),
            ipv6_address_mode=r.get("ipv6_address_mode"),
            ipv6_ra_mode=r.get("ipv6_ra_mode"),
            revision=revision(r),
        )
        for r in raw.rows("subnets")
    }
    for d in sorted(raw.rows("dnsnameservers"), key=lambda d: int(d.get("order") or 0)):
        if d["subnet_id"] in subnets:
            subnets[d["subnet_id"]].dns_nameservers.append(d["address"])
    for h in sorted(raw.rows("subnetroutes"), key=lambda h: (h["destination"], h["nexthop"])):
        if h["subnet_id"] in subnets:
            subnets[h["subnet_id"]].host_routes.append((h["destination"], h["nexthop"]))
    return subnets


def _ports(raw: NeutronRows, revision: Any) -> dict[str, Port]:
    ports = {
        r["id"]: Port(
            id=r["id"],
            name=r.get("name") or "",
            network_id=r["network_id"],
            mac_address=r["mac_address"],
            admin_state_up=_bool(r.get("admin_state_up")),
            device_id=r.get("device_id") or "",
            device_owner=r.get("device_owner") or "",
            project_id=r.get("project_id") or "",
            revision=revision(r),
        )
        for r in raw.rows("ports")
    }
    for a in raw.rows("ipallocations"):
        if a["port_id"] in ports:
            ports[a["port_id"]].fixed_ips.append(FixedIp(a["subnet_id"], a["ip_address"]))
    for p in ports.values():
        p.fixed_ips.sort(key=_ip_sort_key)
    for s in raw.rows("portsecuritybindings"):
        if s["port_id"] in ports:
            ports[s["port_id"]].port_security = _bool(s.get("port_security_enabled"))
    for a in raw.rows("allowedaddresspairs"):
        if a["port_id"] in ports:
            ports[a["port_id"]].allowed_address_pairs.append((a["mac_address"], a["ip_address"]))
    for p in ports.values():
        p.allowed_address_pairs.sort(key=lambda pair: (pair[1], pair[0]))
    for b in raw.rows("ml2_port_bindings"):
        port = ports.get(b["port_id"])
        # A port being live-migrated has an INACTIVE binding too; the ACTIVE one counts.
        if port is None or (b.get("status") or "ACTIVE") != "ACTIVE":
            continue
        port.host = b.get("host") or ""
        port.vnic_type = b.get("vnic_type") or "normal"
        port.vif_type = b.get("vif_type") or "unbound"
        port.profile = _json_dict(b.get("profile"))
    for g in sorted(raw.rows("securitygroupportbindings"), key=lambda g: g["security_group_id"]):
        if g["port_id"] in ports:
            ports[g["port_id"]].security_groups.append(g["security_group_id"])
    for o in raw.rows("extradhcpopts"):
        if o["port_id"] in ports:
            ports[o["port_id"]].extra_dhcp_opts.append(
                (o["opt_name"], o.get("opt_value") or "", int(o.get("ip_version") or 4))
            )
    for q in raw.rows("qos_port_policy_bindings"):
        if q["port_id"] in ports:
            ports[q["port_id"]].qos_policy_id = q["policy_id"]
    return ports


def _security_groups(raw: NeutronRows, revision: Any) -> dict[str, SecurityGroup]:
    sgs = {
        r["id"]: SecurityGroup(
            id=r["id"],
            name=r.get("name") or "",
            project_id=r.get("project_id") or "",
            stateful=_bool(r.get("stateful", True)),
            revision=revision(r),
        )
        for r in raw.rows("securitygroups")
    }
    for rule in raw.rows("securitygrouprules"):
        sg = sgs.get(rule["security_group_id"])
        if sg is not None:
            sg.rules.append({**rule, "revision": revision(rule)})
    return sgs


def _routers(raw: NeutronRows, revision: Any) -> dict[str, Router]:
    extra = {r["router_id"]: r for r in raw.rows("router_extra_attributes")}
    routers = {
        r["id"]: Router(
            id=r["id"],
            name=r.get("name") or "",
            project_id=r.get("project_id") or "",
            admin_state_up=_bool(r.get("admin_state_up")),
            gw_port_id=r.get("gw_port_id"),
            enable_snat=_bool(r.get("enable_snat")),
            revision=revision(r),
            az_hints=_az_hints(extra.get(r["id"], {}).get("availability_zone_hints")),
        )
        for r in raw.rows("routers")
    }
    for rr in sorted(raw.rows("routerroutes"), key=lambda rr: (rr["destination"], rr["nexthop"])):
        if rr["router_id"] in routers:
            routers[rr["router_id"]].routes.append((rr["destination"], rr["nexthop"]))
    for rp in raw.rows("routerports"):
        if rp["router_id"] in routers:
            routers[rp["router_id"]].ports.append((rp["port_id"], rp.get("port_type") or ""))
    return routers
