//! Error types with pydantic's names, messages and context.

use std::borrow::Cow;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A constraint bound as the user wrote it (for `ctx`) and as it prints (for `msg`).
#[derive(Debug)]
pub struct BoundValue {
    pub value: Py<PyAny>,
    pub display: String,
}

pub type SharedBound = Arc<BoundValue>;

#[derive(Debug, Clone)]
pub enum ErrorKind {
    Missing,
    ModelType { class_name: Arc<str> },
    /// model_type for JSON input, which pydantic words differently.
    JsonModelType { class_name: Arc<str> },
    DictType,
    JsonDictType,
    ListType,
    JsonListType,
    JsonInvalid { error: Arc<str> },
    JsonType,
    IntType,
    IntParsing,
    IntParsingSize,
    IntFromFloat,
    FiniteNumber,
    FloatType,
    FloatParsing,
    BoolType,
    BoolParsing,
    StringType,
    StringUnicode,
    BytesType,
    NoneRequired,
    JsonNoneRequired,
    RecursionLoop,
    RecursionDepthExceeded,
    GreaterThan(SharedBound),
    GreaterThanEqual(SharedBound),
    LessThan(SharedBound),
    LessThanEqual(SharedBound),
    MultipleOf(SharedBound),
    StringTooShort { min_length: u64 },
    StringTooLong { max_length: u64 },
    BytesTooShort { min_length: u64 },
    BytesTooLong { max_length: u64 },
    TooShort { field_type: Cow<'static, str>, min_length: u64, actual_length: u64 },
    TooLong { field_type: Cow<'static, str>, max_length: u64, actual_length: u64 },
    StringPatternMismatch { pattern: Arc<str> },
    // Literal and Enum
    LiteralError { expected: Arc<str> },
    NeedsPythonObject { method_name: &'static str },
    Enum { expected: Arc<str> },
    IsInstanceOf { class: Arc<str> },
    // uuid and decimal
    UuidType,
    UuidParsing { error: Arc<str> },
    UuidVersion { expected_version: u64 },
    DecimalType,
    DecimalParsing,
    DecimalMaxDigits { max_digits: u64 },
    DecimalMaxPlaces { decimal_places: u64 },
    DecimalWholeDigits { whole_digits: u64 },
    // dates and times: `error` is speedate's description of the failure
    DatetimeType,
    DatetimeParsing { error: Cow<'static, str> },
    DatetimeFromDateParsing { error: Cow<'static, str> },
    /// A datetime whose tzinfo fails to give its offset.
    DatetimeObjectInvalid { error: Cow<'static, str> },
    DatetimePast,
    DatetimeFuture,
    DateType,
    DateParsing { error: Cow<'static, str> },
    DateFromDatetimeParsing { error: Cow<'static, str> },
    DateFromDatetimeInexact,
    DatePast,
    DateFuture,
    TimeType,
    TimeParsing { error: Cow<'static, str> },
    TimeDeltaType,
    /// time_delta_type for JSON input, which pydantic words as a duration.
    JsonTimeDeltaType,
    TimeDeltaParsing { error: Cow<'static, str> },
    JsonTimeDeltaParsing { error: Cow<'static, str> },
    TimezoneNaive,
    TimezoneAware,
    // unions
    ModelAttributesType,
    UnionTagInvalid { discriminator: Arc<str>, tag: Arc<str>, expected_tags: Arc<str> },
    UnionTagNotFound { discriminator: Arc<str> },
    // dataclasses
    DataclassType { class_name: Arc<str> },
    /// dataclass_type for JSON input, which pydantic words differently.
    JsonDataclassType { class_name: Arc<str> },
    DataclassExactType { class_name: Arc<str> },
    // paths, IP addresses, secrets and Json
    /// pydantic's message names the declared class: `<class 'pathlib.Path'>`.
    PathType { message: Arc<str> },
    /// `FilePath`, `DirectoryPath`, `NewPath`, `SocketPath`: what the file system said.
    PathCheck { error_type: &'static str, message: &'static str },
    Ip(crate::validators::IpKind),
    /// A `ValueError` raised by a constructor; `exception` is kept for `ctx`.
    ValueError { error: Arc<str>, exception: Option<Arc<Py<PyAny>>> },
    // emails and URLs
    /// pydantic's `value_error` for an address email-validator refuses.
    EmailValue { reason: Arc<str> },
    NameEmailType,
    UrlType,
    UrlParsing { error: Arc<str> },
    UrlScheme { expected_schemes: Arc<str> },
    UrlTooLong { max_length: u64 },
    UrlSyntaxViolation { error: Cow<'static, str> },
    // containers
    CollectionType { kind: crate::input::Collection, json: bool },
    /// too_long for input whose length is not known before it is read.
    TooLongUnsized { field_type: Cow<'static, str>, max_length: u64 },
    SetItemNotHashable,
    SequenceStr { type_name: &'static str },
    IterableType,
    IterationError { error: Arc<str> },
    NamedTupleType { class_name: Arc<str>, json: bool },
    ExtraForbidden,
    /// A dataclass given a key its `__init__` does not take (a call's `extra="forbid"`).
    UnexpectedKeywordArgument,
    InvalidKey,
    // hooks
    /// An `AssertionError` raised by a validator function.
    AssertionError { error: Arc<str>, exception: Option<Arc<Py<PyAny>>> },
    FrozenInstance,
    FrozenField,
    /// A `PydanticCustomError`: its own type, rendered message and context.
    Custom { error_type: Arc<str>, message: Arc<str>, context: Option<Arc<Py<PyDict>>> },
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl ErrorKind {
    pub fn type_name(&self) -> &str {
        use ErrorKind::*;
        match self {
            Missing => "missing",
            ModelType { .. } | JsonModelType { .. } => "model_type",
            DictType | JsonDictType => "dict_type",
            ListType | JsonListType => "list_type",
            JsonInvalid { .. } => "json_invalid",
            JsonType => "json_type",
            IntType => "int_type",
            IntParsing => "int_parsing",
            IntParsingSize => "int_parsing_size",
            IntFromFloat => "int_from_float",
            FiniteNumber => "finite_number",
            FloatType => "float_type",
            FloatParsing => "float_parsing",
            BoolType => "bool_type",
            BoolParsing => "bool_parsing",
            StringType => "string_type",
            StringUnicode => "string_unicode",
            BytesType => "bytes_type",
            NoneRequired | JsonNoneRequired => "none_required",
            RecursionLoop => "recursion_loop",
            RecursionDepthExceeded => "recursion_depth_exceeded",
            GreaterThan(_) => "greater_than",
            GreaterThanEqual(_) => "greater_than_equal",
            LessThan(_) => "less_than",
            LessThanEqual(_) => "less_than_equal",
            MultipleOf(_) => "multiple_of",
            StringTooShort { .. } => "string_too_short",
            StringTooLong { .. } => "string_too_long",
            BytesTooShort { .. } => "bytes_too_short",
            BytesTooLong { .. } => "bytes_too_long",
            TooShort { .. } => "too_short",
            TooLong { .. } => "too_long",
            StringPatternMismatch { .. } => "string_pattern_mismatch",
            LiteralError { .. } => "literal_error",
            // unions
            ModelAttributesType => "model_attributes_type",
            UnionTagInvalid { .. } => "union_tag_invalid",
            UnionTagNotFound { .. } => "union_tag_not_found",
            // dataclasses
            DataclassType { .. } | JsonDataclassType { .. } => "dataclass_type",
            DataclassExactType { .. } => "dataclass_exact_type",
            NeedsPythonObject { .. } => "needs_python_object",
            Enum { .. } => "enum",
            IsInstanceOf { .. } => "is_instance_of",
            // uuid and decimal
            UuidType => "uuid_type",
            UuidParsing { .. } => "uuid_parsing",
            UuidVersion { .. } => "uuid_version",
            DecimalType => "decimal_type",
            DecimalParsing => "decimal_parsing",
            DecimalMaxDigits { .. } => "decimal_max_digits",
            DecimalMaxPlaces { .. } => "decimal_max_places",
            DecimalWholeDigits { .. } => "decimal_whole_digits",
            // dates and times
            DatetimeType => "datetime_type",
            DatetimeParsing { .. } => "datetime_parsing",
            DatetimeFromDateParsing { .. } => "datetime_from_date_parsing",
            DatetimeObjectInvalid { .. } => "datetime_object_invalid",
            DatetimePast => "datetime_past",
            DatetimeFuture => "datetime_future",
            DateType => "date_type",
            DateParsing { .. } => "date_parsing",
            DateFromDatetimeParsing { .. } => "date_from_datetime_parsing",
            DateFromDatetimeInexact => "date_from_datetime_inexact",
            DatePast => "date_past",
            DateFuture => "date_future",
            TimeType => "time_type",
            TimeParsing { .. } => "time_parsing",
            TimeDeltaType | JsonTimeDeltaType => "time_delta_type",
            TimeDeltaParsing { .. } | JsonTimeDeltaParsing { .. } => "time_delta_parsing",
            TimezoneNaive => "timezone_naive",
            TimezoneAware => "timezone_aware",
            // paths, IP addresses, secrets and Json
            PathType { .. } => "path_type",
            PathCheck { error_type, .. } => *error_type,
            Ip(kind) => kind.error_type(),
            ValueError { .. } => "value_error",
            // emails and URLs
            EmailValue { .. } => "value_error",
            NameEmailType => "name_email_type",
            UrlType => "url_type",
            UrlParsing { .. } => "url_parsing",
            UrlScheme { .. } => "url_scheme",
            UrlTooLong { .. } => "url_too_long",
            UrlSyntaxViolation { .. } => "url_syntax_violation",
            // containers
            CollectionType { kind, .. } => kind.error_type(),
            TooLongUnsized { .. } => "too_long",
            SetItemNotHashable => "set_item_not_hashable",
            SequenceStr { .. } => "sequence_str",
            IterableType => "iterable_type",
            IterationError { .. } => "iteration_error",
            NamedTupleType { .. } => "named_tuple_type",
            ExtraForbidden => "extra_forbidden",
            UnexpectedKeywordArgument => "unexpected_keyword_argument",
            InvalidKey => "invalid_key",
            // hooks
            AssertionError { .. } => "assertion_error",
            FrozenInstance => "frozen_instance",
            FrozenField => "frozen_field",
            Custom { error_type, .. } => error_type,
        }
    }

    pub fn message(&self) -> String {
        use ErrorKind::*;
        match self {
            Missing => "Field required".into(),
            ModelType { class_name } => {
                format!("Input should be a valid dictionary or instance of {class_name}")
            }
            JsonModelType { .. } | JsonDictType => "Input should be an object".into(),
            DictType => "Input should be a valid dictionary".into(),
            ListType => "Input should be a valid list".into(),
            JsonListType => "Input should be a valid array".into(),
            JsonInvalid { error } => format!("Invalid JSON: {error}"),
            JsonType => "JSON input should be string, bytes or bytearray".into(),
            IntType => "Input should be a valid integer".into(),
            IntParsing => "Input should be a valid integer, unable to parse string as an integer".into(),
            IntParsingSize => "Unable to parse input string as an integer, exceeded maximum size".into(),
            IntFromFloat => "Input should be a valid integer, got a number with a fractional part".into(),
            FiniteNumber => "Input should be a finite number".into(),
            FloatType => "Input should be a valid number".into(),
            FloatParsing => "Input should be a valid number, unable to parse string as a number".into(),
            BoolType => "Input should be a valid boolean".into(),
            BoolParsing => "Input should be a valid boolean, unable to interpret input".into(),
            StringType => "Input should be a valid string".into(),
            StringUnicode => "Input should be a valid string, unable to parse raw data as a unicode string".into(),
            BytesType => "Input should be a valid bytes".into(),
            NoneRequired => "Input should be None".into(),
            JsonNoneRequired => "Input should be null".into(),
            RecursionLoop => "Recursion error - cyclic reference detected".into(),
            RecursionDepthExceeded => "Recursion error - maximum validation depth exceeded".into(),
            GreaterThan(b) => format!("Input should be greater than {}", b.display),
            GreaterThanEqual(b) => format!("Input should be greater than or equal to {}", b.display),
            LessThan(b) => format!("Input should be less than {}", b.display),
            LessThanEqual(b) => format!("Input should be less than or equal to {}", b.display),
            MultipleOf(b) => format!("Input should be a multiple of {}", b.display),
            StringTooShort { min_length: n } => {
                format!("String should have at least {n} character{}", plural(*n))
            }
            StringTooLong { max_length: n } => {
                format!("String should have at most {n} character{}", plural(*n))
            }
            BytesTooShort { min_length: n } => format!("Data should have at least {n} byte{}", plural(*n)),
            BytesTooLong { max_length: n } => format!("Data should have at most {n} byte{}", plural(*n)),
            TooShort { field_type, min_length: n, actual_length } => format!(
                "{field_type} should have at least {n} item{} after validation, not {actual_length}",
                plural(*n)
            ),
            TooLong { field_type, max_length: n, actual_length } => format!(
                "{field_type} should have at most {n} item{} after validation, not {actual_length}",
                plural(*n)
            ),
            StringPatternMismatch { pattern } => format!("String should match pattern '{pattern}'"),
            LiteralError { expected } | Enum { expected } => format!("Input should be {expected}"),
            // unions
            ModelAttributesType => "Input should be a valid dictionary or object to extract fields from".into(),
            UnionTagInvalid { discriminator, tag, expected_tags } => {
                format!("Input tag '{tag}' found using {discriminator} does not match any of the expected tags: {expected_tags}")
            }
            UnionTagNotFound { discriminator } => format!("Unable to extract tag using discriminator {discriminator}"),
            // dataclasses
            DataclassType { class_name } => format!("Input should be a dictionary or an instance of {class_name}"),
            JsonDataclassType { .. } => "Input should be an object".into(),
            DataclassExactType { class_name } => format!("Input should be an instance of {class_name}"),
            NeedsPythonObject { method_name } => {
                format!("Cannot check `{method_name}` when validating from json, use a JsonOrPython validator instead")
            }
            IsInstanceOf { class } => format!("Input should be an instance of {class}"),
            // containers
            CollectionType { json: true, .. } => "Input should be a valid array".into(),
            CollectionType { kind, .. } => format!("Input should be a valid {}", kind.noun()),
            TooLongUnsized { field_type, max_length: n } => {
                format!("{field_type} should have at most {n} item{} after validation, not more", plural(*n))
            }
            SetItemNotHashable => "Set items should be hashable".into(),
            SequenceStr { type_name } => format!("'{type_name}' instances are not allowed as a Sequence value"),
            IterableType => "Input should be iterable".into(),
            IterationError { error } => format!("Error iterating over object, error: {error}"),
            NamedTupleType { json: true, .. } => "Input should be an array or an object".into(),
            NamedTupleType { class_name, .. } => format!("Input should be a tuple, list, dictionary or an instance of {class_name}"),
            ExtraForbidden => "Extra inputs are not permitted".into(),
            UnexpectedKeywordArgument => "Unexpected keyword argument".into(),
            InvalidKey => "Keys should be strings".into(),
            // uuid and decimal
            UuidType => "UUID input should be a string, bytes or UUID object".into(),
            UuidParsing { error } => format!("Input should be a valid UUID, {error}"),
            UuidVersion { expected_version } => format!("UUID version {expected_version} expected"),
            DecimalType => "Decimal input should be an integer, float, string or Decimal object".into(),
            DecimalParsing => "Input should be a valid decimal".into(),
            DecimalMaxDigits { max_digits: n } => {
                format!("Decimal input should have no more than {n} digit{} in total", plural(*n))
            }
            DecimalMaxPlaces { decimal_places: n } => {
                format!("Decimal input should have no more than {n} decimal place{}", plural(*n))
            }
            DecimalWholeDigits { whole_digits: n } => {
                format!("Decimal input should have no more than {n} digit{} before the decimal point", plural(*n))
            }
            // dates and times
            DatetimeType => "Input should be a valid datetime".into(),
            DatetimeParsing { error } => format!("Input should be a valid datetime, {error}"),
            DatetimeFromDateParsing { error } => format!("Input should be a valid datetime or date, {error}"),
            DatetimeObjectInvalid { error } => format!("Invalid datetime object, got {error}"),
            DatetimePast => "Input should be in the past".into(),
            DatetimeFuture => "Input should be in the future".into(),
            DateType => "Input should be a valid date".into(),
            DateParsing { error } => format!("Input should be a valid date in the format YYYY-MM-DD, {error}"),
            DateFromDatetimeParsing { error } => format!("Input should be a valid date or datetime, {error}"),
            DateFromDatetimeInexact => {
                "Datetimes provided to dates should have zero time - e.g. be exact dates".into()
            }
            DatePast => "Date should be in the past".into(),
            DateFuture => "Date should be in the future".into(),
            TimeType => "Input should be a valid time".into(),
            TimeParsing { error } => format!("Input should be in a valid time format, {error}"),
            TimeDeltaType => "Input should be a valid timedelta".into(),
            JsonTimeDeltaType => "Input should be a valid duration".into(),
            TimeDeltaParsing { error } => format!("Input should be a valid timedelta, {error}"),
            JsonTimeDeltaParsing { error } => format!("Input should be a valid duration, {error}"),
            TimezoneNaive => "Input should not have timezone info".into(),
            TimezoneAware => "Input should have timezone info".into(),
            // paths, IP addresses, secrets and Json
            PathType { message } => message.to_string(),
            PathCheck { message, .. } => (*message).into(),
            Ip(kind) => kind.error_message().into(),
            ValueError { error, .. } => format!("Value error, {error}"),
            // hooks
            AssertionError { error, .. } => format!("Assertion failed, {error}"),
            FrozenInstance => "Instance is frozen".into(),
            FrozenField => "Field is frozen".into(),
            Custom { message, .. } => message.to_string(),
            // emails and URLs
            EmailValue { reason } => format!("value is not a valid email address: {reason}"),
            NameEmailType => "Input is not a valid NameEmail".into(),
            UrlType => "URL input should be a string or URL".into(),
            UrlParsing { error } => format!("Input should be a valid URL, {error}"),
            UrlScheme { expected_schemes } => format!("URL scheme should be {expected_schemes}"),
            UrlTooLong { max_length: n } => format!("URL should have at most {n} character{}", plural(*n)),
            UrlSyntaxViolation { error } => format!("Input violated strict URL syntax rules, {error}"),
        }
    }

    /// pydantic's `ctx` dict, or `None` for kinds that have none.
    pub fn context<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        use ErrorKind::*;
        let ctx = PyDict::new(py);
        match self {
            ModelType { class_name } | JsonModelType { class_name } => ctx.set_item("class_name", &**class_name)?,
            JsonInvalid { error } => ctx.set_item("error", &**error)?,
            GreaterThan(b) => ctx.set_item("gt", &b.value)?,
            GreaterThanEqual(b) => ctx.set_item("ge", &b.value)?,
            LessThan(b) => ctx.set_item("lt", &b.value)?,
            LessThanEqual(b) => ctx.set_item("le", &b.value)?,
            MultipleOf(b) => ctx.set_item("multiple_of", &b.value)?,
            StringTooShort { min_length } | BytesTooShort { min_length } => {
                ctx.set_item("min_length", min_length)?
            }
            StringTooLong { max_length } | BytesTooLong { max_length } => {
                ctx.set_item("max_length", max_length)?
            }
            TooShort { field_type, min_length, actual_length } => {
                ctx.set_item("field_type", field_type)?;
                ctx.set_item("min_length", min_length)?;
                ctx.set_item("actual_length", actual_length)?;
            }
            TooLong { field_type, max_length, actual_length } => {
                ctx.set_item("field_type", field_type)?;
                ctx.set_item("max_length", max_length)?;
                ctx.set_item("actual_length", actual_length)?;
            }
            StringPatternMismatch { pattern } => ctx.set_item("pattern", &**pattern)?,
            LiteralError { expected } | Enum { expected } => ctx.set_item("expected", &**expected)?,
            NeedsPythonObject { method_name } => ctx.set_item("method_name", *method_name)?,
            IsInstanceOf { class } => ctx.set_item("class", &**class)?,
            // unions
            UnionTagInvalid { discriminator, tag, expected_tags } => {
                ctx.set_item("discriminator", &**discriminator)?;
                ctx.set_item("tag", &**tag)?;
                ctx.set_item("expected_tags", &**expected_tags)?;
            }
            UnionTagNotFound { discriminator } => ctx.set_item("discriminator", &**discriminator)?,
            // dataclasses
            DataclassType { class_name } | JsonDataclassType { class_name } | DataclassExactType { class_name } => {
                ctx.set_item("class_name", &**class_name)?
            }
            // containers
            TooLongUnsized { field_type, max_length } => {
                ctx.set_item("field_type", field_type)?;
                ctx.set_item("max_length", max_length)?;
                ctx.set_item("actual_length", ctx.py().None())?;
            }
            SequenceStr { type_name } => ctx.set_item("type_name", *type_name)?,
            IterationError { error } => ctx.set_item("error", &**error)?,
            NamedTupleType { class_name, .. } => ctx.set_item("class_name", &**class_name)?,
            // uuid and decimal
            UuidParsing { error } => ctx.set_item("error", &**error)?,
            UuidVersion { expected_version } => ctx.set_item("expected_version", expected_version)?,
            DecimalMaxDigits { max_digits } => ctx.set_item("max_digits", max_digits)?,
            DecimalMaxPlaces { decimal_places } => ctx.set_item("decimal_places", decimal_places)?,
            DecimalWholeDigits { whole_digits } => ctx.set_item("whole_digits", whole_digits)?,
            // dates and times
            DatetimeParsing { error }
            | DatetimeFromDateParsing { error }
            | DatetimeObjectInvalid { error }
            | DateParsing { error }
            | DateFromDatetimeParsing { error }
            | TimeParsing { error }
            | TimeDeltaParsing { error }
            | JsonTimeDeltaParsing { error } => ctx.set_item("error", &**error)?,
            // paths, IP addresses, secrets and Json
            ValueError { error, exception } | AssertionError { error, exception } => match exception {
                Some(exception) => ctx.set_item("error", exception.bind(py))?,
                None => ctx.set_item("error", &**error)?,
            },
            // hooks: a custom error's context is its own dict, shown as given
            Custom { context, .. } => return Ok(context.as_ref().map(|c| c.bind(py).copy()).transpose()?),
            // emails and URLs
            EmailValue { reason } => ctx.set_item("reason", &**reason)?,
            UrlParsing { error } => ctx.set_item("error", &**error)?,
            UrlScheme { expected_schemes } => ctx.set_item("expected_schemes", &**expected_schemes)?,
            UrlTooLong { max_length } => ctx.set_item("max_length", max_length)?,
            UrlSyntaxViolation { error } => ctx.set_item("error", &**error)?,
            _ => return Ok(None),
        }
        Ok(Some(ctx))
    }
}
