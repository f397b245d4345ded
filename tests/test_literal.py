"""`Literal[...]` fields: which inputs equal a listed value and which listed
value (of which exact type) comes back, the `literal_error` and its message,
big ints, unhashable inputs, strict mode (which changes nothing), Literal
inside Optional, list, dict and nested models, raw JSON number tokens,
`use_enum_values`, dumps, a hypothesis differential against pydantic, batches
and the definition-time errors for constraints that cannot apply."""

import enum
import functools
from typing import Literal, Optional

import pydantic
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

import support
from dump_support import assert_same_dumps, assert_same_value_dumps
from support import (
    INT_PARSING_SIZE, Model, MyInt, MyStr, Raw, ValidationError, assert_same_value, config_model,
    differential_attempt, differential_inputs, errors_of, lib, one_field_model, plain, satya_only, value_key,
)


class Color(enum.Enum):
    RED = 1
    GREEN = "g"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Tag(str, enum.Enum):
    A = "a"
    B = "b"


LITERAL_ERROR = "literal_error"


_MODELS = {}


def model_of(annotation, strict=False):
    """`one_field_model(annotation, strict=strict)`, made once. (Cached by the
    annotation's repr: Literals compare as sets, so that `Literal[1, True] ==
    Literal[True, 1]`, and the order of the values matters here.)"""
    key = (repr(annotation), strict)
    if key not in _MODELS:
        _MODELS[key] = one_field_model(annotation, strict=strict)
    return _MODELS[key]


def case_id(*parts) -> str:
    """A readable test id: `Literal[...]`, then the values' reprs."""
    return "-".join(repr(p).replace("typing.", "") for p in parts)


# ---------------------------------------------------------------------------
# Accepted inputs and the listed value that comes back.

ACCEPTED = [
    (Literal["a", "b", 1], "a", "a"),
    (Literal["a", "b", 1], "b", "b"),
    (Literal["a", "b", 1], 1, 1),
    (Literal["a", "b", 1], 1.0, 1),
    (Literal["a", "b", 1], True, 1),
    # 1.0 equals both 1 and True; pydantic returns True whichever comes first
    (Literal[1, True], 1, 1),
    (Literal[1, True], True, True),
    (Literal[1, True], 1.0, True),
    (Literal[True, 1], 1, 1),
    (Literal[True, 1], True, True),
    (Literal[True, 1], 1.0, True),
    (Literal[0, False], 0, 0),
    (Literal[0, False], False, False),
    (Literal[0, False], 0.0, False),
    (Literal[0, False], -0.0, False),
    (Literal[False, 0], 0.0, False),
    (Literal[False, 0], -0.0, False),
    (Literal[None], None, None),
    (Literal[None, "a"], None, None),
    (Literal[None, "a"], "a", "a"),
    (Literal[1], True, 1),
    (Literal[1], 1.0, 1),
    (Literal[1], MyInt(1), 1),
    (Literal[1], Level.LOW, 1),
    (Literal["a"], MyStr("a"), "a"),
    (Literal["a"], Tag.A, "a"),
    (Literal["x"], "x", "x"),
    (Literal[""], "", ""),
    (Literal["\u00e9t\u00e9", "\U0001f600"], "\U0001f600", "\U0001f600"),
    (Literal[Color.RED, 2], Color.RED, Color.RED),
    (Literal[Color.RED, 2], 2, 2),
    (Literal[Color.RED, 2], 2.0, 2),
    (Literal[Level.LOW], 1, Level.LOW),
    (Literal[Level.LOW], 1.0, Level.LOW),
    (Literal[Level.LOW], True, Level.LOW),
    (Literal[Tag.A], "a", Tag.A),
    (Literal[Tag.A, "b"], "b", "b"),
    (Literal[Tag.A, "b"], Tag.B, "b"),
    # a member and the equal plain value both listed: the input's own kind wins
    (Literal[1, Level.LOW], 1, 1),
    (Literal[1, Level.LOW], Level.LOW, Level.LOW),
    (Literal[1, Level.LOW], 1.0, Level.LOW),
    (Literal[Level.LOW, 1], 1, 1),
    (Literal[Level.LOW, 1], Level.LOW, Level.LOW),
    (Literal[Level.LOW, 1], 1.0, Level.LOW),
    (Literal[Level.LOW, 1], True, Level.LOW),
    (Literal[1, True], Level.LOW, True),
    (Literal[0, False], MyInt(0), False),
    (Literal[Level.HIGH, 2], 2, 2),
    (Literal[Level.HIGH, 2], 2.0, Level.HIGH),
    (Literal[Level.HIGH, 2], MyInt(2), Level.HIGH),
    (Literal[Tag.A, "a"], "a", "a"),
    (Literal[Tag.A, "a"], Tag.A, Tag.A),
    (Literal[Tag.A, "a"], MyStr("a"), Tag.A),
    (Literal["a", Tag.A], MyStr("a"), Tag.A),
    (Literal[-1, 2**63 - 1, -(2**63)], -1, -1),
    (Literal[-1, 2**63 - 1, -(2**63)], -1.0, -1),
    (Literal[-1, 2**63 - 1, -(2**63)], 2**63 - 1, 2**63 - 1),
    (Literal[-1, 2**63 - 1, -(2**63)], -(2**63), -(2**63)),
    (Literal[2**70], 2**70, 2**70),
    (Literal[2**70, "a"], float(2**70), 2**70),
    (Literal[-(10**30)], -(10**30), -(10**30)),
    (Literal[b"a"], b"a", b"a"),
]


@pytest.mark.parametrize("strict", [False, True], ids=["lax", "strict"])
@pytest.mark.parametrize("annotation, value, expected", ACCEPTED, ids=[case_id(*c) for c in ACCEPTED])
def test_a_listed_value_comes_back_as_listed(inputs, annotation, value, expected, strict):
    assert_same_value(inputs.validate_v(model_of(annotation, strict), value), expected)


def test_the_listed_object_itself_is_returned():
    marker = "".join(["not", "-interned"])
    M = one_field_model(Literal[marker, "b"])
    text = "".join(["not", "-", "interned"])
    assert text is not marker
    assert M.model_validate({"v": text}).v is marker
    assert M.model_validate_json('{"v": "not-interned"}').v is marker


# ---------------------------------------------------------------------------
# Rejected inputs: literal_error, its message and ctx.

MESSAGES = {
    Literal["a", "b", 1]: "'a', 'b' or 1",
    Literal[1, True]: "1 or True",
    Literal[None]: "None",
    Literal["a"]: "'a'",
    Literal[1]: "1",
    Literal[Color.RED, 2]: "<Color.RED: 1> or 2",
    Literal[Level.LOW]: "<Level.LOW: 1>",
    Literal[b"a"]: "b'a'",
    Literal["it's", 'q"']: "\"it's\" or 'q\"'",
    Literal[-1, 2**63 - 1, -(2**63)]: "-1, 9223372036854775807 or -9223372036854775808",
    Literal[2**70, "a"]: "1180591620717411303424 or 'a'",
    Literal[None, "a"]: "None or 'a'",
}

REJECTED = [
    (Literal["a", "b", 1], ["c", "A", "a ", "", b"a", "1", 2, 0, 1.5, None, False, [], [1], ["a"], {}, {"a": 1}, Color.RED]),
    (Literal[1, True], [0, False, 2, "1", "true", 1.5, 0.5, None, [1], {}, {"1": 1}, b"1"]),
    (Literal[None], [0, "", False, "None", "null", [], {}, float("nan"), 0.0]),
    (Literal["a"], [b"a", bytearray(b"a"), "A", "a ", Tag.B, ["a"], {"a": "a"}, 1]),
    (Literal[1], [Color.RED, 1.5, "1", 2, 0, False, None, [1], float("inf"), float("nan")]),
    (Literal[Color.RED, 2], [1, "g", Color.GREEN, "RED", 3, None]),
    (Literal[Level.LOW], [Level.HIGH, 2, "1", Color.RED]),
    (Literal[b"a"], ["a", bytearray(b"a"), b"b"]),
    (Literal["it's", 'q"'], ["it", "q"]),
    (Literal[-1, 2**63 - 1, -(2**63)], [float(2**63), 1, -2]),
    (Literal[2**70, "a"], [2**71, 2**70 + 1, -(2**70), "b"]),
    (Literal[None, "a"], ["b", 0, False, []]),
]


@pytest.mark.parametrize("strict", [False, True], ids=["lax", "strict"])
@pytest.mark.parametrize(
    "annotation, value",
    [(annotation, value) for annotation, values in REJECTED for value in values],
    ids=[case_id(annotation, value) for annotation, values in REJECTED for value in values],
)
def test_an_unlisted_value_is_a_literal_error(inputs, annotation, value, strict):
    error = inputs.single_error(model_of(annotation, strict), value)
    expected = MESSAGES[annotation]
    assert error["type"] == LITERAL_ERROR
    assert error["loc"] == ("v",)
    assert error["msg"] == f"Input should be {expected}"
    assert error["ctx"] == {"expected": expected}
    assert inputs.same_input(error["input"], value)


@pytest.mark.parametrize("value", [[1, 2], {"a": 1}, {1, 2}, bytearray(b"1"), [], {}])
def test_unhashable_inputs_are_a_literal_error_not_a_crash(value):
    for annotation in (Literal["a", 1], Literal[None], Literal[Color.RED, b"x", 1.5], Literal[True]):
        with pytest.raises(ValidationError) as info:
            one_field_model(annotation).model_validate({"v": value})
        (error,) = errors_of(info.value)
        assert error["type"] == LITERAL_ERROR
        assert error["input"] is value


class Unhashable:
    __hash__ = None

    def __eq__(self, other):
        return False


def test_an_input_whose_hash_raises_is_a_literal_error():
    value = Unhashable()
    error = support.single_error(one_field_model(Literal["a", 1, Color.RED]), value)
    assert error["type"] == LITERAL_ERROR
    assert error["input"] is value


@pytest.mark.parametrize(
    "annotation",
    [Literal["a", "a", 1, 1], Literal[Literal["a", 1], "a"], Literal["a", Literal[1, "a"]]],
    ids=case_id,
)
def test_duplicated_values_are_listed_once(inputs, annotation):
    M = one_field_model(annotation)
    assert_same_value(inputs.validate_v(M, "a"), "a")
    assert_same_value(inputs.validate_v(M, 1), 1)
    error = inputs.single_error(M, "b")
    assert (error["type"], error["msg"], error["ctx"]) == (LITERAL_ERROR, "Input should be 'a' or 1", {"expected": "'a' or 1"})


def test_equal_values_of_other_types_are_all_listed(inputs):
    M = one_field_model(Literal[1, True, Level.LOW, "1"])
    error = inputs.single_error(M, 2)
    assert error["msg"] == "Input should be 1, True, <Level.LOW: 1> or '1'"


# ---------------------------------------------------------------------------
# Ints beyond 64 bits. When a listed value is an int that fits in 64 bits,
# pydantic reads an int input as a 64-bit int first, and a bigger one fails
# with int_parsing_size; otherwise it is simply not listed.

WITH_A_64_BIT_INT = [Literal[1], Literal["a", 1, True], Literal[Color.RED, None, 0]]
BIG_INTS = [2**63, -(2**63) - 1, 2**64, 2**70, -(10**30)]


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 10**30])
@pytest.mark.parametrize("annotation", WITH_A_64_BIT_INT, ids=case_id)
def test_an_int_beyond_64_bits_is_int_parsing_size_when_a_64_bit_int_is_listed(inputs, annotation, value):
    for strict in (False, True):
        error = inputs.single_error(model_of(annotation, strict), value)
        assert (error["type"], error["loc"], error["msg"]) == ("int_parsing_size", ("v",), INT_PARSING_SIZE)
        assert "ctx" not in error
        assert inputs.same_input(error["input"], value)


def test_even_a_listed_big_int_is_int_parsing_size_when_a_64_bit_int_is_listed(inputs):
    error = inputs.single_error(model_of(Literal["", 0, 2**63]), 2**63)
    assert (error["type"], error["msg"]) == ("int_parsing_size", INT_PARSING_SIZE)


@pytest.mark.parametrize(
    "annotation, value",
    [
        (annotation, value)
        for annotation in [Literal["a"], Literal[None], Literal[True], Literal[Level.LOW], Literal[2**70]]
        for value in BIG_INTS
        if not (annotation == Literal[2**70] and value == 2**70)
    ],
    ids=case_id,
)
def test_an_int_beyond_64_bits_is_a_literal_error_when_no_64_bit_int_is_listed(inputs, annotation, value):
    error = inputs.single_error(model_of(annotation), value)
    assert error["type"] == LITERAL_ERROR


# ---------------------------------------------------------------------------
# Literal inside Optional, list and dict, and in nested models.


def test_optional_literal(inputs):
    M = one_field_model(Optional[Literal["a", 1]])
    assert inputs.validate_v(M, None) is None
    assert inputs.validate_v(M, "a") == "a"
    assert_same_value(inputs.validate_v(M, 1.0), 1)
    error = inputs.single_error(M, "b")
    assert (error["type"], error["loc"], error["msg"]) == (LITERAL_ERROR, ("v",), "Input should be 'a' or 1")


def test_list_of_literals(inputs):
    M = one_field_model(list[Literal["a", 1, None]])
    result = inputs.validate_v(M, ["a", 1, None, 1.0, True])
    assert [plain(x) for x in result] == [plain(x) for x in ["a", 1, None, 1, 1]]
    errors = inputs.errors(M, {"v": ["a", "x", 2, None, [1]]})
    assert [(e["type"], e["loc"]) for e in errors] == [
        (LITERAL_ERROR, ("v", 1)),
        (LITERAL_ERROR, ("v", 2)),
        (LITERAL_ERROR, ("v", 4)),
    ]
    assert {e["msg"] for e in errors} == {"Input should be 'a', 1 or None"}


def test_dict_of_literals(inputs):
    M = one_field_model(dict[str, Literal["a", None, True]])
    assert inputs.validate_v(M, {"k": None, "j": "a", "t": True}) == {"k": None, "j": "a", "t": True}
    errors = inputs.errors(M, {"v": {"k": "b", "ok": "a", "n": 2, "one": 1}})
    assert [(e["type"], e["loc"], e["msg"]) for e in errors] == [
        (LITERAL_ERROR, ("v", "k"), "Input should be 'a', None or True"),
        (LITERAL_ERROR, ("v", "n"), "Input should be 'a', None or True"),
    ]


class Inner(Model):
    kind: Literal["x", "y", 3]
    note: Optional[Literal["n"]] = None


class Outer(Model):
    inner: Inner
    items: list[Inner] = []
    mode: Literal["on", "off"] = "off"


def test_literals_in_nested_models(inputs):
    outer = inputs.validate(Outer, {"inner": {"kind": "x"}, "items": [{"kind": 3, "note": "n"}, {"kind": 3.0}], "mode": "on"})
    assert outer.inner.kind == "x" and outer.mode == "on"
    assert [(type(i.kind), i.kind, i.note) for i in outer.items] == [(int, 3, "n"), (int, 3, None)]
    errors = inputs.errors(Outer, {"inner": {"kind": "z"}, "items": [{"kind": "x"}, {"kind": 1, "note": "m"}], "mode": True})
    assert [(e["type"], e["loc"], e["msg"]) for e in errors] == [
        (LITERAL_ERROR, ("inner", "kind"), "Input should be 'x', 'y' or 3"),
        (LITERAL_ERROR, ("items", 1, "kind"), "Input should be 'x', 'y' or 3"),
        (LITERAL_ERROR, ("items", 1, "note"), "Input should be 'n'"),
        (LITERAL_ERROR, ("mode",), "Input should be 'on' or 'off'"),
    ]


def test_a_literal_default_is_not_validated():
    class D(Model):
        v: Literal["a", "b"] = "a"

    assert D().v == "a"
    assert D.model_validate_json("{}").v == "a"


# ---------------------------------------------------------------------------
# JSON number and string tokens.

JSON_ACCEPTED = [
    (Literal[1], "1.0", 1),
    (Literal[1], "1e0", 1),
    (Literal[1], "1E0", 1),
    (Literal[1], "10e-1", 1),
    (Literal[1], "true", 1),
    (Literal[0], "-0", 0),
    (Literal[0], "-0.0", 0),
    (Literal[0], "0.0", 0),
    (Literal[0], "false", 0),
    (Literal[1, True], "1.0", True),
    (Literal[1, True], "1", 1),
    (Literal[1, True], "true", True),
    (Literal["a"], '"\\u0061"', "a"),
    (Literal["\u00e9"], '"\\u00e9"', "\u00e9"),
    (Literal["\U0001f600"], '"\\ud83d\\ude00"', "\U0001f600"),
    (Literal['q"'], '"q\\""', 'q"'),
    (Literal[None], "null", None),
    (Literal[None, 0], "null", None),
    (Literal[12345678901234567890], "12345678901234567890", 12345678901234567890),
    (Literal[2**70], "1180591620717411303424.0", 2**70),
    (Literal[-(2**63)], "-9223372036854775808", -(2**63)),
    (Literal[Level.LOW], "1", Level.LOW),
    (Literal[Tag.A], '"a"', Tag.A),
]


@pytest.mark.parametrize("strict", [False, True], ids=["lax", "strict"])
@pytest.mark.parametrize("annotation, token, expected", JSON_ACCEPTED, ids=[case_id(*c) for c in JSON_ACCEPTED])
def test_json_tokens_that_equal_a_listed_value(annotation, token, expected, strict):
    result = model_of(annotation, strict).model_validate_json('{"v": %s}' % token).v
    assert_same_value(result, expected)


JSON_REJECTED = [
    (Literal[1], "1.5", 1.5),
    (Literal[1], '"1"', "1"),
    (Literal[1], "[1]", [1]),
    (Literal[1], "{}", {}),
    (Literal[1], "null", None),
    (Literal[1], "1.0000000000000002", 1.0000000000000002),
    (Literal["a"], '["a"]', ["a"]),
    (Literal["a"], '{"a": "a"}', {"a": "a"}),
    (Literal["a"], '"\\u0041"', "A"),
    (Literal[None], "0", 0),
    (Literal[None], '"null"', "null"),
    (Literal[True], "1.5", 1.5),
    (Literal[True], '"true"', "true"),
    (Literal[Color.RED], "1", 1),
]


@pytest.mark.parametrize("strict", [False, True], ids=["lax", "strict"])
@pytest.mark.parametrize("annotation, token, value", JSON_REJECTED, ids=[case_id(*c[:2]) for c in JSON_REJECTED])
def test_json_tokens_that_are_not_listed(annotation, token, value, strict):
    with pytest.raises(ValidationError) as info:
        model_of(annotation, strict).model_validate_json('{"v": %s}' % token)
    (error,) = errors_of(info.value)
    assert error["type"] == LITERAL_ERROR
    assert plain(error["input"]) == plain(value)


@pytest.mark.parametrize("token", ["9223372036854775808", "-9223372036854775809", "123456789012345678901234567890"])
def test_a_big_json_int_is_int_parsing_size_when_a_64_bit_int_is_listed(token):
    with pytest.raises(ValidationError) as info:
        model_of(Literal["a", 1]).model_validate_json('{"v": %s}' % token)
    (error,) = errors_of(info.value)
    assert (error["type"], error["msg"]) == ("int_parsing_size", INT_PARSING_SIZE)
    assert error["input"] == int(token)


@pytest.mark.parametrize("token", ["1e400", "-1e400", "NaN", "Infinity"])
def test_non_finite_json_floats_are_a_literal_error(token):
    with pytest.raises(ValidationError) as info:
        model_of(Literal[1, None, "a"]).model_validate_json('{"v": %s}' % token)
    (error,) = errors_of(info.value)
    assert error["type"] == LITERAL_ERROR


# ---------------------------------------------------------------------------
# use_enum_values: a listed Enum member is stored as its value.


@pytest.mark.parametrize(
    "value, expected",
    [
        (Color.RED, 1),
        (Color.GREEN, "g"),
        (Tag.A, "a"),
        ("a", "a"),
        (Level.LOW, 1),
        (1, 1),
        (True, 1),
        (1.0, 1),
        ("x", "x"),
        (None, None),
    ],
    ids=case_id,
)
def test_use_enum_values_stores_a_listed_members_value(inputs, value, expected):
    M = config_model(Literal[Color.RED, Color.GREEN, Tag.A, Level.LOW, "x", None], use_enum_values=True)
    assert_same_value(inputs.validate_v(M, value), expected)


@pytest.mark.parametrize("value, expected", [(Tag.A, Tag.A), ("a", Tag.A), (Level.LOW, Level.LOW), (1, Level.LOW)])
def test_without_use_enum_values_a_listed_member_is_stored(inputs, value, expected):
    M = config_model(Literal[Tag.A, Level.LOW, "x"])
    assert_same_value(inputs.validate_v(M, value), expected)


def test_use_enum_values_leaves_the_error_unchanged(inputs):
    M = config_model(Literal[Color.RED, "x"], use_enum_values=True)
    error = inputs.single_error(M, 1)
    assert (error["type"], error["msg"]) == (LITERAL_ERROR, "Input should be <Color.RED: 1> or 'x'")


# ---------------------------------------------------------------------------
# Dumps.

DUMPED = Literal[Color.RED, Color.GREEN, Level.HIGH, Tag.B, "x", 2, None, True, b"by"]


@pytest.mark.parametrize(
    "value, python, json_value",
    [
        (Color.RED, Color.RED, 1),
        (Color.GREEN, Color.GREEN, "g"),
        (Level.HIGH, Level.HIGH, 2),
        (Tag.B, Tag.B, "b"),
        ("x", "x", "x"),
        (2, 2, 2),
        (None, None, None),
        (True, True, True),
        (b"by", b"by", "by"),
    ],
    ids=case_id,
)
@pytest.mark.parametrize("use_enum_values", [False, True])
def test_dumps_of_literal_fields(value, python, json_value, use_enum_values):
    M = config_model(DUMPED, use_enum_values=use_enum_values)
    instance = M(v=value)
    stored = python.value if use_enum_values and isinstance(python, enum.Enum) else python
    assert_same_value(instance.v, stored)
    oracle = config_model(DUMPED, library=pydantic, use_enum_values=use_enum_values)(v=value)
    assert_same_value_dumps(instance, oracle, stored, json_value)


def test_dumps_of_literals_in_containers():
    ann = Optional[dict[str, list[Literal[Color.RED, Tag.A, 3, None]]]]
    data = {"v": {"k": [Color.RED, "a", 3.0, None], "e": []}}
    for use_enum_values in (False, True):
        mine = config_model(ann, use_enum_values=use_enum_values).model_validate(data)
        oracle = config_model(ann, library=pydantic, use_enum_values=use_enum_values).model_validate(data)
        assert_same_dumps(mine, oracle)
    mine = config_model(ann).model_validate(data)
    assert mine.model_dump(mode="json") == {"v": {"k": [1, "a", 3, None], "e": []}}
    assert mine.model_dump_json() == '{"v":{"k":[1,"a",3,null],"e":[]}}'


# ---------------------------------------------------------------------------
# Class definition.


@satya_only
@pytest.mark.parametrize(
    "annotation, field",
    [
        (Literal[1, 2], {"gt": 1}),
        (Literal[1, 2], {"le": 1}),
        (Literal[1, 2], {"multiple_of": 2}),
        (Literal["a"], {"min_length": 1}),
        (Literal["a"], {"pattern": "a"}),
        (Optional[Literal[1, 2]], {"gt": 1}),
    ],
)
def test_a_constraint_on_a_literal_is_a_definition_time_schema_error(annotation, field):
    with pytest.raises(support.satya.SchemaError):
        one_field_model(annotation, field)


# ---------------------------------------------------------------------------
# Differential against pydantic (hypothesis): random Literal value sets,
# random inputs near the listed values, both kinds of input, strict and lax.

VALUE_POOL = [
    "a", "b", "", "1", "True", "None", "\u00e9",
    0, 1, -1, 2, 7, 2**63 - 1, -(2**63), 2**63, 2**70,
    True, False, None,
    Color.RED, Color.GREEN, Level.LOW, Level.HIGH, Tag.A, Tag.B,
]  # fmt: skip
EXTRA_INPUTS = [
    None, [], {}, 1.5, -0.0, float("nan"), float("inf"), 2**64, -(2**63) - 1, b"a", "zz", (1,), {1, 2},
]  # fmt: skip
JSON_TOKENS = [
    "1.0", "1e0", "-0", "-0.0", "0.0", "2.0", "7.0", '"\\u0061"', '"\\u0031"', "true", "false", "null",
    "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1180591620717411303424",
    "1180591620717411303424.0", "1e400", "NaN", "[]", "{}", "[1]", '{"a": 1}', '"True"', '"None"',
]  # fmt: skip


def near(value) -> list:
    """Inputs equal or close to `value` in other types."""
    out = [value]
    if isinstance(value, enum.Enum):
        out += [value.value, *near(value.value)[1:], *type(value)]
    elif isinstance(value, bool):
        out += [int(value), float(value), str(value), str(value).lower(), str(int(value)), not value]
    elif isinstance(value, int):
        out += [str(value), value + 1, -value, MyInt(value)]
        if abs(value) < 2**53:
            out.append(float(value))
        if value in (0, 1):
            out.append(bool(value))
        if value in (1, 2):
            out.append(Level(value))
    elif isinstance(value, str):
        out += [value.encode(), MyStr(value), value.upper(), value + " ", [value], {"k": value}]
        if value.isdigit():
            out += [int(value), float(value)]
        if value in ("a", "b"):
            out.append(Tag(value))
    elif value is None:
        out += [0, "", "None", "null", False, []]
    return out


@st.composite
def literal_cases(draw):
    values = tuple(draw(st.lists(st.sampled_from(VALUE_POOL), min_size=1, max_size=5)))
    candidates = [x for v in values for x in near(v)]
    value = draw(st.one_of(st.sampled_from(candidates), st.sampled_from(EXTRA_INPUTS), st.sampled_from(JSON_TOKENS).map(Raw)))
    return values, value, draw(st.sampled_from([None, True])), draw(st.booleans())


@functools.lru_cache(maxsize=None)
def literal_models(key, use_enum_values):
    annotation = Literal[tuple(v for _, v in key)]
    return (
        config_model(annotation, use_enum_values=use_enum_values),
        config_model(annotation, library=pydantic, use_enum_values=use_enum_values),
    )


@given(literal_cases())
def test_literals_agree_with_pydantic(case):
    values, value, strict, use_enum_values = case
    mine, oracle = literal_models(value_key(values), use_enum_values)
    for kind, data in differential_inputs(value):
        note(f"{kind}: {data!r}")
        expected = differential_attempt(oracle, kind, data, strict)
        got = differential_attempt(mine, kind, data, strict)
        assert got == expected, f"Literal{list(values)} {kind} {data!r} strict={strict}\nmine:     {got}\npydantic: {expected}"


# ---------------------------------------------------------------------------
# Batches: model_validate_json_many (satya's own API) against
# model_validate_json of each record.


class BatchLiterals(Model):
    kind: Literal["a", "b", 1, None, True]
    mode: Optional[Literal[Color.RED, Tag.A, "z"]] = None
    flags: list[Literal["x", 2, False]] = []
    big: Literal[2**70, "big"] = "big"


class BatchLiteralsValues(Model):
    model_config = lib.ConfigDict(use_enum_values=True)
    kind: Literal["a", "b", 1, None, True]
    mode: Optional[Literal[Color.RED, Tag.A, "z"]] = None


BATCH_TOKENS = [
    '"a"', '"b"', '"c"', '"\\u0061"', "1", "1.0", "1e0", "true", "false", "null", "2", "0", "-0",
    "9223372036854775808", "1180591620717411303424", "1.5", "[]", "{}", '["a"]', '"z"', '"g"', '"x"', "NaN",
]  # fmt: skip


def batch_records():
    token = st.sampled_from(BATCH_TOKENS)
    record = st.fixed_dictionaries(
        {"kind": token},
        optional={"mode": token, "flags": st.lists(token, max_size=3).map(lambda t: "[" + ",".join(t) + "]"), "big": token},
    ).map(lambda fields: "{" + ",".join(f'"{k}": {v}' for k, v in fields.items()) + "}")
    return st.one_of(record, record, record, st.sampled_from(["1", "[]", '"a"', "null", "{", '{"kind": "a"']))


@satya_only
@pytest.mark.parametrize("cls", [BatchLiterals, BatchLiteralsValues], ids=["members", "use_enum_values"])
@given(texts=st.lists(batch_records(), max_size=12))
def test_json_batches_of_literal_models_match_each_record(cls, texts):
    from batch_support import check_json_batch

    check_json_batch(cls, texts)


@satya_only
@pytest.mark.parametrize("cls", [BatchLiterals, BatchLiteralsValues], ids=["members", "use_enum_values"])
def test_json_batches_past_the_parallel_threshold(cls):
    """Enough records that worker threads share the batch."""
    from batch_support import check_json_batch

    records = []
    for i, token in enumerate(BATCH_TOKENS * 12):
        mode = BATCH_TOKENS[(i * 7) % len(BATCH_TOKENS)]
        records.append('{"kind": %s, "mode": %s}' % (token, mode))
    check_json_batch(cls, records)
    valid = cls.model_validate_json_many("\n".join(['{"kind": "a", "mode": "a"}'] * 300), format="ndjson", threads=2)
    assert len(valid) == 300
    assert all(r.kind == "a" for r in valid)
    expected_mode = "a" if cls is BatchLiteralsValues else Tag.A
    assert all(type(r.mode) is type(expected_mode) and r.mode == expected_mode for r in valid)
