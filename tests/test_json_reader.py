"""The native JSON reader's scanner (`src/batch/reader.rs`): it reads the
plain tokens of a record itself and leaves anything else (an escape, a big
int, NaN, malformed text) to the full path. Whatever it accepts must be what
the full path makes from the same bytes, and it must accept no document that
the full path refuses."""

import json
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support import ValidationError, satya_only

pytestmark = satya_only

satya = pytest.importorskip("satya")
from satya import Field, _satya  # noqa: E402


class Inner(satya.Model):
    name: str = ""
    tags: list[str] = []


class Record(satya.Model):
    id: int = 0
    score: float = Field(default=0.0, ge=-1e308)
    name: str = Field(default="", max_length=40)
    active: bool = False
    parent: Optional[int] = None
    counts: list[int] = []
    extra: dict[str, Any] = {}
    inner: Optional[Inner] = None
    anything: Any = None


def paths(data):
    may, native, full = _satya._json_paths(Record, data)
    assert may
    return native, full


def same(native, full):
    assert not isinstance(full, ValidationError), full
    # repr: NaN equals itself there, and -0.0 differs from 0.0
    assert repr(native.model_dump()) == repr(full.model_dump())
    assert [type(v) for v in native.model_dump().values()] == [type(v) for v in full.model_dump().values()]
    assert native.model_fields_set == full.model_fields_set


# Number texts in and out of JSON's grammar.
NUMBERS = st.one_of(
    st.from_regex(r"\A-?(0|[1-9][0-9]{0,22}|0[0-9]{1,3})(\.[0-9]{0,4})?([eE][+-]?[0-9]{0,4})?\Z"),
    st.sampled_from([
        "-", "-0", "-0.0", "0.0e0", "1e400", "-1e400", "1e-400", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "NaN", "Infinity", "-Infinity", "+1", ".5", "1.", "01",
        "0x10", "1_0", "4.9e-324", "2.2250738585072014e-308", "0.1", "1.7976931348623157e308",
    ]),
)

# String texts: plain, escaped, non-ASCII, and malformed ones.
STRINGS = st.one_of(
    st.text(max_size=12).map(lambda s: json.dumps(s, ensure_ascii=False)),
    st.text(max_size=12).map(json.dumps),
    st.sampled_from([
        '"a\\"b"', '"\\u00e9"', '"\\ud800"', '"\\ud83d\\ude00"', '"tab\tin"', '"new\nline"', '"\\x"', '"open',
        '"\u00e9\u4e2d\U0001f600"', '""',
    ]),
)

# JSON's whitespace, and now and then a space it does not allow
WHITESPACE = st.sampled_from(["", "", "", " ", "\n", "\t", "\r\n  "] * 8 + ["\x0b", "\u00a0"])


# Values each field takes as they stand.
INTS = st.one_of(st.integers(-(2**63), 2**63 - 1).map(str), st.sampled_from(["0", "-0", "9223372036854775807"]))
FLOATS = st.one_of(INTS, st.floats(allow_nan=False, allow_infinity=False).map(repr), st.from_regex(r"\A-?[1-9][0-9]{0,3}\.[0-9]{1,3}[eE][+-]?[0-9]{1,2}\Z"))
PLAIN_STRINGS = st.text(max_size=12).map(lambda s: json.dumps(s, ensure_ascii=False))


@st.composite
def documents(draw):
    """A record's text: keys of the model and others, values that fit and
    values that do not, and now and then a flaw."""
    ws = lambda: draw(WHITESPACE)  # noqa: E731
    scalar = st.one_of(NUMBERS, STRINGS, st.sampled_from(["true", "false", "null", "tru", "nul", "True"]))

    def array(items):
        return st.lists(items, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]")

    good = {
        "id": INTS, "score": FLOATS, "name": PLAIN_STRINGS, "active": st.sampled_from(["true", "false"]),
        "parent": st.one_of(INTS, st.just("null")), "counts": array(INTS),
        "extra": st.sampled_from(['{}', '{"a": [1, {"b": null}]}', '{"a": "\\u00e9", "b": -1.5e3}']),
        "inner": st.sampled_from(['{"name": "x", "tags": ["a", "b"]}', '{}', 'null', '{ "tags" : [ ] }']),
        "anything": st.one_of(INTS, FLOATS, PLAIN_STRINGS, st.sampled_from(['[1, "a", {"b": 2.5}]', "true", "null"])),
        "unknown": st.one_of(scalar, st.sampled_from(['{"deep": [[[]]]}', '[1, 2]'])),
    }
    wild = {
        "id": NUMBERS, "score": NUMBERS, "name": STRINGS, "active": scalar, "parent": scalar,
        "counts": st.one_of(array(st.one_of(NUMBERS, STRINGS)), st.sampled_from(["[1,]", "[,1]", "[1 2]", "[[1]]"])),
        "extra": st.sampled_from(['{"a": NaN}', '{"a": 1,}', '{"\\u0041": 1}', "[]"]),
        "inner": st.sampled_from(['{"tags": [1]}', '{"name": "x",}', "1"]),
        "anything": st.one_of(scalar, st.sampled_from(['{"k": Infinity}', '[1,'])),
        "unknown": scalar,
    }
    keys = draw(st.lists(st.sampled_from(sorted(good) + ["n\\u0061me"]), max_size=8))
    pairs = []
    for key in keys:
        values = good if draw(st.integers(0, 9)) else wild
        value = draw(values.get(key, STRINGS))
        # a key with an escape is written as it stands
        pairs.append(ws() + '"' + key + '"' + ws() + ":" + ws() + value + ws())
    text = "{" + ",".join(pairs) + ws() + "}"
    flaw = draw(st.sampled_from([""] * 6 + ["trailing", "comma", "truncate", "garbage"]))
    if flaw == "trailing":
        text += draw(st.sampled_from([" ", "\n", "x", "{}", "]"]))
    elif flaw == "comma" and pairs:
        text = text[:-1] + ",}"
    elif flaw == "truncate":
        text = text[: draw(st.integers(0, max(len(text) - 1, 0)))]
    elif flaw == "garbage":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["\x00", "'", "}", ":", "\\"])) + text[at:]
    return text


@settings(max_examples=1500, deadline=None)
@given(text=documents(), as_bytes=st.booleans())
def test_what_the_reader_accepts_the_full_path_makes_alike(text, as_bytes):
    data = text.encode("utf-8", "surrogatepass") if as_bytes else text
    native, full = paths(data)
    if native is not None:
        same(native, full)


@settings(max_examples=300, deadline=None)
@given(text=documents(), cut=st.integers(0, 200), junk=st.binary(min_size=1, max_size=3))
def test_invalid_utf8_anywhere_is_left_to_the_full_path(text, cut, junk):
    raw = text.encode()
    data = raw[: cut % (len(raw) + 1)] + junk + raw[cut % (len(raw) + 1):]
    native, full = paths(data)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert native is None
        assert isinstance(full, ValidationError)
        assert full.errors()[0]["type"] == "json_invalid"
    else:
        if native is not None:
            same(native, full)


ORDINARY = [
    '{"id": 1, "score": 87.5, "name": "Ann", "active": true, "parent": null, "counts": [1, 2], "extra": {"a": [1]}}',
    '{"id":-9223372036854775808,"score":-0.0,"name":"\u00e9\u4e2d\U0001f600","inner":{"name":"x","tags":["a"]}}',
    '\n{ "score" : 1e-7 , "anything" : [1, "a", {"b": 2.5}], "unknown": {"deep": [[[]]]} }\n',
    '{"score": 3, "id": 0, "id": 5, "counts": [ ], "extra": { }}',
]


@pytest.mark.parametrize("text", ORDINARY)
def test_the_reader_reads_ordinary_records(text):
    for data in (text, text.encode()):
        native, full = paths(data)
        assert native is not None
        same(native, full)


@pytest.mark.parametrize(
    "text",
    [
        '{"id": 01}', '{"id": 1.}', '{"id": -}', '{"score": .5}', '{"score": 1e}', '{"counts": [1,]}', '{"id": 1,}',
        '{"id": 1} x', '{"id" 1}', '{"name": "a\tb"}', '{"id": 1', '{id: 1}', "{'id': 1}", '{"counts": [1 2]}',
    ],
)
def test_malformed_records_are_refused_by_both_paths(text):
    native, full = paths(text)
    assert native is None
    assert isinstance(full, ValidationError) and full.errors()[0]["type"] == "json_invalid"


@pytest.mark.parametrize(
    "text, field, expected",
    [
        ('{"name": "a\\"b"}', "name", 'a"b'),
        ('{"id": 99999999999999999999}', "id", 99999999999999999999),
        ('{"score": NaN}', "score", None),
        ('{"n\\u0061me": "x"}', "name", "x"),
    ],
)
def test_what_the_scanner_leaves_is_still_read(text, field, expected):
    native, full = paths(text)
    assert native is None
    if expected is None:
        assert isinstance(full, ValidationError)
    else:
        assert getattr(full, field) == expected


@pytest.mark.parametrize("shape", ["direct", "in a list", "two levels down"])
def test_a_default_factory_in_a_nested_model_runs_once_per_record(shape):
    # The nested model is read natively; the outer "5" then needs the full
    # path, which must not find the factory already called once.
    calls = []

    class Made(satya.Model):
        n: int = 0
        stamp: int = Field(default_factory=lambda: calls.append(1) or len(calls))

    class Middle(satya.Model):
        made: Made

    field, text, stamp_of = {
        "direct": (Made, '{"n": 1}', lambda m: m.stamp),
        "in a list": (list[Made], '[{"n": 1}]', lambda m: m[0].stamp),
        "two levels down": (Middle, '{"made": {"n": 1}}', lambda m: m.made.stamp),
    }[shape]

    class Outer(satya.Model):
        made: field
        after: int

    redone = Outer.model_validate_json('{"made": %s, "after": "5"}' % text)
    assert (calls, stamp_of(redone.made), redone.after) == ([1], 1, 5)
    native = Outer.model_validate_json(('{"made": %s, "after": 5}' % text).encode())
    assert (calls, stamp_of(native.made)) == ([1, 1], 2)


def test_nested_models_read_natively_match_the_full_path():
    class Leaf(satya.Model):
        sku: str = Field(min_length=1)
        quantity: int = Field(ge=1)
        tags: list[str] = []

    class Tree(satya.Model):
        leaves: list[Leaf]
        best: Optional[Leaf] = None

    text = '{"leaves": [{"sku": "a", "quantity": 1}, {"sku": "b", "quantity": 2, "tags": ["x"]}], "best": {"sku": "c", "quantity": 3}}'
    may, native, full = _satya._json_paths(Tree, text)
    assert may and native is not None
    assert native.model_dump() == full.model_dump()
    assert [leaf.model_fields_set for leaf in native.leaves] == [leaf.model_fields_set for leaf in full.leaves]
    # separate default lists per instance, as the full path makes them
    assert native.leaves[0].tags is not full.leaves[0].tags
    # an invalid leaf leaves the record to the full path, which reports it
    may, native, full = _satya._json_paths(Tree, text.replace('"quantity": 2', '"quantity": 0'))
    assert native is None and full.errors()[0]["loc"] == ("leaves", 1, "quantity")


def test_a_record_read_natively_with_extra_allow_has_an_empty_extra_dict():
    class Open(satya.Model):
        model_config = {"extra": "allow"}
        a: int
        inner: Optional[Inner] = None

    class Holder(satya.Model):
        opens: list[Open]

    may, native, full = _satya._json_paths(Open, '{"a": 1}')
    assert may and native is not None
    assert native.__pydantic_extra__ == full.__pydantic_extra__ == {}
    assert native == full
    # in a batch and nested, read natively too
    holder = Holder.model_validate_json('{"opens": [{"a": 1}, {"a": 2}]}')
    assert [o.__pydantic_extra__ for o in holder.opens] == [{}, {}]
    assert [o.__pydantic_extra__ for o in Open.model_validate_json_many(b'[{"a": 1}, {"a": 2, "b": 3}]')] == [{}, {"b": 3}]
