//! `Input` for JSON parsed by jiter: pydantic's JSON column of the conversion
//! table. Keys of a JSON object are strings that stand for other types (dict
//! keys), so they parse as numbers and booleans even in strict mode.

use std::borrow::Cow;

use jiter::JsonValue;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyInt, PyList, PyString};

use super::shared::{bool_from_float, bool_from_int, bool_from_str, float_from_str, float_object, int_from_float, int_from_str, IntValue};
use super::{Input, LiteralKey, MapInput, ModelInput, ModelRequest, SeqInput};
// uuid and decimal
use super::{DecimalInput, UuidInput};
// dates and times
use super::temporal::{self as t, EitherDate, EitherDateTime, EitherDuration, EitherTime};
use super::strings::{is_placeholder, strings_mode};
use crate::errors::{ErrorKind, InputValue, ValError, ValResult};

#[derive(Clone, Copy)]
pub enum JsonInput<'a> {
    Value(&'a JsonValue<'a>),
    /// An object key validated as a dict key.
    Key(&'a str),
}

/// The bytes of a `model_validate_json` argument: str, bytes or bytearray.
pub fn json_bytes<'a>(data: &'a Bound<'_, PyAny>) -> ValResult<Cow<'a, [u8]>> {
    if let Ok(s) = data.cast::<PyString>() {
        return match s.to_str() {
            Ok(text) => Ok(Cow::Borrowed(text.as_bytes())),
            Err(_) => Err(ValError::new(ErrorKind::StringUnicode, data)),
        };
    }
    if let Ok(b) = data.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(b.as_bytes()));
    }
    if let Ok(b) = data.cast::<PyByteArray>() {
        // copied: Python code could resize a bytearray while it is read
        return Ok(Cow::Owned(b.to_vec()));
    }
    Err(ValError::new(ErrorKind::JsonType, data))
}

/// Parses a whole document; malformed JSON is a json_invalid error against `data`.
pub fn parse_json<'j>(bytes: &'j [u8], data: &Bound<'_, PyAny>) -> ValResult<JsonValue<'j>> {
    JsonValue::parse(bytes, true).map_err(|e| invalid_json(e, bytes, data))
}

/// The json_invalid error of `bytes`, which failed to parse with `e`, against `data`.
#[cold]
pub fn invalid_json(e: jiter::JsonError, bytes: &[u8], data: &Bound<'_, PyAny>) -> ValError {
    ValError::new(ErrorKind::JsonInvalid { error: e.description(bytes).into() }, data)
}

/// A Python str of JSON text. ASCII text, the usual case, is copied into a
/// new compact str without decoding it again.
#[inline]
pub fn new_str<'py>(py: Python<'py>, text: &str) -> Bound<'py, PyString> {
    if !text.is_ascii() {
        return PyString::new(py, text);
    }
    let Ok(length) = pyo3::ffi::Py_ssize_t::try_from(text.len()) else {
        return PyString::new(py, text);
    };
    // SAFETY: PyUnicode_New(length, 127) gives a compact ASCII str with room
    // for `length` bytes (and its closing NUL, already written), or NULL with
    // an error set; every byte copied in is ASCII, as such a str requires.
    unsafe {
        let object = pyo3::ffi::PyUnicode_New(length, 127);
        if object.is_null() {
            // out of memory: the checked constructor reports it
            pyo3::ffi::PyErr_Clear();
            return PyString::new(py, text);
        }
        std::ptr::copy_nonoverlapping(text.as_ptr(), pyo3::ffi::PyUnicode_DATA(object) as *mut u8, text.len());
        Bound::from_owned_ptr(py, object).cast_into_unchecked::<PyString>()
    }
}

/// A JSON value as plain Python data (`Any`, error inputs).
pub fn json_to_python<'py>(py: Python<'py>, value: &JsonValue<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        JsonValue::Null => py.None().into_bound(py),
        JsonValue::Bool(b) => pyo3::types::PyBool::new(py, *b).to_owned().into_any(),
        JsonValue::Int(i) => i.into_pyobject(py)?.into_any(),
        JsonValue::BigInt(b) => big_int(py, b)?,
        JsonValue::Float(f) => pyo3::types::PyFloat::new(py, *f).into_any(),
        JsonValue::Str(s) => new_str(py, s).into_any(),
        JsonValue::Array(items) => {
            let list = PyList::empty(py);
            for item in items.iter() {
                list.append(json_to_python(py, item)?)?;
            }
            list.into_any()
        }
        JsonValue::Object(pairs) => {
            let dict = PyDict::new(py);
            for (k, v) in pairs.iter() {
                dict.set_item(new_str(py, k), json_to_python(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// A JSON value as Python data; under `validate_strings`, the object its
/// node was made from.
pub fn python_of<'py>(py: Python<'py>, value: &JsonValue<'_>) -> PyResult<Bound<'py, PyAny>> {
    match super::strings::original_of(py, value) {
        Some(original) => Ok(original),
        None => json_to_python(py, value),
    }
}

/// jiter stops at 4300 digits, within what Python's int() reads.
fn big_int<'py>(py: Python<'py>, value: &num_bigint::BigInt) -> PyResult<Bound<'py, PyAny>> {
    py.get_type::<PyInt>().call1((value.to_string(),))
}

impl JsonInput<'_> {
    /// The error of a value of the wrong type: `kind`, or for a value that
    /// `validate_strings` was given as no string, `string_type`.
    #[cold]
    fn type_error(&self, kind: ErrorKind) -> ValError {
        match self {
            JsonInput::Value(v) if is_placeholder(v) => ValError::new(ErrorKind::StringType, self),
            _ => ValError::new(kind, self),
        }
    }
}

impl<'a, 'py> Input<'py> for JsonInput<'a> {
    #[cold]
    fn error_value(&self) -> InputValue {
        match self {
            // validate_strings: the object the node was made from
            JsonInput::Value(v) => match Python::attach(|py| super::strings::original_of(py, v).map(Bound::unbind)) {
                Some(original) => InputValue::Python(original),
                None => InputValue::Json(v.to_static()),
            },
            JsonInput::Key(k) => InputValue::Json(JsonValue::Str(Cow::Owned(k.to_string()))),
        }
    }

    #[inline]
    fn identity(&self) -> usize {
        0
    }

    #[inline]
    fn literal_key(&self) -> LiteralKey<'_> {
        match self {
            JsonInput::Value(JsonValue::Bool(b)) => LiteralKey::Bool(*b),
            JsonInput::Value(JsonValue::Int(i)) => LiteralKey::Int(*i),
            JsonInput::Value(JsonValue::BigInt(_)) => LiteralKey::BigInt,
            JsonInput::Value(JsonValue::Str(s)) => LiteralKey::Str(Cow::Borrowed(s)),
            JsonInput::Key(k) => LiteralKey::Str(Cow::Borrowed(k)),
            _ => LiteralKey::Other,
        }
    }

    fn is_python(&self) -> bool {
        false
    }

    #[inline]
    fn is_placeholder(&self) -> bool {
        matches!(self, JsonInput::Value(v) if is_placeholder(v))
    }

    fn exactness(&self, target: super::Target) -> super::Exactness {
        if strings_mode() {
            return super::Exactness::Strict;
        }
        super::exactness::json_exactness(self, target)
    }

    fn discriminator_value(&self, py: Python<'py>, key: &Bound<'py, PyString>, _strict: bool) -> ValResult<Option<Bound<'py, PyAny>>> {
        let JsonInput::Value(JsonValue::Object(pairs)) = self else {
            return Err(self.type_error(ErrorKind::JsonDictType));
        };
        let key = key.to_str()?;
        // a repeated key keeps its last value, as the model reads it
        match pairs.iter().rev().find(|(k, _)| k == key) {
            Some((_, value)) => Ok(Some(json_to_python(py, value)?)),
            None => Ok(None),
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, JsonInput::Value(v @ JsonValue::Null) if !is_placeholder(v))
    }

    fn to_python(&self, py: Python<'py>) -> ValResult<Bound<'py, PyAny>> {
        Ok(match self {
            JsonInput::Value(v) if is_placeholder(v) => return Err(self.type_error(ErrorKind::StringType)),
            JsonInput::Value(v) => python_of(py, v)?,
            JsonInput::Key(k) => new_str(py, k).into_any(),
        })
    }

    fn validate_int(&self, py: Python<'py>, strict: bool) -> ValResult<IntValue<'py>> {
        match self {
            JsonInput::Value(JsonValue::Int(i)) => IntValue::small(py, *i),
            JsonInput::Value(JsonValue::BigInt(b)) => Ok(IntValue::Big(big_int(py, b)?)),
            JsonInput::Value(JsonValue::Float(f)) if !strict => int_from_float(py, self, *f),
            JsonInput::Value(JsonValue::Str(s)) if !strict || strings_mode() => int_from_str(py, self, s),
            JsonInput::Value(JsonValue::Bool(b)) if !strict => IntValue::small(py, *b as i64),
            JsonInput::Key(k) => int_from_str(py, self, k),
            _ => Err(self.type_error(ErrorKind::IntType)),
        }
    }

    fn validate_float(&self, py: Python<'py>, strict: bool) -> ValResult<(f64, Bound<'py, PyAny>)> {
        match self {
            JsonInput::Value(JsonValue::Float(f)) => Ok(float_object(py, *f)),
            JsonInput::Value(JsonValue::Int(i)) => Ok(float_object(py, *i as f64)),
            // beyond the float range it is an infinity, as pydantic reads JSON
            JsonInput::Value(JsonValue::BigInt(b)) => {
                Ok(float_object(py, num_traits::ToPrimitive::to_f64(b).unwrap_or(f64::NAN)))
            }
            JsonInput::Value(JsonValue::Str(s)) if !strict || strings_mode() => float_from_str(py, self, s),
            JsonInput::Value(JsonValue::Bool(b)) if !strict => Ok(float_object(py, if *b { 1.0 } else { 0.0 })),
            JsonInput::Key(k) => float_from_str(py, self, k),
            _ => Err(self.type_error(ErrorKind::FloatType)),
        }
    }

    #[inline]
    fn validate_str(&self, py: Python<'py>, _strict: bool) -> ValResult<Bound<'py, PyString>> {
        match self {
            JsonInput::Value(JsonValue::Str(s)) => Ok(new_str(py, s)),
            JsonInput::Key(k) => Ok(new_str(py, k)),
            _ => Err(self.type_error(ErrorKind::StringType)),
        }
    }

    fn validate_bool(&self, _py: Python<'py>, strict: bool) -> ValResult<bool> {
        let text = match self {
            JsonInput::Value(JsonValue::Bool(b)) => return Ok(*b),
            JsonInput::Value(JsonValue::Str(s)) if strings_mode() => s.as_ref(),
            JsonInput::Value(_) if strict => return Err(self.type_error(ErrorKind::BoolType)),
            JsonInput::Value(JsonValue::Int(i)) => return bool_from_int(self, *i),
            JsonInput::Value(JsonValue::Float(f)) => return bool_from_float(self, *f),
            JsonInput::Value(JsonValue::Str(s)) => s.as_ref(),
            JsonInput::Key(k) => k,
            _ => return Err(self.type_error(ErrorKind::BoolType)),
        };
        bool_from_str(text).ok_or_else(|| ValError::new(ErrorKind::BoolParsing, self))
    }

    fn validate_bytes(&self, py: Python<'py>, _strict: bool) -> ValResult<Bound<'py, PyAny>> {
        match self {
            JsonInput::Value(JsonValue::Str(s)) => Ok(PyBytes::new(py, s.as_bytes()).into_any()),
            JsonInput::Key(k) => Ok(PyBytes::new(py, k.as_bytes()).into_any()),
            _ => Err(self.type_error(ErrorKind::BytesType)),
        }
    }

    #[inline]
    fn validate_none(&self, py: Python<'py>) -> ValResult<Bound<'py, PyAny>> {
        match self {
            JsonInput::Value(v @ JsonValue::Null) if !is_placeholder(v) => Ok(py.None().into_bound(py)),
            _ => Err(self.type_error(ErrorKind::JsonNoneRequired)),
        }
    }

    #[inline]
    fn validate_list<'b>(&'b self, _py: Python<'py>, _strict: bool) -> ValResult<SeqInput<'b, 'py>> {
        match self {
            JsonInput::Value(JsonValue::Array(items)) => Ok(SeqInput::Json(items.as_slice())),
            _ => Err(self.type_error(ErrorKind::JsonListType)),
        }
    }

    // containers
    fn validate_collection<'b>(&'b self, _py: Python<'py>, _strict: bool, kind: super::Collection) -> ValResult<super::CollectionInput<'b, 'py>> {
        match self {
            JsonInput::Value(JsonValue::Array(items)) => {
                Ok(super::CollectionInput { items: SeqInput::Json(items.as_slice()), sized: true, failure: None })
            }
            // pydantic names a frozenset read from an object key a set
            JsonInput::Key(_) if kind == super::Collection::FrozenSet => {
                Err(ValError::new(ErrorKind::CollectionType { kind: super::Collection::Set, json: true }, self))
            }
            _ => Err(self.type_error(ErrorKind::CollectionType { kind, json: true })),
        }
    }

    #[inline]
    fn validate_dict<'b>(&'b self, _py: Python<'py>, _strict: bool) -> ValResult<MapInput<'b, 'py>> {
        match self {
            JsonInput::Value(JsonValue::Object(pairs)) => Ok(MapInput::Json(pairs.as_slice())),
            _ => Err(self.type_error(ErrorKind::JsonDictType)),
        }
    }

    #[inline]
    fn validate_model<'b>(&'b self, _py: Python<'py>, request: &ModelRequest<'_, 'py>) -> ValResult<ModelInput<'b, 'py>> {
        match self {
            JsonInput::Value(JsonValue::Object(pairs)) => Ok(ModelInput::JsonObject(pairs.as_slice())),
            _ => Err(self.type_error(ErrorKind::JsonModelType { class_name: request.class_name.clone() })),
        }
    }

    // uuid and decimal
    /// JSON has no UUID: a string is one in strict mode too.
    fn validate_uuid<'b>(&'b self, _py: Python<'py>, _strict: bool) -> ValResult<UuidInput<'b, 'py>> {
        match self {
            JsonInput::Value(JsonValue::Str(s)) => Ok(UuidInput::Text(Cow::Borrowed(s.as_ref()))),
            JsonInput::Key(k) => Ok(UuidInput::Text(Cow::Borrowed(k))),
            _ => Err(self.type_error(ErrorKind::UuidType)),
        }
    }

    /// pydantic's JSON column: numbers and strings, in strict mode too.
    fn validate_decimal<'b>(&'b self, py: Python<'py>, _strict: bool) -> ValResult<DecimalInput<'b, 'py>> {
        match self {
            JsonInput::Value(value @ JsonValue::Float(_)) => Ok(DecimalInput::JsonFloat(value)),
            JsonInput::Value(JsonValue::Int(i)) => Ok(DecimalInput::Construct(i.into_pyobject(py)?.into_any())),
            JsonInput::Value(JsonValue::BigInt(b)) => Ok(DecimalInput::Construct(big_int(py, b)?)),
            JsonInput::Value(JsonValue::Str(s)) => Ok(DecimalInput::Construct(PyString::new(py, s).into_any())),
            JsonInput::Key(k) => Ok(DecimalInput::Construct(PyString::new(py, k).into_any())),
            _ => Err(self.type_error(ErrorKind::DecimalType)),
        }
    }

    // dates and times: pydantic's JSON column (text always, numbers when lax)
    fn validate_datetime(&self, strict: bool) -> ValResult<EitherDateTime<'py>> {
        match self {
            JsonInput::Value(JsonValue::Str(s)) => t::text_as_datetime(self, s.as_bytes()),
            JsonInput::Key(k) => t::text_as_datetime(self, k.as_bytes()),
            JsonInput::Value(JsonValue::Int(i)) if !strict => t::int_as_datetime(self, *i),
            JsonInput::Value(JsonValue::Float(f)) if !strict => t::float_as_datetime(self, *f),
            _ => Err(self.type_error(ErrorKind::DatetimeType)),
        }
    }

    fn validate_date(&self, _strict: bool) -> ValResult<EitherDate<'py>> {
        match self {
            JsonInput::Value(JsonValue::Str(s)) => t::text_as_date(self, s.as_bytes()),
            JsonInput::Key(k) => t::text_as_date(self, k.as_bytes()),
            _ => Err(self.type_error(ErrorKind::DateType)),
        }
    }

    fn validate_time(&self, strict: bool) -> ValResult<EitherTime<'py>> {
        match self {
            JsonInput::Value(JsonValue::Str(s)) => t::text_as_time(self, s.as_bytes()),
            JsonInput::Key(k) => t::text_as_time(self, k.as_bytes()),
            JsonInput::Value(JsonValue::Int(i)) if !strict => t::int_as_time(self, *i, 0),
            JsonInput::Value(JsonValue::Float(f)) if !strict => t::float_as_time(self, *f),
            JsonInput::Value(JsonValue::BigInt(_)) if !strict => Err(t::huge_time(self)),
            _ => Err(self.type_error(ErrorKind::TimeType)),
        }
    }

    fn validate_timedelta(&self, strict: bool) -> ValResult<EitherDuration<'py>> {
        match self {
            JsonInput::Value(JsonValue::Str(s)) => t::text_as_duration(self, s.as_bytes(), true),
            JsonInput::Key(k) => t::text_as_duration(self, k.as_bytes(), true),
            JsonInput::Value(JsonValue::Int(i)) if !strict => t::int_as_duration(self, *i, true),
            JsonInput::Value(JsonValue::Float(f)) if !strict => t::float_as_duration(self, *f, true),
            _ => Err(self.type_error(ErrorKind::JsonTimeDeltaType)),
        }
    }
}
