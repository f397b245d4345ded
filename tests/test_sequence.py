"""`Sequence[T]`, `Iterable[T]` and `Mapping[K, V]` (typing and
collections.abc): which inputs pydantic takes, the type it keeps, its errors
and dumps.

`Iterable[T]` is where satya differs on purpose: pydantic returns a lazy
iterator that validates each item when it is taken (and can be consumed once);
satya reads the input at once and returns a list of validated items, so an
item's error is raised by validation itself (see the `divergence` tests)."""

import collections
import collections.abc
import typing

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import container_support as cs
import dump_support
import support
from support import Model, divergence, one_field_model, satya_only

Seq = one_field_model(typing.Sequence[int])
StrictSeq = one_field_model(typing.Sequence[int], strict=True)
It = one_field_model(typing.Iterable[int])
Map = one_field_model(typing.Mapping[int, int])


class MyTuple(tuple):
    pass


class MyDeque(collections.deque):
    pass


def test_sequence_keeps_the_input_type():
    assert type(support.validate_v(Seq, [1])) is list
    assert support.validate_v(Seq, ("1", 2)) == (1, 2)
    value = support.validate_v(Seq, collections.deque(["3"]))
    assert type(value) is collections.deque and list(value) == [3]
    assert support.validate_v(Seq, range(2)) == [0, 1]
    assert type(support.validate_v(Seq, MyTuple((1,)))) is MyTuple
    assert type(support.validate_v(Seq, MyDeque([1]))) is MyDeque


def test_sequence_refuses_str_bytes_and_non_sequences():
    error = support.single_error(Seq, "ab")
    assert (error["type"], error["msg"]) == ("sequence_str", "'str' instances are not allowed as a Sequence value")
    assert error["ctx"] == {"type_name": "str"}
    assert support.single_error(Seq, b"ab")["msg"] == "'bytes' instances are not allowed as a Sequence value"
    for wrong in ({1}, {1: 2}, (x for x in [1]), 5):
        error = support.single_error(Seq, wrong)
        assert (error["type"], error["msg"]) == ("is_instance_of", "Input should be an instance of Sequence")
    assert support.single_error(Seq, bytearray(b"a"))["type"] == "list_type"


def test_strict_sequence_takes_lists_and_tuples():
    assert support.validate_v(StrictSeq, (1,)) == (1,)
    assert support.single_error(StrictSeq, collections.deque([1]))["type"] == "list_type"
    assert support.single_error(StrictSeq, [1, "1"])["type"] == "int_type"


def test_sequence_from_json(inputs):
    inputs.validate_v(Seq, [1])
    if inputs.json:
        assert inputs.single_error(Seq, "ab")["msg"] == "Input should be a valid array"
        assert type(inputs.validate_v(Seq, [1, "2"])) is list


@satya_only  # the divergence below: pydantic returns an iterator
def test_iterable_items_are_validated(inputs):
    assert inputs.validate_v(It, [1, "2"] if not inputs.json else [1, 2]) == [1, 2]


def test_iterable_refuses_non_iterables():
    error = support.single_error(It, 5)
    assert (error["type"], error["msg"]) == ("iterable_type", "Input should be iterable")


@divergence("satya validates an Iterable at once and returns a list; pydantic returns a lazy iterator")
def test_an_iterable_is_validated_when_consumed():
    value = It(v=[1, "x"]).v
    assert not isinstance(value, list)
    with pytest.raises(support.ANY_VALIDATION_ERROR):
        list(value)


@divergence("satya's Iterable holds a list, which can be read again; pydantic's iterator is used up")
def test_an_iterable_is_consumed_once():
    value = It(v=[1, 2]).v
    assert list(value) == [1, 2]
    assert list(value) == []


def test_mapping_is_a_dict(inputs):
    value = inputs.validate_v(Map, {"1": 2})
    assert type(value) is dict and value == {1: 2}
    errors = inputs.errors(Map, {"v": {"a": 1}})
    assert [(e["type"], e["loc"]) for e in errors] == [("int_parsing", ("v", "a", "[key]"))]


def test_mapping_takes_other_mappings():
    from types import MappingProxyType

    assert support.validate_v(Map, MappingProxyType({1: 2})) == {1: 2}
    assert support.validate_v(one_field_model(collections.abc.Mapping), {"a": 1}) == {"a": 1}


def test_dumps():
    class M(Model):
        s: typing.Sequence[int]
        m: typing.Mapping[int, str]

    m = M(s=(1, 2), m={1: "a"})
    assert m.model_dump() == {"s": (1, 2), "m": {1: "a"}}
    assert m.model_dump(mode="json") == {"s": [1, 2], "m": {"1": "a"}}
    assert m.model_dump_json() == '{"s":[1,2],"m":{"1":"a"}}'


@satya_only  # pydantic's iterator dumps only what is left of it
def test_an_iterable_dumps_as_a_list():
    class M(Model):
        i: typing.Iterable[int]

    m = M(i=(3, "4"))
    assert m.model_dump() == {"i": [3, 4]}
    assert m.model_dump_json() == '{"i":[3,4]}'


# ---------------------------------------------------------------------------
# Differential against pydantic (Sequence and Mapping)

SEQUENCES = [
    (typing.Sequence[int], None), (collections.abc.Sequence, None), (typing.Sequence[str], None),
    (typing.Sequence, None), (typing.Sequence[int], {"max_length": 2}),
]
SEQUENCE_SHAPES = ["list", "tuple", "set", "frozenset", "deque", "generator", "dict_keys"]


@given(case=st.sampled_from(SEQUENCES), shape=st.sampled_from(SEQUENCE_SHAPES), items=cs.ITEM_LISTS, strict=st.booleans())
def test_sequence_python_input_matches_pydantic(case, shape, items, strict):
    annotation, field = case
    cs.assert_same_python(annotation, shape, items, strict, field)


@given(case=st.sampled_from(SEQUENCES), text=st.one_of(cs.ITEM_LISTS.map(cs.json_array), cs.NON_ARRAYS), strict=st.booleans())
def test_sequence_json_input_matches_pydantic(case, text, strict):
    annotation, field = case
    cs.assert_same_json(annotation, text, strict, field)


MAPPINGS = [typing.Mapping[int, int], typing.Mapping[str, float], collections.abc.Mapping]
KEYS = st.sampled_from(["1", "a", "-2", "1.0", "x1", " 3"])
VALUES = st.one_of(st.integers(-5, 5), st.sampled_from(['"1"', '"b"', "1.5", "null", "[]"]).map(lambda t: pydantic_json(t)))


def pydantic_json(text):
    import json

    return json.loads(text)


@given(annotation=st.sampled_from(MAPPINGS), data=st.dictionaries(KEYS, VALUES, max_size=4), strict=st.booleans())
def test_mapping_matches_pydantic(annotation, data, strict):
    import json

    mine, oracle = cs.models(annotation, None, strict)
    for kind, make in (("python", lambda: {"v": dict(data)}), ("json", lambda: json.dumps({"v": data}))):
        assert cs.attempt(mine, kind, make, strict) == cs.attempt(oracle, kind, make, strict)


def _holders(of):
    return type("SeqHolder", (dump_support.model_base(of),), {"__annotations__": {
        "s": typing.Sequence[float], "m": typing.Mapping[int, float]}})


MINE_HOLDER, ORACLE_HOLDER = _holders(support.lib), _holders(pydantic)


@pytest.mark.parametrize("data", [
    {"s": [1, 2.5], "m": {1: 2}}, {"s": (1,), "m": {}}, {"s": collections.deque([2]), "m": {-1: 0.5}},
])
def test_dumps_match_pydantic(data):
    dump_support.assert_same_dumps(MINE_HOLDER(**data), ORACLE_HOLDER(**data))
