"""Ports → Logical_Switch_Port ``<port_id>`` (addresses, port security, options, ids)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..view import Port
from .context import (
    DEVICE_OWNER_DISTRIBUTED,
    Ctx,
    is_lsp_ignored,
    is_trusted,
    ovn_name,
)
from .dhcp import port_dhcp_ref
from .model import Owner, Ref, named

EXTERNAL_VNIC_TYPES = ("direct", "direct-physical", "macvtap")


@dataclass
class PortInfo:
    """What the other steps need to know about the LSPs made here."""

    lsp: dict[str, Ref] = field(default_factory=dict)  # port id -> LSP
    drop_group: list[Ref] = field(default_factory=list)  # members of neutron_pg_drop
    sg_members: dict[str, list[Ref]] = field(default_factory=dict)  # sg id -> LSPs


def _port_security(port: Port) -> tuple[list[str], list[str]]:
    """(port_security entries, MACs of allowed address pairs with another MAC)."""
    if not port.port_security or is_trusted(port):
        return [], []
    own = " ".join([port.mac_address, *(ip.ip_address for ip in port.fixed_ips)])
    entries: set[str] = set()
    macs: set[str] = set()
    for mac, ip in port.allowed_address_pairs:
        if mac == port.mac_address:
            own += " " + ip
        else:
            entries.add(f"{mac} {ip}")
            macs.add(mac)
    entries.add(own)
    return sorted(entries), sorted(macs)


def _port_security_29(port: Port) -> tuple[list[str], list[str]]:
    """2024.x onwards: another-MAC pairs are VRRPv3 entries (RFC 9568) plus "vmac ip"."""
    if not port.port_security or is_trusted(port):
        return [], []
    own = " ".join([port.mac_address, *(ip.ip_address for ip in port.fixed_ips)])
    entries: set[str] = set()
    macs: set[str] = set()
    for mac, ip in port.allowed_address_pairs:
        if mac == port.mac_address:
            own += " " + ip
        else:
            entries.add(f"VRRPv3 {port.mac_address} {mac} {ip}")
            entries.add(f"{mac} {ip}")
            macs.add(mac)
    entries.add(own)
    return sorted(entries), sorted(macs)


def _port_type(port: Port, release: int) -> str:
    if port.device_owner == DEVICE_OWNER_DISTRIBUTED and (
        release < 29 or port.device_id.startswith("ovnmeta")
    ):
        return "localport"
    capabilities = port.profile.get("capabilities") or []
    if port.vnic_type in EXTERNAL_VNIC_TYPES and "switchdev" not in capabilities:
        return "external"
    return ""


def _cidrs(ctx: Ctx, port: Port) -> str:
    parts = []
    for ip in port.fixed_ips:
        subnet = ctx.view.subnets.get(ip.subnet_id)
        if subnet is not None:
            parts.append(f"{ip.ip_address}/{subnet.cidr.split('/')[1]}")
    return " ".join(parts)


def _port_fip(ctx: Ctx, port: Port) -> str | None:
    for fip in ctx.view.floating_ips.values():
        if fip.fixed_port_id == port.id and fip.router_id and fip.fixed_ip_address:
            return fip.floating_ip_address
    return None


def external_ids(ctx: Ctx, port: Port, port_type: str) -> dict[str, str]:
    sgs = [] if is_trusted(port) else port.security_groups
    ext = {
        "neutron:port_name": port.name,
        "neutron:device_id": port.device_id,
        "neutron:project_id": port.project_id,
        "neutron:cidrs": _cidrs(ctx, port),
        "neutron:device_owner": port.device_owner,
        "neutron:network_name": ovn_name(port.network_id),
        "neutron:security_group_ids": " ".join(sgs),
        "neutron:revision_number": str(port.revision),
    }
    if ctx.profile.extended_ids:
        net = ctx.view.networks.get(port.network_id)
        ext.update(
            {
                "neutron:subnet_pool_addr_scope4": "",
                "neutron:subnet_pool_addr_scope6": "",
                "neutron:vnic_type": port.vnic_type,
                "neutron:port_capabilities": ";".join(port.profile.get("capabilities") or []),
                "neutron:mtu": str(net.mtu) if port_type == "localport" and net else "",
            }
        )
    fip = _port_fip(ctx, port)
    if fip is not None:
        ext["neutron:port_fip"] = fip
    return ext


def _addresses(
    ctx: Ctx, port: Port, port_type: str, security: list[str], macs: list[str], has_dhcp: bool
) -> set[str]:
    address = " ".join([port.mac_address, *(ip.ip_address for ip in port.fixed_ips)])
    addresses: list[str] = []
    # Zed's sync util has no SB FDB table in its IDL, so it always lists the MAC/IPs.
    if ctx.release < 29 or security or port_type or has_dhcp:
        addresses = [address, *macs]
    if not security and not port_type:
        addresses.append("unknown")  # port security off: any source MAC
    if (
        ctx.release >= 29
        and port.name.startswith("ovn-lb-vip-")
        and not port.device_owner
        and port.vif_type == "unbound"
    ):
        return set()
    return set(addresses)


def _options(ctx: Ctx, port: Port, port_type: str) -> dict[str, str]:
    options: dict[str, str] = {}
    if port_type != "external" and (port.host or ctx.release < 29):
        options["requested-chassis"] = port.host
        migrating = port.profile.get("migrating_to")
        if migrating and port.host:
            options["requested-chassis"] = f"{port.host},{migrating}"
            options["activation-strategy"] = "rarp"
    # Zed sets mcast_flood_reports on VIF ports always; 29 only for NB schemas < 6.3.
    if ctx.release < 29 and port_type not in ("vtep", "localport", "router"):
        options["mcast_flood_reports"] = "true"
    return options


def lsp_row(ctx: Ctx, port: Port) -> tuple[dict[str, object], list[str]]:
    port_type = _port_type(port, ctx.release)
    security, macs = (_port_security_29 if ctx.release >= 29 else _port_security)(port)
    v4 = port_dhcp_ref(ctx, port, 4)
    v6 = port_dhcp_ref(ctx, port, 6)
    row: dict[str, object] = {
        "name": port.id,
        "type": port_type,
        "addresses": _addresses(ctx, port, port_type, security, macs, bool(v4 or v6)),
        "port_security": set(security),
        "enabled": port.admin_state_up,
        "options": _options(ctx, port, port_type),
        "external_ids": external_ids(ctx, port, port_type),
        "dhcpv4_options": v4,
        "dhcpv6_options": v6,
        "up": False,
    }
    parent, tag = port.profile.get("parent_name"), port.profile.get("tag")
    if parent:
        row["parent_name"] = str(parent)
    if tag is not None:
        row["tag"] = int(tag)
    return row, security


def translate_ports(ctx: Ctx) -> PortInfo:
    info = PortInfo()
    for port in ctx.view.ports.values():
        if is_lsp_ignored(port) or port.network_id not in ctx.view.networks:
            continue
        row, security = lsp_row(ctx, port)
        ref = ctx.out.add("Logical_Switch_Port", named(port.id), row, Owner("port", port.id))
        info.lsp[port.id] = ref
        if is_trusted(port):
            continue
        if security:
            info.drop_group.append(ref)
        for sg in port.security_groups:
            info.sg_members.setdefault(sg, []).append(ref)
    return info
