"""Models, random records and outcome views for tests/test_batch.py.

A record is written as a small tree so that its JSON text can carry what a
Python dict cannot: repeated keys, exact number tokens, string escapes and deep
nesting. `render` gives the JSON text of a record, `to_python` the Python object
a JSON parser would read from it."""

import json
from typing import Annotated, Any, Optional

import pydantic
from hypothesis import strategies as st

import satya
from support import errors_of, plain

EMAIL = r"^[^@]+@[^@]+\.[a-z]+$"
LOOKAHEAD = r"^(?=.*\d).+$"


# ---------------------------------------------------------------------------
# Models, each written once for satya and once for pydantic (`lib`).


def define_user(lib=satya):
    F = lib.Field

    class User(lib.BaseModel):
        id: int = F(gt=0)
        name: str = F(min_length=1, max_length=50)
        age: int = F(ge=0, le=150)
        email: str = F(pattern=EMAIL)
        score: float = F(ge=0, le=100)

    return User


def define_order(lib=satya):
    F = lib.Field

    class Item(lib.BaseModel):
        x: int = F(ge=0)
        tags: list[str] = F(max_length=3)

    class Order(lib.BaseModel):
        item: Item
        nums: list[Annotated[int, F(ge=0, lt=1000)]] = F(min_length=1, max_length=5)
        counts: dict[str, int]
        note: Optional[str] = None
        blob: bytes
        extra: Any

    return Order


def define_code(lib=satya):
    """A str pattern with a look-ahead, which only Python's `re` runs."""
    F = lib.Field

    class Code(lib.BaseModel):
        id: int = F(gt=0)
        code: str = F(pattern=LOOKAHEAD)

        if lib is pydantic:  # satya falls back to `re` by itself
            model_config = pydantic.ConfigDict(regex_engine="python-re")

    return Code


# ---------------------------------------------------------------------------
# Record trees.


class Raw:
    """A JSON token written as is."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self):
        return f"Raw({self.text!r})"


class Obj:
    """A JSON object as (key, value) pairs, so that a key may repeat."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __repr__(self):
        return f"Obj({self.pairs!r})"


def render(value, ascii_only: bool = False, space: str = "") -> str:
    """The JSON text of a record tree, on one line unless `space` holds a newline."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        value = Obj(value.items())
    if isinstance(value, Obj):
        items = (f"{space}{render(k, ascii_only)}{space}:{space}{render(v, ascii_only, space)}" for k, v in value.pairs)
        return "{" + ",".join(items) + space + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(space + render(v, ascii_only, space) for v in value) + space + "]"
    return json.dumps(value, ensure_ascii=ascii_only, allow_nan=True)


def to_python(value):
    """The Python object a JSON parser reads from the record tree (the last of
    repeated keys wins)."""
    if isinstance(value, Raw):
        return json.loads(value.text)
    if isinstance(value, dict):
        value = Obj(value.items())
    if isinstance(value, Obj):
        out = {}
        for k, v in value.pairs:
            out[k] = to_python(v)
        return out
    if isinstance(value, (list, tuple)):
        return [to_python(v) for v in value]
    return value


# ---------------------------------------------------------------------------
# Strategies.

BIG_INTS = [2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30, -(10**40)]
ints = st.one_of(st.integers(-5, 200), st.integers(-(2**70), 2**70), st.sampled_from(BIG_INTS))
floats = st.one_of(
    st.floats(-10, 200, allow_nan=False),
    st.sampled_from([1.0, 2.5, -0.0, 1e20, 100.0, 0.0, 3.0000000000000004]),
    st.floats(),
)
numeric_strings = st.sampled_from(["12", " 7 ", "1.0", "1.5", "1_000", "x", "", "0x10", "inf", "nan", "+3", "-0", "1e2"])
raws = st.sampled_from(
    [
        Raw('"\\u00e9t\\u00e9"'),
        Raw('"\\ud83d\\ude00"'),
        Raw('"\\ud800"'),
        Raw('"a\\u0000b"'),
        Raw('"\\"\\\\\\/\\b\\f\\n\\r\\t"'),
        Raw("1e400"),
        Raw("-0"),
        Raw("1E2"),
        Raw("1.0e1"),
        Raw("12345678901234567890123"),
        Raw("-9223372036854775809"),
        Raw("NaN"),
        Raw("-Infinity"),
    ]
)
# Nesting below and beyond the JSON parser's recursion limit.
deep = st.sampled_from([3, 40, 150, 300]).map(lambda d: Raw("[" * d + "]" * d))
short_text = st.text(max_size=4)
text = st.one_of(st.text(max_size=20), st.sampled_from(["", "\u00e9t\u00e9", "\U0001f600x", "a\nb", "a" * 51, "\u65e5" * 50]))
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(short_text, st.integers(), max_size=1),
    deep,
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), ints, st.floats(), short_text, raws),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(short_text, children, max_size=3)),
    max_leaves=8,
)
not_objects = st.one_of(ints, floats, text, st.none(), st.booleans(), st.lists(ints, max_size=3), deep)
emails = st.sampled_from(["a@b.co", "x.y@host.org", "\u00e9@\u00fc.de", "a@b.c1", "no-at", "a@b", "@b.com", "a@@b.com", ""])

# field name -> (mostly valid values, anything)
USER_FIELDS = {
    "id": (st.integers(1, 10**6), st.one_of(ints, floats, numeric_strings, raws, junk)),
    "name": (st.text(min_size=1, max_size=50), st.one_of(text, raws, ints, junk)),
    "age": (st.integers(0, 150), st.one_of(st.integers(-3, 155), ints, floats, numeric_strings, junk)),
    "email": (st.sampled_from(["a@b.co", "x.y@host.org", "\u00e9@\u00fc.de"]), st.one_of(emails, text, ints, junk)),
    "score": (st.floats(0, 100), st.one_of(st.floats(-5, 105), floats, ints, numeric_strings, raws, junk)),
}
ITEM = st.fixed_dictionaries({"x": st.integers(0, 10**6), "tags": st.lists(short_text, max_size=3)})
ORDER_FIELDS = {
    "item": (
        ITEM,
        st.one_of(
            st.fixed_dictionaries({"x": st.one_of(ints, numeric_strings), "tags": st.lists(st.one_of(short_text, ints), max_size=5)}),
            st.just({"x": 1}),
            junk,
            ints,
            text,
        ),
    ),
    "nums": (
        st.lists(st.integers(0, 999), min_size=1, max_size=5),
        st.one_of(st.lists(st.one_of(ints, floats, numeric_strings, deep, st.lists(st.integers(0, 3), max_size=2)), max_size=7), junk),
    ),
    "counts": (
        st.dictionaries(short_text, st.integers(-(10**6), 10**6), max_size=4),
        st.one_of(st.dictionaries(short_text, st.one_of(ints, floats, numeric_strings, junk), max_size=4), ints, junk),
    ),
    "note": (st.one_of(st.none(), text), st.one_of(ints, junk)),
    "blob": (text, st.one_of(ints, junk, raws)),
    "extra": (json_values, st.one_of(json_values, deep)),
}
CODE_FIELDS = {
    "id": (st.integers(1, 1000), st.one_of(ints, numeric_strings, junk)),
    "code": (st.sampled_from(["a1", "1", "xyz9", "\u00e97"]), st.one_of(st.sampled_from(["abc", "", "\u00e9", "a1\n"]), text, ints)),
}
UNKNOWN_KEYS = ["extra_key", "ID", "naMe", "\u00e9", ""]


@st.composite
def valid_records(draw, fields):
    """An object with a valid value for every field, in a random order."""
    return Obj(draw(st.permutations([(name, draw(valid)) for name, (valid, _) in fields.items()])))


@st.composite
def records(draw, fields):
    """A record for a model with these fields: mostly an object with mostly
    valid values; missing, repeated and unknown keys now and then; now and then
    not an object at all."""
    if draw(st.integers(0, 12)) == 0:
        return draw(not_objects)
    pairs = []
    for name, (valid, wild) in fields.items():
        roll = draw(st.integers(0, 15))
        if roll == 0:
            continue
        pairs.append((name, draw(wild if roll <= 2 else valid)))
    if draw(st.integers(0, 5)) == 0:
        pairs.insert(draw(st.integers(0, len(pairs))), (draw(st.sampled_from(UNKNOWN_KEYS)), draw(json_values)))
    if pairs and draw(st.integers(0, 5)) == 0:  # a repeated key: the last one counts
        key = draw(st.sampled_from([k for k, _ in pairs]))
        if key in fields:
            pairs.insert(draw(st.integers(0, len(pairs))), (key, draw(st.one_of(*fields[key]))))
    if draw(st.integers(0, 3)) == 0:
        pairs = draw(st.permutations(pairs))
    return Obj(pairs)


def batches(fields, max_size=10):
    """Lists of records; one in four holds only valid records."""
    return st.one_of(
        st.lists(records(fields), max_size=max_size),
        st.lists(records(fields), max_size=max_size),
        st.lists(records(fields), max_size=max_size),
        st.lists(valid_records(fields), max_size=max_size),
    )


user_batches = batches(USER_FIELDS)
order_batches = batches(ORDER_FIELDS)
code_batches = batches(CODE_FIELDS)


# ---------------------------------------------------------------------------
# Outcomes: comparable views of what validating one record gave.


def error_view(exc) -> tuple:
    """Everything a caller sees of a ValidationError."""
    return ("err", exc.title, str(exc), errors_of(exc))


def fields_view(instance):
    """An instance's field values, nested models included, as a dict. (Not
    `model_dump()`, which refuses Any values nested beyond 200 levels.)"""
    return {
        name: (type(value), fields_view(value)) if isinstance(value, satya.Model) else value
        for name, value in ((name, getattr(instance, name)) for name in type(instance).model_fields)
    }


def ok_view(instance, source=None) -> tuple:
    return ("ok", type(instance), fields_view(instance), instance is source)


def json_outcome(cls, text, strict=None) -> tuple:
    try:
        instance = cls.model_validate_json(text, strict=strict)
    except satya.ValidationError as exc:
        return error_view(exc)
    return ok_view(instance)


def python_outcome(cls, obj, strict=None, from_attributes=None) -> tuple:
    try:
        instance = cls.model_validate(obj, strict=strict, from_attributes=from_attributes)
    except satya.ValidationError as exc:
        return error_view(exc)
    return ok_view(instance, obj)


def batch_outcomes(result, cls, sources=None) -> dict:
    """{index: outcome} of a BatchResult, after checking its shape. `sources`
    maps an index to the object validated there (for identity)."""
    assert isinstance(result, satya.BatchResult), type(result)
    assert len(result.valid) == len(result.valid_indices), result
    assert list(result) == result.valid
    got = {}
    for index, instance in zip(result.valid_indices, result.valid):
        assert type(index) is int
        got[index] = ok_view(instance, None if sources is None else sources[index])
    error_indices = []
    for pair in result.errors:
        index, exc = pair
        assert type(index) is int and isinstance(exc, satya.ValidationError), pair
        assert index not in got, index
        got[index] = error_view(exc)
        error_indices.append(index)
    assert result.valid_indices == sorted(result.valid_indices)
    assert error_indices == sorted(error_indices)
    assert len(got) == len(result) == len(result.valid) + len(result.errors)
    return got


def same(a, b) -> bool:
    """Equality that counts NaN equal to NaN and keeps types apart."""
    return plain(a) == plain(b)


def raised_errors(expected: dict) -> list[dict]:
    """The errors of the one ValidationError a raising batch gives: each
    invalid record's errors, in order, with the record's index in front."""
    out = []
    for index in sorted(expected):
        outcome = expected[index]
        if outcome[0] == "err":
            out.extend({**e, "loc": (index,) + tuple(e["loc"])} for e in outcome[3])
    return out


def first_line(count: int, title: str) -> str:
    return f"{count} validation error{'' if count == 1 else 's'} for {title}"


def pydantic_list_errors(pyd_cls, data, *, json_input: bool) -> tuple:
    """(title, first line, errors) of pydantic's TypeAdapter(list[cls]), or None if valid."""
    adapter = pydantic.TypeAdapter(list[pyd_cls])
    try:
        if json_input:
            adapter.validate_json(data)
        else:
            adapter.validate_python(data)
    except pydantic.ValidationError as exc:
        return exc.title, str(exc).splitlines()[0], exc.errors(include_url=False)
    return None


def check_json_batch(cls, texts, strict=None):
    """`model_validate_json_many` of `texts` (NDJSON, and a JSON array when
    every text is valid JSON), with 1 and 2 threads, gives each record the
    outcome of `model_validate_json` of that record alone."""
    alone = [json_outcome(cls, t, strict) for t in texts]
    for threads in (1, 2):
        ndjson = "\n".join(texts)
        result = cls.model_validate_json_many(ndjson, format="ndjson", errors="collect", threads=threads, strict=strict)
        got = batch_outcomes(result, cls)
        assert sorted(got) == list(range(len(texts)))
        for index, expected in enumerate(alone):
            assert same(got[index], expected), (texts[index], got[index], expected)
        if not any(o[0] == "err" and o[3][0]["type"] == "json_invalid" for o in alone):
            array = "[" + ",".join(texts) + "]"
            got = batch_outcomes(cls.model_validate_json_many(array, errors="collect", threads=threads, strict=strict), cls)
            for index, expected in enumerate(alone):
                assert same(got[index], expected), (texts[index], got[index], expected)
