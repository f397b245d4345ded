"""What the date and time tests share: edge inputs for hypothesis, and the
outcome of validating one value with satya or pydantic, in a form that can be
compared (the value's exact type, its ISO text and UTC offset, and its dumps in
python and JSON mode; each error's loc, type, msg and ctx).

pydantic gives parsed offsets as its own `TzInfo` class; satya gives
`datetime.timezone`. The outcome compares the offset, not the tzinfo class."""

from __future__ import annotations

import datetime as dt
import json

import pydantic
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import support

TZ_PLUS = dt.timezone(dt.timedelta(hours=5, minutes=30))

# (strict, JSON input): every differential test runs in each
MODES = [(False, False), (False, True), (True, False), (True, True)]


def view(value):
    """A comparable view of a validated date, datetime, time or timedelta."""
    if isinstance(value, (dt.datetime, dt.time)):
        return (type(value).__name__, value.replace(tzinfo=None).isoformat(), value.utcoffset())
    if isinstance(value, dt.date):
        return (type(value).__name__, value.isoformat())
    return (type(value).__name__, repr(value))


def model(lib, annotation, field=None, strict=False):
    """A one-field model of `lib` (satya or pydantic); `annotation` may be a
    function of the library, for the names each defines (AwareDatetime ...)."""
    if callable(annotation) and not isinstance(annotation, type):
        annotation = annotation(lib)
    return support.one_field_model(annotation, field, strict=strict, lib=lib)


def outcome(cls, value, *, json_input: bool):
    """("ok", view, dumps in both modes) or ("err", [(loc, type, msg, ctx)]) of
    validating {"v": value}."""
    try:
        if json_input:
            result = cls.model_validate_json(json.dumps({"v": value}))
        else:
            result = cls.model_validate({"v": value})
    except support.ANY_VALIDATION_ERROR as exc:
        return ("err", [(e["loc"], e["type"], e["msg"], e.get("ctx")) for e in exc.errors()])
    dumps = (view(result.model_dump()["v"]), result.model_dump(mode="json"), result.model_dump_json())
    return ("ok", view(result.v), dumps)


def json_carries(value) -> bool:
    return support.json_obstacle(value) is None


def assert_same_as_pydantic(annotation, value, *, strict: bool, json_input: bool, field=None):
    """satya (or the library under test) and pydantic agree on `value`."""
    if json_input:
        assume(json_carries(value))
    mine = outcome(model(support.lib, annotation, field, strict), value, json_input=json_input)
    oracle = outcome(model(pydantic, annotation, field, strict), value, json_input=json_input)
    assert mine == oracle, (value, mine, oracle)


# ---------------------------------------------------------------------------
# Edge inputs

years = st.sampled_from(["0000", "0001", "1969", "1970", "2000", "2019", "2020", "2100", "9999", "202", "20200"])
months = st.sampled_from(["01", "02", "12", "00", "13", "1"])
days = st.sampled_from(["01", "28", "29", "30", "31", "00", "32", "1"])
hours = st.sampled_from(["00", "12", "23", "24", "25", "1"])
minutes_seconds = st.sampled_from(["00", "30", "59", "60", "61", "5"])
fractions = st.sampled_from(["", ".5", ".123456", ".1234567", ".999999999", ".", ",5"])
offsets = st.sampled_from(["", "Z", "z", "+00:00", "-00:00", "+05:30", "-08:00", "+23:59", "+24:00", "+0530",
                           "+05", "+05:30:15", "-05:30:15", "+5:30", " +05:30"])
separators = st.sampled_from(["T", "t", " ", "_", "", "TT"])


@st.composite
def date_texts(draw):
    return f"{draw(years)}-{draw(months)}-{draw(days)}"


@st.composite
def time_texts(draw, with_offset=True):
    text = f"{draw(hours)}:{draw(minutes_seconds)}"
    if draw(st.booleans()):
        text += f":{draw(minutes_seconds)}{draw(fractions)}"
    return text + (draw(offsets) if with_offset else "")


@st.composite
def datetime_texts(draw):
    return f"{draw(date_texts())}{draw(separators)}{draw(time_texts())}"


duration_texts = st.sampled_from([
    "P1D", "PT1H", "-P1DT2H", "P1Y2M3DT4H5M6S", "PT1.5S", "PT0.0000001S", "P1W", "PT", "P", "1 day, 01:00:00",
    "-1 day, 23:59:59", "01:00:00", "1:00", "00:00:00.5", "P999999999D", "P1000000000D", "+P1D", "x", "",
    "P1DT", "PT36H", "P0D", "1d", "-PT0S", "P1.5D",
])
malformed = st.sampled_from(["", " ", "x", "2020", "2020-1-1", "2020-01-01T", "now", "today", "1e3", "nan",
                             "inf", "١٢٣", "2020-01-01T00:00:00 ", " 2020-01-01"])

# timestamps: seconds below 2e10, milliseconds above, and the edges of both
timestamp_ints = st.one_of(
    st.integers(-(10**6), 10**6),
    st.integers(2 * 10**10 - 3, 2 * 10**10 + 3),
    st.integers(-2 * 10**10 - 3, -2 * 10**10 + 3),
    st.sampled_from([0, 86_400, 86_399, 86_401, 1_600_000_000, 253_402_300_799, 253_402_300_800,
                     -62_135_596_800, -62_135_596_801, 10**15, 10**17, 10**20, 2**63 - 1, -(2**63), 2**64]),
)
timestamp_floats = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.5, -0.5, 1.5e9 + 0.123456, 2e10, 2e10 + 0.5, 86_400.0, 3600.5, 1e-7, -1e-7, 1e20,
                     1_600_000_000.000_000_4]),
)
timestamp_texts = timestamp_ints.map(str) | timestamp_floats.filter(lambda f: f == f).map(repr)
scalars = st.sampled_from([None, True, False, [], {}, "null", "2020-01-01\ud800", 2**70, -(2**70)])

python_objects = st.sampled_from([
    dt.datetime(2020, 1, 1), dt.datetime(2020, 1, 1, 12, 30), dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc),
    dt.datetime(2020, 1, 1, 0, 0, 0, 1), dt.datetime(2020, 2, 29, tzinfo=TZ_PLUS), dt.date(2020, 2, 29),
    dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.time(0, 0), dt.time(23, 59, 59, 999_999, tzinfo=TZ_PLUS),
    dt.timedelta(0), dt.timedelta(days=-1, seconds=1), dt.timedelta(days=999_999_999),
])


def any_text():
    return date_texts() | datetime_texts() | time_texts() | duration_texts | malformed | timestamp_texts


def edge_values():
    """Values near the edges of every date and time type, of every input kind."""
    texts = any_text()
    return st.one_of(texts, texts.map(str.encode), timestamp_ints, timestamp_floats, scalars, python_objects)


# ---------------------------------------------------------------------------
# The differential tests each module runs for its own type. A module binds
# what these return to its own test names, which pytest collects.


def named(test, name):
    test.__name__ = test.__qualname__ = name
    return test


def differential_tests(annotation, bounds):
    """Two tests, `test_<type>_matches_pydantic` and
    `test_bounded_<type>_matches_pydantic`, that satya (or the library under
    test) and pydantic agree on every edge value for the type `annotation` in
    each of MODES: as it is, and with the Field constraints `bounds`."""

    @pytest.mark.parametrize("strict, json_input", MODES)
    @given(value=edge_values())
    def matches(strict, json_input, value):
        assert_same_as_pydantic(annotation, value, strict=strict, json_input=json_input)

    @pytest.mark.parametrize("strict, json_input", MODES)
    @given(value=edge_values())
    def bounded(strict, json_input, value):
        assert_same_as_pydantic(annotation, value, strict=strict, json_input=json_input, field=bounds)

    kind = annotation.__name__
    return named(matches, f"test_{kind}_matches_pydantic"), named(bounded, f"test_bounded_{kind}_matches_pydantic")


def named_types_test(names, test_name):
    """A test, named `test_name`, that the library under test and pydantic
    agree on every edge value, lax, for each type in `names` (such as
    "PastDate"), which each library defines under that name."""

    @pytest.mark.parametrize("name", names)
    @pytest.mark.parametrize("json_input", [False, True])
    @given(value=edge_values())
    def test(name, json_input, value):
        assert_same_as_pydantic(lambda lib: getattr(lib, name), value, strict=False, json_input=json_input)

    return named(test, test_name)
