"""JSON Schemas of the leaf types (scalars, dates, UUIDs, paths, IP addresses,
secrets, URLs, emails), of Literals and enums, and the keywords each kind of
constraint becomes."""

from __future__ import annotations

import datetime
import decimal
import inspect
import ipaddress
import pathlib
import uuid

from ._byte_size import BYTE_STRING_PATTERN, ByteSize
from ._dsn import _MultiHostDsn
from ._network import IPvAnyAddress, IPvAnyInterface, IPvAnyNetwork
from ._networks import EmailStr, NameEmail, _BaseUrl
from ._secret import SecretBytes, SecretStr

_PLAIN = {
    int: {"type": "integer"}, float: {"type": "number"}, str: {"type": "string"}, bool: {"type": "boolean"},
    bytes: {"type": "string", "format": "binary"}, type(None): {"type": "null"},
    datetime.datetime: {"type": "string", "format": "date-time"}, datetime.date: {"type": "string", "format": "date"},
    datetime.time: {"type": "string", "format": "time"}, datetime.timedelta: {"type": "string", "format": "duration"},
    uuid.UUID: {"type": "string", "format": "uuid"},
    EmailStr: {"type": "string", "format": "email"}, NameEmail: {"type": "string", "format": "name-email"},
}
_PATHS = (pathlib.Path, pathlib.PurePath, pathlib.PosixPath, pathlib.PurePosixPath, pathlib.WindowsPath,
          pathlib.PureWindowsPath)
_PATH_FORMATS = {"file": "file-path", "dir": "directory-path", "new": "path", "socket": "path"}
_IP_FORMATS = {
    ipaddress.IPv4Address: "ipv4", ipaddress.IPv6Address: "ipv6",
    ipaddress.IPv4Network: "ipv4network", ipaddress.IPv6Network: "ipv6network",
    ipaddress.IPv4Interface: "ipv4interface", ipaddress.IPv6Interface: "ipv6interface",
    IPvAnyAddress: "ipvanyaddress", IPvAnyNetwork: "ipvanynetwork", IPvAnyInterface: "ipvanyinterface",
}

_BOUND_KEYWORDS = {"gt": "exclusiveMinimum", "ge": "minimum", "lt": "exclusiveMaximum", "le": "maximum",
                   "multiple_of": "multipleOf"}
_STRING_KEYWORDS = {"min_length": "minLength", "max_length": "maxLength", "pattern": "pattern"}
_ARRAY_KEYWORDS = {"min_length": "minItems", "max_length": "maxItems"}
_OBJECT_KEYWORDS = {"min_length": "minProperties", "max_length": "maxProperties"}


def leaf_schema(tp, constraints: dict, mode: str) -> dict | None:
    """The schema of `tp` if it is a leaf type, with `constraints` applied; None otherwise."""
    if not isinstance(tp, type):
        return None
    if tp in (int, float):
        return {**_PLAIN[tp], **keywords(constraints, _BOUND_KEYWORDS)}
    if tp in (str, bytes):
        # Field(email=True) and Field(url=True) read as EmailStr and HttpUrl do
        checked = {"format": "email"} if constraints.get("email") else {"format": "uri"} if constraints.get("url") else {}
        return {**_PLAIN[tp], **checked, **keywords(constraints, _STRING_KEYWORDS)}
    if tp is uuid.UUID and constraints.get("uuid_version"):
        return {"type": "string", "format": f"uuid{constraints['uuid_version']}"}
    if tp in _PLAIN:
        return dict(_PLAIN[tp])
    if tp is decimal.Decimal:
        if mode == "serialization":
            return {"type": "string"}
        bounds = {k: float(v) for k, v in keywords(constraints, _BOUND_KEYWORDS).items()}
        return {"anyOf": [{"type": "number", **bounds}, {"type": "string"}]}
    if tp in _PATHS:
        return {"type": "string", "format": _PATH_FORMATS.get(constraints.get("path_type"), "path")}
    if tp in _IP_FORMATS:
        return {"type": "string", "format": _IP_FORMATS[tp]}
    if issubclass(tp, (SecretStr, SecretBytes)):
        return {"type": "string", "format": "password", "writeOnly": True, **keywords(constraints, _STRING_KEYWORDS)}
    if issubclass(tp, ByteSize):
        size = {"type": "integer", "minimum": 0}
        return size if mode == "serialization" else {"anyOf": [{"type": "string", "pattern": BYTE_STRING_PATTERN}, size]}
    if issubclass(tp, _BaseUrl):
        form = "multi-host-uri" if issubclass(tp, _MultiHostDsn) else "uri"
        schema = {"type": "string", "format": form, "minLength": 1}
        max_length = constraints.get("url_max_length", tp._constraints.max_length)
        if max_length is not None:
            schema["maxLength"] = max_length
        return schema
    return None


def keywords(constraints: dict, names: dict) -> dict:
    return {keyword: constraints[name] for name, keyword in names.items() if constraints.get(name) is not None}


def literal_schema(values: list) -> dict:
    """A Literal's (or an enum's) values: one is a const, more an enum, with
    the JSON type when every value has the same one."""
    distinct = []
    for value in values:
        if value not in distinct or not any(type(v) is type(value) for v in distinct if v == value):
            distinct.append(value)
    schema = {"const": distinct[0]} if len(distinct) == 1 else {"enum": distinct}
    json_type = value_type(distinct)
    if json_type is not None:
        schema["type"] = json_type
    return schema


def value_type(values: list) -> str | None:
    types = {type(v) for v in values}
    return {frozenset({str}): "string", frozenset({int}): "integer", frozenset({float}): "number",
            frozenset({bool}): "boolean", frozenset({list}): "array", frozenset({type(None)}): "null"
            }.get(frozenset(types))


def enum_schema(cls, encode) -> dict:
    """An enum class's definition: its values (made JSON by `encode`), title and description."""
    values = [encode(member.value) for member in cls.__members__.values()]
    schema = {"title": cls.__name__, "enum": values}
    doc = cls.__dict__.get("__doc__")
    if doc and doc != "An enumeration.":
        schema["description"] = inspect.cleandoc(doc)
    for base, json_type in ((str, "string"), (int, "integer"), (float, "number")):
        if issubclass(cls, base):
            schema["type"] = json_type
            return schema
    json_type = value_type(values)
    if json_type is not None:
        schema["type"] = json_type
    return schema
