"""Deployment settings the driver's output depends on (neutron.conf / ml2_conf.ini [ovn]).

Defaults are Neutron's own defaults, with the release-dependent ones resolved by
:meth:`SyncConfig.for_release`. The CLI fills ``system_dns_resolvers`` from
``/etc/resolv.conf`` as neutron-server does; the translation itself does no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class SyncConfig:
    # [ovn] dns_servers, then the host's resolvers: DHCP dns_server when a subnet has none.
    dns_servers: tuple[str, ...] = ()
    system_dns_resolvers: tuple[str, ...] = ()
    dns_domain: str = "openstacklocal"
    dhcp_default_lease_time: int = 43200
    # Chassis that may host router gateways (ovn-cms-options=enable-chassis-as-gw), in
    # priority order; offline there is no SB to ask, so the operator says.
    gateway_chassis: tuple[str, ...] = ()
    distributed_floating_ip: bool = False
    # [ovs] igmp_snooping_enable and friends.
    igmp_snooping_enable: bool = False
    igmp_flood_unregistered: bool = False
    igmp_flood_reports: bool = True
    igmp_flood: bool = False
    # None: the release default (False in Zed, True in 2023.2 onwards).
    ovn_emit_need_to_frag: bool | None = None
    fdb_age_threshold: int = 0
    mac_binding_age_threshold: int = 0
    broadcast_arps_to_all_routers: bool = True
    localnet_learn_fdb: bool = False
    stateless_nat: bool = False
    base_mac: str = "fa:16:3e:00:00:00"

    def for_release(self, release: int) -> SyncConfig:
        """Fill the release-dependent defaults."""
        need_to_frag = self.ovn_emit_need_to_frag
        if need_to_frag is None:
            need_to_frag = release >= 23
        return replace(
            self,
            ovn_emit_need_to_frag=need_to_frag,
            fdb_age_threshold=self.fdb_age_threshold or (300 if release >= 29 else 0),
            mac_binding_age_threshold=self.mac_binding_age_threshold
            or (300 if release >= 29 else 0),
        )


def read_resolv_conf(text: str) -> tuple[str, ...]:
    """``nameserver`` addresses of a resolv.conf, in order."""
    servers = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "nameserver":
            servers.append(parts[1])
    return tuple(servers)
