"""`timedelta` fields against pydantic: lax and strict, Python and JSON input
(whose errors say "duration"), ISO 8601 and clock-style durations, seconds as
numbers, bounds (printed in words, as pydantic prints them) and dumps."""

import datetime as dt
from typing import Annotated

import pytest

import support
from support import Field
from temporal_support import differential_tests


test_timedelta_matches_pydantic, test_bounded_timedelta_matches_pydantic = differential_tests(
    dt.timedelta, {"ge": dt.timedelta(seconds=-1), "lt": dt.timedelta(days=1, hours=2, microseconds=3)}
)


LaxTimedelta = support.one_field_model(dt.timedelta)
StrictTimedelta = support.one_field_model(dt.timedelta, strict=True)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("P1DT2H", dt.timedelta(days=1, hours=2)),
        ("-PT1.5S", dt.timedelta(seconds=-1.5)),
        ("1 day, 01:00:00", dt.timedelta(days=1, hours=1)),
        (90, dt.timedelta(seconds=90)),
        (1.5, dt.timedelta(seconds=1.5)),
        (-86_401, dt.timedelta(seconds=-86_401)),
    ],
)
def test_lax_timedelta_parses_durations_and_seconds(inputs, value, expected):
    result = inputs.validate_v(LaxTimedelta, value)
    assert result == expected and type(result) is dt.timedelta


def test_timedelta_errors_say_duration_for_json(inputs):
    error = inputs.single_error(LaxTimedelta, "x")
    noun = inputs.pick(python="timedelta", json="duration")
    assert (error["type"], error["msg"]) == ("time_delta_parsing", f"Input should be a valid {noun}, invalid digit in duration")
    error = inputs.single_error(LaxTimedelta, None)
    assert (error["type"], error["msg"]) == ("time_delta_type", f"Input should be a valid {noun}")


def test_strict_timedelta():
    assert StrictTimedelta.model_validate_json('{"v": "P1D"}').v == dt.timedelta(days=1)
    assert support.single_error(StrictTimedelta, "P1D")["type"] == "time_delta_type"


@pytest.mark.parametrize(
    "bound, words",
    [(dt.timedelta(days=1), "1 day"), (dt.timedelta(days=2, hours=1, seconds=1, microseconds=5),
                                       "2 days and 1 hour and 1 second and 5 microseconds"),
     (dt.timedelta(0), "0 seconds")],
)
def test_timedelta_bounds_print_in_words(inputs, bound, words):
    cls = support.one_field_model(Annotated[dt.timedelta, Field(gt=bound)])
    error = inputs.single_error(cls, "-P1D")
    assert (error["type"], error["msg"], error["ctx"]) == ("greater_than", f"Input should be greater than {words}", {"gt": words})


@pytest.mark.parametrize(
    "value, text",
    [(dt.timedelta(days=400), "P1Y35D"), (dt.timedelta(0), "PT0S"), (dt.timedelta(seconds=-1), "-PT1S"),
     (dt.timedelta(days=1, seconds=3661, microseconds=5), "P1DT1H1M1.000005S")],
)
def test_timedelta_dumps(value, text):
    instance = LaxTimedelta(v=value)
    assert instance.model_dump()["v"] is value
    assert instance.model_dump(mode="json") == {"v": text}
    assert instance.model_dump_json() == f'{{"v":"{text}"}}'


# --- bounds in the model's Program ---

_BOUNDS = {"gt": dt.timedelta(0), "le": dt.timedelta(days=1, microseconds=5)}
_EDGE_VALUES = ["PT0S", "-PT0S", "PT0.000001S", "-PT0.000001S", "P1D", "P1DT0.000005S", "P1DT0.000006S", 86400.000005,
                -1, 0, "P999999999D", "-P999999999D", dt.timedelta(days=-1, seconds=86399, microseconds=999999)]


def test_timedelta_bounds_run_in_the_model_program(inputs, backend_models):
    """Bounds are int checks over signed microseconds in the model's Program
    (native code or the interpreter); values beyond 64 bits are checked in
    the validator. The error's input is the validated timedelta, as pydantic's."""
    cls = backend_models.one_field(dt.timedelta, _BOUNDS)
    if backend_models.backend != "pydantic":
        counted = support.satya.inspect(cls)["checks_" + ("compiled" if backend_models.backend == "jit" else "interpreted")]
        assert counted == 2
    oracle = support.one_field_model(dt.timedelta, _BOUNDS, lib=support.pydantic)
    for value in _EDGE_VALUES:
        if inputs.json and isinstance(value, dt.timedelta):
            continue
        try:
            got = ("ok", support.plain(inputs.validate(cls, {"v": value}).model_dump()))
        except support.ANY_VALIDATION_ERROR as exc:
            got = ("err", [(e["type"], e["loc"], e["msg"], e["input"]) for e in support.errors_of(exc)])
        try:
            expected = ("ok", support.plain(oracle.model_validate({"v": value}).model_dump()))
        except support.ANY_VALIDATION_ERROR as exc:
            expected = ("err", [(e["type"], e["loc"], e["msg"], e["input"]) for e in support.errors_of(exc)])
        assert got == expected, value
