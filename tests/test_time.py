"""`time` fields against pydantic: lax and strict, Python and JSON input,
offsets, seconds since midnight, bounds and dumps."""

import datetime as dt
from typing import Annotated

import pytest

import support
from support import Field
from temporal_support import TZ_PLUS, differential_tests


test_time_matches_pydantic, test_bounded_time_matches_pydantic = differential_tests(
    dt.time, {"gt": dt.time(0, 0, 1), "le": dt.time(23, 0)}
)


LaxTime = support.one_field_model(dt.time)
StrictTime = support.one_field_model(dt.time, strict=True)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("10:20", dt.time(10, 20)),
        ("10:20:30.123456789", dt.time(10, 20, 30, 123456)),
        ("10:20:30+05:30", dt.time(10, 20, 30, tzinfo=TZ_PLUS)),
        (3600, dt.time(1, 0, tzinfo=dt.timezone.utc)),
        (3600.5, dt.time(1, 0, 0, 500000, tzinfo=dt.timezone.utc)),
    ],
)
def test_lax_time_parses_text_and_seconds(inputs, value, expected):
    result = inputs.validate_v(LaxTime, value)
    assert result == expected and type(result) is dt.time
    assert result.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "value, message",
    [
        ("24:00", "Input should be in a valid time format, hour value is outside expected range of 0-23"),
        (-1, "Input should be in a valid time format, time in seconds should be positive"),
        ("x", "Input should be in a valid time format, input is too short"),
    ],
)
def test_lax_time_errors(inputs, value, message):
    error = inputs.single_error(LaxTime, value)
    assert (error["type"], error["msg"]) == ("time_parsing", message)


def test_strict_time():
    assert StrictTime.model_validate_json('{"v": "10:20"}').v == dt.time(10, 20)
    for value in ["10:20", 3600, True]:
        assert support.single_error(StrictTime, value)["type"] == "time_type"


def test_time_bounds(inputs):
    cls = support.one_field_model(Annotated[dt.time, Field(gt=dt.time(1, 2))])
    error = inputs.single_error(cls, "00:01")
    assert (error["type"], error["msg"], error["ctx"]) == (
        "greater_than", "Input should be greater than 01:02:00", {"gt": "01:02:00"})


@pytest.mark.parametrize(
    "value, text",
    [(dt.time(1, 2, 3), "01:02:03"), (dt.time(1, 2, 3, 4, tzinfo=dt.timezone.utc), "01:02:03.000004Z"),
     (dt.time(0, 0, tzinfo=TZ_PLUS), "00:00:00+05:30")],
)
def test_time_dumps(value, text):
    instance = LaxTime(v=value)
    assert instance.model_dump()["v"] is value
    assert instance.model_dump(mode="json") == {"v": text}
    assert instance.model_dump_json() == f'{{"v":"{text}"}}'
