"""A JSON Schema document made into satya annotations: scalars with their
constraints, lists and tuples, unions, Literals and enums, and Model classes
for objects (made with `create_model`, so they validate natively).

Each subschema is translated once per place; a `$ref` target once per
document, so a recursive reference to an object becomes a forward reference
to its Model class, resolved when every class exists."""

from __future__ import annotations

import enum
import re
import typing
from typing import Annotated, Any, Literal, Optional, Union
from urllib.parse import unquote

from ._fields import Field
from ._hooks import AfterValidator, BeforeValidator, PlainValidator, WrapValidator
from ._schema_keywords import (
    ANNOTATION_KEYWORDS, DEFINITION_KEYWORDS, FAMILY_OF_KEYWORD, FORMAT_TYPES, JSON_TYPES, OnlyOneBranch,
    StringCheck, check_keywords, check_unique_items, pointer, reject_everything, schema_error,
)
from ._schema_objects import ObjectBuilder
from ._networks import AnyUrl, UrlConstraints
from .type_adapter import TypeAdapter

_IN_PROGRESS = object()  # a non-object $ref target being translated
_FAMILY_TYPES = {"string": ["string"], "number": ["number"], "array": ["array"], "object": ["object"]}
_SCALAR_OR_NULL = (str, int, float, bool, type(None))


class SchemaTranslator(ObjectBuilder):
    """Translates one document; an instance is used once."""

    def __init__(self, document, *, strict: bool = False, unknown_formats: str = "error", module: str = __name__):
        super().__init__(strict=strict, module=module)
        if unknown_formats not in ("error", "ignore"):
            raise ValueError(f"unknown_formats must be 'error' or 'ignore', not {unknown_formats!r}")
        self.document = document
        self.unknown_formats = unknown_formats
        self._targets: dict[str, Any] = {}

    def translate_document(self, name: str | None = None):
        """The annotation of the whole document; its definitions are all
        translated too, so an error in an unused one is reported as well."""
        annotation = self.target("#", self.document, name)
        if isinstance(self.document, dict):
            for keyword in DEFINITION_KEYWORDS:
                for key in _mapping(self.document.get(keyword, {}), pointer("#", keyword)):
                    where = pointer("#", keyword, key)
                    self.target(where, self.document[keyword][key], key)
        self.finish_models()
        if isinstance(annotation, str):  # the document is itself a recursive object
            annotation = self.models[annotation]
        return annotation

    # ------------------------------------------------------------------ $ref

    def target(self, where: str, schema, hint: str | None):
        """The annotation of the subschema at `where`, translated once."""
        known = self._targets.get(where)
        if known is _IN_PROGRESS:
            raise schema_error(where, "a recursive $ref must go through an object schema; "
                                      "recursion through other schemas is not supported")
        if known is not None:
            return known
        if self.is_model_schema(schema):
            # the caller's name for the document comes before its title
            preferred = hint if where == "#" and hint else schema.get("title")
            name = self.reserve_name(preferred or hint or "Model")
            self._targets[where] = name  # a forward reference while the class is made
            self._targets[where] = self.model(schema, where, name)
        else:
            self._targets[where] = _IN_PROGRESS
            if isinstance(schema, dict) and "enum" in schema and where != "#" and set(schema) <= _ENUM_CLASS_KEYS:
                self._targets[where] = self.enum_class(schema, where, hint)
            else:
                self._targets[where] = self.translate(schema, where, hint)
        return self._targets[where]

    def resolve_ref(self, ref, where: str):
        if not isinstance(ref, str):
            raise schema_error(where, f"$ref must be a string, not {ref!r}")
        if not ref.startswith("#"):
            raise schema_error(where, f"only references inside the document ('#/...') are supported, not {ref!r}")
        if ref != "#" and not ref.startswith("#/"):
            raise schema_error(where, f"references to anchors ({ref!r}) are not supported; use a JSON pointer")
        node = self.document
        parts = [unquote(raw).replace("~1", "/").replace("~0", "~") for raw in ref[1:].split("/")[1:]]
        for part in parts:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise schema_error(where, f"$ref {ref!r} points to nothing in the document")
        # one spelling per target, so a definition is translated once
        return self.target(pointer("#", *parts), node, parts[-1] if parts else None)

    # ------------------------------------------------------------- subschemas

    def translate(self, schema, where: str, hint: str | None = None):
        """The annotation of the subschema `schema`, found at `where`."""
        if schema is True:
            return Any
        if schema is False:
            return Annotated[Any, PlainValidator(reject_everything)]
        if not isinstance(schema, dict):
            raise schema_error(where, f"a schema must be an object or a boolean, not {schema!r}")
        check_keywords(schema, where)
        nullable = schema.get("nullable", False)
        if not isinstance(nullable, bool):
            raise schema_error(pointer(where, "nullable"), "must be true or false")
        annotation = self._not_null(schema, where, hint)
        return Optional[annotation] if nullable else annotation

    def _not_null(self, schema: dict, where: str, hint):
        validating = {k for k in schema if k not in ANNOTATION_KEYWORDS and k not in DEFINITION_KEYWORDS
                      and k != "nullable" and not k.startswith("x-")}
        if "$ref" in schema:
            _alone(schema, "$ref", validating, where)
            return self.resolve_ref(schema["$ref"], pointer(where, "$ref"))
        if "allOf" in schema:
            return self._all_of(schema, where, hint, validating)
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema:
                _alone(schema, keyword, validating - {"discriminator"}, where)
                return self.union(schema, keyword, where, hint)
        if "discriminator" in schema:
            raise schema_error(pointer(where, "discriminator"), "a discriminator needs a oneOf or anyOf beside it")
        if "const" in schema or "enum" in schema:
            return self._values(schema, where, validating)
        types = self._types(schema, where)
        members = [self._typed(json_type, schema, where, hint) for json_type in types]
        return members[0] if len(members) == 1 else Union[tuple(members)]

    def _all_of(self, schema: dict, where: str, hint, validating):
        parts = schema["allOf"]
        if not isinstance(parts, list) or len(parts) != 1:
            raise schema_error(pointer(where, "allOf"), "only an allOf of a single schema is supported")
        only = parts[0]
        if validating == {"allOf"}:
            return self.translate(only, pointer(where, "allOf", 0), hint)
        if not isinstance(only, dict) or "$ref" in only or set(only) & (validating - {"allOf"}):
            raise schema_error(pointer(where, "allOf"), "an allOf beside other validation keywords is supported "
                                                        "only when its schema shares none of them")
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        merged.update(only)
        return self.translate(merged, where, hint)

    def union(self, schema: dict, keyword: str, where: str, hint):
        branches = schema[keyword]
        place = pointer(where, keyword)
        if not isinstance(branches, list) or not branches:
            raise schema_error(place, "must be a non-empty array of schemas")
        translated = [self.translate(b, pointer(place, i), hint) for i, b in enumerate(branches)]
        nullable = type(None) in translated
        members = [m for m in translated if m is not type(None)]
        if not members:
            return type(None)
        discriminator = self.discriminator(schema, members, where) if "discriminator" in schema else None
        if len(members) == 1:
            annotation = members[0]
        elif discriminator is not None:
            annotation = Annotated[Union[tuple(members)], Field(discriminator=discriminator)]
        else:
            annotation = Union[tuple(members)]
            if keyword == "oneOf" and not _exclusive(branches):
                annotation = Annotated[annotation, WrapValidator(OnlyOneBranch(translated, self.models))]
        return Optional[annotation] if nullable else annotation

    def _values(self, schema: dict, where: str, validating):
        if "const" in schema:
            values = [schema["const"]]
            keyword = "const"
        else:
            values = schema["enum"]
            keyword = "enum"
            if not isinstance(values, list) or not values:
                raise schema_error(pointer(where, "enum"), "must be a non-empty array")
        for value in values:
            if not isinstance(value, _SCALAR_OR_NULL):
                raise schema_error(pointer(where, keyword), f"only strings, numbers, booleans and null are supported "
                                                            f"as values, not {value!r}")
        extra = validating - {"const", "enum", "type"}
        if extra:
            raise schema_error(pointer(where, sorted(extra)[0]), f"constraints beside {keyword} are not supported")
        if "type" in schema:  # a value the type refuses can never be valid
            types = self._types(schema, where)
            values = [v for v in values if _json_type_of(v) in types
                      or (_json_type_of(v) == "integer" and "number" in types)]
            if not values:
                raise schema_error(where, f"no value of {keyword} has the schema's type")
        return Literal[tuple(values)]

    def enum_class(self, schema: dict, where: str, hint):
        """An Enum class for a named definition of values, as Python enums are
        written in JSON Schema."""
        annotation = self.translate(schema, where, hint)
        values = list(typing.get_args(annotation))
        name = self.reserve_name(schema.get("title") or hint or "Enum")
        mixin = ((str,) if all(isinstance(v, str) for v in values)
                 else (int,) if all(type(v) is int for v in values) else ())
        try:
            members = _member_names(values)
            cls = enum.Enum(name, members, type=mixin[0] if mixin else None, module=self.module)
        except (TypeError, ValueError) as exc:
            raise schema_error(where, f"cannot make an enum of {values!r}: {exc}") from None
        if schema.get("description"):
            cls.__doc__ = schema["description"]
        return cls

    def _types(self, schema: dict, where: str) -> list[str]:
        declared = schema.get("type")
        if declared is None:
            families = {FAMILY_OF_KEYWORD[k] for k in schema if k in FAMILY_OF_KEYWORD}
            if not families:
                return ["any"]
            if len(families) > 1:
                raise schema_error(where, f"give a \"type\": the keywords belong to {sorted(families)}")
            return _FAMILY_TYPES[families.pop()]
        names = declared if isinstance(declared, list) else [declared]
        if not names or any(n not in JSON_TYPES for n in names) or len(set(names)) != len(names):
            raise schema_error(pointer(where, "type"), f"must be one of {', '.join(JSON_TYPES)}, or an array "
                                                       f"of distinct ones, not {declared!r}")
        return names

    def _typed(self, json_type: str, schema: dict, where: str, hint):
        if json_type == "any":
            return Any
        if json_type == "null":
            return type(None)
        if json_type == "boolean":
            return bool
        if json_type in ("integer", "number"):
            return self._number(int if json_type == "integer" else float, schema, where)
        if json_type == "string":
            return self._string(schema, where)
        if json_type == "array":
            return self.array(schema, where, hint)
        return self.object(schema, where, hint)

    def _number(self, tp, schema: dict, where: str):
        bounds = {}
        for keyword, name in (("minimum", "ge"), ("maximum", "le"), ("exclusiveMinimum", "gt"),
                              ("exclusiveMaximum", "lt"), ("multipleOf", "multiple_of")):
            if keyword not in schema:
                continue
            value = schema[keyword]
            if isinstance(value, bool) and keyword.startswith("exclusive"):  # draft 4's spelling
                bound = "minimum" if keyword == "exclusiveMinimum" else "maximum"
                if value:
                    if bound not in schema:
                        raise schema_error(pointer(where, keyword), f"true needs a {bound!r} beside it")
                    bounds["gt" if bound == "minimum" else "lt"] = schema[bound]
                    bounds.pop("ge" if bound == "minimum" else "le", None)
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise schema_error(pointer(where, keyword), f"must be a number, not {value!r}")
            if keyword == "multipleOf" and value <= 0:
                raise schema_error(pointer(where, keyword), "must be greater than 0")
            if name in ("ge", "le") and name.replace("e", "t") in bounds:
                continue  # draft 4: the exclusive flag already made it strict
            bounds[name] = value
        return Annotated[tp, Field(**bounds)] if bounds else tp

    def _string(self, schema: dict, where: str):
        constraints = {}
        for keyword, name in (("minLength", "min_length"), ("maxLength", "max_length")):
            if keyword in schema:
                constraints[name] = _count(schema[keyword], pointer(where, keyword))
        if "pattern" in schema:
            pattern = schema["pattern"]
            try:
                re.compile(pattern)
            except (TypeError, re.error) as exc:
                raise schema_error(pointer(where, "pattern"), f"not a valid regular expression: {exc}") from None
            constraints["pattern"] = pattern
        fmt = schema.get("format")
        if fmt is None or (fmt not in FORMAT_TYPES and self.unknown_formats == "ignore"):
            return Annotated[str, Field(**constraints)] if constraints else str
        if fmt not in FORMAT_TYPES:
            raise schema_error(pointer(where, "format"), f"the format {fmt!r} is not supported (supported: "
                                                         f"{', '.join(FORMAT_TYPES)}); pass unknown_formats='ignore' "
                                                         "to accept any string for it")
        tp = FORMAT_TYPES[fmt]
        if tp is AnyUrl:  # a URL is never empty; a maximum length is the URL's own constraint
            if constraints.get("min_length") == 1:
                del constraints["min_length"]
            if "max_length" in constraints and not constraints.get("min_length") and "pattern" not in constraints:
                return Annotated[tp, UrlConstraints(max_length=constraints["max_length"])]
        if not constraints:
            return tp
        check = StringCheck(TypeAdapter(Annotated[str, Field(**constraints)]))
        return Annotated[tp, BeforeValidator(check)]

    def array(self, schema: dict, where: str, hint):
        constraints = {}
        for keyword, name in (("minItems", "min_length"), ("maxItems", "max_length")):
            if keyword in schema:
                constraints[name] = _count(schema[keyword], pointer(where, keyword))
        prefix = schema.get("prefixItems")
        items = schema.get("items", True)
        if isinstance(items, list):  # draft 7's spelling of prefixItems
            prefix, items = items, schema.get("additionalItems", True)
        elif "additionalItems" in schema:
            raise schema_error(pointer(where, "additionalItems"), "only applies beside an array of items")
        if prefix is not None:
            annotation = self._tuple(prefix, items, constraints, schema, where, hint)
            constraints = {}
        else:
            annotation = list[self.translate(items, pointer(where, "items"), hint)]
        unique = schema.get("uniqueItems", False)
        if not isinstance(unique, bool):
            raise schema_error(pointer(where, "uniqueItems"), "must be true or false")
        metadata = [Field(**constraints)] if constraints else []
        if unique:
            metadata.append(AfterValidator(check_unique_items))
        return Annotated[(annotation, *metadata)] if metadata else annotation

    def _tuple(self, prefix, items, constraints: dict, schema: dict, where: str, hint):
        place = pointer(where, "prefixItems" if "prefixItems" in schema else "items")
        if not isinstance(prefix, list):
            raise schema_error(place, "must be an array of schemas")
        size = len(prefix)
        exact = items is False or (constraints.get("max_length") == size)
        if not exact or constraints.get("min_length", 0) != size or constraints.get("max_length", size) != size:
            raise schema_error(place, f"only fixed-length tuples are supported: give minItems and maxItems of {size} "
                                      "(or items: false with minItems)")
        members = [self.translate(s, pointer(place, i), hint) for i, s in enumerate(prefix)]
        return tuple[tuple(members)] if members else tuple[()]


_ENUM_CLASS_KEYS = frozenset({"enum", "type", "title", "description", "$comment"})


def _member_names(values: list) -> dict:
    """Enum members named after their values where those are names."""
    names = [v.upper() if isinstance(v, str) and v.isidentifier() else "" for v in values]
    if any(not n or n.startswith("_") for n in names) or len(set(names)) != len(names):
        names = [f"V{i}" for i in range(len(values))]
    return dict(zip(names, values))


def _alone(schema: dict, keyword: str, validating: set, where: str) -> None:
    others = validating - {keyword}
    if others:
        raise schema_error(pointer(where, sorted(others)[0]), f"validation keywords beside {keyword!r} are not "
                                                              "supported; move them into its schema")


def _count(value, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise schema_error(where, f"must be a non-negative integer, not {value!r}")
    return value


def _mapping(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise schema_error(where, "must be an object of schemas")
    return value


def _json_type_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    return {float: "number", str: "string"}[type(value)]


def _exclusive(branches: list) -> bool:
    """Whether no value can match two of the branches, judged by their
    declared JSON types or constant values (then oneOf is a plain union)."""
    seen = []
    for branch in branches:
        if not isinstance(branch, dict):
            return False
        if "const" in branch:
            seen.append(("const", repr(branch["const"])))
            continue
        declared = branch.get("type")
        if not isinstance(declared, str) or declared in ("number", "integer"):
            return False
        seen.append(("type", declared))
    return len(set(seen)) == len(seen) and not ({s for s in seen if s[0] == "type"} and
                                                any(s[0] == "const" for s in seen))
