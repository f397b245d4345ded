"""`tuple[A, B]`, `tuple[T, ...]`, `tuple[()]`, bare `tuple` and `typing.Tuple`:
both inputs, strict and lax, pydantic's errors and length constraints, and
the dumps (a tuple in python mode, a list in JSON), against pydantic."""

import collections
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

import container_support as cs
import dump_support
import pydantic
import support
from support import Model, Field, one_field_model

Pair = one_field_model(tuple[int, str])
Ints = one_field_model(tuple[int, ...])
Empty = one_field_model(tuple[()])
Bare = one_field_model(tuple)
StrictPair = one_field_model(tuple[int, str], strict=True)


def test_a_fixed_tuple_validates_each_position(inputs):
    value = inputs.validate_v(Pair, ["1", "a"] if not inputs.json else [1, "a"])
    assert type(value) is tuple and value == (1, "a")


def test_a_variadic_tuple_and_a_bare_tuple(inputs):
    assert inputs.validate_v(Ints, [1, 2, 3]) == (1, 2, 3)
    assert inputs.validate_v(Ints, []) == ()
    value = inputs.validate_v(Bare, [1, "x", None])
    assert type(value) is tuple and value == (1, "x", None)
    assert inputs.validate_v(Empty, []) == ()


def test_missing_and_extra_items(inputs):
    errors = inputs.errors(Pair, {"v": [1]})
    assert [(e["type"], e["loc"], e["msg"]) for e in errors] == [("missing", ("v", 1), "Field required")]
    error = inputs.single_error(Pair, [1, "a", 3])
    assert (error["type"], error["msg"]) == ("too_long", "Tuple should have at most 2 items after validation, not 3")
    assert error["ctx"] == {"field_type": "Tuple", "max_length": 2, "actual_length": 3}
    error = inputs.single_error(Empty, [1])
    assert error["msg"] == "Tuple should have at most 0 items after validation, not 1"


def test_item_errors_are_located_at_their_index(inputs):
    error = inputs.single_error(Ints, [1, "x", 3])
    assert (error["type"], error["loc"]) == ("int_parsing", ("v", 1))


def test_lax_python_input_takes_every_iterable_pydantic_takes():
    for shape in ("list", "tuple", "set", "frozenset", "deque", "generator", "iterator", "dict_keys", "dict_values"):
        assert support.validate_v(Ints, cs.SHAPES[shape]([4])) == (4,)
    for wrong in ("ab", b"ab", {1: 2}, 5, None):
        assert support.single_error(Ints, wrong)["type"] == "tuple_type"


def test_strict_takes_only_tuples(inputs):
    if inputs.json:
        assert inputs.validate_v(StrictPair, [1, "a"]) == (1, "a")
        assert inputs.single_error(StrictPair, "ab")["msg"] == "Input should be a valid array"
    else:
        assert inputs.validate_v(StrictPair, (1, "a")) == (1, "a")
        error = inputs.single_error(StrictPair, [1, "a"])
        assert (error["type"], error["msg"]) == ("tuple_type", "Input should be a valid tuple")


def test_length_constraints_as_pydantic_words_them():
    bounded = one_field_model(tuple[int, ...], {"min_length": 2, "max_length": 3})
    assert support.validate_v(bounded, [1, 2]) == (1, 2)
    error = support.single_error(bounded, [1])
    assert error["msg"] == "Tuple should have at least 2 items after validation, not 1"
    error = support.single_error(bounded, [1, 2, 3, 4])
    assert error["msg"] == "Tuple should have at most 3 items after validation, not 4"
    # an input whose length is unknown until read: "not more"
    error = support.single_error(bounded, (x for x in range(9)))
    assert error["msg"] == "Tuple should have at most 3 items after validation, not more"
    assert error["ctx"] == {"field_type": "Tuple", "max_length": 3, "actual_length": None}


def test_typing_tuple_forms():
    assert support.validate_v(one_field_model(typing.Tuple[int, int]), ["1", 2]) == (1, 2)
    assert support.validate_v(one_field_model(typing.Tuple), [1, "a"]) == (1, "a")
    assert support.validate_v(one_field_model(typing.Tuple[int, ...]), (1,)) == (1,)


def test_dumps():
    class M(Model):
        a: tuple[int, str]
        b: tuple[int, ...] = ()
        c: tuple = ()

    m = M(a=(1, "x"), b=[1, 2], c=[1, "y"])
    assert m.model_dump() == {"a": (1, "x"), "b": (1, 2), "c": (1, "y")}
    assert type(m.model_dump()["a"]) is tuple
    assert m.model_dump(mode="json") == {"a": [1, "x"], "b": [1, 2], "c": [1, "y"]}
    assert m.model_dump_json() == '{"a":[1,"x"],"b":[1,2],"c":[1,"y"]}'


# ---------------------------------------------------------------------------
# Differential against pydantic

ANNOTATIONS = [
    (tuple[int, str], None), (tuple[int, ...], None), (tuple[()], None), (tuple, None),
    (typing.Tuple[int, int, int], None), (tuple[str, ...], None),
    (tuple[int, ...], {"max_length": 2}), (tuple[int, ...], {"min_length": 3}),
    (tuple[int, int], {"max_length": 1}), (tuple[int, int], {"min_length": 3}),
    (tuple[tuple[int, str], ...], None), (tuple[int, typing.Optional[int]], None),
]


@given(case=st.sampled_from(ANNOTATIONS), shape=st.sampled_from(sorted(cs.SHAPES)), items=cs.ITEM_LISTS, strict=st.booleans())
def test_python_input_matches_pydantic(case, shape, items, strict):
    annotation, field = case
    cs.assert_same_python(annotation, shape, items, strict, field)


@given(case=st.sampled_from(ANNOTATIONS), text=st.one_of(cs.ITEM_LISTS.map(cs.json_array), cs.NON_ARRAYS), strict=st.booleans())
def test_json_input_matches_pydantic(case, text, strict):
    annotation, field = case
    cs.assert_same_json(annotation, text, strict, field)


def test_nested_tuples_match_pydantic():
    for text in ['[[1, "a"], [2, "b"]]', '[[1], [2, "b", 3]]', '[["x", 1]]', "[5]"]:
        cs.assert_same_json(tuple[tuple[int, str], ...], text, False)


def _holders(of):
    return type("TupleHolder", (dump_support.model_base(of),), {"__annotations__": {
        "a": tuple[int, str], "b": tuple[float, ...], "c": tuple, "d": typing.Optional[tuple[int, ...]]}, "d": None})


MINE_HOLDER, ORACLE_HOLDER = _holders(support.lib), _holders(pydantic)


@pytest.mark.parametrize("data", [
    {"a": (1, "x"), "b": (1.5, 2.0), "c": (1, "y", None), "d": (3,)},
    {"a": [0, ""], "b": [], "c": [{"a": 1}], "d": None},
])
def test_dumps_match_pydantic(data):
    dump_support.assert_same_dumps(MINE_HOLDER(**data), ORACLE_HOLDER(**data))


def test_dumping_another_type_warns_as_pydantic_does():
    mine = MINE_HOLDER.model_construct(a=[1, "x"], b=[1.0], c=[1], d=None)
    oracle = ORACLE_HOLDER.model_construct(a=[1, "x"], b=[1.0], c=[1], d=None)
    dump_support.assert_same_dumps(mine, oracle)


@pytest.mark.parametrize("annotation, index", [(tuple[int, ...], 3), (tuple[int, int], 3), (set[int], 2), (collections.deque[int], 2)])
def test_an_iterator_that_raises_is_an_iteration_error_as_pydantic_reports_it(annotation, index):
    # pydantic's tuple names the place after the failing one; the items' own errors are dropped
    error = support.single_error(one_field_model(annotation), cs.SHAPES["raising"]([1, "x"]))
    assert (error["type"], error["loc"]) == ("iteration_error", ("v", index))
    assert error["msg"] == "Error iterating over object, error: RuntimeError: boom"
    assert error["ctx"] == {"error": "RuntimeError: boom"}
