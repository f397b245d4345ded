"""Helpers for the StreamValidator tests: validators built without leaking
their deprecation warning, the pydantic model each one stands for, and views
of results that compare with pydantic's outcome."""

import pydantic
import pytest

import satya
from satya.validator import StreamValidator

# (key, type, required, pydantic Field options) for the validators under test
PERSON = [("name", str, True, {}), ("age", int, True, {}), ("email", str, False, {}), ("active", bool, False, {})]


def new_validator(fields=()) -> StreamValidator:
    """A StreamValidator with `fields` added; asserts its one warning."""
    with pytest.warns(satya.SatyaDeprecationWarning, match="StreamValidator") as caught:
        validator = StreamValidator()
    assert len(caught) == 1
    for key, tp, required, _ in fields:
        validator.add_field(key, tp, required=required)
    return validator


def twin(fields, name="Twin"):
    """The pydantic model a StreamValidator with `fields` validates as: every
    key is an alias, unknown keys are kept."""
    definitions = {f"f{i}": (tp, pydantic.Field(... if required else None, alias=key, **options))
                   for i, (key, tp, required, options) in enumerate(fields)}
    return pydantic.create_model(name, __config__=pydantic.ConfigDict(extra="allow"), **definitions)


def expected(model, item):
    """pydantic's outcome for `item`, as `seen` views a ValidationResult."""
    try:
        instance = model.model_validate(item)
    except pydantic.ValidationError as exc:
        return ("err", [(str(e["loc"][0]) if e["loc"] else None, [str(x) for x in e["loc"]], e["msg"], e["input"])
                        for e in exc.errors(include_url=False)])
    return ("ok", instance.model_dump(by_alias=True, exclude_unset=True))


def seen(result):
    """A ValidationResult as (outcome, value or 0.x error records)."""
    assert isinstance(result, satya._v0_errors.ValidationResult)
    assert all(isinstance(error, satya.ValidationError) for error in result.errors)
    if result.is_valid:
        assert result.errors == []
        return ("ok", result.value)
    with pytest.raises(ValueError):
        result.value  # noqa: B018 - an invalid result has no value
    return ("err", [(e.field, e.path, e.message, e.value) for e in result.errors])


def records(result):
    return [(e.field, e.path, e.message) for e in result.errors]
