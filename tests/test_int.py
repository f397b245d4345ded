"""`int` fields: lax and strict coercion, bounds and multiple_of, with pydantic
v2's results and error types."""

import enum
from decimal import Decimal

import pytest

from support import Field, Model, one_field_model, validate_v

LaxInt = one_field_model(int)
StrictInt = one_field_model(int, strict=True)

INT_PARSING = "Input should be a valid integer, unable to parse string as an integer"
INT_TYPE = "Input should be a valid integer"
INT_FROM_FLOAT = "Input should be a valid integer, got a number with a fractional part"
INT_SIZE = "Unable to parse input string as an integer, exceeded maximum size"
FINITE = "Input should be a finite number"


class Colour(enum.IntEnum):
    RED = 1


class MyInt(int):
    pass


@pytest.mark.parametrize(
    "value, expected",
    [
        (5, 5),
        (-7, -7),
        ("5", 5),
        (" 12 ", 12),
        ("\t5\n", 5),
        ("+5", 5),
        ("-0", 0),
        ("05", 5),
        ("1_000", 1000),
        ("5.0", 5),
        ("5.00", 5),
        ("-5.000", -5),
        ("0.0", 0),
        (5.0, 5),
        (-0.0, 0),
        (9.2e18, 9200000000000000000),
        (True, 1),
        (False, 0),
        (b"5", 5),
        (Decimal("5"), 5),
        (10**100, 10**100),
        (str(10**100), 10**100),
        ("9999999999999999999", 9999999999999999999),
        (2**63, 2**63),
        (-(2**63), -(2**63)),
    ],
)
def test_lax_int_accepts_and_coerces_like_pydantic(inputs, value, expected):
    result = inputs.validate_v(LaxInt, value)
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize(
    "value, error_type, message",
    [
        ("5.5", "int_parsing", INT_PARSING),
        ("1e3", "int_parsing", INT_PARSING),
        ("0x10", "int_parsing", INT_PARSING),
        ("", "int_parsing", INT_PARSING),
        (" ", "int_parsing", INT_PARSING),
        ("_1", "int_parsing", INT_PARSING),
        ("10_", "int_parsing", INT_PARSING),
        ("1__0", "int_parsing", INT_PARSING),
        ("--5", "int_parsing", INT_PARSING),
        ("true", "int_parsing", INT_PARSING),
        ("\uff15", "int_parsing", INT_PARSING),  # fullwidth digit five
        (".5", "int_parsing", INT_PARSING),
        ("5.0.0", "int_parsing", INT_PARSING),
        (b"\xff", "int_parsing", INT_PARSING),
        (5.5, "int_from_float", INT_FROM_FLOAT),
        (Decimal("5.5"), "int_from_float", INT_FROM_FLOAT),
        (float("nan"), "finite_number", FINITE),
        (float("inf"), "finite_number", FINITE),
        (float("-inf"), "finite_number", FINITE),
        (Decimal("NaN"), "finite_number", FINITE),
        (1e20, "int_parsing_size", INT_SIZE),
        (2.0**63, "int_parsing_size", INT_SIZE),
        ("1" * 5000, "int_parsing_size", INT_SIZE),
        (None, "int_type", INT_TYPE),
        ([1], "int_type", INT_TYPE),
        (bytearray(b"5"), "int_type", INT_TYPE),
        (object(), "int_type", INT_TYPE),
    ],
)
def test_lax_int_rejects_with_pydantic_error(inputs, value, error_type, message):
    error = inputs.single_error(LaxInt, value)
    assert error["type"] == error_type
    assert error["msg"] == message
    assert error["loc"] == ("v",)
    assert inputs.same_input(error["input"], value)
    assert "ctx" not in error


@pytest.mark.parametrize("text", ["5.", "-5.", "0.", " 7. "])
def test_lax_int_rejects_string_with_bare_trailing_dot(inputs, text):
    assert inputs.single_error(LaxInt, text)["type"] == "int_parsing"


def test_lax_int_rejects_float_minus_two_to_the_63(inputs):
    assert inputs.single_error(LaxInt, -(2.0**63))["type"] == "int_parsing_size"


def test_int_enum_and_int_subclass_become_plain_int():  # Python objects only
    assert type(validate_v(LaxInt, Colour.RED)) is int
    assert validate_v(LaxInt, Colour.RED) == 1
    assert type(validate_v(LaxInt, MyInt(3))) is int
    assert type(validate_v(StrictInt, MyInt(3))) is int


def test_bool_becomes_plain_int_in_lax_mode(inputs):
    assert type(inputs.validate_v(LaxInt, True)) is int


@pytest.mark.parametrize("value", [1, -1, 10**100, Colour.RED, MyInt(4)])
def test_strict_int_accepts_ints_and_subclasses(inputs, value):
    assert inputs.validate_v(StrictInt, value) == int(value)


@pytest.mark.parametrize("value", [1.0, True, False, "1", b"1", Decimal(1), None, float("nan")])
def test_strict_int_rejects_everything_else_with_int_type(inputs, value):
    error = inputs.single_error(StrictInt, value)
    assert (error["type"], error["msg"]) == ("int_type", INT_TYPE)


def _bounded_model():
    class Bounded(Model):
        gt: int = Field(default=0, gt=5)
        ge: int = Field(default=5, ge=5)
        lt: int = Field(default=0, lt=5)
        le: int = Field(default=0, le=5)
        mult: int = Field(default=0, multiple_of=3)

    return Bounded


@pytest.fixture
def Bounded(backend_models):
    """One model with each kind of bound, under each constraint backend."""
    return backend_models.define(_bounded_model)


@pytest.mark.parametrize(
    "field, value, error_type, message, ctx",
    [
        ("gt", 5, "greater_than", "Input should be greater than 5", {"gt": 5}),
        ("gt", -(10**30), "greater_than", "Input should be greater than 5", {"gt": 5}),
        ("ge", 4, "greater_than_equal", "Input should be greater than or equal to 5", {"ge": 5}),
        ("lt", 5, "less_than", "Input should be less than 5", {"lt": 5}),
        ("lt", 10**30, "less_than", "Input should be less than 5", {"lt": 5}),
        ("le", 6, "less_than_equal", "Input should be less than or equal to 5", {"le": 5}),
        ("mult", 4, "multiple_of", "Input should be a multiple of 3", {"multiple_of": 3}),
        ("mult", 10**30 + 1, "multiple_of", "Input should be a multiple of 3", {"multiple_of": 3}),
    ],
)
def test_int_bounds_report_the_users_bound(inputs, Bounded, field, value, error_type, message, ctx):
    [error] = inputs.construct_errors(Bounded, **{field: value})
    assert error == {"type": error_type, "loc": (field,), "msg": message, "input": value, "ctx": ctx}


@pytest.mark.parametrize(
    "field, value",
    [("gt", 6), ("ge", 5), ("lt", 4), ("le", 5), ("mult", -9), ("mult", 0), ("gt", 10**30), ("lt", -(10**30))],
)
def test_int_bounds_accept_values_on_the_right_side(inputs, Bounded, field, value):
    assert getattr(inputs.construct(Bounded, **{field: value}), field) == value


def test_bounds_apply_after_coercion(inputs, Bounded):
    errors = inputs.construct_errors(Bounded, gt="5", mult=4.0)
    assert [(e["type"], e["input"]) for e in errors] == [("greater_than", "5"), ("multiple_of", 4.0)]
    assert inputs.construct(Bounded, gt=" 6 ").gt == 6


def test_only_the_first_failing_bound_is_reported_in_pydantic_order(inputs, backend_models):
    Range = backend_models.one_field(int, dict(ge=5, le=10, multiple_of=2))
    # pydantic checks multiple_of, then le/lt, then ge/gt
    assert inputs.single_error(Range, 11)["type"] == "multiple_of"
    assert inputs.single_error(Range, 12)["type"] == "less_than_equal"
    assert inputs.single_error(Range, 3)["type"] == "multiple_of"
    assert inputs.single_error(Range, 4)["type"] == "greater_than_equal"
    assert inputs.validate_v(Range, 6) == 6


def test_whole_float_bound_on_int_field_reports_an_int_bound(inputs, backend_models):
    Gt = backend_models.one_field(int, dict(gt=5.0))
    error = inputs.single_error(Gt, 5)
    assert error["msg"] == "Input should be greater than 5"
    assert error["ctx"] == {"gt": 5}
    assert type(error["ctx"]["gt"]) is int


def test_bounds_at_the_edges_of_64_bits_are_exact(inputs, backend_models):
    # Bounds beyond 64 bits are never compiled: the interpreter checks them.
    Edge = backend_models.one_field(int, dict(gt=-(2**63) - 1, lt=2**63), native=False)
    assert inputs.validate_v(Edge, 2**63 - 1) == 2**63 - 1
    assert inputs.validate_v(Edge, -(2**63)) == -(2**63)
    assert inputs.single_error(Edge, 2**63)["ctx"] == {"lt": 2**63}
    assert inputs.single_error(Edge, -(2**63) - 1)["ctx"] == {"gt": -(2**63) - 1}


def test_64_bit_bounds_reject_values_beyond_64_bits(inputs, backend_models):
    # The bounds fit a slot and are compiled; values that do not fit are
    # checked without native code and must give the same errors.
    Edge = backend_models.one_field(int, dict(ge=-(2**63), le=2**63 - 1, multiple_of=1))
    assert inputs.validate_v(Edge, 2**63 - 1) == 2**63 - 1
    assert inputs.validate_v(Edge, -(2**63)) == -(2**63)
    assert inputs.single_error(Edge, 2**63) == {
        "type": "less_than_equal",
        "loc": ("v",),
        "msg": f"Input should be less than or equal to {2**63 - 1}",
        "input": 2**63,
        "ctx": {"le": 2**63 - 1},
    }
    assert inputs.single_error(Edge, -(10**30))["ctx"] == {"ge": -(2**63)}


def test_multiple_of_at_the_edges_of_64_bits(inputs, backend_models):
    MaxMultiple = backend_models.one_field(int, dict(multiple_of=2**63 - 1))
    assert inputs.validate_v(MaxMultiple, -(2**63) + 1) == -(2**63) + 1
    assert inputs.validate_v(MaxMultiple, 0) == 0
    assert inputs.validate_v(MaxMultiple, 2 * (2**63 - 1)) == 2 * (2**63 - 1)
    assert inputs.single_error(MaxMultiple, -(2**63))["type"] == "multiple_of"
    assert inputs.single_error(MaxMultiple, 5)["ctx"] == {"multiple_of": 2**63 - 1}
    # 2**63 does not fit a slot: the interpreter checks it on both backends.
    BeyondMultiple = backend_models.one_field(int, dict(multiple_of=2**63), native=False)
    assert inputs.validate_v(BeyondMultiple, -(2**63)) == -(2**63)
    assert inputs.single_error(BeyondMultiple, 2**63 - 1)["ctx"] == {"multiple_of": 2**63}
    AnyMultiple = backend_models.one_field(int, dict(multiple_of=1))
    for value in (-(2**63), -1, 0, 7, 2**63 - 1):
        assert inputs.validate_v(AnyMultiple, value) == value


@pytest.mark.parametrize("multiple_of", [0, -1, -(2**63), -(10**30)])
def test_multiple_of_not_above_zero_is_refused_at_class_definition(multiple_of):
    # pydantic: "'multiple_of' must be a finite number greater than 0" (a SchemaError).
    with pytest.raises(Exception, match="multiple_of"):
        one_field_model(int, dict(multiple_of=multiple_of))


def test_strict_field_keyword_applies_to_one_field_only(inputs):
    class Mixed(Model):
        strict_one: int = Field(strict=True)
        lax_one: int

    assert inputs.construct(Mixed, strict_one=1, lax_one="2").lax_one == 2
    errors = inputs.construct_errors(Mixed, strict_one="1", lax_one="2")
    assert [(e["type"], e["loc"]) for e in errors] == [("int_type", ("strict_one",))]
