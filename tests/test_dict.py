"""`dict[K, V]` fields: mappings accepted, keys and values validated, error
locations at the key or at the key itself, lengths."""

import collections
import types
from collections.abc import Mapping

import pytest

from support import ValidationError, divergence, one_field_model, single_error, validate_v

StrInt = one_field_model(dict[str, int])
StrictStrInt = one_field_model(dict[str, int], strict=True)


class ReadOnly(Mapping):
    def __init__(self, data):
        self._data = dict(data)

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)


@pytest.mark.parametrize(
    "value",
    [
        {"a": "1"},
        collections.OrderedDict(a=1),
        types.MappingProxyType({"a": 1}),
        ReadOnly({"a": "1"}),
    ],
    ids=["dict", "OrderedDict", "mappingproxy", "custom Mapping"],
)
def test_lax_dict_accepts_mappings_and_coerces_values(inputs, value):
    result = inputs.validate_v(StrInt, value)
    assert result == {"a": 1}
    assert type(result) is dict


@pytest.mark.parametrize("value", [[("a", 1)], None, "a", 5, {("a", 1)}])
def test_non_mappings_are_a_dict_type_error(inputs, value):
    assert inputs.single_error(StrInt, value) == {
        "type": "dict_type",
        "loc": ("v",),
        # pydantic's JSON input says "an object" where Python input says "a valid dictionary"
        "msg": inputs.pick(python="Input should be a valid dictionary", json="Input should be an object"),
        "input": value,
    }


def test_keys_are_coerced_too():
    IntStr = one_field_model(dict[int, str])
    assert validate_v(IntStr, {"1": "a", 2.0: b"b"}) == {1: "a", 2: "b"}
    assert validate_v(StrInt, {b"k": 1}) == {"k": 1}


def test_key_and_value_errors_are_located_like_pydantic():
    with pytest.raises(ValidationError) as info:
        StrInt.model_validate({"v": {"a": "x", 2: 3, "c": None}})
    assert [(e["type"], e["loc"], e["input"]) for e in info.value.errors()] == [
        ("int_parsing", ("v", "a"), "x"),
        ("string_type", ("v", 2, "[key]"), 2),
        ("int_type", ("v", "c"), None),
    ]


def test_str_keys_coerced_to_int_and_their_errors(inputs):
    IntStr = one_field_model(dict[int, str])
    assert inputs.validate_v(IntStr, {"1": "a", " 2 ": "b"}) == {1: "a", 2: "b"}
    errors = inputs.errors(IntStr, {"v": {"x": "a", "3": 4, "1.5": None}})
    assert [(e["type"], e["loc"], e["input"]) for e in errors] == [
        ("int_parsing", ("v", "x", "[key]"), "x"),
        ("string_type", ("v", "3"), 4),
        ("int_parsing", ("v", "1.5", "[key]"), "1.5"),
        ("string_type", ("v", "1.5"), None),
    ]


def test_a_bad_key_and_its_bad_value_are_both_reported():
    with pytest.raises(ValidationError) as info:
        StrInt.model_validate({"v": {1: "x"}})
    assert [e["loc"] for e in info.value.errors()] == [("v", 1, "[key]"), ("v", 1)]


def test_nested_containers_report_the_full_location(inputs):
    Groups = one_field_model(dict[str, list[int]])
    error = inputs.single_error(Groups, {"a": [1, "x"]})
    assert error["loc"] == ("v", "a", 1)


def test_validated_dict_is_a_new_dict():
    source = {"a": 1}
    result = validate_v(StrInt, source)
    assert result == source and result is not source


def test_bare_dict_keeps_keys_and_values():
    marker = object()
    result = validate_v(one_field_model(dict), {1: marker})
    assert result == {1: marker} and result[1] is marker


def test_strict_dict_rejects_non_dict_mappings_and_coerced_values(inputs):
    assert inputs.validate_v(StrictStrInt, {"a": 1}) == {"a": 1}
    error = inputs.single_error(StrictStrInt, {"a": "1"})
    assert (error["type"], error["loc"]) == ("int_type", ("v", "a"))
    assert inputs.single_error(StrictStrInt, types.MappingProxyType({"a": 1}))["type"] == "dict_type"  # python only


def test_too_short_message_and_ctx(inputs, backend_models):
    AtLeastTwo = backend_models.one_field(dict[str, int], dict(min_length=2))
    assert inputs.single_error(AtLeastTwo, {"a": 1}) == {
        "type": "too_short",
        "loc": ("v",),
        "msg": "Dictionary should have at least 2 items after validation, not 1",
        "input": {"a": 1},
        "ctx": {"field_type": "Dictionary", "min_length": 2, "actual_length": 1},
    }


@pytest.fixture
def AtMostOne(backend_models):
    return backend_models.one_field(dict[str, int], dict(max_length=1))


def test_value_errors_win_over_length_errors(inputs, AtMostOne):
    error = inputs.single_error(AtMostOne, {"a": "x", "b": 2})
    assert (error["type"], error["loc"]) == ("int_parsing", ("v", "a"))


@divergence("dict too_long says 'not 2' with actual_length=2; pydantic says 'not more' with actual_length=None")
def test_too_long_dict_message_matches_pydantic(inputs, AtMostOne):
    error = inputs.single_error(AtMostOne, {"a": 1, "b": 2})
    assert error["msg"] == "Dictionary should have at most 1 item after validation, not more"
    assert error["ctx"] == {"field_type": "Dictionary", "max_length": 1, "actual_length": None}


def test_key_locations_are_str_or_int_like_pydantic():
    IntStr = one_field_model(dict[int, str])
    assert single_error(StrInt, {True: 1})["loc"] == ("v", 1, "[key]")
    assert single_error(IntStr, {1.5: "a"})["loc"] == ("v", "1.5", "[key]")
