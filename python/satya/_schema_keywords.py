"""What the JSON Schema compiler knows about keywords: which it checks, which
only annotate, which it refuses; the types `format` names; and the checks
satya's types have no constraint for (unique items, the `false` schema, string
constraints on a formatted string)."""

from __future__ import annotations

import datetime
import ipaddress
import pathlib
import uuid
from typing import Any

from ._fields import resolve
from ._hooks import PydanticCustomError
from ._network import IPvAnyAddress, IPvAnyInterface, IPvAnyNetwork
from ._networks import AnyUrl, EmailStr, NameEmail
from ._secret import SecretStr
from ._uuid import UUID1, UUID3, UUID4, UUID5, UUID6, UUID7, UUID8
from .types import DirectoryPath, FilePath
from .errors import SchemaError, ValidationError
from .type_adapter import TypeAdapter

# Keywords that describe a value without constraining it.
ANNOTATION_KEYWORDS = frozenset({
    "$schema", "$id", "$anchor", "$comment", "$vocabulary", "title", "description", "default", "examples",
    "example", "deprecated", "readOnly", "writeOnly", "contentMediaType", "contentEncoding", "contentSchema",
})
# Keywords that hold subschemas only reached through "$ref".
DEFINITION_KEYWORDS = frozenset({"$defs", "definitions"})
STRING_KEYWORDS = frozenset({"minLength", "maxLength", "pattern", "format"})
NUMBER_KEYWORDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"})
ARRAY_KEYWORDS = frozenset({"items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems"})
OBJECT_KEYWORDS = frozenset({"properties", "required", "additionalProperties", "minProperties", "maxProperties",
                             "propertyNames"})
# "nullable" is OpenAPI 3.0's spelling of `"type": [..., "null"]`.
GENERAL_KEYWORDS = frozenset({"type", "enum", "const", "anyOf", "oneOf", "allOf", "$ref", "nullable",
                              "discriminator"})
FAMILY_OF_KEYWORD = {
    **{k: "string" for k in STRING_KEYWORDS}, **{k: "number" for k in NUMBER_KEYWORDS},
    **{k: "array" for k in ARRAY_KEYWORDS}, **{k: "object" for k in OBJECT_KEYWORDS},
}
KNOWN_KEYWORDS = ANNOTATION_KEYWORDS | DEFINITION_KEYWORDS | GENERAL_KEYWORDS | set(FAMILY_OF_KEYWORD)
# Keywords satya has no equivalent for; a schema using them is refused rather
# than half-checked.
UNSUPPORTED_KEYWORDS = frozenset({
    "patternProperties", "if", "then", "else", "dependentSchemas", "dependentRequired", "dependencies", "not",
    "contains", "minContains", "maxContains", "unevaluatedItems", "unevaluatedProperties", "$dynamicRef",
    "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor",
})
JSON_TYPES = ("string", "integer", "number", "boolean", "null", "array", "object")

FORMAT_TYPES: dict[str, Any] = {
    "email": EmailStr, "uri": AnyUrl, "url": AnyUrl, "uuid": uuid.UUID, "date": datetime.date,
    "date-time": datetime.datetime, "time": datetime.time, "duration": datetime.timedelta,
    "ipv4": ipaddress.IPv4Address, "ipv6": ipaddress.IPv6Address,
}
# The formats satya (and pydantic) write for their own types, so that a
# model's schema compiles back to the same types.
FORMAT_TYPES.update({
    "binary": bytes, "password": SecretStr, "name-email": NameEmail, "path": pathlib.Path, "file-path": FilePath,
    "directory-path": DirectoryPath, "ipv4network": ipaddress.IPv4Network, "ipv6network": ipaddress.IPv6Network,
    "ipv4interface": ipaddress.IPv4Interface, "ipv6interface": ipaddress.IPv6Interface,
    "ipvanyaddress": IPvAnyAddress, "ipvanynetwork": IPvAnyNetwork, "ipvanyinterface": IPvAnyInterface,
    "uuid1": UUID1, "uuid3": UUID3, "uuid4": UUID4, "uuid5": UUID5, "uuid6": UUID6, "uuid7": UUID7, "uuid8": UUID8,
})


def pointer(parent: str, *parts) -> str:
    """A JSON pointer one or more steps below `parent`, escaped as RFC 6901 says."""
    for part in parts:
        parent += "/" + str(part).replace("~", "~0").replace("/", "~1")
    return parent


class JSONSchemaError(SchemaError, ValueError):
    """A JSON Schema that cannot be compiled. A SchemaError, as any definition
    satya refuses, and a ValueError, as satya 0.x raised for a bad schema."""


def schema_error(where: str, message: str) -> JSONSchemaError:
    return JSONSchemaError(f"JSON Schema at {where or '#'}: {message}")


def check_keywords(schema: dict, where: str) -> None:
    """Refuses a keyword satya cannot check, naming it and where it is."""
    for keyword in schema:
        if keyword in KNOWN_KEYWORDS or keyword.startswith("x-"):
            continue
        place = pointer(where, keyword)
        if keyword in UNSUPPORTED_KEYWORDS:
            raise schema_error(place, f"the keyword {keyword!r} is not supported")
        raise schema_error(place, f"unknown keyword {keyword!r}; annotations of your own must start with 'x-'")


def unique_key(value):
    """A hashable key under which two values are equal exactly when JSON
    Schema's uniqueItems calls them equal (true is not 1; 1 is 1.0)."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, dict):
        return ("object", frozenset((k, unique_key(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("array", tuple(unique_key(v) for v in value))
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return unique_key(dump(mode="json", by_alias=True))
    try:
        hash(value)
    except TypeError:
        return ("other", repr(value))
    return ("other", value)


def check_unique_items(items):
    seen: dict = {}
    for index, item in enumerate(items):
        first = seen.setdefault(unique_key(item), index)
        if first != index:
            raise PydanticCustomError("unique_items", "Array items should be unique; item {index} repeats item {first}",
                                      {"index": index, "first": first})
    return items


def reject_everything(value):
    """The `false` schema: no value is valid."""
    raise PydanticCustomError("false_schema", "No value is allowed here")


class StringCheck:
    """Length and pattern of a string that a format then parses (an email of
    at most 50 characters); errors read as the plain string's would."""

    def __init__(self, adapter):
        self.adapter = adapter

    def __call__(self, value):
        if isinstance(value, str):
            try:
                self.adapter.validate_python(value)
            except ValidationError as exc:
                error = exc.errors()[0]
                # braces escaped: the message is final, ctx is kept for errors()
                message = error["msg"].replace("{", "{{").replace("}", "}}")
                raise PydanticCustomError(error["type"], message, error.get("ctx")) from None
        return value


class OnlyOneBranch:
    """oneOf whose branches may overlap: the value must match exactly one."""

    def __init__(self, branches: list, models: dict):
        self.branches = branches
        self.models = models  # forward references are resolved at first use, once every class exists
        self._adapters = None

    def __call__(self, value, handler):
        result = handler(value)
        if self._adapters is None:
            self._adapters = [TypeAdapter(resolve(b, {}, dict(self.models))) for b in self.branches]
        matches = []
        for index, adapter in enumerate(self._adapters):
            try:
                adapter.validate_python(value)
            except ValidationError:
                continue
            matches.append(index)
        if len(matches) > 1:
            raise PydanticCustomError("one_of_many", "Input should match exactly one schema of oneOf, "
                                                     "but matches {matches}", {"matches": matches})
        return result
