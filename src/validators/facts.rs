//! What the schema asks of a validator when its class is built: whether its
//! values are scalars, how many checks it enforces, its constraint programs and the
//! Python objects it holds.

use pyo3::prelude::*;

use satya_jit::Program;

use super::Validator;
use crate::backend::Backend;

impl Validator {
    /// Whether every value this validator produces is an immutable scalar.
    pub fn is_scalar(&self) -> bool {
        match self {
            Validator::None(_) | Validator::Bool(_) | Validator::Int(_) | Validator::ConstrainedInt(_) => true,
            Validator::Float(_) | Validator::ConstrainedFloat(_) | Validator::Str(_) | Validator::ConstrainedStr(_) => true,
            Validator::Bytes(_) => true,
            Validator::Nullable(v) => v.inner().is_scalar(),
            // a Literal or Enum value may be any object (an Enum member is mutable)
            Validator::Any(_) | Validator::List(_) | Validator::Dict(_) | Validator::Model(_) => false,
            Validator::Literal(_) | Validator::Enum(_) => false,
            // uuid and decimal: a Decimal is always a plain Decimal; a UUID
            // subclass instance is kept as given and may hold anything
            Validator::Decimal(_) => true,
            Validator::Uuid(_) => false,
            // dates and times: a subclass instance or a tzinfo may hold references
            Validator::Datetime(_) | Validator::Date(_) | Validator::Time(_) | Validator::Timedelta(_) => false,
            // unions
            Validator::Union(v) => v.choices().iter().all(Validator::is_scalar),
            Validator::TaggedUnion(_) => false,
            // dataclasses: mutable objects
            Validator::Dataclass(_) => false,
            // paths, IP addresses, secrets and Json: instances of classes that may hold anything
            Validator::Path(_) | Validator::Ip(_) | Validator::Secret(_) | Validator::Json(_) => false,
            // emails and URLs: a NameEmail or a URL object is an instance of a Python class
            Validator::StrCheck(_) => true,
            Validator::Email(v) => v.is_str(),
            Validator::Url(_) => false,
            // containers: a tuple or frozenset may hold mutable items
            Validator::Tuple(_) | Validator::Set(_) | Validator::Deque(_) | Validator::Sequence(_) | Validator::Iterable(_) => false,
            Validator::TypedDict(_) | Validator::NamedTuple(_) => false,
            Validator::Recursive(_) | Validator::RecursiveRef(_) => false,
            // hooks: a function may return anything; an instance may hold anything
            Validator::Function(_) | Validator::IsInstance(_) => false,
            Validator::NumberStr(v) => v.inner().is_scalar(),
            Validator::Checked(v) => v.inner().is_scalar(),
        }
    }

    /// How many constraint checks this validator and those inside it enforce.
    pub fn check_count(&self) -> usize {
        match self {
            Validator::ConstrainedInt(v) => v.check_count(),
            Validator::ConstrainedFloat(v) => v.checks().0.len() + v.finite_check_count(),
            Validator::ConstrainedStr(v) => v.check_count(),
            Validator::Bytes(v) => v.checks().map_or(0, |c| c.0.len()),
            Validator::List(v) => v.checks().map_or(0, |c| c.0.len()) + v.item().check_count(),
            Validator::Dict(v) => v.checks().map_or(0, |c| c.0.len()) + v.key().check_count() + v.value().check_count(),
            Validator::Nullable(v) => v.inner().check_count(),
            // uuid and decimal
            Validator::Decimal(v) => v.check_count(),
            // dates and times
            Validator::Datetime(v) => v.check_count(),
            Validator::Date(v) => v.check_count(),
            Validator::Time(v) => v.check_count(),
            Validator::Timedelta(v) => v.check_count(),
            // unions
            Validator::Union(v) => v.choices().iter().map(Validator::check_count).sum(),
            Validator::TaggedUnion(v) => v.choices().iter().map(Validator::check_count).sum(),
            // paths, IP addresses, secrets and Json
            Validator::Secret(v) => v.check_count(),
            Validator::Json(v) => v.inner().map_or(0, Validator::check_count),
            // emails and URLs
            Validator::StrCheck(v) => v.inner().check_count(),
            // containers
            Validator::Tuple(v) => v.check_count(),
            Validator::Set(v) => v.check_count(),
            Validator::Deque(v) => v.check_count(),
            Validator::Sequence(v) => v.check_count(),
            Validator::Iterable(v) => v.item().check_count(),
            Validator::TypedDict(v) => v.validators().map(Validator::check_count).sum(),
            Validator::NamedTuple(v) => v.validators().map(Validator::check_count).sum(),
            // hooks
            Validator::Function(v) => v.inner().map_or(0, Validator::check_count),
            Validator::NumberStr(v) => v.inner().check_count(),
            Validator::Checked(v) => v.inner().check_count(),
            // a use inside counts nothing more: its checks are the definition's
            Validator::Recursive(v) => v.inner().map_or(0, Validator::check_count),
            _ => 0,
        }
    }

    /// Every constraint program inside this validator with its backend: the
    /// item programs of lists and the programs of checked values.
    pub fn programs<'a>(&'a self, found: &mut Vec<(&'a Program, &'a Backend)>) {
        match self {
            Validator::List(v) => {
                if let Some(p) = v.item_program() {
                    found.push((p.program(), p.backend()));
                }
                v.item().programs(found);
            }
            Validator::Dict(v) => {
                v.key().programs(found);
                v.value().programs(found);
            }
            Validator::Nullable(v) => v.inner().programs(found),
            // unions
            Validator::Union(v) => v.choices().iter().for_each(|c| c.programs(found)),
            Validator::TaggedUnion(v) => v.choices().iter().for_each(|c| c.programs(found)),
            // paths, IP addresses, secrets and Json
            Validator::Json(v) => {
                if let Some(inner) = v.inner() {
                    inner.programs(found);
                }
            }
            // containers
            Validator::Sequence(v) => v.list().programs(found),
            // hooks
            Validator::Function(v) => {
                if let Some(inner) = v.inner() {
                    inner.programs(found);
                }
            }
            Validator::Checked(v) => {
                found.push((v.program(), v.backend()));
                v.inner().programs(found);
            }
            Validator::Recursive(v) => {
                if let Some(inner) = v.inner() {
                    inner.programs(found);
                }
            }
            _ => {}
        }
    }

    /// Python objects this validator keeps alive, for the garbage collector.
    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        match self {
            Validator::List(v) => v.item().visit_objects(visit),
            Validator::Dict(v) => {
                v.key().visit_objects(visit);
                v.value().visit_objects(visit);
            }
            Validator::Nullable(v) => v.inner().visit_objects(visit),
            Validator::Model(v) => v.visit_objects(visit),
            Validator::Literal(v) => v.visit_objects(visit),
            Validator::Enum(v) => v.visit_objects(visit),
            // unions
            Validator::Union(v) => v.choices().iter().for_each(|c| c.visit_objects(visit)),
            Validator::TaggedUnion(v) => v.visit_objects(visit),
            // dataclasses
            Validator::Dataclass(v) => v.visit_objects(visit),
            // paths, IP addresses, secrets and Json
            Validator::Path(v) => visit(v.class().as_any()),
            Validator::Secret(v) => visit(v.class().as_any()),
            Validator::Json(v) => {
                if let Some(inner) = v.inner() {
                    inner.visit_objects(visit);
                }
            }
            // emails and URLs
            Validator::Email(v) => v.visit_objects(visit),
            Validator::StrCheck(v) => v.inner().visit_objects(visit),
            Validator::Url(v) => v.visit_objects(visit),
            // containers
            Validator::Tuple(v) => v.validators().for_each(|i| i.visit_objects(visit)),
            Validator::Set(v) => v.item().visit_objects(visit),
            Validator::Deque(v) => v.item().visit_objects(visit),
            Validator::Sequence(v) => v.list().visit_objects(visit),
            Validator::Iterable(v) => v.item().visit_objects(visit),
            Validator::TypedDict(v) => v.visit_objects(visit),
            Validator::NamedTuple(v) => v.visit_objects(visit),
            // hooks
            Validator::Function(v) => v.visit_objects(visit),
            Validator::IsInstance(v) => v.visit_objects(visit),
            Validator::NumberStr(v) => v.inner().visit_objects(visit),
            Validator::Checked(v) => v.inner().visit_objects(visit),
            Validator::Recursive(v) => {
                if let Some(inner) = v.inner() {
                    inner.visit_objects(visit);
                }
            }
            _ => {}
        }
    }

    /// Whether the errors of this validator's Program checks carry the
    /// validated value as their input (a timedelta's bounds, as pydantic's).
    pub fn program_reports_value(&self) -> bool {
        match self {
            Validator::Timedelta(_) => true,
            Validator::Nullable(v) => v.inner().program_reports_value(),
            _ => false,
        }
    }
}
