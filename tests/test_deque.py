"""`collections.deque[T]` and `typing.Deque[T]`: read as pydantic reads a
list (a deque input's length known at once), made a deque; length
constraints; dumps (a deque in python mode, a list in JSON), against pydantic."""

import collections
import typing

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import container_support as cs
import dump_support
import support
from support import Model, one_field_model

Ints = one_field_model(collections.deque[int])
StrictInts = one_field_model(collections.deque[int], strict=True)


def test_values_are_deques(inputs):
    value = inputs.validate_v(Ints, [1, 2])
    assert type(value) is collections.deque and list(value) == [1, 2]
    assert inputs.validate_v(one_field_model(typing.Deque), ["a", 1]) == collections.deque(["a", 1])


def test_strict_takes_only_deques():
    assert support.validate_v(StrictInts, collections.deque([1])) == collections.deque([1])
    error = support.single_error(StrictInts, [1])
    assert (error["type"], error["msg"]) == ("deque_type", "Input should be a valid deque")


def test_lengths():
    bounded = one_field_model(collections.deque[int], {"min_length": 2, "max_length": 2})
    error = support.single_error(bounded, collections.deque([1, 2, 3]))
    assert error["msg"] == "Deque should have at most 2 items after validation, not 3"
    error = support.single_error(bounded, (i for i in range(5)))
    assert error["msg"] == "Deque should have at most 2 items after validation, not more"
    assert support.single_error(bounded, [1])["msg"] == "Deque should have at least 2 items after validation, not 1"


def test_dumps():
    class M(Model):
        d: collections.deque[int]

    m = M(d=[1, 2])
    assert m.model_dump() == {"d": collections.deque([1, 2])}
    assert type(m.model_dump()["d"]) is collections.deque
    assert m.model_dump(mode="json") == {"d": [1, 2]}
    assert m.model_dump_json() == '{"d":[1,2]}'


ANNOTATIONS = [
    (collections.deque[int], None), (collections.deque, None), (typing.Deque[str], None),
    (collections.deque[int], {"max_length": 2}), (collections.deque[int], {"min_length": 3}),
]


@given(case=st.sampled_from(ANNOTATIONS), shape=st.sampled_from(sorted(cs.SHAPES)), items=cs.ITEM_LISTS, strict=st.booleans())
def test_python_input_matches_pydantic(case, shape, items, strict):
    annotation, field = case
    cs.assert_same_python(annotation, shape, items, strict, field)


@given(case=st.sampled_from(ANNOTATIONS), text=st.one_of(cs.ITEM_LISTS.map(cs.json_array), cs.NON_ARRAYS), strict=st.booleans())
def test_json_input_matches_pydantic(case, text, strict):
    annotation, field = case
    cs.assert_same_json(annotation, text, strict, field)


def _holders(of):
    return type("DequeHolder", (dump_support.model_base(of),), {"__annotations__": {
        "d": collections.deque[float], "b": typing.Deque}})


MINE_HOLDER, ORACLE_HOLDER = _holders(support.lib), _holders(pydantic)


@pytest.mark.parametrize("data", [{"d": [1.5, 2], "b": [1, "x"]}, {"d": [], "b": []}])
def test_dumps_match_pydantic(data):
    dump_support.assert_same_dumps(MINE_HOLDER(**data), ORACLE_HOLDER(**data))
