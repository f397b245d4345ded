//! `Decimal`: made by Python's `decimal.Decimal` from what pydantic's table
//! accepts, then checked as pydantic checks it: finiteness, digits and places,
//! multiple_of, bounds. The arithmetic is Python's own, in the thread's
//! decimal context, so every answer is exact and the same as pydantic's.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};

use super::checks::shared_bound;
use super::decimal_digits as digits;
use super::{BuildContext, node_get, node_strict, State, Validator};
use crate::batch::{JsonReader, Native};
use jiter::Peek;
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Target;
use crate::input::{decimal_type as decimal_class, DecimalInput, Input};

#[derive(Debug)]
struct DecimalBound {
    /// The comparison the value must pass against `value`.
    op: CompareOp,
    value: Py<PyAny>,
    error: ErrorKind,
}

#[derive(Debug)]
pub struct DecimalValidator {
    strict: bool,
    allow_inf_nan: bool,
    max_digits: Option<u64>,
    decimal_places: Option<u64>,
    multiple_of: Option<(Py<PyAny>, ErrorKind)>,
    /// In the order pydantic checks them: le, lt, ge, gt.
    bounds: Vec<DecimalBound>,
}

fn decimal_exception(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static EXCEPTION: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    EXCEPTION.import(py, "decimal", "DecimalException")
}

impl DecimalValidator {
    /// The node's bounds are Decimals already (made by the metaclass, which
    /// refuses what `Decimal` cannot hold).
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let allow_inf_nan = match node_get(node, "allow_inf_nan")? {
            Some(v) => v.is_truthy()?,
            None => false,
        };
        let mut validator = DecimalValidator {
            strict: node_strict(node)?,
            allow_inf_nan,
            max_digits: None,
            decimal_places: None,
            multiple_of: None,
            bounds: Vec::new(),
        };
        let Some(constraints) = node_get(node, "constraints")? else {
            return Ok(Validator::Decimal(validator));
        };
        let constraints = constraints.cast::<PyDict>()?;
        validator.max_digits = node_get(constraints, "max_digits")?.map(|v| v.extract()).transpose()?;
        validator.decimal_places = node_get(constraints, "decimal_places")?.map(|v| v.extract()).transpose()?;
        let bound = |key: &str| -> PyResult<Option<(Py<PyAny>, std::sync::Arc<crate::errors::BoundValue>)>> {
            let Some(value) = node_get(constraints, key)? else { return Ok(None) };
            if !value.is_exact_instance(decimal_class(node.py())?) {
                return Err(PyTypeError::new_err(format!("decimal bound {key} must be a Decimal")));
            }
            let shared = shared_bound(value.clone().unbind(), value.str()?.to_string());
            Ok(Some((value.unbind(), shared)))
        };
        if let Some((value, shared)) = bound("multiple_of")? {
            validator.multiple_of = Some((value, ErrorKind::MultipleOf(shared)));
        }
        let orders: [(&str, CompareOp, fn(_) -> ErrorKind); 4] = [
            ("le", CompareOp::Le, ErrorKind::LessThanEqual),
            ("lt", CompareOp::Lt, ErrorKind::LessThan),
            ("ge", CompareOp::Ge, ErrorKind::GreaterThanEqual),
            ("gt", CompareOp::Gt, ErrorKind::GreaterThan),
        ];
        for (key, op, error) in orders {
            if let Some((value, shared)) = bound(key)? {
                validator.bounds.push(DecimalBound { op, value, error: error(shared) });
            }
        }
        Ok(Validator::Decimal(validator))
    }

    /// How many checks run on each value (finiteness counts as one).
    pub fn check_count(&self) -> usize {
        let digits = self.max_digits.is_some() as usize + self.decimal_places.is_some() as usize;
        digits + self.multiple_of.is_some() as usize + self.bounds.len() + !self.allow_inf_nan as usize
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let decimal = input.validate_decimal(py, state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Decimal));
        let check_digits = self.max_digits.is_some() || self.decimal_places.is_some();
        // a plain number's text gives its digits without asking the Decimal
        let mut from_text = None;
        let decimal = match decimal {
            DecimalInput::Exact(decimal) => decimal,
            DecimalInput::Construct(arg) => {
                if check_digits || !self.allow_inf_nan {
                    from_text = arg.cast::<PyString>().ok().and_then(|s| s.to_str().ok()).and_then(digits::from_text);
                }
                construct(&arg, input)?
            }
            DecimalInput::JsonFloat(value) => {
                let text = match state.json_source.as_mut().and_then(|source| source.float_text(value)) {
                    Some(text) => PyString::new(py, text),
                    None => PyString::new(py, &float_text(value)),
                };
                if check_digits || !self.allow_inf_nan {
                    from_text = text.to_str().ok().and_then(digits::from_text);
                }
                construct(text.as_any(), input)?
            }
        };
        self.check(py, &decimal, from_text, input)?;
        Ok(decimal)
    }

    /// Off the GIL: a JSON string holding a plain number whose digits pass,
    /// when no check needs Python's arithmetic.
    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        if !self.has_native() {
            return None;
        }
        let text = json.str(peek)?;
        let digits = digits::from_text(&text)?;
        if self.digits_failure(digits).is_some() {
            return None;
        }
        Some(Native::Decimal(text))
    }

    pub fn has_native(&self) -> bool {
        self.multiple_of.is_none() && self.bounds.is_empty()
    }

    /// `from_text`: the digits of a finite value, read from its text.
    fn check<'py>(&self, py: Python<'py>, decimal: &Bound<'py, PyAny>, from_text: Option<digits::Digits>, input: &impl Input<'py>) -> ValResult<()> {
        let check_digits = self.max_digits.is_some() || self.decimal_places.is_some();
        if !self.allow_inf_nan || check_digits {
            if from_text.is_none() && !decimal.call_method0(pyo3::intern!(py, "is_finite"))?.is_truthy()? {
                return Err(ValError::new(ErrorKind::FiniteNumber, input));
            }
            if check_digits {
                if let Some(kind) = from_text.or_else(|| digits::from_decimal(decimal)).and_then(|d| self.digits_failure(d)) {
                    return Err(ValError::new(kind, input));
                }
            }
        }
        if let Some((multiple_of, error)) = &self.multiple_of {
            if !is_multiple(decimal, multiple_of.bind(py))? {
                return Err(ValError::new(error.clone(), input));
            }
        }
        if self.bounds.is_empty() {
            return Ok(());
        }
        // NaN compares with nothing (a signalling NaN raises), so it fails every bound
        let is_nan = decimal.call_method0(pyo3::intern!(py, "is_nan"))?.is_truthy()?;
        for bound in &self.bounds {
            if is_nan || !decimal.rich_compare(bound.value.bind(py), bound.op)?.is_truthy()? {
                return Err(ValError::new(bound.error.clone(), input));
            }
        }
        Ok(())
    }

    /// pydantic's rule: a count fails only when it fails both as written and
    /// without trailing zeros (so trailing zeros never count against a value).
    fn digits_failure(&self, digits: digits::Digits) -> Option<ErrorKind> {
        let ((places, digits), (normalized_places, normalized_digits)) = digits;
        if let Some(max_digits) = self.max_digits {
            if digits > max_digits && normalized_digits > max_digits {
                return Some(ErrorKind::DecimalMaxDigits { max_digits });
            }
        }
        let decimal_places = self.decimal_places?;
        if places > decimal_places && normalized_places > decimal_places {
            return Some(ErrorKind::DecimalMaxPlaces { decimal_places });
        }
        let max_whole = self.max_digits?.saturating_sub(decimal_places);
        let whole = digits.saturating_sub(places);
        let normalized_whole = normalized_digits.saturating_sub(normalized_places);
        (whole > max_whole && normalized_whole > max_whole).then_some(ErrorKind::DecimalWholeDigits { whole_digits: max_whole })
    }
}

/// `Decimal(arg)`: a text Decimal refuses is decimal_parsing, a type it
/// refuses is decimal_type; anything else is no validation error.
fn construct<'py>(arg: &Bound<'py, PyAny>, input: &impl Input<'py>) -> ValResult<Bound<'py, PyAny>> {
    let py = arg.py();
    decimal_class(py)?.call1((arg,)).map_err(|err| {
        if decimal_exception(py).is_ok_and(|exception| err.is_instance(py, exception.as_any())) {
            ValError::new(ErrorKind::DecimalParsing, input)
        } else if err.is_instance_of::<PyTypeError>(py) {
            ValError::new(ErrorKind::DecimalType, input)
        } else {
            ValError::Internal(err)
        }
    })
}

/// Whether `(decimal / multiple_of) % 1 == 0` in the thread's decimal
/// context, as pydantic computes it; an operation the context refuses (the
/// quotient needs more digits than its precision, say) is no multiple.
fn is_multiple(decimal: &Bound<'_, PyAny>, multiple_of: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = decimal.py();
    match decimal.div(multiple_of).and_then(|q| q.rem(1)) {
        Ok(fraction) => fraction.eq(0),
        Err(err) if err.is_instance(py, decimal_exception(py)?.as_any()) => Ok(false),
        Err(err) => Err(err),
    }
}

/// A JSON float's text when its document is unknown: the float's shortest
/// form, as pydantic reads every JSON float.
#[cold]
fn float_text(value: &jiter::JsonValue<'_>) -> String {
    match value {
        jiter::JsonValue::Float(f) => format!("{f}"),
        _ => String::new(),
    }
}
