//! `timedelta`, with the bounds. Lax mode also takes ISO 8601 durations and
//! seconds as numbers. A bound's error names the validated timedelta, as
//! pydantic's does, and prints the bound in words ("1 day and 2 hours").

use pyo3::prelude::*;
use pyo3::types::{PyDeltaAccess, PyDict};
use speedate::Duration;

use super::checks::LeafChecks;
use super::temporal_bounds::TemporalBounds;
use super::{node_strict, BuildContext, State, Validator};
use crate::errors::{ValError, ValResult};
use crate::input::Target;
use crate::input::{duration_to_python, parse_duration, Input};
use crate::batch::{JsonReader, Native};
use jiter::Peek;

#[derive(Debug)]
pub struct TimedeltaValidator {
    strict: bool,
    bounds: Option<TemporalBounds<Duration>>,
    /// The bounds as checks over `slot` for the model's Program; None when a
    /// bound does not fit 64 bits.
    program: Option<LeafChecks>,
}

/// A duration's slot: twice its signed microseconds, plus one when it is
/// positive, so that the slots order as speedate orders durations (a
/// positive zero after a negative one). None beyond 64 bits.
fn slot(duration: &Duration) -> Option<i64> {
    let micros = i64::from(duration.day)
        .checked_mul(86_400_000_000)?
        .checked_add(i64::from(duration.second).checked_mul(1_000_000)?)?
        .checked_add(i64::from(duration.microsecond))?;
    let signed = if duration.positive { micros } else { -micros };
    signed.checked_mul(2)?.checked_add(i64::from(duration.positive))
}

impl TimedeltaValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let py = node.py();
        let bounds = TemporalBounds::read(node, "timedelta", |value| {
            Ok(match value.validate_timedelta(false) {
                Ok(d) => {
                    let raw = d.as_raw()?;
                    let delta = duration_to_python(py, &raw)?;
                    let words = in_words(delta.get_days().into(), delta.get_seconds().into(), delta.get_microseconds().into());
                    Some((raw, words))
                }
                Err(_) => None,
            })
        })?;
        let program = bounds.as_ref().and_then(|b| b.leaf_checks(slot));
        Ok(Validator::Timedelta(TimedeltaValidator { strict: node_strict(node)?, bounds, program }))
    }

    pub fn check_count(&self) -> usize {
        self.bounds.as_ref().map_or(0, |b| b.len())
    }

    pub fn program_checks(&self) -> Option<&LeafChecks> {
        self.program.as_ref()
    }

    /// Like `validate`, but leaves the bounds to the model's Program: the
    /// timedelta and its slot (checked here when it has none).
    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        if self.program.is_none() {
            return Ok((self.validate(py, input, state)?, None));
        }
        let duration = input.validate_timedelta(state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Timedelta));
        let raw = duration.as_raw()?;
        match slot(&raw) {
            Some(slot) => Ok((duration.into_python(py)?, Some(slot as u64))),
            None => Ok((self.checked(duration.into_python(py)?, &raw)?, None)),
        }
    }

    /// Off the GIL: a JSON string that parses as a duration Python holds,
    /// with its slot when the Program checks the bounds.
    pub fn native_deferred<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<(Native<'d>, Option<u64>)> {
        let duration = parse_duration(json.str(peek)?.as_bytes()).ok().filter(|d| d.day <= 999_999_999)?;
        let slot = match (&self.program, &self.bounds) {
            (Some(_), _) => Some(slot(&duration)? as u64),
            (None, Some(_)) => return None,
            (None, None) => None,
        };
        Some((Native::Duration(duration), slot))
    }

    pub fn has_native(&self) -> bool {
        self.bounds.is_none() || self.program.is_some()
    }

    fn checked<'py>(&self, value: Bound<'py, PyAny>, raw: &Duration) -> ValResult<Bound<'py, PyAny>> {
        match self.bounds.as_ref().and_then(|b| b.first_failure(raw)) {
            Some(kind) => Err(ValError::new(kind, &value)),
            None => Ok(value),
        }
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let duration = input.validate_timedelta(state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Timedelta));
        let Some(bounds) = &self.bounds else { return Ok(duration.into_python(py)?) };
        let raw = duration.as_raw()?;
        let value = duration.into_python(py)?;
        match bounds.first_failure(&raw) {
            Some(kind) => Err(ValError::new(kind, &value)),
            None => Ok(value),
        }
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A timedelta's parts as pydantic prints a bound: the nonzero ones, joined
/// by "and" (days may be negative; seconds and microseconds never are).
fn in_words(days: i64, seconds: i64, micros: i64) -> String {
    let parts = [
        (days, "day"),
        (seconds / 3600, "hour"),
        ((seconds % 3600) / 60, "minute"),
        (seconds % 60, "second"),
        (micros, "microsecond"),
    ];
    let words: Vec<String> =
        parts.iter().filter(|(n, _)| *n != 0).map(|(n, unit)| format!("{n} {unit}{}", plural(*n))).collect();
    if words.is_empty() {
        "0 seconds".into()
    } else {
        words.join(" and ")
    }
}

#[cfg(test)]
mod tests {
    use super::{in_words, slot};
    use speedate::Duration;

    /// Slots order exactly as speedate orders durations, a negative zero included.
    #[test]
    fn slots_order_as_speedate_orders() {
        let texts = ["P1D", "-P1D", "PT0S", "-PT0S", "PT0.000001S", "-PT0.000001S", "P1DT1S", "PT86400S", "-P2DT3H", "P999D"];
        let durations: Vec<Duration> = texts.iter().map(|t| Duration::parse_str(t).expect("a duration")).collect();
        for a in &durations {
            for b in &durations {
                assert_eq!(slot(a).unwrap().cmp(&slot(b).unwrap()), a.partial_cmp(b).unwrap(), "{a} against {b}");
            }
        }
    }

    #[test]
    fn bounds_print_as_pydantic_prints_them() {
        assert_eq!(in_words(0, 0, 0), "0 seconds");
        assert_eq!(in_words(1, 0, 0), "1 day");
        assert_eq!(in_words(-1, 86_399, 0), "-1 days and 23 hours and 59 minutes and 59 seconds");
        assert_eq!(in_words(2, 3_661, 5), "2 days and 1 hour and 1 minute and 1 second and 5 microseconds");
    }
}
