"""Generic models: `class Page(Model, Generic[T])` (or `class Page[T](Model)`
on 3.12+) parametrised as `Page[User]`: a subclass whose fields have the type
variables replaced, compiled once and cached on the generic class. A type
variable left open validates as its bound, its constraints or its default,
else as Any, as pydantic does."""

from __future__ import annotations

import copy
import sys
import threading
import types
import typing
from typing import Any

from ._fields import _type_name, resolve

_LOCK = threading.RLock()


def open_type(tp: typing.TypeVar):
    """What a type variable left open validates as."""
    if tp.__bound__ is not None:
        return tp.__bound__
    if tp.__constraints__:
        return typing.Union[tp.__constraints__]
    has_default = getattr(tp, "has_default", None)
    if has_default is not None and has_default():
        return tp.__default__
    return Any


def substitute(tp, mapping: dict):
    """`tp` with each type variable of `mapping` replaced, at any depth."""
    if isinstance(tp, typing.TypeVar):
        return mapping.get(tp, tp)
    parameters = getattr(tp, "__parameters__", ())
    if not parameters or isinstance(tp, str):
        return tp
    if isinstance(tp, type):  # a generic Model, parametrised in turn
        return tp[tuple(mapping.get(p, p) for p in parameters)]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        return typing.Annotated[(substitute(args[0], mapping), *tp.__metadata__)]
    new_args = tuple(substitute(a, mapping) for a in args)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[new_args]
    if isinstance(tp, types.GenericAlias):
        return types.GenericAlias(origin, new_args)
    copy_with = getattr(tp, "copy_with", None)
    if copy_with is not None:
        return copy_with(new_args)
    return tp[tuple(mapping.get(p, p) for p in parameters)]


def _parameters(cls) -> tuple:
    return tuple(cls.__dict__.get("__parameters__", ()))


def _defaults_filled(cls, params: tuple, parameters: tuple) -> tuple:
    """`params` completed with the defaults of the trailing type variables."""
    if len(params) < len(parameters):
        rest = []
        for parameter in parameters[len(params):]:
            has_default = getattr(parameter, "has_default", None)
            if has_default is None or not has_default():
                break
            rest.append(parameter.__default__)
        params = params + tuple(rest)
    if len(params) > len(parameters):
        raise TypeError(f"Too many arguments for {cls!r}; actual {len(params)}, expected {len(parameters)}")
    if len(params) < len(parameters):
        required = sum(1 for p in parameters if not (getattr(p, "has_default", None) and p.has_default()))
        raise TypeError(f"Too few arguments for {cls!r}; actual {len(params)}, expected at least {required}")
    return params


def parametrize(cls, params):
    """`cls[params]`: the cached subclass with the type variables replaced."""
    params = params if isinstance(params, tuple) else (params,)
    origin = cls.__dict__.get("__satya_generic_origin__")
    if origin is not None:  # Page[T][int] is Page[int]
        mapping = dict(zip(_parameters(cls), _defaults_filled(cls, params, _parameters(cls))))
        return parametrize(origin, tuple(substitute(a, mapping) for a in cls.__satya_generic_args__))
    parameters = _parameters(cls)
    if not parameters:
        raise TypeError(f"{cls!r} cannot be parametrized because it does not inherit from typing.Generic")
    params = _defaults_filled(cls, params, parameters)
    with _LOCK:
        cache = cls.__dict__.get("__satya_generic_cache__")
        if cache is None:
            cache = {}
            type.__setattr__(cls, "__satya_generic_cache__", cache)
        key = tuple((type(p), p) for p in params)
        try:
            return cache[key]
        except (KeyError, TypeError):
            pass
        made = _subclass(cls, params, parameters)
        try:
            cache[key] = made
        except TypeError:  # an unhashable argument: made anew each time
            pass
        return made


def _subclass(cls, params: tuple, parameters: tuple):
    mapping = dict(zip(parameters, params))
    module = sys.modules.get(cls.__module__)
    globalns = dict(vars(module)) if module else {}
    localns = {**cls.__dict__.get("__satya_localns__", {}), cls.__name__: cls}
    type_params = tuple(getattr(cls, "__type_params__", ()))
    namespace: dict = {"__module__": cls.__module__, "__annotations__": {}}
    for name, spec in cls.__satya_specs__.items():
        annotation = resolve(spec.annotation, globalns, localns, type_params)
        namespace["__annotations__"][name] = substitute(annotation, mapping)
        namespace[name] = copy.copy(spec.info)
    # a str argument is a forward reference, shown as written
    name = f"{cls.__name__}[{', '.join(p if isinstance(p, str) else _display(p) for p in params)}]"
    namespace["__qualname__"] = name
    left_open = tuple(p for p in dict.fromkeys(_open_variables(params)))
    made = type(cls)(name, (cls,), namespace)
    type.__setattr__(made, "__parameters__", left_open)
    type.__setattr__(made, "__satya_generic_origin__", cls)
    type.__setattr__(made, "__satya_generic_args__", params)
    type.__setattr__(made, "__pydantic_generic_metadata__", {"origin": cls, "args": params, "parameters": left_open})
    # found by pickle under its name, beside its generic class at module level
    module = sys.modules.get(cls.__module__)
    if module is not None and getattr(module, cls.__qualname__, None) is cls:
        vars(module).setdefault(name, made)
    return made


def _display(tp) -> str:
    """An argument as the class name shows it, as pydantic names it: a class by
    its qualified name, every union (`X | None` too) as `Union[...]`, Literal
    values by their repr, and a value that is no type (None, Annotated
    metadata, a TypeVar where the typing module implements it natively) by its
    class's name."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return f"Union[{', '.join(map(_display, args))}]"
    if args and origin is typing.Literal:
        return f"Literal[{', '.join(map(repr, args))}]"
    if args and hasattr(tp, "__qualname__"):
        return f"{tp.__qualname__}[{', '.join(map(_display, args))}]"
    if tp is Ellipsis:
        return "..."
    if isinstance(tp, typing.ForwardRef):
        return str(tp)
    if not isinstance(tp, (typing._Final, type)):  # noqa: SLF001 - the typing module's own base class
        return type(tp).__qualname__
    return tp.__qualname__ if isinstance(tp, type) else _type_name(tp)


def _open_variables(params: tuple):
    for p in params:
        if isinstance(p, typing.TypeVar):
            yield p
        else:
            yield from getattr(p, "__parameters__", ())
