"""Standard-library dataclasses as field types: a dict or JSON object is
validated field by field into a new instance (defaults, default factories,
`__post_init__`, frozen classes); an instance is kept as it is; strict mode
takes only instances from Python. A hypothesis differential against pydantic
compares values, errors and dumps under both inputs."""

import dataclasses
import json
from typing import Optional

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support import ANY_VALIDATION_ERROR, ValidationError, differential_attempt, differential_inputs, library_view, one_field_model, satya_only

import satya


@dataclasses.dataclass
class Point:
    x: int
    y: float = 0.0
    tags: list[str] = dataclasses.field(default_factory=list)

    def __post_init__(self):
        self.seen = True


@dataclasses.dataclass(frozen=True)
class Frozen:
    name: str
    point: Optional[Point] = None


@dataclasses.dataclass(slots=True)
class Slotted:
    a: int


@dataclasses.dataclass
class Node:
    child: Optional["Node"] = None


@dataclasses.dataclass
class Late:
    """init=False fields come from their defaults; InitVars go to __post_init__."""
    x: int
    y: float = dataclasses.field(init=False, default=0.5)
    tags: list = dataclasses.field(init=False, default_factory=list)
    z: dataclasses.InitVar[int] = 0
    name: dataclasses.InitVar[str] = "n"

    def __post_init__(self, z, name):
        self.tags.append((z, name))


@dataclasses.dataclass
class Tree:
    """Contains itself, in a list and directly."""
    x: int = 0
    children: list["Tree"] = dataclasses.field(default_factory=list)
    point: Optional["Tree"] = None


@dataclasses.dataclass
class Ping:
    """Contains itself through another dataclass."""
    a: Optional["Pong"] = None
    x: int = 0


@dataclasses.dataclass
class Pong:
    a: Optional[Ping] = None
    name: str = ""


TYPES = {"Point": Point, "Frozen": Frozen, "Slotted": Slotted, "Optional[Point]": Optional[Point], "list[Point]": list[Point],
         "Late": Late, "Tree": Tree, "Ping": Ping, "list[Tree]": list[Tree]}
_CLASSES = {}


def classes(name):
    if name not in _CLASSES:
        _CLASSES[name] = tuple(one_field_model(TYPES[name], lib=library) for library in (satya, pydantic))
    return _CLASSES[name]


SCALARS = st.one_of(st.integers(-2, 2), st.sampled_from(["1", "x", "", None, 1.5, True, [], ["a", 1]]))
OBJECTS = st.recursive(
    st.fixed_dictionaries({}, optional={"x": SCALARS, "y": SCALARS, "tags": SCALARS, "name": SCALARS,
                                        "a": SCALARS, "point": st.one_of(SCALARS, st.just({"x": 1})), "z": SCALARS}),
    lambda inner: st.fixed_dictionaries({}, optional={"x": SCALARS, "a": inner, "point": inner, "children": st.lists(inner, max_size=2)}),
    max_leaves=4,
)
VALUES = st.one_of(SCALARS, OBJECTS, st.lists(OBJECTS, max_size=2))


@satya_only
@pytest.mark.parametrize("name", list(TYPES))
@settings(max_examples=80, deadline=None)
@given(value=VALUES, strict=st.booleans())
def test_dataclass_fields_match_pydantic(name, value, strict):
    satya_cls, pydantic_cls = classes(name)
    for kind, data in differential_inputs(value):
        expected = differential_attempt(pydantic_cls, kind, data, strict, view=library_view)
        assert differential_attempt(satya_cls, kind, data, strict, view=library_view) == expected, (kind, data)


def test_a_dict_becomes_an_instance_and_post_init_runs(inputs):
    point = inputs.validate_v(one_field_model(Point), {"x": "3", "tags": ["a"]})
    assert type(point) is Point and (point.x, point.y, point.tags) == (3, 0.0, ["a"])
    assert point.seen is True


def test_a_frozen_or_slotted_dataclass_is_built_too(inputs):
    frozen = inputs.validate_v(one_field_model(Frozen), {"name": "n", "point": {"x": 1}})
    assert frozen == Frozen("n", Point(1))
    assert inputs.validate_v(one_field_model(Slotted), {"a": "2"}) == Slotted(2)


def test_an_instance_is_kept_as_it_is():
    point = Point(1)
    assert one_field_model(Point)(v=point).v is point


def test_errors_are_located_at_the_fields(inputs):
    errors = inputs.errors(one_field_model(Point), {"v": {"y": "x"}})
    assert [(e["loc"], e["type"]) for e in errors] == [(("v", "x"), "missing"), (("v", "y"), "float_parsing")]


def test_input_that_is_not_an_object(inputs):
    error = inputs.single_error(one_field_model(Point), [1])
    assert error["type"] == "dataclass_type"
    assert error["msg"] == inputs.pick(python="Input should be a dictionary or an instance of Point", json="Input should be an object")
    assert error["ctx"] == {"class_name": "Point"}


def test_strict_mode_takes_only_instances_from_python():
    cls = one_field_model(Point, strict=True)
    with pytest.raises(ValidationError) as info:
        cls(v={"x": 1})
    assert [(e["type"], e["msg"]) for e in info.value.errors()] == [("dataclass_exact_type", "Input should be an instance of Point")]
    assert cls.model_validate_json('{"v": {"x": 1}}').v == Point(1)


def test_dumps(inputs):
    instance = inputs.validate(one_field_model(Frozen), {"v": {"name": "n", "point": {"x": 1, "tags": ["t"]}}})
    expected = {"v": {"name": "n", "point": {"x": 1, "y": 0.0, "tags": ["t"]}}}
    assert instance.model_dump() == expected
    assert json.loads(instance.model_dump_json()) == expected
    assert instance.model_dump(include={"v": {"name"}}) == {"v": {"name": "n"}}
    assert instance.model_dump(exclude={"v": {"point": {"tags"}}}) == {"v": {"name": "n", "point": {"x": 1, "y": 0.0}}}


def test_init_false_fields_take_their_defaults_and_init_vars_reach_post_init(inputs):
    late = inputs.validate_v(one_field_model(Late), {"x": "1", "y": 9, "tags": ["ignored"], "z": "3"})
    assert (late.x, late.y, late.tags) == (1, 0.5, [(3, "n")])
    assert "z" not in vars(late)  # an InitVar is not stored
    again = inputs.validate_v(one_field_model(Late), {"x": 1})
    assert again.tags == [(0, "n")] and again.tags is not late.tags  # a fresh default per instance
    errors = inputs.errors(one_field_model(Late), {"v": {"x": 1, "name": 5}})
    assert [(e["loc"], e["type"]) for e in errors] == [(("v", "name"), "string_type")]


def test_an_init_false_field_without_default_stays_unset():
    @dataclasses.dataclass
    class Unset:
        a: int
        b: int = dataclasses.field(init=False)
    instance = one_field_model(Unset)(v={"a": 1, "b": 2}).v
    assert instance.a == 1 and not hasattr(instance, "b")


@pytest.mark.parametrize("lib", [satya, pydantic], ids=["satya", "pydantic"])
def test_init_false_and_init_vars_in_the_json_schema(lib):
    schema = lib.TypeAdapter(Late).json_schema()
    assert schema["properties"] == {
        "x": {"title": "X", "type": "integer"}, "y": {"default": 0.5, "title": "Y", "type": "number"},
        "tags": {"items": {}, "title": "Tags", "type": "array"}, "z": {"default": 0, "title": "Z", "type": "integer"},
        "name": {"default": "n", "title": "Name", "type": "string"}}
    assert schema["required"] == ["x"]


@pytest.mark.parametrize("lib", [satya, pydantic], ids=["satya", "pydantic"])
def test_a_dataclass_may_contain_itself(lib):
    model = one_field_model(Node, lib=None if lib is satya else pydantic)
    value = model.model_validate({"v": {"child": {"child": {}}}}).v
    assert value == Node(Node(Node(None)))
    assert model.model_validate_json('{"v": {"child": {"child": null}}}').v == Node(Node(None))
    with pytest.raises(ANY_VALIDATION_ERROR) as info:
        model.model_validate({"v": {"child": {"child": 5}}})
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("dataclass_type", ("v", "child", "child"))]
    assert model(v=value).model_dump_json() == '{"v":{"child":{"child":{"child":null}}}}'


def test_recursive_dataclasses_json_schema_equals_pydantic():
    for target in (Tree, Ping, list[Tree]):
        assert satya.TypeAdapter(target).json_schema() == pydantic.TypeAdapter(target).json_schema()
