"""`RootModel[T]`: a model whose whole input is one value of type T, kept in
its single field `root`. It validates the bare value (`Pets(["a", "b"])`,
`Pets.model_validate([...])`, and as a field of another model) and dumps the
bare value; error locations leave out `root`."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from . import _satya
from ._fields import _MISSING
from ._hooks import model_serializer, model_validator
from ._model import Model
from ._root_field import ROOT, relocated, unwrapped_json
from ._strings import validate_strings
from .errors import SchemaError, ValidationError

RootModelRootType = TypeVar("RootModelRootType")


class RootModel(Model, Generic[RootModelRootType]):
    """A model holding one value of type T in `root`:
    `class Pets(RootModel[list[str]])`, then `Pets(["cat"]).root`."""

    __slots__ = ()
    __pydantic_root_model__ = True

    root: RootModelRootType

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "extra" in (cls.__dict__.get("model_config") or {}):
            raise SchemaError(f"{cls.__name__}: RootModel does not support model_config['extra']")
        for name in cls.__dict__.get("__annotations__", {}):
            if name != ROOT and not name.startswith("_"):
                raise SchemaError(f"{cls.__name__}.{name}: a RootModel has the single field `root`")

    def __init__(self, root: Any = _MISSING, **data):
        if data:
            if root is not _MISSING:
                raise ValueError('"RootModel.__init__" accepts either a single positional argument or arbitrary keyword arguments')
            root = data
        cls = type(self)
        if root is _MISSING and not cls.model_fields[ROOT].is_required():
            made = cls.model_validate_fields({})
        else:
            made = cls.model_validate(_UNDEFINED if root is _MISSING else root)
        _satya.set_state(self, _satya.get_state(made), _satya.get_fields_set(made))

    @model_validator(mode="wrap")
    @classmethod
    def __satya_root_errors__(cls, data, handler):
        # errors are the value's own: located without `root`
        try:
            return handler(data)
        except ValidationError as exc:
            raise relocated(exc) from None

    @model_validator(mode="before")
    @classmethod
    def __satya_root_input__(cls, data):
        # The whole input is the value of `root`, for every way the class is
        # validated (directly, as a field, from JSON); the first before hook
        # defined, so it runs after a subclass's.
        if isinstance(data, (cls, _Fields)):
            return data
        return {ROOT: data}

    @model_serializer(mode="wrap")
    def __satya_root_output__(self, handler):
        return handler(self).get(ROOT)

    @classmethod
    def model_validate_fields(cls, fields: dict):
        """An instance from a dict of field values (`{"root": ...}` or `{}`
        for the default), validated as keywords would be."""
        return cls.model_validate(_Fields(fields))

    @classmethod
    def model_validate_strings(cls, obj, *, strict=None, extra=None, context=None, by_alias=None, by_name=None):
        """A string (or str-keyed dicts of them) read as JSON strings are."""
        options = dict(strict=strict, extra=extra, context=context, by_alias=by_alias, by_name=by_name)
        return validate_strings(cls, obj, options)

    @classmethod
    def model_construct(cls, root: Any = _MISSING, _fields_set: set | None = None, **values):
        """An instance holding `root` as it is, without validation."""
        if root is not _MISSING:
            values[ROOT] = root
        return super().model_construct(_fields_set, **values)



class PydanticUndefinedType:
    """What a RootModel made without its value validates (and errors show)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "PydanticUndefined"


_UNDEFINED = PydanticUndefinedType()


class _Fields(dict):
    """Field values given as keywords, which the root wrapping lets through."""
