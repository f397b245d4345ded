//! A validator whose constraint checks run as their own one-slot `Program`,
//! for values validated outside a model's flat Program: the type inside a
//! hook (its checks run when it validates, so an after hook sees only checked
//! values and a before hook's output is what is checked), and the fields of a
//! model whose hooks read `info.data` (checked as each is validated). The
//! backend is chosen once, at class definition.

use pyo3::prelude::*;
use satya_jit::{Check, Program, Shape};

use super::{BuildContext, State, Validator};
use crate::backend::Backend;
use crate::errors::{ValError, ValResult};
use crate::input::Input;

/// The failure bitset of a one-slot Program: a value has at most a handful of
/// checks, so one word on the stack holds it.
const OUT_WORDS: usize = 1;

#[derive(Debug)]
pub struct CheckedValidator {
    inner: Box<Validator>,
    program: Program,
    backend: Backend,
}

impl CheckedValidator {
    /// `inner` with its `program_checks` run by a Program of their own, or
    /// `inner` unchanged when it has none (its checks stay inline) or when the
    /// class asked for the interpreter, which `inner` already is.
    pub fn wrap(inner: Validator, ctx: &BuildContext) -> Validator {
        if !ctx.jit {
            return inner;
        }
        let program = match inner.program_checks() {
            Some(leaf) => Program::new(1, leaf.0.iter().map(|c| Check { slot: 0, kind: c.kind, origin: c.origin }).collect()),
            None => return inner,
        };
        match program {
            Ok(program) if !program.is_empty() && program.out_words() <= OUT_WORDS => {
                let backend = Backend::choose(&program, Shape::Flat, ctx);
                Validator::Checked(CheckedValidator { inner: Box::new(inner), program, backend })
            }
            _ => inner,
        }
    }

    pub fn inner(&self) -> &Validator {
        &self.inner
    }

    pub fn program(&self) -> &Program {
        &self.program
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        // a value with no slot (an int beyond 64 bits, None) was checked inline
        let (value, bits) = self.inner.validate_deferred(py, input, state)?;
        let Some(bits) = bits else { return Ok(value) };
        let mut out = [0u64; OUT_WORDS];
        match self.backend.run(&self.program, &[bits], &mut out) {
            0 => Ok(value),
            _ => Err(self.failure(bits, input, &value)),
        }
    }

    /// The error of the first failing check, in the order the interpreter reports them.
    #[cold]
    #[inline(never)]
    fn failure<'py>(&self, bits: u64, input: &impl Input<'py>, value: &Bound<'py, PyAny>) -> ValError {
        let kind = match self.inner.program_checks().and_then(|checks| checks.first_failure(bits)) {
            Some(kind) => kind,
            None => return ValError::Internal(pyo3::exceptions::PyRuntimeError::new_err("internal error in satya: a constraint program failed a value its checks pass")),
        };
        match self.inner.program_reports_value() {
            true => ValError::new(kind, value),
            false => ValError::new(kind, input),
        }
    }
}
