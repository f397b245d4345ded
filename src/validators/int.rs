//! `int`: lax or strict, with bounds and multiple_of. Bounds that fit an `i64`
//! are normalised (`gt=5` becomes min 6); values and bounds beyond 64 bits are
//! compared exactly as Python ints.

use jiter::Peek;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt};
use satya_jit::{CheckKind, Origin};

use super::checks::{int_text, shared_bound, CheckError, LeafCheck, LeafChecks};
use super::{BuildContext, node_get, node_strict, State, Validator};
use crate::batch::{JsonReader, Native};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Target;
use crate::input::{Input, IntValue};

#[derive(Debug)]
pub struct IntValidator {
    strict: bool,
}

impl IntValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let bounds = IntBound::read_all(node)?;
        if bounds.is_empty() {
            return Ok(Validator::Int(IntValidator { strict }));
        }
        let program = normalise(&bounds);
        Ok(Validator::ConstrainedInt(ConstrainedIntValidator { strict, bounds, program }))
    }

    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let value = input.validate_int(py, state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Int));
        Ok(value.into_object())
    }

    /// Off the GIL (see `Validator::native`).
    #[inline]
    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        json.int(peek).map(Native::Int)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    MultipleOf,
    Le,
    Lt,
    Ge,
    Gt,
}

#[derive(Debug)]
struct IntBound {
    op: Op,
    value: Py<PyAny>,
    error: ErrorKind,
}

impl IntBound {
    /// Reads the bounds in the order pydantic checks them.
    fn read_all(node: &Bound<'_, PyDict>) -> PyResult<Vec<IntBound>> {
        let Some(constraints) = node_get(node, "constraints")? else {
            return Ok(Vec::new());
        };
        let constraints = constraints.cast::<PyDict>()?;
        let mut out = Vec::new();
        for (key, op) in [("multiple_of", Op::MultipleOf), ("le", Op::Le), ("lt", Op::Lt), ("ge", Op::Ge), ("gt", Op::Gt)] {
            if let Some(value) = node_get(constraints, key)? {
                let value = value.cast::<PyInt>()?.clone().into_any();
                if op == Op::MultipleOf && value.le(0)? {
                    return Err(pyo3::exceptions::PyValueError::new_err("multiple_of must be greater than 0"));
                }
                let bound = shared_bound(value.clone().unbind(), int_text(&value)?);
                let error = match op {
                    Op::MultipleOf => ErrorKind::MultipleOf(bound),
                    Op::Le => ErrorKind::LessThanEqual(bound),
                    Op::Lt => ErrorKind::LessThan(bound),
                    Op::Ge => ErrorKind::GreaterThanEqual(bound),
                    Op::Gt => ErrorKind::GreaterThan(bound),
                };
                out.push(IntBound { op, value: value.unbind(), error });
            }
        }
        Ok(out)
    }
}

/// The 64-bit checks for `bounds`, or None when one of them does not fit.
fn normalise(bounds: &[IntBound]) -> Option<LeafChecks> {
    Python::attach(|py| {
        let mut checks = Vec::with_capacity(bounds.len());
        for b in bounds {
            let v: i64 = b.value.bind(py).extract().ok()?;
            let (kind, origin) = match b.op {
                Op::MultipleOf if v == 0 => return None,
                Op::MultipleOf => (CheckKind::IntMultipleOf(v), Origin::MultipleOf),
                Op::Le => (CheckKind::IntMax(v), Origin::Le),
                Op::Lt => (CheckKind::IntMax(v.checked_sub(1)?), Origin::Lt),
                Op::Ge => (CheckKind::IntMin(v), Origin::Ge),
                Op::Gt => (CheckKind::IntMin(v.checked_add(1)?), Origin::Gt),
            };
            checks.push(LeafCheck { kind, origin, error: CheckError::Bound(b.error.clone()) });
        }
        Some(LeafChecks(checks))
    })
}

#[derive(Debug)]
pub struct ConstrainedIntValidator {
    strict: bool,
    bounds: Vec<IntBound>,
    program: Option<LeafChecks>,
}

impl ConstrainedIntValidator {
    pub fn program_checks(&self) -> Option<&LeafChecks> {
        self.program.as_ref()
    }

    pub fn check_count(&self) -> usize {
        self.bounds.len()
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let (obj, slot) = self.validate_deferred(py, input, state)?;
        if let (Some(bits), Some(checks)) = (slot, &self.program) {
            if let Some(kind) = checks.first_failure(bits) {
                return Err(ValError::new(kind, input));
            }
        }
        Ok(obj)
    }

    #[inline(always)]
    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        let value = input.validate_int(py, state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Int));
        match value {
            IntValue::Small(v, obj) if self.program.is_some() => Ok((obj, Some(v as u64))),
            IntValue::Small(_, obj) | IntValue::Big(obj) => {
                self.check_exact(input, &obj)?;
                Ok((obj, None))
            }
        }
    }

    /// Off the GIL: a JSON int with its slot; bounds beyond 64 bits need Python.
    #[inline]
    pub fn native_deferred<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<(Native<'d>, Option<u64>)> {
        self.program.as_ref()?;
        let i = json.int(peek)?;
        Some((Native::Int(i), Some(i as u64)))
    }

    #[inline]
    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        let (value, bits) = self.native_deferred(json, peek)?;
        self.program.as_ref()?.passes(bits?).then_some(value)
    }

    /// Compares a Python int with every bound exactly; nothing is truncated.
    #[cold]
    fn check_exact<'py>(&self, input: &impl Input<'py>, value: &Bound<'py, PyAny>) -> ValResult<()> {
        for b in &self.bounds {
            let bound = b.value.bind(value.py());
            let ok = match b.op {
                Op::MultipleOf => value.rem(bound)?.eq(0)?,
                Op::Le => value.le(bound)?,
                Op::Lt => value.lt(bound)?,
                Op::Ge => value.ge(bound)?,
                Op::Gt => value.gt(bound)?,
            };
            if !ok {
                return Err(ValError::new(b.error.clone(), input));
            }
        }
        Ok(())
    }
}
