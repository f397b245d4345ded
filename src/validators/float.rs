//! `float`: lax or strict, with bounds and multiple_of. NaN and the infinities
//! pass a plain float and fail the bounds they do not satisfy.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat};
use satya_jit::{CheckKind, Origin};

use super::checks::{shared_bound, CheckError, LeafCheck, LeafChecks};
use super::{BuildContext, node_get, node_strict, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::coerce_float;

#[derive(Debug)]
pub struct FloatValidator {
    strict: bool,
}

impl FloatValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let checks = read_checks(node)?;
        if checks.is_empty() {
            Ok(Validator::Float(FloatValidator { strict }))
        } else {
            Ok(Validator::ConstrainedFloat(ConstrainedFloatValidator { strict, checks }))
        }
    }

    #[inline]
    pub fn validate<'py>(&self, input: &Bound<'py, PyAny>) -> ValResult<Bound<'py, PyAny>> {
        Ok(coerce_float(input, self.strict)?.1)
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
}

impl ConstrainedFloatValidator {
    pub fn checks(&self) -> &LeafChecks {
        &self.checks
    }

    pub fn validate<'py>(&self, input: &Bound<'py, PyAny>) -> ValResult<Bound<'py, PyAny>> {
        let (value, obj) = coerce_float(input, self.strict)?;
        match self.checks.first_failure(value.to_bits()) {
            Some(kind) => Err(ValError::new(kind, input)),
            None => Ok(obj),
        }
    }

    #[inline]
    pub fn validate_deferred<'py>(&self, input: &Bound<'py, PyAny>) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        let (value, obj) = coerce_float(input, self.strict)?;
        Ok((obj, Some(value.to_bits())))
    }
}
