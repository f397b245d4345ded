//! `Input` for Python objects. Exact builtin types take a fast path; every
//! other accepted input goes through a colder conversion (`python_lax.rs`).

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDate, PyDateTime, PyDelta, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString, PyTime, PyTuple, PyType};

use super::python_lax::*;
use super::shared::IntValue;
use super::temporal::{self as t, EitherDate, EitherDateTime, EitherDuration, EitherTime, Timestamp};
use super::{DecimalInput, Input, LiteralKey, MapInput, ModelInput, ModelRequest, SeqInput, UuidInput};
use crate::errors::{ErrorKind, InputValue, ValError, ValResult};

pub fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

pub(super) fn enum_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static ENUM: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    ENUM.import(py, "enum", "Enum")
}

pub(super) fn mapping_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static MAPPING: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    MAPPING.import(py, "collections.abc", "Mapping")
}

/// The lax-mode iterables that are accepted as lists besides tuple and set.
pub(super) fn lax_sequence_types(py: Python<'_>) -> PyResult<&Bound<'_, PyTuple>> {
    static TYPES: PyOnceLock<Py<PyTuple>> = PyOnceLock::new();
    TYPES
        .get_or_try_init(py, || {
            let helpers = py.import("satya._types")?;
            Ok::<_, PyErr>(helpers.getattr("LAX_LIST_TYPES")?.cast_into::<PyTuple>()?.unbind())
        })
        .map(|t| t.bind(py))
}

/// Builtin values that are never mappings, answered without the slow ABC check.
pub(super) fn is_plain_non_mapping(input: &Bound<'_, PyAny>) -> bool {
    input.is_none()
        || input.is_instance_of::<PyInt>()
        || input.is_instance_of::<PyString>()
        || input.is_instance_of::<PyFloat>()
        || input.is_instance_of::<PyList>()
        || input.is_instance_of::<PyTuple>()
        || input.is_instance_of::<PyBytes>()
}

/// Whether the object's type defines `__index__` / `__float__` (no Python call).
pub(super) fn has_number_slot(input: &Bound<'_, PyAny>, float: bool) -> bool {
    // SAFETY: reading the number slots of a live type object.
    unsafe {
        let numbers = (*ffi::Py_TYPE(input.as_ptr())).tp_as_number;
        !numbers.is_null() && if float { (*numbers).nb_float.is_some() } else { (*numbers).nb_index.is_some() }
    }
}

/// The text of a str, or string_unicode for one holding a lone surrogate.
pub(super) fn str_text<'a, 'py>(input: &'a Bound<'py, PyAny>, s: &'a Bound<'py, PyString>) -> ValResult<std::borrow::Cow<'a, str>> {
    s.to_cow().map_err(|_| ValError::new(ErrorKind::StringUnicode, input))
}

/// Whether `s` holds a lone surrogate (and so has no UTF-8 form), found by
/// scanning its code units: no encoding, no allocation, no Python code.
pub fn has_surrogates(s: &Bound<'_, PyString>) -> bool {
    // SAFETY: `s` is a live, ready str; its data holds `len` code units of `kind`.
    unsafe {
        let ptr = s.as_ptr();
        let len = ffi::PyUnicode_GET_LENGTH(ptr) as usize;
        let data = ffi::PyUnicode_DATA(ptr);
        match ffi::PyUnicode_KIND(ptr) {
            ffi::PyUnicode_2BYTE_KIND => {
                std::slice::from_raw_parts(data as *const u16, len).iter().any(|&u| (0xD800..=0xDFFF).contains(&u))
            }
            ffi::PyUnicode_4BYTE_KIND => {
                std::slice::from_raw_parts(data as *const u32, len).iter().any(|&u| (0xD800..=0xDFFF).contains(&u))
            }
            _ => false, // one byte per code point: no surrogates
        }
    }
}

/// The entries of a dict, read one at a time with `PyDict_Next` as CPython's
/// own dict iterator reads them. Python code run between two steps (a key's
/// `__hash__` while the entry is stored, a value's `__index__` or `__class__`
/// while it is validated) may change the dict: a change of size, or other keys
/// at the same size, is the `RuntimeError` Python raises, and the walk ends.
/// (pyo3's `PyDict::iter` panics instead.) No copy is made, so the usual case
/// costs what that iterator costs.
pub struct DictEntries<'a, 'py> {
    dict: &'a Bound<'py, PyDict>,
    pos: ffi::Py_ssize_t,
    /// The size the dict had when the walk began.
    len: ffi::Py_ssize_t,
    /// Entries still to come; an extra one means the keys changed.
    remaining: ffi::Py_ssize_t,
    done: bool,
}

impl<'a, 'py> DictEntries<'a, 'py> {
    pub fn new(dict: &'a Bound<'py, PyDict>) -> Self {
        // SAFETY: dict is a live dict.
        let len = unsafe { ffi::PyDict_Size(dict.as_ptr()) };
        DictEntries { dict, pos: 0, len, remaining: len, done: false }
    }

    #[cold]
    fn changed(&mut self, what: &str) -> Option<PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
        self.done = true;
        Some(Err(pyo3::exceptions::PyRuntimeError::new_err(format!("dictionary {what} during iteration"))))
    }
}

impl<'py> Iterator for DictEntries<'_, 'py> {
    type Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let py = self.dict.py();
        let mut k: *mut ffi::PyObject = std::ptr::null_mut();
        let mut v: *mut ffi::PyObject = std::ptr::null_mut();
        // SAFETY: PyDict_Next checks `pos` against the dict's current table, so
        // it is sound whatever happened to the dict since the last step; the
        // borrowed key and value become owned references before any Python
        // code can run.
        let found = unsafe {
            if ffi::PyDict_Size(self.dict.as_ptr()) != self.len {
                return self.changed("changed size");
            }
            if ffi::PyDict_Next(self.dict.as_ptr(), &mut self.pos, &mut k, &mut v) == 0 {
                None
            } else {
                Some((Bound::from_borrowed_ptr(py, k), Bound::from_borrowed_ptr(py, v)))
            }
        };
        match found {
            None => {
                self.done = true;
                None
            }
            Some(_) if self.remaining == 0 => self.changed("keys changed"),
            Some(entry) => {
                self.remaining -= 1;
                Some(Ok(entry))
            }
        }
    }
}

impl<'py> Input<'py> for Bound<'py, PyAny> {
    #[cold]
    fn error_value(&self) -> InputValue {
        InputValue::Python(self.clone().unbind())
    }

    #[inline]
    fn identity(&self) -> usize {
        self.as_ptr() as usize
    }

    #[inline]
    fn literal_key(&self) -> LiteralKey<'_> {
        let tp = self.get_type_ptr();
        if tp == &raw mut ffi::PyBool_Type {
            // SAFETY: comparing with the True singleton.
            return LiteralKey::Bool(self.as_ptr() == unsafe { ffi::Py_True() });
        }
        if tp == &raw mut ffi::PyLong_Type {
            return self.extract::<i64>().map_or(LiteralKey::BigInt, LiteralKey::Int);
        }
        if tp == &raw mut ffi::PyUnicode_Type {
            // SAFETY: the type was checked above.
            return unsafe { self.cast_unchecked::<PyString>() }.to_str().map_or(LiteralKey::Other, |s| LiteralKey::Str(s.into()));
        }
        LiteralKey::Other
    }

    fn is_python(&self) -> bool {
        true
    }

    fn exactness(&self, target: super::Target) -> super::Exactness {
        super::exactness::python_exactness(self, target)
    }

    fn discriminator_value(&self, _py: Python<'py>, key: &Bound<'py, PyString>, strict: bool) -> ValResult<Option<Bound<'py, PyAny>>> {
        super::python_lax::discriminator_value(self, key, strict)
    }

    fn is_null(&self) -> bool {
        self.is_none()
    }

    #[inline]
    fn to_python(&self, _py: Python<'py>) -> ValResult<Bound<'py, PyAny>> {
        Ok(self.clone())
    }

    #[inline]
    fn validate_int(&self, _py: Python<'py>, strict: bool) -> ValResult<IntValue<'py>> {
        if self.is_exact_instance_of::<PyInt>() {
            return Ok(IntValue::from_exact_int(self.clone()));
        }
        int_slow(self, strict)
    }

    #[inline]
    fn validate_float(&self, py: Python<'py>, strict: bool) -> ValResult<(f64, Bound<'py, PyAny>)> {
        if let Ok(f) = self.cast_exact::<PyFloat>() {
            return Ok((f.value(), self.clone()));
        }
        float_slow(py, self, strict)
    }

    #[inline]
    fn validate_str(&self, _py: Python<'py>, strict: bool) -> ValResult<Bound<'py, PyString>> {
        if let Ok(s) = self.cast_exact::<PyString>() {
            return Ok(s.clone());
        }
        str_slow(self, strict)
    }

    #[inline]
    fn validate_bool(&self, _py: Python<'py>, strict: bool) -> ValResult<bool> {
        // SAFETY: comparing object identity with the two bool singletons.
        unsafe {
            if self.as_ptr() == ffi::Py_True() {
                return Ok(true);
            }
            if self.as_ptr() == ffi::Py_False() {
                return Ok(false);
            }
        }
        bool_slow(self, strict)
    }

    #[inline]
    fn validate_bytes(&self, _py: Python<'py>, strict: bool) -> ValResult<Bound<'py, PyAny>> {
        if self.is_exact_instance_of::<PyBytes>() {
            return Ok(self.clone());
        }
        bytes_slow(self, strict)
    }

    #[inline]
    fn validate_none(&self, py: Python<'py>) -> ValResult<Bound<'py, PyAny>> {
        if self.is_none() {
            Ok(py.None().into_bound(py))
        } else {
            Err(ValError::new(ErrorKind::NoneRequired, self))
        }
    }

    #[inline]
    fn validate_list<'a>(&'a self, py: Python<'py>, strict: bool) -> ValResult<SeqInput<'a, 'py>> {
        // A list subclass is read by its items, never through an overriding __iter__.
        if let Ok(list) = self.cast::<PyList>() {
            return Ok(SeqInput::List(list.clone()));
        }
        let accepted = !strict
            && (self.is_instance_of::<PyTuple>()
                || self.is_instance_of::<PySet>()
                || self.is_instance_of::<PyFrozenSet>()
                || self.is_instance(lax_sequence_types(py)?.as_any())?);
        if !accepted {
            return Err(ValError::new(ErrorKind::ListType, self));
        }
        Ok(SeqInput::Items(self.try_iter()?.collect::<PyResult<_>>()?))
    }

    // containers
    fn validate_collection<'a>(&'a self, py: Python<'py>, strict: bool, kind: super::Collection) -> ValResult<super::CollectionInput<'a, 'py>> {
        super::collections::validate_collection(self, py, strict, kind)
    }

    #[inline]
    fn validate_dict<'a>(&'a self, py: Python<'py>, strict: bool) -> ValResult<MapInput<'a, 'py>> {
        if let Ok(d) = self.cast_exact::<PyDict>() {
            return Ok(MapInput::Dict(d.clone()));
        }
        // Subclasses and other Mappings are read through items(), so an
        // override is honoured and each key is validated before anything hashes it.
        if self.is_instance_of::<PyDict>() || (!strict && self.is_instance(mapping_type(py)?)?) {
            let pairs = self
                .call_method0("items")?
                .try_iter()?
                .map(|pair| pair.and_then(|p| p.extract()))
                .collect::<PyResult<_>>()?;
            return Ok(MapInput::Pairs(pairs));
        }
        Err(ValError::new(ErrorKind::DictType, self))
    }

    #[inline]
    fn validate_model<'a>(&'a self, py: Python<'py>, request: &ModelRequest<'_, 'py>) -> ValResult<ModelInput<'a, 'py>> {
        if let Ok(d) = self.cast::<PyDict>() {
            return Ok(ModelInput::Dict(d.clone()));
        }
        if self.is_instance(request.cls)? {
            return Ok(ModelInput::Instance(self.clone()));
        }
        model_input_slow(py, self, request)
    }

    // uuid and decimal
    #[inline]
    fn validate_uuid<'a>(&'a self, py: Python<'py>, strict: bool) -> ValResult<UuidInput<'a, 'py>> {
        // an exact str is never a UUID, and is the usual lax input
        if self.is_exact_instance_of::<PyString>() && !strict {
            return uuid_slow(self, strict);
        }
        let uuid = uuid_type(py)?;
        if self.is_exact_instance(uuid) || self.is_instance(uuid)? {
            return Ok(UuidInput::Instance(self.clone()));
        }
        uuid_slow(self, strict)
    }

    #[inline]
    fn validate_decimal<'a>(&'a self, py: Python<'py>, strict: bool) -> ValResult<DecimalInput<'a, 'py>> {
        if self.is_exact_instance(decimal_type(py)?) {
            return Ok(DecimalInput::Exact(self.clone()));
        }
        decimal_slow(py, self, strict)
    }

    // dates and times: pydantic's Python column (a datetime is no date here;
    // the date validator converts one at midnight itself)
    fn validate_datetime(&self, strict: bool) -> ValResult<EitherDateTime<'py>> {
        if let Ok(dt) = self.cast::<PyDateTime>() {
            return Ok(EitherDateTime::Py(dt.clone()));
        }
        if strict || t::is_bool(self) {
            return Err(ValError::new(ErrorKind::DatetimeType, self));
        }
        if let Some(text) = t::python_text(self)? {
            return t::text_as_datetime(self, &text);
        }
        match t::python_timestamp(self) {
            Some(Timestamp::Int(i)) => t::int_as_datetime(self, i),
            Some(Timestamp::Float(f)) => t::float_as_datetime(self, f),
            None => match self.cast::<PyDate>() {
                Ok(d) => Ok(EitherDateTime::Raw(speedate::DateTime {
                    date: EitherDate::Py(d.clone()).as_raw(),
                    time: speedate::Time { hour: 0, minute: 0, second: 0, microsecond: 0, tz_offset: None },
                })),
                Err(_) => Err(ValError::new(ErrorKind::DatetimeType, self)),
            },
        }
    }

    fn validate_date(&self, strict: bool) -> ValResult<EitherDate<'py>> {
        if self.is_instance_of::<PyDateTime>() {
            return Err(ValError::new(ErrorKind::DateType, self));
        }
        if let Ok(d) = self.cast::<PyDate>() {
            return Ok(EitherDate::Py(d.clone()));
        }
        match if strict { None } else { t::python_text(self)? } {
            Some(text) => t::text_as_date(self, &text),
            None => Err(ValError::new(ErrorKind::DateType, self)),
        }
    }

    fn validate_time(&self, strict: bool) -> ValResult<EitherTime<'py>> {
        if let Ok(time) = self.cast::<PyTime>() {
            return Ok(EitherTime::Py(time.clone()));
        }
        if strict || t::is_bool(self) {
            return Err(ValError::new(ErrorKind::TimeType, self));
        }
        if let Some(text) = t::python_text(self)? {
            return t::text_as_time(self, &text);
        }
        match t::python_timestamp(self) {
            Some(Timestamp::Int(i)) => t::int_as_time(self, i, 0),
            Some(Timestamp::Float(f)) => t::float_as_time(self, f),
            None => Err(ValError::new(ErrorKind::TimeType, self)),
        }
    }

    fn validate_timedelta(&self, strict: bool) -> ValResult<EitherDuration<'py>> {
        if let Ok(delta) = self.cast::<PyDelta>() {
            return Ok(EitherDuration::Py(delta.clone()));
        }
        if strict {
            return Err(ValError::new(ErrorKind::TimeDeltaType, self));
        }
        if let Some(text) = t::python_text(self)? {
            return t::text_as_duration(self, &text, false);
        }
        match t::python_timestamp(self) {
            Some(Timestamp::Int(i)) => t::int_as_duration(self, i, false),
            Some(Timestamp::Float(f)) => t::float_as_duration(self, f, false),
            None => Err(ValError::new(ErrorKind::TimeDeltaType, self)),
        }
    }
}
