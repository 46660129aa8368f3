"""Port forwarding → Load_Balancer ``pf-floatingip-<fip>-<proto>``; QoS policies → QoS."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..view import Port, QosPolicy
from .context import Ctx, is_network_device, ovn_name
from .model import Owner, Ref, named

QOS_PRIORITY = 2002


def _unrolled(pf: dict[str, Any]) -> list[tuple[int, int]]:
    """(external port, internal port) pairs; a range maps port by port."""
    ext_lo = int(pf.get("external_port_start") or pf.get("external_port") or 0)
    ext_hi = int(pf.get("external_port_end") or ext_lo)
    int_lo = int(pf.get("internal_port_start") or pf.get("internal_port") or 0)
    return [(ext_lo + i, int_lo + i) for i in range(ext_hi - ext_lo + 1)]


def translate_port_forwardings(ctx: Ctx, behind: dict[str, list[str]]) -> dict[str, set[Ref]]:
    """Add LBs; return switch/router OVN name -> LBs to attach."""
    attach: dict[str, set[Ref]] = defaultdict(set)
    lbs: dict[str, dict[str, Any]] = {}
    for pf in ctx.view.port_forwardings:
        fip = ctx.view.floating_ips.get(pf["floatingip_id"])
        if fip is None or not fip.router_id:
            continue
        proto = str(pf.get("protocol") or "tcp").lower()
        pairs = _unrolled(pf)
        for ext_port, int_port in pairs:
            name = f"pf-floatingip-{fip.id}-{proto}" + (f"-{ext_port}" if len(pairs) > 1 else "")
            lb = lbs.get(name)
            if lb is None:
                lb = lbs[name] = {
                    "name": name,
                    "protocol": proto,
                    "vips": {},
                    "external_ids": {
                        "neutron:device_owner": "port_forwarding_plugin",
                        "neutron:fip_id": fip.id,
                        "neutron:router_name": ovn_name(fip.router_id),
                        "neutron:revision_number": str(fip.revision),
                    },
                }
                ref = ctx.out.add("Load_Balancer", named(name), lb, Owner("floatingip", fip.id))
                attach[ovn_name(fip.router_id)].add(ref)
                for switch in behind.get(fip.router_id, []):
                    attach[switch].add(ref)
            vip = f"{fip.floating_ip_address}:{ext_port}"
            lb["vips"][vip] = f"{pf['internal_ip_address']}:{int_port}"
    return attach


def _policy_rules(policy: QosPolicy) -> dict[str, dict[str, int]]:
    """direction -> {rate, burst, dscp} merged as the driver does (one row per direction)."""
    rules: dict[str, dict[str, int]] = {"egress": {}, "ingress": {}}
    for bw in policy.bandwidth_limits:
        direction = bw.get("direction") or "egress"
        rules[direction]["rate"] = int(bw["max_kbps"])
        if bw.get("max_burst_kbps"):
            rules[direction]["burst"] = int(bw["max_burst_kbps"])
        else:
            rules[direction].pop("burst", None)
    for dscp in policy.dscp_marks:
        rules["egress"]["dscp"] = int(dscp["dscp_mark"])
    return rules


def _qos_row(
    direction: str, values: dict[str, int], match: str, ext: dict[str, str], priority: int
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "direction": "from-lport" if direction == "egress" else "to-lport",
        "priority": priority,
        "match": match,
        "external_ids": ext,
    }
    bandwidth = {k: values[k] for k in ("rate", "burst") if k in values}
    if bandwidth:
        row["bandwidth"] = bandwidth
    if "dscp" in values:
        row["action"] = {"dscp": values["dscp"]}
    return row


def _port_policy(ctx: Ctx, port: Port) -> str | None:
    if is_network_device(port):
        return None
    if port.qos_policy_id:
        return port.qos_policy_id
    net = ctx.view.networks.get(port.network_id)
    return net.qos_policy_id if net else None


def translate_qos(ctx: Ctx) -> dict[str, set[Ref]]:
    """Add QoS rows; return switch name -> its qos_rules."""
    rules: dict[str, set[Ref]] = defaultdict(set)
    for port in ctx.view.ports.values():
        policy = ctx.view.qos_policies.get(_port_policy(ctx, port) or "")
        if policy is None:
            continue
        switch = ovn_name(port.network_id)
        for direction, values in _policy_rules(policy).items():
            if not values or ("rate" not in values and "dscp" not in values):
                continue
            side = "inport" if direction == "egress" else "outport"
            match = f'{side} == "{port.id}"'
            row = _qos_row(direction, values, match, {"neutron:port_id": port.id}, QOS_PRIORITY)
            key = (switch, row["direction"], match)
            rules[switch].add(ctx.out.add("QoS", key, row, Owner("port", port.id)))
    for fip in ctx.view.floating_ips.values():
        net = ctx.view.networks.get(fip.floating_network_id)
        policy_id = fip.qos_policy_id or (net.qos_policy_id if net else None)
        policy = ctx.view.qos_policies.get(policy_id or "")
        router = ctx.view.routers.get(fip.router_id or "")
        if policy is None or router is None or not router.gw_port_id:
            continue
        gw = router.gw_port_id
        resident = fip.fixed_port_id if ctx.config.distributed_floating_ip else f"cr-lrp-{gw}"
        switch = ovn_name(fip.floating_network_id)
        for direction, values in _policy_rules(policy).items():
            if not values:
                continue
            side, addr = ("inport", "src") if direction == "egress" else ("outport", "dst")
            match = (
                f'{side} == "{gw}" && ip4.{addr} == {fip.floating_ip_address} '
                f'&& is_chassis_resident("{resident}")'
            )
            ext = {"neutron:fip_id": fip.id}
            row = _qos_row(direction, values, match, ext, ctx.profile.fip_qos_priority)
            key = (switch, row["direction"], match)
            rules[switch].add(ctx.out.add("QoS", key, row, Owner("floatingip", fip.id)))
    return rules
