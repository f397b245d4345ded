"""`AliasPath` and `AliasChoices` as a field's `validation_alias` (or `alias`):
which value a path reaches in dicts, mappings, objects' attributes and JSON,
where its errors are located, which keys count as read for `extra`, and how
they meet validating by name, dumps and `model_construct`
(`test_alias_generator_config.py` has `AliasGenerator`). The expectations
hold for pydantic too (`SATYA_TEST_LIBRARY=pydantic`), and random data and
paths are compared with pydantic directly."""

import json
import types

import pydantic
import pydantic_core
import pytest
from hypothesis import given
from hypothesis import strategies as st

from support import Field, Model, PlainMapping, ValidationError, errors_of, lib, satya_only

AliasPath, AliasChoices = lib.AliasPath, lib.AliasChoices
DEFINITION_ERRORS = (TypeError, pydantic_core.SchemaError)


class Nested(Model):
    x: int = Field(validation_alias=AliasPath("a", 0, "b"))


class Last(Model):
    x: str = Field(validation_alias=AliasPath("a", -1))


class Choices(Model):
    x: int = Field(validation_alias=AliasChoices("a", "b", AliasPath("c", 0)))


def outcome(validate):
    try:
        return ("ok", validate().x)
    except ValidationError as exc:
        return ("err", errors_of(exc))


def missing(loc, data):
    return ("err", [{"type": "missing", "loc": loc, "msg": "Field required", "input": data}])


@pytest.mark.parametrize("data, expected", [
    ({"a": [{"b": 1}]}, ("ok", 1)),
    ({"a": [{"b": 1}, {"b": 2}]}, ("ok", 1)),
    ({"a": ({"b": 3},)}, ("ok", 3)),
    ({"a": {0: {"b": 4}}}, ("ok", 4)),  # an int step is a dict's int key too
    ({"a": {"0": {"b": 1}}}, missing(("a", 0, "b"), {"a": {"0": {"b": 1}}})),
    ({"a": []}, missing(("a", 0, "b"), {"a": []})),
    ({"a": "xyz"}, missing(("a", 0, "b"), {"a": "xyz"})),
    ({"a": [[{"b": 1}]]}, missing(("a", 0, "b"), {"a": [[{"b": 1}]]})),
    ({"x": 1}, missing(("a", 0, "b"), {"x": 1})),
    ({"a": [{"b": "z"}]}, ("err", [{"type": "int_parsing", "loc": ("a", 0, "b"), "input": "z",
                                    "msg": "Input should be a valid integer, unable to parse string as an integer"}])),
])
def test_a_path_walks_keys_and_indices(inputs, data, expected):
    assert outcome(lambda: inputs.validate(Nested, data)) == expected


@pytest.mark.parametrize("data, expected", [
    ({"a": ["p", "q"]}, ("ok", "q")),
    ({"a": ("p", "q")}, ("ok", "q")),
    ({"a": {-1: "k"}}, ("ok", "k")),
    ({"a": []}, missing(("a", -1), {"a": []})),
    ({"a": "pq"}, missing(("a", -1), {"a": "pq"})),  # a str is never indexed
    ({"a": {"-1": "k"}}, missing(("a", -1), {"a": {"-1": "k"}})),
    ({"a": [1, 2]}, ("err", [{"type": "string_type", "loc": ("a", -1), "msg": "Input should be a valid string",
                              "input": 2}])),
])
def test_a_negative_index_counts_from_the_end(inputs, data, expected):
    assert outcome(lambda: inputs.validate(Last, data)) == expected


@pytest.mark.parametrize("data, expected", [
    ({"b": 1, "a": 2}, ("ok", 2)),  # the choices' order, not the input's
    ({"c": [3], "b": 2}, ("ok", 2)),
    ({"c": [], "b": 2}, ("ok", 2)),
    ({"c": [5]}, ("ok", 5)),
    ({"c": ["z"]}, ("err", [{"type": "int_parsing", "loc": ("c", 0), "input": "z",
                             "msg": "Input should be a valid integer, unable to parse string as an integer"}])),
    ({"b": "z"}, ("err", [{"type": "int_parsing", "loc": ("b",), "input": "z",
                           "msg": "Input should be a valid integer, unable to parse string as an integer"}])),
    ({"x": 1}, missing(("a",), {"x": 1})),  # at the first choice
])
def test_the_first_choice_present_gives_the_value(inputs, data, expected):
    assert outcome(lambda: inputs.validate(Choices, data)) == expected


def test_keywords_are_read_as_a_dict():
    assert Last(a=["p", "q"]).x == "q"
    assert Choices(c=[7], b=8).x == 8
    with pytest.raises(ValidationError) as info:
        Last(x="q")
    assert [e["loc"] for e in info.value.errors()] == [("a", -1)]


def by_name_model(config):
    class ByName(Model):
        model_config = lib.ConfigDict(**config)
        x: int = Field(validation_alias=AliasPath("a", 0))
        y: int = Field(validation_alias=AliasChoices("b", AliasPath("c", 1)))

    return ByName


PARSE = "Input should be a valid integer, unable to parse string as an integer"


@pytest.mark.parametrize("config, data, expected", [
    ({"populate_by_name": True}, {"x": 1, "y": 2}, ("ok", (1, 2))),
    ({"populate_by_name": True}, {"x": 1, "a": [2], "y": 3, "b": 4}, ("ok", (2, 4))),  # a path wins over the name
    ({"populate_by_name": True}, {}, ("err", [("missing", ("a", 0)), ("missing", ("b",))])),
    ({"populate_by_name": True}, {"x": "z", "y": "q"}, ("err", [("int_parsing", ("x",)), ("int_parsing", ("y",))])),
    ({"populate_by_name": True}, {"a": ["z"], "c": [0, "z"]}, ("err", [("int_parsing", ("a", 0)),
                                                                      ("int_parsing", ("c", 1))])),
    ({"validate_by_name": True, "validate_by_alias": False}, {"a": [1], "x": 5, "b": 2, "y": 6}, ("ok", (5, 6))),
    ({"validate_by_name": True, "validate_by_alias": False}, {"a": [1], "b": 2},
     ("err", [("missing", ("x",)), ("missing", ("y",))])),
    ({"loc_by_alias": False}, {"a": ["z"], "c": [0, "z"]}, ("err", [("int_parsing", ("x",)), ("int_parsing", ("y",))])),
    ({"loc_by_alias": False}, {"x": 1, "y": 2}, ("err", [("missing", ("x",)), ("missing", ("y",))])),
])
def test_validating_by_name_and_locating_by_name(inputs, config, data, expected):
    cls = by_name_model(config)
    try:
        instance = inputs.validate(cls, data)
    except ValidationError as exc:
        assert ("err", [(e["type"], e["loc"]) for e in errors_of(exc)]) == expected
        assert all(e["msg"] == PARSE for e in errors_of(exc) if e["type"] == "int_parsing")
    else:
        assert ("ok", (instance.x, instance.y)) == expected


def extra_model(extra):
    class Extra(Model):
        model_config = lib.ConfigDict(extra=extra, populate_by_name=True)
        x: int = Field(0, validation_alias=AliasPath("a", 0))
        y: int = Field(0, validation_alias=AliasChoices("b", AliasPath("c", 1)))
        z: int = Field(0, validation_alias=AliasPath("a", 1))

    return Extra


@pytest.mark.parametrize("data, forbidden", [
    ({"a": [1, 2]}, []),  # one key read by two fields
    ({"a": []}, ["a"]),  # a path that reaches nothing reads nothing
    ({"a": "zz"}, ["a"]),
    ({"b": 1, "c": [1, 2]}, ["c"]),  # only the choice that gave the value
    ({"c": [1]}, ["c"]),
    ({"c": [1, 2]}, []),
    ({"a": [1], "x": 2}, ["x"]),  # a name beside a path that reached a value
    ({"x": 2, "y": 3}, []),
])
def test_the_first_key_of_the_path_that_gave_the_value_is_read(inputs, data, forbidden):
    errors = inputs.errors(extra_model("forbid"), data) if forbidden else []
    if not forbidden:
        inputs.validate(extra_model("forbid"), data)
    assert [(e["type"], e["loc"], e["input"]) for e in errors] == [("extra_forbidden", (k,), data[k]) for k in forbidden]
    kept = inputs.validate(extra_model("allow"), data).model_extra
    assert kept == {k: data[k] for k in forbidden}


def test_a_path_into_a_model_locates_its_errors_inside():
    class Inner(Model):
        v: int

    class Outer(Model):
        inner: Inner = Field(validation_alias=AliasPath("w", "k"))
        items: list[Nested] = []

    for validate in (Outer.model_validate, lambda d: Outer.model_validate_json(json.dumps(d))):
        with pytest.raises(ValidationError) as info:
            validate({"w": {"k": {"v": "z"}}, "items": [{"a": [{"b": 1}]}, {"a": []}]})
        assert [e["loc"] for e in info.value.errors()] == [("w", "k", "v"), ("items", 1, "a", 0, "b")]


def test_a_checks_error_is_located_at_the_path(inputs):
    class Checked(Model):
        n: int = Field(gt=0, validation_alias=AliasChoices("m", AliasPath("p", 0)))
        s: str = Field(max_length=2, validation_alias=AliasPath("q", "r"))

    errors = inputs.errors(Checked, {"p": [0], "q": {"r": "long"}})
    assert [(e["type"], e["loc"], e["input"]) for e in errors] == [("greater_than", ("p", 0), 0),
                                                                   ("string_too_long", ("q", "r"), "long")]


def test_a_failing_default_is_located_at_the_field_name(inputs):
    class Defaults(Model):
        x: int = Field("bad", validation_alias=AliasChoices(AliasPath("a", 0), "b"), validate_default=True)
        y: int = Field("bad", validation_alias="yy", validate_default=True)

    assert [(e["loc"], e["input"]) for e in inputs.errors(Defaults, {})] == [(("x",), "bad"), (("y",), "bad")]
    assert [(e["loc"], e["input"]) for e in inputs.errors(Defaults, {"b": "q"})] == [(("b",), "q"), (("y",), "bad")]


class Both:
    """An item for any key, and an attribute `k`."""
    k = "attribute"

    def __getitem__(self, key):
        return f"item {key}"


class Refusing:
    def __getitem__(self, key):
        raise ValueError("no")


def test_python_steps_ask_any_object_but_a_str_for_its_item():
    class Item(Model):
        x: str = Field("none", validation_alias=AliasPath("a", "k"))
        y: str = Field("none", validation_alias=AliasPath("b", 0))

    assert (Item.model_validate({"a": Both(), "b": Both()}).x, Item.model_validate({"b": Both()}).y) == ("item k", "item 0")
    assert Item.model_validate({"a": Refusing(), "b": "str"}).model_dump() == {"x": "none", "y": "none"}
    assert Item.model_validate(PlainMapping({"a": PlainMapping({"k": "m"}), "b": ["l"]})).model_dump() == {"x": "m", "y": "l"}


def test_from_attributes_reads_keys_of_objects_as_attributes():
    class Attrs(Model):
        model_config = lib.ConfigDict(from_attributes=True)
        x: str = Field(validation_alias=AliasPath("a", "k"))
        y: str = Field("none", validation_alias=AliasPath("b", 0))

    ns = types.SimpleNamespace
    assert Attrs.model_validate(ns(a=Both(), b=["l"])).model_dump() == {"x": "attribute", "y": "l"}
    assert Attrs.model_validate(ns(a={"k": "d"}, b=Both())).model_dump() == {"x": "d", "y": "item 0"}
    assert Attrs.model_validate(ns(a=ns(k="n"), b="str")).model_dump() == {"x": "n", "y": "none"}
    with pytest.raises(ValidationError) as info:
        Attrs.model_validate(ns(a={}, b=[]))
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("missing", ("a", "k"))]
    # objects' attributes are read only when the input itself is an object
    with pytest.raises(ValidationError):
        Attrs.model_validate({"a": ns(k="n")})


@pytest.mark.parametrize("text, expected", [
    ('{"a": [{"b": 1}], "a": [{"b": 2}]}', 2),  # a repeated key's last value
    ('{"a": [{"b": 1, "b": 3}]}', 3),
    ('{"a": [{"b": 1}], "a": 5}', None),
])
def test_json_repeated_keys_keep_their_last_value(text, expected):
    try:
        assert Nested.model_validate_json(text).x == expected
    except ValidationError as exc:
        assert expected is None and [e["loc"] for e in exc.errors()] == [("a", 0, "b")]


def test_dumps_write_the_serialization_alias_or_a_str_alias():
    class Dumped(Model):
        w: int = Field(alias=AliasPath("a", 0))
        x: int = Field(0, validation_alias=AliasPath("b", 0), serialization_alias="ser")
        y: int = Field(0, alias="why", validation_alias=AliasChoices("c", "d"))

    instance = Dumped.model_validate({"a": [1], "b": [2], "d": 3})
    assert instance.model_dump() == {"w": 1, "x": 2, "y": 3}
    assert instance.model_dump(by_alias=True) == {"w": 1, "ser": 2, "why": 3}
    assert json.loads(instance.model_dump_json(by_alias=True)) == {"w": 1, "ser": 2, "why": 3}
    assert Dumped.model_fields["w"].alias == AliasPath("a", 0)
    with pytest.raises(ValidationError):
        Dumped.model_validate({"a": [1], "why": 3, "y": 4, "w": 5, "c": "z"})


def test_model_construct_reads_the_alias_the_paths_then_the_name():
    class Built(Model):
        x: int = Field(0, validation_alias=AliasChoices("a", AliasPath("b", 0)))
        y: int = Field(0, alias="why")
        z: int = Field(0, validation_alias=AliasPath("c", "d"))

    assert Built.model_construct(b=[5], x=7, why=1, y=2, c={"e": 1}, z=3).model_dump() == {"x": 5, "y": 1, "z": 3}
    assert Built.model_construct(x=7, y=8, z=9).model_dump() == {"x": 7, "y": 8, "z": 9}
    assert Built.model_construct(b="no").model_fields_set == set()


def test_alias_objects_compare_and_show_their_items():
    assert AliasPath("a", 0) == AliasPath("a", 0) != AliasPath("a", 1)
    assert repr(AliasChoices("a", AliasPath("b", 1))) == "AliasChoices(choices=['a', AliasPath(path=['b', 1])])"
    assert AliasPath("a", 0).convert_to_aliases() == ["a", 0]
    assert AliasChoices("a", AliasPath("b", 1)).convert_to_aliases() == [["a"], ["b", 1]]
    with pytest.raises(TypeError):
        AliasPath()
    with pytest.raises(TypeError):
        AliasChoices()


@pytest.mark.parametrize("field", [
    {"validation_alias": AliasPath(0)},
    {"validation_alias": AliasPath("a", 1.5)},
    {"validation_alias": AliasPath("a", None)},
    {"validation_alias": AliasPath("a", 2 ** 70)},
    {"validation_alias": AliasChoices("a", 1)},
    {"validation_alias": AliasChoices("a", ["b"])},
    {"validation_alias": 5},
    {"serialization_alias": AliasPath("a")},
])
def test_a_bad_alias_is_refused_when_the_class_is_defined(field):
    with pytest.raises(DEFINITION_ERRORS):
        class Bad(Model):
            x: int = Field(**field)


@satya_only
def test_json_batches_read_paths_too():
    body = json.dumps([{"a": [{"b": 1}]}, {"a": [{"b": "z"}]}])
    result = Nested.model_validate_json_many(body, errors="collect")
    assert [m.x for m in result.valid] == [1]
    assert [(index, [e["loc"] for e in exc.errors()]) for index, exc in result.errors] == [(1, [("a", 0, "b")])]


# Random data and random paths, against pydantic.
KEYS = st.sampled_from(["a", "b", "c"])
STEPS = st.one_of(KEYS, st.integers(-3, 3))
# tuples and int keys reach Python input as they are and JSON as lists and str keys
DATA = st.recursive(st.one_of(st.integers(0, 9), st.sampled_from(["s", "7", None])),
                    lambda inner: st.one_of(st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple),
                                            st.dictionaries(st.one_of(KEYS, st.integers(-2, 2)), inner, max_size=3)),
                    max_leaves=12)
PATHS = st.lists(st.tuples(KEYS, st.lists(STEPS, max_size=3)), min_size=1, max_size=3)


def alias_of(library, paths):
    made = [library.AliasPath(first, *rest) if rest else first for first, rest in paths]
    return made[0] if len(made) == 1 and not isinstance(made[0], str) else library.AliasChoices(*made)


def random_models(paths, config):
    def define(library, base):
        return type("R", (base,), {
            "__annotations__": {"x": int, "y": list},
            "model_config": dict(config),
            "x": library.Field(validation_alias=alias_of(library, paths)),
            "y": library.Field([], validation_alias=library.AliasPath("b", 0)),
        })

    return define(lib, Model), define(pydantic, pydantic.BaseModel)


def full_outcome(validate):
    try:
        instance = validate()
    except (ValidationError, pydantic.ValidationError) as exc:
        return ("err", errors_of(exc))
    return ("ok", instance.model_dump(), instance.model_extra, sorted(instance.model_fields_set))


@pytest.mark.parametrize("config", [{}, {"populate_by_name": True}, {"extra": "forbid"},
                                    {"extra": "allow", "validate_by_name": True}, {"loc_by_alias": False}])
@given(paths=PATHS, data=st.dictionaries(st.sampled_from(["a", "b", "c", "x", "y"]), DATA, max_size=4))
def test_random_paths_into_random_data_as_pydantic(config, paths, data):
    ours, theirs = random_models(paths, config)
    text = json.dumps(data)
    for validate in (lambda cls: cls.model_validate(data), lambda cls: cls.model_validate_json(text),
                     lambda cls: cls(**data)):
        assert full_outcome(lambda: validate(ours)) == full_outcome(lambda: validate(theirs))
