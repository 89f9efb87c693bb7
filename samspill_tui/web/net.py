"""Which address phones on the local network can reach this laptop at."""

from __future__ import annotations

import ipaddress
import socket

import psutil


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces that are up, best candidates first."""
    return sorted({address for _, address in interface_addresses()}, key=_rank)


def interface_addresses() -> list[tuple[str, str]]:
    """(interface name, IPv4 address) of this machine's interfaces that are up, best candidates first."""
    found = set()
    stats = psutil.net_if_stats()
    for name, addrs in psutil.net_if_addrs().items():
        if name in stats and not stats[name].isup:
            continue
        found |= {(name, a.address) for a in addrs if a.family == socket.AF_INET}
    return sorted(found, key=lambda pair: (_rank(pair[1]), pair[0]))


def _rank(address: str) -> tuple[int, str]:
    ip = ipaddress.ip_address(address)
    if ip.is_loopback:
        return (3, address)
    if ip.is_link_local:
        return (2, address)
    return (0 if ip.is_private else 1, address)


def reachable_from_lan(address: str) -> bool:
    """Whether phones could reach ``address`` (not loopback, link-local or unspecified)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return True  # a host name: trust the facilitator
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified)


def announce_host(bind_host: str) -> str:
    """The host to put in the join address for a server bound to ``bind_host``."""
    if bind_host not in ("", "0.0.0.0", "::"):
        return bind_host
    candidates = lan_addresses()
    return candidates[0] if candidates else "127.0.0.1"
