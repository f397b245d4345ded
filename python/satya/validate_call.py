"""`@validate_call`: a function's arguments validated against its annotations
before each call (and its return value too, with `validate_return=True`).

The parameters are compiled once, when the function is decorated, as the
fields of a hidden model; each call binds its arguments as Python would and
validates the given ones in one go. Errors are located by argument position
(for arguments given positionally) or name, and name the function."""

from __future__ import annotations

import functools
import inspect
from typing import Any

from ._hooks import PydanticCustomError
from ._model import Model, ModelMeta
from .errors import SchemaError, ValidationError
from .type_adapter import TypeAdapter

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
_MESSAGES = {
    "missing_argument": "Missing required argument",
    "missing_positional_only_argument": "Missing required positional only argument",
    "missing_keyword_only_argument": "Missing required keyword only argument",
    "unexpected_positional_argument": "Unexpected positional argument",
    "unexpected_keyword_argument": "Unexpected keyword argument",
    "multiple_argument_values": "Got multiple values for argument",
}


class ArgsKwargs:
    """The arguments of a call, as a missing argument's error shows them."""

    __slots__ = ("args", "kwargs")

    def __init__(self, args: tuple, kwargs: dict | None = None):
        self.args = args
        self.kwargs = kwargs or None

    def __eq__(self, other):
        if not isinstance(other, ArgsKwargs):
            return NotImplemented
        return self.args == other.args and (self.kwargs or {}) == (other.kwargs or {})

    def __repr__(self) -> str:
        if self.kwargs:
            return f"ArgsKwargs({self.args!r}, {self.kwargs!r})"
        return f"ArgsKwargs({self.args!r})"


def validate_call(func=None, /, *, config: dict | None = None, validate_return: bool = False):
    """Decorates a function (or a method, under @classmethod/@staticmethod)
    so its arguments are validated on each call; usable with or without
    arguments."""

    def decorate(function):
        if isinstance(function, (classmethod, staticmethod)):
            return type(function)(decorate(function.__func__))
        if not callable(function) or isinstance(function, type):
            raise SchemaError(f"validate_call should be applied to a function, not {function!r}")
        return _Validated(function, config, validate_return).wrapper()

    return decorate if func is None else decorate(func)


class _Validated:
    """A function's parameters compiled as a model's fields, and the binding
    of each call's arguments to them."""

    def __init__(self, function, config, validate_return: bool):
        self.function = function
        self.title = getattr(function, "__qualname__", getattr(function, "__name__", "function"))
        signature = inspect.signature(function)
        hints = _hints(function)
        self.parameters = [p for p in signature.parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        self.var_args = next((p for p in signature.parameters.values() if p.kind is p.VAR_POSITIONAL), None)
        self.var_kwargs = next((p for p in signature.parameters.values() if p.kind is p.VAR_KEYWORD), None)
        self.positional = [p for p in self.parameters if p.kind in _POSITIONAL]
        self.fields = _field_names([p.name for p in signature.parameters.values()])
        self.vargs = self.fields.get(self.var_args.name) if self.var_args is not None else None
        self.vkwargs = self.fields.get(self.var_kwargs.name) if self.var_kwargs is not None else None
        annotations = {self.fields[p.name]: hints.get(p.name, Any) for p in self.parameters}
        if self.var_args is not None:
            annotations[self.vargs] = tuple[hints.get(self.var_args.name, Any), ...]
        if self.var_kwargs is not None:
            annotations[self.vkwargs] = dict[str, hints.get(self.var_kwargs.name, Any)]
        namespace = {"__annotations__": annotations, "__module__": getattr(function, "__module__", __name__),
                     "model_config": dict(config or {}), **{name: None for name in annotations}}
        try:
            self.holder = ModelMeta(self.title, (Model,), namespace)
        except SchemaError as exc:
            raise SchemaError(f"validate_call({self.title}): {exc}") from None
        self.returns = None
        if validate_return and signature.return_annotation is not inspect.Signature.empty:
            self.returns = TypeAdapter(hints.get("return", Any), config=config, module=namespace["__module__"])

    def wrapper(self):
        function = self.function
        if inspect.iscoroutinefunction(function):
            @functools.wraps(function)
            async def validated_async(*args, **kwargs):
                args, kwargs = self.arguments(args, kwargs)
                return self.checked_return(await function(*args, **kwargs))

            return self._finish(validated_async)

        @functools.wraps(function)
        def validated(*args, **kwargs):
            args, kwargs = self.arguments(args, kwargs)
            return self.checked_return(function(*args, **kwargs))

        return self._finish(validated)

    def _finish(self, wrapper):
        wrapper.raw_function = self.function
        return wrapper

    def checked_return(self, result):
        if self.returns is None:
            return result
        try:
            return self.returns.validate_python(result)
        except ValidationError as exc:
            rebuild, (_, errors, input_type, hide_input) = exc.__reduce__()
            raise rebuild(self.title, errors, input_type, hide_input) from None

    def arguments(self, args: tuple, kwargs: dict):
        """The call's arguments, validated, as (args, kwargs) to call with."""
        # each named parameter: ("given", field, loc-item) or ("error", details)
        given: dict[str, Any] = {}
        locations: dict[str, Any] = {}
        steps: list = []
        remaining = dict(kwargs)
        for index, parameter in enumerate(self.parameters):
            field = self.fields[parameter.name]
            by_position = parameter.kind in _POSITIONAL and index < len(args)
            by_name = parameter.kind is not parameter.POSITIONAL_ONLY and parameter.name in remaining
            if by_position and by_name:
                steps.append(_error("multiple_argument_values", (parameter.name,), remaining.pop(parameter.name)))
            elif by_position:
                given[field], locations[field] = args[index], index
                steps.append(field)
            elif by_name:
                given[field], locations[field] = remaining.pop(parameter.name), parameter.name
                steps.append(field)
            elif parameter.default is parameter.empty:
                steps.append(_missing(parameter, index, args, kwargs))
        extra_args = args[len(self.positional):]
        if extra_args:
            if self.var_args is not None:
                given[self.vargs], locations[self.vargs] = extra_args, len(self.positional)
                steps.append(self.vargs)
            else:
                steps.extend(_error("unexpected_positional_argument", (len(self.positional) + i,), value)
                             for i, value in enumerate(extra_args))
        if remaining:
            if self.var_kwargs is not None:
                given[self.vkwargs], locations[self.vkwargs] = remaining, None
                steps.append(self.vkwargs)
            else:
                steps.extend(_error("unexpected_keyword_argument", (name,), value) for name, value in remaining.items())
        values, field_errors = self._validated(given, locations)
        errors = []
        for step in steps:
            errors.extend(field_errors.get(step, ()) if isinstance(step, str) else (step,))
        if errors:
            raise ValidationError.from_exception_data(self.title, errors)
        return self._call_arguments(values, given)

    def _validated(self, given: dict, locations: dict):
        """The given values validated, and their errors by field, located as arguments."""
        try:
            held = self.holder.model_validate(given)
        except ValidationError as exc:
            _, (_, errors, _, _) = exc.__reduce__()
            by_field: dict[str, list] = {}
            for error in errors:
                field, *rest = error["loc"]
                if field == self.vargs:
                    rest[0] += locations[field]
                elif field != self.vkwargs:
                    rest.insert(0, locations[field])
                error["loc"] = tuple(rest)
                by_field.setdefault(field, []).append(error)
            return None, by_field
        return held, {}

    def _call_arguments(self, held, given: dict):
        args, kwargs = [], {}
        for index, parameter in enumerate(self.parameters):
            field = self.fields[parameter.name]
            if field not in given:
                continue
            value = getattr(held, field)
            if parameter.kind in _POSITIONAL and len(args) == index:
                args.append(value)
            else:
                kwargs[parameter.name] = value
        if self.vargs in given:
            args.extend(getattr(held, self.vargs))
        if self.vkwargs in given:
            kwargs.update(getattr(held, self.vkwargs))
        return tuple(args), kwargs


def _field_names(names: list) -> dict:
    """Each parameter's field in the hidden model: its own name (which hooks'
    `info.field_name` shows), unless a model cannot have a field of that name."""
    fields = {}
    for index, name in enumerate(names):
        field = name
        if name.startswith("_") or name.startswith("model_") or hasattr(Model, name):
            field = f"p{index}"
            while field in names:
                field += "_"
        fields[name] = field
    return fields


def _error(kind: str, loc: tuple, value) -> dict:
    return {"type": PydanticCustomError(kind, _MESSAGES[kind]), "loc": loc, "input": value}


def _missing(parameter, index: int, args: tuple, kwargs: dict) -> dict:
    if parameter.kind is parameter.POSITIONAL_ONLY:
        kind, loc = "missing_positional_only_argument", (index,)
    elif parameter.kind is parameter.KEYWORD_ONLY:
        kind, loc = "missing_keyword_only_argument", (parameter.name,)
    else:
        kind, loc = "missing_argument", (parameter.name,)
    return _error(kind, loc, ArgsKwargs(tuple(args), dict(kwargs)))


def _hints(function) -> dict:
    """The function's annotations, strings evaluated where it was defined."""
    import typing

    try:
        return typing.get_type_hints(function, include_extras=True)
    except Exception:  # noqa: BLE001 - an unresolvable name: compiled as written, which reports it
        return dict(getattr(function, "__annotations__", {}))
