"""dict keys of types other than str: JSON object keys are text, read as
pydantic reads them for each key type (ints, floats, bools, enums, UUIDs,
dates, Decimals, tuples, Optional), errors located at `[key, "[key]"]`, and
the keys of JSON dumps written as pydantic writes them; against pydantic."""

import datetime
import decimal
import enum
import json
import typing
import uuid

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import container_support as cs
import dump_support
import support
from support import one_field_model


class Color(enum.Enum):
    red = 1
    blue = "b"


class Level(enum.IntEnum):
    low = 1
    high = 2


class Size(str, enum.Enum):
    s = "s"
    m = "m"


KEY_TYPES = [
    int, float, bool, Color, Level, Size, uuid.UUID, datetime.date, decimal.Decimal,
    tuple[int, int], typing.Optional[int], bytes, typing.Literal[1, "a"], frozenset[int],
]
JSON_KEYS = st.sampled_from([
    "1", "2", "-3", "1.0", "1.5", "inf", "-inf", "nan", "true", "false", "0", "yes", "a", "b", "s", "x", " 1",
    "12345678-1234-5678-1234-567812345678", "2020-01-02", "2020-01-02T00:00:00", "1,2", "[1, 2]", "null", "None",
    "", "1e3", "99999999999999999999",
])
PYTHON_KEYS = st.sampled_from([
    1, 2, -3, 1.0, 1.5, float("inf"), True, False, "1", "a", "b", "s", Color.red, Level.high, Size.m, None,
    uuid.UUID(int=5), datetime.date(2020, 1, 2), decimal.Decimal("1.50"), (1, 2), (1, "x"), b"ab", frozenset({1}),
])
VALUES = st.integers(-3, 3)


@given(key=st.sampled_from(KEY_TYPES), data=st.dictionaries(JSON_KEYS, VALUES, max_size=3), strict=st.booleans())
def test_json_keys_match_pydantic(key, data, strict):
    cs.assert_same_json(dict[key, int], json.dumps(data), strict)


@given(key=st.sampled_from(KEY_TYPES), items=st.lists(st.tuples(PYTHON_KEYS, VALUES), max_size=3), strict=st.booleans())
def test_python_keys_match_pydantic(key, items, strict):
    mine, oracle = cs.models(dict[key, int], None, strict)
    make = lambda: {"v": dict(items)}  # noqa: E731
    got, expected = cs.attempt(mine, "python", make, strict), cs.attempt(oracle, "python", make, strict)
    assert got == expected, f"\nmine:     {got}\npydantic: {expected}"


def test_int_keys_from_json_and_their_errors(inputs):
    cls = one_field_model(dict[int, int])
    assert inputs.validate_v(cls, {"1": 2}) == {1: 2}
    errors = inputs.errors(cls, {"v": {"a": 1}})
    assert [(e["type"], e["loc"]) for e in errors] == [("int_parsing", ("v", "a", "[key]"))]


def test_int_enum_keys_from_json_in_strict_mode():
    cls = one_field_model(dict[Level, int], strict=True)
    assert cls.model_validate_json('{"v": {"2": 0}}').v == {Level.high: 0}


def test_float_keys_dump_inf_and_nan_as_pydantic_does():
    cls = one_field_model(dict[float, int])
    m = cls(v={float("inf"): 1, float("-inf"): 2, 1e-7: 3, 1.0: 4})
    assert m.model_dump(mode="json") == {"v": {"inf": 1, "-inf": 2, "1e-07": 3, "1.0": 4}}
    assert m.model_dump_json() == '{"v":{"inf":1,"-inf":2,"1e-07":3,"1.0":4}}'


def _holders(of):
    return type("KeyHolder", (dump_support.model_base(of),), {"__annotations__": {
        "i": dict[int, str], "f": dict[float, int], "e": dict[Color, int], "t": dict[tuple[int, str], int],
        "o": dict[typing.Optional[int], int], "u": dict[uuid.UUID, int], "d": dict[datetime.date, int]}})


MINE_HOLDER, ORACLE_HOLDER = _holders(support.lib), _holders(pydantic)


@pytest.mark.parametrize("data", [
    {"i": {1: "a", -2: "b"}, "f": {1.5: 1, float("nan"): 2}, "e": {Color.blue: 1, Color.red: 2}, "t": {(1, "x"): 1},
     "o": {None: 1, 2: 3}, "u": {uuid.UUID(int=1): 1}, "d": {datetime.date(2020, 1, 2): 1}},
    {"i": {}, "f": {}, "e": {}, "t": {}, "o": {}, "u": {}, "d": {}},
])
def test_dumps_match_pydantic(data):
    dump_support.assert_same_dumps(MINE_HOLDER(**data), ORACLE_HOLDER(**data))
