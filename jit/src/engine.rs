//! Module management: the host ISA, flags, the JIT module, finalisation, and
//! the lifetime of the code. Each `Compiled` owns its module; dropping it frees
//! the code memory.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use cranelift_codegen::ir::{types, AbiParam, Signature, UserFuncName};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};

use crate::error::JitError;
use crate::program::Program;
use crate::translate::{self, Imports};

/// The one entry ABI of generated code.
type EntryFn = unsafe extern "C" fn(*const u64, usize, *mut u64) -> u32;

extern "C" fn float_is_multiple(value: f64, divisor: f64) -> u8 {
    crate::interp::float_is_multiple(value, divisor) as u8
}

/// The symbol float multiple_of calls; object code expects the linker to supply it.
pub(crate) const FLOAT_IS_MULTIPLE: &str = "satya_float_is_multiple";

/// The function's shape: flat checks over slots, or a loop over array items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Flat,
    Array,
}

/// Native code for one Program.
pub struct Compiled {
    entry: EntryFn,
    shape: Shape,
    n_slots: usize,
    out_words: usize,
    /// Kept only to free the code; never touched while calling.
    module: Mutex<Option<JITModule>>,
    pub code_size: usize,
    pub compile_time: Duration,
    pub clif: String,
}


impl Drop for Compiled {
    fn drop(&mut self) {
        if let Some(module) = self.module.lock().ok().and_then(|mut m| m.take()) {
            // SAFETY: nothing can call `entry` any more: `self` is being dropped.
            unsafe { module.free_memory() };
        }
    }
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled").field("shape", &self.shape).field("code_size", &self.code_size).finish()
    }
}

impl Compiled {
    /// Runs flat code: sets bit `i` of `out` when check `i` fails and returns
    /// the number of failing checks, exactly as `interp::run` does.
    pub fn call(&self, slots: &[u64], out: &mut [u64]) -> u32 {
        assert_eq!(self.shape, Shape::Flat, "array code called as flat code");
        assert!(slots.len() >= self.n_slots, "slot buffer too short");
        assert!(out.len() >= self.out_words, "failure bitset too short");
        self.invoke(slots, out)
    }

    /// Runs array code: writes the index of every failing item to `out` and
    /// returns how many there are, exactly as `interp::run_array` does.
    pub fn call_array(&self, items: &[u64], out: &mut [u64]) -> u32 {
        assert_eq!(self.shape, Shape::Array, "flat code called as array code");
        assert!(out.len() >= items.len(), "index buffer too short");
        self.invoke(items, out)
    }

    fn invoke(&self, input: &[u64], out: &mut [u64]) -> u32 {
        // SAFETY: `entry` was finalised by our module, which lives as long as
        // `self`. The generated code reads only `input[..n_slots]` (flat) or
        // `input[..n]` (array) and writes only `out[..out_words]` (flat) or
        // `out[..n]` (array); the asserts in the callers guarantee those bounds.
        unsafe { (self.entry)(input.as_ptr(), input.len(), out.as_mut_ptr()) }
    }
}

static FAIL_NEXT_COMPILE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes the next `compile` fail as Cranelift would, so that callers can test
/// their fallback to the interpreter.
pub fn fail_next_compile() {
    FAIL_NEXT_COMPILE.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Compiles `program` for the host CPU.
pub fn compile(program: &Program, shape: Shape) -> Result<Compiled, JitError> {
    if FAIL_NEXT_COMPILE.swap(false, std::sync::atomic::Ordering::SeqCst) {
        return Err(JitError::Codegen("injected failure".into()));
    }
    check_shape(program, shape)?;
    let started = Instant::now();
    let isa = host_isa(shape)?;
    let mut jit_builder = JITBuilder::with_isa(isa, default_libcall_names());
    jit_builder.symbol(FLOAT_IS_MULTIPLE, float_is_multiple as *const u8);
    let mut module = JITModule::new(jit_builder);
    let result = define(&mut module, "satya_checks", Linkage::Local, program, shape);
    let (func_id, code_size, clif) = match result {
        Ok(ok) => ok,
        Err(e) => {
            // SAFETY: no code from this module was handed out.
            unsafe { module.free_memory() };
            return Err(e);
        }
    };
    if let Err(e) = module.finalize_definitions() {
        // SAFETY: no code from this module was handed out.
        unsafe { module.free_memory() };
        return Err(JitError::Codegen(e.to_string()));
    }
    let code = module.get_finalized_function(func_id);
    // SAFETY: the function was defined with exactly the EntryFn signature.
    let entry = unsafe { std::mem::transmute::<*const u8, EntryFn>(code) };
    Ok(Compiled {
        entry,
        shape,
        n_slots: program.n_slots(),
        out_words: program.out_words(),
        module: Mutex::new(Some(module)),
        code_size,
        compile_time: started.elapsed(),
        clif,
    })
}

/// An array function runs its item program over slot 0 of each item only.
pub(crate) fn check_shape(program: &Program, shape: Shape) -> Result<(), JitError> {
    if shape == Shape::Array && program.n_slots() > 1 {
        return Err(JitError::NotSupported("an item program reads only slot 0"));
    }
    // Slot and bitset offsets are 32-bit displacements in loads and stores.
    let furthest = program.n_slots().max(program.out_words()).saturating_mul(8);
    if furthest > i32::MAX as usize {
        return Err(JitError::NotSupported("too many slots for 32-bit offsets"));
    }
    Ok(())
}

/// Builds, verifies and defines the function `name` in any module (the host
/// JIT or an object file); the context is always cleared.
pub(crate) fn define<M: Module>(
    module: &mut M,
    name: &str,
    linkage: Linkage,
    program: &Program,
    shape: Shape,
) -> Result<(FuncId, usize, String), JitError> {
    let mut ctx = module.make_context();
    let result = (|| {
        let signature = entry_signature(module);
        let func_id = module
            .declare_function(name, linkage, &signature)
            .map_err(|e| JitError::Codegen(e.to_string()))?;
        ctx.func.signature = signature;
        ctx.func.name = UserFuncName::user(0, func_id.as_u32());
        build_body(module, &mut ctx, program, shape)?;
        let clif = ctx.func.display().to_string();
        module.define_function(func_id, &mut ctx).map_err(|e| JitError::Codegen(format!("{e:?}")))?;
        let code_size = ctx.compiled_code().map(|c| c.code_info().total_size as usize).unwrap_or(0);
        Ok((func_id, code_size, clif))
    })();
    module.clear_context(&mut ctx);
    result
}

fn build_body<M: Module>(module: &mut M, ctx: &mut Context, program: &Program, shape: Shape) -> Result<(), JitError> {
    let mut helper_sig = module.make_signature();
    helper_sig.params.push(AbiParam::new(types::F64));
    helper_sig.params.push(AbiParam::new(types::F64));
    helper_sig.returns.push(AbiParam::new(types::I8));
    let helper = module
        .declare_function(FLOAT_IS_MULTIPLE, Linkage::Import, &helper_sig)
        .map_err(|e| JitError::Codegen(e.to_string()))?;
    let mut fn_ctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fn_ctx);
    let imports = Imports { float_is_multiple: module.declare_func_in_func(helper, b.func) };
    match shape {
        Shape::Flat => translate::flat_function(&mut b, program, &imports),
        Shape::Array => translate::array_function(&mut b, program, &imports),
    }
    b.finalize(module.target_config());
    Ok(())
}

fn entry_signature<M: Module>(module: &M) -> Signature {
    let ptr = module.target_config().pointer_type();
    let mut sig = module.make_signature();
    sig.params.push(AbiParam::new(ptr));
    sig.params.push(AbiParam::new(ptr));
    sig.params.push(AbiParam::new(ptr));
    sig.returns.push(AbiParam::new(types::I32));
    sig
}

/// The host ISA with its detected CPU features, one per shape. Detecting and
/// building it is a large share of a compile, so each is built once per process.
fn host_isa(shape: Shape) -> Result<OwnedTargetIsa, JitError> {
    static FLAT: std::sync::OnceLock<Result<OwnedTargetIsa, JitError>> = std::sync::OnceLock::new();
    static ARRAY: std::sync::OnceLock<Result<OwnedTargetIsa, JitError>> = std::sync::OnceLock::new();
    let cell = if shape == Shape::Flat { &FLAT } else { &ARRAY };
    cell.get_or_init(|| {
        let flags = codegen_flags(shape)?;
        let isa_builder = cranelift_native::builder().map_err(|e| JitError::Unsupported(e.to_string()))?;
        isa_builder
            .finish(settings::Flags::new(flags))
            .map_err(|e| JitError::Codegen(e.to_string()))
    })
    .clone()
}

/// Sets one Cranelift flag, naming it in the error.
pub(crate) fn set_flag(flags: &mut settings::Builder, name: &str, value: &str) -> Result<(), JitError> {
    flags.set(name, value).map_err(|e| JitError::Codegen(format!("{name}={value}: {e}")))
}

/// The shared flags every target is compiled with, so that object code for
/// another architecture is generated the way the host JIT would generate it.
pub(crate) fn codegen_flags(shape: Shape) -> Result<settings::Builder, JitError> {
    let mut flags = settings::builder();
    // Flat code is straight-line compares that optimisation barely changes, so
    // it is compiled for compile speed; array loops run per item and get the
    // optimiser and the backtracking allocator, which keeps them free of spills.
    let (opt_level, regalloc) = match shape {
        Shape::Flat => ("none", "single_pass"),
        Shape::Array => ("speed", "backtracking"),
    };
    set_flag(&mut flags, "opt_level", opt_level)?;
    set_flag(&mut flags, "is_pic", "false")?;
    set_flag(&mut flags, "use_colocated_libcalls", "false")?;
    // Programs are small and built from validated checks: skip the verifier in
    // release builds.
    set_flag(&mut flags, "enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" })?;
    set_flag(&mut flags, "regalloc_algorithm", regalloc)?;
    Ok(flags)
}
