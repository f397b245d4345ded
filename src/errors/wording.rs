//! Some error types have a second message for JSON input ("a valid array"
//! rather than "a valid list"). The wording follows the call, not the value:
//! a call on JSON words every error for JSON, even one raised while a hook's
//! Python value was validated, and `Json[T]` inside Python input words the
//! document's errors for Python.

use super::{ErrorKind, LineError, ValError};

/// `error` worded for a call on JSON (`json`) or on Python objects.
pub fn worded(error: ValError, json: bool) -> ValError {
    match error {
        ValError::Lines(lines) => ValError::Lines(lines.into_iter().map(|line| line_worded(line, json)).collect()),
        internal => internal,
    }
}

fn line_worded(mut line: LineError, json: bool) -> LineError {
    line.kind = if json { json_kind(line.kind) } else { python_kind(line.kind) };
    line
}

pub(super) fn json_kind(kind: ErrorKind) -> ErrorKind {
    match kind {
        ErrorKind::ModelType { class_name } => ErrorKind::JsonModelType { class_name },
        ErrorKind::DictType => ErrorKind::JsonDictType,
        ErrorKind::ListType => ErrorKind::JsonListType,
        ErrorKind::NoneRequired => ErrorKind::JsonNoneRequired,
        ErrorKind::TimeDeltaType => ErrorKind::JsonTimeDeltaType,
        ErrorKind::TimeDeltaParsing { error } => ErrorKind::JsonTimeDeltaParsing { error },
        ErrorKind::DataclassType { class_name } => ErrorKind::JsonDataclassType { class_name },
        ErrorKind::CollectionType { kind, .. } => ErrorKind::CollectionType { kind, json: true },
        ErrorKind::NamedTupleType { class_name, .. } => ErrorKind::NamedTupleType { class_name, json: true },
        other => other,
    }
}

fn python_kind(kind: ErrorKind) -> ErrorKind {
    match kind {
        ErrorKind::JsonModelType { class_name } => ErrorKind::ModelType { class_name },
        ErrorKind::JsonDictType => ErrorKind::DictType,
        ErrorKind::JsonListType => ErrorKind::ListType,
        ErrorKind::JsonNoneRequired => ErrorKind::NoneRequired,
        ErrorKind::JsonTimeDeltaType => ErrorKind::TimeDeltaType,
        ErrorKind::JsonTimeDeltaParsing { error } => ErrorKind::TimeDeltaParsing { error },
        other => other,
    }
}
