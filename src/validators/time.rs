//! `time`, with the bounds. Lax mode also takes seconds since midnight.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use speedate::Time;

use super::temporal_bounds::TemporalBounds;
use super::{node_strict, BuildContext, State, Validator};
use crate::errors::{ValError, ValResult};
use crate::input::Target;
use crate::input::{offset_in_range, parse_time, Input};
use crate::batch::{JsonReader, Native};
use jiter::Peek;

#[derive(Debug)]
pub struct TimeValidator {
    strict: bool,
    bounds: Option<TemporalBounds<Time>>,
}

impl TimeValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let bounds = TemporalBounds::read(node, "time", |value| {
            Ok(match value.validate_time(false) {
                Ok(t) => {
                    let raw = t.as_raw()?;
                    Some((raw, raw.to_string()))
                }
                Err(_) => None,
            })
        })?;
        Ok(Validator::Time(TimeValidator { strict: node_strict(node)?, bounds }))
    }

    pub fn check_count(&self) -> usize {
        self.bounds.as_ref().map_or(0, |b| b.len())
    }

    /// Off the GIL: a JSON string that parses as a time, when no bound applies.
    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        if self.bounds.is_some() {
            return None;
        }
        let time = parse_time(json.str(peek)?.as_bytes()).ok()?;
        offset_in_range(time.tz_offset).then_some(Native::Time(time))
    }

    pub fn has_native(&self) -> bool {
        self.bounds.is_none()
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let time = input.validate_time(state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Time));
        if let Some(bounds) = &self.bounds {
            if let Some(kind) = bounds.first_failure(&time.as_raw()?) {
                return Err(ValError::new(kind, input));
            }
        }
        Ok(time.into_python(py)?)
    }
}
