"""Types that contain themselves: a TypedDict or NamedTuple inside its own
fields (directly, in a list, through a union or another such type), against
pydantic, from Python and JSON, with errors, dumps, JSON Schema, cycles and
the depth limit."""

import json
from typing import NamedTuple, Optional, Union

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typing_extensions import NotRequired, TypedDict

from support import ANY_VALIDATION_ERROR, lib


class Node(TypedDict):
    value: int
    children: NotRequired[list["Node"]]


class Link(NamedTuple):
    value: int
    next: Optional["Link"] = None


class Pair(TypedDict):
    a: Union["Pair", int]


class Outer(TypedDict):
    inner: "Inner"


class Inner(TypedDict):
    outer: NotRequired[Outer]
    n: int


def define(m):
    class Holder(m.BaseModel):
        node: Node
        link: Optional[Link] = None
        pair: Optional[Pair] = None
        outer: Optional[Outer] = None

    return Holder


MINE, THEIRS = define(lib), define(pydantic)


def outcome(call):
    try:
        value = call()
    except ANY_VALIDATION_ERROR as exc:
        return ("err", [(e["type"], e["loc"], e["msg"]) for e in exc.errors()])
    return ("ok", repr(value), value.model_dump(), value.model_dump(mode="json"), value.model_dump_json())


leaf = st.one_of(st.integers(-2, 2), st.sampled_from(["1", "x", None, 1.5]))
nodes = st.recursive(
    st.fixed_dictionaries({"value": leaf}),
    lambda inner: st.fixed_dictionaries({"value": leaf}, optional={"children": st.one_of(st.lists(inner, max_size=2), leaf)}),
    max_leaves=6,
)
links = st.recursive(st.one_of(leaf, st.none()), lambda inner: st.tuples(leaf, inner), max_leaves=5)
pairs = st.recursive(leaf, lambda inner: st.fixed_dictionaries({"a": inner}), max_leaves=5)
outers = st.recursive(st.fixed_dictionaries({"n": leaf}),
                      lambda inner: st.fixed_dictionaries({"inner": st.fixed_dictionaries({"n": leaf}, optional={"outer": inner})}),
                      max_leaves=4)


@given(node=nodes, link=links, pair=pairs, outer=outers, strict=st.booleans())
def test_recursive_types_match_pydantic(node, link, pair, outer, strict):
    data = {"node": node, "link": link, "pair": pair, "outer": outer}
    assert outcome(lambda: MINE.model_validate(data, strict=strict)) == outcome(
        lambda: THEIRS.model_validate(data, strict=strict))
    text = json.dumps(data)
    assert outcome(lambda: MINE.model_validate_json(text, strict=strict)) == outcome(
        lambda: THEIRS.model_validate_json(text, strict=strict))


@pytest.mark.parametrize("target", [Node, Link, Pair, Outer, list[Node]])
def test_json_schema_equals_pydantic(target):
    assert lib.TypeAdapter(target).json_schema() == pydantic.TypeAdapter(target).json_schema()


def test_a_value_that_contains_itself_is_a_recursion_loop():
    cyclic = {"value": 1}
    cyclic["children"] = [cyclic]
    for library in (lib, pydantic):
        with pytest.raises(ANY_VALIDATION_ERROR) as info:
            library.TypeAdapter(Node).validate_python(cyclic)
        assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("recursion_loop", ("children", 0))]


def test_deep_input_stops_at_the_depth_limit_as_pydantic():
    deep = {"value": 0}
    for i in range(400):
        deep = {"value": i, "children": [deep]}
    found = []
    for library in (lib, pydantic):
        with pytest.raises(ANY_VALIDATION_ERROR) as info:
            library.TypeAdapter(Node).validate_python(deep)
        found.append([(e["type"], len(e["loc"])) for e in info.value.errors()])
    assert found[0] == found[1] == [("recursion_depth_exceeded", 510)]
    text = json.dumps(deep)
    mine = [(e["type"], e["loc"], e["msg"]) for e in _errors(lambda: lib.TypeAdapter(Node).validate_json(text))]
    theirs = [(e["type"], e["loc"], e["msg"]) for e in _errors(lambda: pydantic.TypeAdapter(Node).validate_json(text))]
    assert mine == theirs


def _errors(call):
    with pytest.raises(ANY_VALIDATION_ERROR) as info:
        call()
    return info.value.errors()


def test_union_choices_are_named_by_their_type():
    data = {"a": {"a": "x"}}
    mine = [(e["type"], e["loc"]) for e in _errors(lambda: lib.TypeAdapter(Pair).validate_python(data))]
    theirs = [(e["type"], e["loc"]) for e in _errors(lambda: pydantic.TypeAdapter(Pair).validate_python(data))]
    assert mine == theirs


def test_inner_uses_dump_by_their_declared_types():
    import dataclasses
    from typing import List

    def dumps(m):
        class Secretive(TypedDict):
            s: m.SecretStr
            kids: List["Secretive"]

        @dataclasses.dataclass
        class Tree:
            s: m.SecretStr
            kids: List["Tree"] = dataclasses.field(default_factory=list)

        # the forward references name classes of this function's scope
        Secretive.__annotations__["kids"] = List[Secretive]
        Tree.__annotations__["kids"] = List[Tree]
        ta, tt = m.TypeAdapter(Secretive), m.TypeAdapter(Tree)
        x = ta.validate_python({"s": "a", "kids": [{"s": "b", "kids": []}]})
        y = tt.validate_python({"s": "a", "kids": [{"s": "b"}]})
        return (ta.dump_python(x, mode="json"), ta.dump_json(x), tt.dump_python(y, mode="json"), tt.dump_json(y),
                repr(tt.dump_python(y)))

    assert dumps(lib) == dumps(pydantic)


def test_a_value_that_contains_itself_is_refused_when_dumped():
    cyclic = {"value": 1, "children": []}
    cyclic["children"].append(cyclic)
    for library in (lib, pydantic):
        with pytest.raises(ValueError, match="Circular reference detected"):
            library.TypeAdapter(Node).dump_python(cyclic)
