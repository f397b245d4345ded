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
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use jiter::JsonValue;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::errors::{ErrorKind, LocItem, ValError, ValResult};

/// The objects behind a tree's nodes, by node address, and behind its
/// objects' pairs, by the pairs' address (kept apart: the two kinds of
/// address are never compared).
#[derive(Default)]
struct Originals {
    nodes: HashMap<usize, Py<PyAny>>,
    pairs: HashMap<usize, Py<PyAny>>,
}

/// A Python object as a JSON tree, and the object each node was made from.
pub struct StringsDocument {
    /// Boxed so that the root keeps its address while validators read it.
    root: Box<JsonValue<'static>>,
    originals: Originals,
}

thread_local! {
    /// The originals of the tree being validated on this thread; None
    /// outside `validate_strings`, and inside any other validation it starts.
    static ORIGINALS: RefCell<Option<Originals>> = const { RefCell::new(None) };
}

/// How many threads are inside `validate_strings` now: while none is, the
/// JSON input never looks at the thread's state.
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

fn address(node: &JsonValue<'_>) -> usize {
    node as *const JsonValue<'_> as usize
}

impl StringsDocument {
    /// `obj` as a tree.
    pub fn new(obj: &Bound<'_, PyAny>) -> ValResult<Self> {
        let mut originals = Originals::default();
        let root = Box::new(JsonValue::Null);
        let mut document = StringsDocument { root, originals: Originals::default() };
        *document.root = convert(obj, &mut originals)?;
        // children live in shared vectors, which stay where they are; the
        // root's own address is known only now that it is in its box
        originals.nodes.insert(address(&document.root), obj.clone().unbind());
        document.originals = originals;
        Ok(document)
    }

    /// Runs `validate` with this tree's originals known to the JSON input.
    pub fn with<R>(self, validate: impl FnOnce(&JsonValue<'static>) -> R) -> R {
        let StringsDocument { root, originals } = self;
        ACTIVE.fetch_add(1, Ordering::SeqCst);
        let _scope = Scope(ORIGINALS.with(|cell| cell.replace(Some(originals))), true);
        validate(&root)
    }
}

/// Puts back what the thread knew before, however validation ends.
pub struct Scope(Option<Originals>, bool);

impl Drop for Scope {
    fn drop(&mut self) {
        let outer = self.0.take();
        ORIGINALS.with(|cell| *cell.borrow_mut() = outer);
        if self.1 {
            ACTIVE.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A validation started inside `validate_strings` (by a hook, say) reads
/// its own input as it is: the strings mode is set aside until the returned
/// scope ends. Outside `validate_strings` this costs one atomic read.
#[inline]
pub fn set_aside() -> Option<Scope> {
    if ACTIVE.load(Ordering::Relaxed) == 0 {
        return None;
    }
    let outer = ORIGINALS.with(|cell| cell.borrow_mut().take());
    outer.is_some().then(|| Scope(outer, false))
}

/// `obj` as a node: a str as itself, a dict as an object, anything else as a
/// placeholder.
fn convert(obj: &Bound<'_, PyAny>, originals: &mut Originals) -> ValResult<JsonValue<'static>> {
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
        originals.nodes.insert(address(node), original);
    }
    // a model reports a missing field against its pairs (an empty dict's
    // pairs have no place of their own, and print the same anyway)
    if !pairs.is_empty() {
        originals.pairs.insert(pairs.as_ptr() as usize, obj.clone().unbind());
    }
    Ok(JsonValue::Object(pairs))
}

/// The object a node of the tree being validated was made from; None
/// outside `validate_strings` (and for nodes of other documents).
pub fn original_of<'py>(py: Python<'py>, node: &JsonValue<'_>) -> Option<Bound<'py, PyAny>> {
    if ACTIVE.load(Ordering::Relaxed) == 0 {
        return None;
    }
    ORIGINALS.with(|cell| cell.borrow().as_ref().and_then(|o| o.nodes.get(&address(node)).map(|o| o.bind(py).clone())))
}

/// The dict an object's pairs were made from (see `original_of`).
pub fn original_of_pairs<'py>(py: Python<'py>, pairs: &[(Cow<'_, str>, JsonValue<'_>)]) -> Option<Bound<'py, PyAny>> {
    if pairs.is_empty() {
        return None;
    }
    if ACTIVE.load(Ordering::Relaxed) == 0 {
        return None;
    }
    ORIGINALS.with(|cell| cell.borrow().as_ref().and_then(|o| o.pairs.get(&(pairs.as_ptr() as usize)).map(|o| o.bind(py).clone())))
}

/// Whether a `validate_strings` tree is being validated on this thread:
/// its strings parse in strict mode too, and every type that takes a string
/// matches it equally well (a union takes the first).
#[inline]
pub fn strings_mode() -> bool {
    ACTIVE.load(Ordering::Relaxed) != 0 && ORIGINALS.with(|cell| cell.borrow().is_some())
}

/// Whether `node` stands for a value that is not a string: `validate_strings`
/// places a `null` for it (JSON text cannot give one there).
#[inline]
pub fn is_placeholder(node: &JsonValue<'_>) -> bool {
    matches!(node, JsonValue::Null) && strings_mode()
}
