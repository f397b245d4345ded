//! The validator tree: one type per file, dispatched through an enum.

mod any;
mod bool;
mod bytes;
mod checked;
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
mod function;
mod is_instance;
mod number_str;
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
mod email_domain;
mod email_syntax;
pub mod multi_host_url;
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

mod facts;
mod native;
mod recursive;
mod state;

pub use checks::{CheckError, LeafChecks};
pub use state::{BuildContext, ExtraKeys, KeyOverrides, State};
pub use model_field::ModelFieldValidator;
pub use checked::CheckedValidator;
pub use native::ModelWalk;
// paths, IP addresses, secrets and Json
pub use ip::IpKind;
pub use path::path_check_error;
pub use uuid::new_uuid;
pub use function::{HookMode, ValidatorHandler};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::ValResult;
use crate::input::Input;

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
    // hooks
    Function(function::FunctionValidator),
    /// `arbitrary_types_allowed`: an instance of a class satya has no validator for.
    IsInstance(is_instance::IsInstanceValidator),
    /// `coerce_numbers_to_str`: a number taken as its text, around a str.
    NumberStr(number_str::NumberStrValidator),
    /// A value checked by a Program of its own (inside a hook, say).
    Checked(checked::CheckedValidator),
    /// A TypedDict or NamedTuple that contains itself, and a use inside it.
    Recursive(std::sync::Arc<recursive::Definition>),
    RecursiveRef(std::sync::Weak<recursive::Definition>),
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
            // hooks
            "function" => function::FunctionValidator::build(node, ctx),
            "is_instance" => is_instance::IsInstanceValidator::build(node, ctx),
            "number_str" => number_str::NumberStrValidator::build(node, ctx),
            "recursive" => recursive::build_definition(node, ctx),
            "recursive_ref" => recursive::build_reference(node, ctx),
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
            Validator::Function(v) => v.validate(py, input, state),
            Validator::IsInstance(v) => v.validate(py, input, state),
            Validator::NumberStr(v) => v.validate(py, input, state),
            Validator::Checked(v) => v.validate(py, input, state),
            Validator::Recursive(v) => v.validate(py, input, state),
            Validator::RecursiveRef(v) => recursive::referred(v)?.validate(py, input, state),
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
            Validator::Timedelta(v) => v.program_checks(),
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
            Validator::Timedelta(v) => v.validate_deferred(py, input, state),
            other => Ok((other.validate(py, input, state)?, None)),
        }
    }

}
