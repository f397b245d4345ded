//! The validator tree: one type per file, dispatched through an enum.

mod any;
mod bool;
mod bytes;
mod checks;
mod dict;
mod enum_;
mod float;
mod int;
mod list;
mod literal;
mod model_field;
mod none;
mod nullable;
mod str;
// uuid and decimal
mod decimal;
mod decimal_digits;
mod uuid;
// dates and times
mod date;
mod datetime;
mod datetime_slot;
mod temporal_bounds;
mod time;
mod timedelta;
// unions
mod tagged_union;
mod union;
// dataclasses
mod dataclass;
// paths, IP addresses, secrets and Json
mod ip;
mod json_value;
mod path;
mod secret;
// emails and URLs
mod email;
mod email_syntax;
mod url;
pub mod url_object;
// containers
mod deque;
mod iterable;
mod seq_items;
mod sequence;
mod set;
mod tuple;
mod named_tuple;
mod typed_dict;

pub use checks::{CheckError, LeafChecks};
pub use model_field::ModelFieldValidator;
pub use list::ItemProgram;
// paths, IP addresses, secrets and Json
pub use ip::IpKind;
pub use path::path_check_error;

use jiter::Peek;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::batch::{JsonReader, Native};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::{Exactness, Input};

/// Deep input against a recursive model stops here with a validation error
/// instead of exhausting the native stack (pydantic's limit).
pub const MAX_DEPTH: usize = 255;

/// What building a class's validators needs to know, and what it found.
pub struct BuildContext {
    /// Compile constraint programs to native code (else: the interpreter).
    pub jit: bool,
    /// Why native code could not be made, for a warning; those programs run
    /// in the interpreter.
    pub jit_failures: std::cell::RefCell<Vec<String>>,
}

/// What one validation call carries through the tree: its per-call options and
/// the model inputs being validated, outermost first (a repeat is a cycle).
#[derive(Default)]
pub struct State {
    path: smallvec::SmallVec<[usize; 8]>,
    /// `strict=` of the call: overrides the schema's own setting when given.
    pub strict: Option<bool>,
    /// `from_attributes=` of the call: models read other objects' attributes.
    pub from_attributes: bool,
    /// `context=` of the call, kept for the hooks that read it.
    pub context: Option<Py<PyAny>>,
    // uuid and decimal
    /// The JSON document being validated, for the text of its numbers.
    pub json_source: Option<crate::input::JsonSource>,
    // unions
    /// Inside a smart union: how closely the choice being tried matched so
    /// far (validators lower it); None outside unions, where nothing reads it.
    pub exactness: Option<Exactness>,
    /// Inside a smart union: how many fields the models of the choice being
    /// tried took from the input, the first measure of a model choice.
    pub fields_set_count: Option<usize>,
}

impl State {
    pub fn new(strict: Option<bool>, from_attributes: bool, context: Option<Py<PyAny>>) -> Self {
        State { path: Default::default(), strict, from_attributes, context, json_source: None, exactness: None, fields_set_count: None }
    }

    // uuid and decimal
    /// Runs `validate` with `document`, parsed from `data`, as the JSON source
    /// whose number texts a Decimal reads. Both outlive the call, so the
    /// source never outlives them: it is taken off again before returning.
    pub fn with_json_source<R>(&mut self, data: &[u8], document: &jiter::JsonValue<'_>, validate: impl FnOnce(&mut Self) -> R) -> R {
        let outer = self.json_source.replace(crate::input::JsonSource::new(data, document));
        let result = validate(self);
        self.json_source = outer;
        result
    }

    /// The strictness a validator built with `strict` applies in this call.
    #[inline]
    pub fn strict_or(&self, strict: bool) -> bool {
        self.strict.unwrap_or(strict)
    }

    // unions
    /// Lowers the exactness of the union choice being tried to `exactness`
    /// (computed only inside a union).
    #[inline(always)]
    pub fn floor_with(&mut self, exactness: impl FnOnce() -> Exactness) {
        if let Some(current) = self.exactness {
            if current > Exactness::Lax {
                self.exactness = Some(current.min(exactness()));
            }
        }
    }

    /// Lowers the exactness for a value made from `input` by its class (a
    /// path, an IP address, a parsed document): the input itself is exact,
    /// other Python input lax, JSON text strict.
    #[inline]
    pub fn floor_made<'py>(&mut self, input: &impl Input<'py>, made: &Bound<'py, PyAny>) {
        self.floor_with(|| match input.is_python() {
            false => Exactness::Strict,
            true if input.to_python(made.py()).is_ok_and(|i| i.is(made)) => Exactness::Exact,
            true => Exactness::Lax,
        });
    }

    /// Records the fields a model took from its input, inside a union.
    #[inline]
    pub fn add_fields_set(&mut self, count: usize) {
        if self.exactness.is_some() {
            *self.fields_set_count.get_or_insert(0) += count;
        }
    }

    #[inline]
    pub fn enter<'py>(&mut self, input: &impl Input<'py>) -> ValResult<()> {
        let id = input.identity();
        if id != 0 && self.path.contains(&id) {
            return Err(ValError::new(ErrorKind::RecursionLoop, input));
        }
        if self.path.len() >= MAX_DEPTH {
            return Err(ValError::new(ErrorKind::RecursionDepthExceeded, input));
        }
        self.path.push(id);
        Ok(())
    }

    #[inline]
    pub fn leave(&mut self) {
        self.path.pop();
    }
}

#[derive(Debug)]
pub enum Validator {
    Any(any::AnyValidator),
    None(none::NoneValidator),
    Bool(bool::BoolValidator),
    Int(int::IntValidator),
    ConstrainedInt(int::ConstrainedIntValidator),
    Float(float::FloatValidator),
    ConstrainedFloat(float::ConstrainedFloatValidator),
    Str(str::StrValidator),
    ConstrainedStr(str::ConstrainedStrValidator),
    Bytes(bytes::BytesValidator),
    List(list::ListValidator),
    Dict(dict::DictValidator),
    Nullable(nullable::NullableValidator),
    Model(ModelFieldValidator),
    Literal(literal::LiteralValidator),
    Enum(enum_::EnumValidator),
    // uuid and decimal
    Uuid(uuid::UuidValidator),
    Decimal(decimal::DecimalValidator),
    // dates and times
    Datetime(datetime::DatetimeValidator),
    Date(date::DateValidator),
    Time(time::TimeValidator),
    Timedelta(timedelta::TimedeltaValidator),
    // unions
    Union(union::UnionValidator),
    TaggedUnion(tagged_union::TaggedUnionValidator),
    // dataclasses
    Dataclass(dataclass::DataclassValidator),
    // paths, IP addresses, secrets and Json
    Path(path::PathValidator),
    Ip(ip::IpValidator),
    Secret(secret::SecretValidator),
    Json(json_value::JsonValidator),
    // emails and URLs
    Email(email::EmailValidator),
    StrCheck(email::StrCheckValidator),
    Url(url::UrlValidator),
    // containers
    Tuple(tuple::TupleValidator),
    Set(set::SetValidator),
    Deque(deque::DequeValidator),
    Sequence(sequence::SequenceValidator),
    Iterable(iterable::IterableValidator),
    TypedDict(typed_dict::TypedDictValidator),
    NamedTuple(named_tuple::NamedTupleValidator),
}

/// Reads one key of a type node from the descriptor built by the metaclass.
pub(crate) fn node_get<'py>(node: &Bound<'py, PyDict>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    Ok(node.get_item(key)?.filter(|v| !v.is_none()))
}

pub(crate) fn node_strict(node: &Bound<'_, PyDict>) -> PyResult<bool> {
    Ok(match node_get(node, "strict")? {
        Some(v) => v.is_truthy()?,
        None => false,
    })
}

impl Validator {
    /// Builds the validator for a type node; `build` of each type picks the
    /// constrained variant only when the node has constraints.
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Self> {
        let kind: String = node
            .get_item("kind")?
            .ok_or_else(|| PyTypeError::new_err("type node without 'kind'"))?
            .extract()?;
        match kind.as_str() {
            "any" => Ok(Validator::Any(any::AnyValidator)),
            "none" => Ok(Validator::None(none::NoneValidator)),
            "bool" => bool::BoolValidator::build(node, ctx),
            "int" => int::IntValidator::build(node, ctx),
            "float" => float::FloatValidator::build(node, ctx),
            "str" => str::StrValidator::build(node, ctx),
            "bytes" => bytes::BytesValidator::build(node, ctx),
            "list" => list::ListValidator::build(node, ctx),
            "dict" => dict::DictValidator::build(node, ctx),
            "nullable" => nullable::NullableValidator::build(node, ctx),
            "model" => model_field::ModelFieldValidator::build(node, ctx),
            "literal" => literal::LiteralValidator::build(node, ctx),
            "enum" => enum_::EnumValidator::build(node, ctx),
            // uuid and decimal
            "uuid" => uuid::UuidValidator::build(node, ctx),
            "decimal" => decimal::DecimalValidator::build(node, ctx),
            // dates and times
            "datetime" => datetime::DatetimeValidator::build(node, ctx),
            "date" => date::DateValidator::build(node, ctx),
            "time" => time::TimeValidator::build(node, ctx),
            "timedelta" => timedelta::TimedeltaValidator::build(node, ctx),
            // unions
            "union" => union::UnionValidator::build(node, ctx),
            "tagged_union" => tagged_union::TaggedUnionValidator::build(node, ctx),
            // dataclasses
            "dataclass" => dataclass::DataclassValidator::build(node, ctx),
            // paths, IP addresses, secrets and Json
            "path" => path::PathValidator::build(node, ctx),
            "ip" => ip::IpValidator::build(node, ctx),
            "secret" => secret::SecretValidator::build(node, ctx),
            "json" => json_value::JsonValidator::build(node, ctx),
            // emails and URLs
            "email" => email::EmailValidator::build(node, ctx),
            "str_check" => email::StrCheckValidator::build(node, ctx),
            "url" => url::UrlValidator::build(node, ctx),
            // containers
            "tuple" => tuple::TupleValidator::build(node, ctx),
            "set" => set::SetValidator::build(node, ctx, crate::input::Collection::Set),
            "frozenset" => set::SetValidator::build(node, ctx, crate::input::Collection::FrozenSet),
            "deque" => deque::DequeValidator::build(node, ctx),
            "sequence" => sequence::SequenceValidator::build(node, ctx),
            "iterable" => iterable::IterableValidator::build(node, ctx),
            "typed_dict" => typed_dict::TypedDictValidator::build(node, ctx),
            "named_tuple" => named_tuple::NamedTupleValidator::build(node, ctx),
            other => Err(PyTypeError::new_err(format!("unsupported type node kind {other:?}"))),
        }
    }

    /// Validates one value, running its own constraint checks.
    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        match self {
            Validator::Any(v) => v.validate(py, input, state),
            Validator::None(v) => v.validate(py, input),
            Validator::Bool(v) => v.validate(py, input, state),
            Validator::Int(v) => v.validate(py, input, state),
            Validator::ConstrainedInt(v) => v.validate(py, input, state),
            Validator::Float(v) => v.validate(py, input, state),
            Validator::ConstrainedFloat(v) => v.validate(py, input, state),
            Validator::Str(v) => v.validate(py, input, state),
            Validator::ConstrainedStr(v) => v.validate(py, input, state),
            Validator::Bytes(v) => v.validate(py, input, state),
            Validator::List(v) => v.validate(py, input, state),
            Validator::Dict(v) => v.validate(py, input, state),
            Validator::Nullable(v) => v.validate(py, input, state),
            Validator::Model(v) => v.validate(py, input, state),
            Validator::Literal(v) => v.validate(py, input, state),
            Validator::Enum(v) => v.validate(py, input, state),
            // uuid and decimal
            Validator::Uuid(v) => v.validate(py, input, state),
            Validator::Decimal(v) => v.validate(py, input, state),
            // dates and times
            Validator::Datetime(v) => v.validate(py, input, state),
            Validator::Date(v) => v.validate(py, input, state),
            Validator::Time(v) => v.validate(py, input, state),
            Validator::Timedelta(v) => v.validate(py, input, state),
            // unions
            Validator::Union(v) => v.validate(py, input, state),
            Validator::TaggedUnion(v) => v.validate(py, input, state),
            // dataclasses
            Validator::Dataclass(v) => v.validate(py, input, state),
            // paths, IP addresses, secrets and Json
            Validator::Path(v) => v.validate(py, input, state),
            Validator::Ip(v) => v.validate(py, input, state),
            Validator::Secret(v) => v.validate(py, input, state),
            Validator::Json(v) => v.validate(py, input, state),
            // emails and URLs
            Validator::Email(v) => v.validate(py, input, state),
            Validator::StrCheck(v) => v.validate(py, input, state),
            Validator::Url(v) => v.validate(py, input, state),
            // containers
            Validator::Tuple(v) => v.validate(py, input, state),
            Validator::Set(v) => v.validate(py, input, state),
            Validator::Deque(v) => v.validate(py, input, state),
            Validator::Sequence(v) => v.validate(py, input, state),
            Validator::Iterable(v) => v.validate(py, input, state),
            Validator::TypedDict(v) => v.validate(py, input, state),
            Validator::NamedTuple(v) => v.validate(py, input, state),
        }
    }

    /// Checks this value's model `Program` can run: present only when every
    /// check fits a 64-bit slot and none must run inline (a pattern, say).
    pub fn program_checks(&self) -> Option<&LeafChecks> {
        match self {
            Validator::ConstrainedInt(v) => v.program_checks(),
            Validator::ConstrainedFloat(v) => Some(v.checks()).filter(|c| !c.is_empty()),
            Validator::ConstrainedStr(v) => v.program_checks(),
            Validator::Bytes(v) => v.checks().filter(|c| !c.is_empty()),
            Validator::List(v) => v.checks().filter(|c| !c.is_empty()),
            Validator::Dict(v) => v.checks().filter(|c| !c.is_empty()),
            Validator::Nullable(v) => v.inner().program_checks(),
            // dates and times
            Validator::Date(v) => v.program_checks(),
            Validator::Datetime(v) => v.program_checks(),
            _ => None,
        }
    }

    /// Like `validate`, but leaves the `program_checks` to the model's Program:
    /// returns the value and, when it fits, the slot the checks read. A value
    /// that does not fit (an int beyond 64 bits, None) is checked here, exactly.
    #[inline(always)]
    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        match self {
            Validator::ConstrainedInt(v) => v.validate_deferred(py, input, state),
            Validator::ConstrainedFloat(v) => v.validate_deferred(py, input, state),
            Validator::ConstrainedStr(v) => v.validate_deferred(py, input, state),
            Validator::Bytes(v) => v.validate_deferred(py, input, state),
            Validator::List(v) => v.validate_deferred(py, input, state),
            Validator::Dict(v) => v.validate_deferred(py, input, state),
            Validator::Nullable(v) => v.validate_deferred(py, input, state),
            // dates and times
            Validator::Date(v) => v.validate_deferred(py, input, state),
            Validator::Datetime(v) => v.validate_deferred(py, input, state),
            other => Ok((other.validate(py, input, state)?, None)),
        }
    }

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
            // uuid and decimal: Python objects only (see runs_without_python)
            Validator::Uuid(_) | Validator::Decimal(_) => None,
            // dates and times: no native values yet; the full path decides
            Validator::Datetime(_) | Validator::Date(_) | Validator::Time(_) | Validator::Timedelta(_) => None,
            // unions: the choice is made on the full path
            Validator::Union(_) | Validator::TaggedUnion(_) => None,
            // dataclasses: made by their class's __new__
            Validator::Dataclass(_) => None,
            // paths, IP addresses, secrets and Json: Python objects only
            Validator::Path(_) | Validator::Ip(_) | Validator::Secret(_) | Validator::Json(_) => None,
            // emails and URLs: checked under the GIL
            Validator::Email(_) | Validator::StrCheck(_) | Validator::Url(_) => None,
            // containers: their objects are made under the GIL
            Validator::Tuple(_) | Validator::Set(_) | Validator::Deque(_) | Validator::Sequence(_) | Validator::Iterable(_) => None,
            Validator::TypedDict(_) | Validator::NamedTuple(_) => None,
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
    pub fn runs_without_python(&self, py: Python<'_>, seen: &mut Vec<usize>) -> PyResult<bool> {
        Ok(match self {
            Validator::ConstrainedStr(v) => !v.needs_python(),
            Validator::List(v) => v.item().runs_without_python(py, seen)?,
            Validator::Dict(v) => v.key().runs_without_python(py, seen)? && v.value().runs_without_python(py, seen)?,
            Validator::Nullable(v) => v.inner().runs_without_python(py, seen)?,
            Validator::Model(v) => v.runs_without_python(py, seen)?,
            // uuid and decimal: their values are made by Python's classes
            Validator::Uuid(_) | Validator::Decimal(_) => false,
            // dates and times: their objects are made under the GIL
            Validator::Datetime(_) | Validator::Date(_) | Validator::Time(_) | Validator::Timedelta(_) => false,
            // unions: chosen under the GIL
            Validator::Union(_) | Validator::TaggedUnion(_) => false,
            // dataclasses
            Validator::Dataclass(_) => false,
            // paths, IP addresses, secrets and Json: made by Python classes
            // (the models inside a Json are still resolved)
            Validator::Json(v) => {
                if let Some(inner) = v.inner() {
                    inner.runs_without_python(py, seen)?;
                }
                false
            }
            Validator::Path(_) | Validator::Ip(_) | Validator::Secret(_) => false,
            // emails and URLs: checked under the GIL, values made by Python classes
            Validator::Email(_) | Validator::StrCheck(_) | Validator::Url(_) => false,
            // containers: their objects are made under the GIL
            Validator::Tuple(_) | Validator::Set(_) | Validator::Deque(_) | Validator::Sequence(_) | Validator::Iterable(_) => false,
            Validator::TypedDict(_) | Validator::NamedTuple(_) => false,
            _ => true,
        })
    }

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
            _ => 0,
        }
    }

    /// Every item program inside this validator (lists of constrained items).
    pub fn item_programs<'a>(&'a self, found: &mut Vec<&'a ItemProgram>) {
        match self {
            Validator::List(v) => {
                if let Some(p) = v.item_program() {
                    found.push(p);
                }
                v.item().item_programs(found);
            }
            Validator::Dict(v) => {
                v.key().item_programs(found);
                v.value().item_programs(found);
            }
            Validator::Nullable(v) => v.inner().item_programs(found),
            // unions
            Validator::Union(v) => v.choices().iter().for_each(|c| c.item_programs(found)),
            Validator::TaggedUnion(v) => v.choices().iter().for_each(|c| c.item_programs(found)),
            // paths, IP addresses, secrets and Json
            Validator::Json(v) => {
                if let Some(inner) = v.inner() {
                    inner.item_programs(found);
                }
            }
            // containers
            Validator::Sequence(v) => v.list().item_programs(found),
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
            _ => {}
        }
    }
}
