"""Object schemas of a JSON Schema document: Model classes (properties,
required, additionalProperties) made with `create_model`, dicts (a schema of
additional properties, propertyNames), and discriminated unions of models."""

from __future__ import annotations

import json
import keyword
import re
import typing
from typing import Annotated, Any

from ._create_model import create_model
from ._fields import Field
from ._model import Model
from ._schema_keywords import pointer, schema_error
from .errors import SchemaError, ValidationError


class ObjectBuilder:
    """The object half of `SchemaTranslator`: it keeps the classes made so far."""

    def __init__(self, *, strict: bool, module: str):
        self.strict = strict
        self.module = module
        self.models: dict[str, Any] = {}  # class name -> class (None while reserved)

    # ------------------------------------------------------------------ names

    def reserve_name(self, raw) -> str:
        """A class name from a title or definition key, distinct from every
        class of this document."""
        words = re.findall(r"[A-Za-z0-9]+", str(raw))
        name = "".join(w[:1].upper() + w[1:] for w in words) or "Model"
        if name[0].isdigit():
            name = "M" + name
        unique, n = name, 1
        while unique in self.models:
            n += 1
            unique = f"{name}{n}"
        self.models[unique] = None
        return unique

    # ------------------------------------------------------------------ objects

    @staticmethod
    def is_model_schema(schema) -> bool:
        """Whether `schema` describes an object with named properties (a
        Model), rather than a dict or a combination of schemas."""
        if not isinstance(schema, dict) or schema.get("nullable"):
            return False
        if any(k in schema for k in ("$ref", "anyOf", "oneOf", "allOf", "enum", "const")):
            return False
        if schema.get("type", "object") not in ("object", ["object"]):
            return False
        return "properties" in schema or "required" in schema or schema.get("additionalProperties") is False

    def object(self, schema: dict, where: str, hint):
        if self.is_model_schema({**schema, "type": "object", "nullable": False}):  # the null was split off
            return self.model(schema, where, self.reserve_name(schema.get("title") or hint or "Model"))
        values = schema.get("additionalProperties", True)
        value_type = self.translate(values, pointer(where, "additionalProperties"), hint)
        key_type = str
        if "propertyNames" in schema:
            names = schema["propertyNames"]
            if isinstance(names, dict) and names.get("type", "string") != "string":
                raise schema_error(pointer(where, "propertyNames"), "property names are strings; its type must be "
                                                                    "'string'")
            names = {"type": "string", **names} if isinstance(names, dict) else names
            key_type = self.translate(names, pointer(where, "propertyNames"), hint)
        constraints = self.counts(schema, where)
        annotation = dict[key_type, value_type]
        return Annotated[annotation, Field(**constraints)] if constraints else annotation

    def counts(self, schema: dict, where: str) -> dict:
        from ._schema_compile import _count

        return {name: _count(schema[k], pointer(where, k))
                for k, name in (("minProperties", "min_length"), ("maxProperties", "max_length")) if k in schema}

    def model(self, schema: dict, where: str, name: str):
        for keyword_ in ("minProperties", "maxProperties", "propertyNames"):
            if keyword_ in schema:
                raise schema_error(pointer(where, keyword_), "is supported only for objects without properties")
        properties = schema.get("properties", {})
        if not isinstance(properties, dict):
            raise schema_error(pointer(where, "properties"), "must be an object of schemas")
        required = schema.get("required", [])
        if (not isinstance(required, list) or not all(isinstance(r, str) for r in required)
                or len(set(required)) != len(required)):
            raise schema_error(pointer(where, "required"), "must be an array of distinct property names")
        properties = {**properties, **{r: True for r in required if r not in properties}}
        fields, used = {}, set()
        for prop, subschema in properties.items():
            field_name = _field_name(prop, used, properties)
            place = pointer(where, "properties", prop)
            annotation = self.translate(subschema, place, name + _camel(prop))
            fields[field_name] = (annotation, _field_info(subschema, prop, field_name, prop in required, annotation))
        config = {"extra": self._extra(schema, where)}
        if self.strict:
            config["strict"] = True
        title = schema.get("title")
        if isinstance(title, str) and title != name:
            config["title"] = title
        description = schema.get("description")
        try:
            cls = create_model(name, __config__=config, __module__=self.module,
                               __doc__=description if isinstance(description, str) else None, **fields)
        except SchemaError as exc:
            raise schema_error(where, str(exc)) from None
        self.models[name] = cls
        return cls

    def _extra(self, schema: dict, where: str) -> str:
        additional = schema.get("additionalProperties")
        if additional is None:
            return "ignore"
        if isinstance(additional, bool):
            return "allow" if additional else "forbid"
        if additional == {}:
            return "allow"
        raise schema_error(pointer(where, "additionalProperties"), "a schema for additional properties is supported "
                                                                   "only for objects without properties")

    def finish_models(self) -> None:
        """Resolves the forward references of recursive classes, now that
        every class of the document exists."""
        classes = {n: c for n, c in self.models.items() if c is not None}
        for cls in classes.values():
            if "__satya_pending__" in cls.__dict__:
                try:
                    cls.model_rebuild(_types_namespace=classes)
                except SchemaError as exc:
                    raise schema_error("#", str(exc)) from None

    # ------------------------------------------------------------- unions

    def discriminator(self, schema: dict, members: list, where: str):
        """The name of the property that tells the members apart, when each is
        a Model with a Literal of it; None leaves a plain union (which accepts
        the same values)."""
        place = pointer(where, "discriminator")
        spec = schema["discriminator"]
        if isinstance(spec, str):
            spec = {"propertyName": spec}
        if not isinstance(spec, dict) or not isinstance(spec.get("propertyName"), str):
            raise schema_error(place, "must be an object with a string 'propertyName'")
        prop, mapping = spec["propertyName"], spec.get("mapping", {})
        if not isinstance(mapping, dict):
            raise schema_error(pointer(place, "mapping"), "must be an object of tags to $refs")
        tags_of = {}
        for member in members:
            field = getattr(member, "model_fields", {}).get(prop) if isinstance(member, type) else None
            if field is None or typing.get_origin(field.annotation) is not typing.Literal:
                return None
            tags_of[member] = typing.get_args(field.annotation)
        for tag, ref in mapping.items():
            target = self.resolve_ref(ref, pointer(place, "mapping", tag))
            if tag not in tags_of.get(target, ()):
                raise schema_error(pointer(place, "mapping", tag), f"{ref!r} is not the branch whose {prop!r} is "
                                                                   f"{tag!r}")
        return prop


def _camel(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", text))


def _usable(prop: str) -> bool:
    """Whether a property can be a field of the same name."""
    return (prop.isidentifier() and not keyword.iskeyword(prop) and not prop.startswith(("_", "model_"))
            and not hasattr(Model, prop))


def _field_name(prop: str, used: set, properties: dict) -> str:
    """The property's own name when Python allows it, else a close one (the
    property stays the field's alias)."""
    if _usable(prop):
        name = prop
    else:
        name = re.sub(r"\W", "_", prop).strip("_") or "field"
        if name[0].isdigit() or name.startswith("model_"):
            name = "f_" + name
        while not _usable(name) or name in properties:
            name += "_"
    while name in used:
        name += "_"
    used.add(name)
    return name


def _default_value(annotation, default):
    """A document's default as a value: converted as JSON input would be when it
    validates (a date string becomes a date), as given otherwise, since JSON
    Schema does not require a default to validate against its schema."""
    from .type_adapter import TypeAdapter

    try:
        return TypeAdapter(annotation).validate_json(json.dumps(default))
    except (ValidationError, SchemaError, TypeError, ValueError):
        return default


def _field_info(subschema, prop: str, field_name: str, required: bool, annotation):
    info: dict[str, Any] = {}
    if field_name != prop:
        info["alias"] = prop
    if isinstance(subschema, dict):
        for key, name in (("title", "title"), ("description", "description")):
            if isinstance(subschema.get(key), str):
                info[name] = subschema[key]
        if isinstance(subschema.get("examples"), list):
            info["examples"] = subschema["examples"]
    if not required:
        if isinstance(subschema, dict) and "default" in subschema:
            info["default"] = _default_value(annotation, subschema["default"])
        else:
            info["default"] = None  # absent stays allowed; null is still checked when given
    return Field(**info)
