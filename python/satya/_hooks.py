"""Validators written in Python: `field_validator`, `model_validator`, the
`Annotated` validators, and `PydanticCustomError`. The metaclass finds them
on the class and hands them to the core as function nodes around each field's
type node, and as the model's own hooks."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, Callable

from . import _satya
from .errors import SchemaError

ValidationInfo = _satya.ValidationInfo
ValidatorFunctionWrapHandler = Callable[..., Any]
ModelWrapValidatorHandler = Callable[..., Any]

_FIELD_MODES = ("before", "after", "wrap", "plain")
_MODEL_MODES = ("before", "after", "wrap")


class PydanticCustomError(ValueError):
    """An error of the hook's own type: `message_template` is filled with the
    `context` values (`{name}` placeholders)."""

    def __init__(self, error_type: str, message_template: str, context: dict | None = None):
        super().__init__(error_type, message_template, context)
        self._type = error_type
        self._template = message_template
        self._context = context

    @property
    def type(self) -> str:
        return self._type

    @property
    def message_template(self) -> str:
        return self._template

    @property
    def context(self) -> dict | None:
        return self._context

    def message(self) -> str:
        text = self._template
        for key, value in (self._context or {}).items():
            # an int-like value (a bool too) prints as an int
            shown = str(int(value)) if isinstance(value, int) else str(value)
            text = text.replace("{" + str(key) + "}", shown)
        return text

    def __str__(self) -> str:
        return self.message()

    def __repr__(self) -> str:
        if self._context is None:
            return f"{self.message()} [type={self._type}, context=None]"
        return f"{self.message()} [type={self._type}, context={self._context!r}]"

    def __reduce__(self):
        return PydanticCustomError, (self._type, self._template, self._context)


# --------------------------------------------------------------------------- Annotated forms


@dataclasses.dataclass(frozen=True)
class AfterValidator:
    func: Callable
    mode = "after"


@dataclasses.dataclass(frozen=True)
class BeforeValidator:
    func: Callable
    json_schema_input_type: Any = Any
    mode = "before"


@dataclasses.dataclass(frozen=True)
class PlainValidator:
    func: Callable
    json_schema_input_type: Any = Any
    mode = "plain"


@dataclasses.dataclass(frozen=True)
class WrapValidator:
    func: Callable
    json_schema_input_type: Any = Any
    mode = "wrap"


_ANNOTATED = {"AfterValidator": "after", "BeforeValidator": "before", "PlainValidator": "plain", "WrapValidator": "wrap"}


def annotated_mode(meta) -> str | None:
    """The mode of an `Annotated` validator (satya's, or pydantic's own), else None."""
    if isinstance(meta, (AfterValidator, BeforeValidator, PlainValidator, WrapValidator)):
        return meta.mode
    mode = _ANNOTATED.get(type(meta).__name__)
    return mode if mode is not None and callable(getattr(meta, "func", None)) else None


# --------------------------------------------------------------------------- decorators


@dataclasses.dataclass
class _Decorated:
    """A decorated method as the class body leaves it, until the metaclass
    records it and puts `wrapped` back in its place."""

    wrapped: Any
    kind: str  # "field" or "model"
    mode: str
    fields: tuple = ()
    check_fields: bool | None = None
    when_used: str = "always"
    # what a field validator says it takes, for the JSON Schema in validation mode
    json_schema_input_type: Any = Any
    # what a field serializer says it gives, for the JSON Schema in serialization mode
    return_type: Any = Any


def _as_classmethod(function):
    """pydantic's rule: a function whose first parameter is not `self` is a classmethod."""
    if isinstance(function, (classmethod, staticmethod)):
        return function
    try:
        first = next(iter(inspect.signature(function).parameters), None)
    except (TypeError, ValueError):
        return classmethod(function)
    return function if first == "self" else classmethod(function)


def field_validator(field: str, /, *fields: str, mode: str = "after", check_fields: bool | None = None,
                    json_schema_input_type: Any = Any):
    if callable(field) or isinstance(field, (classmethod, staticmethod)):
        raise SchemaError(
            "`@field_validator` should be used with fields and keyword arguments, not bare. "
            "E.g. usage should be `@validator('<field_name>', ...)`"
        )
    names = (field, *fields)
    if not all(isinstance(name, str) for name in names):
        raise SchemaError(
            "`@field_validator` fields should be passed as separate string args. "
            "E.g. usage should be `@validator('<field_name_1>', '<field_name_2>', ...)`"
        )
    if mode not in _FIELD_MODES:
        raise SchemaError(f"field_validator mode must be one of {_FIELD_MODES}, not {mode!r}")

    def decorate(function):
        return _Decorated(_as_classmethod(function), "field", mode, names, check_fields,
                          json_schema_input_type=json_schema_input_type)

    return decorate


def model_validator(*, mode: str):
    if mode not in _MODEL_MODES:
        raise SchemaError(f"model_validator mode must be one of {_MODEL_MODES}, not {mode!r}")

    def decorate(function):
        wrapped = function if mode == "after" else _as_classmethod(function)
        return _Decorated(wrapped, "model", mode)

    return decorate


# --------------------------------------------------------------------------- what the core gets


def takes_info(function, mode: str) -> bool:
    """Whether a hook takes `info`: one positional parameter more than its
    mode needs (value; or value and handler for wrap), as pydantic counts them."""
    count = _positional_count(function)
    needed = 2 if mode == "wrap" else 1
    if count is None or count == needed:
        return False
    if count == needed + 1:
        return True
    raise SchemaError(f"Unrecognized validator function signature for {function} with `mode={mode}`: {inspect.signature(function)}")


def function_node(inner: dict, mode: str, function, field_name: str | None, config: dict | None) -> dict:
    """A hook around a type node; a plain hook replaces the type's validation,
    but its values still dump as the type's."""
    return {"kind": "function", "mode": mode, "function": function, "info": takes_info(function, mode),
            "field_name": field_name, "config": config, "inner": inner}


def core_config(cls, config: dict) -> dict:
    """The config a hook's `info.config` shows: the model's, with its title."""
    return {**config, "title": config.get("title") or cls.__name__}


def collect(name: str, bases, namespace: dict) -> dict:
    """The class's decorated hooks by attribute name, inherited ones first (a
    subclass attribute of the same name replaces a base's hook); puts each
    decorated function back in the namespace."""
    found: dict[str, _Decorated] = {}
    for base in reversed(bases):
        for klass in reversed(base.__mro__):
            found.update(klass.__dict__.get("__satya_decorators__", {}))
    for attr, value in list(namespace.items()):
        if isinstance(value, _Decorated):
            # a hook of a base's name takes its place in the order
            found[attr] = value
            namespace[attr] = value.wrapped
        elif attr in found:
            # a plain method of a base hook's name runs as that hook
            keeps_method = found[attr].kind in ("field_ser", "model_ser") or (found[attr].kind == "model" and found[attr].mode == "after")
            wrapped = value if keeps_method else _as_classmethod(value)
            found[attr] = dataclasses.replace(found[attr], wrapped=wrapped)
            namespace[attr] = wrapped
    return found


def _named_fields(cls, attr: str, info: _Decorated, field_names) -> list:
    """The fields a decorated hook names that the class has (every one for
    `"*"`); naming a field it lacks is refused unless check_fields=False."""
    names = list(field_names) if "*" in info.fields else info.fields
    if info.check_fields is not False and any(n not in field_names for n in names):
        raise SchemaError(
            f"Decorators defined with incorrect fields: {cls.__module__}.{cls.__qualname__}:{id(cls)}.{attr} "
            "(use check_fields=False if you're inheriting from the model and intended this)"
        )
    return [n for n in names if n in field_names]


def field_hooks(cls, decorators: dict, field_names) -> dict:
    """Each field's hooks as (mode, bound function), in definition order; refuses
    hooks naming fields the class does not have, unless check_fields=False."""
    hooks: dict[str, list] = {name: [] for name in field_names}
    for attr, info in decorators.items():
        if info.kind != "field":
            continue
        for name in _named_fields(cls, attr, info, field_names):
            hooks[name].append((info.mode, getattr(cls, attr)))
    return hooks


def model_hooks(cls, decorators: dict, config: dict | None) -> list:
    """The model's validators as nodes for the core, in definition order."""
    nodes = []
    for attr, info in decorators.items():
        if info.kind != "model":
            continue
        function = getattr(cls, attr)
        if info.mode == "after":
            # an instance method: called with the instance
            function = info.wrapped if not isinstance(info.wrapped, (classmethod, staticmethod)) else function
        nodes.append({"mode": info.mode, "function": function, "info": takes_info(function, info.mode),
                      "config": config})
    return nodes


def reads_data(node) -> bool:
    """Whether a hook in this type node takes `info` (whose `data` the model fills)."""
    if isinstance(node, dict):
        if node.get("kind") == "function" and node.get("info"):
            return True
        return any(reads_data(v) for k, v in node.items() if k != "function")
    if isinstance(node, (list, tuple)):
        return any(reads_data(v) for v in node)
    return False


# --------------------------------------------------------------------------- serializers

_WHEN_USED = ("always", "unless-none", "json", "json-unless-none")


@dataclasses.dataclass(frozen=True)
class PlainSerializer:
    func: Callable
    return_type: Any = Any
    when_used: str = "always"
    mode = "plain"


@dataclasses.dataclass(frozen=True)
class WrapSerializer:
    func: Callable
    return_type: Any = Any
    when_used: str = "always"
    mode = "wrap"


def annotated_serializer(meta) -> dict | None:
    """The serializer an `Annotated` item declares (satya's or pydantic's), else None."""
    if isinstance(meta, (PlainSerializer, WrapSerializer)):
        mode = meta.mode
    elif type(meta).__name__ in ("PlainSerializer", "WrapSerializer") and callable(getattr(meta, "func", None)):
        mode = "plain" if type(meta).__name__ == "PlainSerializer" else "wrap"
    else:
        return None
    return serializer_spec(meta.func, mode, getattr(meta, "when_used", "always"), method=False)


def _positional_count(function) -> int | None:
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return None
    parameters = list(signature.parameters.values())
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(1 for p in parameters if p.kind in positional and (p.default is p.empty or p is parameters[0]))


def _is_method(function) -> bool:
    """A serializer defined as `def f(self, ...)` is called with the instance."""
    try:
        first = next(iter(inspect.signature(function).parameters), None)
    except (TypeError, ValueError):
        return False
    return first == "self"


def serializer_spec(function, mode: str, when_used: str, *, method: bool, field_name: str | None = None) -> dict:
    if when_used not in _WHEN_USED:
        raise SchemaError(f"when_used must be one of {_WHEN_USED}, not {when_used!r}")
    count = _positional_count(function)
    needed = (2 if mode == "wrap" else 1) + int(method)
    if count not in (None, needed, needed + 1):
        raise SchemaError(f"Unrecognized serializer function signature for {function} with `mode={mode}`")
    return {"mode": mode, "function": function, "info": count == needed + 1, "method": method, "when_used": when_used,
            "field_name": field_name}


def field_serializer(*fields: str, mode: str = "plain", return_type: Any = Any, when_used: str = "always",
                     check_fields: bool | None = None):
    if not fields or not all(isinstance(name, str) for name in fields):
        raise SchemaError("`@field_serializer` takes the names of the fields it serializes, as separate str arguments")
    if mode not in ("plain", "wrap"):
        raise SchemaError(f"field_serializer mode must be 'plain' or 'wrap', not {mode!r}")

    def decorate(function):
        return _Decorated(function, "field_ser", mode, tuple(fields), check_fields, when_used, return_type=return_type)

    return decorate


def model_serializer(function=None, /, *, mode: str = "plain", when_used: str = "always", return_type: Any = Any):
    if mode not in ("plain", "wrap"):
        raise SchemaError(f"model_serializer mode must be 'plain' or 'wrap', not {mode!r}")

    def decorate(function):
        return _Decorated(function, "model_ser", mode, when_used=when_used, return_type=return_type)

    return decorate(function) if function is not None else decorate


def field_serializers(cls, decorators: dict, field_names) -> dict:
    """Each field's serializer spec (the last one declared wins)."""
    specs = {}
    for attr, info in decorators.items():
        if info.kind != "field_ser":
            continue
        names = _named_fields(cls, attr, info, field_names)
        raw = info.wrapped.__func__ if isinstance(info.wrapped, (classmethod, staticmethod)) else info.wrapped
        method = not isinstance(info.wrapped, (classmethod, staticmethod)) and _is_method(raw)
        function = raw if method else getattr(cls, attr)
        for name in names:
            specs[name] = serializer_spec(function, info.mode, info.when_used, method=method, field_name=name)
    return specs


def model_serializer_spec(cls, decorators: dict) -> dict | None:
    found = [info for info in decorators.values() if info.kind == "model_ser"]
    if not found:
        return None
    info = found[-1]
    # the instance is the value a model serializer takes
    return serializer_spec(info.wrapped, info.mode, info.when_used, method=False)
