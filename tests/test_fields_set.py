"""`model_fields_set` (which fields were given explicitly) against pydantic's,
with the same classes built by both libraries: construction, model_validate and
model_validate_json, nested models (in lists and dicts too), defaults and
default factories (never counted), aliases (the set holds field names),
assignment, model_construct, model_copy, copy / deepcopy / pickle, a model with
more fields than a 64-bit word holds, and `exclude_unset`, which reads the set
at every depth."""

import copy
import json
import pickle
from typing import Any, Optional

import pydantic
import pytest

import support
from dump_support import MINE, model_base, publish


def define(lib, prefix):
    """The classes of these tests for `lib`, registered in this module under
    `prefix` + their name so that pickle finds them."""
    Base = model_base(lib)
    Field = lib.Field

    class Sub(Base):
        x: int = 0
        y: str = "y"

    class User(Base):
        id: int
        name: str = "anon"
        score: float = Field(1.5, alias="Score")
        tags: list[str] = Field(default_factory=list)
        sub: Optional[Sub] = None
        subs: list[Sub] = []
        by_key: dict[str, Sub] = {}
        extra: Any = None

    class Node(Base):
        v: int = 0
        child: Optional["Node"] = None

    wide_fields = {f"f{i}": (int, i) for i in range(130)}
    wide_namespace = {"__module__": __name__, "__annotations__": {name: tp for name, (tp, _) in wide_fields.items()}}
    wide_namespace.update({name: default for name, (_, default) in wide_fields.items()})
    Wide = type("Wide", (Base,), wide_namespace)

    return publish(prefix, {"Sub": Sub, "User": User, "Node": Node, "Wide": Wide})


S = define(MINE, "Mine")
P = define(pydantic, "Oracle")


def fields_set(instance):
    value = instance.model_fields_set
    assert type(value) is set, type(value)
    return value


def same(mine, oracle):
    """Both instances have the same fields set (and both are plain sets)."""
    assert fields_set(mine) == fields_set(oracle)


# ---------------------------------------------------------------------------
# Construction and validation


USER_INPUTS = [
    {"id": 1},
    {"id": 1, "name": "anon"},  # a value equal to the default still counts
    {"id": 1, "Score": 2.0},
    {"id": 1, "tags": ["a"], "sub": None},  # None given explicitly counts
    {"id": 1, "name": "n", "Score": 1, "tags": [], "sub": {}, "subs": [], "by_key": {}, "extra": None},
    {"id": 1, "unknown": 5, "score": 9.0},  # unknown keys and the field name of an aliased field do not count
]


@pytest.mark.parametrize("data", USER_INPUTS)
def test_constructor_sets_the_keywords_given(data):
    same(S.User(**data), P.User(**data))


@pytest.mark.parametrize("data", USER_INPUTS)
def test_model_validate_sets_the_keys_given(data):
    mine, oracle = S.User.model_validate(data), P.User.model_validate(data)
    same(mine, oracle)


@pytest.mark.parametrize("data", USER_INPUTS)
def test_model_validate_json_sets_the_keys_given(data):
    text = json.dumps(data)
    same(S.User.model_validate_json(text), P.User.model_validate_json(text))


def test_a_duplicate_json_key_counts_once():
    text = '{"id": 1, "name": "a", "name": "b"}'
    same(S.User.model_validate_json(text), P.User.model_validate_json(text))


def test_defaults_and_default_factories_are_not_counted():
    mine, oracle = S.User(id=3), P.User(id=3)
    same(mine, oracle)
    assert fields_set(mine) == {"id"}
    same(S.Sub(), P.Sub())
    assert fields_set(S.Sub()) == set()


def test_aliased_fields_are_recorded_by_field_name():
    mine, oracle = S.User.model_validate({"id": 1, "Score": 3}), P.User.model_validate({"id": 1, "Score": 3})
    same(mine, oracle)
    assert "score" in fields_set(mine) and "Score" not in fields_set(mine)


@pytest.mark.parametrize("kind", ["python", "json"])
def test_nested_models_have_their_own_fields_set(kind):
    data = {
        "id": 1,
        "sub": {"x": 1},
        "subs": [{}, {"y": "q"}, {"x": 2, "y": "z"}],
        "by_key": {"a": {"y": "b"}, "b": {}},
    }

    def load(cls):
        return cls.model_validate_json(json.dumps(data)) if kind == "json" else cls.model_validate(data)

    mine, oracle = load(S.User), load(P.User)
    same(mine, oracle)
    same(mine.sub, oracle.sub)
    assert fields_set(mine.sub) == {"x"}
    assert len(mine.subs) == len(oracle.subs) == 3
    for m, o in zip(mine.subs, oracle.subs):
        same(m, o)
    assert [fields_set(m) for m in mine.subs] == [set(), {"y"}, {"x", "y"}]
    for key in data["by_key"]:
        same(mine.by_key[key], oracle.by_key[key])


def test_a_self_referencing_chain_records_each_level():
    data = {"v": 1, "child": {"child": {"v": 3}}}
    mine, oracle = S.Node.model_validate(data), P.Node.model_validate(data)
    while oracle is not None:
        same(mine, oracle)
        mine, oracle = mine.child, oracle.child
    assert mine is None


def test_an_instance_given_as_a_field_value_keeps_its_fields_set():
    mine = S.User(id=1, sub=S.Sub(y="a"), subs=[S.Sub(), S.Sub(x=1)])
    oracle = P.User(id=1, sub=P.Sub(y="a"), subs=[P.Sub(), P.Sub(x=1)])
    same(mine, oracle)
    same(mine.sub, oracle.sub)
    for m, o in zip(mine.subs, oracle.subs):
        same(m, o)


def test_model_validate_of_an_instance_keeps_its_fields_set():
    mine, oracle = S.User(id=1, name="n"), P.User(id=1, name="n")
    same(S.User.model_validate(mine), P.User.model_validate(oracle))


# ---------------------------------------------------------------------------
# Assignment


@pytest.mark.parametrize("field, value", [("name", "z"), ("name", "anon"), ("score", 1.5), ("sub", None), ("tags", ["t"])])
def test_assignment_adds_the_field(field, value):
    mine, oracle = S.User(id=1), P.User(id=1)
    setattr(mine, field, value)
    setattr(oracle, field, value)
    same(mine, oracle)
    assert field in fields_set(mine)


def test_assignment_to_a_nested_model_changes_only_its_fields_set():
    mine, oracle = S.User(id=1, sub={}), P.User(id=1, sub={})
    mine.sub.x = 5
    oracle.sub.x = 5
    same(mine, oracle)
    same(mine.sub, oracle.sub)


# ---------------------------------------------------------------------------
# model_construct


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"id": 1},
        {"id": 1, "name": "anon"},
        {"Score": 2.0},  # given by alias: recorded by name
        {"score": 2.0},
        {"id": 1, "unknown": 3},  # unknown keys are not fields
        {"sub": None, "tags": []},
    ],
)
def test_model_construct_records_the_fields_given(values):
    same(S.User.model_construct(**values), P.User.model_construct(**values))


@pytest.mark.parametrize(
    "given, values",
    [
        (set(), {"id": 1}),
        ({"name"}, {"id": 1}),
        ({"name", "score", "sub"}, {}),
        ({"id"}, {"id": 2, "name": "b"}),
        pytest.param(
            {"not_a_field"}, {"id": 1},
            # a divergence (see support.divergence), as a parameter's mark
            marks=() if support.ORACLE else pytest.mark.xfail(
                strict=True, reason="the fields set is a native bitset of the model's fields: a name that "
                                    "is not a field is not kept (pydantic keeps it)"),
        ),
    ],
)
def test_model_construct_with_fields_set_takes_it_as_given(given, values):
    mine = S.User.model_construct(_fields_set=set(given), **values)
    oracle = P.User.model_construct(_fields_set=set(given), **values)
    same(mine, oracle)
    assert fields_set(mine) == given


def test_model_construct_fields_set_drives_exclude_unset():
    mine = S.User.model_construct(_fields_set={"name"}, id=1, name="n")
    oracle = P.User.model_construct(_fields_set={"name"}, id=1, name="n")
    assert mine.model_dump(exclude_unset=True) == oracle.model_dump(exclude_unset=True) == {"name": "n"}


# ---------------------------------------------------------------------------
# model_copy, copy, deepcopy, pickle


@pytest.mark.parametrize("update", [None, {}, {"name": "new"}, {"score": 2.0, "tags": ["q"]}, {"id": 7}])
@pytest.mark.parametrize("deep", [False, True])
def test_model_copy_adds_the_updated_fields(update, deep):
    mine, oracle = S.User(id=1, sub={"x": 1}), P.User(id=1, sub={"x": 1})
    mine_copy, oracle_copy = mine.model_copy(update=update, deep=deep), oracle.model_copy(update=update, deep=deep)
    same(mine_copy, oracle_copy)
    same(mine_copy.sub, oracle_copy.sub)
    assert fields_set(mine_copy) == {"id", "sub"} | set(update or ())
    assert mine_copy.model_dump(exclude_unset=True) == oracle_copy.model_dump(exclude_unset=True)


def test_model_copy_of_a_constructed_instance_keeps_its_fields_set():
    mine = S.User.model_construct(_fields_set={"name"}, id=1)
    oracle = P.User.model_construct(_fields_set={"name"}, id=1)
    same(mine.model_copy(), oracle.model_copy())
    same(mine.model_copy(update={"tags": []}), oracle.model_copy(update={"tags": []}))


def _copies(instance):
    return {
        "copy": copy.copy(instance),
        "deepcopy": copy.deepcopy(instance),
        "model_copy": instance.model_copy(),
        **{f"pickle-{p}": pickle.loads(pickle.dumps(instance, protocol=p)) for p in range(pickle.HIGHEST_PROTOCOL + 1)},
    }


@pytest.mark.parametrize("how", ["copy", "deepcopy", "model_copy"] + [f"pickle-{p}" for p in range(pickle.HIGHEST_PROTOCOL + 1)])
def test_copies_and_pickles_keep_the_fields_set(how):
    mine = S.User(id=1, Score=2, sub={"y": "b"}, subs=[{}, {"x": 1}])
    oracle = P.User(id=1, Score=2, sub={"y": "b"}, subs=[{}, {"x": 1}])
    mine_copy, oracle_copy = _copies(mine)[how], _copies(oracle)[how]
    same(mine_copy, oracle_copy)
    same(mine_copy.sub, oracle_copy.sub)
    for m, o in zip(mine_copy.subs, oracle_copy.subs):
        same(m, o)
    assert mine_copy.model_dump(exclude_unset=True) == oracle_copy.model_dump(exclude_unset=True)


@pytest.mark.parametrize("how", ["copy", "deepcopy", "model_copy", "pickle-5"])
def test_a_copy_has_its_own_fields_set(how):
    mine, oracle = S.User(id=1), P.User(id=1)
    mine_copy, oracle_copy = _copies(mine)[how], _copies(oracle)[how]
    mine_copy.name = "changed"
    oracle_copy.name = "changed"
    same(mine, oracle)
    same(mine_copy, oracle_copy)
    assert "name" not in fields_set(mine)


def test_pickle_keeps_the_fields_set_of_a_constructed_instance():
    mine = S.User.model_construct(_fields_set={"score", "tags"}, id=1)
    oracle = P.User.model_construct(_fields_set={"score", "tags"}, id=1)
    same(pickle.loads(pickle.dumps(mine)), pickle.loads(pickle.dumps(oracle)))


# ---------------------------------------------------------------------------
# More fields than a 64-bit word


WIDE_SUBSETS = [
    set(),
    {"f0"},
    {"f63"},
    {"f64"},
    {"f0", "f63", "f64", "f65"},
    {"f127", "f128", "f129"},
    {f"f{i}" for i in range(0, 130, 7)},
    {f"f{i}" for i in range(130)},
]


@pytest.mark.parametrize("names", WIDE_SUBSETS, ids=lambda names: ",".join(sorted(names))[:40] or "none")
def test_a_model_with_130_fields_records_every_field(names):
    data = {name: int(name[1:]) + 1000 for name in names}
    mine, oracle = S.Wide.model_validate(data), P.Wide.model_validate(data)
    same(mine, oracle)
    assert fields_set(mine) == names
    assert mine.model_dump(exclude_unset=True) == oracle.model_dump(exclude_unset=True) == data
    text = json.dumps(data)
    same(S.Wide.model_validate_json(text), P.Wide.model_validate_json(text))
    same(S.Wide(**data), P.Wide(**data))
    same(S.Wide.model_construct(**data), P.Wide.model_construct(**data))


def test_assignment_to_a_field_beyond_the_first_word():
    mine, oracle = S.Wide(f1=1), P.Wide(f1=1)
    for name in ["f64", "f129", "f63", "f100"]:
        setattr(mine, name, 5)
        setattr(oracle, name, 5)
        same(mine, oracle)
    assert fields_set(mine) == {"f1", "f64", "f129", "f63", "f100"}
    assert mine.model_dump(exclude_unset=True) == oracle.model_dump(exclude_unset=True)


@pytest.mark.parametrize("how", ["copy", "deepcopy", "pickle-5"])
def test_copies_of_a_wide_model_keep_every_field(how):
    data = {"f3": 1, "f70": 2, "f128": 3}
    mine, oracle = S.Wide(**data), P.Wide(**data)
    same(_copies(mine)[how], _copies(oracle)[how])
    mine_update = mine.model_copy(update={"f99": 1, "f129": 2})
    oracle_update = oracle.model_copy(update={"f99": 1, "f129": 2})
    same(mine_update, oracle_update)


# ---------------------------------------------------------------------------
# exclude_unset reads the set at every depth


EXCLUDE_UNSET_CASES = {
    "nothing set": {"id": 1},
    "defaults given": {"id": 1, "name": "anon", "Score": 1.5},
    "nested": {"id": 1, "sub": {"y": "b"}},
    "nested empty": {"id": 1, "sub": {}},
    "list of models": {"id": 1, "subs": [{}, {"x": 3}, {"x": 0, "y": "y"}]},
    "dict of models": {"id": 1, "by_key": {"k": {"x": 1}, "j": {}}},
    "any holds a dict": {"id": 1, "extra": {"a": None, "b": [1, {"c": None}]}},
}


@pytest.mark.parametrize("case", sorted(EXCLUDE_UNSET_CASES))
@pytest.mark.parametrize("mode", ["python", "json"])
def test_exclude_unset_at_every_depth(case, mode):
    data = EXCLUDE_UNSET_CASES[case]
    mine, oracle = S.User.model_validate(data), P.User.model_validate(data)
    expected = oracle.model_dump(mode=mode, exclude_unset=True)
    assert mine.model_dump(mode=mode, exclude_unset=True) == expected
    assert mine.model_dump_json(exclude_unset=True) == oracle.model_dump_json(exclude_unset=True)
    assert mine.model_dump(mode=mode, exclude_unset=True, by_alias=True) == oracle.model_dump(
        mode=mode, exclude_unset=True, by_alias=True
    )


def test_exclude_unset_follows_assignment_and_copies():
    mine, oracle = S.User(id=1, sub={}), P.User(id=1, sub={})
    for instance in (mine, oracle):
        instance.sub.y = "q"
        instance.name = "anon"
    assert mine.model_dump(exclude_unset=True) == oracle.model_dump(exclude_unset=True)
    mine_copy = mine.model_copy(update={"tags": ["a"]})
    oracle_copy = oracle.model_copy(update={"tags": ["a"]})
    assert mine_copy.model_dump(exclude_unset=True) == oracle_copy.model_dump(exclude_unset=True)
    assert mine_copy.model_dump_json(exclude_unset=True) == oracle_copy.model_dump_json(exclude_unset=True)


def test_exclude_unset_of_a_replaced_nested_instance_uses_the_new_instance():
    mine, oracle = S.User(id=1, sub={"x": 1}), P.User(id=1, sub={"x": 1})
    mine.sub = S.Sub()
    oracle.sub = P.Sub()
    assert mine.model_dump(exclude_unset=True) == oracle.model_dump(exclude_unset=True) == {"id": 1, "sub": {}}
