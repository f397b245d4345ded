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

const FLOAT_IS_MULTIPLE: &str = "satya_float_is_multiple";

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

// SAFETY: the entry point is immutable, finalised code; the module is behind a
// Mutex and used only on drop.
unsafe impl Sync for Compiled {}

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
    if shape == Shape::Array && program.n_slots() > 1 {
        return Err(JitError::NotSupported("an item program reads only slot 0"));
    }
    let started = Instant::now();
    let isa = host_isa()?;
    let mut jit_builder = JITBuilder::with_isa(isa, default_libcall_names());
    jit_builder.symbol(FLOAT_IS_MULTIPLE, float_is_multiple as *const u8);
    let mut module = JITModule::new(jit_builder);
    let result = define(&mut module, program, shape);
    let (func_id, code_size, clif) = match result {
        Ok(ok) => ok,
        Err(e) => {
            // SAFETY: no code from this module was handed out.
            unsafe { module.free_memory() };
            return Err(e);
        }
    };
    module.finalize_definitions().map_err(|e| JitError::Codegen(e.to_string()))?;
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

/// Builds, verifies and defines the function; the context is always cleared.
fn define(module: &mut JITModule, program: &Program, shape: Shape) -> Result<(FuncId, usize, String), JitError> {
    let mut ctx = module.make_context();
    let result = (|| {
        let signature = entry_signature(module);
        let func_id = module
            .declare_function("satya_checks", Linkage::Local, &signature)
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

fn build_body(module: &mut JITModule, ctx: &mut Context, program: &Program, shape: Shape) -> Result<(), JitError> {
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

fn entry_signature(module: &JITModule) -> Signature {
    let ptr = module.target_config().pointer_type();
    let mut sig = module.make_signature();
    sig.params.push(AbiParam::new(ptr));
    sig.params.push(AbiParam::new(ptr));
    sig.params.push(AbiParam::new(ptr));
    sig.returns.push(AbiParam::new(types::I32));
    sig
}

/// The host ISA with its detected CPU features, tuned for fast compiles.
fn host_isa() -> Result<OwnedTargetIsa, JitError> {
    let mut flags = settings::builder();
    let set = |flags: &mut settings::Builder, name: &str, value: &str| {
        flags.set(name, value).map_err(|e| JitError::Codegen(format!("{name}={value}: {e}")))
    };
    set(&mut flags, "opt_level", "speed")?;
    set(&mut flags, "is_pic", "false")?;
    set(&mut flags, "use_colocated_libcalls", "false")?;
    // Programs are small and built from validated checks: skip the verifier in
    // release builds and use the single-pass allocator to halve compile time.
    set(&mut flags, "enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" })?;
    let _ = flags.set("regalloc_algorithm", "single_pass");
    let isa_builder = cranelift_native::builder().map_err(|e| JitError::Unsupported(e.to_string()))?;
    isa_builder
        .finish(settings::Flags::new(flags))
        .map_err(|e| JitError::Codegen(e.to_string()))
}
