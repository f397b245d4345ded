"""What one dump call carries through the serializers (src/serializers/dumper.rs),
against pydantic's: the serialization error class, the depth limits of models
and of Any values, cycles and shared values (which raise, which are handed
back as they are), and the warnings for values that do not match their
declared type."""

import json
import warnings

import pytest

import support
from dump_support import (
    P,
    S,
    assert_same_any_dumps,
    assert_same_dumps,
    both,
    canon,
    constructed_chain,
    error_kind,
    mine_serialization_error,
    nested_lists,
    returned,
)
from support import satya_only


def test_serialization_error_is_a_value_error():
    error = mine_serialization_error()
    assert issubclass(error, ValueError)
    assert error.__name__ in {"SerializationError", "PydanticSerializationError"}


@satya_only
def test_serialization_error_has_pydantics_name_too():
    assert support.satya.PydanticSerializationError is support.satya.SerializationError


# ---------------------------------------------------------------------------
# Depth


def _chain(depth):
    """The dict of a Node chain `depth` models deep, every key present."""
    data = {"v": depth, "child": None}
    for level in range(depth - 1, 0, -1):
        data = {"v": level, "child": data}
    return data


@pytest.mark.parametrize("depth", [201, 202, 230, 254, 255])
def test_a_model_chain_201_to_255_deep_dumps(depth):
    data = _chain(depth)
    mine, oracle = both(lambda ns: ns.Node.model_validate(data))
    outcomes = assert_same_dumps(mine, oracle)
    assert returned(outcomes["python"]) == returned(outcomes["json"]) == canon(data)
    assert json.loads(returned(outcomes["text"])[1]) == data
    assert json.loads(mine.model_dump_json()) == data


@pytest.mark.parametrize("depth", [201, 255])
def test_a_deep_chain_dumps_with_options_and_filters(depth):
    data = _chain(depth)
    mine = S.Node.model_validate(data)
    oracle = P.Node.model_validate(data)
    assert_same_dumps(mine, oracle, exclude_unset=True)
    assert_same_dumps(mine, oracle, include={"v": True, "child": {"v": True, "child": ...}})


@pytest.mark.parametrize("depth", [255, 256, 300, 1000])
def test_a_constructed_chain_deeper_than_pydantics_limit_dumps_like_pydantic(depth):
    mine, oracle = both(lambda ns: constructed_chain(ns, depth))
    outcomes = assert_same_dumps(mine, oracle)
    if depth > 255:
        assert outcomes["python"][:3] == ("raises", "builtins.ValueError", "Maximum serialization depth exceeded")
        assert outcomes["text"][:3] == (
            "raises",
            "SerializationError",
            "Error serializing to JSON: ValueError: Maximum serialization depth exceeded",
        )


@pytest.mark.parametrize("depth", [253, 254, 255, 256, 400])
def test_deeply_nested_lists_in_an_any_field_dump_like_pydantic(depth):
    # pydantic: json mode stops with "Maximum serialization depth exceeded";
    # python mode hands the too-deep part back as the input object.
    assert_same_any_dumps(lambda ns: nested_lists(depth))


# ---------------------------------------------------------------------------
# Cycles and shared values


def _self_list():
    value = [1]
    value.append(value)
    return value


def _self_dict():
    value = {"a": 1}
    value["me"] = value
    return value


def _list_dict_cycle():
    inner = []
    outer = {"x": inner}
    inner.append(outer)
    return [outer]


def _shared():
    part = [1, {"k": "v"}]
    return {"first": part, "second": part, "third": [part, part]}


CYCLE_VALUES = {"self-list": _self_list, "self-dict": _self_dict, "list-dict-cycle": _list_dict_cycle, "shared": _shared}


@pytest.mark.parametrize("name", sorted(CYCLE_VALUES))
def test_a_cycle_in_an_any_field_ends_as_in_pydantic(name):
    assert_same_any_dumps(lambda ns: CYCLE_VALUES[name]())


@pytest.mark.parametrize("name", sorted(CYCLE_VALUES))
def test_a_cycle_in_a_list_of_any_ends_as_in_pydantic(name):
    def make(ns):
        value = CYCLE_VALUES[name]()
        items = [value]
        return items, ns.AnyList.model_construct(items=items)

    (mine_value, mine), (oracle_value, oracle) = both(make)
    assert_same_dumps(mine, oracle, {"items": mine_value}, {"items": oracle_value})


CIRCULAR = "Circular reference detected (id repeated)"


def test_a_list_that_contains_itself_written_out():
    value = _self_list()
    mine = S.Holder(a=value)
    # python mode: pydantic copies the outer list and hands back the repeated one as it is
    dumped = mine.model_dump()["a"]
    assert dumped is not value and dumped[0] == 1 and dumped[1] is value
    with pytest.raises(ValueError) as info:
        mine.model_dump(mode="json")
    assert (error_kind(info.value), str(info.value)) == ("builtins.ValueError", CIRCULAR)
    with pytest.raises(mine_serialization_error()) as info:
        mine.model_dump_json()
    assert str(info.value) == f"Error serializing to JSON: ValueError: {CIRCULAR}"


def _node_containing_itself(ns):
    node = ns.Node.model_construct(v=1)
    node.child = node
    return node


def _holder_containing_itself(ns):
    holder = ns.Holder.model_construct()
    holder.a = [holder]
    return holder


def _two_holders(ns):
    first, second = ns.Holder.model_construct(), ns.Holder.model_construct()
    first.a = {"other": second}
    second.a = {"other": first}
    return first


@pytest.mark.parametrize(
    "make", [_node_containing_itself, _holder_containing_itself, _two_holders], ids=lambda f: f.__name__
)
def test_a_model_that_contains_itself_raises_as_in_pydantic(make):
    mine, oracle = both(make)
    outcomes = assert_same_dumps(mine, oracle, mine, oracle)
    # In python mode pydantic raises only for the model field; through an Any
    # value it hands the repeated model back as it is.
    assert outcomes["json"][:3] == ("raises", "builtins.ValueError", CIRCULAR)
    assert outcomes["text"][:3] == ("raises", "SerializationError", f"Error serializing to JSON: ValueError: {CIRCULAR}")


def test_the_same_model_twice_is_not_a_cycle():
    def make(ns):
        leaf = ns.Leaf(n=1)
        return ns.Holder(a=[leaf, leaf, {"again": leaf}])

    mine, oracle = both(make)
    assert_same_dumps(mine, oracle)


# ---------------------------------------------------------------------------
# Values that do not match the declared type, and warnings


MISMATCHES = {
    "float-holds-str": {"f": "str"},
    "int-holds-str": {"i": "x"},
    "int-holds-float": {"i": 1.5},
    "int-holds-bool": {"i": True},
    "float-holds-int": {"f": 1},
    "str-holds-int": {"s": 3},
    "bytes-holds-str": {"b": "s"},
    "bool-holds-int": {"flag": 1},
    "list-holds-tuple": {"ints": (1, 2)},
    "list-item-mismatch": {"ints": [1, "a", 2.5]},
    "dict-value-mismatch": {"by_key": {"k": "v"}},
    "model-holds-dict": {"item": {"name": "x"}},
    "alias-field": {"AA": 3},
    "several": {"f": "str", "i": "x", "ints": [1, "a"], "s": 4},
    "nan-in-int": {"i": float("nan")},
    "huge-int-in-float": {"f": 2**80},
}


@pytest.mark.parametrize("case", sorted(MISMATCHES))
@pytest.mark.parametrize("warn", [True, False, "warn", "none", "error"])
def test_a_mismatched_value_dumps_and_warns_like_pydantic(case, warn):
    values = MISMATCHES[case]
    mine, oracle = both(lambda ns: ns.Typed.model_construct(**values))
    assert_same_dumps(mine, oracle, warnings=warn)


def test_a_mismatched_nested_value_warns_with_the_inner_field_name():
    def make(ns):
        return ns.Typed.model_construct(item=ns.Item.model_construct(name=5, price="p"))

    mine, oracle = both(make)
    assert_same_dumps(mine, oracle)
    assert_same_dumps(mine, oracle, warnings=False)


WARNING_TEXT = (
    "Pydantic serializer warnings:\n  PydanticSerializationUnexpectedValue(Expected `float` - serialized value "
    "may not be as expected [field_name='f', input_value='str', input_type=str])"
)


def test_the_warning_written_out():
    instance = S.Typed.model_construct(f="str")
    for call in (instance.model_dump, lambda **kw: instance.model_dump(mode="json", **kw), instance.model_dump_json):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        assert [(w.category, str(w.message)) for w in caught] == [(UserWarning, WARNING_TEXT)]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call(warnings=False)
        assert caught == []
    assert instance.model_dump(warnings=False)["f"] == "str"
    assert instance.model_dump_json(warnings=False) == (
        '{"f":"str","i":0,"s":null,"b":"","flag":false,"ints":[],"by_key":{},"item":null,"aliased":"q"}'
    )


def test_valid_instances_do_not_warn():
    instance = S.Typed(f=1, i=2, s="s", b=b"b", flag=True, ints=[1], by_key={"k": 1}, item={"name": "n"}, AA="a")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        instance.model_dump()
        instance.model_dump(mode="json")
        instance.model_dump_json()
