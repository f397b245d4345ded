"""`set[T]` and `frozenset[T]` (bare, `typing.Set`, `typing.FrozenSet`,
`conset`, `confrozenset`): both inputs, strict and lax, duplicates counted
once, unhashable items, length constraints ("not more" past `max_length`),
and the dumps (the set type in python mode, a list in JSON), against pydantic."""

import typing

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import container_support as cs
import dump_support
import support
from support import Model, one_field_model, satya_only

Ints = one_field_model(set[int])
FrozenInts = one_field_model(frozenset[int])
StrictInts = one_field_model(set[int], strict=True)
StrictFrozen = one_field_model(frozenset[int], strict=True)


def test_set_and_frozenset_values(inputs):
    value = inputs.validate_v(Ints, [1, 2, 2])
    assert type(value) is set and value == {1, 2}
    value = inputs.validate_v(FrozenInts, [3, 3])
    assert type(value) is frozenset and value == frozenset({3})


def test_item_errors_at_their_index(inputs):
    error = inputs.single_error(Ints, [1, "x"])
    assert (error["type"], error["loc"]) == ("int_parsing", ("v", 1))


def test_strict_takes_only_the_type_itself():
    assert support.validate_v(StrictInts, {1}) == {1}
    assert support.validate_v(StrictFrozen, frozenset({1})) == frozenset({1})
    for model, wrong, kind, msg in [
        (StrictInts, [1], "set_type", "Input should be a valid set"),
        (StrictInts, frozenset({1}), "set_type", "Input should be a valid set"),
        (StrictFrozen, {1}, "frozen_set_type", "Input should be a valid frozenset"),
    ]:
        error = support.single_error(model, wrong)
        assert (error["type"], error["msg"]) == (kind, msg)


def test_json_takes_an_array_only(inputs):
    assert inputs.validate_v(Ints, [1]) == {1}
    if inputs.json:
        error = inputs.single_error(FrozenInts, "ab")
        assert (error["type"], error["msg"]) == ("frozen_set_type", "Input should be a valid array")


def test_unhashable_items():
    error = support.single_error(one_field_model(set), [[1]])
    assert (error["type"], error["loc"], error["msg"]) == ("set_item_not_hashable", ("v", 0), "Set items should be hashable")
    errors = support.errors_of(pytest.raises(support.ValidationError, one_field_model(frozenset[typing.Any]).model_validate, {"v": [1, {}, []]}).value)
    assert [(e["type"], e["loc"]) for e in errors] == [("set_item_not_hashable", ("v", 1)), ("set_item_not_hashable", ("v", 2))]


def test_lengths_count_distinct_items():
    bounded = one_field_model(set[int], {"min_length": 2, "max_length": 2})
    assert support.validate_v(bounded, [1, 1, 2, 2]) == {1, 2}
    error = support.single_error(bounded, [1, 2, 3])
    assert error["msg"] == "Set should have at most 2 items after validation, not more"
    assert error["ctx"] == {"field_type": "Set", "max_length": 2, "actual_length": None}
    error = support.single_error(bounded, [1, 1])
    assert error["msg"] == "Set should have at least 2 items after validation, not 1"


@satya_only
def test_conset_and_confrozenset():
    from satya.types import confrozenset, conset

    cls = one_field_model(conset(int, max_length=1))
    assert cls(v=[1, 1]).v == {1}
    assert support.single_error(cls, [1, 2])["type"] == "too_long"
    cls = one_field_model(confrozenset(str, min_length=1))
    assert cls(v=["a"]).v == frozenset({"a"})
    assert support.single_error(cls, [])["msg"] == "Frozenset should have at least 1 item after validation, not 0"


def test_dumps():
    class M(Model):
        s: set[int]
        f: frozenset[str]

    m = M(s=[1], f=["a"])
    assert m.model_dump() == {"s": {1}, "f": frozenset({"a"})}
    assert type(m.model_dump()["f"]) is frozenset
    assert m.model_dump(mode="json") == {"s": [1], "f": ["a"]}
    assert m.model_dump_json() == '{"s":[1],"f":["a"]}'


# ---------------------------------------------------------------------------
# Differential against pydantic

ANNOTATIONS = [
    (set[int], None), (frozenset[int], None), (set, None), (frozenset, None), (typing.Set[str], None),
    (typing.FrozenSet[float], None), (set[int], {"max_length": 2}), (frozenset[int], {"min_length": 3}),
    (set[typing.Optional[int]], None),
]


@given(case=st.sampled_from(ANNOTATIONS), shape=st.sampled_from(sorted(cs.SHAPES)), items=cs.ITEM_LISTS, strict=st.booleans())
def test_python_input_matches_pydantic(case, shape, items, strict):
    annotation, field = case
    cs.assert_same_python(annotation, shape, items, strict, field)


@given(case=st.sampled_from(ANNOTATIONS), text=st.one_of(cs.ITEM_LISTS.map(cs.json_array), cs.NON_ARRAYS), strict=st.booleans())
def test_json_input_matches_pydantic(case, text, strict):
    annotation, field = case
    cs.assert_same_json(annotation, text, strict, field)


@pytest.mark.parametrize("text", ["[[1]]", '[{"a": 1}]', "[[1], 2, []]"])
def test_unhashable_json_items_match_pydantic(text):
    cs.assert_same_json(set, text, False)
    cs.assert_same_json(frozenset, text, True)


def _holders(of):
    return type("SetHolder", (dump_support.model_base(of),), {"__annotations__": {
        "s": set[int], "f": frozenset[str], "b": set, "o": typing.Optional[frozenset[float]]}, "o": None})


MINE_HOLDER, ORACLE_HOLDER = _holders(support.lib), _holders(pydantic)


@pytest.mark.parametrize("data", [
    {"s": {1, 2}, "f": frozenset({"a"}), "b": {1, "x", None}, "o": frozenset({1.5})},
    {"s": [], "f": [], "b": set(), "o": None},
])
def test_dumps_match_pydantic(data):
    dump_support.assert_same_dumps(MINE_HOLDER(**data), ORACLE_HOLDER(**data))


def test_dumping_another_type_warns_as_pydantic_does():
    mine = MINE_HOLDER.model_construct(s=[1], f=("a",), b=[1], o=None)
    oracle = ORACLE_HOLDER.model_construct(s=[1], f=("a",), b=[1], o=None)
    dump_support.assert_same_dumps(mine, oracle)
