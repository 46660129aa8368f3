"""Neutron extra-DHCP-option names → OVN DHCP option names (from the driver's constants).

Release differences: 2023.1+ added ``domain-search``/119 and ``server-ip-address``/255
(IPv4) and ``bootfile-name``/59 (IPv6).
"""

from __future__ import annotations

_V4_COMMON = {
    "arp-timeout": "arp_cache_timeout",
    "tcp-keepalive": "tcp_keepalive_interval",
    "netmask": "netmask",
    "router": "router",
    "dns-server": "dns_server",
    "log-server": "log_server",
    "lpr-server": "lpr_server",
    "domain-name": "domain_name",
    "swap-server": "swap_server",
    "policy-filter": "policy_filter",
    "router-solicitation": "router_solicitation",
    "nis-server": "nis_server",
    "ntp-server": "ntp_server",
    "server-id": "server_id",
    "tftp-server": "tftp_server",
    "classless-static-route": "classless_static_route",
    "ms-classless-static-route": "ms_classless_static_route",
    "ip-forward-enable": "ip_forward_enable",
    "router-discovery": "router_discovery",
    "ethernet-encap": "ethernet_encap",
    "default-ttl": "default_ttl",
    "tcp-ttl": "tcp_ttl",
    "mtu": "mtu",
    "lease-time": "lease_time",
    "T1": "T1",
    "T2": "T2",
    "bootfile-name": "bootfile_name",
    "bootfile-name-alt": "bootfile_name_alt",
    "wpad": "wpad",
    "path-prefix": "path_prefix",
    "tftp-server-address": "tftp_server_address",
    "1": "netmask",
    "3": "router",
    "6": "dns_server",
    "7": "log_server",
    "9": "lpr_server",
    "15": "domain_name",
    "16": "swap_server",
    "21": "policy_filter",
    "32": "router_solicitation",
    "35": "arp_cache_timeout",
    "38": "tcp_keepalive_interval",
    "41": "nis_server",
    "42": "ntp_server",
    "54": "server_id",
    "66": "tftp_server",
    "121": "classless_static_route",
    "249": "ms_classless_static_route",
    "19": "ip_forward_enable",
    "31": "router_discovery",
    "36": "ethernet_encap",
    "23": "default_ttl",
    "37": "tcp_ttl",
    "26": "mtu",
    "51": "lease_time",
    "58": "T1",
    "59": "T2",
    "67": "bootfile_name",
    "252": "wpad",
    "210": "path_prefix",
    "150": "tftp_server_address",
}
_V4_NEW = {
    "domain-search": "domain_search_list",
    "119": "domain_search_list",
    "server-ip-address": "next_server",
    "255": "next_server",
}
_V6_COMMON = {
    "server-id": "server_id",
    "dns-server": "dns_server",
    "domain-search": "domain_search",
    "ia-addr": "ia_addr",
    "2": "server_id",
    "5": "ia_addr",
    "24": "domain_search",
    "23": "dns_server",
}
_V6_NEW = {"bootfile-name": "bootfile_name", "59": "bootfile_name"}

STRING_OPTIONS = frozenset(
    {
        "domain_name",
        "domain_search_list",
        "bootfile_name",
        "bootfile_name_alt",
        "path_prefix",
        "wpad",
        "tftp_server",
    }
)
MAP_OPTIONS = frozenset({"classless_static_route"})
DHCP_DISABLED_OPT = "dhcp_disabled"


def mapping(ip_version: int, release: int) -> dict[str, str]:
    if ip_version == 4:
        return {**_V4_COMMON, **(_V4_NEW if release >= 22 else {})}
    return {**_V6_COMMON, **(_V6_NEW if release >= 22 else {})}


def ovn_value(option: str, value: str) -> str:
    """Quote string options and brace map options, unless already done."""
    if option in STRING_OPTIONS and not (value.startswith('"') and value.endswith('"')):
        return f'"{value}"'
    if option in MAP_OPTIONS and not (value.startswith("{") and value.endswith("}")):
        return "{" + value + "}"
    return value
