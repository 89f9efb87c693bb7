"""Which address the join code announces: the one the default route leaves from, else the best
interface address (read from this machine's real interfaces)."""

from __future__ import annotations

import pytest

from samspill_tui.web import net

ROUTED = net.route_address()


@pytest.mark.skipif(ROUTED is None, reason="this machine has no default route")
def test_the_routed_address_comes_first_and_is_announced() -> None:
    found = net.interface_addresses()
    assert found[0][1] == ROUTED
    assert net.lan_addresses()[0] == ROUTED
    assert net.announce_host("0.0.0.0") == ROUTED == net.announce_host("")


def test_without_a_route_the_best_interface_is_announced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(net, "ELSEWHERE", ("255.255.255.255", 9))  # refused: as with no route
    assert net.route_address() is None
    addresses = net.lan_addresses()
    assert addresses == sorted(addresses, key=net._rank)  # private, public, link-local, loopback
    assert net.announce_host("0.0.0.0") == (addresses[0] if addresses else "127.0.0.1")


def test_a_bound_host_is_announced_as_it_is() -> None:
    assert net.announce_host("192.168.1.23") == "192.168.1.23"
    assert net.announce_host("laptop.local") == "laptop.local"
