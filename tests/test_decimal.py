"""`Decimal` fields: lax and strict coercion, finiteness, max_digits,
decimal_places, bounds and multiple_of, against pydantic, the oracle. A JSON
number becomes a Decimal from its text, exactly: pydantic reads it as a float
first, a deliberate difference (see the `divergence` tests)."""

import decimal
import enum
import json
from decimal import Decimal
from typing import Optional

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dump_support
import support
from support import ORACLE, Model, divergence, errors_of, lib, one_field_model, satya_only

LaxDecimal = one_field_model(Decimal)
StrictDecimal = one_field_model(Decimal, strict=True)
DECIMAL_TYPE = "Decimal input should be an integer, float, string or Decimal object"


class MyDecimal(Decimal):
    pass


class MyFloat(float):
    def __str__(self):
        return "7.25"


class Three(enum.IntEnum):
    THREE = 3


def same(a, b):
    """Equal Decimals written alike (so `1.10` is not `1.1`), of the same type."""
    return type(a) is type(b) and repr(a) == repr(b)


@pytest.mark.parametrize(
    "value, expected",
    [
        (1, "1"),
        (-(10**40), "-1" + "0" * 40),
        (1.5, "1.5"),
        (0.1, "0.1"),
        (1e20, "1E+20"),
        (-0.0, "-0.0"),
        ("1.10", "1.10"),
        (" 1.5 ", "1.5"),
        ("1_000", "1000"),
        ("1e5", "1E+5"),
        ("-0", "-0"),
        ("\u0661", "1"),
        ("1e999999999", "1E+999999999"),
        (Decimal("1.10"), "1.10"),
        (MyDecimal("2.5"), "2.5"),
        (MyFloat(1.0), "7.25"),
        (Three.THREE, "3"),
    ],
)
def test_lax_decimal_accepts_and_coerces_like_pydantic(value, expected):
    assert same(support.validate_v(LaxDecimal, value), Decimal(expected))


def test_an_exact_decimal_is_stored_as_the_same_object(inputs):
    inputs.python_only("JSON has no Decimal")
    value = Decimal("3.14")
    assert inputs.validate_v(StrictDecimal, value) is value


@pytest.mark.parametrize(
    "value, error_type",
    [
        ("x", "decimal_parsing"),
        ("", "decimal_parsing"),
        ("0x10", "decimal_parsing"),
        ("1.5\x00", "decimal_parsing"),
        ("\ud800", "decimal_parsing"),
        (True, "decimal_type"),
        (None, "decimal_type"),
        ([1], "decimal_type"),
        (b"1.5", "decimal_type"),
        (bytearray(b"1"), "decimal_type"),
    ],
)
def test_lax_rejects_with_pydantic_error(inputs, value, error_type):
    error = inputs.single_error(LaxDecimal, value)
    message = DECIMAL_TYPE if error_type == "decimal_type" else "Input should be a valid decimal"
    assert (error["type"], error["loc"], error["msg"]) == (error_type, ("v",), message)
    assert "ctx" not in error and inputs.same_input(error["input"], value)


@pytest.mark.parametrize("value", ["NaN", "-sNaN", "Infinity", "-inf", float("nan"), float("inf"), Decimal("NaN")])
def test_nan_and_infinities_are_refused_unless_allowed(value):
    error = support.single_error(LaxDecimal, value)
    assert (error["type"], error["msg"]) == ("finite_number", "Input should be a finite number")
    allowed = one_field_model(Decimal, dict(allow_inf_nan=True))
    assert not support.validate_v(allowed, value).is_finite()


@pytest.mark.parametrize("value", [1, "1.5", 1.5, True, None])
def test_strict_python_input_takes_only_a_decimal(value):
    error = support.single_error(StrictDecimal, value)
    assert error == {"type": "is_instance_of", "loc": ("v",), "msg": "Input should be an instance of Decimal",
                     "input": value, "ctx": {"class": "Decimal"}}


def test_strict_accepts_a_subclass_as_a_plain_decimal():
    assert same(support.validate_v(StrictDecimal, MyDecimal("2.5")), Decimal("2.5"))


@pytest.mark.parametrize("text, expected", [('"1.10"', "1.10"), ("7", "7"), ("-0", "0"), ('"1e400"', "1E+400"),
                                            ("123456789012345678901234567890", "123456789012345678901234567890")])
def test_strict_json_takes_numbers_and_strings(text, expected):
    assert same(StrictDecimal.model_validate_json('{"v": %s}' % text).v, Decimal(expected))


@pytest.mark.parametrize("text", ["true", "null", "[]", "{}"])
def test_json_other_types_are_decimal_type(text):
    with pytest.raises(support.ValidationError) as info:
        StrictDecimal.model_validate_json('{"v": %s}' % text)
    assert errors_of(info.value)[0]["type"] == "decimal_type"


EXACT = [("1.10", "1.10"), ("-0.0", "-0.0"), ("1e2", "1E+2"), ("1e400", "1E+400"), ("2.5E-7", "2.5E-7"),
         ("123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789")]


@satya_only
@pytest.mark.parametrize("token, expected", EXACT)
def test_a_json_number_becomes_a_decimal_from_its_text(token, expected):
    assert same(LaxDecimal.model_validate_json('{"v": %s}' % token).v, Decimal(expected))
    many = LaxDecimal.model_validate_json_many('[{"v": %s}, {"v": %s}]' % (token, token))
    assert all(same(m.v, Decimal(expected)) for m in many)


@divergence("a JSON number becomes a Decimal from its text; pydantic reads it as a float first")
@pytest.mark.parametrize("token, expected", [("1.10", "1.1"), ("1e2", "100")])
def test_pydantic_reads_a_json_number_as_a_float(token, expected):
    assert same(LaxDecimal.model_validate_json('{"v": %s}' % token).v, Decimal(expected))


@satya_only
def test_json_numbers_keep_their_text_at_any_depth():
    class Inner(Model):
        price: Decimal = lib.Field(decimal_places=2)

    class Outer(Model):
        items: list[Inner]
        totals: dict[str, list[Optional[Decimal]]]

    text = '{"items": [{"price": 1.10}, {"price": 2.500}], "totals": {"a": [0.1, null, 1E-2], "b": [-0.0]}}'
    outer = Outer.model_validate_json(text)
    assert [repr(i.price) for i in outer.items] == ["Decimal('1.10')", "Decimal('2.500')"]
    assert [repr(v) for v in outer.totals["a"] + outer.totals["b"]] == ["Decimal('0.1')", "None", "Decimal('0.01')", "Decimal('-0.0')"]


CONSTRAINED = [
    (dict(max_digits=5), "123456", "decimal_max_digits", "Decimal input should have no more than 5 digits in total",
     {"max_digits": 5}),
    (dict(max_digits=1), "12", "decimal_max_digits", "Decimal input should have no more than 1 digit in total",
     {"max_digits": 1}),
    (dict(decimal_places=2), "1.234", "decimal_max_places", "Decimal input should have no more than 2 decimal places",
     {"decimal_places": 2}),
    (dict(decimal_places=1), "1.23", "decimal_max_places", "Decimal input should have no more than 1 decimal place",
     {"decimal_places": 1}),
    (dict(max_digits=5, decimal_places=2), "1234.5", "decimal_whole_digits",
     "Decimal input should have no more than 3 digits before the decimal point", {"whole_digits": 3}),
    (dict(max_digits=3, decimal_places=2), "12", "decimal_whole_digits",
     "Decimal input should have no more than 1 digit before the decimal point", {"whole_digits": 1}),
    (dict(gt=1), "1", "greater_than", "Input should be greater than 1", {"gt": Decimal("1")}),
    (dict(ge=1.5), "1", "greater_than_equal", "Input should be greater than or equal to 1.5", {"ge": Decimal("1.5")}),
    (dict(lt="2.50"), "2.5", "less_than", "Input should be less than 2.50", {"lt": Decimal("2.50")}),
    (dict(le=Decimal("1E+2")), "101", "less_than_equal", "Input should be less than or equal to 1E+2",
     {"le": Decimal("100")}),
    (dict(multiple_of=Decimal("0.1")), "0.35", "multiple_of", "Input should be a multiple of 0.1",
     {"multiple_of": Decimal("0.1")}),
    (dict(multiple_of=0.1), "1e30", "multiple_of", "Input should be a multiple of 0.1", {"multiple_of": Decimal("0.1")}),
]


@pytest.mark.parametrize("field, value, error_type, message, ctx", CONSTRAINED)
def test_constraint_errors_match_pydantic(inputs, field, value, error_type, message, ctx):
    model = one_field_model(Decimal, field)
    error = inputs.single_error(model, value)
    assert error == {"type": error_type, "loc": ("v",), "msg": message, "input": value, "ctx": ctx}
    assert all(type(v) is type(ctx[k]) for k, v in error["ctx"].items())


@pytest.mark.parametrize(
    "field, value",
    [
        (dict(max_digits=5), "1.23450"),
        (dict(max_digits=5), "0.00000"),
        (dict(max_digits=5), "0E+999999999"),
        (dict(max_digits=3), "10000E-2"),
        (dict(decimal_places=2), "1.2300"),
        (dict(decimal_places=2), "1E+2"),
        (dict(max_digits=3, decimal_places=0), "12.000"),
        (dict(multiple_of=Decimal("0.1")), "0.3000000000000000000000000000001"),
        (dict(multiple_of=3), "3e27"),
    ],
)
def test_trailing_zeros_and_context_rounding_as_pydantic_counts_them(field, value):
    assert support.validate_v(one_field_model(Decimal, field), value) == Decimal(value)


@pytest.mark.parametrize("field, value", [(dict(max_digits=29), "1.234567890123456789012345678901"),
                                          (dict(max_digits=5), "1E-999999999"), (dict(multiple_of=1), "1e28")])
def test_digits_are_counted_exactly_whatever_the_context(field, value):
    assert support.single_error(one_field_model(Decimal, field), value)["type"] in ("decimal_max_digits", "multiple_of")


@pytest.mark.parametrize("value, error_type", [("NaN", "greater_than"), ("sNaN", "greater_than"), ("-Infinity", "greater_than")])
def test_allowed_nan_fails_every_bound(value, error_type):
    model = one_field_model(Decimal, dict(gt=0, allow_inf_nan=True))
    assert support.single_error(model, value)["type"] == error_type
    assert support.validate_v(model, "Infinity").is_infinite()


@satya_only
@pytest.mark.parametrize(
    "field",
    [
        dict(max_digits=-1), dict(max_digits=1.5), dict(max_digits=True), dict(decimal_places="2"),
        dict(gt="abc"), dict(gt=float("nan")), dict(ge=True), dict(multiple_of=0), dict(multiple_of=-1),
        dict(multiple_of="Infinity"), dict(max_digits=5, allow_inf_nan=True), dict(min_length=1),
        dict(pattern="x"), dict(gt=5, lt=1),
    ],
)
def test_definition_refuses_constraints_that_cannot_work(field):
    with pytest.raises(lib.SchemaError):
        one_field_model(Decimal, field)


@satya_only
@pytest.mark.parametrize("annotation", [int, float, str])
def test_digit_constraints_apply_to_decimals_only(annotation):
    with pytest.raises(lib.SchemaError, match="max_digits"):
        one_field_model(annotation, dict(max_digits=3))


# ---------------------------------------------------------------------------
# Differential against pydantic: accept or reject, the value (repr: the
# digits as written) and its exact type, and every error's (loc, type, msg,
# ctx, input), under both inputs, lax and strict.

mantissas = st.one_of(
    st.integers(-(10**40), 10**40).map(str),
    st.sampled_from(["0", "-0", "1", "10", "100", "12345", "1000000", "9" * 30, "1" + "0" * 29]),
)


@st.composite
def decimal_texts(draw):
    """Numbers written as JSON writes them, with fractions, trailing zeros and exponents."""
    whole = draw(mantissas)
    fraction = draw(st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=12), st.sampled_from(["0", "00", "50", "000001"])))
    exponent = draw(st.one_of(st.just(""), st.integers(-30, 30).map(lambda e: f"e{e}"),
                              st.sampled_from(["E+400", "e-400", "E+999999999", "e-999999999", "E0"])))
    return whole + ("." + fraction if fraction else "") + exponent


specials = st.sampled_from(["NaN", "-NaN", "sNaN", "-sNaN", "Infinity", "-Infinity", "inf", "nan", "", " 1.5 ", "1_0",
                            "1__0", "0x1", "1e", ".5", "5.", "+1", "\u0663", "1.5\x00", "abc"])
python_values = st.one_of(
    decimal_texts(), specials,
    decimal_texts().map(Decimal), specials.filter(lambda s: s.strip() and s not in ("1__0", "0x1", "1e", "abc", "1.5\x00")).map(Decimal),
    st.integers(-(10**30), 10**30), st.floats(allow_nan=True, allow_infinity=True), decimal_texts().map(MyDecimal),
    st.sampled_from([None, True, False, b"1", [], MyFloat(2.0), Three.THREE]),
)

bound = st.sampled_from([0, 1, -1, 5, 100, 0.5, 1.5, "2.50", Decimal("1E+3"), Decimal("-0.001")])


@st.composite
def field_kwargs(draw):
    kwargs = {}
    low, high = draw(st.none() | bound), draw(st.none() | bound)
    if low is not None and high is not None and Decimal(str(low)) >= Decimal(str(high)):
        low, high = high, low
        if Decimal(str(low)) == Decimal(str(high)):
            high = None
    if low is not None:
        kwargs[draw(st.sampled_from(["gt", "ge"]))] = low
    if high is not None:
        kwargs[draw(st.sampled_from(["lt", "le"]))] = high
    if draw(st.booleans()):
        kwargs["multiple_of"] = draw(st.sampled_from([1, 3, 0.1, "0.25", Decimal("1E-3"), Decimal("1E+2")]))
    digits = draw(st.sampled_from([None, "max", "places", "both"]))
    if digits in ("max", "both"):
        kwargs["max_digits"] = draw(st.integers(0, 35))
    if digits in ("places", "both"):
        kwargs["decimal_places"] = draw(st.integers(0, kwargs.get("max_digits", 10)))
    if digits is None and draw(st.booleans()):
        kwargs["allow_inf_nan"] = draw(st.booleans())
    return kwargs


_MODELS = {}


def models(kwargs, strict):
    """The same one-field model with the library under test and with pydantic."""
    key = (repr(sorted(kwargs.items())), strict)
    if key not in _MODELS:
        _MODELS[key] = (one_field_model(Decimal, kwargs, strict=strict),
                        one_field_model(Decimal, kwargs, strict=strict, lib=pydantic))
    return _MODELS[key]


def outcome(cls, run, with_input=True):
    try:
        value = run(cls).v
    except support.ANY_VALIDATION_ERROR as exc:
        return ("err", [(e["loc"], e["type"], e["msg"], e.get("ctx"), repr(e["input"]) if with_input else None)
                        for e in errors_of(exc)])
    return ("ok", type(value).__name__, repr(value))


@given(value=python_values, kwargs=field_kwargs(), strict=st.booleans())
def test_python_input_matches_pydantic(value, kwargs, strict):
    mine, oracle = models(kwargs, strict)
    run = lambda cls: cls.model_validate({"v": value})  # noqa: E731
    assert outcome(mine, run) == outcome(oracle, run)


json_tokens = st.one_of(
    decimal_texts(),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "true", "null", "[]", '"x"', '"NaN"', '" 1.5 "', '"1_0"']),
    st.one_of(decimal_texts(), specials).map(json.dumps),
)


@given(token=json_tokens, kwargs=field_kwargs(), strict=st.booleans())
def test_json_input_matches_pydantic(token, kwargs, strict):
    """A number with a fraction or an exponent is compared with pydantic's
    reading of the same text as a string (exact), less the error's input,
    which is the number."""
    mine, oracle = models(kwargs, strict)
    is_float = token[:1] in "-0123456789NI" and any(c in token for c in ".eEaIN")
    oracle_text = json.dumps(token) if is_float and not ORACLE else token
    run_mine = lambda cls: cls.model_validate_json('{"v": %s}' % token)  # noqa: E731
    run_oracle = lambda cls: cls.model_validate_json('{"v": %s}' % oracle_text)  # noqa: E731
    assert outcome(mine, run_mine, not is_float) == outcome(oracle, run_oracle, not is_float)


# ---------------------------------------------------------------------------
# Dumps: python mode returns the Decimal, JSON its str() as a string.


def _holder(of):
    base = dump_support.model_base(of)
    return type("DecimalHolder", (base,), {"__annotations__": {
        "d": Decimal, "o": Optional[Decimal], "items": list[Decimal], "keyed": dict[Decimal, Decimal]},
        "o": None, "items": [], "keyed": {}})


MINE_HOLDER, ORACLE_HOLDER = _holder(support.lib), _holder(pydantic)


@pytest.mark.parametrize("text", ["1.10", "1E+2", "-0", "0E-7", "NaN", "sNaN", "-Infinity", "123456789012345678901234567890.5"])
def test_dumps_match_pydantic(text):
    value = Decimal(text)
    data = {"d": value, "o": value, "items": [value, MyDecimal("2.5")], "keyed": {Decimal("1.5"): value}}
    outcomes = dump_support.assert_same_dumps(MINE_HOLDER.model_construct(**data), ORACLE_HOLDER.model_construct(**data))
    assert dump_support.returned(outcomes["json"])[1][0][1] == ("str", str(value))


@pytest.mark.parametrize("wrong", ["1.5", 5, 1.5, b"x"])
def test_dumping_another_type_warns_as_pydantic_does(wrong):
    dump_support.assert_same_dumps(MINE_HOLDER.model_construct(d=wrong, items=[wrong]),
                                   ORACLE_HOLDER.model_construct(d=wrong, items=[wrong]))


def test_a_dump_validates_back_to_the_same_values(inputs):
    held = inputs.validate(MINE_HOLDER, {"d": "1.10", "items": ["1E+2", "-0.0"], "keyed": {"2.50": "3"}})
    again = MINE_HOLDER.model_validate_json(held.model_dump_json())
    assert [repr(v) for v in (again.d, *again.items, *again.keyed, *again.keyed.values())] == \
        [repr(v) for v in (held.d, *held.items, *held.keyed, *held.keyed.values())]
    assert decimal.Decimal(held.model_dump(mode="json")["d"]) == held.d
