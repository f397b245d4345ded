"""`satya.types`: `conint`, `confloat`, `constr`, `conbytes`, `conlist`,
`StringConstraints`, `Strict` and the `Positive...`, `Negative...`,
`NonNegative...`, `NonPositive...`, `FiniteFloat` and `Strict...` aliases,
against pydantic's types of the same names; `annotated_types` metadata in
`Annotated[...]`; and the str transforms (strip_whitespace, to_lower,
to_upper).

Every expectation is pydantic's (run the module with SATYA_TEST_LIBRARY=pydantic
to check them): the value (and its type) that comes back, and for a rejected
input the exact error (type, loc, msg, ctx, input). The transforms are Rust's:
`str::trim` strips Unicode White_Space (so U+00A0 and U+2003 go, but U+001C to
U+001F, U+200B and U+FEFF, which Python's `str.strip` also treats as
whitespace or not, are decided as Rust decides), and `to_lowercase` /
`to_uppercase` may change a string's length (ß -> SS, İ -> i̇). pydantic strips
before it checks the lengths and the pattern, but changes the case after them."""

import datetime
import functools
import json
from decimal import Decimal
from typing import Annotated, Optional

import annotated_types as at
import pydantic
import pytest
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st

from support import (
    ANY_VALIDATION_ERROR,
    NATIVE_MACHINE,
    ORACLE,
    BackendModels,
    Model,
    ValidationError,
    errors_of,
    json_obstacle,
    lib,
    one_field_model,
    plain,
    satya,
    satya_only,
    to_json,
)

# ---------------------------------------------------------------------------
# Helpers


def err(type_, msg, ctx=None, loc=("v",)):
    """An expected error, without its input."""
    error = {"type": type_, "loc": loc, "msg": msg}
    if ctx is not None:
        error["ctx"] = ctx
    return error


def view(error: dict) -> list:
    """A comparable view of an error without "input" and "url": exact types
    (0 is not 0.0 in a ctx), ctx keys in order."""
    return sorted((key, plain(value)) for key, value in error.items() if key not in ("input", "url"))


class ByInput:
    """An expectation that differs between Python input and JSON input."""

    def __init__(self, *, python, json):
        self.python = python
        self.json = json


def expect(inputs, cls, value, expected):
    """Validates `{"v": value}` and checks the outcome: ("ok", value) compared
    with its type (and the sign of a zero), or ("err", [errors]) compared
    exactly, the top-level input being the input itself."""
    if isinstance(expected, ByInput):
        expected = inputs.pick(python=expected.python, json=expected.json)
    kind, want = expected
    if kind == "ok":
        got = inputs.validate_v(cls, value)
        assert plain(got) == plain(want), (value, got, want)
        return
    errors = inputs.errors(cls, {"v": value})
    assert [view(e) for e in errors] == [view(e) for e in want], (value, errors)
    for error in errors:
        if error["loc"] == ("v",):
            assert inputs.same_input(error["input"], value), (error["input"], value)


def outcome_of(cls, kind: str, value):
    """("ok", plain value) or ("err", [(type, loc, msg, ctx, input)]) of
    validating `{"v": value}` as Python objects or as JSON text."""
    try:
        if kind == "json":
            result = cls.model_validate_json(to_json({"v": value}))
        else:
            result = cls.model_validate({"v": value})
    except ANY_VALIDATION_ERROR as exc:
        return ("err", [(e["type"], e["loc"], e["msg"], plain(e.get("ctx")), plain(e["input"])) for e in errors_of(exc)])
    return ("ok", plain(result.v))


def kinds_for(value) -> list[str]:
    return ["python", "json"] if json_obstacle({"v": value}) is None else ["python"]


GT0 = err("greater_than", "Input should be greater than 0", {"gt": 0})
GT0F = err("greater_than", "Input should be greater than 0", {"gt": 0.0})
LT0 = err("less_than", "Input should be less than 0", {"lt": 0})
LT0F = err("less_than", "Input should be less than 0", {"lt": 0.0})
GE0 = err("greater_than_equal", "Input should be greater than or equal to 0", {"ge": 0})
GE0F = err("greater_than_equal", "Input should be greater than or equal to 0", {"ge": 0.0})
LE0 = err("less_than_equal", "Input should be less than or equal to 0", {"le": 0})
LE0F = err("less_than_equal", "Input should be less than or equal to 0", {"le": 0.0})
INT_TYPE = err("int_type", "Input should be a valid integer")
INT_FROM_FLOAT = err("int_from_float", "Input should be a valid integer, got a number with a fractional part")
INT_PARSING = err("int_parsing", "Input should be a valid integer, unable to parse string as an integer")
FLOAT_TYPE = err("float_type", "Input should be a valid number")
FINITE = err("finite_number", "Input should be a finite number")
STRING_TYPE = err("string_type", "Input should be a valid string")
BOOL_TYPE = err("bool_type", "Input should be a valid boolean")
BYTES_TYPE = err("bytes_type", "Input should be a valid bytes")
MULTIPLE_OF_3 = err("multiple_of", "Input should be a multiple of 3", {"multiple_of": 3})
INF, NAN = float("inf"), float("nan")


def ok(value):
    return ("ok", value)


def bad(*errors):
    return ("err", list(errors))


# ---------------------------------------------------------------------------
# Every name of satya.types, as a field annotation.

# name: (the annotation, built from `lib`; whether its checks compile to native code)
TYPES = {
    "PositiveInt": (lambda: lib.PositiveInt, True),
    "NegativeInt": (lambda: lib.NegativeInt, True),
    "NonNegativeInt": (lambda: lib.NonNegativeInt, True),
    "NonPositiveInt": (lambda: lib.NonPositiveInt, True),
    "PositiveFloat": (lambda: lib.PositiveFloat, True),
    "NegativeFloat": (lambda: lib.NegativeFloat, True),
    "NonNegativeFloat": (lambda: lib.NonNegativeFloat, True),
    "NonPositiveFloat": (lambda: lib.NonPositiveFloat, True),
    "FiniteFloat": (lambda: lib.FiniteFloat, False),
    "StrictInt": (lambda: lib.StrictInt, False),
    "StrictFloat": (lambda: lib.StrictFloat, False),
    "StrictStr": (lambda: lib.StrictStr, False),
    "StrictBool": (lambda: lib.StrictBool, False),
    "StrictBytes": (lambda: lib.StrictBytes, False),
    "conint": (lambda: lib.conint(gt=1, lt=10, multiple_of=3), True),
    "conint-ge-le": (lambda: lib.conint(ge=-2, le=2), True),
    "conint-strict": (lambda: lib.conint(strict=True, ge=0), True),
    "confloat": (lambda: lib.confloat(gt=0.5, lt=2.5, multiple_of=0.5), True),
    "confloat-ge-le": (lambda: lib.confloat(ge=-1.5, le=1.5), True),
    "confloat-strict": (lambda: lib.confloat(strict=True), False),
    "confloat-finite": (lambda: lib.confloat(allow_inf_nan=False, ge=0), True),
    "conbytes": (lambda: lib.conbytes(min_length=2, max_length=3), True),
    "conbytes-strict": (lambda: lib.conbytes(strict=True, min_length=1), True),
    "conlist": (lambda: lib.conlist(int, min_length=2, max_length=3), True),
    "conlist-items": (lambda: lib.conlist(lib.PositiveInt, min_length=1), True),
    # containers: no compiled checks
    "conset": (lambda: lib.conset(int, min_length=2, max_length=3), False),
    "confrozenset": (lambda: lib.confrozenset(str, max_length=1), False),
    "Strict": (lambda: Annotated[int, lib.Strict()], False),
    "Strict-str": (lambda: Annotated[str, lib.Strict()], False),
    "Strict-false": (lambda: Annotated[int, lib.Strict(False)], False),
    "StringConstraints": (
        lambda: Annotated[str, lib.StringConstraints(strip_whitespace=True, to_upper=True, min_length=1, max_length=3)],
        True,
    ),
    "constr": (lambda: lib.constr(strip_whitespace=True, to_lower=True, min_length=2, max_length=4), True),
    "constr-strict": (lambda: lib.constr(strict=True, to_lower=True), False),
    "condecimal": (lambda: lib.condecimal(gt=0, max_digits=4, decimal_places=2), False),
    "condecimal-strict": (lambda: lib.condecimal(strict=True, ge=1), False),
    "condate": (lambda: lib.condate(gt=datetime.date(2020, 1, 1), le=datetime.date(2020, 12, 31)), True),
    "condate-strict": (lambda: lib.condate(strict=True), False),
}

LIST_TOO_SHORT_2 = "List should have at least 2 items after validation, not {}"

CASES = {
    "PositiveInt": [
        (1, ok(1)), ("1", ok(1)), (1.0, ok(1)), (True, ok(1)), (2**70, ok(2**70)),
        (0, bad(GT0)), (-1, bad(GT0)), ("0", bad(GT0)), (False, bad(GT0)), (-(2**70), bad(GT0)),
        (None, bad(INT_TYPE)), (1.5, bad(INT_FROM_FLOAT)),
    ],
    "NegativeInt": [
        (-1, ok(-1)), ("-1", ok(-1)), (-(2**70), ok(-(2**70))),
        (0, bad(LT0)), (1, bad(LT0)), (False, bad(LT0)), ("0", bad(LT0)),
    ],
    "NonNegativeInt": [(0, ok(0)), (False, ok(0)), ("0", ok(0)), (-1, bad(GE0)), ("-1", bad(GE0))],
    "NonPositiveInt": [(0, ok(0)), (-1, ok(-1)), (1, bad(LE0)), (True, bad(LE0))],
    "PositiveFloat": [
        (5e-324, ok(5e-324)), (1, ok(1.0)), ("1.5", ok(1.5)), (INF, ok(INF)), (True, ok(1.0)),
        (0.0, bad(GT0F)), (-0.0, bad(GT0F)), (0, bad(GT0F)), (-1.0, bad(GT0F)), (NAN, bad(GT0F)), (-INF, bad(GT0F)),
    ],
    "NegativeFloat": [
        (-5e-324, ok(-5e-324)), (-1, ok(-1.0)), (-INF, ok(-INF)),
        (-0.0, bad(LT0F)), (0.0, bad(LT0F)), (1.0, bad(LT0F)), (NAN, bad(LT0F)),
    ],
    "NonNegativeFloat": [(0.0, ok(0.0)), (-0.0, ok(-0.0)), (0, ok(0.0)), (-5e-324, bad(GE0F)), (NAN, bad(GE0F))],
    "NonPositiveFloat": [(0.0, ok(0.0)), (-0.0, ok(-0.0)), (5e-324, bad(LE0F)), (NAN, bad(LE0F))],
    "FiniteFloat": [
        (1e308, ok(1e308)), (-1e308, ok(-1e308)), (0, ok(0.0)), ("1.5", ok(1.5)),
        (INF, bad(FINITE)), (-INF, bad(FINITE)), (NAN, bad(FINITE)),
        ("inf", bad(FINITE)), ("-Infinity", bad(FINITE)), ("nan", bad(FINITE)),
    ],
    "StrictInt": [
        (1, ok(1)), (-(2**70), ok(-(2**70))),
        ("1", bad(INT_TYPE)), (1.0, bad(INT_TYPE)), (True, bad(INT_TYPE)), (False, bad(INT_TYPE)),
        (None, bad(INT_TYPE)), (b"1", bad(INT_TYPE)),
    ],
    "StrictFloat": [
        (1.5, ok(1.5)), (1, ok(1.0)), (INF, ok(INF)),
        ("1.5", bad(FLOAT_TYPE)), (True, bad(FLOAT_TYPE)), (None, bad(FLOAT_TYPE)),
    ],
    "StrictStr": [
        ("a", ok("a")), ("", ok("")),
        (b"a", bad(STRING_TYPE)), (bytearray(b"a"), bad(STRING_TYPE)), (1, bad(STRING_TYPE)), (None, bad(STRING_TYPE)),
    ],
    "StrictBool": [
        (True, ok(True)), (False, ok(False)),
        (1, bad(BOOL_TYPE)), (0, bad(BOOL_TYPE)), ("true", bad(BOOL_TYPE)), ("1", bad(BOOL_TYPE)), (None, bad(BOOL_TYPE)),
    ],
    "StrictBytes": [
        (b"a", ok(b"a")), (b"", ok(b"")),
        # JSON has no bytes: a JSON string is strict bytes' only input there
        ("a", ByInput(python=bad(BYTES_TYPE), json=ok(b"a"))),
        (bytearray(b"a"), bad(BYTES_TYPE)), (1, bad(BYTES_TYPE)), (None, bad(BYTES_TYPE)),
    ],
    "conint": [
        (3, ok(3)), (9, ok(9)), ("6", ok(6)), (6.0, ok(6)),
        # multiple_of is checked before the bounds
        (1, bad(MULTIPLE_OF_3)), (2, bad(MULTIPLE_OF_3)), (4, bad(MULTIPLE_OF_3)), (10, bad(MULTIPLE_OF_3)),
        (12, bad(err("less_than", "Input should be less than 10", {"lt": 10}))),
        (0, bad(err("greater_than", "Input should be greater than 1", {"gt": 1}))),
        (-3, bad(err("greater_than", "Input should be greater than 1", {"gt": 1}))),
    ],
    "conint-ge-le": [
        (-2, ok(-2)), (2, ok(2)),
        (-3, bad(err("greater_than_equal", "Input should be greater than or equal to -2", {"ge": -2}))),
        (3, bad(err("less_than_equal", "Input should be less than or equal to 2", {"le": 2}))),
    ],
    "conint-strict": [
        (0, ok(0)), (5, ok(5)), (-1, bad(GE0)),
        ("1", bad(INT_TYPE)), (1.0, bad(INT_TYPE)), (True, bad(INT_TYPE)),
    ],
    "confloat": [
        (1.0, ok(1.0)), (2, ok(2.0)), ("1.5", ok(1.5)),
        (0.5, bad(err("greater_than", "Input should be greater than 0.5", {"gt": 0.5}))),
        (1.25, bad(err("multiple_of", "Input should be a multiple of 0.5", {"multiple_of": 0.5}))),
        (2.5, bad(err("less_than", "Input should be less than 2.5", {"lt": 2.5}))),
        (NAN, bad(err("less_than", "Input should be less than 2.5", {"lt": 2.5}))),
        (INF, bad(err("less_than", "Input should be less than 2.5", {"lt": 2.5}))),
    ],
    "confloat-ge-le": [
        (-1.5, ok(-1.5)), (1.5, ok(1.5)),
        (-1.6, bad(err("greater_than_equal", "Input should be greater than or equal to -1.5", {"ge": -1.5}))),
        (1.6, bad(err("less_than_equal", "Input should be less than or equal to 1.5", {"le": 1.5}))),
    ],
    "confloat-strict": [(1.5, ok(1.5)), (1, ok(1.0)), ("1.5", bad(FLOAT_TYPE)), (True, bad(FLOAT_TYPE))],
    "confloat-finite": [(0.0, ok(0.0)), (INF, bad(FINITE)), (NAN, bad(FINITE)), ("inf", bad(FINITE)), (-1.0, bad(GE0F))],
    "conbytes": [
        (b"ab", ok(b"ab")), (b"abc", ok(b"abc")), ("ab", ok(b"ab")), ("\u00e9", ok(b"\xc3\xa9")),
        (bytearray(b"ab"), ok(b"ab")),
        (b"a", bad(err("bytes_too_short", "Data should have at least 2 bytes", {"min_length": 2}))),
        ("a", bad(err("bytes_too_short", "Data should have at least 2 bytes", {"min_length": 2}))),
        (b"abcd", bad(err("bytes_too_long", "Data should have at most 3 bytes", {"max_length": 3}))),
        ("\u00e9\u00e9", bad(err("bytes_too_long", "Data should have at most 3 bytes", {"max_length": 3}))),
        (1, bad(BYTES_TYPE)),
    ],
    "conbytes-strict": [
        (b"a", ok(b"a")),
        ("a", ByInput(python=bad(BYTES_TYPE), json=ok(b"a"))),
        (b"", bad(err("bytes_too_short", "Data should have at least 1 byte", {"min_length": 1}))),
    ],
    "conlist": [
        ([1, 2], ok([1, 2])), ([1, 2, 3], ok([1, 2, 3])), (["1", "2"], ok([1, 2])), ((1, 2), ok([1, 2])),
        ([1], bad(err("too_short", LIST_TOO_SHORT_2.format(1), {"field_type": "List", "min_length": 2, "actual_length": 1}))),
        ([], bad(err("too_short", LIST_TOO_SHORT_2.format(0), {"field_type": "List", "min_length": 2, "actual_length": 0}))),
        ([1, 2, 3, 4], bad(err("too_long", "List should have at most 3 items after validation, not 4",
                               {"field_type": "List", "max_length": 3, "actual_length": 4}))),
        ([1, "x"], bad({**INT_PARSING, "loc": ("v", 1)})),
        ("ab", ByInput(python=bad(err("list_type", "Input should be a valid list")),
                       json=bad(err("list_type", "Input should be a valid array")))),
        (None, ByInput(python=bad(err("list_type", "Input should be a valid list")),
                       json=bad(err("list_type", "Input should be a valid array")))),
    ],
    "conlist-items": [
        ([1], ok([1])),
        ([], bad(err("too_short", "List should have at least 1 item after validation, not 0",
                     {"field_type": "List", "min_length": 1, "actual_length": 0}))),
        ([1, 0, -1], bad({**GT0, "loc": ("v", 1)}, {**GT0, "loc": ("v", 2)})),
    ],
    "conset": [
        ([1, 2], ok({1, 2})), (["1", 1, 2], ok({1, 2})),
        ([1, 1], bad(err("too_short", "Set should have at least 2 items after validation, not 1",
                         {"field_type": "Set", "min_length": 2, "actual_length": 1}))),
        ([1, 2, 3, 4], bad(err("too_long", "Set should have at most 3 items after validation, not more",
                               {"field_type": "Set", "max_length": 3, "actual_length": None}))),
        (None, ByInput(python=bad(err("set_type", "Input should be a valid set")),
                       json=bad(err("set_type", "Input should be a valid array")))),
    ],
    "confrozenset": [
        (["a", "a"], ok(frozenset({"a"}))), ([], ok(frozenset())),
        (["a", "b"], bad(err("too_long", "Frozenset should have at most 1 item after validation, not more",
                             {"field_type": "Frozenset", "max_length": 1, "actual_length": None}))),
        (1, ByInput(python=bad(err("frozen_set_type", "Input should be a valid frozenset")),
                    json=bad(err("frozen_set_type", "Input should be a valid array")))),
    ],
    "Strict": [(1, ok(1)), ("1", bad(INT_TYPE)), (1.0, bad(INT_TYPE)), (True, bad(INT_TYPE))],
    "Strict-str": [("a", ok("a")), (b"a", bad(STRING_TYPE)), (1, bad(STRING_TYPE))],
    "Strict-false": [("1", ok(1)), (1.0, ok(1)), (True, ok(1))],
    "StringConstraints": [
        (" ab ", ok("AB")), ("\u00a0abc\u2003", ok("ABC")), ("\u00df", ok("SS")),
        ("  ", bad(err("string_too_short", "String should have at least 1 character", {"min_length": 1}))),
        (" abcd ", bad(err("string_too_long", "String should have at most 3 characters", {"max_length": 3}))),
        (1, bad(STRING_TYPE)),
    ],
    "constr": [
        (" AB ", ok("ab")), ("\u2003ABCD\u00a0", ok("abcd")), (b" Ab ", ok("ab")),
        ("  a  ", bad(err("string_too_short", "String should have at least 2 characters", {"min_length": 2}))),
        ("ABCDE", bad(err("string_too_long", "String should have at most 4 characters", {"max_length": 4}))),
        # the length is checked before the case changes: İ is one character, its lower case two
        ("\u0130", bad(err("string_too_short", "String should have at least 2 characters", {"min_length": 2}))),
    ],
    "constr-strict": [("AB", ok("ab")), (b"AB", bad(STRING_TYPE)), (1, bad(STRING_TYPE))],
    "condecimal": [
        ("1.5", ok(Decimal("1.5"))), ("1.50", ok(Decimal("1.50"))), (1, ok(Decimal(1))), (1.5, ok(Decimal("1.5"))),
        (Decimal("0.01"), ok(Decimal("0.01"))),
        (0, bad(err("greater_than", "Input should be greater than 0", {"gt": Decimal(0)}))),
        ("-1", bad(err("greater_than", "Input should be greater than 0", {"gt": Decimal(0)}))),
        ("123.45", bad(err("decimal_max_digits", "Decimal input should have no more than 4 digits in total",
                           {"max_digits": 4}))),
        ("1.234", bad(err("decimal_max_places", "Decimal input should have no more than 2 decimal places",
                          {"decimal_places": 2}))),
        ("x", bad(err("decimal_parsing", "Input should be a valid decimal"))),
        (None, bad(err("decimal_type", "Decimal input should be an integer, float, string or Decimal object"))),
    ],
    "condecimal-strict": [
        (Decimal("2"), ok(Decimal("2"))),
        ("1", ByInput(python=bad(err("is_instance_of", "Input should be an instance of Decimal", {"class": "Decimal"})),
                      json=ok(Decimal("1")))),
        (0.5, ByInput(python=bad(err("is_instance_of", "Input should be an instance of Decimal", {"class": "Decimal"})),
                      json=bad(err("greater_than_equal", "Input should be greater than or equal to 1",
                                   {"ge": Decimal(1)})))),
    ],
    "condate": [
        ("2020-06-01", ok(datetime.date(2020, 6, 1))), ("2020-12-31", ok(datetime.date(2020, 12, 31))),
        (datetime.date(2020, 2, 2), ok(datetime.date(2020, 2, 2))),
        ("2020-01-01", bad(err("greater_than", "Input should be greater than 2020-01-01", {"gt": "2020-01-01"}))),
        ("2021-01-01", bad(err("less_than_equal", "Input should be less than or equal to 2020-12-31",
                               {"le": "2020-12-31"}))),
        ("x", bad(err("date_from_datetime_parsing", "Input should be a valid date or datetime, input is too short",
                      {"error": "input is too short"}))),
    ],
    "condate-strict": [
        (datetime.date(2020, 1, 1), ok(datetime.date(2020, 1, 1))),
        ("2020-06-01", ByInput(python=bad(err("date_type", "Input should be a valid date")),
                               json=ok(datetime.date(2020, 6, 1)))),
    ],
}

assert set(CASES) == set(TYPES)


def type_cases():
    for name, cases in CASES.items():
        for index, (value, expected) in enumerate(cases):
            yield pytest.param(name, value, expected, id=f"{name}-{index}-{value!r}"[:60])


@pytest.mark.parametrize("name, value, expected", list(type_cases()))
def test_types_accept_and_reject_like_pydantic(inputs, backend_models, name, value, expected):
    build, native = TYPES[name]
    cls = backend_models.one_field(build(), native=native)
    expect(inputs, cls, value, expected)


ALIAS_NAMES = [
    "PositiveInt", "NegativeInt", "NonNegativeInt", "NonPositiveInt",
    "PositiveFloat", "NegativeFloat", "NonNegativeFloat", "NonPositiveFloat", "FiniteFloat",
    "StrictInt", "StrictFloat", "StrictStr", "StrictBool", "StrictBytes",
]  # fmt: skip


# covered by test_ip.py, test_secret.py, test_json_type.py and test_path.py
OWN_MODULES = {"IPvAnyAddress", "IPvAnyNetwork", "IPvAnyInterface", "SecretStr", "SecretBytes", "Json",
               "FilePath", "DirectoryPath", "NewPath", "SocketPath"}
# covered by test_special_types.py and test_special_types_calls.py, and the DSNs by test_dsn.py
OWN_MODULES |= {"PostgresDsn", "MySQLDsn", "RedisDsn", "MongoDsn", "KafkaDsn", "ByteSize", "CockroachDsn",
                "MariaDBDsn", "ClickHouseDsn", "SnowflakeDsn", "NatsDsn"}


@satya_only
def test_every_name_of_satya_types_is_exported_and_covered():
    import satya.types

    # emails and URLs: covered by tests/test_email.py and tests/test_url.py
    networks = set(satya._networks.__all__)
    assert set(satya.types.__all__) == set(ALIAS_NAMES) | OWN_MODULES | networks | {
        "Strict", "StringConstraints", "conint", "confloat", "constr", "conbytes", "conlist", "condecimal", "condate",
        "conset", "confrozenset",
    }  # fmt: skip
    for name in satya.types.__all__:
        assert getattr(satya, name) is getattr(satya.types, name), name
        assert name in satya.__all__, name
        assert hasattr(pydantic, name), name
    covered = {name.split("-")[0] for name in TYPES} | OWN_MODULES
    assert set(satya.types.__all__) - networks <= covered


@pytest.mark.parametrize("name", ALIAS_NAMES)
def test_the_aliases_are_plain_annotated_types(name):
    """Each alias is an `Annotated[...]` of the builtin type, as pydantic's is."""
    import typing

    alias = getattr(lib, name)
    assert typing.get_origin(alias) is Annotated
    assert typing.get_args(alias)[0] is getattr(pydantic, name).__origin__


# ---------------------------------------------------------------------------
# Strictness from the model, from model_validate(strict=True), and overridden.


def test_strict_false_overrides_a_strict_model(inputs):
    cls = one_field_model(Annotated[int, lib.Strict(False)], strict=True)
    assert plain(inputs.validate_v(cls, "1")) == plain(1)


def test_a_strict_model_makes_the_aliases_strict(inputs):
    class M(Model):
        model_config = {"strict": True}
        i: lib.PositiveInt
        f: lib.NonNegativeFloat
        s: lib.constr(to_upper=True)

    assert inputs.validate(M, {"i": 1, "f": 1, "s": "a"}).model_dump() == {"i": 1, "f": 1.0, "s": "A"}
    errors = inputs.errors(M, {"i": "1", "f": "1.0", "s": 1})
    assert [(e["type"], e["loc"]) for e in errors] == [("int_type", ("i",)), ("float_type", ("f",)), ("string_type", ("s",))]


def test_model_validate_strict_applies_to_the_aliases(inputs):
    cls = one_field_model(lib.PositiveInt)
    errors = inputs.errors(cls, {"v": "1"}, strict=True)
    assert [view(e) for e in errors] == [view(INT_TYPE)]
    assert plain(inputs.validate(cls, {"v": "1"}).v) == plain(1)


# ---------------------------------------------------------------------------
# The same types inside list[...], dict values and Optional[...].

# name: (an accepted value, its result, a rejected value, its error at the field)
INSIDE = {
    "PositiveInt": ("2", 2, 0, GT0),
    "NegativeInt": (-1, -1, 0, LT0),
    "NonNegativeInt": (0, 0, -1, GE0),
    "NonPositiveInt": (0, 0, 1, LE0),
    "PositiveFloat": (1, 1.0, 0.0, GT0F),
    "NegativeFloat": (-1.5, -1.5, -0.0, LT0F),
    "NonNegativeFloat": (-0.0, -0.0, -1.0, GE0F),
    "NonPositiveFloat": (0.0, 0.0, 1.0, LE0F),
    "FiniteFloat": (1.5, 1.5, INF, FINITE),
    "StrictInt": (1, 1, "1", INT_TYPE),
    "StrictFloat": (1, 1.0, "1.0", FLOAT_TYPE),
    "StrictStr": ("x", "x", 1, STRING_TYPE),
    "StrictBool": (False, False, 0, BOOL_TYPE),
    "StrictBytes": (b"x", b"x", 1, BYTES_TYPE),
    "conint": (6, 6, 4, MULTIPLE_OF_3),
    "conint-strict": (1, 1, True, INT_TYPE),
    "confloat": (1.5, 1.5, 1.25, err("multiple_of", "Input should be a multiple of 0.5", {"multiple_of": 0.5})),
    "confloat-finite": (1, 1.0, -INF, FINITE),
    "conbytes": ("ab", b"ab", b"abcd", err("bytes_too_long", "Data should have at most 3 bytes", {"max_length": 3})),
    "conlist": ([1, 2], [1, 2], [1], err("too_short", LIST_TOO_SHORT_2.format(1),
                                           {"field_type": "List", "min_length": 2, "actual_length": 1})),
    "StringConstraints": (" ab ", "AB", " abcd ",
                          err("string_too_long", "String should have at most 3 characters", {"max_length": 3})),
    "constr": (" AB ", "ab", " a ", err("string_too_short", "String should have at least 2 characters", {"min_length": 2})),
    "constr-strict": ("AB", "ab", b"ab", STRING_TYPE),
}


def _shifted(error, *prefix):
    return {**error, "loc": ("v", *prefix) + error["loc"][1:]}


@pytest.mark.parametrize("name", list(INSIDE))
def test_types_inside_a_list(inputs, backend_models, name):
    build, native = TYPES[name]
    good, result, wrong, error = INSIDE[name]
    # a list of these items keeps their checks in the interpreter (a transformed
    # string's length is not its input's, so constr items are checked one by one)
    interpreted = ("confloat-finite", "conbytes", "conlist", "constr", "StringConstraints")
    cls = backend_models.one_field(list[build()], native=native and name not in interpreted)
    assert plain(inputs.validate_v(cls, [good, good])) == plain([result, result])
    errors = inputs.errors(cls, {"v": [good, wrong, good, wrong]})
    assert [view(e) for e in errors] == [view(_shifted(error, 1)), view(_shifted(error, 3))]


@pytest.mark.parametrize("name", list(INSIDE))
def test_types_as_dict_values(inputs, backend_models, name):
    build, native = TYPES[name]
    good, result, wrong, error = INSIDE[name]
    # a constraint on a dict value is interpreted
    cls = backend_models.one_field(dict[str, build()], native=False)
    assert plain(inputs.validate_v(cls, {"a": good, "b": good})) == plain({"a": result, "b": result})
    errors = inputs.errors(cls, {"v": {"a": good, "b": wrong}})
    assert [view(e) for e in errors] == [view(_shifted(error, "b"))]


@pytest.mark.parametrize("name", list(INSIDE))
def test_types_inside_optional(inputs, backend_models, name):
    build, native = TYPES[name]
    good, result, wrong, error = INSIDE[name]
    cls = backend_models.one_field(Optional[build()], native=native)
    assert inputs.validate_v(cls, None) is None
    assert plain(inputs.validate_v(cls, good)) == plain(result)
    errors = inputs.errors(cls, {"v": wrong})
    assert [view(e) for e in errors] == [view(error)]


def test_nested_containers_of_constrained_types(inputs):
    cls = one_field_model(Optional[dict[str, list[lib.conint(ge=0, lt=10)]]])
    assert inputs.validate_v(cls, {"a": [0, "9"], "b": []}) == {"a": [0, 9], "b": []}
    errors = inputs.errors(cls, {"v": {"a": [1, -1], "b": [10]}})
    assert [view(e) for e in errors] == [
        view(err("greater_than_equal", "Input should be greater than or equal to 0", {"ge": 0}, ("v", "a", 1))),
        view(err("less_than", "Input should be less than 10", {"lt": 10}, ("v", "b", 0))),
    ]


# ---------------------------------------------------------------------------
# constr transforms: strip_whitespace


# (character, whether Rust's str::trim, and so pydantic, strips it)
WHITESPACE = [
    ("\u00a0", True),  # no-break space
    ("\u2003", True),  # em space
    ("\u3000", True),  # ideographic space
    ("\u2028", True),  # line separator
    ("\u2029", True),  # paragraph separator
    ("\u0085", True),  # next line
    ("\u1680", True),  # ogham space mark
    ("\u202f", True),  # narrow no-break space
    ("\u205f", True),  # medium mathematical space
    ("\t\n\x0b\x0c\r ", True),
    ("\x1c", False),  # file separator: Python's str.strip strips it, Rust's trim does not
    ("\x1d", False),
    ("\x1e", False),
    ("\x1f", False),
    ("\u200b", False),  # zero width space: not White_Space
    ("\ufeff", False),  # byte order mark: not White_Space
    ("\u180e", False),  # Mongolian vowel separator: no longer White_Space
]


@pytest.fixture
def Strip(backend_models):
    return backend_models.one_field(lib.constr(strip_whitespace=True), native=False)


@pytest.mark.parametrize("char, stripped", WHITESPACE, ids=[repr(c) for c, _ in WHITESPACE])
def test_strip_whitespace_strips_what_rust_trims(inputs, Strip, char, stripped):
    text = char + "a" + char + "b" + char
    expected = "a" + char + "b" if stripped else text
    assert inputs.validate_v(Strip, text) == expected
    assert inputs.validate_v(Strip, char * 3) == ("" if stripped else char * 3)


def test_strip_whitespace_of_every_kind_at_once(inputs, Strip):
    all_space = "".join(c for c, stripped in WHITESPACE if stripped)
    assert inputs.validate_v(Strip, all_space + "x y" + all_space) == "x y"
    assert inputs.validate_v(Strip, all_space) == ""


@pytest.mark.parametrize("value", [b" ab ", bytearray(b"\xc2\xa0ab\t")], ids=["bytes", "bytearray"])
def test_strip_whitespace_applies_to_decoded_bytes(Strip, value):
    assert Strip.model_validate({"v": value}).v == "ab"


# ---------------------------------------------------------------------------
# constr transforms: to_lower and to_upper

CASE_MAPPINGS = [
    # (text, lower case, upper case): Rust's full Unicode mappings
    ("\u00df", "\u00df", "SS"),  # ß
    ("stra\u00dfe", "stra\u00dfe", "STRASSE"),
    ("\u1e9e", "\u00df", "\u1e9e"),  # ẞ
    ("\u0130", "i\u0307", "\u0130"),  # İ
    ("\u03a3", "\u03c3", "\u03a3"),  # Σ alone
    ("\u03a3\u0391\u03a3", "\u03c3\u03b1\u03c2", "\u03a3\u0391\u03a3"),  # final sigma
    ("\ufb01", "\ufb01", "FI"),  # ﬁ
    ("\u01c5", "\u01c6", "\u01c4"),  # ǅ
    ("\u0149", "\u0149", "\u02bcN"),  # ŉ
    ("\u0390", "\u0390", "\u0399\u0308\u0301"),  # ΐ
    ("\u1fbc", "\u1fb3", "\u0391\u0399"),  # ᾼ
    ("\u212a", "k", "\u212a"),  # Kelvin sign
    ("\U00010400", "\U00010428", "\U00010400"),  # Deseret
    ("\uff21b", "\uff41b", "\uff21B"),  # fullwidth
    ("MiXeD 123", "mixed 123", "MIXED 123"),
]


@pytest.mark.parametrize("text, lower, upper", CASE_MAPPINGS, ids=[repr(t) for t, _, _ in CASE_MAPPINGS])
def test_to_lower_and_to_upper_use_full_unicode_mappings(inputs, text, lower, upper):
    assert inputs.validate_v(one_field_model(lib.constr(to_lower=True)), text) == lower
    assert inputs.validate_v(one_field_model(lib.constr(to_upper=True)), text) == upper


def test_to_lower_wins_over_to_upper(inputs):
    cls = one_field_model(lib.constr(to_lower=True, to_upper=True))
    assert inputs.validate_v(cls, "AbC") == "abc"


def test_transforms_compose_strip_then_case(inputs):
    cls = one_field_model(lib.constr(strip_whitespace=True, to_upper=True))
    assert inputs.validate_v(cls, "\u2003stra\u00dfe\u00a0") == "STRASSE"
    assert inputs.validate_v(cls, "\u200bab\u200b") == "\u200bAB\u200b"


# ---------------------------------------------------------------------------
# The order of transforms and checks: strip, then min_length / max_length /
# pattern, then the change of case.

TOO_SHORT_2 = err("string_too_short", "String should have at least 2 characters", {"min_length": 2})
TOO_LONG_1 = err("string_too_long", "String should have at most 1 character", {"max_length": 1})
TOO_LONG_2 = err("string_too_long", "String should have at most 2 characters", {"max_length": 2})
TOO_LONG_3 = err("string_too_long", "String should have at most 3 characters", {"max_length": 3})


def mismatch(pattern):
    return err("string_pattern_mismatch", f"String should match pattern '{pattern}'", {"pattern": pattern})


ORDER_CASES = [
    # strip first: the lengths and the pattern see the stripped text
    (dict(strip_whitespace=True, min_length=2, max_length=3), " ab ", ok("ab")),
    (dict(strip_whitespace=True, min_length=2, max_length=3), "\u00a0abc\u2003", ok("abc")),
    (dict(strip_whitespace=True, min_length=2, max_length=3), "  a  ", bad(TOO_SHORT_2)),
    (dict(strip_whitespace=True, min_length=2, max_length=3), " abcd ", bad(TOO_LONG_3)),
    (dict(strip_whitespace=True, min_length=2, max_length=3), "\u200ba\u200b", ok("\u200ba\u200b")),
    (dict(strip_whitespace=True, max_length=1), "\x1ca\x1c", bad(TOO_LONG_1)),
    (dict(strip_whitespace=True, pattern=r"^\S+$"), "\u3000ab\u3000", ok("ab")),
    (dict(strip_whitespace=True, pattern=r"^\S+$"), "a b", bad(mismatch(r"^\S+$"))),
    (dict(strip_whitespace=True, pattern=r"^\s"), " ab", bad(mismatch(r"^\s"))),
    # the case changes after the checks: they see the original case and length
    (dict(to_upper=True, max_length=1), "\u00df", ok("SS")),
    (dict(to_upper=True, max_length=1), "\ufb01", ok("FI")),
    (dict(to_upper=True, max_length=1), "ab", bad(TOO_LONG_1)),
    (dict(to_lower=True, min_length=2), "\u0130", bad(TOO_SHORT_2)),
    (dict(to_lower=True, min_length=2), "AB", ok("ab")),
    (dict(to_upper=True, pattern=r"^[A-Z]+$"), "abc", bad(mismatch(r"^[A-Z]+$"))),
    (dict(to_upper=True, pattern=r"^[A-Z]+$"), "\u00df", bad(mismatch(r"^[A-Z]+$"))),
    (dict(to_upper=True, pattern=r"^[A-Z]+$"), "ABC", ok("ABC")),
    (dict(to_lower=True, pattern=r"^[a-z]+$"), "ABC", bad(mismatch(r"^[a-z]+$"))),
    (dict(to_lower=True, pattern=r"^[a-z]+$"), "abc", ok("abc")),
    (dict(to_lower=True, pattern=r"^[A-Z]"), "ABC", ok("abc")),
    # all three: strip, check, then change the case
    (dict(strip_whitespace=True, to_upper=True, max_length=2), " \u00df\u00df ", ok("SSSS")),
    (dict(strip_whitespace=True, to_upper=True, max_length=2), " abc ", bad(TOO_LONG_2)),
    (dict(strip_whitespace=True, to_upper=True, max_length=2), "   ", ok("")),
    (dict(strip_whitespace=True, to_lower=True, pattern=r"^[A-Z]{2}$"), "\u2003AB\u2003", ok("ab")),
    (dict(strip_whitespace=True, to_lower=True, pattern=r"^[A-Z]{2}$"), " ab ", bad(mismatch(r"^[A-Z]{2}$"))),
]


@pytest.mark.parametrize(
    "constraints, value, expected", ORDER_CASES, ids=[f"{i}-{sorted(c)}-{v!r}" for i, (c, v, _) in enumerate(ORDER_CASES)]
)
def test_transforms_and_checks_in_pydantics_order(inputs, backend_models, constraints, value, expected):
    cls = backend_models.one_field(lib.constr(**constraints), native=False)
    expect(inputs, cls, value, expected)


@pytest.mark.parametrize(
    "constraints, value, expected", ORDER_CASES, ids=[f"{i}-{sorted(c)}-{v!r}" for i, (c, v, _) in enumerate(ORDER_CASES)]
)
def test_transforms_and_checks_in_pydantics_order_in_a_list(inputs, backend_models, constraints, value, expected):
    cls = backend_models.one_field(list[lib.constr(**constraints)], native=False)
    kind, want = expected
    if kind == "ok":
        assert inputs.validate_v(cls, [value]) == [want]
    else:
        errors = inputs.errors(cls, {"v": [value]})
        assert [view(e) for e in errors] == [view(_shifted(e, 0)) for e in want]


@pytest.mark.parametrize(
    "constraints, value, expected", ORDER_CASES, ids=[f"{i}-{sorted(c)}-{v!r}" for i, (c, v, _) in enumerate(ORDER_CASES)]
)
def test_string_constraints_equal_constr(inputs, constraints, value, expected):
    cls = one_field_model(Annotated[str, lib.StringConstraints(**constraints)])
    expect(inputs, cls, value, expected)


def test_errors_report_the_untransformed_input(inputs):
    cls = one_field_model(lib.constr(strip_whitespace=True, to_upper=True, min_length=2))
    error = inputs.single_error(cls, " \u00a0a\u2003 ")
    assert error["input"] == " \u00a0a\u2003 "
    assert view(error) == view(TOO_SHORT_2)


def test_lone_surrogate_with_a_transform_is_string_unicode():
    # Python input only: JSON text cannot hold a lone surrogate.
    for constraints in (dict(to_lower=True), dict(to_upper=True), dict(strip_whitespace=True)):
        cls = one_field_model(lib.constr(**constraints))
        with pytest.raises(ValidationError) as info:
            cls.model_validate({"v": " \ud800A "})
        assert [e["type"] for e in errors_of(info.value)] == ["string_unicode"], constraints


# ---------------------------------------------------------------------------
# Transforms on dict keys


def test_to_lower_on_dict_keys_later_keys_win(inputs):
    cls = one_field_model(dict[lib.constr(to_lower=True), int])
    result = inputs.validate_v(cls, {"AB": 1, "ab": 2, "Cd": 3})
    assert list(result.items()) == [("ab", 2), ("cd", 3)]
    result = inputs.validate_v(cls, {"\u00df": 1, "SS": 2, "\u0130": 3, "\u212a": 4})
    assert list(result.items()) == [("\u00df", 1), ("ss", 2), ("i\u0307", 3), ("k", 4)]


def test_to_upper_and_strip_on_dict_keys(inputs):
    cls = one_field_model(dict[lib.constr(strip_whitespace=True, to_upper=True), int])
    result = inputs.validate_v(cls, {"\u00a0stra\u00dfe ": 1, "\ufb01": 2, "\u200bx": 3})
    assert list(result.items()) == [("STRASSE", 1), ("FI", 2), ("\u200bX", 3)]


def test_dict_key_checks_run_before_the_case_changes(inputs):
    cls = one_field_model(dict[lib.constr(to_upper=True, max_length=2), int])
    assert inputs.validate_v(cls, {"\u00df\u00df": 1, "ab": 2}) == {"SSSS": 1, "AB": 2}
    errors = inputs.errors(cls, {"v": {"abc": 1}})
    assert [view(e) for e in errors] == [view({**TOO_LONG_2, "loc": ("v", "abc", "[key]")})]
    assert errors[0]["input"] == "abc"


def test_dict_key_strip_then_min_length(inputs):
    cls = one_field_model(dict[lib.constr(strip_whitespace=True, min_length=1), int])
    assert inputs.validate_v(cls, {" a ": 1, "a": 2}) == {"a": 2}
    errors = inputs.errors(cls, {"v": {"\u2003": 1}})
    too_short = err("string_too_short", "String should have at least 1 character", {"min_length": 1}, ("v", "\u2003", "[key]"))
    assert [view(e) for e in errors] == [view(too_short)]


def test_transformed_keys_and_values_together(inputs):
    cls = one_field_model(dict[lib.constr(to_lower=True), lib.constr(strip_whitespace=True, to_upper=True)])
    assert inputs.validate_v(cls, {"K\u00df": " v\u00df\u3000"}) == {"k\u00df": "VSS"}


# ---------------------------------------------------------------------------
# annotated_types metadata


AT_CASES = [
    # (annotation, value, expected)
    (Annotated[int, at.Gt(1)], 2, ok(2)),
    (Annotated[int, at.Gt(1)], 1, bad(err("greater_than", "Input should be greater than 1", {"gt": 1}))),
    (Annotated[int, at.Ge(1)], 1, ok(1)),
    (Annotated[int, at.Ge(1)], "0", bad(err("greater_than_equal", "Input should be greater than or equal to 1", {"ge": 1}))),
    (Annotated[int, at.Lt(1)], 0, ok(0)),
    (Annotated[int, at.Lt(1)], 1, bad(err("less_than", "Input should be less than 1", {"lt": 1}))),
    (Annotated[int, at.Le(1)], 1, ok(1)),
    (Annotated[int, at.Le(1)], 2, bad(err("less_than_equal", "Input should be less than or equal to 1", {"le": 1}))),
    (Annotated[int, at.Interval(gt=0, le=10)], 10, ok(10)),
    (Annotated[int, at.Interval(gt=0, le=10)], 0, bad(err("greater_than", "Input should be greater than 0", {"gt": 0}))),
    (Annotated[int, at.Interval(gt=0, le=10)], 11,
     bad(err("less_than_equal", "Input should be less than or equal to 10", {"le": 10}))),
    (Annotated[int, at.Interval(ge=0, lt=10)], 0, ok(0)),
    (Annotated[int, at.Interval(ge=0, lt=10)], 10, bad(err("less_than", "Input should be less than 10", {"lt": 10}))),
    (Annotated[int, at.MultipleOf(3)], -3, ok(-3)),
    (Annotated[int, at.MultipleOf(3)], 4, bad(MULTIPLE_OF_3)),
    (Annotated[int, at.Gt(2**70)], 2**70 + 1, ok(2**70 + 1)),
    (Annotated[int, at.Gt(2**70)], 2**70, bad(err("greater_than", f"Input should be greater than {2**70}", {"gt": 2**70}))),
    (Annotated[int, at.Gt(0), at.Lt(10), at.MultipleOf(2)], 8, ok(8)),
    (Annotated[int, at.Gt(0), at.Lt(10), at.MultipleOf(2)], 10, bad(err("less_than", "Input should be less than 10", {"lt": 10}))),
    (Annotated[float, at.Gt(0.5)], 0.5, bad(err("greater_than", "Input should be greater than 0.5", {"gt": 0.5}))),
    (Annotated[float, at.Gt(0.5)], 1, ok(1.0)),
    (Annotated[float, at.Ge(1)], 0.5, bad(err("greater_than_equal", "Input should be greater than or equal to 1", {"ge": 1.0}))),
    (Annotated[float, at.Lt(1.5)], 1.5, bad(err("less_than", "Input should be less than 1.5", {"lt": 1.5}))),
    (Annotated[float, at.Le(1.5)], 1.5, ok(1.5)),
    (Annotated[float, at.Le(1.5)], INF, bad(err("less_than_equal", "Input should be less than or equal to 1.5", {"le": 1.5}))),
    (Annotated[float, at.Interval(gt=0.0, lt=1.0)], 0.5, ok(0.5)),
    (Annotated[float, at.Interval(gt=0.0, lt=1.0)], 1.0, bad(err("less_than", "Input should be less than 1", {"lt": 1.0}))),
    (Annotated[float, at.MultipleOf(0.25)], 0.75, ok(0.75)),
    (Annotated[float, at.MultipleOf(0.25)], 0.3,
     bad(err("multiple_of", "Input should be a multiple of 0.25", {"multiple_of": 0.25}))),
    (Annotated[str, at.MinLen(2)], "\U0001f600\U0001f600", ok("\U0001f600\U0001f600")),
    (Annotated[str, at.MinLen(2)], "a", bad(TOO_SHORT_2)),
    (Annotated[str, at.MaxLen(2)], "abc", bad(TOO_LONG_2)),
    (Annotated[str, at.Len(1, 2)], "", bad(err("string_too_short", "String should have at least 1 character", {"min_length": 1}))),
    (Annotated[str, at.Len(1, 2)], "ab", ok("ab")),
    (Annotated[str, at.Len(1, 2)], "abc", bad(TOO_LONG_2)),
    (Annotated[bytes, at.MinLen(2)], b"a", bad(err("bytes_too_short", "Data should have at least 2 bytes", {"min_length": 2}))),
    (Annotated[bytes, at.MinLen(2)], "\u00e9", ok(b"\xc3\xa9")),
    (Annotated[bytes, at.MaxLen(1)], "ab", bad(err("bytes_too_long", "Data should have at most 1 byte", {"max_length": 1}))),
    (Annotated[bytes, at.Len(1, 2)], b"", bad(err("bytes_too_short", "Data should have at least 1 byte", {"min_length": 1}))),
    (Annotated[bytes, at.Len(1, 2)], b"ab", ok(b"ab")),
    (Annotated[list[int], at.MinLen(2)], ["1"],
     bad(err("too_short", LIST_TOO_SHORT_2.format(1), {"field_type": "List", "min_length": 2, "actual_length": 1}))),
    (Annotated[list[int], at.MaxLen(1)], [1, 2],
     bad(err("too_long", "List should have at most 1 item after validation, not 2",
             {"field_type": "List", "max_length": 1, "actual_length": 2}))),
    (Annotated[list[int], at.Len(1, 2)], [1, "2"], ok([1, 2])),
    (Annotated[list[int], at.Len(1)], [0] * 100, ok([0] * 100)),
    (Annotated[list[int], at.Len(1, 2)], [],
     bad(err("too_short", "List should have at least 1 item after validation, not 0",
             {"field_type": "List", "min_length": 1, "actual_length": 0}))),
    (Annotated[dict[str, int], at.MinLen(1)], {},
     bad(err("too_short", "Dictionary should have at least 1 item after validation, not 0",
             {"field_type": "Dictionary", "min_length": 1, "actual_length": 0}))),
    (list[Annotated[int, at.Ge(0)]], [0, -1],
     bad(err("greater_than_equal", "Input should be greater than or equal to 0", {"ge": 0}, ("v", 1)))),
    (dict[str, Annotated[str, at.MaxLen(1)]], {"a": "ab"},
     bad(err("string_too_long", "String should have at most 1 character", {"max_length": 1}, ("v", "a")))),
    (Optional[Annotated[float, at.Lt(0)]], None, ok(None)),
    (Optional[Annotated[float, at.Lt(0)]], 0, bad(err("less_than", "Input should be less than 0", {"lt": 0.0}))),
    # annotated_types together with a Field / StringConstraints: both apply
    (Annotated[int, at.Gt(0), lib.Field(lt=5)], 5,
     bad(err("less_than", "Input should be less than 5", {"lt": 5}))),
    (Annotated[str, lib.StringConstraints(strip_whitespace=True), at.MinLen(2)], " a ", bad(TOO_SHORT_2)),
]


@pytest.mark.parametrize("annotation, value, expected", AT_CASES, ids=[f"{i}-{v!r}"[:40] for i, (_, v, _) in enumerate(AT_CASES)])
def test_annotated_types_constraints_are_enforced(inputs, backend_models, annotation, value, expected):
    # native=False: only asserts the backend, whatever got compiled
    cls = backend_models.one_field(annotation, native=False)
    expect(inputs, cls, value, expected)


class NotInAnnotatedTypes:
    """Metadata that is nobody's constraint."""


IGNORED = [
    "a docstring",
    42,
    NotInAnnotatedTypes(),
    None,
    ("a", "tuple"),
    at.doc("documented with annotated_types.doc"),
]


@pytest.mark.parametrize("meta", IGNORED, ids=[repr(m)[:30] for m in IGNORED])
def test_other_metadata_is_ignored(inputs, meta):
    cls = one_field_model(Annotated[int, meta])
    assert inputs.validate_v(cls, "5") == 5
    assert view(inputs.single_error(cls, "x")) == view(INT_PARSING)
    with_constraint = one_field_model(Annotated[str, meta, at.MaxLen(1), "more"])
    assert view(inputs.single_error(with_constraint, "ab")) == view(TOO_LONG_1)


class PositiveAndSmall(at.GroupedMetadata):
    """A user's group of annotated_types constraints (pydantic unpacks it)."""

    def __iter__(self):
        yield at.Gt(0)
        yield at.Lt(10)


def test_a_users_grouped_metadata_is_unpacked(inputs):
    cls = one_field_model(Annotated[int, PositiveAndSmall()])
    assert inputs.validate_v(cls, 5) == 5
    assert [view(e) for e in inputs.errors(cls, {"v": 0})] == [view(GT0)]
    assert [view(e) for e in inputs.errors(cls, {"v": 10})] == [
        view(err("less_than", "Input should be less than 10", {"lt": 10}))
    ]


class MyPredicate(at.Predicate):
    """A user's subclass of an annotated_types class satya does not support."""


UNSUPPORTED = [
    ("Predicate", Annotated[str, at.Predicate(str.isdigit)]),
    ("Timezone", Annotated[int, at.Timezone(None)]),
    ("Unit", Annotated[float, at.Unit("m")]),
    ("Not", Annotated[str, at.Not(str.isdigit)]),
    ("Predicate", at.LowerCase[str]),
    ("Predicate", at.IsDigit[str]),
    ("Predicate", at.IsFinite[float]),
    ("Predicate", list[Annotated[int, at.Predicate(bool)]]),
    ("Predicate", dict[str, Annotated[int, at.Predicate(bool)]]),
    ("Predicate", dict[Annotated[str, at.Predicate(str.isdigit)], int]),
    ("Timezone", Optional[Annotated[int, at.Timezone(...)]]),
    ("Predicate", Annotated[int, at.Gt(0), at.Predicate(bool)]),
    ("Predicate", Annotated[int, MyPredicate(bool)]),
]


@satya_only  # pydantic enforces a Predicate, and refuses a Timezone on an int differently
@pytest.mark.parametrize("name, annotation", UNSUPPORTED, ids=[f"{i}-{n}" for i, (n, _) in enumerate(UNSUPPORTED)])
def test_unsupported_annotated_types_are_a_schema_error_at_definition(name, annotation):
    with pytest.raises(satya.SchemaError) as info:
        one_field_model(annotation, name="Bad")
    message = str(info.value)
    assert "Bad.v" in message, message
    assert f"annotated_types.{name}" in message and "not supported" in message, message


@satya_only
def test_an_unsupported_annotated_type_names_the_field_in_a_later_class():
    class Fine(satya.Model):
        a: Annotated[int, at.Gt(0)]

    with pytest.raises(satya.SchemaError, match=r"Later\.b: annotated_types\.Timezone is not supported"):

        class Later(satya.Model):
            a: Annotated[int, at.Gt(0)]
            b: Annotated[int, at.Timezone(None)]

    assert Fine(a=1).a == 1


@satya_only  # pydantic defers some of these to validation time
@pytest.mark.parametrize(
    "annotation",
    [Annotated[str, at.Gt(1)], Annotated[int, at.MinLen(1)], Annotated[bool, at.MaxLen(1)], Annotated[bytes, at.MultipleOf(2)]],
    ids=["gt-on-str", "min_len-on-int", "max_len-on-bool", "multiple_of-on-bytes"],
)
def test_a_constraint_that_cannot_apply_fails_at_definition(annotation):
    with pytest.raises(satya.SchemaError, match="does not apply to"):
        one_field_model(annotation)


# ---------------------------------------------------------------------------
# Differential: random unicode text through constr(strip_whitespace,
# to_lower / to_upper, min_length, max_length), against pydantic, as Python
# objects and as JSON text, under each backend.

BACKEND_NAMES = ["pydantic"] if ORACLE else ["jit", "interpreter"]

SPECIAL = (
    "".join(c for c, _ in WHITESPACE)
    + "".join(t for t, _, _ in CASE_MAPPINGS)
    + "aAzZ \u00c9\u00e9\u0131\u0069\u03c2\u1e9e"
)
texts = st.text(
    alphabet=st.one_of(st.sampled_from(SPECIAL), st.sampled_from(SPECIAL), st.characters(exclude_categories=("Cs",))),
    max_size=8,
)


@st.composite
def constr_cases(draw):
    """(constraints, text): the bounds are drawn near the text's length, before
    and after stripping and changing its case, so that the order of the
    transforms and the checks decides the outcome."""
    text = draw(texts)
    spec = {"strip_whitespace": draw(st.booleans())}
    case = draw(st.sampled_from([None, "to_lower", "to_upper"]))
    if case:
        spec[case] = True
    near = {len(text), len(text.strip()), len(text.lower()), len(text.upper())}
    near |= {n + 1 for n in near} | {max(n - 1, 0) for n in near}
    bound = st.sampled_from(sorted(near)) | st.integers(0, 10)
    low = draw(st.none() | bound)
    if low is not None:
        spec["min_length"] = low
    if draw(st.booleans()):
        spec["max_length"] = draw(bound.filter(lambda n: n >= (low or 0)))
    return tuple(sorted(spec.items())), text


@functools.lru_cache(maxsize=None)
def constr_models(spec, backend):
    constraints = dict(spec)
    native = "min_length" in constraints or "max_length" in constraints
    mine = BackendModels(backend).define(lambda: one_field_model(lib.constr(**constraints)), native=native)
    oracle = one_field_model(pydantic.constr(**constraints), lib=pydantic)
    return mine, oracle


@pytest.mark.parametrize("container", ["field", "list", "dict-key"])
@pytest.mark.parametrize("backend", BACKEND_NAMES)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@example(case=((("max_length", 1), ("to_upper", True)), "\u00df"))
@example(case=((("min_length", 2), ("strip_whitespace", True), ("to_lower", True)), " \u0130 "))
@given(case=constr_cases())
def test_constr_transforms_agree_with_pydantic(backend, container, case):
    spec, text = case
    if backend == "jit" and not NATIVE_MACHINE:
        pytest.skip("native code is generated for x86_64 and aarch64 only")
    if container == "field":
        mine, oracle = constr_models(spec, backend)
        value = text
    elif container == "list":
        mine, oracle = list_constr_models(spec, backend)
        value = [text, text.upper()]
    elif container == "dict-key":
        mine, oracle = key_constr_models(spec, backend)
        value = {text: 1, text.lower(): 2}
    for kind in kinds_for(value):
        expected = outcome_of(oracle, kind, value)
        got = outcome_of(mine, kind, value)
        note(f"{kind} {dict(spec)} {value!r}")
        assert got == expected, f"constr({dict(spec)}) {container} {kind} {value!r}\nmine:     {got}\npydantic: {expected}"


@functools.lru_cache(maxsize=None)
def list_constr_models(spec, backend):
    constraints = dict(spec)
    mine = BackendModels(backend).define(lambda: one_field_model(list[lib.constr(**constraints)]), native=False)
    return mine, one_field_model(list[pydantic.constr(**constraints)], lib=pydantic)


@functools.lru_cache(maxsize=None)
def key_constr_models(spec, backend):
    constraints = dict(spec)
    mine = BackendModels(backend).define(lambda: one_field_model(dict[lib.constr(**constraints), int]), native=False)
    return mine, one_field_model(dict[pydantic.constr(**constraints), int], lib=pydantic)


# ---------------------------------------------------------------------------
# Batches: model_validate_json_many (satya's own API), with worker threads,
# must equal model_validate_json of each record.


def define_transformed(lib, tags=False):
    """`tags=True` adds a list of transformed strs with a length bound."""

    class Transformed(lib.BaseModel):
        name: lib.constr(strip_whitespace=True, to_lower=True, min_length=2, max_length=6)
        code: lib.constr(to_upper=True)
        tag: Annotated[str, lib.StringConstraints(strip_whitespace=True, max_length=3)]
        counts: dict[lib.constr(strip_whitespace=True, to_lower=True), lib.NonNegativeInt]
        words: list[lib.constr(strip_whitespace=True)]
        size: lib.PositiveInt
        ratio: lib.FiniteFloat = 0.0
        note: Optional[lib.constr(strip_whitespace=True, to_upper=True)] = None
        flag: lib.StrictBool = False

    if not tags:
        return Transformed

    class Tagged(Transformed):
        tags: list[lib.constr(strip_whitespace=True, to_upper=True, max_length=2)] = []

    return Tagged


BATCH_STRINGS = [
    " Ab ", "\u00a0Stra\u00dfe\u2003", "\u0130\u0130", "  x  ", "ABCDEFG", "\u200bAB\u200b", "\x1cab\x1c",
    "\ufb01x", "\u03a3\u0391\u03a3", "\u3000\u3000", "ok", "\U0001f600\U0001f600", "\ufeffq", "a",
]  # fmt: skip


def batch_record(i: int, tags=False) -> str:
    s = BATCH_STRINGS
    record = {
        "name": s[i % len(s)],
        "code": s[(i * 3) % len(s)],
        "tag": s[(i * 5) % len(s)][:4],
        "counts": {s[(i * 7) % len(s)]: i % 3, s[(i + 1) % len(s)].upper(): (i % 5) - 1},
        "words": [s[(i * 11) % len(s)], s[(i * 13) % len(s)]],
        "size": (i % 4) - 1 if i % 9 == 0 else i + 1,
        "note": None if i % 4 == 0 else s[(i * 17) % len(s)],
        "flag": i % 10 != 0 or 1,
    }
    if tags:
        record["tags"] = [" ab ", "x"] if i % 8 == 0 else ["\u3000q\u3000"] if i % 8 == 1 else ["xyz"] if i % 8 == 2 else []
    if i % 6 == 0:
        record["ratio"] = float("inf") if i % 12 == 0 else i / 7
    return json.dumps(record, ensure_ascii=i % 2 == 0, allow_nan=True)


@satya_only
@pytest.mark.parametrize("tags", [False, True], ids=["transforms", "list-item-lengths"])
@pytest.mark.parametrize("backend", BACKEND_NAMES)
@pytest.mark.parametrize("fmt", ["array", "ndjson"])
def test_json_batches_with_transforms_match_each_record(backend, fmt, tags):
    from batch_support import batch_outcomes, json_outcome, same

    if backend == "jit" and not NATIVE_MACHINE:
        pytest.skip("native code is generated for x86_64 and aarch64 only")
    cls = BackendModels(backend).define(lambda: define_transformed(satya, tags), native=False)
    records = [batch_record(i, tags) for i in range(240)]
    alone = [json_outcome(cls, text) for text in records]
    valid = sum(1 for o in alone if o[0] == "ok")
    assert 40 < valid < 200, valid  # a mix of valid and invalid records
    data = "[" + ",".join(records) + "]" if fmt == "array" else "\n".join(records)
    for threads in (1, 2):
        got = batch_outcomes(cls.model_validate_json_many(data, format=fmt, errors="collect", threads=threads), cls)
        assert sorted(got) == list(range(len(records)))
        for index, expected in enumerate(alone):
            assert same(got[index], expected), (threads, records[index], got[index], expected)
    valid_only = [text for text, o in zip(records, alone) if o[0] == "ok"]
    many = cls.model_validate_json_many("[" + ",".join(valid_only) + "]", threads=2)
    assert [m.model_dump() for m in many] == [cls.model_validate_json(text).model_dump() for text in valid_only]


@pytest.mark.parametrize("tags", [False, True], ids=["transforms", "list-item-lengths"])
def test_transformed_records_agree_with_pydantic(tags):
    """The batch test's records, one at a time, as pydantic validates them."""
    mine, oracle = define_transformed(lib, tags), define_transformed(pydantic, tags)
    for i in range(240):
        text = batch_record(i, tags)
        results = []
        for cls in (mine, oracle):
            try:
                results.append(("ok", plain(cls.model_validate_json(text).model_dump())))
            except ANY_VALIDATION_ERROR as exc:
                results.append(("err", [(e["type"], e["loc"], e["msg"], plain(e.get("ctx"))) for e in errors_of(exc)]))
        assert results[0] == results[1], f"{text}\nmine:     {results[0]}\npydantic: {results[1]}"


# ---------------------------------------------------------------------------
# Dumps: the validated values dump as pydantic's do.


def define_dumped(lib):
    class Dumped(lib.BaseModel):
        pi: lib.PositiveInt
        ni: lib.NegativeInt
        nni: lib.NonNegativeInt
        npi: lib.NonPositiveInt
        pf: lib.PositiveFloat
        nf: lib.NegativeFloat
        nnf: lib.NonNegativeFloat
        npf: lib.NonPositiveFloat
        ff: lib.FiniteFloat
        si: lib.StrictInt
        sf: lib.StrictFloat
        ss: lib.StrictStr
        sb: lib.StrictBool
        sby: lib.StrictBytes
        ci: lib.conint(ge=0, multiple_of=5)
        cf: lib.confloat(lt=10)
        cs: lib.constr(strip_whitespace=True, to_upper=True)
        cb: lib.conbytes(max_length=8)
        cl: lib.conlist(lib.PositiveFloat, min_length=1)
        sc: Annotated[str, lib.StringConstraints(to_lower=True)]
        keys: dict[lib.constr(to_lower=True), lib.NonNegativeFloat]
        opt: Optional[lib.constr(strip_whitespace=True)] = None
        at_list: Annotated[list[lib.StrictInt], at.Len(0, 3)] = []

    return Dumped


DUMP_DATA = [
    dict(pi=2**70, ni=-1, nni=0, npi=0, pf=5e-324, nf=-float("inf"), nnf=-0.0, npf=-0.0, ff=1e308, si=-(2**64),
         sf=1, ss="s\u00e9", sb=True, sby=b"\xff\x00", ci=10, cf=-1e308, cs="\u00a0stra\u00dfe ",
         cb="\u00e9", cl=[1, "2.5"], sc="\u0130X", keys={"A\u00df": 1, "\u212a": 0.5}, opt="\u2003x ", at_list=[1]),
    dict(pi="7", ni="-7", nni=False, npi=-3, pf=float("inf"), nf=-0.5, nnf=0, npf=-1e-300, ff="1.5", si=0,
         sf=float("-inf"), ss="", sb=False, sby=b"", ci=0, cf=-0.0, cs="\u200bab\u200b", cb=b"", cl=[0.1],
         sc="\u03a3\u0391\u03a3", keys={}, opt=None, at_list=[]),
]


@pytest.mark.parametrize("data", DUMP_DATA, ids=["edges", "coerced"])
def test_dumps_equal_pydantics(data):
    from dump_support import assert_same_dumps

    mine = define_dumped(lib).model_validate(data)
    oracle = define_dumped(pydantic).model_validate(data)
    assert_same_dumps(mine, oracle)
    assert_same_dumps(mine, oracle, exclude_defaults=True)
    assert_same_dumps(mine, oracle, include={"cs", "sc", "keys", "sby", "cb"})


def test_dumped_json_validates_back_to_the_same_values():
    cls = define_dumped(lib)
    finite = {**DUMP_DATA[0], "nf": -1.5, "sby": b"ok", "sf": 2.5}
    instance = cls.model_validate(finite)
    again = cls.model_validate_json(instance.model_dump_json())
    assert plain(again.model_dump()) == plain(instance.model_dump())
