//! What dumps and the schema ask of a serializer besides dumping: the
//! declared type's name for warnings, the model serializers inside it, and the
//! Python objects it keeps alive.

use pyo3::prelude::*;

use super::{decimal, networks, recursive, str_form, uuid, ModelSerializer, Serializer};

impl Serializer {
    /// The declared type as the serializer warnings name it.
    pub fn expected(&self, py: Python<'_>) -> String {
        match self {
            Serializer::Any => "any".into(),
            Serializer::Scalar(s) => s.name().into(),
            Serializer::Float => "float".into(),
            Serializer::Bytes => "bytes".into(),
            Serializer::List(item) => format!("list[{}]", item.expected(py)),
            Serializer::Dict(kv) => format!("dict[{}, {}]", kv.0.expected(py), kv.1.expected(py)),
            Serializer::Nullable(inner) => format!("Optional[{}]", inner.expected(py)),
            Serializer::Model(m) => m.class_name(py),
            Serializer::Enum(e) => e.class_name(py),
            // uuid and decimal
            Serializer::Uuid => <uuid::UuidForm as str_form::StrForm>::NAME.into(),
            Serializer::Decimal => <decimal::DecimalForm as str_form::StrForm>::NAME.into(),
            // dates and times
            Serializer::Temporal(kind) => kind.name().into(),
            // unions
            Serializer::Union(choices) => {
                format!("Union[{}]", choices.iter().map(|c| c.expected(py)).collect::<Vec<_>>().join(", "))
            }
            // dataclasses
            Serializer::Dataclass(s) => s.class_name(py),
            // paths, IP addresses, secrets and Json
            Serializer::StrOf(s) => s.name().into(),
            Serializer::Json(inner) => inner.expected(py),
            // emails and URLs
            Serializer::Url => <networks::UrlForm as str_form::StrForm>::NAME.into(),
            Serializer::NameEmail => <networks::NameEmailForm as str_form::StrForm>::NAME.into(),
            // containers
            Serializer::Tuple(t) => t.expected(py),
            Serializer::Set { item, frozen } => format!("{}[{}]", if *frozen { "frozenset" } else { "set" }, item.expected(py)),
            Serializer::Deque { item, sequence } => format!("{}[{}]", if *sequence { "Sequence" } else { "deque" }, item.expected(py)),
            Serializer::TypedDict(_) => "general-fields".into(),
            Serializer::Function(f) => f.inner.expected(py),
            Serializer::JsonForm(f) => f.inner.expected(py),
            Serializer::Recursive(r) => r.serializer().map(|s| s.expected(py)).unwrap_or_default(),
            Serializer::RecursiveRef(r) => recursive::referred(r).ok().and_then(|r| r.serializer().ok().map(|s| s.expected(py))).unwrap_or_default(),
        }
    }

    /// The model serializers in this one, at any depth of containers.
    pub fn models<'a>(&'a self, found: &mut Vec<&'a ModelSerializer>) {
        match self {
            Serializer::List(item) | Serializer::Nullable(item) | Serializer::Json(item) => item.models(found),
            Serializer::Dict(kv) => {
                kv.0.models(found);
                kv.1.models(found);
            }
            Serializer::Model(m) => found.push(m),
            // unions
            Serializer::Union(choices) => choices.iter().for_each(|c| c.models(found)),
            // dataclasses
            Serializer::Dataclass(s) => s.models(found),
            // containers
            Serializer::Tuple(t) => t.items.iter().chain(t.rest.as_ref()).for_each(|s| s.models(found)),
            Serializer::Set { item, .. } | Serializer::Deque { item, .. } => item.models(found),
            Serializer::TypedDict(t) => t.models(found),
            Serializer::Function(f) => f.inner.models(found),
            Serializer::Recursive(r) => {
                if let Ok(inner) = r.serializer() {
                    inner.models(found);
                }
            }
            _ => {}
        }
    }

    /// Python objects this serializer keeps alive, for the garbage collector.
    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        match self {
            Serializer::List(item) | Serializer::Nullable(item) | Serializer::Json(item) => item.visit_objects(visit),
            Serializer::Dict(kv) => {
                kv.0.visit_objects(visit);
                kv.1.visit_objects(visit);
            }
            Serializer::Model(m) => m.visit_objects(visit),
            Serializer::Enum(e) => e.visit_objects(visit),
            // unions
            Serializer::Union(choices) => choices.iter().for_each(|c| c.visit_objects(visit)),
            // dataclasses
            Serializer::Dataclass(s) => s.visit_objects(visit),
            // paths, IP addresses, secrets and Json
            Serializer::StrOf(s) => s.visit_objects(visit),
            // containers
            Serializer::Tuple(t) => t.items.iter().chain(t.rest.as_ref()).for_each(|s| s.visit_objects(visit)),
            Serializer::Set { item, .. } | Serializer::Deque { item, .. } => item.visit_objects(visit),
            Serializer::TypedDict(t) => t.visit_objects(visit),
            Serializer::Function(f) => f.visit_objects(visit),
            Serializer::Recursive(r) => {
                if let Ok(inner) = r.serializer() {
                    inner.visit_objects(visit);
                }
            }
            _ => {}
        }
    }
}
