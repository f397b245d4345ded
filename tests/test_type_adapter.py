"""`TypeAdapter(T)` against pydantic's: values, dumps, and errors (title,
locations from the value itself, the printed text) for Python, JSON and
string input; the batch path for `list[Model]` JSON."""

import dataclasses
import datetime
import decimal
import enum
import json
import math
import uuid
from typing import Annotated, Any, Literal, NamedTuple, Optional, Union

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typing_extensions import TypedDict

import satya
from support import library_view, without_urls

LIBRARIES = [satya, pydantic]


def define(lib):
    class User(lib.BaseModel):
        id: int
        name: str = "anon"
        tags: list[str] = []

    class Point(TypedDict):
        x: int
        y: float

    return {
        "int": int,
        "list[int]": list[int],
        "dict[str,int]": dict[str, int],
        "int|str": int | str,
        "Union[int,str]": Union[int, str],
        "Optional[int]": Optional[int],
        "Annotated": Annotated[int, lib.Field(gt=1)],
        "Annotated[str]": Annotated[str, lib.Field(min_length=2, max_length=4)],
        "TypedDict": Point,
        "User": User,
        "list[User]": list[User],
        "tuple[int,...]": tuple[int, ...],
        "set[int]": set[int],
        "Literal": Literal[1, 2],
        "list[Optional[int]]": list[Optional[int]],
        "dict[str,list[float]]": dict[str, list[float]],
        "Any": Any,
    }


TYPES = {lib: define(lib) for lib in LIBRARIES}
ADAPTERS = {lib: {name: lib.TypeAdapter(tp) for name, tp in types.items()} for lib, types in TYPES.items()}

INPUTS = [
    1, "2", 2.0, 2.5, True, None, "x", "", [], [1, "2", None], [1, "x", 3.5], {"a": 1}, {"a": "x", "b": [1]},
    {"x": 1, "y": "2.5"}, {"x": "q"}, {"id": 1}, {"id": "x", "tags": [1]}, [{"id": 1}, {"id": "2", "name": "b"}],
    [{"id": 1}, {"name": 3}, 5], (1, 2), {1, 2}, "abcdef", {"a": [1.5, "x"]}, float("nan"),
]


def outcome(call):
    try:
        value = call()
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        errors = [(e["type"], e["loc"], e["msg"], library_view(e["input"]), e.get("ctx"))
                  for e in exc.errors(include_url=False)]
        return ("err", exc.title, errors, without_urls(str(exc)))
    return ("ok", library_view(value))


def both(name, call):
    return [outcome(lambda: call(ADAPTERS[lib][name])) for lib in (satya, pydantic)]


@pytest.mark.parametrize("name", list(TYPES[satya]))
@pytest.mark.parametrize("strict", [None, True])
def test_validate_python_equals_pydantic(name, strict):
    for data in INPUTS:
        mine, theirs = both(name, lambda adapter: adapter.validate_python(data, strict=strict))
        assert mine == theirs, data


def _json_inputs():
    for data in INPUTS:
        if isinstance(data, (tuple, set)) or (isinstance(data, float) and math.isnan(data)):
            continue
        yield json.dumps(data)
    yield from ["[1, x", "", "1 2", '{"a": 1', "[1,]", "  [ 1 , 2 ]  ", '"2020"', "1e400"]


@pytest.mark.parametrize("name", list(TYPES[satya]))
@pytest.mark.parametrize("strict", [None, True])
def test_validate_json_equals_pydantic(name, strict):
    for text in _json_inputs():
        for data in (text, text.encode()):
            mine, theirs = both(name, lambda adapter: adapter.validate_json(data, strict=strict))
            assert mine == theirs, data


def test_validate_json_refuses_what_is_not_json_text():
    for data in (1, None, [b"x"]):
        mine, theirs = both("list[int]", lambda adapter: adapter.validate_json(data))
        assert mine == theirs


@pytest.mark.parametrize("name", ["int", "list[int]", "dict[str,int]", "Optional[int]", "list[Optional[int]]", "Literal"])
def test_validate_strings_equals_pydantic(name):
    # lists are refused; so is any value in a dict that is not a string
    # (pydantic refuses a dict's values only as its type reads them)
    for data in ["1", "x", ["1", "2"], ["1", "y"], {"a": "1"}, {"a": "z"}, 1, ["1", 2], "null", {"a": {"b": "1"}}]:
        mine, theirs = both(name, lambda adapter: adapter.validate_strings(data))
        assert mine == theirs, data


class Row:
    id = 3
    name = "r"
    tags = ()


def test_validate_python_options():
    row = Row()

    for lib in LIBRARIES:
        adapter = ADAPTERS[lib]["list[User]"]
        assert adapter.validate_python([row], from_attributes=True)[0].id == 3
    mine, theirs = both("list[User]", lambda adapter: adapter.validate_python([row]))
    assert mine == theirs

    seen = {}
    for lib in LIBRARIES:
        def record(value, info, lib=lib):
            seen[lib] = info.context
            return value

        adapter = lib.TypeAdapter(Annotated[int, lib.AfterValidator(record)])
        assert adapter.validate_python(1, context={"k": 1}) == 1
        assert adapter.validate_json("1", context={"k": 2}) == 1
    assert seen[satya] == seen[pydantic] == {"k": 2}


DUMPED = [
    ("list[int]", [1, 2, 3], {}),
    ("list[int]", [1, 2, 3], {"include": {0, 2}}),
    ("list[int]", [1, 2, 3], {"exclude": {1}}),
    ("Optional[int]", None, {"exclude_none": True}),
    ("list[Optional[int]]", [1, None], {"exclude_none": True}),
    ("dict[str,list[float]]", {"a": [1.5, float("inf")], "b": []}, {}),
    ("dict[str,list[float]]", {"a": [1.5], "b": [2.0]}, {"exclude": {"b": True}}),
    ("int|str", "x", {}),
    ("set[int]", {3}, {}),
    ("tuple[int,...]", (1, 2), {}),
    ("Any", {"a": (1, {2})}, {}),
]


@pytest.mark.parametrize("name,value,options", DUMPED)
def test_dumps_equal_pydantic(name, value, options):
    for mode in ("python", "json"):
        mine, theirs = both(name, lambda adapter: adapter.dump_python(value, mode=mode, **options))
        assert mine == theirs, mode
    for indent in (None, 2, 4):
        mine, theirs = both(name, lambda adapter: adapter.dump_json(value, indent=indent, **options))
        assert mine == theirs, indent


@pytest.mark.parametrize("options", [{}, {"exclude_unset": True}, {"exclude_defaults": True}, {"by_alias": True},
                                     {"include": {0: {"id"}}}, {"exclude": {1: {"tags"}}}])
def test_dumps_of_models_equal_pydantic(options):
    dumped = {}
    for lib in LIBRARIES:
        adapter = ADAPTERS[lib]["list[User]"]
        users = adapter.validate_python([{"id": 1}, {"id": 2, "tags": ["a"]}])
        dumped[lib] = (adapter.dump_python(users, **options), adapter.dump_python(users, mode="json", **options),
                       adapter.dump_json(users, **options), adapter.dump_json(users, indent=3, **options))
    assert dumped[satya] == dumped[pydantic]


def _records(n, bad=None):
    items = [{"id": i, "name": f"u{i}", "tags": ["t"] * (i % 3)} for i in range(n)]
    if bad is not None:
        items[bad] = {"id": "nope", "tags": [None]}
    return json.dumps(items)


def test_list_of_models_from_json_uses_the_batch_path(monkeypatch):
    user = TYPES[satya]["User"]
    calls = []
    original = user.model_validate_json_many

    def counted(data, **options):
        calls.append(options)
        return original(data, **options)

    monkeypatch.setattr(user, "model_validate_json_many", counted)
    adapter = satya.TypeAdapter(list[user])
    result = adapter.validate_json(_records(10))
    assert not calls and len(result) == 10  # small documents are read whole
    text = _records(2000)
    result = adapter.validate_json(text)
    assert calls and len(result) == 2000 and type(result[0]) is user
    assert [u.model_dump() for u in result] == [u.model_dump() for u in ADAPTERS[pydantic]["list[User]"].validate_json(text)]


@pytest.mark.parametrize("text", [
    _records(500, bad=7), _records(3000, bad=2500), _records(3000)[:-1], _records(3000) + "x", _records(3), "[]", "[1]", "{}", "[{\"id\": 1}] x", "[{\"id\": 1},]", "[{\"id\": 1}{\"id\": 2}]",
    "  [ {\"id\": 1} ]  ", "", "[{\"id\": 1, \"id\": \"x\"}]", "null",
])
def test_list_of_models_from_json_equals_pydantic(text):
    mine, theirs = both("list[User]", lambda adapter: adapter.validate_json(text))
    assert mine == theirs
    mine, theirs = both("list[User]", lambda adapter: adapter.validate_json(text, strict=True))
    assert mine == theirs


def test_errors_are_titled_and_located_as_pydantic():
    for lib in LIBRARIES:
        with pytest.raises(lib.ValidationError) as info:
            lib.TypeAdapter(list[int]).validate_python([1, "x"])
        assert info.value.title == "list[int]"
        assert info.value.errors()[0]["loc"] == (1,)
    mine, theirs = both("Annotated", lambda adapter: adapter.validate_python(0))
    assert mine == theirs and mine[1] == "constrained-int"


def test_config_applies_to_the_type():
    for lib in LIBRARIES:
        adapter = lib.TypeAdapter(list[str], config=lib.ConfigDict(str_to_upper=True))
        assert adapter.validate_python(["a"]) == ["A"]
    mine, theirs = [outcome(lambda: lib.TypeAdapter(int, config=lib.ConfigDict(strict=True, title="Count"))
                            .validate_python("1")) for lib in LIBRARIES]
    assert mine == theirs


def test_a_type_it_cannot_compile_is_refused_at_construction():
    with pytest.raises(satya.SchemaError):
        satya.TypeAdapter(object())
    with pytest.raises(satya.SchemaError):
        satya.TypeAdapter(int, config={"no_such_key": 1})


@pytest.mark.parametrize("lib", LIBRARIES)
@pytest.mark.parametrize("unknown", ["Nope", list["Nope"]])
def test_an_undefined_name_is_refused_at_first_use(lib, unknown):
    adapter = lib.TypeAdapter(unknown)  # a name defined later is allowed
    error = satya.SchemaError if lib is satya else pydantic.PydanticUserError
    for use in (lambda: adapter.validate_python([]), lambda: adapter.validate_json("[]"), adapter.json_schema):
        with pytest.raises(error, match="is not fully defined"):
            use()
    with pytest.raises((error, NameError), match="name 'Nope' is not defined"):
        adapter.rebuild()
    assert adapter.rebuild(raise_errors=False) is False


@pytest.mark.parametrize("lib", LIBRARIES)
def test_a_name_defined_after_the_adapter_is_found_at_first_use(lib):
    adapter = lib.TypeAdapter(dict[str, "Inner"])

    class Inner(lib.BaseModel):
        b: str

    found = adapter.validate_python({"k": {"b": "x"}})
    assert type(found["k"]) is Inner and found["k"].b == "x"
    assert adapter.validate_json('{"k": {"b": "y"}}')["k"].b == "y"
    assert adapter.dump_json(found) == b'{"k":{"b":"x"}}'
    assert adapter.json_schema()["additionalProperties"] == {"$ref": "#/$defs/Inner"}
    assert adapter.rebuild() is None  # nothing left to do
    with pytest.raises(lib.ValidationError) as info:
        adapter.validate_python({"k": {}})
    assert [(e["loc"], e["type"]) for e in info.value.errors()] == [(("k", "b"), "missing")]


@pytest.mark.parametrize("lib", LIBRARIES)
def test_rebuild_builds_a_pending_adapter(lib):
    adapter = lib.TypeAdapter(list["Later2"])

    class Later2(lib.BaseModel):
        a: int

    assert adapter.rebuild() is True
    assert adapter.validate_python([{"a": 1}]) == [Later2(a=1)]
    assert isinstance(adapter, lib.TypeAdapter)


def test_forward_references_resolve_in_the_calling_scope():
    class Later(satya.BaseModel):
        n: int

    adapter = satya.TypeAdapter("list[Later]")
    assert adapter.validate_python([{"n": 1}])[0].n == 1


def test_json_schema_equals_pydantics():
    for name in ("int", "list[int]", "dict[str,int]", "Optional[int]"):
        assert ADAPTERS[satya][name].json_schema() == ADAPTERS[pydantic][name].json_schema()


JSON_DATA = st.recursive(
    st.none() | st.booleans() | st.integers(-10 ** 20, 10 ** 20) | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=12,
)
UNION = {lib: lib.TypeAdapter(Union[list[int], dict[str, float], Optional[str]]) for lib in LIBRARIES}


@settings(max_examples=300, deadline=None)
@given(JSON_DATA, st.sampled_from([None, True]))
def test_random_data_through_a_union_equals_pydantic(data, strict):
    # the printed text is left out: inputs' reprs are cut at lengths of their own
    text = json.dumps(data)
    mine, theirs = [outcome(lambda: UNION[lib].validate_python(data, strict=strict))[:3] for lib in LIBRARIES]
    assert mine == theirs
    mine, theirs = [outcome(lambda: UNION[lib].validate_json(text, strict=strict))[:3] for lib in LIBRARIES]
    assert mine == theirs


def test_errors_of_json_input_keep_their_wording_when_rebuilt():
    import pickle

    with pytest.raises(satya.ValidationError) as info:
        satya.TypeAdapter(list[int]).validate_json('{"a": 1}')
    assert info.value.errors()[0]["msg"] == "Input should be a valid array"
    assert pickle.loads(pickle.dumps(info.value)).errors() == info.value.errors()


class Color(enum.Enum):
    RED = "r"


class Pair(NamedTuple):
    a: int
    b: str = "x"


@dataclasses.dataclass
class Box:
    x: int


def more_types(lib):
    class Cat(lib.BaseModel):
        kind: Literal["cat"]
        n: int = 0

    class Dog(lib.BaseModel):
        kind: Literal["dog"]

    return [datetime.datetime, datetime.date, decimal.Decimal, uuid.UUID, Color, Pair, Box, bytes, frozenset[int],
            Annotated[Union[Cat, Dog], lib.Field(discriminator="kind")], lib.Json[list[int]], dict[int, str],
            list[Annotated[str, lib.StringConstraints(to_upper=True)]]]


MORE = list(zip(*(more_types(lib) for lib in LIBRARIES)))
MORE_INPUTS = ["2020-01-02T03:04:05", "2020-01-02", "1.5", "x", "r", [1, "y"], {"x": "1"}, {"kind": "cat", "n": "2"},
               {"kind": "bird"}, "[1,2]", {"1": "a"}, ["a"], 5, None, "12345678-1234-5678-1234-567812345678", [1, 2, 2]]


def round_trip(adapter, data, kind):
    value = adapter.validate_python(data) if kind == "python" else adapter.validate_json(json.dumps(data))
    return value, adapter.dump_python(value, mode="json"), adapter.dump_json(value)


@pytest.mark.parametrize("types", MORE, ids=[str(i) for i in range(len(MORE))])
def test_more_types_validate_and_dump_as_pydantic(types):
    for data in MORE_INPUTS:
        for kind in ("python", "json"):
            mine, theirs = [outcome(lambda: round_trip(lib.TypeAdapter(tp), data, kind))
                            for lib, tp in zip(LIBRARIES, types)]
            assert mine == theirs, (data, kind)


@pytest.mark.parametrize("config", [None, {"title": "T", "strict": True}])
@pytest.mark.parametrize("method, data", [("validate_python", 1), ("validate_json", "1")])
def test_hooks_see_no_field_and_the_adapters_own_config(config, method, data):
    def run(lib):
        seen = lambda v, info: (v, info.field_name, info.config, info.data, info.mode)  # noqa: E731
        adapter = lib.TypeAdapter(Annotated[int, lib.AfterValidator(seen)],
                                  config=lib.ConfigDict(**config) if config else None)
        return getattr(adapter, method)(data)

    assert run(satya) == run(pydantic)
