"""Networks → Logical_Switch ``neutron-<id>`` and ``provnet-<segment>`` localnet ports."""

from __future__ import annotations

from ..view import Network, Segment
from .context import Ctx, ovn_name, provnet_name
from .model import Owner, Ref, named


def _bool(value: bool) -> str:
    return "true" if value else "false"


def switch_row(ctx: Ctx, net: Network) -> dict[str, object]:
    ext = {
        "neutron:network_name": net.name,
        "neutron:mtu": str(net.mtu),
        "neutron:revision_number": str(net.revision),
        "neutron:availability_zone_hints": ",".join(net.az_hints),
    }
    passthru = net.vlan_transparent or net.qinq
    other = {
        "mcast_snoop": _bool(ctx.config.igmp_snooping_enable),
        "mcast_flood_unregistered": _bool(ctx.config.igmp_flood_unregistered),
        "vlan-passthru": _bool(passthru),
    }
    if ctx.profile.extended_ids:
        if net.network_type is not None:
            ext["neutron:provnet-network-type"] = net.network_type
        if net.physical_network:
            ext["neutron:provnet-physical-network"] = net.physical_network
        if net.is_provider:
            other["fdb_age_threshold"] = str(ctx.config.fdb_age_threshold)
        if net.external:
            other["broadcast-arps-to-all-routers"] = _bool(ctx.config.broadcast_arps_to_all_routers)
    return {"name": ovn_name(net.id), "external_ids": ext, "other_config": other}


def localnet_port(ctx: Ctx, net: Network, seg: Segment) -> Ref:
    physnet = seg.physical_network or ""
    options = {
        "network_name": physnet,
        "mcast_flood_reports": _bool(ctx.config.igmp_flood_reports),
        "mcast_flood": _bool(ctx.config.igmp_flood),
    }
    row: dict[str, object] = {
        "name": provnet_name(seg.id),
        "type": "localnet",
        "addresses": {"unknown"},
        "options": options,
        # ovn-northd writes "up" for every port; a new NB shows it false until bound.
        "up": False,
    }
    if ctx.profile.extended_ids:
        options["localnet_learn_fdb"] = _bool(ctx.config.localnet_learn_fdb)
        row["external_ids"] = {"neutron:provnet-physical-network": physnet}
        if seg.segmentation_id is not None:
            # 29 asks with tag_request; ovn-northd copies it into tag.
            row["tag_request"] = seg.segmentation_id
            row["tag"] = seg.segmentation_id
    elif seg.segmentation_id is not None:
        row["tag"] = seg.segmentation_id
    return ctx.out.add(
        "Logical_Switch_Port", named(provnet_name(seg.id)), row, Owner("segment", seg.id)
    )


def translate_networks(ctx: Ctx) -> dict[str, list[Ref]]:
    """Add the switches; return network id -> its localnet port refs."""
    localnets: dict[str, list[Ref]] = {}
    for net in ctx.view.networks.values():
        ctx.out.add(
            "Logical_Switch",
            named(ovn_name(net.id)),
            switch_row(ctx, net),
            Owner("network", net.id),
        )
        localnets[net.id] = [
            localnet_port(ctx, net, seg)
            for seg in net.segments
            if seg.physical_network and not seg.is_dynamic
        ]
    return localnets
