"""`RootModel[T]` against pydantic's: construction, validation (Python,
JSON, strings, as a field of another model), dumps of the bare value, errors
located without `root`, and what a RootModel class may declare."""

import copy
import datetime
import json
import pickle
from typing import Optional

import pydantic
import pytest

import satya
from support import library_view, without_urls

LIBRARIES = [satya, pydantic]


def define(lib):
    class Pets(lib.RootModel[list[str]]):
        pass

    class Owner(lib.BaseModel):
        name: str
        pets: Pets
        when: Optional[lib.RootModel[datetime.date]] = None

    class Counted(lib.RootModel[int]):
        root: int = 5

    class Frozen(lib.RootModel[int]):
        model_config = lib.ConfigDict(frozen=True)

    return {"Pets": Pets, "Owner": Owner, "Counted": Counted, "Frozen": Frozen,
            "int": lib.RootModel[int], "dict": lib.RootModel[dict[str, int]], "list[float]": lib.RootModel[list[float]]}


CLASSES = {lib: define(lib) for lib in LIBRARIES}


def outcome(call):
    try:
        value = call()
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        errors = [(e["type"], e["loc"], e["msg"], _input_view(e["input"])) for e in exc.errors(include_url=False)]
        return ("err", exc.title, errors, without_urls(str(exc)))
    except (TypeError, ValueError) as exc:
        return ("raises", type(exc).__name__, str(exc))
    if isinstance(value, (satya.BaseModel, pydantic.BaseModel)):
        return ("ok", type(value).__name__, repr(value), library_view(value.model_dump()), value.model_dump_json(),
                value.model_fields_set)
    return ("ok", library_view(value))


def _input_view(value):
    # the value a RootModel made without one validates, by its repr
    return repr(value) if type(value).__name__ == "PydanticUndefinedType" else library_view(value)


def both(name, call):
    return [outcome(lambda: call(CLASSES[lib][name])) for lib in LIBRARIES]


INPUTS = [["a", "b"], [], ["a", 1], "x", None, 3, {"root": ["a"]}, {"a": 1}, {"a": "x"}, [1.5, "2"], "7"]


@pytest.mark.parametrize("name", ["Pets", "Counted", "int", "dict", "list[float]"])
def test_validation_equals_pydantic(name):
    for data in INPUTS:
        for call in (lambda cls: cls.model_validate(data), lambda cls: cls(data),
                     lambda cls: cls.model_validate(data, strict=True),
                     lambda cls: cls.model_validate_json(json.dumps(data)),
                     lambda cls: cls.model_validate_json(json.dumps(data), strict=True)):
            mine, theirs = both(name, call)
            assert mine == theirs, data


@pytest.mark.parametrize("name", ["Pets", "Counted", "int", "dict"])
def test_construction_equals_pydantic(name):
    for call in (lambda cls: cls(), lambda cls: cls(root=3), lambda cls: cls(a=1), lambda cls: cls(1, a=2),
                 lambda cls: cls.model_construct(["q"]), lambda cls: cls.model_validate_strings("4"),
                 lambda cls: cls.model_validate_strings(["4"]), lambda cls: cls.model_validate_json("[1, x")):
        mine, theirs = both(name, call)
        assert mine == theirs


def test_as_a_field_of_another_model():
    for data in [{"name": "o", "pets": ["a"]}, {"name": "o", "pets": ["a", 2], "when": "2020-01-02"},
                 {"name": "o", "pets": "x", "when": "nope"}, {"name": "o", "pets": {"root": []}}]:
        mine, theirs = both("Owner", lambda cls: cls.model_validate(data))
        assert mine == theirs, data
        mine, theirs = both("Owner", lambda cls: cls.model_validate_json(json.dumps(data)))
        assert mine == theirs, data
    for lib in LIBRARIES:
        pets = CLASSES[lib]["Pets"](["c"])
        owner = CLASSES[lib]["Owner"](name="o", pets=pets)
        assert owner.pets is pets
        assert owner.model_dump(mode="json") == {"name": "o", "pets": ["c"], "when": None}


FIELD_FILTERS = [
    {"include": {"pets": {0}}}, {"exclude": {"pets": {0}}}, {"include": {"pets": {-1}, "name": True}},
    {"exclude": {"pets": {"__all__"}}}, {"include": {"pets": {"root": {0}}}}, {"exclude": {"pets": {"root"}}},
    {"include": {"pets": True}}, {"exclude": {"pets": True}},
]


@pytest.mark.parametrize("options", FIELD_FILTERS)
def test_a_nested_root_models_include_and_exclude_name_its_values_items(options):
    for mode in ("python", "json"):
        mine, theirs = both("Owner", lambda cls: cls(name="o", pets=["a", "b", "c"]).model_dump(mode=mode, **options))
        assert mine == theirs, (mode, options)
    mine, theirs = both("Owner", lambda cls: cls(name="o", pets=["a", "b", "c"]).model_dump_json(**options))
    assert mine == theirs, options


def test_a_root_model_of_a_dict_in_a_list_is_filtered_by_key():
    def dump(lib):
        holder = type("Holder", (lib.BaseModel,), {"__annotations__": {"rows": list[lib.RootModel[dict[str, int]]]}})
        rows = holder(rows=[{"a": 1, "b": 2}, {"a": 3}])
        options = {"include": {"rows": {"__all__": {"a"}}}}
        return rows.model_dump(**options), rows.model_dump_json(exclude={"rows": {0: {"b"}}})

    assert dump(satya) == dump(pydantic)


def test_dumps_are_the_bare_value():
    for options in ({}, {"include": {0}}, {"exclude": {1}}, {"mode": "json"}):
        mine, theirs = both("list[float]", lambda cls: cls([1.5, 2, 3]).model_dump(**options))
        assert mine == theirs
    for indent in (None, 2):
        mine, theirs = both("dict", lambda cls: cls({"a": 1, "b": 2}).model_dump_json(indent=indent))
        assert mine == theirs
    mine, theirs = both("Owner", lambda cls: cls(name="o", pets=["a"], when=datetime.date(2020, 1, 2)).model_dump_json())
    assert mine == theirs


def test_instances_compare_copy_pickle_and_hash_as_pydantic():
    for lib in LIBRARIES:
        pets = CLASSES[lib]["Pets"]
        assert pets(["a"]) == pets(["a"]) and pets(["a"]) != pets(["b"])
        assert pets(["a"]) != ["a"]
        assert copy.deepcopy(pets(["a"])).root == ["a"]
        assert pets.model_validate(pets(["z"])).root == ["z"]
        assert list(pets.model_fields) == ["root"]
        assert hash(CLASSES[lib]["Frozen"](1)) == hash(CLASSES[lib]["Frozen"](1))
        assert not hasattr(pets(["a"]), "__getitem__")


class PickledPets(satya.RootModel[list[str]]):
    pass


def test_instances_pickle():
    assert pickle.loads(pickle.dumps(PickledPets(["a"]))) == PickledPets(["a"])


def test_a_root_model_declares_only_root():
    with pytest.raises(satya.SchemaError):
        class Extra(satya.RootModel[int]):
            model_config = {"extra": "forbid"}
    with pytest.raises(satya.SchemaError):
        class More(satya.RootModel[int]):
            other: int


def test_a_subclass_hooks_see_the_bare_value():
    seen = {}
    for lib in LIBRARIES:
        class Split(lib.RootModel[list[int]]):
            @lib.model_validator(mode="before")
            @classmethod
            def split(cls, data, lib=lib):
                seen.setdefault(lib, []).append(data)
                return data.split(",") if isinstance(data, str) else data

            @lib.field_validator("root")
            @classmethod
            def absolute(cls, value):
                return [abs(v) for v in value]

        assert Split.model_validate("1,-2").root == [1, 2]
        assert Split("3,4").root == [3, 4]
        assert lib.TypeAdapter(Split).validate_json('"5,6"').root == [5, 6]
        assert lib.TypeAdapter(Split).dump_json(Split([1])) == b"[1]"
        with pytest.raises(lib.ValidationError) as info:
            Split.model_validate("1,x")
        seen[lib].append(info.value.errors(include_url=False))
    assert seen[satya] == seen[pydantic]
