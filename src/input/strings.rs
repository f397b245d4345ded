//! `validate_strings`: Python strings, alone or in str-keyed dicts, read as
//! the same strings in a JSON document would be. The object is turned into a
//! JSON tree once; every other value (a number, a list, None ...) becomes a
//! placeholder `null` that the JSON input reports, where a validator reads
//! it, as `string_type` with the original object. While a tree is validated,
//! each of its nodes is known by address, so errors show the original
//! objects.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use jiter::JsonValue;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::errors::{ErrorKind, LocItem, ValError, ValResult};

/// A Python object as a JSON tree, and the object each node was made from.
pub struct StringsDocument {
    /// Boxed so that the root keeps its address while validators read it.
    root: Box<JsonValue<'static>>,
    originals: HashMap<usize, Py<PyAny>>,
}

thread_local! {
    /// The objects behind the nodes of the tree being validated on this
    /// thread (by node address); None outside `validate_strings`.
    static ORIGINALS: RefCell<Option<HashMap<usize, Py<PyAny>>>> = const { RefCell::new(None) };
}

fn address(node: &JsonValue<'_>) -> usize {
    node as *const JsonValue<'_> as usize
}

impl StringsDocument {
    /// `obj` as a tree.
    pub fn new(obj: &Bound<'_, PyAny>) -> ValResult<Self> {
        let mut originals = HashMap::new();
        let root = Box::new(JsonValue::Null);
        let mut document = StringsDocument { root, originals: HashMap::new() };
        *document.root = convert(obj, &mut originals)?;
        // children live in shared vectors, which stay where they are; the
        // root's own address is known only now that it is in its box
        originals.insert(address(&document.root), obj.clone().unbind());
        document.originals = originals;
        Ok(document)
    }

    /// Runs `validate` with this tree's originals known to the JSON input.
    pub fn with<R>(self, validate: impl FnOnce(&JsonValue<'static>) -> R) -> R {
        let StringsDocument { root, originals } = self;
        let _scope = Scope(ORIGINALS.with(|cell| cell.replace(Some(originals))));
        validate(&root)
    }
}

/// Puts back what the thread knew before, however validation ends.
struct Scope(Option<HashMap<usize, Py<PyAny>>>);

impl Drop for Scope {
    fn drop(&mut self) {
        let outer = self.0.take();
        ORIGINALS.with(|cell| *cell.borrow_mut() = outer);
    }
}

/// `obj` as a node: a str as itself, a dict as an object, anything else as a
/// placeholder.
fn convert(obj: &Bound<'_, PyAny>, originals: &mut HashMap<usize, Py<PyAny>>) -> ValResult<JsonValue<'static>> {
    if let Ok(text) = obj.cast::<PyString>() {
        return match text.to_str() {
            Ok(text) => Ok(JsonValue::Str(Cow::Owned(text.to_owned()))),
            Err(_) => Err(ValError::new(ErrorKind::StringUnicode, obj)),
        };
    }
    let Ok(dict) = obj.cast::<PyDict>() else {
        return Ok(JsonValue::Null);
    };
    let mut pairs: Vec<(Cow<'static, str>, JsonValue<'static>)> = Vec::with_capacity(dict.len());
    let mut children = Vec::with_capacity(dict.len());
    for (key, value) in dict.iter() {
        let Ok(text) = key.cast::<PyString>() else {
            // a key that is no string: a placeholder (standing for the key)
            // under an empty key, which no field reads but a dict refuses
            pairs.push((Cow::Borrowed(""), JsonValue::Null));
            children.push(key.unbind());
            continue;
        };
        let text = text.to_str().map_err(|_| ValError::new(ErrorKind::StringUnicode, &key))?;
        let converted = convert(&value, originals).map_err(|e| e.with_outer(|| LocItem::Key(text.into())))?;
        pairs.push((Cow::Owned(text.to_owned()), converted));
        children.push(value.unbind());
    }
    let pairs = Arc::new(pairs);
    for ((_, node), original) in pairs.iter().zip(children) {
        originals.insert(address(node), original);
    }
    // a model reports a missing field against its pairs (an empty dict's
    // pairs have no place of their own, and print the same anyway)
    if !pairs.is_empty() {
        originals.insert(pairs.as_ptr() as usize, obj.clone().unbind());
    }
    Ok(JsonValue::Object(pairs))
}

/// The object a node of the tree being validated was made from; None
/// outside `validate_strings` (and for nodes of other documents).
pub fn original_of<'py>(py: Python<'py>, node: &JsonValue<'_>) -> Option<Bound<'py, PyAny>> {
    ORIGINALS.with(|cell| cell.borrow().as_ref().and_then(|map| map.get(&address(node)).map(|o| o.bind(py).clone())))
}

/// The dict an object's pairs were made from (see `original_of`).
pub fn original_of_pairs<'py>(py: Python<'py>, pairs: &[(Cow<'_, str>, JsonValue<'_>)]) -> Option<Bound<'py, PyAny>> {
    if pairs.is_empty() {
        return None;
    }
    ORIGINALS.with(|cell| cell.borrow().as_ref().and_then(|map| map.get(&(pairs.as_ptr() as usize)).map(|o| o.bind(py).clone())))
}

/// Whether a `validate_strings` tree is being validated on this thread:
/// its strings parse in strict mode too, and every type that takes a string
/// matches it equally well (a union takes the first).
#[inline]
pub fn strings_mode() -> bool {
    ORIGINALS.with(|cell| cell.borrow().is_some())
}

/// Whether `node` stands for a value that is not a string: `validate_strings`
/// places a `null` for it (JSON text cannot give one there).
#[inline]
pub fn is_placeholder(node: &JsonValue<'_>) -> bool {
    matches!(node, JsonValue::Null) && strings_mode()
}
