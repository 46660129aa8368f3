"""Subnets → DHCP_Options (IPv4 and DHCPv6), and per-port rows for extra DHCP options."""

from __future__ import annotations

import ipaddress

from ..view import Network, Port, Subnet
from . import dhcp_opts
from .context import Ctx, is_network_device
from .model import Key, Owner, Ref


def dhcp_key(subnet_id: str, port_id: str = "") -> Key:
    return (subnet_id, port_id)


def _version_of(ip: str) -> int:
    return ipaddress.ip_address(ip).version


def dns_servers(ctx: Ctx, subnet: Subnet) -> list[str]:
    """Subnet servers, else [ovn] dns_servers, else the host's resolvers (per IP version)."""
    servers = subnet.dns_nameservers or [
        s for s in ctx.config.dns_servers if _version_of(s) == subnet.ip_version
    ]
    if not servers:
        servers = [
            s for s in ctx.config.system_dns_resolvers if _version_of(s) == subnet.ip_version
        ]
    any_addr = "0.0.0.0" if subnet.ip_version == 4 else "::"
    # Neutron: a configured "any" address means "announce no DNS server at all".
    if any(ipaddress.ip_address(s) == ipaddress.ip_address(any_addr) for s in servers):
        return []
    return servers


def v4_options(ctx: Ctx, subnet: Subnet, net: Network, server_mac: str) -> dict[str, str]:
    # No metadata port here (ovn_metadata_enabled=false), so server_id is the gateway.
    if not subnet.gateway_ip:
        return {}
    options = {
        "server_id": subnet.gateway_ip,
        "lease_time": str(ctx.config.dhcp_default_lease_time),
        "mtu": str(net.mtu),
        "router": subnet.gateway_ip,
        "server_mac": server_mac,
    }
    if ctx.config.dns_domain and ctx.config.dns_domain != "openstacklocal":
        options["domain_name"] = f'"{ctx.config.dns_domain}"'
    servers = dns_servers(ctx, subnet)
    if servers:
        options["dns_server"] = "{" + ", ".join(servers) + "}"
    routes = [f"{dest},{nexthop}" for dest, nexthop in subnet.host_routes]
    if routes:
        # RFC 3442: clients ignore option 3 when 121 is present, so repeat the default route.
        routes.append(f"0.0.0.0/0,{subnet.gateway_ip}")
        options["classless_static_route"] = "{" + ", ".join(routes) + "}"
    return options


def v6_options(ctx: Ctx, subnet: Subnet, server_id: str) -> dict[str, str]:
    options = {"server_id": server_id}
    servers = dns_servers(ctx, subnet)
    if servers:
        options["dns_server"] = "{" + ", ".join(servers) + "}"
    if subnet.ipv6_address_mode == "dhcpv6-stateless":
        options["dhcpv6_stateless"] = "true"
    return options


def subnet_row(ctx: Ctx, subnet: Subnet) -> dict[str, object]:
    net = ctx.view.networks[subnet.network_id]
    key = dhcp_key(subnet.id)
    server_mac = ctx.hints.server_macs.get(key) or ctx.random_mac(subnet.id)
    if subnet.ip_version == 4:
        options = v4_options(ctx, subnet, net, server_mac)
    else:
        options = v6_options(ctx, subnet, server_mac)
    ext = {"subnet_id": subnet.id, "neutron:revision_number": str(subnet.revision)}
    if ctx.profile.extended_ids:
        ext["neutron:network_id"] = net.id
    return {"cidr": subnet.cidr, "options": options, "external_ids": ext}


def has_dhcp_options(subnet: Subnet) -> bool:
    ignored = subnet.ip_version == 6 and subnet.ipv6_address_mode == "slaac"
    return subnet.enable_dhcp and not ignored


def translate_subnets(ctx: Ctx) -> None:
    for subnet in ctx.view.subnets.values():
        if has_dhcp_options(subnet) and subnet.network_id in ctx.view.networks:
            ctx.out.add(
                "DHCP_Options",
                dhcp_key(subnet.id),
                subnet_row(ctx, subnet),
                Owner("subnet", subnet.id),
            )


def port_extra_options(ctx: Ctx, port: Port, ip_version: int) -> tuple[bool, dict[str, str]]:
    """(DHCP disabled on the port, its extra options in OVN names)."""
    if is_network_device(port):
        return True, {}
    names = dhcp_opts.mapping(ip_version, ctx.release)
    opts: dict[str, str] = {}
    for name, value, version in port.extra_dhcp_opts:
        if version != ip_version:
            continue
        if name == dhcp_opts.DHCP_DISABLED_OPT and value.lower() == "true":
            return True, {}
        if name in names:
            option = names[name]
            opts[option] = dhcp_opts.ovn_value(option, value)
    return False, opts


def _subnet_options_for_port(ctx: Ctx, port: Port, ip_version: int) -> Key | None:
    keys = [
        dhcp_key(ip.subnet_id) for ip in port.fixed_ips if _version_of(ip.ip_address) == ip_version
    ]
    found = [k for k in keys if ctx.out.get("DHCP_Options", k) is not None]
    if not found:
        return None
    if ip_version == 6:
        # Prefer a stateful DHCPv6 subnet so the port gets an address.
        for key in found:
            row = ctx.out.get("DHCP_Options", key)
            assert row is not None
            if row["options"].get("dhcpv6_stateless") != "true":
                return key
    return found[0]


def port_dhcp_ref(ctx: Ctx, port: Port, ip_version: int) -> Ref | None:
    """The DHCP_Options a port's LSP points to (its own row when it has extra options)."""
    disabled, extra = port_extra_options(ctx, port, ip_version)
    if disabled:
        return None
    key = _subnet_options_for_port(ctx, port, ip_version)
    if key is None:
        return None
    if not extra:
        return Ref("DHCP_Options", key)
    base = ctx.out.get("DHCP_Options", key)
    assert base is not None
    options = dict(base["options"])
    for opt in dhcp_opts.MAP_OPTIONS & extra.keys():
        subnet_value = options.get(opt)
        if subnet_value:
            extra[opt] = "{" + subnet_value[1:-1] + ", " + extra[opt][1:-1] + "}"
    options.update(extra)
    ext = {**base["external_ids"], "port_id": port.id}
    row = {"cidr": base["cidr"], "options": options, "external_ids": ext}
    return ctx.out.add("DHCP_Options", dhcp_key(key[0], port.id), row, Owner("port", port.id))
