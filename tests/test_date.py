"""`date` fields against pydantic: lax and strict, Python and JSON input, the
lax step from a datetime at exactly midnight (text, timestamps or objects),
PastDate / FutureDate, bounds and dumps."""

import datetime as dt
from typing import Annotated

import annotated_types
import pytest

import support
from support import Field
from temporal_support import TZ_PLUS, differential_tests, named_types_test


test_date_matches_pydantic, test_bounded_date_matches_pydantic = differential_tests(
    dt.date, {"ge": dt.date(1970, 1, 2), "lt": dt.date(2100, 1, 1)}
)


test_past_and_future_dates_match_pydantic = named_types_test(
    ["PastDate", "FutureDate"], "test_past_and_future_dates_match_pydantic"
)


LaxDate = support.one_field_model(dt.date)
StrictDate = support.one_field_model(dt.date, strict=True)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020-02-29", dt.date(2020, 2, 29)),
        ("2020-01-01T00:00:00", dt.date(2020, 1, 1)),
        ("2020-01-01T00:00:00+05:30", dt.date(2020, 1, 1)),
        (86_400, dt.date(1970, 1, 2)),
        (86_400.0, dt.date(1970, 1, 2)),
        ("86400", dt.date(1970, 1, 2)),
    ],
)
def test_lax_date_parses_text_timestamps_and_exact_datetimes(inputs, value, expected):
    result = inputs.validate_v(LaxDate, value)
    assert result == expected and type(result) is dt.date


def test_a_datetime_at_midnight_becomes_its_date():
    assert LaxDate(v=dt.datetime(2020, 1, 2, tzinfo=TZ_PLUS)).v == dt.date(2020, 1, 2)
    assert type(LaxDate(v=dt.datetime(2020, 1, 2)).v) is dt.date


@pytest.mark.parametrize(
    "value, error_type, message, ctx",
    [
        ("2019-02-29", "date_from_datetime_parsing", "Input should be a valid date or datetime, day value is outside expected range",
         {"error": "day value is outside expected range"}),
        ("2020-01-0", "date_from_datetime_parsing", "Input should be a valid date or datetime, input is too short",
         {"error": "input is too short"}),
        ("2020-01-01T01:00:00", "date_from_datetime_inexact",
         "Datetimes provided to dates should have zero time - e.g. be exact dates", None),
        (86_401, "date_from_datetime_inexact",
         "Datetimes provided to dates should have zero time - e.g. be exact dates", None),
        (None, "date_type", "Input should be a valid date", None),
    ],
)
def test_lax_date_errors(inputs, value, error_type, message, ctx):
    error = inputs.single_error(LaxDate, value)
    assert (error["type"], error["loc"], error["msg"], error.get("ctx")) == (error_type, ("v",), message, ctx)


def test_a_datetime_with_a_time_is_inexact():
    error = support.single_error(LaxDate, dt.datetime(2020, 1, 1, 0, 0, 0, 1))
    assert error["type"] == "date_from_datetime_inexact"


def test_strict_date_takes_dates_from_python_and_text_from_json():
    assert StrictDate.model_validate_json('{"v": "2020-01-01"}').v == dt.date(2020, 1, 1)
    for value in ["2020-01-01", dt.datetime(2020, 1, 1), 0]:
        assert support.single_error(StrictDate, value)["type"] == "date_type"


@pytest.mark.parametrize(
    "annotation",
    [Annotated[dt.date, Field(gt=dt.date(2020, 1, 1))], Annotated[dt.date, annotated_types.Gt(dt.date(2020, 1, 1))]],
)
def test_date_bounds_report_the_bound_as_text(inputs, annotation):
    cls = support.one_field_model(annotation)
    error = inputs.single_error(cls, "2020-01-01")
    assert (error["type"], error["msg"], error["ctx"]) == (
        "greater_than", "Input should be greater than 2020-01-01", {"gt": "2020-01-01"})
    assert inputs.validate_v(cls, "2020-01-02") == dt.date(2020, 1, 2)


def test_past_and_future_dates(inputs):
    past = support.one_field_model(support.lib.PastDate)
    future = support.one_field_model(support.lib.FutureDate)
    assert inputs.single_error(past, "2999-01-01")["msg"] == "Date should be in the past"
    assert inputs.single_error(future, "2000-01-01")["msg"] == "Date should be in the future"
    today = dt.date.today().isoformat()
    assert inputs.single_error(past, today)["type"] == "date_past"


def test_date_dumps():
    instance = LaxDate(v="2020-02-29")
    assert instance.model_dump() == {"v": dt.date(2020, 2, 29)}
    assert instance.model_dump(mode="json") == {"v": "2020-02-29"}
    assert instance.model_dump_json() == '{"v":"2020-02-29"}'


@pytest.mark.parametrize(
    "value, error",
    [("2020-01-01", None), ("2019-12-31", "greater_than_equal"), ("2021-01-01", "less_than"),
     ("2020-12-31T00:00:00", None), (dt.datetime(2021, 1, 1), "less_than"), ("0000-01-01", "greater_than_equal"),
     ("0001-01-01", "greater_than_equal")],
)
def test_date_bounds_run_in_the_model_program(inputs, backend_models, value, error):
    """A date's bounds are int checks over days since 1970 in the model's
    Program (native code or the interpreter), with pydantic's errors."""
    cls = backend_models.one_field(dt.date, {"ge": dt.date(2020, 1, 1), "lt": dt.date(2021, 1, 1)})
    if backend_models.backend != "pydantic":
        assert support.satya.inspect(cls)["checks_" + ("compiled" if backend_models.backend == "jit" else "interpreted")] == 2
    if error is None:
        assert type(inputs.validate_v(cls, value)) is dt.date
    else:
        assert inputs.single_error(cls, value)["type"] == error
