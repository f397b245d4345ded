//! `UUID`, and `UUID1` ... `UUID8` by their version: from a UUID, or parsed
//! from text or bytes by the `uuid` crate as pydantic parses them.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString};
use uuid::{Uuid, Variant};

use jiter::Peek;

use super::{BuildContext, node_get, node_strict, State, Validator};
use crate::batch::{JsonReader, Native};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Target;
use crate::input::{uuid_type as uuid_class, Input, UuidInput};

#[derive(Debug)]
pub struct UuidValidator {
    strict: bool,
    /// The version required (`UUID4` is 4), or None for any UUID.
    version: Option<u8>,
}

impl UuidValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let version = node_get(node, "version")?.map(|v| v.extract()).transpose()?;
        Ok(Validator::Uuid(UuidValidator { strict, version }))
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let uuid = input.validate_uuid(py, state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Uuid));
        let parsed = match uuid {
            UuidInput::Instance(uuid) => {
                if let Some(expected) = self.version {
                    // an instance's `version` is None unless its variant is RFC 4122
                    let version: Option<u8> = uuid.getattr(pyo3::intern!(py, "version"))?.extract()?;
                    if version != Some(expected) {
                        return Err(self.version_error(input));
                    }
                }
                return Ok(uuid);
            }
            UuidInput::Text(text) => Uuid::parse_str(&text),
            // text first, whatever its length; then the 16 bytes themselves
            UuidInput::Bytes(bytes) => match std::str::from_utf8(bytes).ok().and_then(|t| Uuid::parse_str(t).ok()) {
                Some(uuid) => Ok(uuid),
                None => Uuid::from_slice(bytes),
            },
        };
        let uuid = parsed.map_err(|e| parsing_error(e, input))?;
        if let Some(expected) = self.version {
            if uuid.get_version_num() != usize::from(expected) || uuid.get_variant() != Variant::RFC4122 {
                return Err(self.version_error(input));
            }
        }
        Ok(new_uuid(py, uuid.as_u128())?)
    }

    /// Off the GIL: a JSON string that parses as a UUID of the version asked for.
    #[inline]
    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        let uuid = Uuid::parse_str(&json.str(peek)?).ok()?;
        if let Some(expected) = self.version {
            if uuid.get_version_num() != usize::from(expected) || uuid.get_variant() != Variant::RFC4122 {
                return None;
            }
        }
        Some(Native::Uuid(uuid.as_u128()))
    }

    #[cold]
    fn version_error<'py>(&self, input: &impl Input<'py>) -> ValError {
        ValError::new(ErrorKind::UuidVersion { expected_version: self.version.map_or(0, u64::from) }, input)
    }
}

#[cold]
fn parsing_error<'py>(error: uuid::Error, input: &impl Input<'py>) -> ValError {
    ValError::new(ErrorKind::UuidParsing { error: error.to_string().into() }, input)
}

/// `uuid.SafeUUID.unknown`, what `UUID(int=...)` records.
fn safe_unknown(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static UNKNOWN: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    UNKNOWN
        .get_or_try_init(py, || Ok::<_, PyErr>(py.import("uuid")?.getattr("SafeUUID")?.getattr("unknown")?.unbind()))
        .map(|v| v.bind(py))
}

/// A `uuid.UUID` holding `value`, as `UUID(int=value)` makes it but without
/// running its Python `__init__`: the class is immutable through `__setattr__`,
/// so its two slots are set as `object.__setattr__` sets them.
pub fn new_uuid(py: Python<'_>, value: u128) -> PyResult<Bound<'_, PyAny>> {
    let class = uuid_class(py)?;
    // SAFETY: tp_alloc-free construction through object.__new__ semantics:
    // PyBaseObject_Type's tp_new only allocates an instance of `class`.
    let instance = unsafe {
        let object_new = (*std::ptr::addr_of_mut!(ffi::PyBaseObject_Type)).tp_new;
        let Some(object_new) = object_new else {
            return Err(pyo3::exceptions::PyTypeError::new_err("object.__new__ is missing"));
        };
        let args = pyo3::types::PyTuple::empty(py);
        Bound::from_owned_ptr_or_err(py, object_new(class.as_ptr().cast(), args.as_ptr(), std::ptr::null_mut()))?
    };
    set_slot(&instance, pyo3::intern!(py, "int"), &value.into_pyobject(py)?.into_any())?;
    set_slot(&instance, pyo3::intern!(py, "is_safe"), safe_unknown(py)?)?;
    Ok(instance)
}

fn set_slot(instance: &Bound<'_, PyAny>, name: &Bound<'_, PyString>, value: &Bound<'_, PyAny>) -> PyResult<()> {
    // SAFETY: all three are live objects; the generic setter is what object.__setattr__ calls.
    let status = unsafe { ffi::PyObject_GenericSetAttr(instance.as_ptr(), name.as_ptr(), value.as_ptr()) };
    if status < 0 {
        return Err(PyErr::fetch(instance.py()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    /// The texts of the uuid_parsing errors pydantic reports (its uuid crate version).
    #[test]
    fn parse_errors_read_as_pydantic_reports_them() {
        let error = |text: &str| Uuid::parse_str(text).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(error(""), "invalid length: found 0");
        assert_eq!(error("URN:UUID:12345678-1234-5678-1234-567812345678"), "invalid character: found `U` at 0");
        assert_eq!(error("12345678-1234-5678-1234-56781234567"), "invalid group length in group 4: expected 12, found 11");
        assert_eq!(error("{12345678123456781234567812345678}"), "invalid group count: expected 5, found 1");
        let bytes_error = Uuid::from_slice(&[0; 15]).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(bytes_error, "invalid length: expected 16 bytes, found 15");
    }
}
