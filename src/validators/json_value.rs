//! `Json[T]`: a str, bytes or bytearray (a JSON string from JSON input) that
//! holds a JSON document, parsed and validated as T from JSON. Bare `Json`
//! gives the document as plain Python data.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::{node_get, BuildContext, State, Validator};
use crate::errors::{worded, ErrorKind, ValError, ValResult};
use crate::input::Exactness;
use crate::input::{json_bytes, json_to_python, parse_json, Input, JsonInput};

#[derive(Debug)]
pub struct JsonValidator {
    /// None for bare `Json` (any value).
    inner: Option<Box<Validator>>,
}

impl JsonValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let inner = match node_get(node, "inner")? {
            Some(n) => Some(Box::new(Validator::build(n.cast::<PyDict>()?, ctx)?)),
            None => None,
        };
        Ok(Validator::Json(JsonValidator { inner }))
    }

    pub fn inner(&self) -> Option<&Validator> {
        self.inner.as_deref()
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let data = if input.is_python() {
            input.to_python(py)?
        } else {
            // from JSON only a string holds a document
            input.validate_str(py, false).map_err(|_| ValError::new(ErrorKind::JsonType, input))?.into_any()
        };
        // a document in a str: a coercion from Python, strict from JSON text
        state.floor_with(|| if input.is_python() { Exactness::Lax } else { Exactness::Strict });
        let bytes: Cow<'_, [u8]> = json_bytes(&data)?;
        let document = parse_json(&bytes, &data)?;
        let Some(inner) = &self.inner else {
            return Ok(json_to_python(py, &document)?);
        };
        let result = state.with_json_source(&bytes, &document, |state| inner.validate(py, &JsonInput::Value(&document), state));
        // errors read as the outer input's, as pydantic words them
        result.map_err(|e| worded(e, !input.is_python()))
    }
}
