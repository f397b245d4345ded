//! A TypedDict or NamedTuple that contains itself: the outermost use owns
//! the validator (`Recursive`), and each use inside it refers back to that
//! one (`RecursiveRef`, a weak reference, so the tree holds no cycle). Each
//! level counts towards a depth limit of its own and refuses a Python value
//! that contains itself, as pydantic's definitions do.

use std::sync::{Arc, OnceLock, Weak};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::{node_get, BuildContext, State, Validator};
use crate::errors::ValResult;
use crate::input::Input;

/// The validator of a type that contains itself, set once it is built.
#[derive(Debug)]
pub struct Definition {
    validator: OnceLock<Validator>,
}

impl Definition {
    fn validator(&self) -> PyResult<&Validator> {
        self.validator.get().ok_or_else(|| PyTypeError::new_err("a recursive type was used before it was built"))
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let validator = self.validator()?;
        let recorded = state.enter_definition(input)?;
        let result = validator.validate(py, input, state);
        state.leave_definition(recorded);
        result
    }

    pub fn inner(&self) -> Option<&Validator> {
        self.validator.get()
    }
}

/// `{"kind": "recursive", "ref": name, "inner": node}`: the uses of `name`
/// inside `inner` refer to this definition.
pub fn build_definition(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
    let name = reference(node)?;
    let definition = Arc::new(Definition { validator: OnceLock::new() });
    ctx.definitions.borrow_mut().push((name, definition.clone()));
    let inner = node_get(node, "inner")?.ok_or_else(|| PyTypeError::new_err("recursive node without 'inner'"));
    let built = inner.and_then(|inner| Validator::build(inner.cast::<PyDict>()?, ctx));
    ctx.definitions.borrow_mut().pop();
    let _ = definition.validator.set(built?);
    Ok(Validator::Recursive(definition))
}

/// `{"kind": "recursive_ref", "ref": name}`: a use inside the definition of `name`.
pub fn build_reference(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
    let name = reference(node)?;
    let definitions = ctx.definitions.borrow();
    let (_, definition) = definitions
        .iter()
        .rev()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| PyTypeError::new_err(format!("reference to {name:?} outside its definition")))?;
    Ok(Validator::RecursiveRef(Arc::downgrade(definition)))
}

fn reference(node: &Bound<'_, PyDict>) -> PyResult<String> {
    node_get(node, "ref")?.ok_or_else(|| PyTypeError::new_err("recursive node without 'ref'"))?.extract()
}

/// The definition a reference points to. It lives as long as the tree that
/// owns it; a part of the tree kept by a hook's handler beyond that finds it
/// gone, which is an error rather than a crash.
pub fn referred(reference: &Weak<Definition>) -> PyResult<Arc<Definition>> {
    reference.upgrade().ok_or_else(|| PyTypeError::new_err("a recursive type's definition is gone"))
}
