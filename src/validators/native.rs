//! Off the GIL: the JSON values each validator can take as they stand, read
//! straight from the record by the batch path, and whether it can at all.

use jiter::Peek;
use pyo3::prelude::*;

use super::Validator;
use crate::batch::{JsonReader, Native};

/// A walk over the models a schema reaches, deciding whether it validates
/// without Python.
pub struct ModelWalk {
    /// The schemas entered so far, by address: a repeat is a self-reference.
    pub seen: Vec<usize>,
    /// Build a model that waits for a forward reference (at first use);
    /// otherwise leave it and note that the answer is not final.
    pub resolve: bool,
    /// Some model inside was not built yet.
    pub unresolved: bool,
    /// Some model reached has a default that runs user code.
    pub impure_defaults: bool,
}

impl Validator {
    /// Off the GIL: the value of a JSON input that is valid as it stands, or
    /// None when the input needs the full path: coercion, an int beyond 64
    /// bits, a check only Python can run, or an error to report. The full path
    /// then decides, so this may say None but never accepts what it refuses.
    #[inline]
    pub fn native<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        match self {
            Validator::Any(v) => v.native(json, peek),
            Validator::None(v) => v.native(json, peek),
            Validator::Bool(v) => v.native(json, peek),
            Validator::Int(v) => v.native(json, peek),
            Validator::ConstrainedInt(v) => v.native(json, peek),
            Validator::Float(v) => v.native(json, peek),
            Validator::ConstrainedFloat(v) => v.native(json, peek),
            Validator::Str(v) => v.native(json, peek),
            Validator::ConstrainedStr(v) => v.native(json, peek),
            Validator::Bytes(v) => v.native(json, peek),
            Validator::List(v) => v.native(json, peek),
            Validator::Dict(v) => v.native(json, peek),
            Validator::Nullable(v) => v.native(json, peek),
            Validator::Model(v) => v.native(json, peek),
            Validator::Literal(v) => v.native(json, peek),
            Validator::Enum(v) => v.native(json, peek),
            Validator::Uuid(v) => v.native(json, peek),
            Validator::Decimal(v) => v.native(json, peek),
            Validator::Datetime(v) => v.native_deferred(json, peek).map(|(value, _)| value),
            Validator::Date(v) => v.native_deferred(json, peek).map(|(value, _)| value),
            Validator::Time(v) => v.native(json, peek),
            Validator::Timedelta(v) => v.native_deferred(json, peek).map(|(value, _)| value),
            Validator::Union(v) => v.native(json, peek),
            // tagged unions: the choice is made on the full path
            Validator::TaggedUnion(_) => None,
            // dataclasses: made by their class's __new__
            Validator::Dataclass(_) => None,
            // paths, IP addresses, secrets and Json: Python objects only
            Validator::Path(_) | Validator::Ip(_) | Validator::Secret(_) | Validator::Json(_) => None,
            // emails and URLs: checked under the GIL
            Validator::Email(_) | Validator::StrCheck(_) | Validator::Url(_) => None,
            // containers: their objects are made under the GIL
            Validator::Tuple(_) | Validator::Set(_) | Validator::Deque(_) | Validator::Sequence(_) | Validator::Iterable(_) => None,
            Validator::TypedDict(_) | Validator::NamedTuple(_) => None,
            Validator::Recursive(_) | Validator::RecursiveRef(_) => None,
            // hooks: Python functions; instances of a Python class
            Validator::Function(_) | Validator::IsInstance(_) => None,
            // a JSON string is a str as it stands; a number needs the full path
            Validator::NumberStr(v) => v.inner().native(json, peek),
            // the inner validator's native path runs the same checks
            Validator::Checked(v) => v.inner().native(json, peek),
        }
    }

    /// Like `native`, but leaves the `program_checks` to the model's Program,
    /// as `validate_deferred` does.
    #[inline]
    pub fn native_deferred<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<(Native<'d>, Option<u64>)> {
        match self {
            Validator::ConstrainedInt(v) => v.native_deferred(json, peek),
            Validator::ConstrainedFloat(v) => v.native_deferred(json, peek),
            Validator::ConstrainedStr(v) => v.native_deferred(json, peek),
            Validator::Bytes(v) => v.native_deferred(json, peek),
            Validator::List(v) => v.native_deferred(json, peek),
            Validator::Dict(v) => v.native_deferred(json, peek),
            Validator::Nullable(v) => v.native_deferred(json, peek),
            Validator::Datetime(v) => v.native_deferred(json, peek),
            Validator::Date(v) => v.native_deferred(json, peek),
            Validator::Timedelta(v) => v.native_deferred(json, peek),
            other => other.native(json, peek).map(|v| (v, None)),
        }
    }

    /// Off the GIL: a JSON object key taken as text; other key types need the full path.
    #[inline]
    pub fn native_key<'d>(&self, key: std::borrow::Cow<'d, str>) -> Option<Native<'d>> {
        match self {
            Validator::Any(_) | Validator::Str(_) => Some(Native::Str(key)),
            Validator::ConstrainedStr(v) => v.native_text(key),
            _ => None,
        }
    }

    /// Whether this validator runs without Python; resolves the models inside.
    pub fn runs_without_python(&self, py: Python<'_>, walk: &mut ModelWalk) -> PyResult<bool> {
        Ok(match self {
            Validator::ConstrainedStr(v) => !v.needs_python(),
            Validator::List(v) => v.item().runs_without_python(py, walk)?,
            Validator::Dict(v) => v.key().runs_without_python(py, walk)? && v.value().runs_without_python(py, walk)?,
            Validator::Nullable(v) => v.inner().runs_without_python(py, walk)?,
            Validator::Model(v) => v.runs_without_python(py, walk)?,
            // parsed natively, made into objects under the GIL; a check only
            // Python runs (a Decimal bound, a date's now_op) needs the full path
            Validator::Decimal(v) => v.has_native(),
            Validator::Datetime(v) => v.has_native(),
            Validator::Date(v) => v.has_native(),
            Validator::Time(v) => v.has_native(),
            Validator::Timedelta(v) => v.has_native(),
            // unions of plain scalars send a string or an int to one choice;
            // other unions are chosen under the GIL
            Validator::Union(v) => v.has_native(),
            Validator::TaggedUnion(_) => false,
            // dataclasses
            Validator::Dataclass(_) => false,
            // paths, IP addresses, secrets and Json: made by Python classes
            // (the models inside a Json are still resolved)
            Validator::Json(v) => {
                if let Some(inner) = v.inner() {
                    inner.runs_without_python(py, walk)?;
                }
                false
            }
            Validator::Path(_) | Validator::Ip(_) | Validator::Secret(_) => false,
            // emails and URLs: checked under the GIL, values made by Python classes
            Validator::Email(_) | Validator::StrCheck(_) | Validator::Url(_) => false,
            // containers: their objects are made under the GIL
            Validator::Tuple(_) | Validator::Set(_) | Validator::Deque(_) | Validator::Sequence(_) | Validator::Iterable(_) => false,
            Validator::TypedDict(_) | Validator::NamedTuple(_) => false,
            Validator::Recursive(_) | Validator::RecursiveRef(_) => false,
            Validator::IsInstance(_) => false,
            Validator::NumberStr(v) => v.inner().runs_without_python(py, walk)?,
            Validator::Checked(v) => v.inner().runs_without_python(py, walk)?,
            // hooks: Python functions (the models inside are still resolved)
            Validator::Function(v) => {
                if let Some(inner) = v.inner() {
                    inner.runs_without_python(py, walk)?;
                }
                false
            }
            _ => true,
        })
    }
}
