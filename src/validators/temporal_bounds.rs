//! gt / ge / lt / le of a date, datetime, time or timedelta field: each bound
//! is read once into speedate's form, compared with speedate's ordering, and
//! reported as pydantic reports it (ctx holds the bound's text, not the object).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use satya_jit::{CheckKind, Origin};

use super::checks::{shared_bound, CheckError, LeafCheck, LeafChecks};
use super::node_get;
use crate::errors::{BoundValue, ErrorKind};

type SharedBound = std::sync::Arc<BoundValue>;

#[derive(Debug, Clone, Copy)]
enum Op {
    Le,
    Lt,
    Ge,
    Gt,
}

/// The bounds of one field, in the order pydantic checks them.
#[derive(Debug)]
pub struct TemporalBounds<T> {
    checks: Vec<(Op, T, SharedBound)>,
}

impl<T: PartialOrd> TemporalBounds<T> {
    /// Reads the node's bounds; `read` gives a bound's value and its text, or
    /// None when the bound is not of the field's type.
    pub fn read(
        node: &Bound<'_, PyDict>,
        type_name: &str,
        read: impl Fn(&Bound<'_, PyAny>) -> PyResult<Option<(T, String)>>,
    ) -> PyResult<Option<Self>> {
        let Some(constraints) = node_get(node, "constraints")? else { return Ok(None) };
        let constraints = constraints.cast::<PyDict>()?;
        let mut checks = Vec::new();
        for (key, op) in [("le", Op::Le), ("lt", Op::Lt), ("ge", Op::Ge), ("gt", Op::Gt)] {
            let Some(value) = node_get(constraints, key)? else { continue };
            let (bound, text) = read(&value)?
                .ok_or_else(|| PyValueError::new_err(format!("'{key}' must be coercible to a {type_name} instance")))?;
            let shown = shared_bound(PyString::new(node.py(), &text).into_any().unbind(), text);
            checks.push((op, bound, shown));
        }
        Ok((!checks.is_empty()).then_some(TemporalBounds { checks }))
    }

    /// The error of the first bound `value` breaks.
    pub fn first_failure(&self, value: &T) -> Option<ErrorKind> {
        for (op, bound, shown) in &self.checks {
            let passes = match op {
                Op::Le => value <= bound,
                Op::Lt => value < bound,
                Op::Ge => value >= bound,
                Op::Gt => value > bound,
            };
            if !passes {
                return Some(failure(*op, shown));
            }
        }
        None
    }

    /// The bounds as int checks over a value's slot (`slot` of the value), for
    /// the model's Program; None when a bound has no slot.
    pub fn leaf_checks(&self, slot: impl Fn(&T) -> Option<i64>) -> Option<LeafChecks> {
        let mut checks = Vec::new();
        for (op, bound, shown) in &self.checks {
            let v = slot(bound)?;
            let (kind, origin) = match op {
                Op::Le => (CheckKind::IntMax(v), Origin::Le),
                Op::Lt => (CheckKind::IntMax(v.checked_sub(1)?), Origin::Lt),
                Op::Ge => (CheckKind::IntMin(v), Origin::Ge),
                Op::Gt => (CheckKind::IntMin(v.checked_add(1)?), Origin::Gt),
            };
            checks.push(LeafCheck { kind, origin, error: CheckError::Bound(failure(*op, shown)) });
        }
        Some(LeafChecks(checks))
    }

    pub fn len(&self) -> usize {
        self.checks.len()
    }

    /// The bounds' values.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.checks.iter().map(|(_, value, _)| value)
    }
}

#[cold]
fn failure(op: Op, bound: &SharedBound) -> ErrorKind {
    let bound = bound.clone();
    match op {
        Op::Le => ErrorKind::LessThanEqual(bound),
        Op::Lt => ErrorKind::LessThan(bound),
        Op::Ge => ErrorKind::GreaterThanEqual(bound),
        Op::Gt => ErrorKind::GreaterThan(bound),
    }
}

/// The first of the bounds and of `now_op` that `value` fails, in pydantic's
/// order; `now` gives the current date or time, asked only for `now_op`.
pub fn first_failure<T: PartialOrd>(
    bounds: Option<&TemporalBounds<T>>,
    now_op: Option<NowOp>,
    value: &T,
    now: impl FnOnce() -> PyResult<T>,
    (past, future): (ErrorKind, ErrorKind),
) -> PyResult<Option<ErrorKind>> {
    if let Some(kind) = bounds.and_then(|b| b.first_failure(value)) {
        return Ok(Some(kind));
    }
    let Some(op) = now_op else { return Ok(None) };
    if op.passes(value.partial_cmp(&now()?)) {
        return Ok(None);
    }
    Ok(Some(if op == NowOp::Past { past } else { future }))
}

/// `now_op` of PastDate, FutureDatetime and the like.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NowOp {
    Past,
    Future,
}

impl NowOp {
    pub fn read(node: &Bound<'_, PyDict>) -> PyResult<Option<Self>> {
        let Some(constraints) = node_get(node, "constraints")? else { return Ok(None) };
        let Some(op) = node_get(constraints.cast::<PyDict>()?, "now_op")? else { return Ok(None) };
        match op.extract::<String>()?.as_str() {
            "past" => Ok(Some(NowOp::Past)),
            "future" => Ok(Some(NowOp::Future)),
            other => Err(PyValueError::new_err(format!("Invalid now_op {other:?}"))),
        }
    }

    /// Whether a value ordered `ordering` against now passes (equal never does).
    pub fn passes(self, ordering: Option<std::cmp::Ordering>) -> bool {
        match ordering {
            Some(std::cmp::Ordering::Less) => self == NowOp::Past,
            Some(std::cmp::Ordering::Greater) => self == NowOp::Future,
            Some(std::cmp::Ordering::Equal) => false,
            None => true,
        }
    }
}
