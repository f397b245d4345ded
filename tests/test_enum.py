"""`Enum` fields: plain enums (str, int and mixed values), IntEnum, str-mixin
enums and StrEnum, float-mixin enums, Flag and IntFlag (composites and 0),
aliases, a class's own `_missing_`, an enum without members; lax lookup by
value with coercion to the mixed-in type, strict Python input that must be an
instance, JSON input by value in both modes; the `enum` error; big ints;
`use_enum_values`; dumps; containers and nested models; a hypothesis
differential against pydantic over random enums; batches; definition-time
errors for constraints that cannot apply."""

import enum
import functools
import sys
from decimal import Decimal
from typing import Optional

import pydantic
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

import support
from dump_support import assert_same_dumps, assert_same_value_dumps
from support import (
    INT_PARSING_SIZE, Model, MyInt, MyStr, Raw, ValidationError, assert_same_value, config_model,
    differential_attempt, differential_inputs, errors_of, lib, one_field_model, plain, satya_only, to_json, value_key,
)

HAS_STR_ENUM = sys.version_info >= (3, 11)
requires_str_enum = pytest.mark.skipif(not HAS_STR_ENUM, reason="enum.StrEnum is new in Python 3.11")


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Number(enum.Enum):
    ONE = 1
    TWO = 2


class Mixed(enum.Enum):
    ONE = 1
    B = "b"
    NONE = None
    HALF = 1.5
    PAIR = (1, 2)


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Letter(str, enum.Enum):
    A = "a"
    B = "b"


if HAS_STR_ENUM:

    class Shade(enum.StrEnum):
        LIGHT = "light"
        DARK = "dark"

else:  # pragma: no cover - the tests that use it are skipped
    Shade = None


class Half(float, enum.Enum):
    HALF = 0.5
    ONE = 1.0


class Perm(enum.Flag):
    R = 1
    W = 2
    X = 4


class IPerm(enum.IntFlag):
    R = 1
    W = 2
    X = 4


class Aliased(enum.Enum):
    A = 1
    B = 1  # an alias of A
    C = 2


class Lenient(enum.Enum):
    """Its own `_missing_`: any case of "a" is A."""

    A = "a"
    B = 2

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str) and value.lower() == "a":
            return cls.A
        return None


class Empty(enum.Enum):
    pass


class FromEmpty(Empty):
    """A subclass of a member-less enum: its members are Empty instances."""

    A = 1


ENUM_TYPE = "enum"
IS_INSTANCE_OF = "is_instance_of"
NEEDS_PYTHON_OBJECT = "Cannot check `isinstance` when validating from json, use a JsonOrPython validator instead"

EXPECTED = {
    Color: "'red' or 'green'",
    Number: "1 or 2",
    Mixed: "1, 'b', None, 1.5 or (1, 2)",
    Level: "1 or 2",
    Letter: "'a' or 'b'",
    Shade: "'light' or 'dark'",
    Half: "0.5 or 1.0",
    Perm: "1, 2 or 4",
    IPerm: "1, 2 or 4",
    Aliased: "1, 1 or 2",  # pydantic lists every name, aliases too
    Lenient: "'a' or 2",
}


@functools.lru_cache(maxsize=None)
def model_of(annotation, strict=False):
    return one_field_model(annotation, strict=strict)


def case_id(*parts) -> str:
    return "-".join(p.__name__ if isinstance(p, type) else repr(p) for p in parts)


def cases(table):
    """(annotation, value, expected) rows of a {annotation: [(value, expected), ...]} table."""
    rows = [(cls, value, expected) for cls, pairs in table.items() for value, expected in pairs]
    return pytest.mark.parametrize("cls, value, expected", rows, ids=[case_id(*row) for row in rows])


# ---------------------------------------------------------------------------
# Lax mode: by value, with coercion to the mixed-in type.

LAX_ACCEPTED = {
    Color: [("red", Color.RED), ("green", Color.GREEN), (Color.RED, Color.RED)],
    Number: [(1, Number.ONE), (2, Number.TWO), (1.0, Number.ONE), (True, Number.ONE), (Number.TWO, Number.TWO)],
    Mixed: [
        (1, Mixed.ONE),
        (1.0, Mixed.ONE),
        (True, Mixed.ONE),
        ("b", Mixed.B),
        (None, Mixed.NONE),
        (1.5, Mixed.HALF),
        ((1, 2), Mixed.PAIR),
        (Mixed.PAIR, Mixed.PAIR),
    ],
    Level: [
        (1, Level.LOW),
        (2, Level.HIGH),
        ("1", Level.LOW),
        (" 2 ", Level.HIGH),
        ("1.0", Level.LOW),
        (1.0, Level.LOW),
        (2.0, Level.HIGH),
        (True, Level.LOW),
        (b"1", Level.LOW),
        (Decimal(2), Level.HIGH),
        (MyInt(2), Level.HIGH),
        (Level.HIGH, Level.HIGH),
    ],
    Letter: [
        ("a", Letter.A),
        (b"a", Letter.A),
        (bytearray(b"b"), Letter.B),
        (MyStr("a"), Letter.A),
        (Letter.B, Letter.B),
    ],
    Half: [
        (0.5, Half.HALF),
        ("0.5", Half.HALF),
        (b"0.5", Half.HALF),
        (Decimal("0.5"), Half.HALF),
        (1, Half.ONE),
        (True, Half.ONE),
        ("1", Half.ONE),
        ("1e0", Half.ONE),
    ],
    Perm: [(1, Perm.R), (4, Perm.X), (True, Perm.R), (1.0, Perm.R), (Perm.R, Perm.R)],
    IPerm: [(1, IPerm.R), (2.0, IPerm.W), ("4", IPerm.X), (True, IPerm.R), (IPerm.W, IPerm.W)],
    Aliased: [(1, Aliased.A), (Aliased.B, Aliased.A), (2, Aliased.C), (2.0, Aliased.C)],
    Lenient: [("a", Lenient.A), ("A", Lenient.A), (2, Lenient.B), (2.0, Lenient.B)],
}


@cases(LAX_ACCEPTED)
def test_lax_input_is_looked_up_by_value(inputs, cls, value, expected):
    assert_same_value(inputs.validate_v(model_of(cls), value), expected)


@requires_str_enum
@pytest.mark.parametrize(
    "value, expected",
    [("light", "LIGHT"), (b"dark", "DARK"), (MyStr("light"), "LIGHT"), ("LIGHT", None), ("Light", None), (1, None)],
    ids=repr,
)
def test_str_enum(inputs, value, expected):
    M = model_of(Shade)
    if expected is None:
        error = inputs.single_error(M, value)
        assert (error["type"], error["msg"]) == (ENUM_TYPE, f"Input should be {EXPECTED[Shade]}")
    else:
        member = Shade[expected]
        assert_same_value(inputs.validate_v(M, value), member)
        strict_input = member.value if inputs.json else member
        assert_same_value(inputs.validate_v(model_of(Shade, True), strict_input), member)


LAX_REJECTED = {
    Color: ["RED", "Red", "blue", "", 1, None, b"red", ["red"], {}, {"red": 1}, Letter.A],
    Number: ["1", "one", 3, 0, 1.5, None, [1], Level.LOW.name],
    Mixed: ["1", 2, "B", [1, 2], 0.5, b"b"],
    Level: [1.5, 0.5, 3, 0, "x", "0x1", "1_0", "", None, [], {}, bytearray(b"1"), 1.0000001, Decimal("1.5")],
    Letter: ["A", "c", 1, None, b"\xff", ["a"]],
    Half: ["x", 0.25, None, float("nan"), float("inf"), "0.5x"],
    Perm: [8, 16, "1", "3", 1.5, None, b"1"],
    IPerm: ["x", 1.5, None, "3", b"3", [1]],
    Aliased: [3, 0, "1", "A", None],
    Lenient: ["b", "B", "aa", 3, "2", None],
}


# Before 3.11 a Flag's `_missing_` raises TypeError for a str or None (pydantic,
# which calls the class, lets it through too) and composites have no name.
FLAG_SEMANTICS_OF_311 = sys.version_info >= (3, 11)
FLAG_SEMANTICS_REASON = "Flag's lookup of unlisted values and composite names are 3.11's here (pydantic's results differ the same way on 3.10)"
flag_semantics_of_311 = pytest.mark.skipif(not FLAG_SEMANTICS_OF_311, reason=FLAG_SEMANTICS_REASON)


@pytest.mark.parametrize(
    "cls, value",
    [pytest.param(cls, value, marks=flag_semantics_of_311 if issubclass(cls, enum.Flag) else ())
     for cls, values in LAX_REJECTED.items() for value in values],
    ids=[case_id(cls, value) for cls, values in LAX_REJECTED.items() for value in values],
)
def test_lax_input_that_is_no_value_is_an_enum_error(inputs, cls, value):
    error = inputs.single_error(model_of(cls), value)
    assert error["type"] == ENUM_TYPE
    assert error["loc"] == ("v",)
    assert error["msg"] == f"Input should be {EXPECTED[cls]}"
    assert error["ctx"] == {"expected": EXPECTED[cls]}
    assert inputs.same_input(error["input"], value)


# ---------------------------------------------------------------------------
# Flag and IntFlag: composites and 0 are valid values.

COMPOSITES = [(Perm, 3, "R|W"), (Perm, 7, "R|W|X"), (Perm, 0, None), (IPerm, 5, "R|X"), (IPerm, 0, None), (IPerm, 7, "R|W|X")]


@flag_semantics_of_311
@pytest.mark.parametrize("cls, value, names", COMPOSITES, ids=[case_id(*row) for row in COMPOSITES])
def test_flag_composites_and_zero(inputs, cls, value, names):
    result = inputs.validate_v(model_of(cls), value)
    assert type(result) is cls
    assert result is cls(value)
    assert result.value == value
    assert result.name == names


@flag_semantics_of_311
def test_a_negative_int_is_a_flag_complement():
    assert support.validate_v(model_of(Perm), -1) is Perm.R | Perm.W | Perm.X
    assert support.validate_v(model_of(IPerm), -1) is IPerm.R | IPerm.W | IPerm.X


def test_an_int_flag_keeps_unknown_bits():
    assert support.validate_v(model_of(IPerm), 8).value == 8


def test_composite_members_pass_in_strict_mode(inputs):
    value = Perm.R | Perm.X
    assert inputs.validate_v(model_of(Perm, True), value.value if inputs.json else value) is value


class Composite(enum.Flag):
    """A Flag of its own, so that the composites made here are the only ones."""

    A = 1
    B = 2


def test_a_float_equal_to_an_existing_composite_is_that_composite():
    # pydantic calls the class with the input, which finds the composites the
    # class has already made (Flag._missing_ itself refuses a float).
    M = model_of(Composite)
    both = Composite.A | Composite.B
    assert support.validate_v(M, 3.0) is both
    assert M.model_validate_json('{"v": 3.0}').v is both


class Access(enum.Flag):
    """A Flag with a zero member and a multi-bit member, which iterating the
    class skips (`list(Access)` is [R, W]) but `__members__` lists."""

    NONE = 0
    R = 1
    W = 2
    RW = 3


class Both(enum.Flag):
    """A Flag whose only member has two bits: `list(Both)` is empty."""

    BOTH = 3


# Before 3.11 a Flag makes no member for bits its members do not cover.
FLAG_PSEUDO_MEMBERS = [(Both, 1, Both(1)), (Both, 0, Both(0))] if sys.version_info >= (3, 11) else []


@pytest.mark.parametrize(
    "cls, value, expected",
    [(Access, 0, Access.NONE), (Access, 3, Access.RW), (Access, 3.0, Access.RW), (Access, 1, Access.R),
     (Both, 3, Both.BOTH), *FLAG_PSEUDO_MEMBERS],
    ids=case_id,
)  # fmt: skip
def test_flag_members_that_iteration_skips(inputs, cls, value, expected):
    assert inputs.validate_v(model_of(cls), value) is expected
    strict_input = value if inputs.json else expected
    assert inputs.validate_v(model_of(cls, True), strict_input) is expected


@flag_semantics_of_311
@pytest.mark.parametrize("cls, value, listed", [(Access, 8, "0, 1, 2 or 3"), (Access, "x", "0, 1, 2 or 3"), (Both, 4, "3")], ids=case_id)
def test_flag_errors_list_every_member(inputs, cls, value, listed):
    error = inputs.single_error(model_of(cls), value)
    assert (error["type"], error["msg"], error["ctx"]) == (ENUM_TYPE, f"Input should be {listed}", {"expected": listed})


def test_an_int_flag_member_made_from_a_bool_dumps_as_an_int():
    class Bits(enum.IntFlag):
        A = 1
        B = 2

    # Enum makes a pseudo-member whose value is False itself; pydantic
    # serializes an int enum's value as an int.
    for use_enum_values in (False, True):
        instance = config_model(Bits, use_enum_values=use_enum_values)(v=False)
        assert instance.v == 0
        assert_same_value(instance.model_dump(mode="json")["v"], 0)
        assert instance.model_dump_json() == '{"v":0}'


# ---------------------------------------------------------------------------
# Strict mode: Python input must be an instance; JSON input is looked up by
# value (JSON has no instances), without coercion.

ALL_ENUMS = [Color, Number, Mixed, Level, Letter, Half, Perm, IPerm, Aliased, Lenient]


@pytest.mark.parametrize("cls", ALL_ENUMS, ids=case_id)
def test_strict_python_input_accepts_members(cls):
    M = model_of(cls, True)
    for member in cls.__members__.values():
        assert M.model_validate({"v": member}).v is member


@pytest.mark.parametrize(
    "cls, value",
    [(Color, "red"), (Number, 1), (Mixed, None), (Mixed, (1, 2)), (Level, 1), (Level, True), (Level, "1"), (Letter, "a"),
     (Letter, MyStr("a")), (Half, 0.5), (Perm, 3), (Perm, 0), (IPerm, 1), (Aliased, 1), (Lenient, "A"), (Lenient, "a"),
     (Color, Letter.A), (Level, Number.ONE)],
    ids=case_id,
)  # fmt: skip
def test_strict_python_input_must_be_an_instance(cls, value):
    error = support.single_error(model_of(cls, True), value)
    assert error["type"] == IS_INSTANCE_OF
    assert error["loc"] == ("v",)
    assert error["msg"] == f"Input should be an instance of {cls.__name__}"
    assert error["ctx"] == {"class": cls.__name__}
    assert error["input"] is value


STRICT_JSON_ACCEPTED = [
    (Color, '"red"', Color.RED),
    (Number, "1", Number.ONE),
    (Number, "1.0", Number.ONE),
    (Number, "true", Number.ONE),
    (Mixed, "null", Mixed.NONE),
    (Mixed, "1.5", Mixed.HALF),
    (Mixed, '"b"', Mixed.B),
    (Level, "2", Level.HIGH),
    (Level, "2.0", Level.HIGH),
    (Level, "true", Level.LOW),
    (Letter, '"a"', Letter.A),
    (Letter, '"\\u0062"', Letter.B),
    (Half, "0.5", Half.HALF),
    (Half, "1", Half.ONE),
    (Perm, "3", Perm.R | Perm.W),
    (IPerm, "0", IPerm(0)),
    (Aliased, "1", Aliased.A),
    (Lenient, '"A"', Lenient.A),
]


@pytest.mark.parametrize("strict", [False, True], ids=["lax", "strict"])
@pytest.mark.parametrize("cls, token, expected", STRICT_JSON_ACCEPTED, ids=[case_id(*row[:2]) for row in STRICT_JSON_ACCEPTED])
def test_json_input_is_looked_up_by_value_in_both_modes(cls, token, expected, strict):
    assert model_of(cls, strict).model_validate_json('{"v": %s}' % token).v is expected


STRICT_JSON_REJECTED = [
    (Level, '"1"', "1"),
    (Level, "1.5", 1.5),
    (Number, '"1"', "1"),
    (Half, '"0.5"', "0.5"),
    (Letter, "1", 1),
    (Color, '"RED"', "RED"),
    (IPerm, '"1"', "1"),
    (Mixed, "[1, 2]", [1, 2]),
    (Lenient, '"2"', "2"),
]


@pytest.mark.parametrize("cls, token, value", STRICT_JSON_REJECTED, ids=[case_id(*row[:2]) for row in STRICT_JSON_REJECTED])
def test_strict_json_input_is_not_coerced(cls, token, value):
    with pytest.raises(ValidationError) as info:
        model_of(cls, True).model_validate_json('{"v": %s}' % token)
    (error,) = errors_of(info.value)
    assert (error["type"], error["msg"], error["ctx"]) == (ENUM_TYPE, f"Input should be {EXPECTED[cls]}", {"expected": EXPECTED[cls]})
    assert plain(error["input"]) == plain(value)


def test_lax_json_input_is_coerced():
    assert model_of(Level).model_validate_json('{"v": "1"}').v is Level.LOW
    assert model_of(Half).model_validate_json('{"v": "0.5"}').v is Half.HALF
    assert model_of(IPerm).model_validate_json('{"v": "2"}').v is IPerm.W


def test_strict_per_call_and_per_field(inputs):
    M = model_of(Level)
    if inputs.json:
        assert inputs.validate(M, {"v": 1}, strict=True).v is Level.LOW
        assert inputs.errors(M, {"v": "1"}, strict=True)[0]["type"] == ENUM_TYPE
    else:
        assert inputs.errors(M, {"v": 1}, strict=True)[0]["type"] == IS_INSTANCE_OF
        assert inputs.validate(M, {"v": Level.LOW}, strict=True).v is Level.LOW
    F = one_field_model(Level, {"strict": True})
    if inputs.json:
        assert inputs.validate_v(F, 2) is Level.HIGH
        assert inputs.single_error(F, "2")["type"] == ENUM_TYPE
    else:
        assert inputs.single_error(F, 2)["type"] == IS_INSTANCE_OF
        assert inputs.validate_v(F, Level.HIGH) is Level.HIGH


# ---------------------------------------------------------------------------
# An enum without members: pydantic checks isinstance, so only instances of
# its subclasses pass; JSON input cannot be checked at all.


@pytest.mark.parametrize("strict", [False, True], ids=["lax", "strict"])
@pytest.mark.parametrize("value", [1, "a", None, [], Color.RED, 1.5], ids=repr)
def test_an_enum_without_members_takes_only_instances(value, strict):
    error = support.single_error(model_of(Empty, strict), value)
    assert (error["type"], error["msg"], error["ctx"]) == (IS_INSTANCE_OF, "Input should be an instance of Empty", {"class": "Empty"})
    assert error["input"] is value


@pytest.mark.parametrize("strict", [False, True], ids=["lax", "strict"])
def test_an_enum_without_members_takes_its_subclasses_members(strict):
    assert support.validate_v(model_of(Empty, strict), FromEmpty.A) is FromEmpty.A


@pytest.mark.parametrize("strict", [False, True], ids=["lax", "strict"])
@pytest.mark.parametrize("token", ["1", '"a"', "null", "[]", "{}"])
def test_json_input_for_an_enum_without_members_needs_a_python_object(token, strict):
    with pytest.raises(ValidationError) as info:
        model_of(Empty, strict).model_validate_json('{"v": %s}' % token)
    (error,) = errors_of(info.value)
    assert (error["type"], error["loc"], error["msg"]) == ("needs_python_object", ("v",), NEEDS_PYTHON_OBJECT)
    assert error["ctx"] == {"method_name": "isinstance"}


# ---------------------------------------------------------------------------
# Ints beyond 64 bits: when a member's value is a 64-bit int, pydantic reads
# an int input as a 64-bit int first, and a bigger one fails.


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1], ids=repr)
@pytest.mark.parametrize("cls", [Number, Mixed, Level, Perm, IPerm, Lenient], ids=case_id)
def test_an_int_beyond_64_bits_is_int_parsing_size(inputs, cls, value):
    error = inputs.single_error(model_of(cls), value)
    assert (error["type"], error["loc"], error["msg"]) == ("int_parsing_size", ("v",), INT_PARSING_SIZE)
    assert "ctx" not in error
    if inputs.json:
        with pytest.raises(ValidationError) as info:
            model_of(cls, True).model_validate_json(to_json({"v": value}))
        assert errors_of(info.value)[0]["type"] == "int_parsing_size"


@pytest.mark.parametrize("value", [2**63, 10**30], ids=repr)
@pytest.mark.parametrize("cls", [Color, Letter, Half], ids=case_id)
def test_an_int_beyond_64_bits_is_an_enum_error_without_int_values(inputs, cls, value):
    assert inputs.single_error(model_of(cls), value)["type"] == ENUM_TYPE


class Huge(enum.Enum):
    BIG = 2**70
    NEG = -(2**64)


class HugeInt(enum.IntEnum):
    A = 2**63
    B = -(2**64)


def test_int_enum_members_with_big_int_values(inputs):
    M = model_of(HugeInt)
    assert inputs.validate_v(M, 2**63) is HugeInt.A
    assert inputs.validate_v(M, -(2**64)) is HugeInt.B
    assert inputs.validate_v(M, float(2**63)) is HugeInt.A
    # a str is read as an int, but an int beyond 64 bits is not found
    for text in ("9223372036854775808", "-18446744073709551616"):
        error = inputs.single_error(M, text)
        assert (error["type"], error["msg"]) == (ENUM_TYPE, "Input should be 9223372036854775808 or -18446744073709551616")


def test_members_with_big_int_values(inputs):
    M = model_of(Huge)
    assert inputs.validate_v(M, 2**70) is Huge.BIG
    assert inputs.validate_v(M, -(2**64)) is Huge.NEG
    error = inputs.single_error(M, 2**70 + 1)
    assert (error["type"], error["msg"]) == (ENUM_TYPE, "Input should be 1180591620717411303424 or -18446744073709551616")


# ---------------------------------------------------------------------------
# A class's own _missing_. pydantic calls the class with the input: a
# ValueError (or None from _missing_) is an enum error, any other exception
# propagates, and a result that is not a member is Enum's TypeError.


class Odd(enum.Enum):
    A = "a"

    @classmethod
    def _missing_(cls, value):
        if value == "none":
            return None
        if value == "value-error":
            raise ValueError("no")
        if value == "key-error":
            raise KeyError("boom")
        if value == "not-a-member":
            return "a"
        if value == "other-member":
            return Color.RED
        return cls.A if value == "alias" else None


@pytest.mark.parametrize("value", ["none", "value-error", "b"])
def test_missing_returning_none_or_raising_value_error_is_an_enum_error(inputs, value):
    error = inputs.single_error(model_of(Odd), value)
    assert (error["type"], error["msg"]) == (ENUM_TYPE, "Input should be 'a'")


def test_missing_can_return_a_member(inputs):
    assert inputs.validate_v(model_of(Odd), "alias") is Odd.A


def test_missing_raising_another_exception_propagates(inputs):
    with pytest.raises(KeyError, match="boom"):
        inputs.validate(model_of(Odd), {"v": "key-error"})


@pytest.mark.parametrize("value, shown", [("not-a-member", "'a'"), ("other-member", "<Color.RED: 'red'>")])
def test_missing_returning_a_non_member_is_a_type_error(inputs, value, shown):
    with pytest.raises(TypeError, match=rf"error in Odd\._missing_: returned {shown} instead of None or a valid member"):
        inputs.validate(model_of(Odd), {"v": value})


def test_missing_is_not_asked_for_strict_python_input():
    error = support.single_error(model_of(Lenient, True), "A")
    assert error["type"] == IS_INSTANCE_OF


# ---------------------------------------------------------------------------
# use_enum_values: the member's value is stored.

USE_ENUM_VALUES = [
    (Color, "red", "red"),
    (Color, Color.GREEN, "green"),
    (Number, 1.0, 1),
    (Mixed, (1, 2), (1, 2)),
    (Mixed, None, None),
    (Mixed, 1.5, 1.5),
    (Level, "2", 2),
    (Level, Level.LOW, 1),
    (Letter, b"a", "a"),
    (Letter, Letter.B, "b"),
    (Half, "1", 1.0),
    (Perm, 3, 3),
    (Perm, 0, 0),
    (IPerm, 6, 6),
    (Aliased, Aliased.B, 1),
    (Lenient, "A", "a"),
]


@pytest.mark.parametrize("cls, value, expected", USE_ENUM_VALUES, ids=[case_id(*row) for row in USE_ENUM_VALUES])
def test_use_enum_values_stores_the_value(inputs, cls, value, expected):
    M = config_model(cls, use_enum_values=True)
    result = inputs.validate_v(M, value)
    assert_same_value(result, expected)
    assert_same_value(M(v=cls(expected)).v, expected)


def test_use_enum_values_in_containers(inputs):
    M = config_model(dict[str, list[Optional[Level]]], use_enum_values=True)
    result = inputs.validate_v(M, {"a": [1, "2", None], "b": []})
    assert result == {"a": [1, 2, None], "b": []}
    assert [type(x) for x in result["a"]] == [int, int, type(None)]


def test_use_enum_values_with_strict_python_input():
    M = config_model(Level, use_enum_values=True, strict=True)
    assert_same_value(M(v=Level.HIGH).v, 2)
    assert support.single_error(M, 2)["type"] == IS_INSTANCE_OF


def test_use_enum_values_leaves_errors_unchanged(inputs):
    M = config_model(Level, use_enum_values=True)
    error = inputs.single_error(M, 3)
    assert (error["type"], error["msg"]) == (ENUM_TYPE, "Input should be 1 or 2")


# ---------------------------------------------------------------------------
# Containers and nested models.


def test_optional_list_and_dict_of_enums(inputs):
    M = one_field_model(Optional[dict[str, list[Color]]])
    assert inputs.validate_v(M, None) is None
    result = inputs.validate_v(M, {"k": ["red", "green"], "e": []})
    assert result == {"k": [Color.RED, Color.GREEN], "e": []}
    errors = inputs.errors(M, {"v": {"k": ["red", "blue", 1]}})
    assert [(e["type"], e["loc"], e["msg"]) for e in errors] == [
        (ENUM_TYPE, ("v", "k", 1), "Input should be 'red' or 'green'"),
        (ENUM_TYPE, ("v", "k", 2), "Input should be 'red' or 'green'"),
    ]


class Paint(Model):
    color: Color
    level: Level = Level.LOW
    perm: Optional[Perm] = None


class Job(Model):
    paint: Paint
    others: list[Paint] = []


def test_enums_in_nested_models(inputs):
    job = inputs.validate(Job, {"paint": {"color": "red", "perm": 3}, "others": [{"color": "green", "level": "2"}]})
    assert job.paint.color is Color.RED and job.paint.level is Level.LOW and job.paint.perm is Perm.R | Perm.W
    assert job.others[0].level is Level.HIGH and job.others[0].perm is None
    errors = inputs.errors(Job, {"paint": {"color": "blue", "level": 3}, "others": [{"color": "red", "perm": 8}]})
    assert [(e["type"], e["loc"], e["msg"]) for e in errors] == [
        (ENUM_TYPE, ("paint", "color"), "Input should be 'red' or 'green'"),
        (ENUM_TYPE, ("paint", "level"), "Input should be 1 or 2"),
        (ENUM_TYPE, ("others", 0, "perm"), "Input should be 1, 2 or 4"),
    ]


def test_an_enum_default_is_not_validated():
    class D(Model):
        v: Level = 7

    assert D().v == 7
    assert D.model_validate_json("{}").v == 7


# ---------------------------------------------------------------------------
# Dumps: members in python mode, values in JSON mode.

DUMPS = [
    (Color, Color.RED, "red"),
    (Number, Number.TWO, 2),
    (Mixed, Mixed.ONE, 1),
    (Mixed, Mixed.B, "b"),
    (Mixed, Mixed.NONE, None),
    (Mixed, Mixed.HALF, 1.5),
    (Mixed, Mixed.PAIR, [1, 2]),
    (Level, Level.HIGH, 2),
    (Letter, Letter.A, "a"),
    (Half, Half.ONE, 1.0),
    (Perm, Perm.R, 1),
    (Perm, Perm.R | Perm.X, 5),
    (Perm, Perm(0), 0),
    (IPerm, IPerm.R | IPerm.W, 3),
    (IPerm, IPerm(0), 0),
    (Aliased, Aliased.B, 1),
    (Lenient, Lenient.A, "a"),
]


@pytest.mark.parametrize("use_enum_values", [False, True])
@pytest.mark.parametrize("cls, member, json_value", DUMPS, ids=[case_id(*row) for row in DUMPS])
def test_dumps(cls, member, json_value, use_enum_values):
    M = config_model(cls, use_enum_values=use_enum_values)
    instance = M(v=member)
    stored = member.value if use_enum_values else member
    oracle = config_model(cls, library=pydantic, use_enum_values=use_enum_values)(v=member)
    assert_same_value_dumps(instance, oracle, stored, json_value)
    assert_same_dumps(instance, oracle, exclude_defaults=True)


@requires_str_enum
def test_str_enum_dumps():
    for use_enum_values in (False, True):
        instance = config_model(Shade, use_enum_values=use_enum_values)(v="dark")
        assert instance.model_dump_json() == '{"v":"dark"}'
        assert type(instance.model_dump(mode="json")["v"]) is str
        assert_same_dumps(instance, config_model(Shade, library=pydantic, use_enum_values=use_enum_values)(v="dark"))


def test_dumps_of_enums_in_containers():
    ann = dict[str, list[Optional[Mixed]]]
    data = {"v": {"a": [1, "b", None, 1.5, (1, 2)], "z": []}}
    for use_enum_values in (False, True):
        mine = config_model(ann, use_enum_values=use_enum_values).model_validate(data)
        oracle = config_model(ann, library=pydantic, use_enum_values=use_enum_values).model_validate(data)
        assert_same_dumps(mine, oracle)
    mine = config_model(ann).model_validate(data)
    assert mine.model_dump(mode="json") == {"v": {"a": [1, "b", None, 1.5, [1, 2]], "z": []}}


@pytest.mark.parametrize("use_enum_values", [False, True])
@pytest.mark.parametrize("value", ["x", 1, 2.5, None, Color.RED], ids=repr)
@pytest.mark.parametrize("cls", [Color, Level, Letter], ids=case_id)
def test_unexpected_values_dump_like_pydantic(cls, value, use_enum_values):
    """Values that are no member (made with model_construct): the same dumps and warnings."""
    mine = config_model(cls, use_enum_values=use_enum_values).model_construct(v=value)
    oracle = config_model(cls, library=pydantic, use_enum_values=use_enum_values).model_construct(v=value)
    assert_same_dumps(mine, oracle)


# ---------------------------------------------------------------------------
# Class definition.


@satya_only
@pytest.mark.parametrize(
    "annotation, field",
    [(Level, {"gt": 1}), (Number, {"le": 2}), (Letter, {"max_length": 1}), (Color, {"pattern": "r"}), (Optional[Level], {"ge": 0})],
    ids=case_id,
)
def test_a_constraint_on_an_enum_is_a_definition_time_schema_error(annotation, field):
    with pytest.raises(support.satya.SchemaError):
        one_field_model(annotation, field)


# ---------------------------------------------------------------------------
# Differential against pydantic (hypothesis): random enums (random kinds and
# value types, aliases, a _missing_ of their own now and then), random inputs
# near the values, both kinds of input, strict and lax, use_enum_values.


class MissingEnum(enum.Enum):
    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for member in cls:
                if str(member.value).lower() == value.lower():
                    return member
        return None


class MissingStrEnum(str, enum.Enum):
    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for member in cls:
                if member.value.lower() == value.lower():
                    return member
        return None


class MissingIntEnum(enum.IntEnum):
    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str) and value.strip("+").isdigit():
            return cls._value2member_map_.get(int(value.strip("+")))
        return None


INT_VALUES = [0, 1, 2, 3, -1, 7, 2**63 - 1, -(2**63), 2**63, 2**70]
STR_VALUES = ["a", "b", "", "1", "A", "\u00e9", " a", "1.5"]
FLOAT_VALUES = [0.5, 1.0, -0.0, 2.5, 1e20, 3.0]
PLAIN_VALUES = INT_VALUES[:6] + STR_VALUES[:5] + [None, 1.5, True, False, (1, 2), b"x", 2**70]
FLAG_VALUES = [1, 2, 4, 8, 3, 0]

KINDS = {
    # kind: (how the class is made: base, type=..., the values it may take)
    "plain": (enum.Enum, None, PLAIN_VALUES),
    "plain_missing": (MissingEnum, None, PLAIN_VALUES),
    "int": (enum.IntEnum, None, INT_VALUES),
    "int_missing": (MissingIntEnum, None, INT_VALUES[:6]),
    "str": (enum.Enum, str, STR_VALUES),
    "str_missing": (MissingStrEnum, None, STR_VALUES),
    "float": (enum.Enum, float, FLOAT_VALUES),
    "flag": (enum.Flag, None, FLAG_VALUES),
    "int_flag": (enum.IntFlag, None, FLAG_VALUES),
}
if HAS_STR_ENUM:
    KINDS["str_enum"] = (enum.StrEnum, None, STR_VALUES)

JSON_TOKENS = [
    "1.0", "1e0", "-0", "-0.0", "0.0", "2.0", "3.0", "0.5", '"\\u0061"', '"1"', '" 1 "', "true", "false", "null",
    "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1180591620717411303424", "1e400", "NaN",
    "[]", "{}", "[1, 2]", '"A"', '"0.5"',
]  # fmt: skip
EXTRA_INPUTS = [None, [], {}, 1.5, float("nan"), 2**64, -(2**63) - 1, b"a", "zz", (1, 2), [1, 2], Color.RED, Level.LOW, Letter.A]


def random_enum(kind, key):
    base, mixin, _ = KINDS[kind]
    names = [(f"M{i}", value) for i, (_, value) in enumerate(key)]
    if mixin is not None:
        return base(f"R_{kind}", names, type=mixin)
    return base(f"R_{kind}", names)


@functools.lru_cache(maxsize=None)
def enum_models(kind, key, use_enum_values):
    cls = random_enum(kind, key)
    return (
        cls,
        config_model(cls, use_enum_values=use_enum_values),
        config_model(cls, library=pydantic, use_enum_values=use_enum_values),
    )


def near(value) -> list:
    """Inputs equal or close to `value` in other types."""
    out = [value]
    if isinstance(value, bool):
        out += [int(value), float(value), str(value), str(int(value)), not value]
    elif isinstance(value, int):
        out += [str(value), f" {value} ", value + 1, -value, MyInt(value), value | 1, value * 2]
        if abs(value) < 2**53:
            out += [float(value), float(value) + 0.5]
        if value in (0, 1):
            out.append(bool(value))
    elif isinstance(value, float):
        out += [str(value), value + 1, -value]
        if value.is_integer() and abs(value) < 2**63:
            out += [int(value), str(int(value))]
    elif isinstance(value, str):
        out += [value.encode(), MyStr(value), value.upper(), value + " ", [value]]
        try:
            out.append(float(value))
        except ValueError:
            pass
    elif isinstance(value, tuple):
        out += [list(value)]
    elif value is None:
        out += [0, "", "None", False]
    return out


@st.composite
def enum_cases(draw):
    kind = draw(st.sampled_from(sorted(KINDS)))
    pool = KINDS[kind][2]
    values = tuple(draw(st.lists(st.sampled_from(pool), min_size=0 if kind == "plain" else 1, max_size=4)))
    try:
        cls = random_enum(kind, value_key(values))
    except (TypeError, ValueError) as exc:  # e.g. a Flag value the class refuses
        note(f"not an enum: {exc}")
        cls = None
    candidates = [x for v in values for x in near(v)]
    if cls is not None:
        candidates += list(cls.__members__.values())
    value = draw(st.one_of(st.sampled_from(candidates or [None]), st.sampled_from(EXTRA_INPUTS), st.sampled_from(JSON_TOKENS).map(Raw)))
    return kind, values, value, draw(st.sampled_from([None, True])), draw(st.booleans())


def reset_composites(cls):
    """Forgets the Flag composites made so far, so that each validation
    starts from the class as defined (Enum caches the composites it makes)."""
    if issubclass(cls, enum.Flag):
        canonical = {member._value_ for member in cls.__members__.values()}
        for key in [k for k in cls._value2member_map_ if k not in canonical]:
            del cls._value2member_map_[key]


def view(value):
    """`plain(value)`, with an Enum member seen as its class, name and value
    (so that two pseudo-members of a Flag with the same value compare equal)."""
    if isinstance(value, enum.Enum):
        return ("member", type(value).__name__, value.name, view(value._value_))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [view(v) for v in value])
    if isinstance(value, dict):
        return ("dict", [(view(k), view(v)) for k, v in value.items()])
    return plain(value)


@given(enum_cases())
def test_enums_agree_with_pydantic(case):
    kind, values, value, strict, use_enum_values = case
    try:
        cls, mine, oracle = enum_models(kind, value_key(values), use_enum_values)
    except (TypeError, ValueError):
        return  # not a valid enum class
    note(f"{kind} enum {[(m.name, m.value) for m in cls]} (members with aliases: {list(cls.__members__)})")
    for input_kind, data in differential_inputs(value):
        reset_composites(cls)
        expected = differential_attempt(oracle, input_kind, data, strict, view)
        reset_composites(cls)
        got = differential_attempt(mine, input_kind, data, strict, view)
        assert got == expected, f"{input_kind} {data!r} strict={strict}\nmine:     {got}\npydantic: {expected}"


# ---------------------------------------------------------------------------
# Batches: model_validate_json_many (satya's own API) against
# model_validate_json of each record.


class BatchEnums(Model):
    color: Color
    level: Level = Level.LOW
    mixed: Optional[Mixed] = None
    perm: list[IPerm] = []
    half: Half = Half.HALF


class BatchEnumValues(Model):
    model_config = lib.ConfigDict(use_enum_values=True)
    color: Color
    level: Level = Level.LOW
    mixed: Optional[Mixed] = None
    lenient: Lenient = Lenient.B


BATCH_TOKENS = [
    '"red"', '"green"', '"blue"', '"\\u0072ed"', "1", "2", "1.0", "2.0", "true", "false", "null", "0", "3", "7",
    '"1"', '"b"', "1.5", "0.5", '"0.5"', "9223372036854775808", "-9223372036854775809", "[]", "{}", "[1, 2]", '"A"', '"a"',
]  # fmt: skip


def batch_records(fields):
    token = st.sampled_from(BATCH_TOKENS)
    values = {name: (st.lists(token, max_size=3).map(lambda t: "[" + ",".join(t) + "]") if name == "perm" else token) for name in fields}
    record = st.fixed_dictionaries({"color": values["color"]}, optional={k: v for k, v in values.items() if k != "color"})
    record = record.map(lambda fields: "{" + ",".join(f'"{k}": {v}' for k, v in fields.items()) + "}")
    return st.one_of(record, record, record, st.sampled_from(["1", "[]", '"red"', "null", "{", '{"color": "red"']))


@satya_only
@pytest.mark.parametrize("cls", [BatchEnums, BatchEnumValues], ids=["members", "use_enum_values"])
@given(texts=st.data(), strict=st.sampled_from([None, True]))
def test_json_batches_of_enum_models_match_each_record(cls, texts, strict):
    from batch_support import check_json_batch

    check_json_batch(cls, texts.draw(st.lists(batch_records(cls.model_fields), max_size=12)), strict)


@satya_only
@pytest.mark.parametrize("strict", [None, True], ids=["lax", "strict"])
@pytest.mark.parametrize("cls", [BatchEnums, BatchEnumValues], ids=["members", "use_enum_values"])
def test_json_batches_past_the_parallel_threshold(cls, strict):
    """Enough records that worker threads share the batch."""
    from batch_support import check_json_batch

    records = []
    for i, token in enumerate(BATCH_TOKENS * 8):
        level = BATCH_TOKENS[(i * 5) % len(BATCH_TOKENS)]
        mixed = BATCH_TOKENS[(i * 11) % len(BATCH_TOKENS)]
        records.append('{"color": %s, "level": %s, "mixed": %s}' % (token, level, mixed))
    check_json_batch(cls, records, strict)
    valid = cls.model_validate_json_many("\n".join(['{"color": "green", "level": 2}'] * 300), format="ndjson", threads=2)
    assert len(valid) == 300
    expected = ("green", 2) if cls is BatchEnumValues else (Color.GREEN, Level.HIGH)
    assert all((r.color, r.level) == expected and type(r.level) is type(expected[1]) for r in valid)
