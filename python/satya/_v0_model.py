"""Model methods that only satya 0.x had. Each still works and warns, naming
its pydantic-v2 spelling; the Model class body binds them."""

from __future__ import annotations


from ._v1_names import warn_v0


def _warn(name: str, replacement: str) -> None:
    # stacklevel 4: past warn_v0, this helper and the method, to the caller's line
    warn_v0(f"The `{name}` method is deprecated; use {replacement} instead.", stacklevel=4)


@classmethod
def validator(cls):
    """A StreamValidator of this model's fields, giving dicts."""
    _warn("validator", "`Model.model_validate_many`, `Model.model_validate_json_many` or `TypeAdapter(list[Model])`")
    from .validator import StreamValidator

    return StreamValidator._of_model(cls)


@classmethod
def validate_many(cls, data_list):
    """Instances of every record of `data_list`; one ValidationError for the
    batch, located by record index, when any is invalid."""
    _warn("validate_many", "`model_validate_many`")
    return cls.model_validate_many(data_list)


@classmethod
def model_validate_fast(cls, data, **options):
    _warn("model_validate_fast", "`model_validate`")
    return cls.model_validate(data, **options)


@classmethod
def model_validate_nested(cls, data, **options):
    _warn("model_validate_nested", "`model_validate`")
    return cls.model_validate(data, **options)


class _FieldsAlias:
    """`Model.__fields__`: the class's `model_fields`, read from the class or an instance."""

    def __get__(self, instance, owner=None):
        warn_v0("The `__fields__` attribute is deprecated, use the `model_fields` class property instead.")
        return (owner if owner is not None else type(instance)).model_fields


fields_alias = _FieldsAlias()


@classmethod
def model_validate_json_bytes(cls, data, *, streaming: bool = True):
    """The same as model_validate_json; `streaming` changes nothing."""
    _warn("model_validate_json_bytes", "`model_validate_json`")
    return cls.model_validate_json(data)


@classmethod
def model_validate_json_array_bytes(cls, data, *, streaming: bool = True) -> list[bool]:
    """Whether each item of a JSON array is valid."""
    _warn("model_validate_json_array_bytes", "`model_validate_json_many(data, errors=\"collect\")`")
    return _validity(cls, data, "array")


@classmethod
def model_validate_ndjson_bytes(cls, data, *, streaming: bool = True) -> list[bool]:
    """Whether each non-blank line of NDJSON is valid."""
    _warn("model_validate_ndjson_bytes", "`model_validate_json_many(data, format=\"ndjson\", errors=\"collect\")`")
    return _validity(cls, data, "ndjson")


def _validity(cls, data, mode: str) -> list[bool]:
    from .validator import StreamValidator

    return StreamValidator._of_model(cls).validate_json(data, mode=mode)


__all__ = ["fields_alias", "validator", "validate_many", "model_validate_fast", "model_validate_nested", "model_validate_json_bytes",
           "model_validate_json_array_bytes", "model_validate_ndjson_bytes"]
