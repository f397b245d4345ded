"""`IPvAnyAddress`, `IPvAnyNetwork` and `IPvAnyInterface`: an IPv4 value if the
input reads as one, else IPv6, as in pydantic. Calling one gives the
`ipaddress` object; as an annotation, the core does the same."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Interface, IPv4Network, IPv6Address, IPv6Interface, IPv6Network
from typing import Any


def _first(value: Any, classes: tuple, what: str):
    for cls in classes:
        try:
            return cls(value)
        except ValueError:
            pass
    raise ValueError(f"value is not a valid IPv4 or IPv6 {what}")


class IPvAnyAddress:
    """An IPv4 or IPv6 address."""

    __slots__ = ()

    def __new__(cls, value: Any) -> IPv4Address | IPv6Address:
        return _first(value, (IPv4Address, IPv6Address), "address")


class IPvAnyNetwork:
    """An IPv4 or IPv6 network."""

    __slots__ = ()

    def __new__(cls, value: Any) -> IPv4Network | IPv6Network:
        return _first(value, (IPv4Network, IPv6Network), "network")


class IPvAnyInterface:
    """An IPv4 or IPv6 interface."""

    __slots__ = ()

    def __new__(cls, value: Any) -> IPv4Interface | IPv6Interface:
        return _first(value, (IPv4Interface, IPv6Interface), "interface")
