"""The native JSON reader (`src/validators/native.rs`): `model_validate_json`
and the batch workers read a document straight into a model's values when
every field takes its value as it stands, and leave anything else to the full
path. Whatever the reader makes must equal what the full path makes from the
same document: the values and their exact types, the fields set and the dumps.
The reader must also really run for the ordinary values of each type."""

import datetime
import decimal
import enum
import json
import uuid
from typing import Literal, Optional, Union

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support import ValidationError, one_field_model, satya_only

pytestmark = satya_only

satya = pytest.importorskip("satya")
from satya import Field, PastDatetime, UUID4, _satya  # noqa: E402


class Status(enum.Enum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


def model(annotation, field=None):
    return one_field_model(annotation, field)


# JSON values near each type's edges, and values of other types.
OTHER = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False), st.text(max_size=8))


def uuid_texts():
    forms = [str, lambda u: str(u).upper(), lambda u: "{" + str(u) + "}", lambda u: "urn:uuid:" + str(u), lambda u: u.hex]
    return st.builds(lambda u, form: form(u), st.uuids(), st.sampled_from(forms))


def datetime_texts():
    aware = st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat())
    naive = st.datetimes().map(lambda d: d.isoformat())
    edges = st.sampled_from([
        "2024-05-01T12:30:00Z", "2024-02-29T24:00:00", "2023-02-29T00:00:00", "0000-01-01T00:00:00",
        "2024-05-01T12:30:00+23:59", "2024-05-01T12:30:00-23:59", "2024-05-01T12:30:00.123456789",
        "2024-05-01", "2024-05-01T12:30", "1700000000", "20000000000", "-20000000000", "2e10", "x",
    ])
    return st.one_of(aware, naive, edges)


def date_texts():
    return st.one_of(
        st.dates().map(lambda d: d.isoformat()),
        st.sampled_from(["2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "2024-05-01T00:00:00", "1700000000", "x"]),
    )


def time_texts():
    return st.one_of(
        st.times(timezones=st.none() | st.timezones()).map(lambda t: t.isoformat()),
        st.sampled_from(["24:00:00", "23:59:60", "12:30:00Z", "12:30:00+24:00", "12:30:00.1234567", "3600", "x"]),
    )


def duration_texts():
    return st.one_of(
        st.timedeltas().map(lambda d: f"P{d.days}DT{d.seconds}.{d.microseconds:06d}S" if d.days >= 0 else f"-P{-d.days}D"),
        st.sampled_from(["P1D", "-PT1S", "PT0S", "-PT0S", "P999999999D", "P1000000000D", "PT0.000001S", "1 day, 2:03:04", "x"]),
    )


def decimal_texts():
    number = st.decimals(allow_nan=False, allow_infinity=False)
    return st.one_of(
        number.map(str),
        st.sampled_from(["1234.50", "1e5", "-0.00", "1E-7", " 1", "1_000", "NaN", "Infinity", "-inf", ".5", "5.", "+1", "1e99999999999", ""]),
    )


CASES = {
    "uuid": (uuid.UUID, None, uuid_texts(), "c2f9a4e0-6f3b-4d8e-9a1c-2b7d5e8f0a13"),
    "uuid4": (UUID4, None, uuid_texts(), "c2f9a4e0-6f3b-4d8e-9a1c-2b7d5e8f0a13"),
    "datetime": (datetime.datetime, None, datetime_texts(), "2024-05-01T12:30:00Z"),
    "datetime bounds": (datetime.datetime, dict(gt=datetime.datetime(2000, 1, 1)), datetime_texts(), "2024-05-01T12:30:00"),
    "date": (datetime.date, None, date_texts(), "2024-05-01"),
    "date bounds": (datetime.date, dict(le=datetime.date(2020, 1, 1)), date_texts(), "2019-05-01"),
    "time": (datetime.time, None, time_texts(), "12:30:00+01:00"),
    "timedelta": (datetime.timedelta, None, duration_texts(), "P1DT2H"),
    "timedelta bounds": (datetime.timedelta, dict(ge=datetime.timedelta(0)), duration_texts(), "PT5S"),
    "decimal": (decimal.Decimal, None, decimal_texts(), "1234.50"),
    "decimal digits": (decimal.Decimal, dict(max_digits=6, decimal_places=2), decimal_texts(), "1234.50"),
    "int | str": (Union[int, str], None, OTHER, "A-1001"),
    "str | int": (Union[str, int], None, OTHER, 7),
    "float | str": (Union[float, str], None, OTHER, "x"),
    "enum": (Status, None, st.sampled_from(["active", "suspended", "other", 1]), "active"),
    "literal": (Literal["personal", "business", 3], None, st.sampled_from(["personal", "business", 3, 3.0, "3", True]), "business"),
}


def same_instance(native, full):
    """The two instances hold equal values of the same types, set the same
    fields and dump alike."""
    assert not isinstance(full, ValidationError), full
    assert type(native.v) is type(full.v)
    assert native.v == full.v
    if isinstance(full.v, (datetime.datetime, datetime.time)):
        assert native.v.tzinfo == full.v.tzinfo
    assert native.model_fields_set == full.model_fields_set
    assert native.model_dump_json() == full.model_dump_json()
    assert native.model_dump() == full.model_dump()


@pytest.mark.parametrize("name", list(CASES))
def test_the_reader_makes_what_the_full_path_makes(name):
    annotation, field, values, _ = CASES[name]
    cls = model(annotation, field)

    @settings(max_examples=150, deadline=None)
    @given(value=st.one_of(values, OTHER))
    def check(value):
        may, native, full = _satya._json_paths(cls, json.dumps({"v": value}))
        assert may
        if native is not None:
            same_instance(native, full)

    check()


@pytest.mark.parametrize("name", list(CASES))
def test_the_reader_takes_an_ordinary_value(name):
    annotation, field, _, value = CASES[name]
    cls = model(annotation, field)
    may, native, full = _satya._json_paths(cls, json.dumps({"v": value}))
    assert may and native is not None
    same_instance(native, full)


@pytest.mark.parametrize(
    "annotation, field",
    [
        (decimal.Decimal, dict(gt=0)),
        (decimal.Decimal, dict(multiple_of=decimal.Decimal("0.5"))),
        (PastDatetime, None),
        (datetime.time, dict(lt=datetime.time(12))),
        (Union[int, list[int]], None),
    ],
)
def test_a_check_only_python_runs_keeps_the_class_on_the_full_path(annotation, field):
    cls = model(annotation, field)
    may, native, full = _satya._json_paths(cls, json.dumps({"v": "1"}))
    assert (may, native) == (False, None)


def test_a_realistic_model_is_read_natively_and_in_parallel():
    class Address(satya.Model):
        street: str
        zip_code: str = Field(min_length=5, max_length=10)

    class Account(satya.Model):
        id: uuid.UUID
        created_at: datetime.datetime
        status: Status
        kind: Literal["personal", "business"]
        external_id: Union[int, str]
        balance: decimal.Decimal = Field(max_digits=12, decimal_places=2)
        address: Optional[Address] = None
        tags: list[str] = []

    record = {
        "id": "c2f9a4e0-6f3b-4d8e-9a1c-2b7d5e8f0a13", "created_at": "2024-05-01T12:30:00+02:00", "status": "active",
        "kind": "business", "external_id": 1001, "balance": "1234.50",
        "address": {"street": "1 Main St", "zip_code": "12345"}, "tags": ["vip", "eu"],
    }
    may, native, full = _satya._json_paths(Account, json.dumps(record))
    assert may and native is not None
    assert native.model_dump() == full.model_dump() and native.model_dump_json() == full.model_dump_json()
    # a record the reader leaves to the full path (a str that must become an
    # int elsewhere; a Decimal with three places) still gets its result
    records = [record, {**record, "balance": "1.234"}, {**record, "external_id": 2.5}] * 40
    result = Account.model_validate_json_many(json.dumps(records), errors="collect", threads=2)
    singles = []
    for i, r in enumerate(records):
        try:
            singles.append(Account.model_validate_json(json.dumps(r)))
        except ValidationError as exc:
            singles.append((i, exc.errors(include_url=False)))
    assert [m.model_dump() for m in result.valid] == [s.model_dump() for s in singles if not isinstance(s, tuple)]
    assert [(i, e.errors(include_url=False)) for i, e in result.errors] == [s for s in singles if isinstance(s, tuple)]
