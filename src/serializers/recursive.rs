//! Dumping a TypedDict, NamedTuple or dataclass that contains itself: the
//! outermost use owns the serializer (`Recursive`), each use inside it refers
//! back to that one (`RecursiveRef`, weak, so the tree holds no cycle). Each
//! level is a model level of the dump's depth limit, and a value that
//! contains itself is refused as a circular reference.

use std::cell::RefCell;
use std::sync::{Arc, OnceLock, Weak};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::{Dumper, Filter, JsonOut, Serializer};

#[derive(Debug)]
pub struct SerDefinition {
    serializer: OnceLock<Serializer>,
}

thread_local! {
    /// The definitions being built on this thread, innermost last: building
    /// a serializer takes no context, and a definition's uses lie inside it.
    static BUILDING: RefCell<Vec<(String, Arc<SerDefinition>)>> = const { RefCell::new(Vec::new()) };
}

impl SerDefinition {
    pub fn serializer(&self) -> PyResult<&Serializer> {
        self.serializer.get().ok_or_else(|| PyTypeError::new_err("a recursive type was dumped before it was built"))
    }

    pub fn to_python<'py>(&self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        let serializer = self.serializer()?;
        let entered = enter(serializer, value, d)?;
        let result = serializer.to_python(value, d, filter);
        leave(entered, d);
        result
    }

    pub fn to_json<'py>(&self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        let serializer = self.serializer()?;
        let entered = enter(serializer, value, d)?;
        let result = serializer.to_json(value, out, d, filter);
        leave(entered, d);
        result
    }
}

/// One model level deeper, and the value entered for the cycle check unless
/// its serializer enters it itself (a dataclass's does); whether it was.
fn enter<'py>(serializer: &Serializer, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>) -> PyResult<bool> {
    d.enter_model()?;
    if matches!(serializer, Serializer::Dataclass(_)) {
        return Ok(false);
    }
    if let Err(e) = d.enter(value) {
        d.leave_model();
        return Err(e);
    }
    Ok(true)
}

fn leave(entered: bool, d: &mut Dumper<'_>) {
    if entered {
        d.leave();
    }
    d.leave_model();
}

/// The serializer of `node` (built by `build`), as the definition its uses
/// named `name` refer to.
pub fn definition(name: String, build: impl FnOnce() -> PyResult<Serializer>) -> PyResult<Serializer> {
    let definition = Arc::new(SerDefinition { serializer: OnceLock::new() });
    BUILDING.with(|b| b.borrow_mut().push((name, definition.clone())));
    let built = build();
    BUILDING.with(|b| b.borrow_mut().pop());
    let _ = definition.serializer.set(built?);
    Ok(Serializer::Recursive(definition))
}

/// A use of the definition `name` inside it.
pub fn reference(name: &str) -> PyResult<Serializer> {
    BUILDING.with(|b| {
        let building = b.borrow();
        let (_, definition) = building
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .ok_or_else(|| PyTypeError::new_err(format!("reference to {name:?} outside its definition")))?;
        Ok(Serializer::RecursiveRef(Arc::downgrade(definition)))
    })
}

/// The definition a reference points to, while the tree that owns it lives.
pub fn referred(reference: &Weak<SerDefinition>) -> PyResult<Arc<SerDefinition>> {
    reference.upgrade().ok_or_else(|| PyTypeError::new_err("a recursive type's definition is gone"))
}

/// The reference name a node carries under `key`, if any.
pub fn name_of(node: &Bound<'_, PyDict>, key: &str) -> PyResult<Option<String>> {
    super::node_get(node, key)?.map(|v| v.extract()).transpose()
}
