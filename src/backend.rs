//! The backend of one constraint Program, chosen once when the class is built
//! and never during validation: native code, or the interpreter.

use satya_jit::{compile, Compiled, Program, Shape};

use crate::validators::BuildContext;

pub enum Backend {
    Interpreter,
    Native(Compiled),
}

impl Backend {
    /// Native code when the class asked for it and Cranelift produced it; the
    /// interpreter otherwise (a failure is recorded for a warning).
    pub fn choose(program: &Program, shape: Shape, ctx: &BuildContext) -> Self {
        if !ctx.jit || program.is_empty() {
            return Backend::Interpreter;
        }
        match compile(program, shape) {
            Ok(native) => Backend::Native(native),
            Err(e) => {
                ctx.jit_failures.borrow_mut().push(e.to_string());
                Backend::Interpreter
            }
        }
    }

    /// Flat programs: the failure bitset, as `satya_jit::run` defines it.
    #[inline]
    pub fn run(&self, program: &Program, slots: &[u64], out: &mut [u64]) -> u32 {
        match self {
            Backend::Native(native) => native.call(slots, out),
            Backend::Interpreter => satya_jit::run(program, slots, out),
        }
    }

    /// Item programs: the failing items' indices, as `satya_jit::run_array` defines it.
    #[inline]
    pub fn run_array(&self, program: &Program, items: &[u64], out: &mut [u64]) -> u32 {
        match self {
            Backend::Native(native) => native.call_array(items, out),
            Backend::Interpreter => satya_jit::run_array(program, items, out),
        }
    }

    pub fn native(&self) -> Option<&Compiled> {
        match self {
            Backend::Native(native) => Some(native),
            Backend::Interpreter => None,
        }
    }
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.native().is_some() { "Native" } else { "Interpreter" })
    }
}
