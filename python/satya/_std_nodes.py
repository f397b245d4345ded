"""Type nodes of the standard-library and satya types the core makes with
Python classes: `pathlib` paths (and `FilePath`, `DirectoryPath`, `NewPath`,
`SocketPath`), `ipaddress` values (and the IPvAny types),
`SecretStr`/`SecretBytes`, and `Json`."""

from __future__ import annotations

import dataclasses
import ipaddress
import pathlib
import typing
from typing import Annotated, Literal

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
        node = {"kind": "ip", "ip": _IPS[tp], "strict": strict}
        if not _IPS[tp].startswith("any_"):
            node["cls"] = tp  # what its serializer accepts (with str)
        return node
    if issubclass(tp, (SecretStr, SecretBytes)):
        return {"kind": "secret", "cls": tp, "bytes": issubclass(tp, SecretBytes), "strict": strict}
    if issubclass(tp, Json):  # satya.special_types.Json is a subclass
        return {"kind": "json"}
    return None


@dataclasses.dataclass(frozen=True)
class PathType:
    """Metadata for `Annotated[Path, PathType("file")]`: what the file system
    must say of the path ("file", "dir", "new" or "socket")."""

    path_type: Literal["file", "dir", "new", "socket"]

    def __post_init__(self):
        if self.path_type not in ("file", "dir", "new", "socket"):
            raise ValueError(f"path_type must be 'file', 'dir', 'new' or 'socket', got {self.path_type!r}")


FilePath = Annotated[pathlib.Path, PathType("file")]
DirectoryPath = Annotated[pathlib.Path, PathType("dir")]
NewPath = Annotated[pathlib.Path, PathType("new")]
SocketPath = Annotated[pathlib.Path, PathType("socket")]


def std_annotated(builder, inner, metadata: list, field) -> dict | None:
    """The node of `Annotated[inner, *metadata]` when the metadata holds the
    `Json` marker (the document is parsed, then read as the rest) or a
    `PathType` (checked after the path is made), else None."""
    rest = [m for m in metadata if not isinstance(m, (Json, PathType))]
    if len(rest) == len(metadata):
        return None
    inner_type = typing.Annotated[(inner, *rest)] if rest else inner
    if any(isinstance(m, Json) for m in metadata):
        return {"kind": "json", "inner": builder.node(inner_type, field)}
    node = builder.node(inner_type, field)
    if node["kind"] != "path":
        builder.fail(f"PathType applies to paths only, not {getattr(inner, '__name__', inner)}")
    node["check"] = next(m for m in reversed(metadata) if isinstance(m, PathType)).path_type
    return node
