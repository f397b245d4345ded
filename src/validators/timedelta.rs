//! `timedelta`, with the bounds. Lax mode also takes ISO 8601 durations and
//! seconds as numbers. A bound's error names the validated timedelta, as
//! pydantic's does, and prints the bound in words ("1 day and 2 hours").

use pyo3::prelude::*;
use pyo3::types::{PyDelta, PyDeltaAccess, PyDict};
use speedate::Duration;

use super::temporal_bounds::TemporalBounds;
use super::{node_strict, BuildContext, State, Validator};
use crate::errors::{ValError, ValResult};
use crate::input::{duration_to_python, Input};

#[derive(Debug)]
pub struct TimedeltaValidator {
    strict: bool,
    bounds: Option<TemporalBounds<Duration>>,
}

impl TimedeltaValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let py = node.py();
        let bounds = TemporalBounds::read(node, "timedelta", |value| {
            Ok(match value.validate_timedelta(false) {
                Ok(d) => {
                    let raw = d.as_raw()?;
                    let words = in_words(&duration_to_python(py, &raw)?);
                    Some((raw, words))
                }
                Err(_) => None,
            })
        })?;
        Ok(Validator::Timedelta(TimedeltaValidator { strict: node_strict(node)?, bounds }))
    }

    pub fn check_count(&self) -> usize {
        self.bounds.as_ref().map_or(0, |b| b.len())
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &State) -> ValResult<Bound<'py, PyAny>> {
        let duration = input.validate_timedelta(state.strict_or(self.strict))?;
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

/// A timedelta as pydantic prints a bound: its nonzero parts joined by "and".
fn in_words(delta: &Bound<'_, PyDelta>) -> String {
    let seconds = delta.get_seconds() as i64;
    let parts = [
        (delta.get_days() as i64, "day"),
        (seconds / 3600, "hour"),
        ((seconds % 3600) / 60, "minute"),
        (seconds % 60, "second"),
        (delta.get_microseconds() as i64, "microsecond"),
    ];
    let words: Vec<String> =
        parts.iter().filter(|(n, _)| *n != 0).map(|(n, unit)| format!("{n} {unit}{}", plural(*n))).collect();
    if words.is_empty() {
        "0 seconds".into()
    } else {
        words.join(" and ")
    }
}
