//! Normalised checks of one value, each with the error it reports. A field at
//! the top level of a model hands these to the model's `Program`; anywhere else
//! the validator runs them itself with the interpreter's `passes`.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use satya_jit::{interp, CheckKind, Origin};

use super::node_get;
use crate::errors::{BoundValue, ErrorKind};

/// What a failing check reports. Lengths take the actual length from the slot.
#[derive(Debug, Clone)]
pub enum CheckError {
    Bound(ErrorKind),
    StrLen { min: bool, limit: u64 },
    BytesLen { min: bool, limit: u64 },
    SeqLen { min: bool, limit: u64, field_type: &'static str },
}

impl CheckError {
    #[cold]
    pub fn to_kind(&self, bits: u64) -> ErrorKind {
        match self {
            CheckError::Bound(kind) => kind.clone(),
            CheckError::StrLen { min: true, limit } => ErrorKind::StringTooShort { min_length: *limit },
            CheckError::StrLen { min: false, limit } => ErrorKind::StringTooLong { max_length: *limit },
            CheckError::BytesLen { min: true, limit } => ErrorKind::BytesTooShort { min_length: *limit },
            CheckError::BytesLen { min: false, limit } => ErrorKind::BytesTooLong { max_length: *limit },
            CheckError::SeqLen { min: true, limit, field_type } => {
                ErrorKind::TooShort { field_type: (*field_type).into(), min_length: *limit, actual_length: bits }
            }
            CheckError::SeqLen { min: false, limit, field_type } => {
                ErrorKind::TooLong { field_type: (*field_type).into(), max_length: *limit, actual_length: bits }
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct LeafCheck {
    pub kind: CheckKind,
    pub origin: Origin,
    pub error: CheckError,
}

/// The checks of one value, in the order pydantic reports them: only the first
/// failing one becomes an error.
#[derive(Debug, Clone, Default)]
pub struct LeafChecks(pub Vec<LeafCheck>);

impl LeafChecks {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether every check passes; builds no error (for work off the GIL).
    #[inline]
    pub fn passes(&self, bits: u64) -> bool {
        self.0.iter().all(|c| interp::passes(c.kind, bits))
    }

    /// `value` when its length (`len`) passes `checks`, or when nothing is checked.
    #[inline]
    pub fn admit<T>(checks: Option<&LeafChecks>, len: Option<u64>, value: T) -> Option<T> {
        match (checks, len) {
            (Some(checks), Some(len)) => checks.passes(len).then_some(value),
            _ => Some(value),
        }
    }

    #[inline]
    pub fn first_failure(&self, bits: u64) -> Option<ErrorKind> {
        self.0
            .iter()
            .find(|c| !interp::passes(c.kind, bits))
            .map(|c| c.error.to_kind(bits))
    }

    /// The `min_length` / `max_length` checks of a type node, or None when it
    /// has neither.
    pub fn read_lengths(node: &Bound<'_, PyDict>, error: impl Fn(bool, u64) -> CheckError) -> PyResult<Option<Self>> {
        let Some(constraints) = node_get(node, "constraints")? else {
            return Ok(None);
        };
        let constraints = constraints.cast::<PyDict>()?;
        let min: Option<u64> = node_get(constraints, "min_length")?.map(|v| v.extract()).transpose()?;
        let max: Option<u64> = node_get(constraints, "max_length")?.map(|v| v.extract()).transpose()?;
        Ok(Some(Self::lengths(min, max, error)).filter(|c| !c.is_empty()))
    }

    /// Length checks for `min_length` / `max_length`.
    pub fn lengths(
        min: Option<u64>,
        max: Option<u64>,
        error: impl Fn(bool, u64) -> CheckError,
    ) -> Self {
        let mut checks = Vec::new();
        if let Some(min) = min {
            checks.push(LeafCheck { kind: CheckKind::LenMin(min), origin: Origin::MinLength, error: error(true, min) });
        }
        if let Some(max) = max {
            checks.push(LeafCheck { kind: CheckKind::LenMax(max), origin: Origin::MaxLength, error: error(false, max) });
        }
        LeafChecks(checks)
    }
}

pub fn shared_bound(value: Py<PyAny>, display: String) -> Arc<BoundValue> {
    Arc::new(BoundValue { value, display })
}

/// The decimal text of a Python int of any size: `str()` refuses ints beyond
/// 4300 digits, so those are read through their hex form, which has no limit.
pub fn int_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = value.str() {
        return Ok(text.to_string());
    }
    let hex: String = value.call_method1("__format__", ("x",))?.extract()?;
    let (negative, digits) = match hex.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, hex.as_str()),
    };
    let magnitude = num_bigint::BigUint::parse_bytes(digits.as_bytes(), 16)
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("unreadable int"))?;
    Ok(if negative { format!("-{magnitude}") } else { magnitude.to_string() })
}
