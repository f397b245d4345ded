"""Models in `model_dump` and `model_dump_json`, against pydantic's
(src/serializers/model.rs): nested models in fields, lists and dicts; an
instance of a subclass or of an unrelated model in a field; by_alias,
exclude_none, exclude_defaults, exclude_unset and round_trip at every depth;
and the new containers a dump returns."""

import pytest

from dump_support import S, assert_same_dumps, both, option_id

# ---------------------------------------------------------------------------
# An instance of a subclass, or of an unrelated model, in a model field


def _zoo(ns):
    return ns.Zoo(
        one=ns.Dog(x=1, y="a"),
        many=[ns.Dog(), ns.Animal(x=2)],
        maybe=ns.Dog(y="b"),
        named={"k": ns.Dog(x=3)},
        anything=ns.Dog(x=4),
    )


@pytest.mark.parametrize(
    "options",
    [
        {}, {"exclude_unset": True}, {"include": {"one": {"x", "y"}}}, {"exclude_defaults": True},
        {"serialize_as_any": True}, {"serialize_as_any": True, "exclude": {"many": {"__all__": {"x"}}}},
    ],
    ids=option_id,
)
def test_a_subclass_instance_dumps_only_the_fields_of_the_declared_class(options):
    mine, oracle = both(_zoo)
    assert_same_dumps(mine, oracle, **options)


def test_a_subclass_instance_written_out():
    dumped = _zoo(S).model_dump()
    assert dumped["one"] == {"x": 1}
    assert dumped["many"] == [{"x": 0}, {"x": 2}]
    assert dumped["named"] == {"k": {"x": 3}}
    assert dumped["anything"] == {"x": 4, "y": "woof"}  # Any dumps the instance's own fields


def test_an_instance_of_an_unrelated_model_in_a_model_field():
    # pydantic reads the declared class's fields off it and warns.
    mine, oracle = both(lambda ns: ns.Zoo.model_construct(one=ns.Rock(z=1), many=[ns.Rock()]))
    assert_same_dumps(mine, oracle)


# ---------------------------------------------------------------------------
# by_alias, exclude_none, exclude_defaults, exclude_unset, round_trip at depth


DEFAULTS_INPUTS = {
    "empty": {},
    "all-defaults-given": {"plain": 1, "listed": [1, 2], "made": 7, "maybe": None, "Aliased": "d", "by_key": {}},
    "changed": {"plain": 2, "listed": [], "made": 8, "maybe": "m", "Aliased": "x"},
    "nested": {
        "leaf": {},
        "leaves": [{}, {"n": 0, "label": None}, {"n": 5, "keyName": "kk"}, {"label": "l"}],
        "by_key": {"a": {}, "b": {"label": None, "keyName": "k"}, "c": {"n": 1}},
    },
    "any": {"extra": {"none": None, "list": [None, {"x": None}], "leafy": None}},
}

OPTION_SETS = [
    {},
    {"by_alias": True},
    {"exclude_none": True},
    {"exclude_defaults": True},
    {"exclude_unset": True},
    {"exclude_unset": True, "exclude_defaults": True},
    {"exclude_none": True, "exclude_defaults": True, "by_alias": True},
    {"exclude_unset": True, "exclude_none": True, "by_alias": True},
    {"round_trip": True},
    {"round_trip": True, "exclude_unset": True, "by_alias": True},
    {"exclude_defaults": True, "include": {"leaves": {"__all__": {"n", "label"}}, "plain": True}},
    {"exclude_unset": True, "exclude": {"by_key": {"a"}, "leaves": {-1}}},
]


@pytest.mark.parametrize("options", OPTION_SETS, ids=option_id)
@pytest.mark.parametrize("case", sorted(DEFAULTS_INPUTS))
def test_options_apply_at_every_depth(case, options):
    data = DEFAULTS_INPUTS[case]
    mine, oracle = both(lambda ns: ns.Defaults.model_validate(data))
    assert_same_dumps(mine, oracle, **options)


def test_options_apply_to_models_inside_any_values():
    def make(ns):
        return ns.Defaults(extra={"leaf": ns.Leaf(label=None), "leaves": [ns.Leaf(n=0), ns.Leaf(n=1, keyName="z")]})

    mine, oracle = both(make)
    for options in OPTION_SETS:
        assert_same_dumps(mine, oracle, **options)


def test_options_written_out():
    instance = S.Defaults.model_validate(DEFAULTS_INPUTS["nested"])
    # a default_factory's value counts as the default; a nested model's fields are compared one by one
    assert instance.model_dump(exclude_defaults=True) == {
        "leaf": {},
        "leaves": [{}, {}, {"n": 5, "key_name": "kk"}, {"label": "l"}],
        "by_key": {"a": {}, "b": {}, "c": {"n": 1}},
    }
    assert instance.model_dump(exclude_unset=True, by_alias=True) == {
        "leaf": {},
        "leaves": [{}, {"n": 0, "label": None}, {"n": 5, "keyName": "kk"}, {"label": "l"}],
        "by_key": {"a": {}, "b": {"label": None, "keyName": "k"}, "c": {"n": 1}},
    }
    assert S.Defaults().model_dump(exclude_defaults=True) == {}
    assert S.Defaults(listed=[1, 2], made=7).model_dump(exclude_defaults=True) == {}
    assert S.Defaults(listed=[1, 2], made=7).model_dump(exclude_unset=True) == {"listed": [1, 2], "made": 7}
    assert S.Defaults().model_dump(by_alias=True)["Aliased"] == "d"


def test_exclude_none_keeps_none_in_dicts_and_lists_but_drops_none_fields():
    dumped = S.Defaults(extra={"none": None, "list": [None], "leaf": S.Leaf()}, maybe=None).model_dump(exclude_none=True)
    assert dumped["extra"] == {"none": None, "list": [None], "leaf": {"n": 0, "key_name": "k"}}
    assert "maybe" not in dumped and "leaf" not in dumped


# ---------------------------------------------------------------------------
# The containers a dump returns


def test_dump_returns_new_containers():
    data = {"items": [{"name": "a"}], "matrix": [[1]], "extra": {"l": [1]}}
    mine, oracle = both(lambda ns: ns.Order.model_validate(data))
    assert_same_dumps(mine, oracle)
    dumped = mine.model_dump()
    dumped["matrix"][0].append(2)
    dumped["extra"]["l"].append(2)
    assert mine.matrix == [[1]] and mine.extra == {"l": [1]}

