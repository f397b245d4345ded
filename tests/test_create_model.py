"""`create_model` against pydantic's: field definitions as types, `(type,
default)` pairs, `Annotated`, bases, config, validators and the errors of a
bad definition."""

from typing import Annotated, Optional

import pydantic
import pytest

import satya
from support import library_view

LIBRARIES = [satya, pydantic]


def outcome(call):
    try:
        instance = call()
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        return ("err", exc.title, [(e["type"], e["loc"], e["msg"], library_view(e["input"]))
                                    for e in exc.errors(include_url=False)])
    return ("ok", type(instance).__name__, library_view(instance.model_dump()), instance.model_dump(by_alias=True))


def made(lib):
    base = lib.create_model("Base", id=(int, ...), note=(Optional[str], None))
    return lib.create_model(
        "Made",
        __base__=base,
        __config__=None,
        count=(int, 1),
        name=str,
        size=Annotated[int, lib.Field(gt=0)],
        code=(str, lib.Field(default="x", alias="Code", max_length=3)),
        tags=(list[str], lib.Field(default_factory=list)),
    )


MADE = {lib: made(lib) for lib in LIBRARIES}


@pytest.mark.parametrize("data", [
    {"id": 1, "name": "a", "size": 2},
    {"id": "1", "name": "a", "size": 2, "Code": "abcd", "count": "x"},
    {},
    {"id": 1, "name": 3, "size": 0, "tags": ["a", 1], "note": 5},
])
def test_made_models_validate_as_pydantic(data):
    assert outcome(lambda: MADE[satya].model_validate(data)) == outcome(lambda: MADE[pydantic].model_validate(data))


def test_fields_order_defaults_and_names():
    for lib in LIBRARIES:
        cls = MADE[lib]
        assert cls.__name__ == "Made" and cls.__qualname__ == "Made"
        assert cls.__module__ == __name__
    assert list(MADE[satya].model_fields) == list(MADE[pydantic].model_fields)
    assert {n: f.is_required() for n, f in MADE[satya].model_fields.items()} == {
        n: f.is_required() for n, f in MADE[pydantic].model_fields.items()}


def test_config_doc_module_and_validators():
    for lib in LIBRARIES:
        def upper(cls, value):
            return value.upper()

        cls = lib.create_model("C", __config__=lib.ConfigDict(strict=True), __doc__="Doc.", __module__="elsewhere",
                               __validators__={"up": lib.field_validator("name")(classmethod(upper))}, name=str, n=int)
        assert cls.__doc__ == "Doc." and cls.__module__ == "elsewhere"
        assert cls(name="a", n=1).name == "A"
        with pytest.raises(lib.ValidationError):
            cls(name="a", n="1")


def test_a_root_model_base():
    for lib in LIBRARIES:
        pets = lib.create_model("Pets", __base__=lib.RootModel[list[str]])
        assert pets(["a"]).model_dump() == ["a"]
        assert pets.__name__ == "Pets"


def test_bad_definitions_are_refused_when_made():
    with pytest.raises(satya.SchemaError):
        satya.create_model("X", a=(int, 1, 2))
    with pytest.raises(satya.SchemaError):
        satya.create_model("X", a=5)
    with pytest.raises(satya.SchemaError):
        satya.create_model("X", __base__=int)
