//! Serializers: how `model_dump` and `model_dump_json` write each field,
//! chosen from its declared type when the class statement runs, one type per
//! file. Only `Any` (and a value that does not match its declared type) looks
//! at the value's type at run time.

mod any;
mod bytes;
mod dict;
mod dumper;
mod entry;
mod enum_;
mod filter;
mod float;
mod list;
mod model;
mod scalar;
mod temporal;
mod writer;
// uuid and decimal
mod decimal;
mod str_form;
mod uuid;
// unions
mod union;
// dataclasses
mod dataclass;
// paths, IP addresses, secrets and Json
mod json_value;
mod str_of;
// emails and URLs
mod networks;
// containers
mod deque;
mod set;
mod tuple;
mod typed_dict;
// computed fields
mod computed;
// hooks
mod function;
// config's JSON forms
mod json_form;
mod facts;
mod recursive;
pub use recursive::referred as recursive_referred;

pub use dumper::{DumpOptions, Dumper};
pub use entry::methods;
pub use filter::Filter;
pub use computed::ComputedField;
pub use function::{ModelSerHook, SerializationInfo, SerializerHandler};
pub use model::{model_to_json, model_to_python, ModelFieldsHandler, ModelSerializer};
pub use writer::{quoted, JsonOut};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::validators::node_get;

pyo3::create_exception!(
    satya._satya,
    SerializationError,
    PyValueError,
    "A value that cannot be dumped: an unknown type in JSON, bytes that are not UTF-8, or a cycle."
);

#[derive(Debug)]
pub enum Serializer {
    /// Chooses by the value's type at run time.
    Any,
    Scalar(scalar::Scalar),
    Float,
    Bytes,
    List(Box<Serializer>),
    Dict(Box<(Serializer, Serializer)>),
    Nullable(Box<Serializer>),
    Model(ModelSerializer),
    Enum(enum_::EnumSerializer),
    // uuid and decimal
    Uuid,
    Decimal,
    // dates and times
    Temporal(temporal::TemporalKind),
    // unions: a tagged union's choices too
    Union(Vec<Serializer>),
    // dataclasses
    Dataclass(Box<dataclass::DataclassSerializer>),
    // paths, IP addresses, secrets and Json
    StrOf(str_of::StrOf),
    Json(Box<Serializer>),
    // emails and URLs
    Url,
    NameEmail,
    // containers
    Tuple(Box<tuple::TupleSerializer>),
    Set { item: Box<Serializer>, frozen: bool },
    /// A deque, or a Sequence (`sequence`), which keeps its list or tuple type.
    Deque { item: Box<Serializer>, sequence: bool },
    TypedDict(Box<typed_dict::TypedDictSerializer>),
    // hooks: a serializer function around the type's own serializer
    Function(Box<function::FunctionSerializer>),
    // config: a non-default JSON form of timedeltas, bytes or floats
    JsonForm(Box<json_form::JsonFormSerializer>),
    /// A type that contains itself, and a use inside it (`recursive.rs`).
    Recursive(std::sync::Arc<recursive::SerDefinition>),
    RecursiveRef(std::sync::Weak<recursive::SerDefinition>),
}

impl Serializer {
    /// The serializer for a type node, the same node its validator is built
    /// from; a serializer function given for the node wraps it.
    pub fn build(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        let built = json_form::JsonFormSerializer::wrap(node, Self::build_type(node)?)?;
        match node_get(node, "serializer")? {
            Some(spec) => Ok(Serializer::Function(Box::new(function::FunctionSerializer::build(spec.cast::<PyDict>()?, built)?))),
            None => Ok(built),
        }
    }

    fn build_type(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        // a dataclass that contains itself marks its outer use and its uses inside
        if let Some(name) = recursive::name_of(node, "ser_ref")? {
            return recursive::reference(&name);
        }
        if let Some(name) = recursive::name_of(node, "ser_def")? {
            return recursive::definition(name, || Self::build_kind(node));
        }
        Self::build_kind(node)
    }

    fn build_kind(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        let kind: String = node
            .get_item("kind")?
            .ok_or_else(|| PyTypeError::new_err("type node without 'kind'"))?
            .extract()?;
        let inner = |key: &str| -> PyResult<Serializer> {
            match node_get(node, key)? {
                Some(n) => Serializer::build(n.cast::<PyDict>()?),
                None => Ok(Serializer::Any),
            }
        };
        Ok(match kind.as_str() {
            "any" => Serializer::Any,
            "none" => Serializer::Scalar(scalar::Scalar::None),
            "bool" => Serializer::Scalar(scalar::Scalar::Bool),
            "int" => Serializer::Scalar(scalar::Scalar::Int),
            "str" => Serializer::Scalar(scalar::Scalar::Str),
            "float" => Serializer::Float,
            "bytes" => Serializer::Bytes,
            "list" => Serializer::List(Box::new(inner("inner")?)),
            "dict" => Serializer::Dict(Box::new((inner("key")?, inner("value")?))),
            "nullable" => Serializer::Nullable(Box::new(inner("inner")?)),
            "model" => Serializer::Model(ModelSerializer::build(node)?),
            // hooks: the type inside serializes (a plain validator has none)
            "function" => inner("inner")?,
            // an arbitrary class: dumped by what the value is
            "is_instance" => Serializer::Any,
            "number_str" => inner("inner")?,
            // a Literal's values are plain objects: their own types decide
            "literal" => Serializer::Any,
            "enum" => Serializer::Enum(enum_::EnumSerializer::build(node)?),
            // uuid and decimal
            "uuid" => Serializer::Uuid,
            "decimal" => Serializer::Decimal,
            // dates and times
            "datetime" => Serializer::Temporal(temporal::TemporalKind::Datetime),
            "date" => Serializer::Temporal(temporal::TemporalKind::Date),
            "time" => Serializer::Temporal(temporal::TemporalKind::Time),
            "timedelta" => Serializer::Temporal(temporal::TemporalKind::Timedelta),
            // unions
            "union" | "tagged_union" => {
                let choices = node_get(node, "choices")?.ok_or_else(|| PyTypeError::new_err("union without choices"))?;
                let mut built = Vec::new();
                for choice in choices.cast::<pyo3::types::PyList>()?.iter() {
                    // a plain union's choices come with their labels
                    let node = match choice.cast::<pyo3::types::PyTuple>() {
                        Ok(pair) => pair.get_item(0)?,
                        Err(_) => choice,
                    };
                    built.push(Serializer::build(node.cast::<PyDict>()?)?);
                }
                Serializer::Union(built)
            }
            // dataclasses
            // a TypedDict or NamedTuple that contains itself, and a use inside it
            "recursive" => match recursive::name_of(node, "ref")? {
                Some(name) => recursive::definition(name, || inner("inner"))?,
                None => return Err(PyTypeError::new_err("recursive node without 'ref'")),
            },
            "recursive_ref" => match recursive::name_of(node, "ref")? {
                Some(name) => recursive::reference(&name)?,
                None => return Err(PyTypeError::new_err("recursive_ref node without 'ref'")),
            },
            "dataclass" => Serializer::Dataclass(Box::new(dataclass::DataclassSerializer::build(node)?)),
            // paths, IP addresses, secrets and Json
            "path" | "ip" | "secret" => Serializer::StrOf(str_of::StrOf::build(node)?),
            "json" => Serializer::Json(Box::new(inner("inner")?)),
            // emails and URLs: an EmailStr or a checked str is a str
            "url" => Serializer::Url,
            "email" if node_get(node, "cls")?.is_some() => Serializer::NameEmail,
            "email" | "str_check" => Serializer::Scalar(scalar::Scalar::Str),
            // containers
            "tuple" => {
                let mut items = Vec::new();
                if let Some(list) = node_get(node, "items")? {
                    for item in list.try_iter()? {
                        items.push(Serializer::build(item?.cast::<PyDict>()?)?);
                    }
                }
                let rest = if node_get(node, "rest")?.is_some() { Some(inner("rest")?) } else { None };
                Serializer::Tuple(Box::new(tuple::TupleSerializer { items, rest }))
            }
            "set" | "frozenset" => Serializer::Set { item: Box::new(inner("inner")?), frozen: kind == "frozenset" },
            "deque" | "sequence" => Serializer::Deque { item: Box::new(inner("inner")?), sequence: kind == "sequence" },
            "iterable" => Serializer::List(Box::new(inner("inner")?)),
            "typed_dict" => {
                let mut fields = Vec::new();
                if let Some(list) = node_get(node, "fields")? {
                    for field in list.try_iter()? {
                        let field = field?;
                        let name: String = field.get_item(0)?.extract()?;
                        fields.push((name, Serializer::build(field.get_item(1)?.cast::<PyDict>()?)?));
                    }
                }
                Serializer::TypedDict(Box::new(typed_dict::TypedDictSerializer { fields }))
            }
            // a named tuple dumps as a plain tuple of its fields, as pydantic's does
            "named_tuple" => {
                let mut items = Vec::new();
                if let Some(list) = node_get(node, "fields")? {
                    for field in list.try_iter()? {
                        items.push(Serializer::build(field?.get_item(1)?.cast::<PyDict>()?)?);
                    }
                }
                Serializer::Tuple(Box::new(tuple::TupleSerializer { items, rest: None }))
            }
            other => return Err(PyTypeError::new_err(format!("no serializer for type node kind {other:?}"))),
        })
    }

    /// `value` as `model_dump` returns it (`mode` is the dumper's).
    pub fn to_python<'py>(&self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Serializer::Any => any::to_python(value, d, filter),
            Serializer::Scalar(s) => s.to_python(value, d, filter),
            Serializer::Float => float::to_python(value, d, filter),
            Serializer::Bytes => bytes::to_python(value, d, filter),
            Serializer::List(item) => list::to_python(item, value, d, filter),
            Serializer::Dict(kv) => dict::to_python(&kv.0, &kv.1, value, d, filter),
            Serializer::Nullable(inner) => {
                if value.is_none() {
                    Ok(value.clone())
                } else {
                    inner.to_python(value, d, filter)
                }
            }
            Serializer::Model(m) => m.to_python(value, d, filter),
            Serializer::Enum(e) => e.to_python(value, d, filter),
            // uuid and decimal
            Serializer::Uuid => str_form::to_python::<uuid::UuidForm>(value, d, filter),
            Serializer::Decimal => str_form::to_python::<decimal::DecimalForm>(value, d, filter),
            // dates and times
            Serializer::Temporal(kind) => kind.to_python(value, d, filter),
            // unions
            Serializer::Union(choices) => union::to_python(choices, value, d, filter),
            // dataclasses
            Serializer::Dataclass(s) => s.to_python(value, d, filter),
            // paths, IP addresses, secrets and Json
            Serializer::StrOf(s) => s.to_python(value, d, filter),
            Serializer::Json(inner) => json_value::to_python(inner, value, d, filter),
            // emails and URLs
            Serializer::Url => str_form::to_python::<networks::UrlForm>(value, d, filter),
            Serializer::NameEmail => str_form::to_python::<networks::NameEmailForm>(value, d, filter),
            // containers
            Serializer::Tuple(t) => tuple::to_python(t, value, d, filter),
            Serializer::Set { item, frozen } => set::to_python(item, *frozen, value, d, filter),
            Serializer::Deque { item, sequence } => deque::to_python(item, *sequence, value, d, filter),
            Serializer::TypedDict(t) => typed_dict::to_python(t, value, d, filter),
            Serializer::Function(f) => f.to_python(value, d, filter),
            Serializer::JsonForm(f) => f.to_python(value, d, filter),
            Serializer::Recursive(r) => r.to_python(value, d, filter),
            Serializer::RecursiveRef(r) => recursive::referred(r)?.to_python(value, d, filter),
        }
    }

    /// `value` written as JSON.
    pub fn to_json<'py>(&self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        match self {
            Serializer::Any => any::to_json(value, out, d, filter),
            Serializer::Scalar(s) => s.to_json(value, out, d, filter),
            Serializer::Float => float::to_json(value, out, d, filter),
            Serializer::Bytes => bytes::to_json(value, out, d, filter),
            Serializer::List(item) => list::to_json(item, value, out, d, filter),
            Serializer::Dict(kv) => dict::to_json(&kv.0, &kv.1, value, out, d, filter),
            Serializer::Nullable(inner) => {
                if value.is_none() {
                    out.raw("null");
                    Ok(())
                } else {
                    inner.to_json(value, out, d, filter)
                }
            }
            Serializer::Model(m) => m.to_json(value, out, d, filter),
            Serializer::Enum(e) => e.to_json(value, out, d, filter),
            // uuid and decimal
            Serializer::Uuid => str_form::to_json::<uuid::UuidForm>(value, out, d, filter),
            Serializer::Decimal => str_form::to_json::<decimal::DecimalForm>(value, out, d, filter),
            // dates and times
            Serializer::Temporal(kind) => kind.to_json(value, out, d, filter),
            // unions
            Serializer::Union(choices) => union::to_json(choices, value, out, d, filter),
            // dataclasses
            Serializer::Dataclass(s) => s.to_json(value, out, d, filter),
            // paths, IP addresses, secrets and Json
            Serializer::StrOf(s) => s.to_json(value, out, d, filter),
            Serializer::Json(inner) => json_value::to_json(inner, value, out, d, filter),
            // emails and URLs
            Serializer::Url => str_form::to_json::<networks::UrlForm>(value, out, d, filter),
            Serializer::NameEmail => str_form::to_json::<networks::NameEmailForm>(value, out, d, filter),
            // containers
            Serializer::Tuple(t) => tuple::to_json(t, value, out, d, filter),
            Serializer::Set { item, frozen } => set::to_json(item, *frozen, value, out, d, filter),
            Serializer::Deque { item, sequence } => deque::to_json(item, *sequence, value, out, d, filter),
            Serializer::TypedDict(t) => typed_dict::to_json(t, value, out, d, filter),
            Serializer::Function(f) => f.to_json(value, out, d, filter),
            Serializer::JsonForm(f) => f.to_json(value, out, d, filter),
            Serializer::Recursive(r) => r.to_json(value, out, d, filter),
            Serializer::RecursiveRef(r) => recursive::referred(r)?.to_json(value, out, d, filter),
        }
    }

    /// Whether `value` is dumped to python as it is, with no conversion: an
    /// exact scalar of the declared type (what validation stores), or None
    /// where None is allowed.
    #[inline]
    pub fn passes_through(&self, value: *mut pyo3::ffi::PyObject, json_mode: bool) -> bool {
        // SAFETY: value is a live object; only its type is read.
        let tp = unsafe { pyo3::ffi::Py_TYPE(value) };
        match self {
            Serializer::Scalar(s) => s.is_exact_type(tp, value),
            Serializer::Float => tp == &raw mut pyo3::ffi::PyFloat_Type,
            Serializer::Bytes => !json_mode && tp == &raw mut pyo3::ffi::PyBytes_Type,
            // SAFETY: comparing with the None singleton.
            Serializer::Nullable(inner) => value == unsafe { pyo3::ffi::Py_None() } || inner.passes_through(value, json_mode),
            _ => false,
        }
    }
}
