"""`bool` fields: pydantic v2's lax table of accepted inputs, and strict mode."""

from decimal import Decimal

import pytest

from support import one_field_model, single_error, validate_v

LaxBool = one_field_model(bool)
StrictBool = one_field_model(bool, strict=True)

BOOL_TYPE = "Input should be a valid boolean"
BOOL_PARSING = "Input should be a valid boolean, unable to interpret input"

TRUE_TEXT = ["true", "True", "TRUE", "on", "oN", "yes", "y", "t", "1"]
FALSE_TEXT = ["false", "False", "off", "no", "n", "f", "0"]


@pytest.mark.parametrize(
    "value, expected",
    [(True, True), (False, False), (1, True), (0, False), (1.0, True), (0.0, False), (-0.0, False)]
    + [(text, True) for text in TRUE_TEXT]
    + [(text, False) for text in FALSE_TEXT]
    + [(b"true", True), (b"1", True), (b"off", False)],
)
def test_lax_bool_accepts_pydantics_table(inputs, value, expected):
    assert inputs.validate_v(LaxBool, value) is expected


@pytest.mark.parametrize("value", [2, -1, 2.0, -1.0, "2", "", " true", "true ", "maybe", "yess", b"\xff", b""])
def test_lax_bool_rejects_uninterpretable_values_with_bool_parsing(inputs, value):
    error = inputs.single_error(LaxBool, value)
    assert (error["type"], error["msg"], error["loc"]) == ("bool_parsing", BOOL_PARSING, ("v",))
    assert inputs.same_input(error["input"], value)


@pytest.mark.parametrize("value", [None, [], {}, bytearray(b"true"), object(), Decimal("0.5")])
def test_lax_bool_rejects_other_types_with_bool_type(inputs, value):
    error = inputs.single_error(LaxBool, value)
    assert (error["type"], error["msg"]) == ("bool_type", BOOL_TYPE)


@pytest.mark.parametrize("value", [0.5, float("nan"), float("inf"), float("-inf"), 2**63, -(2**63) - 1])
def test_numbers_pydantic_cannot_read_as_an_int_are_a_bool_type_error(inputs, value):
    assert inputs.single_error(LaxBool, value)["type"] == "bool_type"


@pytest.mark.parametrize("value", [1e300, 2.0**63, -(2.0**63)])
def test_whole_floats_beyond_64_bits_are_a_bool_type_error(inputs, value):
    assert inputs.single_error(LaxBool, value)["type"] == "bool_type"


@pytest.mark.parametrize("value, expected", [(Decimal(1), True), (Decimal(0), False)])
def test_decimal_zero_and_one_are_booleans(value, expected):
    assert validate_v(LaxBool, value) is expected


@pytest.mark.parametrize("value", [True, False])
def test_strict_bool_accepts_only_bools(inputs, value):
    assert inputs.validate_v(StrictBool, value) is value


@pytest.mark.parametrize("value", [1, 0, 1.0, "true", b"true", None])
def test_strict_bool_rejects_everything_else_with_bool_type(inputs, value):
    error = inputs.single_error(StrictBool, value)
    assert (error["type"], error["msg"]) == ("bool_type", BOOL_TYPE)
