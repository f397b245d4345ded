//! Dates, times and durations as pydantic reads them, with speedate: text in
//! ISO 8601 (a str, bytes or JSON string), Unix timestamps (an int or float;
//! above 2e10 they count milliseconds) and durations. Both inputs share these
//! rules; a value is kept as speedate's struct until it becomes a Python object.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyBytes, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyString, PyTime, PyTimeAccess,
    PyTzInfo, PyTzInfoAccess,
};
use speedate::{
    Date, DateConfig, DateTime, DateTimeConfig, Duration, MicrosecondsPrecisionOverflowBehavior, ParseError, Time,
    TimeConfig, TimestampUnit,
};
use strum::EnumMessage;

use super::Input;
use crate::errors::{ErrorKind, ValError, ValResult};

/// A datetime read from the input: parsed, or the Python object as it came.
pub enum EitherDateTime<'py> {
    Raw(DateTime),
    Py(Bound<'py, PyDateTime>),
}

pub enum EitherDate<'py> {
    Raw(Date),
    Py(Bound<'py, PyDate>),
}

pub enum EitherTime<'py> {
    Raw(Time),
    Py(Bound<'py, PyTime>),
}

pub enum EitherDuration<'py> {
    Raw(Duration),
    Py(Bound<'py, PyDelta>),
}

/// speedate's description of a failure, the `error` of pydantic's ctx.
fn describe(err: ParseError) -> Cow<'static, str> {
    Cow::Borrowed(err.get_documentation().unwrap_or_default())
}

/// Timestamps are UTC; fractions beyond microseconds are cut off.
fn time_config() -> TimeConfig {
    TimeConfig {
        microseconds_precision_overflow_behavior: MicrosecondsPrecisionOverflowBehavior::Truncate,
        unix_timestamp_offset: Some(0),
    }
}

fn datetime_config() -> DateTimeConfig {
    DateTimeConfig { time_config: time_config(), timestamp_unit: TimestampUnit::Infer }
}

/// Text as a datetime, the way every input reads it.
pub fn parse_datetime(text: &[u8]) -> Result<DateTime, ParseError> {
    DateTime::parse_bytes_with_config(text, &datetime_config())
}

pub fn parse_date(text: &[u8]) -> Result<Date, ParseError> {
    Date::parse_bytes_with_config(text, &DateConfig::builder().timestamp_unit(TimestampUnit::Infer).build())
}

pub fn parse_time(text: &[u8]) -> Result<Time, ParseError> {
    Time::parse_bytes_with_config(text, &time_config())
}

pub fn parse_duration(text: &[u8]) -> Result<Duration, ParseError> {
    Duration::parse_bytes_with_config(text, &time_config())
}

pub fn text_as_datetime<'py>(input: &impl Input<'py>, text: &[u8]) -> ValResult<EitherDateTime<'py>> {
    parse_datetime(text)
        .map(EitherDateTime::Raw)
        .map_err(|e| ValError::new(ErrorKind::DatetimeParsing { error: describe(e) }, input))
}

pub fn int_as_datetime<'py>(input: &impl Input<'py>, timestamp: i64) -> ValResult<EitherDateTime<'py>> {
    DateTime::from_timestamp_with_config(timestamp, 0, &datetime_config())
        .map(EitherDateTime::Raw)
        .map_err(|e| ValError::new(ErrorKind::DatetimeParsing { error: describe(e) }, input))
}

#[cold]
fn nan_error<'py>(input: &impl Input<'py>, kind: fn(Cow<'static, str>) -> ErrorKind) -> ValError {
    ValError::new(kind("NaN values not permitted".into()), input)
}

pub fn float_as_datetime<'py>(input: &impl Input<'py>, timestamp: f64) -> ValResult<EitherDateTime<'py>> {
    if timestamp.is_nan() {
        return Err(nan_error(input, |error| ErrorKind::DatetimeParsing { error }));
    }
    DateTime::from_float_with_config(timestamp, &datetime_config())
        .map(EitherDateTime::Raw)
        .map_err(|e| ValError::new(ErrorKind::DatetimeParsing { error: describe(e) }, input))
}

pub fn text_as_date<'py>(input: &impl Input<'py>, text: &[u8]) -> ValResult<EitherDate<'py>> {
    parse_date(text)
        .map(EitherDate::Raw)
        .map_err(|e| ValError::new(ErrorKind::DateParsing { error: describe(e) }, input))
}

pub fn text_as_time<'py>(input: &impl Input<'py>, text: &[u8]) -> ValResult<EitherTime<'py>> {
    parse_time(text)
        .map(EitherTime::Raw)
        .map_err(|e| ValError::new(ErrorKind::TimeParsing { error: describe(e) }, input))
}

/// Seconds since midnight: negative is refused here, beyond a day by speedate.
pub fn int_as_time<'py>(input: &impl Input<'py>, seconds: i64, micros: u32) -> ValResult<EitherTime<'py>> {
    if seconds < 0 {
        return Err(ValError::new(ErrorKind::TimeParsing { error: "time in seconds should be positive".into() }, input));
    }
    let seconds = u32::try_from(seconds).unwrap_or(u32::MAX);
    Time::from_timestamp_with_config(seconds, micros, &time_config())
        .map(EitherTime::Raw)
        .map_err(|e| ValError::new(ErrorKind::TimeParsing { error: describe(e) }, input))
}

pub fn float_as_time<'py>(input: &impl Input<'py>, seconds: f64) -> ValResult<EitherTime<'py>> {
    if seconds.is_nan() {
        return Err(nan_error(input, |error| ErrorKind::TimeParsing { error }));
    }
    let micros = (seconds.fract().abs() * 1_000_000.0).round() as u32;
    int_as_time(input, seconds.floor() as i64, micros)
}

/// The time of a JSON int beyond 64 bits: too large, as speedate says.
pub fn huge_time<'py>(input: &impl Input<'py>) -> ValError {
    ValError::new(ErrorKind::TimeParsing { error: describe(ParseError::TimeTooLarge) }, input)
}

/// Duration errors are worded "duration" for JSON input, "timedelta" otherwise.
fn duration_error<'py>(input: &impl Input<'py>, err: ParseError, json: bool) -> ValError {
    let error = describe(err);
    let kind = if json { ErrorKind::JsonTimeDeltaParsing { error } } else { ErrorKind::TimeDeltaParsing { error } };
    ValError::new(kind, input)
}

pub fn text_as_duration<'py>(input: &impl Input<'py>, text: &[u8], json: bool) -> ValResult<EitherDuration<'py>> {
    parse_duration(text)
        .map(EitherDuration::Raw)
        .map_err(|e| duration_error(input, e, json))
}

pub fn int_as_duration<'py>(input: &impl Input<'py>, seconds: i64, json: bool) -> ValResult<EitherDuration<'py>> {
    let magnitude = seconds.unsigned_abs();
    let days = u32::try_from(magnitude / 86_400).unwrap_or(u32::MAX);
    Duration::new(seconds >= 0, days, (magnitude % 86_400) as u32, 0)
        .map(EitherDuration::Raw)
        .map_err(|e| duration_error(input, e, json))
}

pub fn float_as_duration<'py>(input: &impl Input<'py>, seconds: f64, json: bool) -> ValResult<EitherDuration<'py>> {
    if seconds.is_nan() {
        let error: Cow<'static, str> = "NaN values not permitted".into();
        let kind = if json { ErrorKind::JsonTimeDeltaParsing { error } } else { ErrorKind::TimeDeltaParsing { error } };
        return Err(ValError::new(kind, input));
    }
    let magnitude = seconds.abs();
    let micros = (magnitude.fract() * 1_000_000.0).round() as u32;
    let days = (magnitude / 86_400.0) as u32;
    let day_seconds = (magnitude as u64 % 86_400) as u32;
    Duration::new(seconds >= 0.0, days, day_seconds, micros)
        .map(EitherDuration::Raw)
        .map_err(|e| duration_error(input, e, json))
}

/// The text lax mode parses from a Python object: a str or bytes. A str
/// with a lone surrogate is a string_unicode error, as in pydantic.
pub fn python_text<'a>(value: &'a Bound<'_, PyAny>) -> ValResult<Option<Cow<'a, [u8]>>> {
    if let Ok(s) = value.cast::<PyString>() {
        return match s.to_cow() {
            Ok(Cow::Borrowed(text)) => Ok(Some(Cow::Borrowed(text.as_bytes()))),
            Ok(Cow::Owned(text)) => Ok(Some(Cow::Owned(text.into_bytes()))),
            Err(_) => Err(ValError::new(ErrorKind::StringUnicode, value)),
        };
    }
    Ok(value.cast::<PyBytes>().ok().map(|b| Cow::Borrowed(b.as_bytes())))
}

/// A number lax mode reads as a timestamp: an int that fits 64 bits, else a
/// float (bool is excluded by the callers that refuse it).
pub enum Timestamp {
    Int(i64),
    Float(f64),
}

pub fn python_timestamp(value: &Bound<'_, PyAny>) -> Option<Timestamp> {
    if let Ok(i) = value.extract::<i64>() {
        return Some(Timestamp::Int(i));
    }
    value.extract::<f64>().ok().map(Timestamp::Float)
}

pub fn is_bool(value: &Bound<'_, PyAny>) -> bool {
    value.is_exact_instance_of::<PyBool>()
}

/// The UTC offset in seconds a tzinfo gives, or None.
fn utc_offset(offset: &Bound<'_, PyAny>) -> PyResult<Option<i32>> {
    if offset.is_none() {
        return Ok(None);
    }
    let seconds: f64 = offset.call_method0("total_seconds")?.extract()?;
    Ok(Some(seconds.round() as i32))
}

fn py_date_raw(date: &Bound<'_, PyDate>) -> Date {
    Date { year: date.get_year().clamp(0, 9999) as u16, month: date.get_month(), day: date.get_day() }
}

impl<'py> EitherDateTime<'py> {
    /// The speedate form, with the offset the tzinfo gives (for comparisons).
    pub fn as_raw(&self) -> PyResult<DateTime> {
        match self {
            Self::Raw(dt) => Ok(*dt),
            Self::Py(dt) => {
                let tz_offset = match dt.get_tzinfo() {
                    Some(tz) => utc_offset(&tz.call_method1("utcoffset", (dt,))?)?,
                    None => None,
                };
                let date = Date { year: dt.get_year().clamp(0, 9999) as u16, month: dt.get_month(), day: dt.get_day() };
                let time = Time {
                    hour: dt.get_hour(),
                    minute: dt.get_minute(),
                    second: dt.get_second(),
                    microsecond: dt.get_microsecond(),
                    tz_offset,
                };
                Ok(DateTime { date, time })
            }
        }
    }

    /// Whether the time of day is midnight exactly (its offset aside).
    pub fn is_midnight(&self) -> bool {
        let (h, m, s, us) = match self {
            Self::Raw(dt) => (dt.time.hour, dt.time.minute, dt.time.second, dt.time.microsecond),
            Self::Py(dt) => (dt.get_hour(), dt.get_minute(), dt.get_second(), dt.get_microsecond()),
        };
        (h, m, s, us) == (0, 0, 0, 0)
    }

    pub fn date(&self) -> Date {
        match self {
            Self::Raw(dt) => dt.date,
            Self::Py(dt) => Date { year: dt.get_year().clamp(0, 9999) as u16, month: dt.get_month(), day: dt.get_day() },
        }
    }

    pub fn into_python(self, py: Python<'py>, input: &impl Input<'py>) -> ValResult<Bound<'py, PyAny>> {
        match self {
            Self::Py(dt) => Ok(dt.into_any()),
            Self::Raw(dt) => {
                if dt.date.year == 0 {
                    return Err(ValError::new(ErrorKind::DatetimeParsing { error: "year 0 is out of range".into() }, input));
                }
                Ok(datetime_object(py, &dt)?)
            }
        }
    }
}

impl<'py> EitherDate<'py> {
    pub fn as_raw(&self) -> Date {
        match self {
            Self::Raw(d) => *d,
            Self::Py(d) => py_date_raw(d),
        }
    }

    pub fn into_python(self, py: Python<'py>, input: &impl Input<'py>) -> ValResult<Bound<'py, PyAny>> {
        match self {
            Self::Py(d) => Ok(d.into_any()),
            Self::Raw(d) => {
                if d.year == 0 {
                    return Err(ValError::new(ErrorKind::DateParsing { error: "year 0 is out of range".into() }, input));
                }
                Ok(date_object(py, &d)?)
            }
        }
    }
}

impl<'py> EitherTime<'py> {
    pub fn as_raw(&self) -> PyResult<Time> {
        match self {
            Self::Raw(t) => Ok(*t),
            Self::Py(t) => {
                let tz_offset = match t.get_tzinfo() {
                    Some(tz) => utc_offset(&tz.call_method1("utcoffset", (t.py().None(),))?)?,
                    None => None,
                };
                Ok(Time {
                    hour: t.get_hour(),
                    minute: t.get_minute(),
                    second: t.get_second(),
                    microsecond: t.get_microsecond(),
                    tz_offset,
                })
            }
        }
    }

    pub fn into_python(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Self::Py(t) => Ok(t.into_any()),
            Self::Raw(t) => time_object(py, &t),
        }
    }
}

impl<'py> EitherDuration<'py> {
    pub fn as_raw(&self) -> PyResult<Duration> {
        match self {
            Self::Raw(d) => Ok(d.clone()),
            Self::Py(d) => delta_as_duration(d.get_days(), d.get_seconds(), d.get_microseconds())
                .map_err(|e| pyo3::exceptions::PyOverflowError::new_err(describe(e).into_owned())),
        }
    }

    pub fn into_python(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Self::Py(d) => Ok(d.into_any()),
            Self::Raw(d) => Ok(duration_to_python(py, &d)?.into_any()),
        }
    }
}

/// The Python datetime of a parsed one (year 0 is refused before this).
pub fn datetime_object<'py>(py: Python<'py>, dt: &DateTime) -> PyResult<Bound<'py, PyAny>> {
    let tz = fixed_timezone(py, dt.time.tz_offset)?;
    let (d, t) = (dt.date, dt.time);
    Ok(PyDateTime::new(py, d.year.into(), d.month, d.day, t.hour, t.minute, t.second, t.microsecond, tz.as_ref())?.into_any())
}

pub fn date_object<'py>(py: Python<'py>, d: &Date) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyDate::new(py, d.year.into(), d.month, d.day)?.into_any())
}

pub fn time_object<'py>(py: Python<'py>, t: &Time) -> PyResult<Bound<'py, PyAny>> {
    let tz = fixed_timezone(py, t.tz_offset)?;
    Ok(PyTime::new(py, t.hour, t.minute, t.second, t.microsecond, tz.as_ref())?.into_any())
}

/// Whether a parsed value's offset makes a `datetime.timezone` (under a day).
pub fn offset_in_range(offset: Option<i32>) -> bool {
    offset.is_none_or(|seconds| seconds.unsigned_abs() < 86_400)
}

/// A timedelta's parts (negative days, then positive seconds and
/// microseconds) as speedate's sign and magnitudes.
fn delta_as_duration(days: i32, seconds: i32, micros: i32) -> Result<Duration, ParseError> {
    let positive = days >= 0;
    let (mut days, mut seconds, mut micros) = (days, seconds, micros);
    if !positive {
        if micros != 0 {
            seconds += 1;
            micros = 1_000_000 - micros;
        }
        if seconds != 0 {
            days += 1;
            seconds = 86_400 - seconds;
        }
    }
    Duration::new(positive, days.unsigned_abs(), seconds as u32, micros as u32)
}

pub fn duration_to_python<'py>(py: Python<'py>, d: &Duration) -> PyResult<Bound<'py, PyDelta>> {
    let sign = if d.positive { 1 } else { -1 };
    let days = i32::try_from(d.day).map_err(|_| pyo3::exceptions::PyOverflowError::new_err("days out of range"))?;
    PyDelta::new(py, sign * days, sign * d.second as i32, sign * d.microsecond as i32, true)
}

/// `datetime.timezone` for a UTC offset in seconds (`timezone.utc` for zero).
fn fixed_timezone(py: Python<'_>, offset: Option<i32>) -> PyResult<Option<Bound<'_, PyTzInfo>>> {
    static TIMEZONE: PyOnceLock<Py<pyo3::types::PyType>> = PyOnceLock::new();
    static UTC: PyOnceLock<Py<PyTzInfo>> = PyOnceLock::new();
    let Some(seconds) = offset else { return Ok(None) };
    let timezone = TIMEZONE.import(py, "datetime", "timezone")?;
    if seconds == 0 {
        let utc = UTC.get_or_try_init(py, || Ok::<_, PyErr>(timezone.getattr("utc")?.cast_into::<PyTzInfo>()?.unbind()))?;
        return Ok(Some(utc.bind(py).clone()));
    }
    Ok(Some(timezone.call1((PyDelta::new(py, 0, seconds, 0, true)?,))?.cast_into()?))
}

/// The UTC offset of local time now, for "past" and "future".
pub fn local_utc_offset(py: Python<'_>) -> PyResult<i32> {
    static LOCALTIME: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LOCALTIME.import(py, "time", "localtime")?.call0()?.getattr("tm_gmtoff")?.extract()
}

#[cfg(test)]
mod tests {
    use super::delta_as_duration;

    fn parts(days: i32, seconds: i32, micros: i32) -> (bool, u32, u32, u32) {
        let d = delta_as_duration(days, seconds, micros).expect("in range");
        (d.positive, d.day, d.second, d.microsecond)
    }

    #[test]
    fn negative_timedeltas_become_a_sign_and_magnitudes() {
        assert_eq!(parts(0, 0, 0), (true, 0, 0, 0));
        assert_eq!(parts(1, 2, 3), (true, 1, 2, 3));
        // timedelta(seconds=-1) is days=-1, seconds=86399
        assert_eq!(parts(-1, 86_399, 0), (false, 0, 1, 0));
        // timedelta(microseconds=-1) is days=-1, seconds=86399, microseconds=999999
        assert_eq!(parts(-1, 86_399, 999_999), (false, 0, 0, 1));
        assert_eq!(parts(-2, 0, 0), (false, 2, 0, 0));
        assert_eq!(parts(999_999_999, 86_399, 999_999), (true, 999_999_999, 86_399, 999_999));
        assert_eq!(parts(-999_999_999, 0, 0), (false, 999_999_999, 0, 0));
    }
}
