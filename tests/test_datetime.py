"""`datetime` fields against pydantic: lax and strict, Python and JSON input,
timestamps (seconds, or milliseconds above 2e10), offsets, the lax step from a
date, AwareDatetime / NaiveDatetime / PastDatetime / FutureDatetime, bounds and
dumps."""

import datetime as dt
from typing import Annotated, Optional

import annotated_types
import pytest

import support
from support import Field, Model, divergence, errors_of
from temporal_support import TZ_PLUS, differential_tests, named_types_test


test_datetime_matches_pydantic, test_bounded_datetime_matches_pydantic = differential_tests(
    dt.datetime, {"gt": dt.datetime(1970, 1, 1), "le": dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc)}
)


test_constrained_datetimes_match_pydantic = named_types_test(
    ["AwareDatetime", "NaiveDatetime", "PastDatetime", "FutureDatetime"], "test_constrained_datetimes_match_pydantic"
)


LaxDatetime = support.one_field_model(dt.datetime)
StrictDatetime = support.one_field_model(dt.datetime, strict=True)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020-02-29T12:30:00", dt.datetime(2020, 2, 29, 12, 30)),
        ("2020-01-01 00:00:00.123456789", dt.datetime(2020, 1, 1, 0, 0, 0, 123456)),
        ("2020-01-01T00:00:00+05:30", dt.datetime(2020, 1, 1, tzinfo=TZ_PLUS)),
        ("2020-01-01", dt.datetime(2020, 1, 1)),
        (1_600_000_000, dt.datetime(2020, 9, 13, 12, 26, 40, tzinfo=dt.timezone.utc)),
        (20_000_000_001, dt.datetime(1970, 8, 20, 11, 33, 20, 1000, tzinfo=dt.timezone.utc)),
        (1.5, dt.datetime(1970, 1, 1, 0, 0, 1, 500000, tzinfo=dt.timezone.utc)),
    ],
)
def test_lax_datetime_parses_text_and_timestamps(inputs, value, expected):
    result = inputs.validate_v(LaxDatetime, value)
    assert result == expected and type(result) is dt.datetime
    assert result.utcoffset() == expected.utcoffset()


def test_a_date_becomes_midnight_and_a_datetime_is_kept():
    assert LaxDatetime(v=dt.date(2020, 1, 2)).v == dt.datetime(2020, 1, 2)
    value = dt.datetime(2020, 1, 2, 3, tzinfo=TZ_PLUS)
    assert LaxDatetime(v=value).v is value


@pytest.mark.parametrize(
    "value, error_type, message, ctx",
    [
        ("foo", "datetime_from_date_parsing", "Input should be a valid datetime or date, input is too short",
         {"error": "input is too short"}),
        ("2020-02-30T00:00", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, day value is outside expected range",
         {"error": "day value is outside expected range"}),
        ("2020-01-01T00:00:00+05:30:15", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, unexpected extra characters at the end of the input",
         {"error": "unexpected extra characters at the end of the input"}),
        (float("nan"), "datetime_parsing", "Input should be a valid datetime, NaN values not permitted",
         {"error": "NaN values not permitted"}),
        ("0000-01-01T00:00:00", "datetime_parsing", "Input should be a valid datetime, year 0 is out of range",
         {"error": "year 0 is out of range"}),
        (True, "datetime_type", "Input should be a valid datetime", None),
        (None, "datetime_type", "Input should be a valid datetime", None),
    ],
)
def test_lax_datetime_errors(value, error_type, message, ctx):
    error = support.single_error(LaxDatetime, value)
    assert (error["type"], error["loc"], error["msg"], error.get("ctx")) == (error_type, ("v",), message, ctx)


def test_strict_datetime_takes_instances_from_python_and_text_from_json():
    assert StrictDatetime.model_validate_json('{"v": "2020-01-01T00:00:00"}').v == dt.datetime(2020, 1, 1)
    for value in ["2020-01-01T00:00:00", 1_600_000_000, dt.date(2020, 1, 1)]:
        assert support.single_error(StrictDatetime, value)["type"] == "datetime_type"
    with pytest.raises(support.ValidationError) as info:
        StrictDatetime.model_validate_json('{"v": 1600000000}')
    assert errors_of(info.value)[0]["type"] == "datetime_type"


@pytest.mark.parametrize(
    "annotation",
    [
        Annotated[dt.datetime, Field(gt=dt.datetime(2020, 1, 1))],
        Annotated[dt.datetime, annotated_types.Gt(dt.datetime(2020, 1, 1))],
    ],
)
def test_datetime_bounds_report_the_bound_as_text(inputs, annotation):
    cls = support.one_field_model(annotation)
    error = inputs.single_error(cls, "2019-06-01T00:00:00")
    assert error["type"] == "greater_than"
    assert error["msg"] == "Input should be greater than 2020-01-01T00:00:00"
    assert error["ctx"] == {"gt": "2020-01-01T00:00:00"}
    assert inputs.validate_v(cls, "2020-01-01T00:00:01") == dt.datetime(2020, 1, 1, 0, 0, 1)


def test_aware_and_naive_datetimes(inputs):
    aware = support.one_field_model(support.lib.AwareDatetime)
    naive = support.one_field_model(support.lib.NaiveDatetime)
    assert inputs.single_error(aware, "2020-01-01T00:00:00")["type"] == "timezone_aware"
    assert inputs.single_error(naive, "2020-01-01T00:00:00Z")["msg"] == "Input should not have timezone info"
    assert inputs.validate_v(aware, "2020-01-01T00:00:00Z").utcoffset() == dt.timedelta(0)


def test_past_and_future_datetimes(inputs):
    past = support.one_field_model(support.lib.PastDatetime)
    future = support.one_field_model(support.lib.FutureDatetime)
    assert inputs.single_error(past, "2999-01-01T00:00:00")["msg"] == "Input should be in the past"
    assert inputs.single_error(future, "2000-01-01T00:00:00")["type"] == "datetime_future"


def test_datetimes_in_containers_and_optional(inputs):
    class Events(Model):
        at: list[dt.datetime]
        by_name: dict[str, dt.datetime] = {}
        maybe: Optional[dt.datetime] = None

    events = inputs.validate(Events, {"at": ["2020-01-01T00:00:00", 0], "by_name": {"a": "2020-01-01"}, "maybe": None})
    assert events.at == [dt.datetime(2020, 1, 1), dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)]
    errors = inputs.errors(Events, {"at": ["x"]})
    assert [(e["loc"], e["type"]) for e in errors] == [(("at", 0), "datetime_from_date_parsing")]


@pytest.mark.parametrize(
    "value, text",
    [
        (dt.datetime(2020, 1, 1, 1, 2, 3, 500), "2020-01-01T01:02:03.000500"),
        (dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), "2020-01-01T00:00:00Z"),
        (dt.datetime(2020, 1, 1, tzinfo=TZ_PLUS), "2020-01-01T00:00:00+05:30"),
    ],
)
def test_datetime_dumps(value, text):
    instance = LaxDatetime(v=value)
    assert instance.model_dump()["v"] is value
    assert instance.model_dump(mode="json") == {"v": text}
    assert instance.model_dump_json() == f'{{"v":"{text}"}}'


@divergence("pydantic gives parsed offsets its own TzInfo class; satya gives datetime.timezone")
def test_parsed_offsets_use_pydantics_tzinfo_class():
    assert type(LaxDatetime(v="2020-01-01T00:00:00Z").v.tzinfo).__name__ == "TzInfo"


class BrokenZone(dt.tzinfo):
    def utcoffset(self, value):
        raise ValueError("no offset here")


def test_a_tzinfo_that_raises_is_an_invalid_datetime_object_when_checked():
    value = dt.datetime(2020, 1, 1, tzinfo=BrokenZone())
    assert LaxDatetime(v=value).v is value
    checked = support.one_field_model(support.lib.AwareDatetime)
    error = support.single_error(checked, value)
    assert (error["type"], error["msg"], error["ctx"]) == (
        "datetime_object_invalid", "Invalid datetime object, got ValueError: no offset here",
        {"error": "ValueError: no offset here"})


@support.satya_only
def test_batches_of_datetime_models_run_on_the_full_path(inputs):
    """Date and time fields have no native (GIL-free) path: a batch of them is
    validated sequentially, with the same results."""
    cls = support.one_field_model(dt.datetime)
    rows = [{"v": "2020-01-01T00:00:00Z"}, {"v": 0}] * 100
    if inputs.json:
        inputs.calls["json"] += 1
        result = cls.model_validate_json_many(support.to_json(rows))
    else:
        inputs.calls["python"] += 1
        result = cls.model_validate_many(rows)
    assert [m.v for m in result][:2] == [dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc),
                                         dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)]
    assert len(result) == 200


# --- bounds in the model's Program ---

_FRAMES = {
    "naive": {"gt": dt.datetime(2020, 1, 1, 12), "le": dt.datetime(2020, 6, 1)},
    "utc": {"ge": dt.datetime(2020, 1, 1, 12, tzinfo=dt.timezone.utc)},
    "plus two": {"gt": dt.datetime(2020, 1, 1, 14, tzinfo=dt.timezone(dt.timedelta(hours=2))),
                 "lt": dt.datetime(2020, 1, 2, tzinfo=dt.timezone(dt.timedelta(hours=2)))},
}
_EDGE_TEXTS = [
    "2020-01-01T12:00:00", "2020-01-01T12:00:00Z", "2020-01-01T12:00:00.000001", "2020-01-01T14:00:00+02:00",
    "2020-01-01T11:59:59.999999-01:00", "2020-01-01T13:00:00+01:00", "2020-06-01T00:00:00", "2020-06-01T00:00:00Z",
    "2020-01-01T23:59:59.999999+02:00", "2020-01-02T00:00:00+02:00", "2019-12-31T23:00:00-13:00", "1577880000",
]


@pytest.mark.parametrize("frame", list(_FRAMES))
def test_datetime_bounds_run_in_the_model_program(inputs, backend_models, frame):
    """Bounds that share a frame (all naive, or all aware at one offset) are
    int checks over microseconds in the model's Program, ordered as pydantic
    orders each value against each bound, naive against aware included."""
    cls = backend_models.one_field(dt.datetime, _FRAMES[frame])
    if backend_models.backend != "pydantic":
        counted = support.satya.inspect(cls)["checks_" + ("compiled" if backend_models.backend == "jit" else "interpreted")]
        assert counted == len(_FRAMES[frame])
    oracle = support.one_field_model(dt.datetime, _FRAMES[frame], lib=support.pydantic)
    for text in _EDGE_TEXTS:
        try:
            got = ("ok", support.plain(inputs.validate(cls, {"v": text}).model_dump()))
        except support.ANY_VALIDATION_ERROR as exc:
            got = ("err", support.error_triples(exc))
        assert got == support.outcome(oracle, {"v": text}), text


def test_bounds_of_mixed_frames_are_checked_inline():
    cls = support.one_field_model(dt.datetime, {"gt": dt.datetime(2020, 1, 1), "lt": dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc)})
    if not support.ORACLE:
        assert support.satya.inspect(cls)["checks_compiled"] == 0
    assert support.outcome(cls, {"v": "2020-06-01T00:00:00Z"})[0] == "ok"
