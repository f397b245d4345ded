//! A union's value is dumped by the first choice whose type it has exactly
//! (a list's items and a dict's entries included), else by the first that
//! takes it as a subclass or a number; a value no choice takes warns once
//! per choice and is dumped by its own type.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDate, PyDateTime, PyDelta, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString, PyTime, PyTuple};

use super::scalar::Scalar;
use super::temporal::TemporalKind;
use super::{any, Dumper, Filter, JsonOut, Serializer};

fn choose<'s>(choices: &'s [Serializer], value: &Bound<'_, PyAny>) -> Option<&'s Serializer> {
    let found = choices.iter().find(|c| accepts(c, value, true));
    found.or_else(|| choices.iter().find(|c| accepts(c, value, false)))
}

/// Whether a choice's serializer takes `value`: strict asks for the exact type.
fn accepts(serializer: &Serializer, value: &Bound<'_, PyAny>, strict: bool) -> bool {
    let py = value.py();
    match serializer {
        Serializer::Any => true,
        Serializer::Scalar(Scalar::Int) if strict => value.is_exact_instance_of::<PyInt>(),
        Serializer::Scalar(Scalar::Int) => value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>(),
        Serializer::Scalar(Scalar::Bool) => value.is_instance_of::<PyBool>(),
        Serializer::Scalar(Scalar::Str) if strict => value.is_exact_instance_of::<PyString>(),
        Serializer::Scalar(Scalar::Str) => value.is_instance_of::<PyString>(),
        Serializer::Scalar(Scalar::None) => value.is_none(),
        Serializer::Float if strict => value.is_exact_instance_of::<PyFloat>(),
        Serializer::Float => value.is_instance_of::<PyFloat>() || (value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>()),
        Serializer::Bytes if strict => value.is_exact_instance_of::<PyBytes>(),
        Serializer::Bytes => value.is_instance_of::<PyBytes>(),
        Serializer::List(item) => match value.cast::<PyList>() {
            Ok(list) if !strict || value.is_exact_instance_of::<PyList>() => list.iter().all(|v| accepts(item, &v, strict)),
            _ => false,
        },
        Serializer::Dict(kv) => match value.cast::<PyDict>() {
            Ok(dict) if !strict || value.is_exact_instance_of::<PyDict>() => {
                dict.iter().all(|(k, v)| accepts(&kv.0, &k, strict) && accepts(&kv.1, &v, strict))
            }
            _ => false,
        },
        Serializer::Nullable(inner) => value.is_none() || accepts(inner, value, strict),
        Serializer::Model(m) => m.accepts(value, strict),
        Serializer::Enum(e) => e.accepts(value),
        Serializer::Uuid => crate::input::uuid_type(py).is_ok_and(|t| value.is_instance(t).unwrap_or(false)),
        Serializer::Decimal => crate::input::decimal_type(py).is_ok_and(|t| value.is_instance(t).unwrap_or(false)),
        Serializer::Temporal(kind) if strict => match kind {
            TemporalKind::Datetime => value.is_exact_instance_of::<PyDateTime>(),
            TemporalKind::Date => value.is_exact_instance_of::<PyDate>(),
            TemporalKind::Time => value.is_exact_instance_of::<PyTime>(),
            TemporalKind::Timedelta => value.is_exact_instance_of::<PyDelta>(),
        },
        Serializer::Temporal(kind) => kind.matches(value),
        Serializer::Union(choices) => choices.iter().any(|c| accepts(c, value, strict)),
        Serializer::Dataclass(s) => s.accepts(value),
        // a type that contains itself: its outer use is checked in depth; a
        // use inside it by the value's own type only (a value may contain itself)
        Serializer::Recursive(r) => r.serializer().is_ok_and(|s| accepts(s, value, strict)),
        Serializer::RecursiveRef(r) => crate::serializers::recursive_referred(r).is_ok_and(|d| {
            d.serializer().is_ok_and(|s| match s {
                Serializer::TypedDict(_) => value.is_instance_of::<PyDict>(),
                Serializer::Tuple(_) => value.is_instance_of::<PyTuple>(),
                Serializer::Dataclass(s) => s.accepts(value),
                _ => true,
            })
        }),
        // a path, IP address or secret (a str passes only the lax test)
        Serializer::StrOf(s) => s.accepts(value).unwrap_or(false) && !(strict && value.is_instance_of::<PyString>()),
        Serializer::Json(inner) => accepts(inner, value, strict),
        // containers: the container's type, then every item
        Serializer::Tuple(t) => match value.cast::<PyTuple>() {
            Ok(tuple) if !strict || value.is_exact_instance_of::<PyTuple>() => {
                let fits = if t.rest.is_some() { tuple.len() >= t.items.len() } else { tuple.len() == t.items.len() };
                fits && tuple.iter().enumerate().all(|(i, v)| accepts(t.items.get(i).or(t.rest.as_ref()).unwrap_or(&Serializer::Any), &v, strict))
            }
            _ => false,
        },
        Serializer::Set { item, frozen } => {
            let kind = if *frozen { value.is_instance_of::<PyFrozenSet>() } else { value.is_instance_of::<PySet>() };
            kind && all_items(value, item, strict)
        }
        Serializer::Deque { item, sequence: true } => {
            (value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>()) && all_items(value, item, strict)
        }
        Serializer::Deque { item, sequence: false } => {
            crate::input::deque_type(py).is_ok_and(|deque| value.is_instance(deque).unwrap_or(false)) && all_items(value, item, strict)
        }
        Serializer::TypedDict(_) => value.is_instance_of::<PyDict>(),
        Serializer::Function(f) => accepts(&f.inner, value, strict),
        Serializer::JsonForm(f) => accepts(&f.inner, value, strict),
        // emails and URLs
        Serializer::Url => instance_of::<super::networks::UrlForm>(value),
        Serializer::NameEmail => instance_of::<super::networks::NameEmailForm>(value),
    }
}

fn all_items(value: &Bound<'_, PyAny>, item: &Serializer, strict: bool) -> bool {
    value.try_iter().is_ok_and(|items| items.into_iter().all(|v| v.is_ok_and(|v| accepts(item, &v, strict))))
}

fn instance_of<T: super::str_form::StrForm>(value: &Bound<'_, PyAny>) -> bool {
    T::class(value.py()).is_ok_and(|class| value.is_instance(class).unwrap_or(false))
}

#[cold]
fn unexpected<'py>(choices: &[Serializer], value: &Bound<'py, PyAny>, d: &mut Dumper<'py>) {
    for choice in choices {
        d.mismatch(&choice.expected(d.py), value);
    }
}

pub fn to_python<'py>(choices: &[Serializer], value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    match choose(choices, value) {
        Some(choice) => choice.to_python(value, d, filter),
        None => {
            unexpected(choices, value, d);
            any::to_python(value, d, filter)
        }
    }
}

pub fn to_json<'py>(choices: &[Serializer], value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    match choose(choices, value) {
        Some(choice) => choice.to_json(value, out, d, filter),
        None => {
            unexpected(choices, value, d);
            any::to_json(value, out, d, filter)
        }
    }
}
