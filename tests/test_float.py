"""`float` fields: lax and strict coercion, bounds and multiple_of. NaN and the
infinities pass a plain float and fail the bounds they do not satisfy."""

import math
from decimal import Decimal
from typing import Annotated

import pytest

import satya
from support import Field, Model, one_field_model, satya_only, validate_v

LaxFloat = one_field_model(float)
StrictFloat = one_field_model(float, strict=True)

FLOAT_PARSING = "Input should be a valid number, unable to parse string as a number"
FLOAT_TYPE = "Input should be a valid number"


class MyFloat(float):
    pass


@pytest.mark.parametrize(
    "value, expected",
    [
        (5, 5.0),
        (5.5, 5.5),
        ("5.5", 5.5),
        (" 1.5 ", 1.5),
        ("+1.5", 1.5),
        ("1_000", 1000.0),
        ("1_0.5", 10.5),
        ("1e3", 1000.0),
        ("1E5", 100000.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("inf", math.inf),
        ("-Infinity", -math.inf),
        ("1e400", math.inf),
        ("1e-400", 0.0),
        (True, 1.0),
        (False, 0.0),
        (b"1.5", 1.5),
        (Decimal("1.5"), 1.5),
        (10**100, 1e100),
        (2**53 + 1, 9007199254740992.0),
        (MyFloat(2.5), 2.5),
    ],
)
def test_lax_float_accepts_and_coerces_like_pydantic(inputs, value, expected):
    result = inputs.validate_v(LaxFloat, value)
    assert result == expected
    assert type(result) is float


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", float("nan"), Decimal("NaN")])
def test_nan_passes_a_plain_float(inputs, value):
    assert math.isnan(inputs.validate_v(LaxFloat, value))


def test_negative_zero_keeps_its_sign(inputs):
    assert math.copysign(1.0, inputs.validate_v(LaxFloat, -0.0)) == -1.0
    assert math.copysign(1.0, inputs.validate_v(LaxFloat, "-0.0")) == -1.0


def test_an_exact_float_is_stored_as_the_same_object():
    value = 12.375
    assert validate_v(LaxFloat, value) is value


@pytest.mark.parametrize(
    "value, error_type, message",
    [
        ("", "float_parsing", FLOAT_PARSING),
        ("abc", "float_parsing", FLOAT_PARSING),
        ("1__0", "float_parsing", FLOAT_PARSING),
        ("_1", "float_parsing", FLOAT_PARSING),
        ("0x10", "float_parsing", FLOAT_PARSING),
        ("1,5", "float_parsing", FLOAT_PARSING),
        ("1e", "float_parsing", FLOAT_PARSING),
        ("snan", "float_parsing", FLOAT_PARSING),
        ("1.5\x00", "float_parsing", FLOAT_PARSING),
        (b"\xff", "float_parsing", FLOAT_PARSING),
        (None, "float_type", FLOAT_TYPE),
        ([], "float_type", FLOAT_TYPE),
        (bytearray(b"1"), "float_type", FLOAT_TYPE),
        (object(), "float_type", FLOAT_TYPE),
    ],
)
def test_lax_float_rejects_with_pydantic_error(inputs, value, error_type, message):
    error = inputs.single_error(LaxFloat, value)
    assert (error["type"], error["msg"], error["loc"]) == (error_type, message, ("v",))
    assert inputs.same_input(error["input"], value)


@pytest.mark.parametrize("value", [10**400, -(10**400)], ids=["10**400", "-10**400"])
def test_int_too_large_for_a_float_is_a_float_type_error(inputs, value):
    if inputs.json:
        # pydantic's JSON column: a JSON number too big for a float is an infinity.
        assert inputs.validate_v(LaxFloat, value) == (math.inf if value > 0 else -math.inf)
        return
    assert inputs.single_error(LaxFloat, value)["type"] == "float_type"


@pytest.mark.parametrize("text", ["\u0663", "\uff15", "1\u0660.5"])
def test_non_ascii_digits_are_not_a_number(inputs, text):
    assert inputs.single_error(LaxFloat, text)["type"] == "float_parsing"


@pytest.mark.parametrize("text", ["\u00a01.5", "1.5\u3000", "\u20031.5", "1.5\x85", "\u2028-1.5"])
def test_unicode_whitespace_around_a_float_string_is_stripped(inputs, text):
    assert abs(inputs.validate_v(LaxFloat, text)) == 1.5


@pytest.mark.parametrize("text", ["\u00a01", "1\u3000", "\u20031", "1\x85"])
def test_unicode_whitespace_around_an_int_string_is_stripped(inputs, text):
    assert inputs.validate_v(one_field_model(int), text) == 1


@pytest.mark.parametrize("value", [1.5, 3, 10**30, MyFloat(0.5), float("nan"), float("-inf")])
def test_strict_float_accepts_floats_and_ints(inputs, value):
    result = inputs.validate_v(StrictFloat, value)
    assert type(result) is float
    assert result == float(value) or math.isnan(result)


@pytest.mark.parametrize("value", [True, "1.5", b"1", None])
def test_strict_float_rejects_bools_and_strings(inputs, value):
    error = inputs.single_error(StrictFloat, value)
    assert (error["type"], error["msg"]) == ("float_type", FLOAT_TYPE)


def test_strict_float_accepts_decimal(inputs):
    assert inputs.validate_v(StrictFloat, Decimal("1.5")) == 1.5


def _bounded_model():
    class Bounded(Model):
        gt: float = Field(default=10.0, gt=5)
        ge: float = Field(default=10.0, ge=5.0)
        lt: float = Field(default=0.0, lt=10.5)
        le: float = Field(default=0.0, le=10)
        tiny: float = Field(default=1.0, gt=1e-7)
        big: float = Field(default=1e21, gt=1e20)

    return Bounded


@pytest.fixture
def Bounded(backend_models):
    """One model with each kind of bound, under each constraint backend."""
    return backend_models.define(_bounded_model)


@pytest.mark.parametrize(
    "field, value, error_type, message, ctx",
    [
        ("gt", 5, "greater_than", "Input should be greater than 5", {"gt": 5.0}),
        ("gt", 5.0, "greater_than", "Input should be greater than 5", {"gt": 5.0}),
        ("ge", 4.99, "greater_than_equal", "Input should be greater than or equal to 5", {"ge": 5.0}),
        ("lt", 10.5, "less_than", "Input should be less than 10.5", {"lt": 10.5}),
        ("le", 10.01, "less_than_equal", "Input should be less than or equal to 10", {"le": 10.0}),
        ("tiny", 0, "greater_than", "Input should be greater than 0.0000001", {"gt": 1e-7}),
        ("big", 1, "greater_than", "Input should be greater than 100000000000000000000", {"gt": 1e20}),
    ],
)
def test_float_bounds_report_messages_and_ctx_like_pydantic(inputs, Bounded, field, value, error_type, message, ctx):
    [error] = inputs.construct_errors(Bounded, **{field: value})
    assert error == {"type": error_type, "loc": (field,), "msg": message, "input": value, "ctx": ctx}
    assert all(type(v) is float for v in error["ctx"].values())


@pytest.mark.parametrize(
    "field, value, error_type",
    [
        ("gt", float("nan"), "greater_than"),
        ("ge", float("nan"), "greater_than_equal"),
        ("lt", float("nan"), "less_than"),
        ("le", float("nan"), "less_than_equal"),
        ("gt", float("-inf"), "greater_than"),
        ("lt", float("inf"), "less_than"),
        ("le", float("inf"), "less_than_equal"),
    ],
)
def test_nan_and_infinities_fail_the_bounds_they_do_not_satisfy(inputs, Bounded, field, value, error_type):
    assert [e["type"] for e in inputs.construct_errors(Bounded, **{field: value})] == [error_type]


def test_infinities_pass_the_bounds_they_do_satisfy(inputs, Bounded):
    assert inputs.construct(Bounded, gt=float("inf")).gt == math.inf
    assert inputs.construct(Bounded, le=float("-inf")).le == -math.inf


def test_zero_sign_does_not_matter_for_bounds(inputs, backend_models):
    AboveZero = backend_models.one_field(float, dict(gt=0))
    AtLeastZero = backend_models.one_field(float, dict(ge=-0.0))
    assert inputs.single_error(AboveZero, -0.0)["type"] == "greater_than"
    assert inputs.validate_v(AtLeastZero, 0.0) == 0.0
    assert inputs.validate_v(AtLeastZero, -0.0) == 0.0


def test_float_multiple_of_uses_a_tolerance(inputs, backend_models):
    Tenth = backend_models.one_field(float, dict(multiple_of=0.1))
    assert inputs.validate_v(Tenth, 0.3) == 0.3
    assert inputs.validate_v(Tenth, 0.7) == 0.7
    assert inputs.validate_v(Tenth, 100.1) == 100.1
    error = inputs.single_error(Tenth, 0.25)
    assert error["msg"] == "Input should be a multiple of 0.1"
    assert error["ctx"] == {"multiple_of": 0.1}


@pytest.fixture
def Half(backend_models):
    return backend_models.one_field(float, dict(multiple_of=0.5))


def test_float_multiple_of_lets_nan_and_infinity_through(inputs, Half):
    assert math.isnan(inputs.validate_v(Half, float("nan")))
    assert inputs.validate_v(Half, float("inf")) == math.inf


@pytest.mark.parametrize(
    "value, valid",
    [(1e-10, True), (1e-300, True), (1e308, False), (-1.7976931348623157e308, False), (250000000.75, False)],
)
def test_float_multiple_of_edge_values_match_pydantic(inputs, Half, value, valid):
    if valid:
        assert inputs.validate_v(Half, value) == value
    else:
        assert inputs.single_error(Half, value)["type"] == "multiple_of"


def test_bounds_apply_to_coerced_strings(inputs, backend_models):
    Percent = backend_models.one_field(float, dict(ge=0, le=100))
    assert inputs.validate_v(Percent, " 99.5 ") == 99.5
    assert inputs.single_error(Percent, "1e3")["type"] == "less_than_equal"
    assert inputs.single_error(Percent, "-inf")["type"] == "greater_than_equal"


@pytest.mark.parametrize(
    "value, positive_error, negative_error",
    [
        (float("nan"), "less_than_equal", "less_than"),  # NaN fails both bounds; le/lt is reported first
        (float("-nan"), "less_than_equal", "less_than"),
        (-0.0, "greater_than", None),
        (5e-324, None, None),  # the smallest subnormal
        (-5e-324, "greater_than", "greater_than_equal"),
        (2.2250738585072014e-308, None, None),
        (1e-300, None, "less_than"),
    ],
)
def test_bounds_near_zero_with_nan_signed_zero_and_subnormals(inputs, backend_models, value, positive_error, negative_error):
    Positive = backend_models.one_field(float, dict(gt=0.0, le=1.0))
    NonNegative = backend_models.one_field(float, dict(ge=-0.0, lt=1e-300))
    for cls, expected_error in ((Positive, positive_error), (NonNegative, negative_error)):
        if expected_error is None:
            assert inputs.same_input(inputs.validate_v(cls, value), value)
        else:
            error = inputs.single_error(cls, value)
            assert error["type"] == expected_error
            assert inputs.same_input(error["input"], value)


# --------------------------------------------------------------------------- allow_inf_nan=False

FINITE = "Input should be a finite number"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "nan", "-inf", "Infinity"])
def test_allow_inf_nan_false_refuses_nan_and_infinities(inputs, value):
    Finite = one_field_model(float, dict(allow_inf_nan=False))
    error = inputs.single_error(Finite, value)
    assert (error["type"], error["loc"], error["msg"]) == ("finite_number", ("v",), FINITE)


@pytest.mark.parametrize("value", [0.0, -1.5, 1e308, "2.5", 3])
def test_allow_inf_nan_false_keeps_finite_values(inputs, value):
    Finite = one_field_model(float, dict(allow_inf_nan=False))
    assert inputs.validate_v(Finite, value) == float(value)


def test_allow_inf_nan_false_is_checked_before_bounds(inputs, backend_models):
    # A bound the native code checks; finiteness comes first, as in pydantic.
    Finite = backend_models.one_field(float, dict(allow_inf_nan=False, ge=0, le=100))
    assert inputs.single_error(Finite, math.inf)["type"] == "finite_number"
    assert inputs.single_error(Finite, math.nan)["type"] == "finite_number"
    assert inputs.single_error(Finite, 101.0)["type"] == "less_than_equal"
    assert inputs.validate_v(Finite, 50) == 50.0


def test_allow_inf_nan_false_in_a_list_of_floats(inputs, backend_models):
    Items = backend_models.define(
        lambda: one_field_model(list[Annotated[float, Field(allow_inf_nan=False, ge=0)]]), native=False
    )
    errors = inputs.errors(Items, {"v": [1.0, math.inf, -1.0, math.nan]})
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("finite_number", ("v", 1)),
        ("greater_than_equal", ("v", 2)),
        ("finite_number", ("v", 3)),
    ]


def test_allow_inf_nan_true_is_the_default(inputs):
    Explicit = one_field_model(float, dict(allow_inf_nan=True))
    assert math.isinf(inputs.validate_v(Explicit, math.inf))


@satya_only
def test_allow_inf_nan_applies_to_floats_only():
    with pytest.raises(satya.SchemaError, match="allow_inf_nan"):
        one_field_model(int, dict(allow_inf_nan=False))
