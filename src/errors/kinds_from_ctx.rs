//! An `ErrorKind` rebuilt from its type name and `ctx`, as
//! `ValidationError.from_exception_data` and unpickling receive them.

use std::borrow::Cow;
use std::sync::Arc;

use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::kinds::{BoundValue, ErrorKind, SharedBound};

/// A bound given back from Python prints as satya prints bounds it builds:
/// whole floats without ".0", everything else as its text.
fn bound_from_ctx(ctx: Option<&Bound<'_, PyDict>>, key: &str, type_name: &str) -> PyResult<SharedBound> {
    let value = ctx
        .and_then(|c| c.get_item(key).ok().flatten())
        .ok_or_else(|| PyTypeError::new_err(format!("{type_name}: '{key}' required in context")))?;
    let display = match value.cast::<pyo3::types::PyFloat>() {
        Ok(f) => format!("{}", f.value()),
        Err(_) => value.str()?.to_string(),
    };
    Ok(Arc::new(BoundValue { value: value.unbind(), display }))
}

fn ctx_u64(ctx: Option<&Bound<'_, PyDict>>, key: &str, type_name: &str) -> PyResult<u64> {
    ctx.and_then(|c| c.get_item(key).ok().flatten())
        .ok_or_else(|| PyTypeError::new_err(format!("{type_name}: '{key}' required in context")))?
        .extract()
}

fn ctx_str(ctx: Option<&Bound<'_, PyDict>>, key: &str, type_name: &str) -> PyResult<Arc<str>> {
    let value = ctx
        .and_then(|c| c.get_item(key).ok().flatten())
        .ok_or_else(|| PyTypeError::new_err(format!("{type_name}: '{key}' required in context")))?;
    Ok(value.str()?.to_cow()?.as_ref().into())
}

/// The `error` text of a date or time parsing error's context.
fn ctx_error(ctx: Option<&Bound<'_, PyDict>>, type_name: &str) -> PyResult<Cow<'static, str>> {
    Ok(Cow::Owned(ctx_str(ctx, "error", type_name)?.to_string()))
}

impl ErrorKind {
    /// The kind named `type_name` with `ctx`, as `ValidationError.from_exception_data`
    /// and unpickling receive them.
    pub fn from_type_and_ctx(type_name: &str, ctx: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        use ErrorKind::*;
        let field_type = |ctx: Option<&Bound<'_, PyDict>>| -> PyResult<Cow<'static, str>> {
            Ok(Cow::Owned(ctx_str(ctx, "field_type", type_name)?.to_string()))
        };
        Ok(match type_name {
            "missing" => Missing,
            "model_type" => ModelType { class_name: ctx_str(ctx, "class_name", type_name)? },
            "dict_type" => DictType,
            "list_type" => ListType,
            "json_invalid" => JsonInvalid { error: ctx_str(ctx, "error", type_name)? },
            "json_type" => JsonType,
            "int_type" => IntType,
            "int_parsing" => IntParsing,
            "int_parsing_size" => IntParsingSize,
            "int_from_float" => IntFromFloat,
            "finite_number" => FiniteNumber,
            "float_type" => FloatType,
            "float_parsing" => FloatParsing,
            "bool_type" => BoolType,
            "bool_parsing" => BoolParsing,
            "string_type" => StringType,
            "string_unicode" => StringUnicode,
            "bytes_type" => BytesType,
            "none_required" => NoneRequired,
            "recursion_loop" => RecursionLoop,
            "recursion_depth_exceeded" => RecursionDepthExceeded,
            "greater_than" => GreaterThan(bound_from_ctx(ctx, "gt", "GreaterThan")?),
            "greater_than_equal" => GreaterThanEqual(bound_from_ctx(ctx, "ge", "GreaterThanEqual")?),
            "less_than" => LessThan(bound_from_ctx(ctx, "lt", "LessThan")?),
            "less_than_equal" => LessThanEqual(bound_from_ctx(ctx, "le", "LessThanEqual")?),
            "multiple_of" => MultipleOf(bound_from_ctx(ctx, "multiple_of", "MultipleOf")?),
            "string_too_short" => StringTooShort { min_length: ctx_u64(ctx, "min_length", "StringTooShort")? },
            "string_too_long" => StringTooLong { max_length: ctx_u64(ctx, "max_length", "StringTooLong")? },
            "bytes_too_short" => BytesTooShort { min_length: ctx_u64(ctx, "min_length", "BytesTooShort")? },
            "bytes_too_long" => BytesTooLong { max_length: ctx_u64(ctx, "max_length", "BytesTooLong")? },
            "too_short" => TooShort {
                field_type: field_type(ctx)?,
                min_length: ctx_u64(ctx, "min_length", "TooShort")?,
                actual_length: ctx_u64(ctx, "actual_length", "TooShort")?,
            },
            // containers: an unknown length is None
            "too_long" if ctx.and_then(|c| c.get_item("actual_length").ok().flatten()).is_some_and(|v| v.is_none()) => {
                TooLongUnsized { field_type: field_type(ctx)?, max_length: ctx_u64(ctx, "max_length", "TooLong")? }
            }
            "too_long" => TooLong {
                field_type: field_type(ctx)?,
                max_length: ctx_u64(ctx, "max_length", "TooLong")?,
                actual_length: ctx_u64(ctx, "actual_length", "TooLong")?,
            },
            "string_pattern_mismatch" => StringPatternMismatch { pattern: ctx_str(ctx, "pattern", "StringPatternMismatch")? },
            "literal_error" => LiteralError { expected: ctx_str(ctx, "expected", "LiteralError")? },
            // unions
            "model_attributes_type" => ModelAttributesType,
            "union_tag_invalid" => UnionTagInvalid {
                discriminator: ctx_str(ctx, "discriminator", "UnionTagInvalid")?,
                tag: ctx_str(ctx, "tag", "UnionTagInvalid")?,
                expected_tags: ctx_str(ctx, "expected_tags", "UnionTagInvalid")?,
            },
            // dataclasses
            "dataclass_type" => DataclassType { class_name: ctx_str(ctx, "class_name", type_name)? },
            "dataclass_exact_type" => DataclassExactType { class_name: ctx_str(ctx, "class_name", type_name)? },
            "union_tag_not_found" => UnionTagNotFound { discriminator: ctx_str(ctx, "discriminator", "UnionTagNotFound")? },
            "needs_python_object" => NeedsPythonObject { method_name: "isinstance" },
            "enum" => Enum { expected: ctx_str(ctx, "expected", "Enum")? },
            // containers
            "tuple_type" => CollectionType { kind: crate::input::Collection::Tuple, json: false },
            "set_type" => CollectionType { kind: crate::input::Collection::Set, json: false },
            "frozen_set_type" => CollectionType { kind: crate::input::Collection::FrozenSet, json: false },
            "deque_type" => CollectionType { kind: crate::input::Collection::Deque, json: false },
            "set_item_not_hashable" => SetItemNotHashable,
            "iterable_type" => IterableType,
            "named_tuple_type" => NamedTupleType { class_name: ctx_str(ctx, "class_name", "NamedTupleType")?, json: false },
            "extra_forbidden" => ExtraForbidden,
            "unexpected_keyword_argument" => UnexpectedKeywordArgument,
            "frozen_instance" => FrozenInstance,
            "frozen_field" => FrozenField,
            "invalid_key" => InvalidKey,
            "iteration_error" => IterationError { error: ctx_str(ctx, "error", "IterationError")? },
            "is_instance_of" => IsInstanceOf { class: ctx_str(ctx, "class", "IsInstanceOf")? },
            // uuid and decimal
            "uuid_type" => UuidType,
            "uuid_parsing" => UuidParsing { error: ctx_str(ctx, "error", "UuidParsing")? },
            "uuid_version" => UuidVersion { expected_version: ctx_u64(ctx, "expected_version", "UuidVersion")? },
            "decimal_type" => DecimalType,
            "decimal_parsing" => DecimalParsing,
            "decimal_max_digits" => DecimalMaxDigits { max_digits: ctx_u64(ctx, "max_digits", "DecimalMaxDigits")? },
            "decimal_max_places" => DecimalMaxPlaces { decimal_places: ctx_u64(ctx, "decimal_places", "DecimalMaxPlaces")? },
            "decimal_whole_digits" => DecimalWholeDigits { whole_digits: ctx_u64(ctx, "whole_digits", "DecimalWholeDigits")? },
            // dates and times
            "datetime_type" => DatetimeType,
            "datetime_parsing" => DatetimeParsing { error: ctx_error(ctx, "DatetimeParsing")? },
            "datetime_from_date_parsing" => DatetimeFromDateParsing { error: ctx_error(ctx, "DatetimeFromDateParsing")? },
            "datetime_object_invalid" => DatetimeObjectInvalid { error: ctx_error(ctx, "DatetimeObjectInvalid")? },
            "datetime_past" => DatetimePast,
            "datetime_future" => DatetimeFuture,
            "date_type" => DateType,
            "date_parsing" => DateParsing { error: ctx_error(ctx, "DateParsing")? },
            "date_from_datetime_parsing" => DateFromDatetimeParsing { error: ctx_error(ctx, "DateFromDatetimeParsing")? },
            "date_from_datetime_inexact" => DateFromDatetimeInexact,
            "date_past" => DatePast,
            "date_future" => DateFuture,
            "time_type" => TimeType,
            "time_parsing" => TimeParsing { error: ctx_error(ctx, "TimeParsing")? },
            "time_delta_type" => TimeDeltaType,
            "time_delta_parsing" => TimeDeltaParsing { error: ctx_error(ctx, "TimeDeltaParsing")? },
            "timezone_naive" => TimezoneNaive,
            "timezone_aware" => TimezoneAware,
            // paths, IP addresses, secrets and Json: a path_type error has no
            // ctx, so the class it named is not known again
            "path_type" => PathType { message: "Input is not a valid path".into() },
            // emails: a value_error whose ctx is a reason
            "value_error" if ctx.is_some_and(|c| c.contains("reason").unwrap_or(false)) => {
                EmailValue { reason: ctx_str(ctx, "reason", "ValueError")? }
            }
            // emails and URLs
            "name_email_type" => NameEmailType,
            "url_type" => UrlType,
            "url_parsing" => UrlParsing { error: ctx_str(ctx, "error", "UrlParsing")? },
            "url_scheme" => UrlScheme { expected_schemes: ctx_str(ctx, "expected_schemes", "UrlScheme")? },
            "url_too_long" => UrlTooLong { max_length: ctx_u64(ctx, "max_length", "UrlTooLong")? },
            "url_syntax_violation" => UrlSyntaxViolation { error: ctx_error(ctx, "UrlSyntaxViolation")? },
            "value_error" => {
                let exception = ctx.and_then(|c| c.get_item("error").ok().flatten());
                let error = match &exception {
                    Some(e) => e.str()?.to_cow()?.as_ref().into(),
                    None => return Err(PyTypeError::new_err("ValueError: 'error' required in context")),
                };
                ValueError { error, exception: exception.map(|e| Arc::new(e.unbind())) }
            }
            other => match (crate::validators::IpKind::from_error_type(other), crate::validators::path_check_error(other)) {
                (Some(kind), _) => Ip(kind),
                (None, Some((error_type, message))) => PathCheck { error_type, message },
                (None, None) => return Err(PyKeyError::new_err(format!("Invalid error type: '{other}'"))),
            },
        })
    }
}
