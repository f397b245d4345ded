//! Dates, times and durations as pydantic writes them in JSON: ISO 8601, a
//! zero UTC offset as `Z`, offsets to the minute, durations as `P1DT2H3.5S`.

use std::fmt::Write;

use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyString, PyTime, PyTimeAccess, PyTzInfoAccess};

use super::{any, Dumper, Filter, JsonOut};

/// A field declared as one of the four types: python mode keeps the object,
/// JSON writes its ISO 8601 text; another value is dumped as `Any` with a warning.
#[derive(Debug, Clone, Copy)]
pub enum TemporalKind {
    Datetime,
    Date,
    Time,
    Timedelta,
}

impl TemporalKind {
    pub fn name(self) -> &'static str {
        match self {
            TemporalKind::Datetime => "datetime",
            TemporalKind::Date => "date",
            TemporalKind::Time => "time",
            TemporalKind::Timedelta => "timedelta",
        }
    }

    pub fn matches(self, value: &Bound<'_, PyAny>) -> bool {
        match self {
            TemporalKind::Datetime => value.is_instance_of::<PyDateTime>(),
            TemporalKind::Date => value.is_instance_of::<PyDate>(),
            TemporalKind::Time => value.is_instance_of::<PyTime>(),
            TemporalKind::Timedelta => value.is_instance_of::<PyDelta>(),
        }
    }

    pub fn to_python<'py>(self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        if !self.matches(value) {
            d.mismatch(self.name(), value);
            return any::to_python(value, d, filter);
        }
        if !d.opts.json_mode {
            return Ok(value.clone());
        }
        match iso_text(value)? {
            Some(text) => Ok(PyString::new(d.py, &text).into_any()),
            None => Ok(value.clone()),
        }
    }

    pub fn to_json<'py>(self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        match iso_text(value)? {
            Some(text) if self.matches(value) => {
                out.str(&text);
                Ok(())
            }
            _ => {
                d.mismatch(self.name(), value);
                any::to_json(value, out, d, filter)
            }
        }
    }
}

/// The JSON text of a date, datetime, time or timedelta; None for other values.
pub fn iso_text(value: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    let mut out = String::new();
    if let Ok(dt) = value.cast::<PyDateTime>() {
        write_date(&mut out, dt.get_year(), dt.get_month(), dt.get_day());
        out.push('T');
        write_time(&mut out, dt.get_hour(), dt.get_minute(), dt.get_second(), dt.get_microsecond());
        if let Some(tz) = dt.get_tzinfo() {
            write_offset(&mut out, &tz.call_method1("utcoffset", (dt,))?)?;
        }
    } else if let Ok(d) = value.cast::<PyDate>() {
        write_date(&mut out, d.get_year(), d.get_month(), d.get_day());
    } else if let Ok(t) = value.cast::<PyTime>() {
        write_time(&mut out, t.get_hour(), t.get_minute(), t.get_second(), t.get_microsecond());
        if let Some(tz) = t.get_tzinfo() {
            write_offset(&mut out, &tz.call_method1("utcoffset", (value.py().None(),))?)?;
        }
    } else if let Ok(delta) = value.cast::<PyDelta>() {
        write_duration(&mut out, delta.get_days() as i64, delta.get_seconds() as i64, delta.get_microseconds() as i64);
    } else {
        return Ok(None);
    }
    Ok(Some(out))
}

fn write_date(out: &mut String, year: i32, month: u8, day: u8) {
    let _ = write!(out, "{year:04}-{month:02}-{day:02}");
}

fn write_time(out: &mut String, hour: u8, minute: u8, second: u8, micro: u32) {
    let _ = write!(out, "{hour:02}:{minute:02}:{second:02}");
    if micro != 0 {
        let _ = write!(out, ".{micro:06}");
    }
}

/// A UTC offset (a timedelta, or None for a tzinfo that gives none).
fn write_offset(out: &mut String, offset: &Bound<'_, PyAny>) -> PyResult<()> {
    let Ok(offset) = offset.cast::<PyDelta>() else { return Ok(()) };
    let seconds = offset.get_days() as i64 * 86_400 + offset.get_seconds() as i64;
    if seconds == 0 {
        out.push('Z');
        return Ok(());
    }
    let (sign, total) = if seconds < 0 { ('-', -seconds) } else { ('+', seconds) };
    let _ = write!(out, "{sign}{:02}:{:02}", total / 3600, (total % 3600) / 60);
    Ok(())
}

/// ISO 8601 duration: years of 365 days, then days, then the time part.
fn write_duration(out: &mut String, days: i64, seconds: i64, micros: i64) {
    // timedelta.max in microseconds exceeds i64
    let mut total = (days as i128 * 86_400 + seconds as i128) * 1_000_000 + micros as i128;
    if total < 0 {
        out.push('-');
        total = -total;
    }
    let micros = total % 1_000_000;
    let secs = total / 1_000_000;
    let (days, day_secs) = (secs / 86_400, secs % 86_400);
    let (years, days) = (days / 365, days % 365);
    out.push('P');
    if years > 0 {
        let _ = write!(out, "{years}Y");
    }
    if days > 0 {
        let _ = write!(out, "{days}D");
    }
    if day_secs > 0 || micros > 0 || (years == 0 && days == 0) {
        out.push('T');
        let (hours, rest) = (day_secs / 3600, day_secs % 3600);
        let (minutes, seconds) = (rest / 60, rest % 60);
        if hours > 0 {
            let _ = write!(out, "{hours}H");
        }
        if minutes > 0 {
            let _ = write!(out, "{minutes}M");
        }
        if seconds > 0 || micros > 0 || day_secs == 0 {
            let _ = write!(out, "{seconds}");
            if micros > 0 {
                let frac = format!("{micros:06}");
                let _ = write!(out, ".{}", frac.trim_end_matches('0'));
            }
            out.push('S');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::write_duration;

    fn duration(days: i64, seconds: i64, micros: i64) -> String {
        let mut s = String::new();
        write_duration(&mut s, days, seconds, micros);
        s
    }

    #[test]
    fn durations_match_pydantic() {
        assert_eq!(duration(400, 0, 0), "P1Y35D");
        assert_eq!(duration(0, 0, 0), "PT0S");
        assert_eq!(duration(0, 0, 500_000), "PT0.5S");
        assert_eq!(duration(-2, 10_800, 0), "-P1DT21H");
        assert_eq!(duration(1, 3600, 0), "P1DT1H");
        assert_eq!(duration(0, 60, 0), "PT1M");
        assert_eq!(duration(1, 0, 0), "P1D");
        assert_eq!(duration(1, 3661, 5), "P1DT1H1M1.000005S");
        assert_eq!(duration(-1, 86_399, 0), "-PT1S");
        assert_eq!(duration(999_999_999, 86_399, 999_999), "P2739726Y9DT23H59M59.999999S");
        assert_eq!(duration(-999_999_999, 0, 0), "-P2739726Y9D");
    }
}
