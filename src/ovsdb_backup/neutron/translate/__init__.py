"""Neutron rows → desired NB rows, per release profile (pure functions, no I/O).

Order follows the real sync: switches and localnet ports, subnet DHCP options, ports,
port groups and ACLs, routers (which turn router ports' LSPs into type "router"), port
forwarding load balancers, QoS. Each step adds rows to one :class:`~.model.DesiredNB`.
"""

from __future__ import annotations

from ..releases import Profile
from ..view import NeutronView
from .config import SyncConfig
from .context import Ctx, Hints, ovn_name
from .dhcp import translate_subnets
from .model import DesiredNB, Ref, named
from .networks import translate_networks
from .ports import translate_ports
from .routers import translate_routers
from .security_groups import translate_security_groups
from .services import translate_port_forwardings, translate_qos

__all__ = ["DesiredNB", "Hints", "SyncConfig", "translate"]


def translate(
    view: NeutronView, profile: Profile, config: SyncConfig, hints: Hints | None = None
) -> DesiredNB:
    ctx = Ctx(view, profile, config.for_release(profile.release), hints or Hints())
    localnets = translate_networks(ctx)
    translate_subnets(ctx)
    ports = translate_ports(ctx)
    translate_security_groups(ctx, ports)
    behind = translate_routers(ctx)
    lbs = translate_port_forwardings(ctx, behind)
    qos = translate_qos(ctx)
    _attach_to_switches(ctx, localnets, ports.lsp, lbs, qos)
    for router_id in view.routers:
        row = ctx.out.get("Logical_Router", named(ovn_name(router_id)))
        if row is not None:
            row["load_balancer"] = lbs.get(ovn_name(router_id), set())
    if profile.release >= 21 and view.routers and not ctx.config.gateway_chassis:
        ctx.out.warnings.append(
            "no gateway chassis given: router gateway ports get no chassis "
            "(pass --gateway-chassis, or let neutron-server schedule them)"
        )
    return ctx.out


def _attach_to_switches(
    ctx: Ctx,
    localnets: dict[str, list[Ref]],
    lsps: dict[str, Ref],
    lbs: dict[str, set[Ref]],
    qos: dict[str, set[Ref]],
) -> None:
    members: dict[str, set[Ref]] = {net_id: set(refs) for net_id, refs in localnets.items()}
    for port_id, ref in lsps.items():
        members.setdefault(ctx.view.ports[port_id].network_id, set()).add(ref)
    for net_id in ctx.view.networks:
        row = ctx.out.get("Logical_Switch", named(ovn_name(net_id)))
        assert row is not None
        row["ports"] = members.get(net_id, set())
        row["load_balancer"] = lbs.get(ovn_name(net_id), set())
        row["qos_rules"] = qos.get(ovn_name(net_id), set())
