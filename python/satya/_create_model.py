"""`create_model(name, **fields)`: a Model class made at run time from field
definitions, as a class statement would make it."""

from __future__ import annotations

import sys
from typing import Any

from ._model import Model, ModelMeta
from .errors import SchemaError


def create_model(model_name: str, /, *, __config__: dict | None = None, __doc__: str | None = None,
                 __base__: type | tuple | None = None, __module__: str | None = None,
                 __validators__: dict[str, Any] | None = None, __namespace__: dict[str, Any] | None = None,
                 __cls_kwargs__: dict[str, Any] | None = None, __qualname__: str | None = None,
                 **field_definitions: Any) -> type:
    """A Model subclass named `model_name`. Each field is a type, an
    `Annotated[...]` type, or a `(type, default)` pair whose default may be a
    `Field(...)`."""
    bases = __base__ if isinstance(__base__, tuple) else (__base__ or Model,)
    if not bases or not all(isinstance(base, ModelMeta) for base in bases):
        raise SchemaError(f"create_model({model_name!r}): __base__ must be Model classes, not {__base__!r}")
    if __module__ is None:
        __module__ = sys._getframe(1).f_globals.get("__name__", __name__)
    namespace: dict[str, Any] = {"__annotations__": {}, "__module__": __module__,
                                 "__qualname__": __qualname__ or model_name}
    if __doc__ is not None:
        namespace["__doc__"] = __doc__
    namespace.update(__namespace__ or {})
    namespace.update(__validators__ or {})
    if __config__ is not None:
        namespace["model_config"] = dict(__config__)
    for name, definition in field_definitions.items():
        if isinstance(definition, tuple):
            if len(definition) == 2:
                definition, default = definition
                if default is not ...:  # `...` marks a required field
                    namespace[name] = default
            elif len(definition) == 1:
                definition = definition[0]
            else:
                raise SchemaError(f"create_model({model_name!r}): the definition of field {name!r} must be a type "
                                  "or a (type, default) pair, where the default may be a Field(...)")
        namespace["__annotations__"][name] = definition
    meta = type(bases[0])
    return meta(model_name, bases, namespace, **(__cls_kwargs__ or {}))
