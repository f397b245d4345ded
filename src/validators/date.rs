//! `date`, with `PastDate` / `FutureDate` (now_op) and the bounds. Lax mode
//! also takes a datetime, or text or a timestamp that parses as one, when its
//! time is exactly midnight.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use speedate::Date;

use super::datetime::reword_lines;
use super::checks::LeafChecks;
use super::temporal_bounds::{first_failure, NowOp, TemporalBounds};
use super::{node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Target;
use crate::input::{local_utc_offset, parse_date, EitherDate, Input};
use crate::batch::{JsonReader, Native};
use jiter::Peek;

#[derive(Debug)]
pub struct DateValidator {
    strict: bool,
    bounds: Option<TemporalBounds<Date>>,
    now: Option<NowOp>,
    /// The bounds as checks over days since 1970 for the model's Program;
    /// None with now_op, which pydantic checks after the bounds.
    program: Option<LeafChecks>,
}

/// Days since 1970-01-01, the slot a date's bounds compare.
fn epoch_days(date: &Date) -> i64 {
    date.timestamp().div_euclid(86_400)
}

impl DateValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let bounds = TemporalBounds::read(node, "date", |value| {
            Ok(value.validate_date(false).ok().map(|d| {
                let raw = d.as_raw();
                (raw, raw.to_string())
            }))
        })?;
        let now = NowOp::read(node)?;
        let program = match (&bounds, now) {
            (Some(bounds), None) => bounds.leaf_checks(|d| Some(epoch_days(d))),
            _ => None,
        };
        Ok(Validator::Date(DateValidator { strict: node_strict(node)?, bounds, now, program }))
    }

    pub fn check_count(&self) -> usize {
        self.bounds.as_ref().map_or(0, |b| b.len()) + self.now.is_some() as usize
    }

    pub fn program_checks(&self) -> Option<&LeafChecks> {
        self.program.as_ref()
    }

    /// Like `validate`, but leaves the bounds to the model's Program: the
    /// date and its slot (days since 1970).
    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        let date = self.read(input, state)?;
        let Some(program) = &self.program else { return Ok((self.finish(py, date, input)?, None)) };
        let days = epoch_days(&date.as_raw());
        if date.as_raw().year == 0 {
            // the bounds come before the year 0 error, as in pydantic
            if let Some(kind) = program.first_failure(days as u64) {
                return Err(ValError::new(kind, input));
            }
        }
        Ok((date.into_python(py, input)?, Some(days as u64)))
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let date = self.read(input, state)?;
        state.floor_with(|| input.exactness(Target::Date));
        self.finish(py, date, input)
    }

    /// The date the input gives, in lax mode also from a datetime at midnight.
    fn read<'py>(&self, input: &impl Input<'py>, state: &State) -> ValResult<EitherDate<'py>> {
        let strict = state.strict_or(self.strict);
        let date = match input.validate_date(strict) {
            Ok(date) => date,
            Err(err @ ValError::Lines(_)) if !strict => date_from_datetime(input).map_err(|e| e.unwrap_or(err))?,
            Err(err) => return Err(err),
        };
        Ok(date)
    }

    /// Checks the date and makes its object.
    fn finish<'py>(&self, py: Python<'py>, date: EitherDate<'py>, input: &impl Input<'py>) -> ValResult<Bound<'py, PyAny>> {
        if self.bounds.is_some() || self.now.is_some() {
            self.check(py, &date.as_raw(), input)?;
        }
        date.into_python(py, input)
    }

    /// Off the GIL: a JSON string that parses as a date (strict and lax read
    /// text alike), with its slot when the Program checks the bounds.
    pub fn native_deferred<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<(Native<'d>, Option<u64>)> {
        let date = parse_date(json.str(peek)?.as_bytes()).ok().filter(|d| d.year != 0)?;
        let slot = match &self.program {
            Some(_) => Some(epoch_days(&date) as u64),
            None if self.check_count() > 0 => return None,
            None => None,
        };
        Some((Native::Date(date), slot))
    }

    pub fn has_native(&self) -> bool {
        self.check_count() == 0 || self.program.is_some()
    }

    #[cold]
    fn check<'py>(&self, py: Python<'py>, value: &Date, input: &impl Input<'py>) -> ValResult<()> {
        let today = || {
            Date::today(local_utc_offset(py)?).map_err(|_| pyo3::exceptions::PyValueError::new_err("the current date is out of range"))
        };
        match first_failure(self.bounds.as_ref(), self.now, value, today, (ErrorKind::DatePast, ErrorKind::DateFuture))? {
            Some(kind) => Err(ValError::new(kind, input)),
            None => Ok(()),
        }
    }
}

/// Lax mode: a datetime at midnight is its date. Err(None) keeps the date
/// error; a datetime parsing error is reported as pydantic words it.
fn date_from_datetime<'py>(input: &impl Input<'py>) -> Result<EitherDate<'py>, Option<ValError>> {
    match input.validate_datetime(false) {
        Ok(dt) if dt.is_midnight() => Ok(EitherDate::Raw(dt.date())),
        Ok(_) => Err(Some(ValError::new(ErrorKind::DateFromDatetimeInexact, input))),
        Err(ValError::Lines(lines)) => Err(reword_lines(lines, |kind| match kind {
            ErrorKind::DatetimeParsing { error } => Some(ErrorKind::DateFromDatetimeParsing { error: error.clone() }),
            _ => None,
        })),
        Err(ValError::Internal(_)) => Err(None),
    }
}
