"""Security groups → Port_Group ``pg_<id>`` with one ACL per rule; the drop groups."""

from __future__ import annotations

import ipaddress
from typing import Any

from .context import Ctx, pg_name
from .model import Key, Owner, Ref, named
from .ports import PortInfo

ACL_PRIORITY_ALLOW = 1002
PVLAN_DROP_PRIORITY = 1010
DROP_GROUP = "neutron_pg_drop"
PVLAN_DROP_GROUP = "pvlan_pg_drop"

# neutron_lib IP_PROTOCOL_MAP (name -> number).
PROTOCOL_NUMBERS = {
    "ah": 51, "dccp": 33, "egp": 8, "esp": 50, "gre": 47, "hopopt": 0, "icmp": 1,
    "igmp": 2, "ip": 0, "ipip": 4, "ipv6-encap": 41, "ipv6-frag": 44, "ipv6-icmp": 58,
    "icmpv6": 58, "ipv6-nonxt": 59, "ipv6-opts": 60, "ipv6-route": 43, "ospf": 89,
    "pgm": 113, "rsvp": 46, "sctp": 132, "tcp": 6, "udp": 17, "udplite": 136, "vrrp": 112,
}  # fmt: skip
TRANSPORT = {"6": "tcp", "17": "udp", "132": "sctp"}
ICMP = {"1", "58"}


def acl_key_for_rule(rule_id: str) -> Key:
    return ("rule", rule_id)


def acl_key_for_match(group: str, direction: str, priority: int, match: str) -> Key:
    return ("match", group, direction, str(priority), match)


def _protocol_number(protocol: Any) -> str | None:
    if protocol is None or protocol == "":
        return None
    text = str(protocol)
    if text.isdigit():
        return text
    number = PROTOCOL_NUMBERS.get(text.lower())
    return None if number is None else str(number)


def _protocol_match(rule: dict[str, Any], icmp: str | None) -> str:
    protocol = _protocol_number(rule.get("protocol"))
    if protocol is None:
        return ""
    low, high = rule.get("port_range_min"), rule.get("port_range_max")
    if protocol in TRANSPORT:
        name = TRANSPORT[protocol]
        match = f" && {name}"
        if low is not None and low == high:
            return match + f" && {name}.dst == {int(low)}"
        if low is not None:
            match += f" && {name}.dst >= {int(low)}"
        if high is not None:
            match += f" && {name}.dst <= {int(high)}"
        return match
    if protocol in ICMP:
        match = f" && {icmp}"
        if low is not None:
            match += f" && {icmp}.type == {int(low)}"
        if high is not None:
            match += f" && {icmp}.code == {int(high)}"
        return match
    return f" && ip.proto == {protocol}"


def rule_match(group: str, rule: dict[str, Any]) -> str:
    ingress = rule["direction"] == "ingress"
    match = f"{'outport' if ingress else 'inport'} == @{group}"
    ip, icmp = {"IPv4": ("ip4", "icmp4"), "IPv6": ("ip6", "icmp6")}.get(
        rule.get("ethertype") or "", (None, None)
    )
    if ip:
        match += f" && {ip}"
    side = "src" if ingress else "dst"
    prefix = rule.get("remote_ip_prefix")
    if prefix:
        match += f" && {ip}.{side} == {ipaddress.ip_network(prefix, strict=False)}"
    if rule.get("remote_group_id"):
        set_name = pg_name(rule["remote_group_id"]) + ("_ip4" if ip == "ip4" else "_ip6")
        match += f" && {ip}.{side} == ${set_name}"
    if rule.get("remote_address_group_id"):
        ag = "ag_" + rule["remote_address_group_id"].replace("-", "_")
        match += f" && {ip}.{side} == ${ag}_{ip[-1] if ip else '4'}"
    return match + _protocol_match(rule, icmp)


def drop_acls(ctx: Ctx, group: str, priority: int) -> set[Ref]:
    refs = set()
    for direction, port in (("from-lport", "inport"), ("to-lport", "outport")):
        match = f"{port} == @{group} && ip"
        row = {"direction": direction, "priority": priority, "action": "drop", "match": match}
        refs.add(ctx.out.add("ACL", acl_key_for_match(group, direction, priority, match), row))
    return refs


def translate_security_groups(ctx: Ctx, ports: PortInfo) -> None:
    for sg in ctx.view.security_groups.values():
        group = pg_name(sg.id)
        acls = set()
        for rule in sg.rules:
            row = {
                "direction": "to-lport" if rule["direction"] == "ingress" else "from-lport",
                "priority": ACL_PRIORITY_ALLOW,
                "action": "allow-related" if sg.stateful else "allow-stateless",
                "match": rule_match(group, rule),
                "external_ids": {"neutron:security_group_rule_id": rule["id"]},
            }
            acls.add(
                ctx.out.add(
                    "ACL",
                    acl_key_for_rule(rule["id"]),
                    row,
                    Owner("security_group_rule", rule["id"]),
                )
            )
        ctx.out.add(
            "Port_Group",
            named(group),
            {
                "name": group,
                "acls": acls,
                "ports": set(ports.sg_members.get(sg.id, [])),
                "external_ids": {"neutron:security_group_id": sg.id},
            },
            Owner("security_group", sg.id),
        )
    ctx.out.add(
        "Port_Group",
        named(DROP_GROUP),
        {
            "name": DROP_GROUP,
            "acls": drop_acls(ctx, DROP_GROUP, ctx.profile.drop_acl_priority),
            "ports": set(ports.drop_group),
        },
    )
    if ctx.profile.pvlan_pg_drop:
        ctx.out.add(
            "Port_Group",
            named(PVLAN_DROP_GROUP),
            {
                "name": PVLAN_DROP_GROUP,
                "acls": drop_acls(ctx, PVLAN_DROP_GROUP, PVLAN_DROP_PRIORITY),
            },
        )
