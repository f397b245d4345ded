"""Type nodes of the standard-library and satya types the core makes with
Python classes: `pathlib` paths, `ipaddress` values (and the IPvAny types),
`SecretStr`/`SecretBytes`, and bare `Json`."""

from __future__ import annotations

import ipaddress
import pathlib

from ._json_type import Json
from ._network import IPvAnyAddress, IPvAnyInterface, IPvAnyNetwork
from ._secret import SecretBytes, SecretStr

_PATHS = (pathlib.Path, pathlib.PurePath, pathlib.PosixPath, pathlib.PurePosixPath, pathlib.WindowsPath,
          pathlib.PureWindowsPath)

# the node's "ip" key for each class (the core's name of its kind)
_IPS = {
    ipaddress.IPv4Address: "v4_address", ipaddress.IPv6Address: "v6_address",
    ipaddress.IPv4Network: "v4_network", ipaddress.IPv6Network: "v6_network",
    ipaddress.IPv4Interface: "v4_interface", ipaddress.IPv6Interface: "v6_interface",
    IPvAnyAddress: "any_address", IPvAnyNetwork: "any_network", IPvAnyInterface: "any_interface",
}


def std_node(tp, strict: bool) -> dict | None:
    """The node for `tp` if it is one of these types, else None."""
    if not isinstance(tp, type):
        return None
    if tp in _PATHS:
        return {"kind": "path", "cls": tp, "strict": strict}
    if tp in _IPS:
        return {"kind": "ip", "ip": _IPS[tp], "strict": strict}
    if issubclass(tp, (SecretStr, SecretBytes)):
        return {"kind": "secret", "cls": tp, "bytes": issubclass(tp, SecretBytes), "strict": strict}
    if tp is Json:
        return {"kind": "json"}
    return None


def json_metadata(metadata: list) -> tuple[bool, list]:
    """Whether `Annotated` metadata holds the `Json` marker, and the rest of it."""
    rest = [m for m in metadata if not isinstance(m, Json)]
    return len(rest) != len(metadata), rest
