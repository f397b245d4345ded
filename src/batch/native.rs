//! Native values: what a record validated off the GIL holds until its Python
//! objects are built, in input order, with the GIL held.

use std::borrow::Cow;

use jiter::JsonValue;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyList, PyString, PyType};

use crate::input::{new_str, date_object, datetime_object, decimal_type, duration_to_python, json_to_python, time_object};
use crate::schema::CompiledSchema;

/// A validated value that holds no Python object. Text borrows from the input
/// buffer unless the JSON string had escapes.
pub enum Native<'d> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'d, str>),
    Bytes(Cow<'d, str>),
    /// An `Any` value: the JSON value itself.
    Json(JsonValue<'d>),
    List(Vec<Native<'d>>),
    Dict(Vec<(Native<'d>, Native<'d>)>),
    Model(Box<NativeModel<'d>>),
    /// A value the schema holds (a Literal's value, an Enum member).
    Object(&'d Py<PyAny>),
    /// A nested model already made into its instance (with the GIL held).
    Built(Py<PyAny>),
    Uuid(u128),
    /// Parsed text; its year is not 0 and its offset is under a day.
    DateTime(speedate::DateTime),
    Date(speedate::Date),
    Time(speedate::Time),
    /// At most 999,999,999 days.
    Duration(speedate::Duration),
    /// A plain number's text, which `Decimal` reads exactly.
    Decimal(Cow<'d, str>),
}

/// Field values kept inline for the usual model size: no allocation per record.
pub type NativeValues<'d> = smallvec::SmallVec<[Option<Native<'d>>; 8]>;

/// A model's field values in field order; None takes the field's default.
pub struct NativeModel<'d> {
    pub cls: &'d Py<PyType>,
    pub schema: &'d CompiledSchema,
    pub values: NativeValues<'d>,
}

impl NativeModel<'_> {
    /// The instance, built as the model path builds one from the same input.
    pub fn into_python<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        build_instance(py, self.cls, self.schema, self.values)
    }
}

/// Where a model's field values go as they are read, by field index.
pub trait FieldPlaces<'d> {
    /// Makes `count` empty places.
    fn open(&mut self, count: usize);
    /// Puts the value of field `index` (a repeated key's replaces the earlier);
    /// None when it cannot be kept, which leaves the record to the full path.
    fn put(&mut self, index: usize, value: Native<'d>) -> Option<()>;
    fn is_set(&self, index: usize) -> bool;
}

impl<'d> FieldPlaces<'d> for NativeValues<'d> {
    #[inline]
    fn open(&mut self, count: usize) {
        self.extend((0..count).map(|_| None));
    }

    #[inline]
    fn put(&mut self, index: usize, value: Native<'d>) -> Option<()> {
        self[index] = Some(value);
        Some(())
    }

    #[inline]
    fn is_set(&self, index: usize) -> bool {
        self[index].is_some()
    }
}

/// With the GIL held (a record read alone): each value made into its Python
/// object as soon as it is read, then the instance from them.
pub struct PyPlaces<'py> {
    py: Python<'py>,
    values: smallvec::SmallVec<[Option<Bound<'py, PyAny>>; 12]>,
}

impl<'py> PyPlaces<'py> {
    pub fn new(py: Python<'py>) -> Self {
        PyPlaces { py, values: smallvec::SmallVec::new() }
    }

    /// The instance of `cls`: the values read, and the defaults of the rest.
    pub fn into_instance(self, cls: &Py<PyType>, schema: &CompiledSchema) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let mut values = self.values.into_iter();
        crate::model::new_instance_with(cls.bind(py), schema, |field| match values.next() {
            Some(Some(value)) => Ok((value, true)),
            _ => Ok((schema.default_value(py, field)?, false)),
        })
    }
}

impl<'d> FieldPlaces<'d> for PyPlaces<'_> {
    #[inline]
    fn open(&mut self, count: usize) {
        self.values.extend((0..count).map(|_| None));
    }

    #[inline]
    fn put(&mut self, index: usize, value: Native<'d>) -> Option<()> {
        // a value Python cannot make (out of memory) is left to the full path, which reports it
        self.values[index] = Some(value.into_python(self.py).ok()?);
        Some(())
    }

    #[inline]
    fn is_set(&self, index: usize) -> bool {
        self.values[index].is_some()
    }
}

/// The instance of `cls` holding `native`, the values of its fields in order.
pub fn build_instance<'py, 'd>(
    py: Python<'py>,
    cls: &Py<PyType>,
    schema: &CompiledSchema,
    native: impl IntoIterator<Item = Option<Native<'d>>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut native = native.into_iter();
    crate::model::new_instance_with(cls.bind(py), schema, |field| match native.next() {
        Some(Some(value)) => Ok((value.into_python(py)?, true)),
        _ => Ok((schema.default_value(py, field)?, false)),
    })
}

impl Native<'_> {
    pub fn into_python(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(match self {
            Native::Null => py.None().into_bound(py),
            Native::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
            Native::Int(i) => i.into_pyobject(py)?.into_any(),
            Native::Float(f) => PyFloat::new(py, f).into_any(),
            Native::Str(s) => new_str(py, &s).into_any(),
            Native::Bytes(s) => PyBytes::new(py, s.as_bytes()).into_any(),
            Native::Json(v) => json_to_python(py, &v)?,
            Native::List(items) => list_of(py, items)?.into_any(),
            Native::Dict(pairs) => {
                let dict = PyDict::new(py);
                for (k, v) in pairs {
                    dict.set_item(k.into_python(py)?, v.into_python(py)?)?;
                }
                dict.into_any()
            }
            // built from its box, never moved out of it
            Native::Model(mut model) => build_instance(py, model.cls, model.schema, model.values.drain(..))?,
            Native::Object(obj) => obj.bind(py).clone(),
            Native::Built(obj) => obj.into_bound(py),
            Native::Uuid(value) => crate::validators::new_uuid(py, value)?,
            Native::DateTime(dt) => datetime_object(py, &dt)?,
            Native::Date(d) => date_object(py, &d)?,
            Native::Time(t) => time_object(py, &t)?,
            Native::Duration(d) => duration_to_python(py, &d)?.into_any(),
            Native::Decimal(text) => decimal_type(py)?.call1((PyString::new(py, &text),))?,
        })
    }
}

/// The list of `items`, each made straight into its place.
fn list_of<'py>(py: Python<'py>, items: Vec<Native<'_>>) -> PyResult<Bound<'py, PyList>> {
    let len = ffi::Py_ssize_t::try_from(items.len()).map_err(|_| pyo3::exceptions::PyOverflowError::new_err("list too long"))?;
    // SAFETY: PyList_New gives a list of `len` empty places (or NULL with an
    // error set); each place is filled once, with an owned reference, and a
    // list left partly empty after an error is still freed correctly.
    let list = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyList_New(len))?.cast_into_unchecked::<PyList>() };
    for (index, item) in items.into_iter().enumerate() {
        let object = item.into_python(py)?;
        unsafe { ffi::PyList_SET_ITEM(list.as_ptr(), index as ffi::Py_ssize_t, object.into_ptr()) };
    }
    Ok(list)
}
