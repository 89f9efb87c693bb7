"""Which address phones on the local network can reach this laptop at."""

from __future__ import annotations

import ipaddress
import socket

# Any address beyond the local networks: a UDP socket "connected" to it tells which address this
# machine would send from, without a packet being sent (TEST-NET-2, reserved for documentation).
ELSEWHERE = ("198.51.100.1", 9)


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces that are up, best candidates first."""
    return list(dict.fromkeys(address for _, address in interface_addresses()))


def interface_addresses() -> list[tuple[str, str]]:
    """(interface name, IPv4 address) of this machine's interfaces that are up, best candidates
    first: the one the default route leaves from, then private, public, link-local, loopback."""
    import psutil  # deferred: ~8 ms of import, not needed for the lobby's first frame

    found = set()
    stats = psutil.net_if_stats()
    for name, addrs in psutil.net_if_addrs().items():
        if name in stats and not stats[name].isup:
            continue
        found |= {(name, a.address) for a in addrs if a.family == socket.AF_INET}
    routed = route_address()
    return sorted(found, key=lambda pair: (pair[1] != routed, _rank(pair[1]), pair[0]))


def route_address() -> str | None:
    """The address this machine sends from towards other networks (its default route); None
    without such a route. Nothing is sent."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(ELSEWHERE)
        except OSError:  # no route: a laptop on its own hotspot, say
            return None
        address: str = probe.getsockname()[0]
        return address


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
    routed = route_address()
    if routed is not None and reachable_from_lan(routed):
        return routed
    candidates = lan_addresses()
    return candidates[0] if candidates else "127.0.0.1"
