"""JSON Schema (draft 2020-12) of models and annotations, as pydantic v2 writes it.

    from satya.json_schema import json_schema_of, GenerateJsonSchema

    User.model_json_schema()                       # validation mode, keys by alias
    User.model_json_schema(mode="serialization")   # what model_dump_json writes
    json_schema_of(list[User])                     # any annotation

Models, dataclasses, TypedDicts, NamedTuples and enums become definitions
under "$defs", referenced through `ref_template`. To customise, subclass
`GenerateJsonSchema` and override `annotation_schema`, `model_schema`,
`field_title`, `encode_default`, `definition_name` or `sort`, then pass the
class as `schema_generator`."""

from __future__ import annotations

import collections
import dataclasses
import inspect
import re
import typing
from typing import Any

from . import _generics
from ._aliases import validation_paths
from ._containers import resolved_in
from ._fields import _MISSING, FieldInfo
from ._json_schema_hooks import input_type_marker, model_serializer_return, serializer_marker
from ._json_schema_types import enum_schema
from ._json_schema_walk import AnnotationWalker

DEFAULT_REF_TEMPLATE = "#/$defs/{model}"
JsonSchemaMode = typing.Literal["validation", "serialization"]
__all__ = ["DEFAULT_REF_TEMPLATE", "GenerateJsonSchema", "JsonSchemaMode", "json_schema_of", "model_json_schema"]


class GenerateJsonSchema(AnnotationWalker):
    """Makes one JSON Schema; an instance is used once."""

    def __init__(self, by_alias: bool = True, ref_template: str = DEFAULT_REF_TEMPLATE,
                 union_format: typing.Literal["any_of", "primitive_type_array"] = "any_of"):
        if union_format not in ("any_of", "primitive_type_array"):
            raise ValueError(f"union_format must be 'any_of' or 'primitive_type_array', not {union_format!r}")
        self.union_format = union_format
        self.by_alias = by_alias
        self.ref_template = ref_template
        self.mode: str = "validation"
        self.definitions: dict[str, dict | None] = {}
        self._names: dict[Any, str] = {}
        self._ref_counts: collections.Counter = collections.Counter()

    def generate(self, annotation, mode: JsonSchemaMode = "validation") -> dict:
        """The schema of `annotation`, with the definitions it needs under "$defs"."""
        if mode not in ("validation", "serialization"):
            raise ValueError(f"mode must be 'validation' or 'serialization', not {mode!r}")
        self.mode = mode
        schema = self.annotation_schema(annotation, {})
        schema = self._final_names(schema)
        if set(schema) == {"$ref"}:
            # a definition only the top refers to is written in place
            name = next((n for n, ref in self._refs() if ref == schema["$ref"]), None)
            if name is not None and self._ref_counts[name] == 1:
                schema = self.definitions.pop(name)
        if self.definitions:
            schema["$defs"] = dict(sorted(self.definitions.items()))
        return self.sort(schema)

    # ----------------------------------------------------------------- definitions

    def definition_name(self, cls) -> str:
        """The key of a class's definition: its name, with what a JSON pointer
        would not keep replaced by "_" (so `Page[int]` is `Page_int_`)."""
        return re.sub(r"[^a-zA-Z0-9.\-_]", "_", class_name(cls))

    def _choices(self, cls, occurrences: dict) -> list[str]:
        """The keys a class may take, shortest first: its name, its module and
        qualified name, then that name numbered by first appearance."""
        short = re.sub(r"[^a-zA-Z0-9.\-_]", "_", class_name(cls))
        qualified = re.sub(r"[^a-zA-Z0-9.\-_]", "_", f"{cls.__module__}.{cls.__qualname__}").replace(".", "__")
        numbered = occurrences.setdefault(qualified, [])
        if cls not in numbered:
            numbered.append(cls)
        return [short, qualified, f"{qualified}__{numbered.index(cls) + 1}"]

    def _final_names(self, schema: dict) -> dict:
        """Each definition under the first of its choices that no other
        definition with a different schema shares; the references follow."""
        if type(self).definition_name is not GenerateJsonSchema.definition_name:
            return schema  # the subclass's own names stand
        occurrences: dict = {}
        choices = {cls: self._choices(cls, occurrences) for cls in self._names}
        holders: dict[str, list] = collections.defaultdict(list)
        for cls, names in choices.items():
            for name in names:
                holders[name].append(self.definitions[self._names[cls]])
        renamed = {}
        for cls, names in choices.items():
            final = next((n for n in names if all(d == holders[n][0] for d in holders[n])), names[-1])
            if final != self._names[cls]:
                renamed[self._names[cls]] = final
        if not renamed:
            return schema
        refs = {self.ref_template.format(model=old): self.ref_template.format(model=new) for old, new in renamed.items()}
        self.definitions = {renamed.get(n, n): self._rewrite(d, refs) for n, d in self.definitions.items()}
        self._ref_counts = collections.Counter({renamed.get(n, n): c for n, c in self._ref_counts.items()})
        self._names = {cls: renamed.get(n, n) for cls, n in self._names.items()}
        return self._rewrite(schema, refs)

    def _rewrite(self, value, refs: dict):
        """`value` with every reference in `refs` replaced: the "$ref" keys and
        the discriminator mappings (no other text is touched)."""
        if isinstance(value, list):
            return [self._rewrite(v, refs) for v in value]
        if not isinstance(value, dict):
            return value
        out = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                out[key] = refs.get(item, item)
            elif key == "mapping" and isinstance(item, dict):
                out[key] = {k: refs.get(v, v) if isinstance(v, str) else v for k, v in item.items()}
            else:
                out[key] = self._rewrite(item, refs)
        return out

    def reference(self, cls, make) -> dict:
        """A $ref to the definition of `cls`, made by `make()` the first time."""
        name = self._names.get(cls)
        if name is None:
            name = self.definition_name(cls)
            # a second class of a taken name gets a key of its own meanwhile;
            # `_final_names` settles the keys at the end
            if name in self._names.values():
                name = f"{name}__{len(self._names)}"
            self._names[cls] = name
            self.definitions[name] = None  # a recursive class refers to itself meanwhile
            self.definitions[name] = make()
        self._ref_counts[name] += 1
        return {"$ref": self.ref_template.format(model=name)}

    def _refs(self):
        return ((name, self.ref_template.format(model=name)) for name in self.definitions)

    # ----------------------------------------------------------------- classes

    def model_schema(self, cls) -> dict:
        """A model's definition: its fields (and computed fields when serializing)."""
        if "__satya_pending__" in cls.__dict__:
            cls.model_rebuild()
        config = cls.model_config
        outer, self.config = self.config, config
        try:
            return self._model_schema(cls, config)
        finally:
            self.config = outer

    def _model_schema(self, cls, config: dict) -> dict:
        override = config.get("json_schema_mode_override")
        if override is not None and override != self.mode:
            outer, self.mode = self.mode, override
            try:
                return self._model_schema(cls, config)
            finally:
                self.mode = outer
        if self.mode == "serialization" and model_serializer_return(cls) is not None:
            return self.annotation_schema(model_serializer_return(cls), {})
        if getattr(cls, "__pydantic_root_model__", False):
            return self.root_model_schema(cls, config)
        properties, required = {}, []
        for name, info in cls.model_fields.items():
            if self.mode == "serialization" and info.exclude:
                continue
            key = self.field_key(name, info, config)
            annotation = info.annotation
            marker = input_type_marker(cls, name) if self.mode == "validation" else serializer_marker(cls, name)
            if marker is not None:
                annotation = typing.Annotated[annotation, marker]
            properties[key] = self.field_schema(key, annotation, info)
            # a dump always writes a field, so a serialization schema may require them all
            if info.is_required() or (self.mode == "serialization"
                                      and config.get("json_schema_serialization_defaults_required")):
                required.append(key)
        if self.mode == "serialization":
            for name, computed in getattr(cls, "__satya_computed__", {}).items():
                key = computed.alias if self.by_alias and computed.alias else name
                # its info in model_computed_fields holds a generated title
                properties[key] = self.computed_field_schema(key, cls, cls.model_computed_fields.get(name, computed))
                required.append(key)
        schema = self.object_schema(properties, required, model_title(cls, config), cls.__dict__.get("__doc__"))
        if config.get("extra") == "forbid":
            schema["additionalProperties"] = False
        elif config.get("extra") == "allow":
            schema["additionalProperties"] = True
        self.apply_extra(schema, cls, config)
        return schema

    def root_model_schema(self, cls, config: dict) -> dict:
        """A RootModel's definition is its value's, titled by the class."""
        info = cls.model_fields["root"]
        schema = self.field_schema("root", info.annotation, info)
        schema["title"] = model_title(cls, config)
        doc = cls.__dict__.get("__doc__")
        if doc:
            schema["description"] = inspect.cleandoc(doc)
        self.apply_extra(schema, cls, config)
        return schema

    @staticmethod
    def apply_extra(schema: dict, cls, config: dict) -> None:
        """model_config's json_schema_extra: merged as a dict, or called."""
        extra = config.get("json_schema_extra")
        if isinstance(extra, dict):
            schema.update(extra)
        elif callable(extra):
            extra(schema, cls) if len(inspect.signature(extra).parameters) > 1 else extra(schema)

    @staticmethod
    def object_schema(properties: dict, required: list, title: str, doc) -> dict:
        schema: dict = {"type": "object", "title": title, "properties": properties}
        if required:
            schema["required"] = required
        if doc:
            schema["description"] = inspect.cleandoc(doc)
        return schema

    def dataclass_schema(self, cls) -> dict:
        hints = {name: resolved_in(cls, hint) for name, hint in typing.get_type_hints(cls, include_extras=True).items()}
        properties, required = {}, []
        # the fields and the InitVars, in declaration order
        real = {f.name for f in dataclasses.fields(cls)}
        for field in cls.__dataclass_fields__.values():
            if field.name not in real and not isinstance(hints.get(field.name), dataclasses.InitVar):
                continue  # a ClassVar
            if not field.init and field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
                continue  # set by the class itself, never from the input
            hint = hints[field.name]
            hint = hint.type if isinstance(hint, dataclasses.InitVar) else hint
            info = field.default if isinstance(field.default, FieldInfo) else FieldInfo(
                field.default if field.default is not dataclasses.MISSING else _MISSING,
                default_factory=None if field.default_factory is dataclasses.MISSING else field.default_factory)
            properties[field.name] = self.field_schema(field.name, hint, info)
            if info.is_required():
                required.append(field.name)
        doc = cls.__dict__.get("__doc__")
        if doc and doc.startswith(f"{cls.__name__}(") and doc.endswith(")"):
            doc = None  # the text dataclasses writes for a class without a docstring
        return self.object_schema(properties, required, cls.__name__, doc)

    def typed_dict_schema(self, cls, hints: dict, required_keys) -> dict:
        properties = {name: self.field_schema(name, hint, FieldInfo()) for name, hint in hints.items()}
        return self.object_schema(properties, [n for n in hints if n in required_keys], cls.__name__,
                                  cls.__dict__.get("__doc__"))

    def named_tuple_schema(self, cls, hints: dict) -> dict:
        defaults = getattr(cls, "_field_defaults", {})
        items = [self.field_schema(name, hints.get(name, Any), FieldInfo(defaults.get(name, _MISSING)))
                 for name in cls._fields]
        schema = {"type": "array", "minItems": sum(name not in defaults for name in cls._fields),
                  "maxItems": len(cls._fields)}
        if items:
            schema["prefixItems"] = items
        return schema

    def enum_definition(self, cls) -> dict:
        return enum_schema(cls, self.encode_default)

    # ----------------------------------------------------------------- fields

    def field_key(self, name: str, info: FieldInfo, config: dict) -> str:
        """The property's name: the alias the mode reads or writes when `by_alias`."""
        if not self.by_alias:
            return name
        generated = (None, None, None)
        generator = config.get("alias_generator")
        if generator is not None and info.alias is None:
            from ._field_keys import generated_aliases
            generated = generated_aliases(generator, name, name)
        alias = info.alias or generated[0]
        if self.mode == "serialization":
            return info.serialization_alias or generated[2] or (alias if isinstance(alias, str) else None) or name
        validation = info.validation_alias or generated[1] or alias or name
        return next((path[0] for path in validation_paths(validation, name) if len(path) == 1), name)

    def field_title(self, key: str) -> str:
        return key.title().replace("_", " ").strip()

    def field_schema(self, key: str, annotation, info: FieldInfo) -> dict:
        """A property's schema: its type's, with the field's metadata and default."""
        meta = self.field_metadata(annotation, info)
        schema = self.annotation_schema(annotation, {}, info)
        if meta.title is not None:
            schema["title"] = meta.title
        elif not self.refers_to_class(annotation):
            schema["title"] = self.field_title(key)
        if meta.description is not None:
            schema["description"] = meta.description
        if meta.examples is not None:
            schema["examples"] = meta.examples
        if meta.deprecated:
            schema["deprecated"] = True
        if info.default is not _MISSING and info.default_factory is None:
            try:
                schema["default"] = self.encode_default(info.default, annotation if self.mode == "serialization" else Any)
            except Exception:  # noqa: BLE001 - a default with no JSON form is left out
                pass
        extra = meta.json_schema_extra
        if isinstance(extra, dict):
            schema.update(extra)
        elif callable(extra):
            extra(schema)
        return schema

    def computed_field_schema(self, key: str, cls, computed) -> dict:
        from ._computed import resolved_return
        import sys
        module = sys.modules.get(cls.__module__)
        return_type = resolved_return(computed, dict(vars(module)) if module else {}, {cls.__name__: cls})
        info = FieldInfo(title=computed.title, description=computed.description, examples=computed.examples,
                         json_schema_extra=computed.json_schema_extra)
        schema = self.field_schema(key, return_type, info)
        schema["readOnly"] = True
        return schema

    @staticmethod
    def field_metadata(annotation, info: FieldInfo) -> FieldInfo:
        """The field's own metadata over that of `Annotated[T, Field(...)]` around its type."""
        merged = FieldInfo()
        while typing.get_origin(annotation) is typing.Annotated:
            annotation, *metadata = typing.get_args(annotation)
            for meta in reversed(metadata):
                if isinstance(meta, FieldInfo):
                    for name in ("title", "description", "examples", "json_schema_extra", "deprecated"):
                        if getattr(merged, name) is None:
                            setattr(merged, name, getattr(meta, name))
        for name in ("title", "description", "examples", "json_schema_extra", "deprecated"):
            if getattr(info, name) is not None:
                setattr(merged, name, getattr(info, name))
        return merged

    def encode_default(self, value, annotation=Any):
        """A default as JSON, the way a dump in JSON mode writes it."""
        return _encoder(annotation)(v=value).model_dump(mode="json", by_alias=True)["v"]

    def sort(self, value, parent_key=None):
        """Keys in alphabetical order, but properties and defaults as they are."""
        if isinstance(value, dict):
            keys = value if parent_key in ("properties", "default") else sorted(value)
            return {key: self.sort(value[key], key) for key in keys}
        if isinstance(value, list):
            return [self.sort(item, parent_key) for item in value]
        return value


def model_title(cls, config: dict) -> str:
    """A model's title: the config's, else its model_title_generator's, else its name."""
    generate = config.get("model_title_generator")
    return config.get("title") or (generate(cls) if generate is not None else cls.__name__)


def class_name(cls) -> str:
    """The name a definition is filed under: a parametrised generic model shows its
    arguments by their short names (its title keeps the qualified ones)."""
    origin = cls.__dict__.get("__satya_generic_origin__")
    if origin is None:
        return cls.__name__
    args = cls.__dict__["__satya_generic_args__"]
    return f"{class_name(origin)}[{', '.join(_argument_name(a) for a in args)}]"


def _argument_name(tp) -> str:
    if isinstance(tp, type) and not typing.get_args(tp):
        return class_name(tp) if "__satya_generic_origin__" in tp.__dict__ else tp.__name__
    return _generics._display(tp)


_ENCODERS: dict = {}


def _encoder(annotation):
    """A one-field model whose dump writes a default as JSON: the field's type
    when it has its own serializer, else Any (every value as itself)."""
    from ._hooks import annotated_serializer
    from ._model import Model
    has_serializer = typing.get_origin(annotation) is typing.Annotated and any(
        annotated_serializer(m) is not None for m in typing.get_args(annotation)[1:])
    key = annotation if has_serializer else Any
    try:
        return _ENCODERS[key]
    except (KeyError, TypeError):
        pass
    made = type(Model)("Default", (Model,), {"__annotations__": {"v": key}}).model_construct
    try:
        _ENCODERS[key] = made
    except TypeError:
        pass
    return made


def json_schema_of(annotation, *, by_alias: bool = True, ref_template: str = DEFAULT_REF_TEMPLATE,
                   mode: JsonSchemaMode = "validation", schema_generator: type = GenerateJsonSchema,
                   config: dict | None = None, union_format: str = "any_of") -> dict:
    """The JSON Schema of any annotation satya validates (under a TypeAdapter's `config`)."""
    generator = schema_generator(by_alias=by_alias, ref_template=ref_template, union_format=union_format)
    generator.config = dict(config or {})
    return generator.generate(annotation, mode)


def model_json_schema(cls, by_alias: bool = True, ref_template: str = DEFAULT_REF_TEMPLATE,
                      schema_generator: type = GenerateJsonSchema, mode: JsonSchemaMode = "validation", *,
                      union_format: str = "any_of") -> dict:
    """What `cls.model_json_schema(...)` returns."""
    return json_schema_of(cls, by_alias=by_alias, ref_template=ref_template, mode=mode,
                          schema_generator=schema_generator, union_format=union_format)
