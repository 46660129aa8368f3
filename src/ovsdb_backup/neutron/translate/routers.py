"""Routers → Logical_Router, router ports → Logical_Router_Port (+ gateway chassis or
HA chassis group), extra and default routes, SNAT and floating IP NAT."""

from __future__ import annotations

import ipaddress

from ..view import FixedIp, Port, Router
from .context import (
    DEVICE_OWNER_ROUTER_GW,
    ROUTER_INTERFACE_OWNERS,
    Ctx,
    lrp_name,
    ovn_name,
)
from .model import Key, Owner, Ref, named

IPV6_MODES = {"slaac": "slaac", "dhcpv6-stateful": "dhcpv6_stateful",
              "dhcpv6-stateless": "dhcpv6_stateless"}  # fmt: skip


def nat_key(router_id: str, kind: str, external_ip: str, logical_ip: str) -> Key:
    return (ovn_name(router_id), kind, external_ip, logical_ip)


def route_key(router_id: str, prefix: str, nexthop: str) -> Key:
    return (ovn_name(router_id), prefix, nexthop)


def router_ports(ctx: Ctx, router: Router) -> tuple[list[Port], list[Port]]:
    """(interface ports, gateway ports) that exist in Neutron."""
    interfaces, gateways = [], []
    for port_id, port_type in router.ports:
        port = ctx.view.ports.get(port_id)
        if port is None:
            continue
        if port_type in ROUTER_INTERFACE_OWNERS:
            interfaces.append(port)
        elif port_type == DEVICE_OWNER_ROUTER_GW:
            gateways.append(port)
    return interfaces, gateways


def _networks_and_ra(ctx: Ctx, port: Port) -> tuple[set[str], dict[str, str]]:
    networks: set[str] = set()
    ra: dict[str, str] = {}
    is_gw = port.device_owner == DEVICE_OWNER_ROUTER_GW
    for ip in port.fixed_ips:
        subnet = ctx.view.subnets.get(ip.subnet_id)
        if subnet is None:
            continue
        networks.add(f"{ip.ip_address}/{ipaddress.ip_network(subnet.cidr).prefixlen}")
        if subnet.ipv6_address_mode and not ra:
            net = ctx.view.networks[subnet.network_id]
            # No RAs from a gateway port onto the provider (Zed) / external (29) network.
            outside = net.external if ctx.release >= 29 else net.is_provider
            ra = {
                "address_mode": IPV6_MODES.get(subnet.ipv6_address_mode, subnet.ipv6_address_mode),
                "send_periodic": "false" if is_gw and outside else "true",
                "mtu": str(net.mtu),
            }
    return networks, ra


def _lrp_options(ctx: Ctx, router: Router, port: Port, interfaces: list[Port]) -> dict[str, str]:
    options: dict[str, str] = {}
    net = ctx.view.networks[port.network_id]
    dfip = ctx.config.distributed_floating_ip
    iface_nets = [
        ctx.view.networks[p.network_id] for p in interfaces if p.network_id in ctx.view.networks
    ]
    if ctx.release >= 29:
        if net.network_type in ("vlan", "flat"):
            reside = "true"
            if dfip and iface_nets:
                reside = (
                    "true"
                    if any(n.network_type not in ("vlan", "flat") for n in iface_nets)
                    else "false"
                )
            elif dfip:
                reside = "false"
            options["reside-on-redirect-chassis"] = reside
        if port.device_owner == DEVICE_OWNER_ROUTER_GW:
            options["gateway_mtu"] = str(min(n.mtu for n in [*iface_nets, net]))
        return options
    if net.network_type == "vlan":
        options["reside-on-redirect-chassis"] = "false" if dfip else "true"
    is_gw = port.device_owner == DEVICE_OWNER_ROUTER_GW
    if is_gw and ctx.config.ovn_emit_need_to_frag and any(n.mtu > net.mtu for n in iface_nets):
        options["gateway_mtu"] = str(net.mtu)
    return options


def _lrp_external_ids(ctx: Ctx, router: Router, port: Port) -> dict[str, str]:
    ext = {
        "neutron:revision_number": str(port.revision),
        "neutron:subnet_ids": " ".join(ip.subnet_id for ip in port.fixed_ips),
        "neutron:network_name": ovn_name(port.network_id),
    }
    if ctx.release >= 29:
        ext["neutron:is_ext_gw"] = str(port.device_owner == DEVICE_OWNER_ROUTER_GW)
        ext["neutron:router_name"] = ovn_name(router.id)
    elif port.device_id:
        ext["neutron:router_name"] = port.device_id
    return ext


def _gateway_columns(ctx: Ctx, router: Router, port: Port) -> dict[str, object]:
    name = lrp_name(port.id)
    chassis = ctx.hints.gateway_chassis.get(name) or ctx.config.gateway_chassis
    count = len(chassis)
    if not ctx.profile.gateway_ha_chassis_group:
        refs = set()
        for i, ch in enumerate(chassis):
            gc = f"{name}_{ch}"
            refs.add(
                ctx.out.add(
                    "Gateway_Chassis",
                    named(gc),
                    {"name": gc, "chassis_name": ch, "priority": count - i},
                )
            )
        return {"gateway_chassis": refs}
    group = ovn_name(router.id)
    members = {
        ctx.out.add("HA_Chassis", (group, ch), {"chassis_name": ch, "priority": count - i})
        for i, ch in enumerate(chassis)
    }
    ref = ctx.out.add(
        "HA_Chassis_Group",
        named(group),
        {
            "name": group,
            "ha_chassis": members,
            "external_ids": {
                "neutron:availability_zone_hints": ",".join(router.az_hints),
                "neutron:router_id": router.id,
            },
        },
        Owner("router", router.id),
    )
    return {"ha_chassis_group": ref}


def _make_lsp_router_type(ctx: Ctx, port: Port, is_gw: bool) -> None:
    lsp = ctx.out.get("Logical_Switch_Port", named(port.id))
    if lsp is None:
        return
    options = {"router-port": lrp_name(port.id)}
    if is_gw:
        options["nat-addresses"] = "router"
        options["exclude-lb-vips-from-garp"] = "true"
    lsp.update(type="router", options=options, addresses={"router"}, up=True)


def lrp(ctx: Ctx, router: Router, port: Port, interfaces: list[Port]) -> Ref:
    is_gw = port.device_owner == DEVICE_OWNER_ROUTER_GW
    networks, ra = _networks_and_ra(ctx, port)
    row: dict[str, object] = {
        "name": lrp_name(port.id),
        "mac": port.mac_address,
        "networks": networks,
        "external_ids": _lrp_external_ids(ctx, router, port),
        "options": _lrp_options(ctx, router, port, interfaces),
        "ipv6_ra_configs": ra,
    }
    if is_gw:
        row.update(_gateway_columns(ctx, router, port))
    _make_lsp_router_type(ctx, port, is_gw)
    return ctx.out.add("Logical_Router_Port", named(lrp_name(port.id)), row, Owner("port", port.id))


def _v4_cidr_of(ctx: Ctx, port: Port) -> str | None:
    cidr = None
    for ip in port.fixed_ips:
        subnet = ctx.view.subnets.get(ip.subnet_id)
        if subnet is not None and subnet.ip_version == 4:
            cidr = subnet.cidr
    return cidr


def _gateway_ips(ctx: Ctx, gateways: list[Port]) -> list[tuple[FixedIp, int, str | None]]:
    out = []
    for gw in gateways:
        for ip in gw.fixed_ips:
            subnet = ctx.view.subnets.get(ip.subnet_id)
            if subnet is not None:
                out.append((ip, subnet.ip_version, subnet.gateway_ip))
    return out


def routes(ctx: Ctx, router: Router, gateways: list[Port]) -> set[Ref]:
    refs = set()
    extra_ids = {"neutron:is_static_route": "true"} if ctx.release >= 29 else {}
    for dest, nexthop in router.routes:
        row = {"ip_prefix": dest, "nexthop": nexthop, "external_ids": dict(extra_ids)}
        refs.add(
            ctx.out.add("Logical_Router_Static_Route", route_key(router.id, dest, nexthop), row)
        )
    for ip, version, gateway_ip in _gateway_ips(ctx, gateways):
        if not gateway_ip:
            continue
        prefix = "0.0.0.0/0" if version == 4 else "::/0"
        row = {
            "ip_prefix": prefix,
            "nexthop": gateway_ip,
            "external_ids": {"neutron:is_ext_gw": "true", "neutron:subnet_id": ip.subnet_id},
        }
        refs.add(
            ctx.out.add(
                "Logical_Router_Static_Route", route_key(router.id, prefix, gateway_ip), row
            )
        )
    return refs


def nats(ctx: Ctx, router: Router, interfaces: list[Port], gateways: list[Port]) -> set[Ref]:
    refs = set()
    if router.enable_snat and gateways:
        if ctx.profile.snat_per_router:
            cidrs = ["0.0.0.0/0"]
        else:
            cidrs = [c for c in (_v4_cidr_of(ctx, p) for p in interfaces) if c]
        for ip, version, _gw in _gateway_ips(ctx, gateways):
            if version != 4:
                continue
            for cidr in cidrs:
                snat = {"type": "snat", "external_ip": ip.ip_address, "logical_ip": cidr}
                refs.add(ctx.out.add("NAT", nat_key(router.id, "snat", ip.ip_address, cidr), snat))
    for fip in ctx.view.floating_ips.values():
        if fip.router_id != router.id or not fip.fixed_ip_address or not fip.fixed_port_id:
            continue
        fport = ctx.view.ports.get(fip.floating_port_id)
        ext = {
            "neutron:fip_id": fip.id,
            "neutron:revision_number": str(fip.revision),
            "neutron:fip_port_id": fip.fixed_port_id,
            "neutron:router_name": ovn_name(router.id),
            "neutron:fip_external_mac": fport.mac_address if fport else "",
            "neutron:fip_network_id": fip.floating_network_id,
        }
        row: dict[str, object] = {
            "type": "dnat_and_snat",
            "external_ip": fip.floating_ip_address,
            "logical_ip": fip.fixed_ip_address,
            "logical_port": fip.fixed_port_id,
            "external_ids": ext,
        }
        if ctx.release >= 29:
            row["options"] = {"stateless": "true" if ctx.config.stateless_nat else "false"}
        key = nat_key(router.id, "dnat_and_snat", fip.floating_ip_address, fip.fixed_ip_address)
        refs.add(ctx.out.add("NAT", key, row, Owner("floatingip", fip.id)))
    return refs


def router_row(ctx: Ctx, router: Router, gateways: list[Port]) -> dict[str, object]:
    ext = {
        "neutron:router_name": router.name,
        "neutron:revision_number": str(router.revision),
        "neutron:availability_zone_hints": ",".join(router.az_hints),
    }
    if ctx.release < 29:
        gw = ctx.view.ports.get(router.gw_port_id or "")
        ext["neutron:gw_port_id"] = router.gw_port_id or ""
        ext["neutron:gw_network_id"] = gw.network_id if gw else ""
    options = {"always_learn_from_arp_request": "false", "dynamic_neigh_routers": "true"}
    if ctx.release >= 29:
        options["mac_binding_age_threshold"] = str(ctx.config.mac_binding_age_threshold)
    return {
        "name": ovn_name(router.id),
        "enabled": router.admin_state_up,
        "external_ids": ext,
        "options": options,
    }


def translate_routers(ctx: Ctx) -> dict[str, list[str]]:
    """Add routers; return router id -> names of the switches behind its interfaces."""
    behind: dict[str, list[str]] = {}
    for router in ctx.view.routers.values():
        interfaces, gateways = router_ports(ctx, router)
        if not router.gw_port_id:
            gateways = []
        row = router_row(ctx, router, gateways)
        row["ports"] = {lrp(ctx, router, p, interfaces) for p in [*interfaces, *gateways]}
        row["static_routes"] = routes(ctx, router, gateways)
        row["nat"] = nats(ctx, router, interfaces, gateways)
        ctx.out.add("Logical_Router", named(ovn_name(router.id)), row, Owner("router", router.id))
        # Port-forwarding LBs go on the switches of the LRPs that are not gateways.
        behind[router.id] = sorted({ovn_name(p.network_id) for p in interfaces})
    return behind
