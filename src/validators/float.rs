//! `float`: lax or strict, with bounds and multiple_of. NaN and the infinities
//! pass a plain float and fail the bounds they do not satisfy.

use jiter::Peek;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat};
use satya_jit::{CheckKind, Origin};

use super::checks::{shared_bound, CheckError, LeafCheck, LeafChecks};
use super::{BuildContext, node_get, node_strict, State, Validator};
use crate::batch::{JsonReader, Native};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Target;
use crate::input::Input;

#[derive(Debug)]
pub struct FloatValidator {
    strict: bool,
}

impl FloatValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let checks = read_checks(node)?;
        let allow_inf_nan = match node_get(node, "allow_inf_nan")? {
            Some(v) => v.is_truthy()?,
            None => true,
        };
        if checks.is_empty() && allow_inf_nan {
            Ok(Validator::Float(FloatValidator { strict }))
        } else {
            Ok(Validator::ConstrainedFloat(ConstrainedFloatValidator { strict, checks, allow_inf_nan }))
        }
    }

    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let (_, value) = input.validate_float(py, state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Float));
        Ok(value)
    }

    /// Off the GIL (see `Validator::native`).
    #[inline]
    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        json.float(peek).map(Native::Float)
    }
}

/// Reads the bounds in the order pydantic checks them.
fn read_checks(node: &Bound<'_, PyDict>) -> PyResult<LeafChecks> {
    let Some(constraints) = node_get(node, "constraints")? else {
        return Ok(LeafChecks::default());
    };
    let constraints = constraints.cast::<PyDict>()?;
    let py = node.py();
    let mut checks = Vec::new();
    for key in ["multiple_of", "le", "lt", "ge", "gt"] {
        let Some(value) = node_get(constraints, key)? else { continue };
        let v: f64 = value.extract()?;
        // ctx holds the bound as a float; the message prints it without a trailing ".0"
        let bound = shared_bound(PyFloat::new(py, v).into_any().unbind(), format!("{v}"));
        let (kind, origin, error) = match key {
            "multiple_of" => (CheckKind::FloatMultipleOf(v), Origin::MultipleOf, ErrorKind::MultipleOf(bound)),
            "le" => (CheckKind::FloatLe(v), Origin::Le, ErrorKind::LessThanEqual(bound)),
            "lt" => (CheckKind::FloatLt(v), Origin::Lt, ErrorKind::LessThan(bound)),
            "ge" => (CheckKind::FloatGe(v), Origin::Ge, ErrorKind::GreaterThanEqual(bound)),
            _ => (CheckKind::FloatGt(v), Origin::Gt, ErrorKind::GreaterThan(bound)),
        };
        checks.push(LeafCheck { kind, origin, error: CheckError::Bound(error) });
    }
    Ok(LeafChecks(checks))
}

#[derive(Debug)]
pub struct ConstrainedFloatValidator {
    strict: bool,
    checks: LeafChecks,
    /// `allow_inf_nan=False`: NaN and the infinities are finite_number errors,
    /// reported before any bound.
    allow_inf_nan: bool,
}

impl ConstrainedFloatValidator {
    pub fn checks(&self) -> &LeafChecks {
        &self.checks
    }

    /// The finiteness check, which runs inline rather than in a Program.
    pub fn finite_check_count(&self) -> usize {
        !self.allow_inf_nan as usize
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let (obj, bits) = self.validate_deferred(py, input, state)?;
        match bits.and_then(|bits| self.checks.first_failure(bits)) {
            Some(kind) => Err(ValError::new(kind, input)),
            None => Ok(obj),
        }
    }

    #[inline(always)]
    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        let (value, obj) = input.validate_float(py, state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Float));
        if !self.allow_inf_nan && !value.is_finite() {
            return Err(ValError::new(ErrorKind::FiniteNumber, input));
        }
        let slot = if self.checks.is_empty() { None } else { Some(value.to_bits()) };
        Ok((obj, slot))
    }

    /// Off the GIL: the value and its slot, or None when it is not finite but must be.
    #[inline]
    pub fn native_deferred<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<(Native<'d>, Option<u64>)> {
        let f = json.float(peek)?;
        if !self.allow_inf_nan && !f.is_finite() {
            return None;
        }
        Some((Native::Float(f), (!self.checks.is_empty()).then_some(f.to_bits())))
    }

    #[inline]
    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        let (value, bits) = self.native_deferred(json, peek)?;
        bits.is_none_or(|bits| self.checks.passes(bits)).then_some(value)
    }
}
