"""`validate_strings` (`Model.model_validate_strings`,
`TypeAdapter.validate_strings`): strings, alone or in str-keyed dicts, read as
the same strings in a JSON document; any other value is refused where the
type reads it (`string_type`), and ignored where nothing reads it, against
pydantic."""

import datetime
import decimal
import uuid
from typing import Any, Literal, Optional, Union

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typing_extensions import TypedDict

from support import ORACLE, lib


def define(m):
    class Inner(m.BaseModel):
        x: int
        y: dict[str, int] = {}

    class Outer(m.BaseModel):
        a: int = 0
        flag: bool = False
        inner: Optional[Inner] = None
        pets: dict[str, Inner] = {}
        anything: Any = None
        either: Union[int, str] = 0
        when: Optional[datetime.date] = None
        k: int = m.Field(0, alias="K")

    class Allowing(m.BaseModel):
        model_config = m.ConfigDict(extra="allow")
        a: int = 0

    class Forbidding(m.BaseModel):
        model_config = m.ConfigDict(extra="forbid")
        a: int = 0

    return {"Outer": Outer, "Allowing": Allowing, "Forbidding": Forbidding}


class Row(TypedDict):
    x: int


MINE, THEIRS = define(lib), define(pydantic)
TYPES = [int, float, bool, str, bytes, decimal.Decimal, uuid.UUID, datetime.date, datetime.time, datetime.timedelta,
         Optional[int], Union[int, str], Union[str, int], Union[float, bool], Literal["1", 1], list[int],
         dict[str, int], dict[int, Optional[int]], Any]
ERRORS = (pydantic.ValidationError,) if ORACLE else (pydantic.ValidationError, lib.ValidationError)

leaves = st.one_of(
    st.sampled_from(["1", "-2", "1.5", "x", "", "true", "no", "null", "2020-01-02", "12:30", "P1D", "1e3",
                     "12345678-1234-5678-1234-567812345678", "é"]),
    st.integers(-3, 3), st.none(), st.booleans(), st.floats(allow_nan=False), st.lists(st.just("1"), max_size=2),
)
keys = st.sampled_from(["a", "x", "y", "k", "K", "flag", "inner", "pets", "anything", "either", "when", "z", "1"])
values = st.recursive(leaves, lambda inner: st.dictionaries(keys, inner, max_size=4), max_leaves=8)


def outcome(call):
    try:
        value = call()
    except ERRORS as exc:
        return ("err", [(e["type"], e["loc"], e["msg"], repr(e["input"])) for e in exc.errors()])
    if isinstance(value, (pydantic.BaseModel, *([] if ORACLE else [lib.BaseModel]))):
        return ("ok", repr(value), value.model_fields_set)
    return ("ok", repr(value))


@given(value=values, target=st.sampled_from(TYPES))
def test_adapters_read_strings_as_pydantic(value, target):
    assert outcome(lambda: lib.TypeAdapter(target).validate_strings(value)) == outcome(
        lambda: pydantic.TypeAdapter(target).validate_strings(value))


@given(value=values, name=st.sampled_from(sorted(MINE)))
def test_models_read_strings_as_pydantic(value, name):
    assert outcome(lambda: MINE[name].model_validate_strings(value)) == outcome(
        lambda: THEIRS[name].model_validate_strings(value))


@pytest.mark.parametrize("value", [
    {"a": "1", "zz": 5}, {"a": "1", "zz": [1]}, {"inner": {"x": "1", "q": 5}, "K": "2", "k": 7},
    {"inner": {"x": 5}}, {"inner": {"x": "1", "y": {"a": 1}}}, {"pets": {"p": {"x": 1}}}, {"either": 5},
    {"anything": {"b": "1"}}, {"anything": 5}, {"a": "1", 1: "2"},
])
def test_values_no_type_reads_are_ignored(value):
    assert outcome(lambda: MINE["Outer"].model_validate_strings(value)) == outcome(
        lambda: THEIRS["Outer"].model_validate_strings(value))


@pytest.mark.parametrize("value", [{"a": "1", "z": 5}, {"a": "1", "z": "5"}, {"a": 1}])
@pytest.mark.parametrize("name", ["Allowing", "Forbidding"])
def test_extra_keys_must_be_strings_too(name, value):
    assert outcome(lambda: MINE[name].model_validate_strings(value)) == outcome(
        lambda: THEIRS[name].model_validate_strings(value))


@pytest.mark.parametrize("target", [int, bool, float, Optional[int]])
def test_strings_parse_in_strict_mode_too(target):
    for value in ["1", "true", "x"]:
        assert outcome(lambda: lib.TypeAdapter(target).validate_strings(value, strict=True)) == outcome(
            lambda: pydantic.TypeAdapter(target).validate_strings(value, strict=True))


def test_a_typed_dicts_value_that_is_no_string_is_refused():
    # pydantic 2.14 drops such a key, even a required one ({'x': 0} gives {});
    # satya refuses it, as every other type does
    if ORACLE:
        pytest.skip("pydantic drops the key")
    assert lib.TypeAdapter(Row).validate_strings({"x": "1"}) == {"x": 1}
    with pytest.raises(lib.ValidationError) as info:
        lib.TypeAdapter(Row).validate_strings({"x": 0})
    assert [(e["type"], e["loc"], e["input"]) for e in info.value.errors()] == [("string_type", ("x",), 0)]


def test_a_union_takes_the_first_choice_that_reads_the_string():
    for target, expected in ((Union[int, str], 1), (Union[str, int], "1"), (Union[bool, int], True)):
        assert lib.TypeAdapter(target).validate_strings("1") == expected
        assert pydantic.TypeAdapter(target).validate_strings("1") == expected


def test_a_validation_a_hook_starts_reads_its_own_input():
    # inside model_validate_strings, a hook's own JSON validation is plain JSON
    def run(m):
        seen = []

        class Hooked(m.BaseModel):
            a: str

            @m.field_validator("a")
            @classmethod
            def probe(cls, value):
                seen.append(m.TypeAdapter(Optional[int]).validate_json("null"))
                seen.append(m.TypeAdapter(Union[int, str]).validate_json('"1"'))
                try:
                    m.TypeAdapter(int).validate_json('"1"', strict=True)
                except ERRORS as exc:
                    seen.append([e["type"] for e in exc.errors()])
                return value

        Hooked.model_validate_strings({"a": "q"})
        return seen

    assert run(lib) == run(pydantic) == [None, "1", ["int_type"]]


@pytest.mark.parametrize("extra", ["allow", "forbid"])
@pytest.mark.parametrize("value", [{"x": "1", "b": 2}, {"x": "1", "b": {"c": "3"}}, {"b": 2, "x": "q"}])
def test_a_typed_dict_that_judges_extra_keys_reads_every_value(value, extra):
    assert outcome(lambda: lib.TypeAdapter(Row).validate_strings(value, extra=extra)) == outcome(
        lambda: pydantic.TypeAdapter(Row).validate_strings(value, extra=extra))
