"""`TypeAdapter(T)`: validation and dumps for any annotation a field can have
(`list[User]`, `dict[str, int]`, `int | str`, `Annotated[...]`, a TypedDict),
not only for models.

T is compiled once, at construction, as the single field of a hidden model;
values go in and out through that field. Errors are rewritten on the cold path
so their locations start at the value itself and the title names T."""

from __future__ import annotations

import sys
from typing import Any, Generic, Literal, TypeVar

from . import _satya
from ._fields import Unresolved, resolve
from .json_schema import GenerateJsonSchema, json_schema_of
from ._model import Model, ModelMeta
from ._nodes import NodeBuilder
from ._strings import validate_strings
from ._root_field import ROOT, filters, relocated, unwrapped_json
from ._unions import label
from .errors import SchemaError, ValidationError

T = TypeVar("T")
ExtraValues = Literal["ignore", "allow", "forbid"]
_ROOT_SET = frozenset((ROOT,))
# Below this size (bytes or characters) a JSON array of records is read faster
# as one document than split and handed to worker threads.
_BATCH_MIN_SIZE = 64 << 10


def _key_options(extra, by_alias, by_name) -> dict:
    """The keys options a call gave, to pass on (none: the quickest path)."""
    given = {"extra": extra, "by_alias": by_alias, "by_name": by_name}
    return {name: value for name, value in given.items() if value is not None}


def _partial_mode(mode) -> str | None:
    """`experimental_allow_partial` as the core takes it: None when off."""
    if mode is False or mode == "off":
        return None
    return "on" if mode is True else mode


class TypeAdapter(Generic[T]):
    """Validates and dumps values of the type `type`."""

    def __init__(self, type: Any, *, config: dict | None = None, _parent_depth: int = 2, module: str | None = None):
        frame = sys._getframe(max(_parent_depth - 1, 0))
        if module is None:
            module = frame.f_globals.get("__name__")
        self._type = type
        self._config = dict(config or {})
        try:
            annotation = resolve(type, dict(frame.f_globals), _locals_of(frame))
        except Unresolved:
            # a name defined later: the adapter is built at first use, or by rebuild()
            self._pending = (frame, module)
            self.__class__ = _PendingTypeAdapter
            return
        self._build(annotation, module)

    def rebuild(self, *, force: bool = False, raise_errors: bool = True, _parent_namespace_depth: int = 2,
                _types_namespace: dict | None = None) -> bool | None:
        """Nothing to do once T is built (None), as in pydantic."""
        return None

    def _build(self, annotation, module: str | None) -> None:
        config = self._config
        self._annotation = annotation  # T with its forward references resolved
        self._model = annotation if isinstance(annotation, ModelMeta) else None
        if self._model is not None and config:
            raise SchemaError(f"TypeAdapter({annotation.__name__}): `config` cannot be given for a Model; "
                              "set model_config on the class instead")
        self._holder = _holder(annotation, self._config, module)
        self._validate = self._holder.model_validate
        self._title = self._config.get("title") or _title(annotation)
        self._batch_item = _batch_item(annotation) if not config else None

    def __repr__(self) -> str:
        return f"TypeAdapter({_type_repr(self._type)})"

    # validation

    def validate_python(self, object: Any, /, *, strict: bool | None = None, extra: ExtraValues | None = None,
                        from_attributes: bool | None = None, context: Any = None,
                        experimental_allow_partial: bool | str = False, by_alias: bool | None = None,
                        by_name: bool | None = None) -> T:
        """`object` validated as T; `extra`, `by_alias` and `by_name` apply to
        every model (and TypedDict) inside T."""
        if extra is not None or by_alias is not None or by_name is not None or experimental_allow_partial is not False:
            keys = _key_options(extra, by_alias, by_name)
            partial = _partial_mode(experimental_allow_partial)
            try:
                held = _satya.validate_python_as_field(self._holder, object, ROOT, strict, bool(from_attributes), context,
                                                       partial=partial, **keys)
            except ValidationError as exc:
                raise relocated(exc, self._title) from None
            return held.root
        quickest = strict is None and from_attributes is None and context is None
        if self._model is not None:
            if quickest:
                return self._model.model_validate(object)
            return self._model.model_validate(object, strict=strict, from_attributes=from_attributes, context=context)
        try:
            if quickest:
                held = self._validate({ROOT: object})  # a call without keywords takes the quickest path
            else:
                held = self._validate({ROOT: object}, strict=strict, from_attributes=from_attributes, context=context)
        except ValidationError as exc:
            raise relocated(exc, self._title) from None
        return held.root

    def validate_json(self, data: str | bytes | bytearray, /, *, strict: bool | None = None,
                      extra: ExtraValues | None = None, context: Any = None,
                      experimental_allow_partial: bool | str = False, by_alias: bool | None = None,
                      by_name: bool | None = None) -> T:
        """A JSON document validated as T; a large JSON array of a model's
        records is validated by the batch path, in parallel."""
        plain = extra is None and by_alias is None and by_name is None and experimental_allow_partial is False
        keys = {} if plain else _key_options(extra, by_alias, by_name)
        partial = None if plain else _partial_mode(experimental_allow_partial)
        if self._model is not None and partial is None:
            return self._model.model_validate_json(data, strict=strict, context=context, **keys)
        if (self._batch_item is not None and plain and isinstance(data, (str, bytes, bytearray))
                and len(data) >= _BATCH_MIN_SIZE):
            try:
                return self._batch_item.model_validate_json_many(data, strict=strict, context=context)
            except (ValidationError, ValueError, TypeError):
                pass  # the document's own path reports the errors as a single document
        try:
            held = _satya.validate_json_as_field(self._holder, data, ROOT, strict, context, partial=partial, **keys)
        except ValidationError as exc:
            raise relocated(exc, self._title) from None
        return held.root

    def validate_strings(self, object: Any, /, *, strict: bool | None = None, extra: ExtraValues | None = None,
                         context: Any = None, experimental_allow_partial: bool | str = False,
                         by_alias: bool | None = None, by_name: bool | None = None) -> T:
        """A string (or str-keyed dicts of them) parsed as a JSON string
        would be: `"1"` for an int, `"2020-01-01"` for a date."""
        options = dict(strict=strict, context=context, partial=_partial_mode(experimental_allow_partial),
                       **_key_options(extra, by_alias, by_name))
        if self._model is not None:
            return validate_strings(self._model, object, options)
        try:
            held = validate_strings(self._holder, object, options, key=ROOT)
        except ValidationError as exc:
            raise relocated(exc, self._title) from None
        return held.root

    # dumps

    def dump_python(self, instance: T, /, *, mode: str = "python", include=None, exclude=None, context=None,
                    by_alias: bool | None = None, exclude_unset: bool = False, exclude_defaults: bool = False,
                    exclude_none: bool = False, exclude_computed_fields: bool = False, round_trip: bool = False,
                    warnings: bool = True, fallback=None, serialize_as_any: bool = False) -> Any:
        """`instance` as Python data; `mode="json"` gives only JSON types."""
        held = self._held(instance)
        dumped = held.model_dump(mode=mode, **filters(include, exclude), context=context, by_alias=by_alias,
                                 exclude_unset=exclude_unset, exclude_defaults=exclude_defaults,
                                 exclude_none=exclude_none, exclude_computed_fields=exclude_computed_fields,
                                 round_trip=round_trip, warnings=warnings, fallback=fallback,
                                 serialize_as_any=serialize_as_any)
        return dumped.get(ROOT)

    def dump_json(self, instance: T, /, *, indent: int | None = None, include=None, exclude=None, context=None,
                  by_alias: bool | None = None, exclude_unset: bool = False, exclude_defaults: bool = False,
                  exclude_none: bool = False, exclude_computed_fields: bool = False, round_trip: bool = False,
                  warnings: bool = True, fallback=None, serialize_as_any: bool = False) -> bytes:
        """`instance` as JSON bytes."""
        held = self._held(instance)
        text = held.model_dump_json(indent=indent, **filters(include, exclude), context=context, by_alias=by_alias,
                                    exclude_unset=exclude_unset, exclude_defaults=exclude_defaults,
                                    exclude_none=exclude_none, exclude_computed_fields=exclude_computed_fields,
                                    round_trip=round_trip, warnings=warnings, fallback=fallback,
                                 serialize_as_any=serialize_as_any)
        return unwrapped_json(text, indent).encode()

    def _held(self, instance):
        """The hidden model holding `instance` as it is, for a dump."""
        held = self._holder.__new__(self._holder)
        _satya.set_state(held, {ROOT: instance}, _ROOT_SET)
        return held

    def json_schema(self, *, by_alias: bool = True, ref_template: str = "#/$defs/{model}",
                    union_format: str = "any_of", schema_generator: type = GenerateJsonSchema,
                    mode: str = "validation") -> dict:
        """The JSON Schema of T."""
        return json_schema_of(self._annotation, by_alias=by_alias, ref_template=ref_template, mode=mode, config=self._config,
                              union_format=union_format, schema_generator=schema_generator)


class _PendingTypeAdapter(TypeAdapter):
    """An adapter whose type names something not defined yet: each use first
    tries to build it, from the namespace it was made in."""

    def rebuild(self, *, force: bool = False, raise_errors: bool = True, _parent_namespace_depth: int = 2,
                _types_namespace: dict | None = None) -> bool | None:
        frame, module = self._pending
        localns = {**_locals_of(frame), **(_types_namespace or {})}
        try:
            annotation = resolve(self._type, dict(frame.f_globals), localns)
        except Unresolved as exc:
            if raise_errors:
                raise SchemaError(f"TypeAdapter({_type_repr(self._type)}): {exc}") from None
            return False
        self._build(annotation, module)  # a type that fails to compile leaves the adapter pending
        del self._pending
        self.__class__ = TypeAdapter
        return True

    def _not_defined(self) -> SchemaError:
        name = _type_repr(self._type)
        return SchemaError(f"`TypeAdapter[{name}]` is not fully defined; you should define `{name}` and all referenced "
                           "types, then call `.rebuild()` on the instance.")

    def _complete(self) -> TypeAdapter:
        if self.rebuild(raise_errors=False) is False:
            raise self._not_defined()
        return self


def _built_first(name: str):
    """A pending adapter's method `name`: builds the adapter, then runs it."""
    def method(self, *args, **kwargs):
        return getattr(self._complete(), name)(*args, **kwargs)
    method.__name__ = method.__qualname__ = name
    return method


for _name in ("validate_python", "validate_json", "validate_strings", "dump_python", "dump_json", "json_schema"):
    setattr(_PendingTypeAdapter, _name, _built_first(_name))


def _locals_of(frame) -> dict:
    """A frame's local names (none for a module's frame, whose globals are read)."""
    return {} if frame.f_locals is frame.f_globals else dict(frame.f_locals)


def _holder(annotation, config: dict, module: str | None):
    """The hidden one-field model that compiles `annotation`."""
    namespace = {"__annotations__": {ROOT: annotation}, "__module__": module or __name__,
                 "__qualname__": "TypeAdapter", "model_config": config, "__satya_adapter__": True}
    try:
        return ModelMeta("TypeAdapter", (Model,), namespace)
    except SchemaError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure to compile is a definition-time error
        raise SchemaError(f"TypeAdapter({_type_repr(annotation)}): {exc}") from None


def _title(annotation) -> str:
    """How errors name T: the name of its validator, as pydantic's titles do."""
    try:
        return label(NodeBuilder("TypeAdapter", Model, False).node(annotation))
    except Exception:  # noqa: BLE001 - the title is cosmetic; the holder has already compiled
        return _type_repr(annotation)


def _type_repr(tp) -> str:
    return tp.__qualname__ if isinstance(tp, type) else repr(tp).replace("typing.", "")


def _batch_item(annotation):
    """The model class M when the annotation is exactly `list[M]`."""
    from typing import get_args, get_origin

    args = get_args(annotation)
    if get_origin(annotation) is list and len(args) == 1 and isinstance(args[0], ModelMeta):
        return args[0]
    return None
