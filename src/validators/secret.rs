//! `SecretStr` and `SecretBytes`: an instance as it is, or a str (bytes)
//! wrapped in the declared class. Length bounds apply to the secret's
//! `len()` after validation, as pydantic applies them (`too_short` of a "Value").

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use super::{node_get, node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Input;

#[derive(Debug)]
pub struct SecretValidator {
    strict: bool,
    cls: Py<PyType>,
    /// SecretBytes (else SecretStr).
    bytes: bool,
    min_length: Option<u64>,
    max_length: Option<u64>,
}

impl SecretValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let cls = node_get(node, "cls")?
            .ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("secret node without 'cls'"))?
            .cast_into::<PyType>()?;
        let bytes = node_get(node, "bytes")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false);
        let constraints = node_get(node, "constraints")?;
        let bound = |name: &str| -> PyResult<Option<u64>> {
            match &constraints {
                Some(c) => c.cast::<PyDict>()?.get_item(name)?.map(|v| v.extract()).transpose(),
                None => Ok(None),
            }
        };
        let (min_length, max_length) = (bound("min_length")?, bound("max_length")?);
        Ok(Validator::Secret(SecretValidator { strict: node_strict(node)?, cls: cls.unbind(), bytes, min_length, max_length }))
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &State) -> ValResult<Bound<'py, PyAny>> {
        let cls = self.cls.bind(py);
        let strict = state.strict_or(self.strict);
        let secret = if input.is_python() {
            let value = input.to_python(py)?;
            if value.is_instance(cls)? {
                value
            } else {
                // from Python every failure is the one type error of the secret
                let inner = self.inner(py, input, strict).map_err(|e| match e {
                    ValError::Lines(_) => ValError::new(self.type_error(), input),
                    other => other,
                })?;
                cls.call1((inner,))?
            }
        } else {
            cls.call1((self.inner(py, input, strict)?,))?
        };
        if self.min_length.is_some() || self.max_length.is_some() {
            self.check_length(&secret, input)?;
        }
        Ok(secret)
    }

    fn inner<'py>(&self, py: Python<'py>, input: &impl Input<'py>, strict: bool) -> ValResult<Bound<'py, PyAny>> {
        if self.bytes {
            input.validate_bytes(py, strict)
        } else {
            Ok(input.validate_str(py, strict)?.into_any())
        }
    }

    fn type_error(&self) -> ErrorKind {
        if self.bytes {
            ErrorKind::BytesType
        } else {
            ErrorKind::StringType
        }
    }

    fn check_length<'py>(&self, secret: &Bound<'py, PyAny>, input: &impl Input<'py>) -> ValResult<()> {
        let actual_length = secret.len()? as u64;
        if let Some(min_length) = self.min_length.filter(|&m| actual_length < m) {
            return Err(ValError::new(ErrorKind::TooShort { field_type: "Value".into(), min_length, actual_length }, input));
        }
        if let Some(max_length) = self.max_length.filter(|&m| actual_length > m) {
            return Err(ValError::new(ErrorKind::TooLong { field_type: "Value".into(), max_length, actual_length }, input));
        }
        Ok(())
    }

    pub fn check_count(&self) -> usize {
        usize::from(self.min_length.is_some()) + usize::from(self.max_length.is_some())
    }

    pub fn class(&self) -> &Py<PyType> {
        &self.cls
    }
}
