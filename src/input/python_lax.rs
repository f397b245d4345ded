//! The colder half of `Input` for Python objects: every accepted input that
//! is not an exact builtin type goes through one of these conversions, with
//! pydantic's lax (and strict) table.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyFloat, PyInt, PyString, PyType};

use super::python::*;
use super::shared::{bool_from_float, bool_from_int, bool_from_str, float_from_str, float_object, int_from_float, int_from_str, IntValue};
use super::{DecimalInput, ModelInput, ModelRequest, UuidInput};
use crate::errors::{ErrorKind, ValError, ValResult};

// uuid and decimal
pub fn uuid_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static UUID: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    UUID.import(py, "uuid", "UUID")
}

/// pydantic's table: in strict mode only a UUID; else a str (or subclass)
/// or bytes (or subclass), never a bytearray.
#[cold]
pub(super) fn uuid_slow<'a, 'py>(input: &'a Bound<'py, PyAny>, strict: bool) -> ValResult<UuidInput<'a, 'py>> {
    if strict {
        return Err(ValError::new(ErrorKind::IsInstanceOf { class: "UUID".into() }, input));
    }
    if let Ok(s) = input.cast::<PyString>() {
        return Ok(UuidInput::Text(str_text(input, s)?));
    }
    if let Ok(b) = input.cast::<PyBytes>() {
        return Ok(UuidInput::Bytes(b.as_bytes()));
    }
    Err(ValError::new(ErrorKind::UuidType, input))
}

/// pydantic's table: in lax mode a str, an int (not a bool), a float by its
/// `str()`; in both a Decimal subclass, made a plain Decimal.
#[cold]
pub(super) fn decimal_slow<'a, 'py>(py: Python<'py>, input: &'a Bound<'py, PyAny>, strict: bool) -> ValResult<DecimalInput<'a, 'py>> {
    if !strict {
        if input.is_instance_of::<PyString>() || (input.is_instance_of::<PyInt>() && !input.is_instance_of::<PyBool>()) {
            return Ok(DecimalInput::Construct(input.clone()));
        }
        if input.is_instance_of::<PyFloat>() {
            return Ok(DecimalInput::Construct(input.str()?.into_any()));
        }
    }
    if input.is_instance(decimal_type(py)?)? {
        return Ok(DecimalInput::Construct(input.clone()));
    }
    let kind = if strict { ErrorKind::IsInstanceOf { class: "Decimal".into() } } else { ErrorKind::DecimalType };
    Err(ValError::new(kind, input))
}

#[cold]
pub(super) fn model_input_slow<'a, 'py>(py: Python<'py>, input: &Bound<'py, PyAny>, request: &ModelRequest<'_, 'py>) -> ValResult<ModelInput<'a, 'py>> {
    let plain = is_plain_non_mapping(input);
    if request.from_attributes && !plain {
        return Ok(ModelInput::Attributes(input.clone()));
    }
    // Strict mode takes only dicts and instances, as pydantic does.
    if request.strict || plain || !input.is_instance(mapping_type(py)?)? {
        let kind = ErrorKind::ModelType { class_name: request.class_name.clone() };
        return Err(ValError::new(kind, input));
    }
    Ok(ModelInput::Mapping(input.clone()))
}

#[cold]
pub(super) fn int_slow<'py>(input: &Bound<'py, PyAny>, strict: bool) -> ValResult<IntValue<'py>> {
    let py = input.py();
    if input.is_instance_of::<PyBool>() {
        if strict {
            return Err(ValError::new(ErrorKind::IntType, input));
        }
        return IntValue::small(py, input.is_truthy()? as i64);
    }
    if input.is_instance_of::<PyInt>() {
        // int subclasses (IntEnum included) become plain ints with their own
        // value; PyNumber_Index copies it without calling an overridden __int__.
        let plain = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Index(input.as_ptr()))? };
        return Ok(IntValue::from_exact_int(plain));
    }
    if strict {
        return Err(ValError::new(ErrorKind::IntType, input));
    }
    if let Ok(f) = input.cast::<PyFloat>() {
        return int_from_float(py, input, f.value());
    }
    if let Ok(s) = input.cast::<PyString>() {
        return int_from_str(py, input, &str_text(input, s)?);
    }
    if let Ok(b) = input.cast::<PyBytes>() {
        let text = std::str::from_utf8(b.as_bytes()).map_err(|_| ValError::new(ErrorKind::IntParsing, input))?;
        return int_from_str(py, input, text);
    }
    if input.is_instance(decimal_type(py)?)? {
        let is_finite: bool = input.call_method0("is_finite")?.extract()?;
        if !is_finite {
            return Err(ValError::new(ErrorKind::FiniteNumber, input));
        }
        let as_int = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Long(input.as_ptr()))? };
        if !as_int.eq(input)? {
            return Err(ValError::new(ErrorKind::IntFromFloat, input));
        }
        return Ok(IntValue::from_exact_int(as_int));
    }
    // Objects that say they are integers (__index__), or numbers (__float__).
    if has_number_slot(input, false) {
        if let Ok(plain) = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Index(input.as_ptr())) } {
            return Ok(IntValue::from_exact_int(plain));
        }
    } else if has_number_slot(input, true) {
        if let Ok(f) = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Float(input.as_ptr())) } {
            return int_from_float(py, input, f.cast::<PyFloat>().map(|f| f.value()).unwrap_or(f64::NAN));
        }
    }
    // a plain Enum member whose value is an int, as pydantic takes it (a
    // member with any other value is not an int, though pydantic returns it)
    if input.is_instance(enum_type(py)?)? {
        let value = input.getattr("value")?;
        if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
            let plain = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Index(value.as_ptr()))? };
            return Ok(IntValue::from_exact_int(plain));
        }
    }
    Err(ValError::new(ErrorKind::IntType, input))
}

#[cold]
pub(super) fn float_slow<'py>(py: Python<'py>, input: &Bound<'py, PyAny>, strict: bool) -> ValResult<(f64, Bound<'py, PyAny>)> {
    if input.is_instance_of::<PyBool>() {
        if strict {
            return Err(ValError::new(ErrorKind::FloatType, input));
        }
        return Ok(float_object(py, if input.is_truthy()? { 1.0 } else { 0.0 }));
    }
    if input.is_instance_of::<PyFloat>() || input.is_instance_of::<PyInt>() {
        // An int too large for a float, or a subclass whose __float__ raises,
        // is no valid number.
        return match input.extract::<f64>() {
            Ok(v) => Ok(float_object(py, v)),
            Err(_) => Err(ValError::new(ErrorKind::FloatType, input)),
        };
    }
    let is_decimal = input.is_instance(decimal_type(py)?)?;
    if strict && !is_decimal {
        return Err(ValError::new(ErrorKind::FloatType, input));
    }
    if let Ok(s) = input.cast::<PyString>() {
        return float_from_str(py, input, &str_text(input, s)?);
    }
    if let Ok(b) = input.cast::<PyBytes>() {
        return match std::str::from_utf8(b.as_bytes()) {
            Ok(t) => float_from_str(py, input, t),
            Err(_) => Err(ValError::new(ErrorKind::FloatParsing, input)),
        };
    }
    if is_decimal {
        let v: f64 = input.extract().map_err(|_| ValError::new(ErrorKind::FloatParsing, input))?;
        return Ok(float_object(py, v));
    }
    // Objects that say they are numbers: __index__ first, then __float__.
    if has_number_slot(input, false) {
        if let Ok(plain) = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Index(input.as_ptr())) } {
            if let Ok(v) = plain.extract::<f64>() {
                return Ok(float_object(py, v));
            }
        }
    } else if has_number_slot(input, true) {
        if let Ok(f) = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Float(input.as_ptr())) } {
            return Ok(float_object(py, f.cast::<PyFloat>().map(|f| f.value()).unwrap_or(f64::NAN)));
        }
    }
    Err(ValError::new(ErrorKind::FloatType, input))
}

#[cold]
pub(super) fn str_slow<'py>(input: &Bound<'py, PyAny>, strict: bool) -> ValResult<Bound<'py, PyString>> {
    let py = input.py();
    if let Ok(s) = input.cast::<PyString>() {
        // A str subclass becomes a plain str with the same text.
        return Ok(PyString::new(py, &str_text(input, s)?));
    }
    if strict {
        return Err(ValError::new(ErrorKind::StringType, input));
    }
    let raw: Option<Vec<u8>> = if let Ok(b) = input.cast::<PyBytes>() {
        Some(b.as_bytes().to_vec())
    } else if let Ok(b) = input.cast::<PyByteArray>() {
        Some(b.to_vec())
    } else {
        None
    };
    if let Some(raw) = raw {
        return match std::str::from_utf8(&raw) {
            Ok(t) => Ok(PyString::new(py, t)),
            Err(_) => Err(ValError::new(ErrorKind::StringUnicode, input)),
        };
    }
    if input.is_instance(enum_type(py)?)? {
        let value = input.getattr("value")?;
        if let Ok(s) = value.cast::<PyString>() {
            // a plain str even when the value is a str subclass
            return Ok(PyString::new(py, &str_text(input, s)?));
        }
        // any other value: its text, as pydantic's lax str gives it
        return Ok(value.str()?);
    }
    Err(ValError::new(ErrorKind::StringType, input))
}

#[cold]
pub(super) fn bool_slow(input: &Bound<'_, PyAny>, strict: bool) -> ValResult<bool> {
    if strict {
        return Err(ValError::new(ErrorKind::BoolType, input));
    }
    let parsed = if let Ok(s) = input.cast::<PyString>() {
        bool_from_str(&str_text(input, s)?)
    } else if let Ok(b) = input.cast::<PyBytes>() {
        std::str::from_utf8(b.as_bytes()).ok().and_then(bool_from_str)
    } else if input.is_instance_of::<PyInt>() {
        return match input.extract::<i64>() {
            Ok(v) => bool_from_int(input, v),
            Err(_) => Err(ValError::new(ErrorKind::BoolType, input)),
        };
    } else if let Ok(f) = input.cast::<PyFloat>() {
        return bool_from_float(input, f.value());
    } else if input.is_instance(decimal_type(input.py())?)? {
        return match input.extract::<f64>() {
            Ok(v) => bool_from_float(input, v),
            Err(_) => Err(ValError::new(ErrorKind::BoolType, input)),
        };
    } else if has_number_slot(input, false) {
        let index = unsafe { Bound::from_owned_ptr_or_err(input.py(), ffi::PyNumber_Index(input.as_ptr())) };
        return match index.ok().and_then(|i| i.extract::<i64>().ok()) {
            Some(v) => bool_from_int(input, v),
            None => Err(ValError::new(ErrorKind::BoolType, input)),
        };
    } else {
        return Err(ValError::new(ErrorKind::BoolType, input));
    };
    parsed.ok_or_else(|| ValError::new(ErrorKind::BoolParsing, input))
}

#[cold]
pub(super) fn bytes_slow<'py>(input: &Bound<'py, PyAny>, strict: bool) -> ValResult<Bound<'py, PyAny>> {
    let py = input.py();
    if let Ok(b) = input.cast::<PyBytes>() {
        return Ok(PyBytes::new(py, b.as_bytes()).into_any());
    }
    if strict {
        return Err(ValError::new(ErrorKind::BytesType, input));
    }
    if let Ok(s) = input.cast::<PyString>() {
        return Ok(PyBytes::new(py, str_text(input, s)?.as_bytes()).into_any());
    }
    if let Ok(b) = input.cast::<PyByteArray>() {
        return Ok(PyBytes::new(py, &b.to_vec()).into_any());
    }
    Err(ValError::new(ErrorKind::BytesType, input))
}


// unions
/// A tagged union's tag: a dict's item, a Mapping's item (lax mode), or an
/// object's attribute; builtin values that are none of these are refused.
#[cold]
pub(super) fn discriminator_value<'py>(input: &Bound<'py, PyAny>, key: &Bound<'py, PyString>, strict: bool) -> ValResult<Option<Bound<'py, PyAny>>> {
    let py = input.py();
    if let Ok(dict) = input.cast::<pyo3::types::PyDict>() {
        return Ok(dict.get_item(key)?);
    }
    if is_plain_non_mapping(input) {
        return Err(ValError::new(ErrorKind::ModelAttributesType, input));
    }
    let found = if !strict && input.is_instance(mapping_type(py)?)? {
        input.get_item(key).map_err(|e| (e.is_instance_of::<pyo3::exceptions::PyKeyError>(py), e))
    } else {
        input.getattr(key).map_err(|e| (e.is_instance_of::<pyo3::exceptions::PyAttributeError>(py), e))
    };
    match found {
        Ok(value) => Ok(Some(value)),
        Err((true, _)) => Ok(None),
        Err((false, e)) => Err(e.into()),
    }
}
