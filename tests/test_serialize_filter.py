"""`include` and `exclude` in `model_dump` and `model_dump_json`, against
pydantic's (src/serializers/filter.rs): nested sets and dicts, `True` and
`...`, "__all__", list indexes negative and out of range, dict keys, filters
reaching into an Any value, both filters at once, and the values pydantic
refuses with a TypeError."""

import pytest

from dump_support import assert_same_dumps, both, canon, option_id, returned


def _account(ns):
    return ns.Account(user={"name": "ann", "password": "pw"}, tags=["t"], id=3)


def test_nested_include_keeps_only_the_named_fields():
    mine, oracle = both(_account)
    outcomes = assert_same_dumps(mine, oracle, include={"user": {"name"}})
    assert returned(outcomes["python"]) == canon({"user": {"name": "ann"}})
    assert returned(outcomes["text"]) == canon('{"user":{"name":"ann"}}')


def test_nested_exclude_keeps_the_rest_of_the_model():
    mine, oracle = both(_account)
    outcomes = assert_same_dumps(mine, oracle, exclude={"user": {"password"}})
    assert returned(outcomes["python"]) == canon({"user": {"name": "ann"}, "tags": ["t"], "id": 3})


@pytest.mark.parametrize(
    "options",
    [
        {"include": {"user": True}},
        {"include": {"user": ...}},
        {"include": {"user": {"name": True, "password": ...}}},
        {"include": {"user": {"name"}}, "exclude": {"user": {"name"}}},
        {"include": {"user"}, "exclude": {"user": {"password"}}},
        {"exclude": {"user": ..., "tags": {0}}},
        {"include": {"user": {"name"}, "tags": {-1}}, "by_alias": True},
        {"include": {"user": {}}},
        {"include": {"user": set()}},
        {"exclude": {"user": {}}},
        {"include": {"__all__"}},
        {"include": {"__all__": {"name"}}},
        {"exclude": {"__all__": {"name"}}},
    ],
    ids=option_id,
)
def test_include_and_exclude_on_a_nested_model(options):
    mine, oracle = both(_account)
    assert_same_dumps(mine, oracle, **options)


ORDER_DATA = {
    "items": [{"name": "a", "price": 1.5}, {"name": "b", "note": "n"}, {"name": "c", "price": -0.0}],
    "by_sku": {"x": {"name": "ix"}, "y": {"name": "iy", "price": 2, "note": None}},
    "matrix": [[1, 2, 3], [4, 5], []],
    "counts": {1: 10, 2: 20, -3: 30},
    "main": {"name": "m"},
    "extra": {"k": [1, 2, (3, 4)], "j": {"deep": [{"a": 1, "b": 2}]}, "n": None},
}


def _order(ns):
    return ns.Order.model_validate(ORDER_DATA)


FILTERS = [
    # indexes, negative and out of range, at several levels
    {"include": {"items": {0, -1}}},
    {"include": {"items": {-1: {"name"}}}},
    {"include": {"items": {-1: {"name"}, 2: {"price"}}}},
    {"include": {"items": {2: {"price"}, -1: {"name"}}}},
    {"include": {"items": {5, -5, 1}}},
    {"exclude": {"items": {-1, 10, -10}}},
    {"exclude": {"items": {-3: True, 1: ...}}},
    {"include": {"matrix": {-1: True, 0: {-1, 0}, 1: {7}}}},
    {"exclude": {"matrix": {"__all__": {0}}}},
    {"include": {"matrix": {"__all__": {-1}}}},
    # __all__ at nested levels
    {"include": {"items": {"__all__": {"name"}}}},
    {"include": {"items": {"__all__": {"name"}, 0: {"price"}}}},
    {"exclude": {"items": {"__all__": {"name"}, 0: {"price"}}}},
    {"exclude": {"items": {"__all__": {"name"}, 0: True}}},
    {"exclude": {"items": {"__all__"}}},
    {"exclude": {"items": {"__all__": ...}}},
    {"include": {"by_sku": {"__all__": {"note"}}}},
    {"include": {"by_sku": {"x": {"name"}, "__all__": {"price"}}}},
    {"include": {"__all__": ...}},
    {"include": {"__all__": {"name"}}},
    {"exclude": {"__all__": {"__all__"}}},
    # dict keys
    {"include": {"by_sku": {"y"}}},
    {"exclude": {"by_sku": {"y": {"note"}, "zz": True}}},
    {"include": {"counts": {1, -3}}},
    {"include": {"counts": {"1"}}},
    {"exclude": {"counts": {2: True}}},
    # inside an Any value
    {"include": {"extra": {"k": {0, -1}, "j": {"deep": {0: {"b"}}}}}},
    {"include": {"extra": {"k": {-1: {0}}}}},
    {"exclude": {"extra": {"k": {"__all__"}, "n": True}}},
    {"include": {"extra": {"__all__": {"deep"}}}},
    {"include": {"extra": {"n": {"x"}}}},
    # both at once, and the other forms of a key collection
    {"include": {"items", "main"}, "exclude": {"items"}},
    {"include": {"items": {0, 1}}, "exclude": {"items": {1}}},
    {"include": {"items": {0, 1}}, "exclude": {"items": ...}},
    {"include": {"items": {0: {"name"}}}, "exclude": {"items": {0: {"name"}}}},
    {"include": {"items": {0: {"name"}}}, "exclude": {"items": {0}}},
    {"include": ["items", "main"]},
    {"include": ("main",)},
    {"include": frozenset({"main"})},
    {"include": {"items": [0, 2]}},
    {"include": {"nope"}},
    {"exclude": {"nope"}},
    {"include": set()},
    {"include": {}},
    {"exclude": {}},
    {"include": {"main": None}},
    {"exclude": {"main": None}},
    {"exclude": {"__all__": None}},
    {"include": {"__all__": None, "main": {"name"}}},
    {"include": {"items": {"__all__": set()}}},
    {"include": {"items": {"__all__": None, 0: {"name"}}}},
    {"exclude": {"items": {"__all__": {}}}},
    # refused by pydantic with a TypeError (and a serialization error from model_dump_json)
    {"include": {"main": False}},
    {"exclude": {"main": False}},
    {"include": {"main": 1}},
    {"include": {"items": {0: "name"}}},
]


@pytest.mark.parametrize("options", FILTERS, ids=option_id)
@pytest.mark.parametrize("by_alias", [False, True])
def test_include_and_exclude_at_nested_levels(options, by_alias):
    mine, oracle = both(_order)
    assert_same_dumps(mine, oracle, by_alias=by_alias, **options)


def test_a_negative_index_counts_from_the_end():
    mine, oracle = both(_order)
    outcomes = assert_same_dumps(mine, oracle, include={"items": {-1: {"name"}}, "matrix": {-2}})
    assert returned(outcomes["python"]) == canon({"items": [{"name": "c"}], "matrix": [[4, 5]]})


def test_a_bad_include_value_is_pydantics_type_error():
    mine, oracle = both(_order)
    outcomes = assert_same_dumps(mine, oracle, include={"main": False})
    assert outcomes["python"][:3] == ("raises", "builtins.TypeError", "`include` argument must be a set or dict.")
    assert outcomes["text"][:3] == (
        "raises",
        "SerializationError",
        "Error serializing to JSON: TypeError: `include` argument must be a set or dict.",
    )



@pytest.mark.parametrize("value", [None, 3, "x"])
def test_a_key_that_all_also_names_needs_a_set_or_dict_value(value):
    """Merged with "__all__", a key's value is read as a set or dict first, so
    anything else is pydantic's TypeError even where "__all__" says "all"."""
    mine, oracle = both(_order)
    options = {"include": {"items": {0: {"__all__": value, "name": True}, "__all__": {"__all__": True}}}}
    outcomes = assert_same_dumps(mine, oracle, **options)
    assert outcomes["python"][:2] == ("raises", "builtins.TypeError")
