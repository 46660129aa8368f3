"""What every translation step reads: Neutron's view, the release profile, the settings."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..releases import Profile
from ..view import NeutronView, Port
from .config import SyncConfig
from .model import DesiredNB, Key

DEVICE_OWNER_ROUTER_INTF = "network:router_interface"
DEVICE_OWNER_ROUTER_GW = "network:router_gateway"
DEVICE_OWNER_FLOATINGIP = "network:floatingip"
DEVICE_OWNER_DISTRIBUTED = "network:distributed"
ROUTER_INTERFACE_OWNERS = (
    DEVICE_OWNER_ROUTER_INTF,
    "network:router_interface_distributed",
    "network:ha_router_replicated_interface",
    "network:router_ha_interface",
)
NETWORK_DEVICE_PREFIXES = ("network:", "neutron:")


@dataclass(frozen=True)
class Hints:
    """Values the NB already holds that Neutron cannot re-derive (kept, not invented).

    ``server_macs``: DHCP_Options key -> existing server_mac (IPv4) / server_id (IPv6), which
    the driver draws at random when it creates the row. ``gateway_chassis``: LRP name ->
    the chassis already scheduled for it, in priority order.
    """

    server_macs: Mapping[Key, str] = field(default_factory=dict)
    gateway_chassis: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Ctx:
    view: NeutronView
    profile: Profile
    config: SyncConfig
    hints: Hints
    out: DesiredNB = field(default_factory=DesiredNB)

    @property
    def release(self) -> int:
        return self.profile.release

    def random_mac(self, seed: str) -> str:
        """A MAC in the base_mac prefix, stable per seed (the driver draws it at random)."""
        digest = hashlib.sha256(seed.encode()).digest()
        base = self.config.base_mac.split(":")
        tail = [f"{b:02x}" for b in digest[:3]]
        return ":".join([*base[:3], *tail])


def ovn_name(resource_id: str) -> str:
    return f"neutron-{resource_id}"


def lrp_name(port_id: str) -> str:
    return f"lrp-{port_id}"


def pg_name(sg_id: str) -> str:
    return "pg_" + sg_id.replace("-", "_")


def provnet_name(segment_id: str) -> str:
    return f"provnet-{segment_id}"


def is_network_device(port: Port) -> bool:
    return port.device_owner.startswith(NETWORK_DEVICE_PREFIXES)


def is_trusted(port: Port) -> bool:
    # neutron_lib is_port_trusted: network-owned ports bypass port security and SGs.
    return port.device_owner.startswith("network:")


def is_lsp_ignored(port: Port) -> bool:
    return port.device_owner == DEVICE_OWNER_FLOATINGIP
