"""`model_validate_json` against pydantic's, the oracle.

Random models (int, float, str, bool, bytes, None, Any, Optional, list, dict
and nested models, with random Field constraints and strictness) are defined
once with satya and once with pydantic; random JSON documents, valid ones built
from the model and mutated ones (malformed text, odd whitespace, escapes,
non-ASCII text, big ints, exponent floats, NaN/Infinity, duplicate and unknown
keys, wrong types), go to both. They must agree on four things: accept or
reject, the values (`model_dump()`), the `(loc, type)` of every error, and the
messages.

A deterministic list of hostile documents follows; each must give a clean
`ValidationError`, never a crash, a hang or another exception. Those run first
in a child process, so that a crash or a hang is reported as a failure of its
case instead of taking the test run down."""

import json
import math
import os
import subprocess
import sys
import textwrap
from typing import Annotated, Any, Optional

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import support
from support import plain

# The library under test: satya, or pydantic itself under SATYA_TEST_LIBRARY=pydantic,
# which checks the harness (pydantic against pydantic must always agree).
MINE = support.lib
MINE_ERRORS = support.ANY_VALIDATION_ERROR
ERRORS = support.ANY_VALIDATION_ERROR


# ---------------------------------------------------------------------------
# Model specs. A spec is a tuple tree:
#   ("int" | "float" | "str" | "bytes" | "bool", field_kwargs)
#   ("none",) ("any",) ("optional", inner) ("list" | "dict", inner, field_kwargs)
#   ("model", name, ((field_name, spec, has_default), ...), strict)
# field_kwargs are Field(...) keyword arguments (constraints and strict), as a
# tuple of pairs so that specs are hashable and print well.

FIELD_NAMES = ["a", "b2", "name", "x_y", "\u00f1ame", "\u65e5\u672c", "id", "value"]

int_bound = st.one_of(
    st.integers(-10, 10),
    st.sampled_from([-(2**63), 2**63 - 1, 2**64, -(10**20)]),
)
float_bound = st.one_of(
    st.integers(-10, 10),
    st.sampled_from([0.0, -0.0, 0.5, -1.5, 1e-7, 1e20, 2.5]),
)


@st.composite
def number_kwargs(draw, kind):
    """Bounds that some value satisfies (satya refuses contradictory bounds at
    class definition, a documented difference; pydantic accepts them)."""
    kwargs = {}
    bound = int_bound if kind == "int" else float_bound
    low, high = draw(st.none() | bound), draw(st.none() | bound)
    if low is not None and high is not None:
        low, high = sorted([low, high])
        if high - low < 2:
            high = low + 2 if low + 2 - low == 2 else None
    if low is not None:
        kwargs[draw(st.sampled_from(["gt", "ge"]))] = low
    if high is not None:
        kwargs[draw(st.sampled_from(["lt", "le"]))] = high
    if draw(st.integers(0, 4)) == 0:
        kwargs["multiple_of"] = draw(st.sampled_from([1, 2, 3, 7] if kind == "int" else [0.5, 0.1, 2.0, 3]))
    if kind == "float" and draw(st.integers(0, 5)) == 0:
        kwargs["allow_inf_nan"] = False
    return kwargs


length_kwargs = st.fixed_dictionaries(
    {}, optional={"min_length": st.integers(0, 3), "max_length": st.integers(0, 5)}
).map(lambda kw: {**kw, "max_length": max(kw["max_length"], kw.get("min_length", 0))} if "max_length" in kw else kw)


@st.composite
def field_kwargs(draw, kind):
    if kind in ("int", "float"):
        kwargs = draw(number_kwargs(kind))
    elif kind in ("str", "bytes", "list"):
        kwargs = draw(length_kwargs)
    elif kind == "dict":
        # No max_length: a too-long dict's message is a documented divergence,
        # tested on its own by test_too_long_dict_message_matches_pydantic.
        kwargs = {key: value for key, value in draw(length_kwargs).items() if key == "min_length"}
    else:
        kwargs = {}
    if draw(st.integers(0, 5)) == 0:
        kwargs["strict"] = True
    return tuple(sorted(kwargs.items()))


SCALAR_KINDS = ["int", "float", "str", "bytes", "bool"]
_model_counter = [0]


def specs(depth=2):
    scalar = st.sampled_from(SCALAR_KINDS).flatmap(lambda k: field_kwargs(k).map(lambda kw: (k, kw)))
    leaf = st.one_of(scalar, scalar, st.just(("none",)), st.just(("any",)))
    if depth == 0:
        return leaf
    inner = specs(depth - 1)
    return st.one_of(
        leaf,
        leaf,
        inner.map(lambda s: ("optional", s)),
        st.tuples(st.just("list"), inner, field_kwargs("list")),
        st.tuples(st.just("dict"), inner, field_kwargs("dict")),
        model_specs(depth - 1),
    )


@st.composite
def model_specs(draw, depth=2):
    names = draw(st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=4, unique=True))
    fields = []
    for name in names:
        spec = draw(specs(depth))
        has_default = spec[0] == "optional" and draw(st.booleans())
        fields.append((name, spec, has_default))
    _model_counter[0] += 1
    return ("model", f"M{_model_counter[0]}", tuple(fields), draw(st.integers(0, 4)) == 0)


BASE_TYPES = {"int": int, "float": float, "str": str, "bytes": bytes, "bool": bool}


def annotation(spec, lib):
    """The annotation of `spec` for `lib` (satya or pydantic)."""
    kind = spec[0]
    if kind in BASE_TYPES:
        tp, kwargs = BASE_TYPES[kind], dict(spec[1])
    elif kind == "none":
        return None
    elif kind == "any":
        return Any
    elif kind == "optional":
        return Optional[annotation(spec[1], lib)]
    elif kind == "list":
        tp, kwargs = list[annotation(spec[1], lib)], dict(spec[2])
    elif kind == "dict":
        tp, kwargs = dict[str, annotation(spec[1], lib)], dict(spec[2])
    else:
        return build_model(spec, lib)
    return Annotated[tp, lib.Field(**kwargs)] if kwargs else tp


def build_model(spec, lib):
    _, name, fields, strict = spec
    namespace = {"__annotations__": {}}
    for field_name, field_spec, has_default in fields:
        namespace["__annotations__"][field_name] = annotation(field_spec, lib)
        if has_default:
            namespace[field_name] = None
    if strict:
        namespace["model_config"] = {"strict": True}
    base = pydantic.BaseModel if lib is pydantic else support.Model
    return type(name, (base,), namespace)


# ---------------------------------------------------------------------------
# JSON documents as a small syntax tree, so that duplicate keys, number tokens
# and string escapes can be written exactly:
#   ("obj", ((key, node), ...)) ("arr", (node, ...)) ("str", text) ("num", token)
#   ("lit", "true" | "false" | "null")


def num(value) -> tuple:
    if isinstance(value, float):
        if math.isnan(value):
            return ("num", "NaN")
        if math.isinf(value):
            return ("num", "Infinity" if value > 0 else "-Infinity")
        return ("num", repr(value))
    return ("num", str(value))


NUMBER_TOKENS = [
    "0", "-0", "1e3", "1E3", "1e-2", "1E-2", "-0.0", "0.0", "1.5e+2", "2.0", "5.00",
    "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "9223372036854775807",
    "9223372036854775808", "-9223372036854775809", "18446744073709551616",
    "123456789012345678901234567890", "0.1", "3", "-7", "7.000000000000001",
]

text_strategy = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["", "5", " 7 ", "1.5", "true", "yes", "off", "\u00e9t\u00e9", "\U0001f600", "a\nb", "null", "1e3"]),
)
any_json = st.recursive(
    st.one_of(
        st.just(("lit", "null")),
        st.sampled_from([("lit", "true"), ("lit", "false")]),
        st.sampled_from(NUMBER_TOKENS).map(lambda t: ("num", t)),
        st.integers(-(2**70), 2**70).map(num),
        st.floats().map(num),
        text_strategy.map(lambda s: ("str", s)),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3).map(lambda items: ("arr", tuple(items))),
        st.lists(st.tuples(text_strategy, children), max_size=3).map(lambda pairs: ("obj", tuple(pairs))),
    ),
    max_leaves=6,
)


@st.composite
def value_for(draw, spec, depth=0):
    """A JSON node that is mostly of the right shape for `spec`, with wrong
    types now and then."""
    if draw(st.sampled_from([False] * 15 + [True])):  # now and then the wrong type
        return draw(any_json)
    kind = spec[0]
    if kind == "int":
        return draw(
            st.one_of(
                st.integers(-20, 20).map(num),
                st.sampled_from([-(2**63), 2**63 - 1, 2**63, 2**64, 10**25, -(10**25)]).map(num),
                st.sampled_from(NUMBER_TOKENS).map(lambda t: ("num", t)),
                st.sampled_from(["5", " 6 ", "1_000", "5.0", "x", "-0"]).map(lambda s: ("str", s)),
                st.sampled_from([("lit", "true"), ("lit", "false")]),
            )
        )
    if kind == "float":
        return draw(
            st.one_of(
                st.floats().map(num),
                st.integers(-20, 20).map(num),
                st.sampled_from(NUMBER_TOKENS).map(lambda t: ("num", t)),
                st.sampled_from(["1.5", " 2 ", "inf", "nan", "-0.0", "1e3", "x"]).map(lambda s: ("str", s)),
                st.sampled_from([("lit", "true"), ("lit", "false")]),
            )
        )
    if kind in ("str", "bytes"):
        return ("str", draw(text_strategy))
    if kind == "bool":
        return draw(
            st.one_of(
                st.sampled_from([("lit", "true"), ("lit", "false")]),
                st.sampled_from(["true", "False", "yes", "off", "1", "0", "maybe"]).map(lambda s: ("str", s)),
                st.sampled_from(["0", "1", "2", "1.0", "0.0", "0.5"]).map(lambda t: ("num", t)),
            )
        )
    if kind == "none":
        return ("lit", "null")
    if kind == "any":
        return draw(any_json)
    if kind == "optional":
        if draw(st.booleans()):
            return ("lit", "null")
        return draw(value_for(spec[1], depth + 1))
    if kind == "list":
        return ("arr", tuple(draw(st.lists(value_for(spec[1], depth + 1), max_size=4))))
    if kind == "dict":
        pairs = draw(st.lists(st.tuples(text_strategy, value_for(spec[1], depth + 1)), max_size=3))
        return ("obj", tuple(pairs))
    # a model: its fields in a random order, some missing, some duplicated,
    # some unknown keys
    pairs = []
    for field_name, field_spec, has_default in spec[2]:
        roll = draw(st.sampled_from(["present"] * 16 + ["missing", "omitted", "duplicate"]))
        if roll == "missing" or roll == "omitted" and has_default:
            continue
        pairs.append((field_name, draw(value_for(field_spec, depth + 1))))
        if roll == "duplicate":  # the last one counts
            pairs.append((field_name, draw(value_for(field_spec, depth + 1))))
    if draw(st.sampled_from([False] * 4 + [True])):
        pairs.append((draw(st.sampled_from(["unknown", "A", "name ", "\u00f1", "v"])), draw(any_json)))
    return ("obj", tuple(draw(st.permutations(pairs))))


WHITESPACE = ["", "", "", " ", "  ", "\n", "\t", "\r\n", " \n\t "]


def render_str(text, rnd) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        choice = rnd.randrange(8)
        if ch == '"':
            out.append(rnd.choice(['\\"', "\\u0022"]))
        elif ch == "\\":
            out.append(rnd.choice(["\\\\", "\\u005c", "\\u005C"]))
        elif ch in "\n\t\r\b\f":
            out.append(rnd.choice([json.dumps(ch)[1:-1], "\\u%04x" % code]))
        elif code < 0x20:
            out.append("\\u%04x" % code)
        elif ch == "/" and choice == 0:
            out.append("\\/")
        elif choice == 1 and code < 0x10000:
            out.append(("\\u%04x" if rnd.randrange(2) else "\\u%04X") % code)
        elif choice == 1:
            high, low = divmod(code - 0x10000, 0x400)
            out.append("\\u%04x\\u%04x" % (0xD800 + high, 0xDC00 + low))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def render(node, rnd) -> str:
    def ws():
        return rnd.choice(WHITESPACE)

    kind = node[0]
    if kind == "obj":
        if not node[1]:
            return "{" + ws() + "}"
        items = [ws() + render_str(k, rnd) + ws() + ":" + ws() + render(v, rnd) + ws() for k, v in node[1]]
        return "{" + ",".join(items) + "}"
    if kind == "arr":
        if not node[1]:
            return "[" + ws() + "]"
        return "[" + ",".join(ws() + render(v, rnd) + ws() for v in node[1]) + "]"
    if kind == "str":
        return render_str(node[1], rnd)
    return node[1]


MALFORMED_INSERTS = ["{", "}", "[", "]", ",", ":", '"', "\\", "x", "\x00", "\ufeff", "\u00e9", "01", "-", "."]


@st.composite
def documents(draw, spec):
    """(text, as_type): a document for model `spec`, sometimes mutated."""
    rnd = draw(st.randoms(use_true_random=False))
    node = draw(value_for(spec))
    if node[0] != "obj" and draw(st.booleans()):
        node = draw(value_for(spec))  # mostly objects at the top
    text = ws_text = rnd.choice(WHITESPACE) + render(node, rnd) + rnd.choice(WHITESPACE)
    mutation = draw(st.sampled_from(["none"] * 12 + ["truncate", "insert", "trailing", "top-level"]))
    if mutation == "truncate" and text:
        text = text[: draw(st.integers(0, len(text) - 1))]
    elif mutation == "insert":  # a stray character
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(MALFORMED_INSERTS)) + text[at:]
    elif mutation == "trailing":  # trailing garbage
        text = text + draw(st.sampled_from(["x", "}", "]", ",", "{}", " 1", "\x00", "//"]))
    elif mutation == "top-level":  # a value that is not an object
        text = draw(st.sampled_from(["[" + ws_text + "]", "null", "1", '"x"', "true", "[]"]))
    as_type = draw(st.sampled_from(["str", "bytes", "bytearray"]))
    return text, as_type


def encode(text, as_type):
    if as_type == "str":
        return text
    data = text.encode("utf-8", "surrogatepass")
    return data if as_type == "bytes" else bytearray(data)


# ---------------------------------------------------------------------------
# Outcomes


def json_outcome(cls, data, **options):
    """("ok", dumped values) or ("err", [(loc, type, msg), ...])."""
    try:
        instance = cls.model_validate_json(data, **options)
    except ERRORS as exc:
        return ("err", [(e["loc"], e["type"], e["msg"]) for e in exc.errors()])
    return ("ok", plain(instance.model_dump()))


def assert_same_outcome(mine, oracle, context=""):
    """The four comparisons, one after the other, so that a failure says which."""
    where = f"\n{context}\nsatya:    {mine!r}\npydantic: {oracle!r}"
    assert mine[0] == oracle[0], "accept/reject differs" + where
    if mine[0] == "ok":
        assert mine[1] == oracle[1], "values differ" + where
        return
    assert [e[:2] for e in mine[1]] == [e[:2] for e in oracle[1]], "error (loc, type) differ" + where
    assert [e[2] for e in mine[1]] == [e[2] for e in oracle[1]], "error messages differ" + where


@st.composite
def cases(draw):
    spec = draw(model_specs())
    text, as_type = draw(documents(spec))
    strict = draw(st.sampled_from([None, None, None, True, False]))
    return spec, text, as_type, strict


def _compare(spec, text, as_type, strict):
    mine_cls, oracle_cls = build_model(spec, MINE), build_model(spec, pydantic)
    options = {} if strict is None else {"strict": strict}
    data = encode(text, as_type)
    context = f"model: {spec!r}\ndocument ({as_type}): {text!r}\noptions: {options}"
    assert_same_outcome(json_outcome(mine_cls, data, **options), json_outcome(oracle_cls, data, **options), context)


@given(cases())
def test_model_validate_json_matches_pydantic(case):
    _compare(*case)


# A few fixed models with many documents each: the same class is reused, as in
# real use, and the documents get more of the budget.

FIXED_SPECS = {
    "scalars": (
        "model", "Scalars",
        (
            ("id", ("int", (("gt", 0),)), False),
            ("name", ("str", (("max_length", 5), ("min_length", 1))), False),
            ("score", ("float", (("ge", 0), ("le", 100))), False),
            ("active", ("bool", ()), False),
            ("blob", ("bytes", (("max_length", 4),)), False),
        ),
        False,
    ),
    "containers": (
        "model", "Containers",
        (
            ("a", ("list", ("int", (("multiple_of", 2),)), (("max_length", 3),)), False),
            ("b", ("dict", ("optional", ("float", ())), ()), False),
            ("name", ("optional", ("str", (("strict", True),))), True),
            ("value", ("any",), False),
        ),
        False,
    ),
    "nested": (
        "model", "Outer",
        (
            ("x_y", ("model", "Inner", (("id", ("int", ()), False), ("a", ("none",), False)), True), False),
            ("b2", ("list", ("model", "Item", (("value", ("float", (("gt", 0),)), False),), False), ()), False),
        ),
        False,
    ),
}


@pytest.mark.parametrize("name", sorted(FIXED_SPECS))
def test_fixed_models_match_pydantic_on_random_documents(name):
    spec = FIXED_SPECS[name]
    mine_cls, oracle_cls = build_model(spec, MINE), build_model(spec, pydantic)

    @given(documents(spec), st.sampled_from([None, None, True]))
    def check(document, strict):
        text, as_type = document
        data = encode(text, as_type)
        options = {} if strict is None else {"strict": strict}
        context = f"model: {name}\ndocument ({as_type}): {text!r}\noptions: {options}"
        assert_same_outcome(json_outcome(mine_cls, data, **options), json_outcome(oracle_cls, data, **options), context)

    check()


# Documents written by hand for the things the random ones may rarely meet.

MIXED_SPEC = (
    "model", "Mixed",
    (
        ("id", ("int", ()), False),
        ("name", ("str", ()), False),
        ("score", ("float", ()), False),
        ("\u00f1ame", ("optional", ("str", (("max_length", 3),))), True),
        ("value", ("any",), False),
    ),
    False,
)
_MIXED = {}


def _mixed_pair():
    if not _MIXED:
        _MIXED["pair"] = (build_model(MIXED_SPEC, MINE), build_model(MIXED_SPEC, pydantic))
    return _MIXED["pair"]


def _doc(**overrides):
    fields = {"id": "1", "name": '"n"', "score": "1.5", "value": "null"}
    fields.update(overrides)
    return "{" + ", ".join(f'"{k}": {v}' for k, v in fields.items() if v is not None) + "}"


TARGETED = {
    "escapes": _doc(name='"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/\\b\\f\\r"'),
    "raw-non-ascii": _doc(name='"\u00e9t\u00e9 \u65e5\u672c \U0001f600"'),
    "escaped-key": '{"\\u0069d": 1, "n\\u0061me": "x", "score": 1, "value": 1, "\\u00f1ame": "abc"}',
    "raw-non-ascii-key": '{"id": 1, "name": "x", "score": 1, "value": 1, "\u00f1ame": "abcd"}',
    "int-beyond-64-bits": _doc(id=str(2**64 + 1)),
    "int-negative-beyond-64-bits": _doc(id=str(-(2**70))),
    "int-4300-digits": _doc(id="9" * 4300),
    "int-4301-digits": _doc(id="9" * 4301),
    "int-as-exponent": _doc(id="1e3"),
    "int-as-whole-float": _doc(id="3.0"),
    "int-as-negative-zero": _doc(id="-0.0"),
    "int-as-fraction": _doc(id="3.5"),
    "int-as-string": _doc(id='" 42 "'),
    "int-as-true": _doc(id="true"),
    "int-as-nan": _doc(id="NaN"),
    "int-as-infinity": _doc(id="-Infinity"),
    "float-exponent": _doc(score="1E-2"),
    "float-big-exponent": _doc(score="1e308"),
    "float-overflow": _doc(score="1e309"),
    "float-underflow": _doc(score="1e-400"),
    "float-negative-zero": _doc(score="-0.0"),
    "float-nan": _doc(score="NaN"),
    "float-infinity": _doc(score="Infinity"),
    "float-minus-infinity": _doc(score="-Infinity"),
    "float-big-int": _doc(score=str(10**30)),
    "float-string": _doc(score='"1e3"'),
    "float-string-infinity": _doc(score='"-inf"'),
    "any-big-int": _doc(value=str(10**40)),
    "any-nested": _doc(value='{"a": [1, 2.5, "x", null, true, {"b": -0.0}], "a": "dup"}'),
    "any-nan": _doc(value="[NaN, Infinity, -Infinity]"),
    "duplicate-key-last-wins": '{"id": "x", "name": "n", "score": 1, "value": 1, "id": 7}',
    "duplicate-key-last-is-bad": '{"id": 7, "name": "n", "score": 1, "value": 1, "id": "x"}',
    "unknown-keys": _doc(extra='{"deep": [1, 2]}', ID="5", names='"x"'),
    "wrong-types-everywhere": '{"id": [], "name": 5, "score": {}, "value": 1, "\u00f1ame": false}',
    "missing-everything": "{}",
    "null-everywhere": '{"id": null, "name": null, "score": null, "value": null, "\u00f1ame": null}',
    "whitespace-everywhere": ' \n\t{\r\n "id" \t:\n 1 ,\n"name":"n" , "score" :2 ,"value":null\n}\n ',
}


@pytest.mark.parametrize("as_type", ["str", "bytes"])
@pytest.mark.parametrize("case", sorted(TARGETED))
def test_targeted_documents_match_pydantic(case, as_type):
    mine_cls, oracle_cls = _mixed_pair()
    data = encode(TARGETED[case], as_type)
    context = f"case {case}: {TARGETED[case][:200]!r}"
    assert_same_outcome(_summary(json_outcome(mine_cls, data)), _summary(json_outcome(oracle_cls, data)), context)


@support.divergence(
    "a too-long dict says 'not 2' with actual_length=2; pydantic says 'not more' with actual_length=None"
)
def test_too_long_dict_message_matches_pydantic():
    spec = ("model", "TooLong", (("a", ("dict", ("int", ()), (("max_length", 1),)), False),), False)
    data = '{"a": {"x": 1, "y": 2}}'
    mine, oracle = build_model(spec, MINE), build_model(spec, pydantic)
    assert_same_outcome(json_outcome(mine, data), json_outcome(oracle, data))


@pytest.mark.parametrize("strict", [True, False, None])
@pytest.mark.parametrize("case", ["int-as-string", "int-as-whole-float", "int-as-true", "float-string", "escapes"])
def test_per_call_strict_matches_pydantic(case, strict):
    mine_cls, oracle_cls = _mixed_pair()
    data = TARGETED[case]
    assert_same_outcome(
        json_outcome(mine_cls, data, strict=strict), json_outcome(oracle_cls, data, strict=strict), f"case {case}"
    )


def test_context_is_accepted():
    mine_cls, _ = _mixed_pair()
    assert mine_cls.model_validate_json(TARGETED["escapes"], context={"user": 1}).id == 1


# ---------------------------------------------------------------------------
# Hostile documents. Each gives a clean ValidationError (or, where pydantic
# accepts it, the same values), compared with pydantic's outcome.


class AnyField(support.Model):
    v: Any


class IntField(support.Model):
    v: int


class FloatField(support.Model):
    v: float


class StrField(support.Model):
    v: str


class IntList(support.Model):
    v: list[int]


class Node(support.Model):
    value: int = 0
    next: Optional["Node"] = None


class PAnyField(pydantic.BaseModel):
    v: Any


class PIntField(pydantic.BaseModel):
    v: int


class PFloatField(pydantic.BaseModel):
    v: float


class PStrField(pydantic.BaseModel):
    v: str


class PIntList(pydantic.BaseModel):
    v: list[int]


class PNode(pydantic.BaseModel):
    value: int = 0
    next: Optional["PNode"] = None


PAIRS = {
    "any": (AnyField, PAnyField),
    "int": (IntField, PIntField),
    "float": (FloatField, PFloatField),
    "str": (StrField, PStrField),
    "list": (IntList, PIntList),
    "node": (Node, PNode),
}


def _nested_arrays(depth):
    return '{"v": ' + "[" * depth + "]" * depth + "}"


def _nested_nodes(depth, close=True):
    text = '{"next": ' * depth + "null" + "}" * depth
    return text if close else text[:-1]


def _big_array(n, last="1"):
    return '{"v": [' + "1," * (n - 1) + last + "]}"


HOSTILE = {
    # invalid UTF-8
    "utf8-ff-in-string": ("str", b'{"v": "\xff"}'),
    "utf8-ff-alone": ("any", b"\xff"),
    "utf8-truncated-sequence": ("str", b'{"v": "\xc3"}'),
    "utf8-overlong": ("str", b'{"v": "\xc0\xaf"}'),
    "utf8-encoded-surrogate": ("str", b'{"v": "\xed\xa0\x80"}'),
    "utf8-in-key": ("any", b'{"\xff": 1, "v": 2}'),
    "utf8-after-value": ("int", b'{"v": 1}\xff'),
    "utf8-bytearray": ("str", bytearray(b'{"v": "\xfe"}')),
    # lone surrogate escapes
    "surrogate-lead-alone": ("str", '{"v": "\\ud800"}'),
    "surrogate-trail-alone": ("str", '{"v": "\\udc00"}'),
    "surrogate-lead-then-char": ("str", '{"v": "\\ud800x"}'),
    "surrogate-lead-then-escape": ("str", '{"v": "\\ud800\\u0041"}'),
    "surrogate-in-key": ("any", '{"\\ud800": 1}'),
    "surrogate-in-any": ("any", '{"v": ["\\udfff"]}'),
    "surrogate-lone-in-str-input": ("str", '{"v": "\ud800"}'),
    "surrogate-pair-ok": ("str", '{"v": "\\ud83d\\ude00"}'),
    # nesting
    "nesting-10000-arrays-in-any": ("any", _nested_arrays(10_000)),
    "nesting-10000-arrays-unclosed": ("any", '{"v": ' + "[" * 10_000),
    "nesting-10000-objects-recursive-model": ("node", _nested_nodes(10_000)),
    "nesting-10000-objects-unclosed": ("node", _nested_nodes(10_000, close=False)),
    "nesting-100-arrays-in-any": ("any", _nested_arrays(100)),
    "nesting-190-arrays-in-any": ("any", _nested_arrays(190)),
    "nesting-300-arrays-in-any": ("any", _nested_arrays(300)),
    "nesting-50-objects-recursive-model": ("node", _nested_nodes(50)),
    "nesting-150-objects-recursive-model": ("node", _nested_nodes(150)),
    "nesting-300-objects-recursive-model": ("node", _nested_nodes(300)),
    "nesting-arrays-in-int-list": ("list", _nested_arrays(10_000)),
    # huge numbers
    "digits-1e5-int": ("int", '{"v": ' + "7" * 100_000 + "}"),
    "digits-1e5-float": ("float", '{"v": ' + "7" * 100_000 + "}"),
    "digits-1e5-any": ("any", '{"v": ' + "7" * 100_000 + "}"),
    "digits-1e5-negative-int": ("int", '{"v": -' + "7" * 100_000 + "}"),
    "digits-1e5-fraction": ("float", '{"v": 0.' + "7" * 100_000 + "}"),
    "digits-1e5-exponent": ("float", '{"v": 1e' + "7" * 100_000 + "}"),
    "digits-1e5-in-string-for-int": ("int", '{"v": "' + "7" * 100_000 + '"}'),
    "digits-4300-int": ("int", '{"v": ' + "1" * 4300 + "}"),
    "digits-4301-int": ("int", '{"v": ' + "1" * 4301 + "}"),
    "digits-4301-any": ("any", '{"v": ' + "1" * 4301 + "}"),
    "digits-4301-float": ("float", '{"v": ' + "1" * 4301 + "}"),
    # huge arrays
    "array-1e6-ints": ("list", _big_array(10**6)),
    "array-1e6-bad-last": ("list", _big_array(10**6, last='"x"')),
    "array-1e6-unclosed": ("list", _big_array(10**6)[:-2]),
    "array-1e6-in-any": ("any", _big_array(10**6)),
    # trailing garbage
    "trailing-word": ("int", '{"v": 1} x'),
    "trailing-brace": ("int", '{"v": 1}}'),
    "trailing-comma": ("int", '{"v": 1},'),
    "trailing-second-object": ("int", '{"v": 1}{"v": 2}'),
    "trailing-nul": ("int", '{"v": 1}\x00'),
    "trailing-whitespace-ok": ("int", '{"v": 1} \n\t\r '),
    "trailing-comma-in-object": ("int", '{"v": 1,}'),
    "trailing-comma-in-array": ("list", '{"v": [1,]}'),
    # empty and blank
    "empty-str": ("int", ""),
    "empty-bytes": ("int", b""),
    "empty-bytearray": ("int", bytearray()),
    "blank-spaces": ("int", "   "),
    "blank-newlines": ("int", "\n\n"),
    # other
    "bom": ("int", '\ufeff{"v": 1}'),
    "nul-in-string": ("str", '{"v": "a\x00b"}'),
    "raw-newline-in-string": ("str", '{"v": "a\nb"}'),
    "bad-escape": ("str", '{"v": "\\x41"}'),
    "short-unicode-escape": ("str", '{"v": "\\u12"}'),
    "single-quotes": ("int", "{'v': 1}"),
    "comment": ("int", '{"v": 1 /* c */}'),
    "nan-lowercase": ("float", '{"v": nan}'),
    "infinity-partial": ("float", '{"v": Inf}'),
    "infinity-trailing-letters": ("float", '{"v": Infinityx}'),
    "leading-zero": ("int", '{"v": 01}'),
    "leading-plus": ("int", '{"v": +1}'),
    "bare-minus": ("int", '{"v": -}'),
    "dot-without-digits": ("float", '{"v": 1.}'),
    "exponent-without-digits": ("float", '{"v": 1e}'),
    "top-level-array": ("int", "[1]"),
    "top-level-number": ("int", "1"),
    "top-level-null": ("int", "null"),
    "top-level-string": ("int", '"{\\"v\\": 1}"'),
    "key-not-string": ("int", "{v: 1}"),
    "missing-colon": ("int", '{"v" 1}'),
    "long-string-1e6": ("str", '{"v": "' + "\u00e9" * 10**6 + '"}'),
    "many-keys-1e5": ("int", "{" + ",".join(f'"k{i}": {i}' for i in range(10**5)) + ', "v": 1}'),
    "duplicate-keys-1e4": ("int", "{" + ",".join('"v": "x"' for _ in range(10**4)) + ', "v": 1}'),
}

HANG_SECONDS = 120

_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests_dir!r})
    import test_json_differential as t
    for case in sys.argv[1:]:
        print("START", case, flush=True)
        kind, data = t.HOSTILE[case]
        try:
            t.PAIRS[kind][0].model_validate_json(data)
        except t.ERRORS:
            pass
        print("DONE", case, flush=True)
    """
)


def _run_children(cases):
    """Runs the cases in child processes; {case: why it crashed or hung}."""
    verdicts = {}
    remaining = list(cases)
    code = _CHILD.format(tests_dir=os.path.dirname(os.path.abspath(__file__)))
    while remaining:
        try:
            proc = subprocess.run(
                [sys.executable, "-c", code, *remaining], capture_output=True, text=True, timeout=HANG_SECONDS
            )
            stdout, why = proc.stdout, f"the process ended with code {proc.returncode}: {proc.stderr[-500:]}"
            if proc.returncode == 0:
                return verdicts
        except subprocess.TimeoutExpired as exc:
            stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            why = f"no answer within {HANG_SECONDS} s"
        started = [line.split(" ", 1)[1] for line in stdout.splitlines() if line.startswith("START ")]
        done = {line.split(" ", 1)[1] for line in stdout.splitlines() if line.startswith("DONE ")}
        culprit = next((case for case in started if case not in done), remaining[0])
        verdicts[culprit] = why
        remaining = [case for case in remaining if case not in done and case != culprit]
    return verdicts


@pytest.fixture(scope="module")
def crashes():
    """Every hostile case, first run in child processes: {case: crash or hang}."""
    return _run_children(sorted(HOSTILE))


def _summary(outcome):
    """A short view of an outcome, so that a failure does not print 10^6 items."""
    kind, payload = outcome
    if kind == "ok":
        return ("ok", repr(payload)[:300])
    return ("err", [(loc, tp, msg[:300]) for loc, tp, msg in payload])


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_document_gives_a_clean_validation_error(crashes, case):
    assert case not in crashes, f"{case}: {crashes[case]}"
    kind, data = HOSTILE[case]
    mine_cls, oracle_cls = PAIRS[kind]
    try:
        mine = json_outcome(mine_cls, data)
    except Exception as exc:  # anything but a ValidationError is a failure
        pytest.fail(f"{case}: {MINE.__name__} raised {type(exc).__name__}: {str(exc)[:300]}")
    oracle = json_outcome(oracle_cls, data)
    if case.startswith("array-1e6") and mine[0] == oracle[0] == "ok":
        return  # compared by their lengths below, not item by item
    assert_same_outcome(_summary(mine), _summary(oracle), f"case {case}")


def test_a_million_item_array_keeps_every_item():
    instance = IntList.model_validate_json(_big_array(10**6))
    assert len(instance.v) == 10**6 and instance.v[-1] == 1 and all(type(x) is int for x in instance.v[:10])


@pytest.mark.parametrize("text", ["", "   ", "\n", '{"v": 1', '{"v": ]}', "[", '{"v": 1} x', "\t{", '{\n"v":\n1\n,\n'])
def test_json_invalid_errors_are_pydantics(text):
    [mine] = _errors(IntField, text)
    [oracle] = _errors(PIntField, text)
    assert (mine["type"], mine["loc"], mine["msg"]) == (oracle["type"], oracle["loc"], oracle["msg"])
    assert mine["type"] == "json_invalid" and mine["msg"].startswith("Invalid JSON: ")
    assert mine["ctx"] == oracle["ctx"]
    assert mine["input"] == oracle["input"] == text


def _errors(cls, data):
    with pytest.raises(ERRORS) as info:
        cls.model_validate_json(data)
    return support.errors_of(info.value)


@pytest.mark.parametrize("data", ["[1]", "1", "null", '"x"', "true", b"[]"])
def test_a_top_level_value_that_is_not_an_object_is_model_type(data):
    [mine] = _errors(IntField, data)
    [oracle] = _errors(PIntField, data)
    assert (mine["type"], mine["loc"], mine["msg"]) == (oracle["type"], oracle["loc"], oracle["msg"]) == (
        "model_type",
        (),
        "Input should be an object",
    )
    assert plain(mine["input"]) == plain(oracle["input"])
    assert mine["ctx"] == {"class_name": "IntField"}


@pytest.mark.parametrize("as_type", ["str", "bytes", "bytearray"])
def test_every_input_type_reads_the_same(as_type):
    text = '{"v": "\\u00e9\\ud83d\\ude00\u00e9\\n"}'
    assert StrField.model_validate_json(encode(text, as_type)).v == "\u00e9\U0001f600\u00e9\n"


@pytest.mark.parametrize("data", [1, None, ["{}"], memoryview(b"{}"), {"v": 1}])
def test_other_input_types_are_refused_like_pydantic(data):
    mine = _type_of_refusal(IntField, data)
    oracle = _type_of_refusal(PIntField, data)
    assert mine == oracle


def _type_of_refusal(cls, data):
    try:
        cls.model_validate_json(data)
    except ERRORS as exc:
        return ("ValidationError", [(e["type"], e["loc"], e["msg"]) for e in exc.errors()])
    except Exception as exc:
        return (type(exc).__name__, None)
    return ("ok", None)
