//! `Any`, and values that do not match their declared type: the serializer
//! is chosen by the value's own type, following pydantic's rules for each
//! mode. Types only JSON needs converting are found by isinstance, after the
//! exact builtin types.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString, PyTuple, PyType};

use super::dumper::too_deep;
use super::filter::{kept_entries, ItemFilter};
use super::{bytes, model, scalar::write_int, temporal, Dumper, Filter, JsonOut, SerializationError};
use crate::schema_handle::schema_of;

/// What a value is, for the purposes of dumping it.
enum Kind {
    /// None, bool, int, str: the same in every mode.
    Plain,
    Float,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Bytes,
    Model,
    Enum,
    /// Written in JSON as this text (dates, Decimal, UUID, Path, IP addresses...).
    Text(String),
    /// A dataclass instance: dumped as the dict of its fields.
    Dataclass,
    /// A deque: kept in python mode, an array in JSON.
    Deque,
    Unknown,
}

/// A dataclass instance's fields by name, as `dataclasses.fields` lists them.
fn dataclass_dict<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    static FIELDS: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
    let py = value.py();
    let fields = FIELDS.import(py, "dataclasses", "fields")?.call1((value,))?;
    let out = PyDict::new(py);
    for field in fields.try_iter()? {
        let name = field?.getattr(pyo3::intern!(py, "name"))?;
        out.set_item(&name, value.getattr(name.cast::<PyString>()?)?)?;
    }
    Ok(out)
}

fn kind(value: &Bound<'_, PyAny>) -> PyResult<Kind> {
    let py = value.py();
    let tp = value.get_type_ptr();
    {
        if value.is_none() || tp == &raw mut ffi::PyLong_Type || tp == &raw mut ffi::PyUnicode_Type || tp == &raw mut ffi::PyBool_Type {
            return Ok(Kind::Plain);
        }
        if tp == &raw mut ffi::PyFloat_Type {
            return Ok(Kind::Float);
        }
        if tp == &raw mut ffi::PyList_Type {
            return Ok(Kind::List);
        }
        if tp == &raw mut ffi::PyDict_Type {
            return Ok(Kind::Dict);
        }
        if tp == &raw mut ffi::PyTuple_Type {
            return Ok(Kind::Tuple);
        }
    }
    if value.is_instance(crate::model_base(py)?.as_any())? {
        return Ok(Kind::Model);
    }
    if value.is_instance(enum_type(py)?)? {
        return Ok(Kind::Enum);
    }
    // subclasses of the builtin types, in pydantic's order
    type Check = fn(&Bound<'_, PyAny>) -> bool;
    let subclasses: [(Check, Kind); 8] = [
        (|v| v.is_instance_of::<PyInt>() || v.is_instance_of::<PyString>(), Kind::Plain),
        (|v| v.is_instance_of::<PyFloat>(), Kind::Float),
        (|v| v.is_instance_of::<PyList>(), Kind::List),
        (|v| v.is_instance_of::<PyTuple>(), Kind::Tuple),
        (|v| v.is_instance_of::<PyDict>(), Kind::Dict),
        (|v| v.is_instance_of::<PyFrozenSet>(), Kind::FrozenSet),
        (|v| v.is_instance_of::<PySet>(), Kind::Set),
        (|v| v.is_instance_of::<PyBytes>() || v.is_instance_of::<PyByteArray>(), Kind::Bytes),
    ];
    for (is, kind) in subclasses {
        if is(value) {
            return Ok(kind);
        }
    }
    if let Some(text) = temporal::iso_text(value)? {
        return Ok(Kind::Text(text));
    }
    for class in str_types(py)? {
        if value.is_instance(class.bind(py))? {
            return Ok(Kind::Text(value.str()?.to_string()));
        }
    }
    if value.get_type().is(crate::input::deque_type(py)?) {
        return Ok(Kind::Deque);
    }
    // dataclasses: their fields, as a dict
    if !value.is_instance_of::<PyType>() && value.get_type().hasattr(pyo3::intern!(py, "__dataclass_fields__"))? {
        return Ok(Kind::Dataclass);
    }
    if value.is_instance_of::<pyo3::types::PyComplex>() {
        let text = value.str()?.to_string();
        return Ok(Kind::Text(text.trim_start_matches('(').trim_end_matches(')').to_owned()));
    }
    Ok(Kind::Unknown)
}

fn enum_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static ENUM: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    ENUM.import(py, "enum", "Enum")
}

/// The types JSON writes as their `str()`.
fn str_types(py: Python<'_>) -> PyResult<&Vec<Py<PyType>>> {
    static TYPES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();
    TYPES.get_or_try_init(py, || {
        let names = [
            ("decimal", "Decimal"),
            ("uuid", "UUID"),
            ("pathlib", "PurePath"),
            ("ipaddress", "IPv4Address"),
            ("ipaddress", "IPv6Address"),
            ("ipaddress", "IPv4Network"),
            ("ipaddress", "IPv6Network"),
            ("ipaddress", "IPv4Interface"),
            ("ipaddress", "IPv6Interface"),
        ];
        names
            .iter()
            .map(|(module, name)| Ok(py.import(*module)?.getattr(*name)?.cast_into::<PyType>()?.unbind()))
            .collect()
    })
}

#[cold]
fn unknown(value: &Bound<'_, PyAny>) -> PyErr {
    let type_repr = value.get_type().repr().map(|r| r.to_string()).unwrap_or_default();
    SerializationError::new_err(format!("Unable to serialize unknown type: {type_repr}"))
}

/// What the dump's `fallback` makes of a value of an unknown type (dumped in
/// its turn, within the depth limit).
#[cold]
fn fall_back<'py>(value: &Bound<'py, PyAny>, d: &Dumper<'py>) -> PyResult<Bound<'py, PyAny>> {
    match &d.fallback {
        Some(fallback) => fallback.call1((value,)),
        None => Err(unknown(value)),
    }
}

fn enum_value<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    value.getattr(pyo3::intern!(value.py(), "value"))
}

pub fn to_python<'py>(value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    // beyond the depth limit python mode hands the value back as it is
    if !d.enter_any() {
        return if d.opts.json_mode { Err(too_deep()) } else { Ok(value.clone()) };
    }
    let result = value_to_python(value, d, filter);
    d.leave_any();
    result
}

fn value_to_python<'py>(value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    let py = d.py;
    let json = d.opts.json_mode;
    match kind(value)? {
        Kind::Plain => Ok(value.clone()),
        Kind::Float => {
            let v = value.cast::<PyFloat>()?.value();
            Ok(if json && !v.is_finite() { py.None().into_bound(py) } else { value.clone() })
        }
        Kind::Model => model::model_to_python(&schema_of(&value.get_type())?, value, d, filter),
        Kind::Enum if json => to_python(&enum_value(value)?, d, &Filter::default()),
        Kind::Bytes if json => {
            let data = bytes::as_text(value).unwrap_or_default();
            Ok(PyString::new(py, bytes::utf8(py, &data, false)?).into_any())
        }
        Kind::Text(text) if json => Ok(PyString::new(py, &text).into_any()),
        Kind::Unknown if d.fallback.is_some() => to_python(&fall_back(value, d)?, d, filter),
        Kind::Unknown if json => Err(unknown(value)),
        Kind::Enum | Kind::Bytes | Kind::Text(_) | Kind::Unknown | Kind::Deque if !json => Ok(value.clone()),
        Kind::Enum | Kind::Bytes | Kind::Text(_) | Kind::Unknown => Ok(value.clone()),
        Kind::Deque => container_to_python(Kind::List, value, d, filter),
        Kind::Dataclass => container_to_python(Kind::Dict, dataclass_dict(value)?.as_any(), d, filter),
        container => {
            // python mode hands a container met again back as it is; json mode cannot
            if let Err(e) = d.enter(value) {
                return if json { Err(e) } else { Ok(value.clone()) };
            }
            let result = container_to_python(container, value, d, filter);
            d.leave();
            result
        }
    }
}

fn container_to_python<'py>(kind: Kind, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    let py = d.py;
    let json = d.opts.json_mode;
    if let Kind::Dict = kind {
        let out = PyDict::new(py);
        for entry in kept_entries(value.cast::<PyDict>()?, filter)? {
            let (k, v, next) = entry?;
            let k = if json { json_key(&k, d)?.into_any() } else { k };
            out.set_item(k, to_python(&v, d, &next)?)?;
        }
        return Ok(out.into_any());
    }
    let items = sequence_items(value)?;
    let item_filter = ItemFilter::new(filter, items.len())?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(next) = item_filter.item(py, i)? else { continue };
        out.push(to_python(item, d, &next)?);
    }
    Ok(match kind {
        _ if json => PyList::new(py, out)?.into_any(),
        Kind::Tuple => PyTuple::new(py, out)?.into_any(),
        Kind::Set => PySet::new(py, &out)?.into_any(),
        Kind::FrozenSet => PyFrozenSet::new(py, &out)?.into_any(),
        _ => PyList::new(py, out)?.into_any(),
    })
}

/// A list, tuple or set's items, copied so user code cannot change them mid-walk.
fn sequence_items<'py>(value: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if let Ok(list) = value.cast::<PyList>() {
        return Ok(list.iter().collect());
    }
    value.try_iter()?.collect()
}

pub fn to_json<'py>(value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    if !d.enter_any() {
        return Err(too_deep());
    }
    let result = value_to_json(value, out, d, filter);
    d.leave_any();
    result
}

fn value_to_json<'py>(value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    let py = d.py;
    match kind(value)? {
        Kind::Plain => {
            if value.is_none() {
                out.raw("null");
            } else if let Ok(b) = value.cast::<PyBool>() {
                out.raw(if b.is_true() { "true" } else { "false" });
            } else if let Ok(s) = value.cast::<PyString>() {
                out.str(s.to_str()?);
            } else {
                write_int(value, out)?;
            }
        }
        Kind::Float => out.float(value.cast::<PyFloat>()?.value()),
        Kind::Model => model::model_to_json(&schema_of(&value.get_type())?, value, out, d, filter)?,
        Kind::Enum => to_json(&enum_value(value)?, out, d, &Filter::default())?,
        Kind::Bytes => out.str(bytes::utf8(py, &bytes::as_text(value).unwrap_or_default(), true)?),
        Kind::Text(text) => out.str(&text),
        Kind::Unknown if d.fallback.is_some() => to_json(&fall_back(value, d)?, out, d, filter)?,
        Kind::Unknown => return Err(unknown(value)),
        Kind::Dataclass => value_to_json(dataclass_dict(value)?.as_any(), out, d, filter)?,
        Kind::Dict => {
            d.enter(value)?;
            out.begin('{');
            let mut first = true;
            for entry in kept_entries(value.cast::<PyDict>()?, filter)? {
                let (k, v, next) = entry?;
                out.item(first);
                first = false;
                out.str(json_text_key(&k, d)?.to_str()?);
                out.raw(if out.indented() { ": " } else { ":" });
                to_json(&v, out, d, &next)?;
            }
            out.end('}', !first);
            d.leave();
        }
        _ => {
            d.enter(value)?;
            let items = sequence_items(value)?;
            let item_filter = ItemFilter::new(filter, items.len())?;
            out.begin('[');
            let mut first = true;
            for (i, item) in items.iter().enumerate() {
                let Some(next) = item_filter.item(py, i)? else { continue };
                out.item(first);
                first = false;
                to_json(item, out, d, &next)?;
            }
            out.end(']', !first);
            d.leave();
        }
    }
    Ok(())
}

/// A dict key as JSON has it: text. Numbers and constants as they print
/// (floats as Python prints them), an Enum by its
/// value, a tuple as its items joined by commas, other types by their JSON text.
pub fn json_key<'py>(key: &Bound<'py, PyAny>, d: &mut Dumper<'py>) -> PyResult<Bound<'py, PyString>> {
    let py = d.py;
    let tp = key.get_type_ptr();
    if tp == &raw mut ffi::PyUnicode_Type {
        // keys become UTF-8 text even in python's json mode: a lone surrogate fails here
        let s = key.cast::<PyString>()?;
        s.to_str()?;
        return Ok(s.clone());
    }
    if tp == &raw mut ffi::PyBool_Type {
        return Ok(PyString::new(py, if key.is_truthy()? { "true" } else { "false" }));
    }
    if key.is_none() {
        return Ok(PyString::new(py, "None"));
    }
    if tp == &raw mut ffi::PyLong_Type {
        let mut out = JsonOut::new(None);
        write_int(key, &mut out)?;
        return Ok(PyString::new(py, &out.buf));
    }
    if tp == &raw mut ffi::PyFloat_Type {
        return float_key(key);
    }
    match kind(key)? {
        Kind::Enum => json_key(&enum_value(key)?, d),
        Kind::Plain => {
            // subclasses of str, int and bool
            if let Ok(s) = key.cast::<PyString>() {
                Ok(PyString::new(py, s.to_str()?))
            } else if let Ok(b) = key.cast::<PyBool>() {
                Ok(PyString::new(py, if b.is_true() { "true" } else { "false" }))
            } else {
                let mut out = JsonOut::new(None);
                write_int(key, &mut out)?;
                Ok(PyString::new(py, &out.buf))
            }
        }
        Kind::Float => float_key(key),
        Kind::Tuple => {
            let parts = sequence_items(key)?
                .iter()
                .map(|item| Ok(json_key(item, d)?.to_str()?.to_owned()))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyString::new(py, &parts.join(",")))
        }
        Kind::Bytes => Ok(PyString::new(py, bytes::utf8(py, &bytes::as_text(key).unwrap_or_default(), false)?)),
        Kind::Text(text) => Ok(PyString::new(py, &text)),
        Kind::Unknown if d.fallback.is_some() => {
            // a fallback that keeps giving unknown keys ends at the depth limit
            if !d.enter_any() {
                return Err(too_deep());
            }
            let result = fall_back(key, d).and_then(|k| json_key(&k, d));
            d.leave_any();
            result
        }
        Kind::Unknown => Err(unknown(key)),
        _ => {
            let name = key.get_type().name().map(|n| n.to_string()).unwrap_or_default();
            Err(pyo3::exceptions::PyTypeError::new_err(format!("`{name}` not valid as object key")))
        }
    }
}

/// A float key as Python prints it (`1e-07`), NaN and the infinities as `None`.
fn float_key<'py>(key: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
    let v = key.cast::<PyFloat>()?.value();
    if v.is_finite() {
        PyFloat::new(key.py(), v).repr()
    } else {
        Ok(PyString::new(key.py(), "None"))
    }
}

/// A key written as JSON text: an unknown type's error is wrapped as pydantic wraps it.
pub fn json_text_key<'py>(key: &Bound<'py, PyAny>, d: &mut Dumper<'py>) -> PyResult<Bound<'py, PyString>> {
    json_key(key, d).map_err(|err| {
        if err.is_instance_of::<SerializationError>(d.py) {
            SerializationError::new_err(format!("Error serializing to JSON: PydanticSerializationError: {}", err.value(d.py)))
        } else {
            err
        }
    })
}
