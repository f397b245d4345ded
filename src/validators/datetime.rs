//! `datetime`, with `AwareDatetime` / `NaiveDatetime` (tz_constraint),
//! `PastDatetime` / `FutureDatetime` (now_op) and the bounds. Lax mode also
//! takes a date, or text that parses as one, at midnight.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use speedate::{DateTime, Time};

use super::checks::LeafChecks;
use super::datetime_slot::Frame;
use super::temporal_bounds::{first_failure, NowOp, TemporalBounds};
use super::{node_get, node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Target;
use crate::input::{local_utc_offset, offset_in_range, parse_datetime, EitherDateTime, Input};
use crate::batch::{JsonReader, Native};
use jiter::Peek;

#[derive(Debug, Clone, Copy, PartialEq)]
enum TzConstraint {
    Aware,
    Naive,
}

#[derive(Debug)]
pub struct DatetimeValidator {
    strict: bool,
    bounds: Option<TemporalBounds<DateTime>>,
    now: Option<NowOp>,
    tz: Option<TzConstraint>,
    /// The bounds as checks over the slot `Frame` counts, for the model's
    /// Program; None with now_op or a tz constraint, which pydantic checks
    /// after the bounds, or bounds that share no frame.
    program: Option<(Frame, LeafChecks)>,
}

impl DatetimeValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let bounds = TemporalBounds::read(node, "datetime", |value| {
            Ok(match value.validate_datetime(false) {
                Ok(dt) => {
                    let raw = dt.as_raw()?;
                    Some((raw, raw.to_string()))
                }
                Err(_) => None,
            })
        })?;
        let tz = match node_get(node, "constraints")? {
            Some(c) => match node_get(c.cast::<PyDict>()?, "tz_constraint")? {
                Some(v) => match v.extract::<String>()?.as_str() {
                    "aware" => Some(TzConstraint::Aware),
                    "naive" => Some(TzConstraint::Naive),
                    other => return Err(pyo3::exceptions::PyValueError::new_err(format!("Invalid tz_constraint {other:?}"))),
                },
                None => None,
            },
            None => None,
        };
        let now = NowOp::read(node)?;
        let program = match (&bounds, now, tz) {
            (Some(bounds), None, None) => Frame::of(bounds.values()).and_then(|frame| Some((frame, bounds.leaf_checks(|b| frame.slot(b))?))),
            _ => None,
        };
        Ok(Validator::Datetime(DatetimeValidator { strict: node_strict(node)?, bounds, now, tz, program }))
    }

    pub fn check_count(&self) -> usize {
        self.bounds.as_ref().map_or(0, |b| b.len()) + self.now.is_some() as usize + self.tz.is_some() as usize
    }

    pub fn program_checks(&self) -> Option<&LeafChecks> {
        self.program.as_ref().map(|(_, checks)| checks)
    }

    /// The datetime the input gives, in lax mode also from a date at midnight.
    fn read<'py>(&self, input: &impl Input<'py>, state: &mut State) -> ValResult<EitherDateTime<'py>> {
        let strict = state.strict_or(self.strict);
        let datetime = match input.validate_datetime(strict) {
            Ok(dt) => dt,
            Err(err @ ValError::Lines(_)) if !strict => datetime_from_date(input).map_err(|e| e.unwrap_or(err))?,
            Err(err) => return Err(err),
        };
        state.floor_with(|| input.exactness(Target::Datetime));
        Ok(datetime)
    }

    /// Like `validate`, but leaves the bounds to the model's Program: the
    /// datetime and its slot.
    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        let Some((frame, _)) = &self.program else { return Ok((self.validate(py, input, state)?, None)) };
        let datetime = self.read(input, state)?;
        let raw = datetime.as_raw().map_err(|err| invalid_object(py, err, input))?;
        let Some(slot) = frame.slot(&raw) else {
            self.check(py, &raw, input)?;
            return Ok((datetime.into_python(py, input)?, None));
        };
        match datetime.into_python(py, input) {
            Ok(value) => Ok((value, Some(slot as u64))),
            // the bounds come before an error making the object, as in `validate`
            Err(err) => {
                self.check(py, &raw, input)?;
                Err(err)
            }
        }
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let datetime = self.read(input, state)?;
        if self.bounds.is_some() || self.now.is_some() || self.tz.is_some() {
            let raw = datetime.as_raw().map_err(|err| invalid_object(py, err, input))?;
            self.check(py, &raw, input)?;
        }
        datetime.into_python(py, input)
    }

    /// Off the GIL: a JSON string that parses as a datetime (strict and lax
    /// read text alike), with its slot when the Program checks the bounds;
    /// None when another check applies or Python would refuse the value.
    pub fn native_deferred<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<(Native<'d>, Option<u64>)> {
        let datetime = parse_datetime(json.str(peek)?.as_bytes()).ok()?;
        if datetime.date.year == 0 || !offset_in_range(datetime.time.tz_offset) {
            return None;
        }
        let slot = match &self.program {
            Some((frame, _)) => Some(frame.slot(&datetime)? as u64),
            None if self.check_count() > 0 => return None,
            None => None,
        };
        Some((Native::DateTime(datetime), slot))
    }

    /// Whether `native_deferred` can take a value (no check only the full path runs).
    pub fn has_native(&self) -> bool {
        self.check_count() == 0 || self.program.is_some()
    }

    #[cold]
    fn check<'py>(&self, py: Python<'py>, value: &DateTime, input: &impl Input<'py>) -> ValResult<()> {
        let now = || {
            DateTime::now(local_utc_offset(py)?).map_err(|_| pyo3::exceptions::PyValueError::new_err("the current time is out of range"))
        };
        if let Some(kind) = first_failure(self.bounds.as_ref(), self.now, value, now, (ErrorKind::DatetimePast, ErrorKind::DatetimeFuture))? {
            return Err(ValError::new(kind, input));
        }
        match (self.tz, value.time.tz_offset) {
            (Some(TzConstraint::Aware), None) => Err(ValError::new(ErrorKind::TimezoneAware, input)),
            (Some(TzConstraint::Naive), Some(_)) => Err(ValError::new(ErrorKind::TimezoneNaive, input)),
            _ => Ok(()),
        }
    }
}

/// A datetime whose tzinfo raised, as pydantic reports it: "Type: text".
#[cold]
fn invalid_object<'py>(py: Python<'py>, err: PyErr, input: &impl Input<'py>) -> ValError {
    let value = err.value(py);
    let type_name = value.get_type().qualname().map(|n| n.to_string()).unwrap_or_else(|_| "Unknown Error".into());
    let text = value.str().map(|s| s.to_string()).unwrap_or_else(|_| "<exception str() failed>".into());
    let error = if text.is_empty() { type_name } else { format!("{type_name}: {text}") };
    ValError::new(ErrorKind::DatetimeObjectInvalid { error: error.into() }, input)
}

/// Lax mode: a date (or text that parses as one) at midnight. Err(None) keeps
/// the datetime error; a date parsing error is reported as pydantic words it.
fn datetime_from_date<'py>(input: &impl Input<'py>) -> Result<EitherDateTime<'py>, Option<ValError>> {
    match input.validate_date(false) {
        Ok(date) => {
            let time = Time { hour: 0, minute: 0, second: 0, microsecond: 0, tz_offset: None };
            Ok(EitherDateTime::Raw(DateTime { date: date.as_raw(), time }))
        }
        Err(ValError::Lines(lines)) => Err(reword_lines(lines, |kind| match kind {
            ErrorKind::DateParsing { error } => Some(ErrorKind::DatetimeFromDateParsing { error: error.clone() }),
            _ => None,
        })),
        Err(ValError::Internal(_)) => Err(None),
    }
}

/// The lines with each kind `reword` maps replaced, or None when it maps none.
#[cold]
pub(super) fn reword_lines(
    mut lines: Vec<crate::errors::LineError>,
    reword: impl Fn(&ErrorKind) -> Option<ErrorKind>,
) -> Option<ValError> {
    let mut any = false;
    for line in &mut lines {
        if let Some(kind) = reword(&line.kind) {
            line.kind = kind;
            any = true;
        }
    }
    any.then_some(ValError::Lines(lines))
}
