//! Program -> Cranelift IR, with `FunctionBuilder` only. Module management
//! lives in `engine.rs`.
//!
//! Two shapes share one check emitter:
//! - the flat function `fn(slots, n, out) -> failed`, one bit of `out` per check;
//! - the array function `fn(items, n, out) -> failed`, a loop that runs an
//!   item program over `n` items and writes each failing item's index to `out`.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, FuncRef, InstBuilder, MemFlagsData, Value};
use cranelift_frontend::FunctionBuilder;

use crate::program::{CheckKind, Program};

/// Functions the generated code may call: float multiple_of needs an exact
/// `fmod`, which Cranelift has no instruction for.
pub struct Imports {
    pub float_is_multiple: FuncRef,
}

fn trusted() -> MemFlagsData {
    // Slot buffers are aligned u64 arrays whose length the safe wrapper checks.
    MemFlagsData::trusted()
}

/// Emits the test for one check of `value` (an i64); returns an i8 that is 1
/// when the check fails.
fn emit_fails(b: &mut FunctionBuilder<'_>, kind: CheckKind, value: Value, imports: &Imports) -> Value {
    let float = |b: &mut FunctionBuilder<'_>, value: Value| b.ins().bitcast(types::F64, MemFlagsData::new(), value);
    match kind {
        CheckKind::IntMin(min) => b.ins().icmp_imm_s(IntCC::SignedLessThan, value, min),
        CheckKind::IntMax(max) => b.ins().icmp_imm_s(IntCC::SignedGreaterThan, value, max),
        // Every value is a multiple of ±1, and i64::MIN srem -1 would overflow.
        CheckKind::IntMultipleOf(1 | -1) => b.ins().iconst(types::I8, 0),
        CheckKind::IntMultipleOf(d) => {
            let divisor = b.ins().iconst(types::I64, d);
            let rem = b.ins().srem(value, divisor);
            b.ins().icmp_imm_s(IntCC::NotEqual, rem, 0)
        }
        // Each float check fails when its comparison is false, NaN included:
        // the negated condition is the one that is also true when unordered.
        CheckKind::FloatGt(bound) => float_fails(b, FloatCC::UnorderedOrLessThanOrEqual, value, bound, float),
        CheckKind::FloatGe(bound) => float_fails(b, FloatCC::UnorderedOrLessThan, value, bound, float),
        CheckKind::FloatLt(bound) => float_fails(b, FloatCC::UnorderedOrGreaterThanOrEqual, value, bound, float),
        CheckKind::FloatLe(bound) => float_fails(b, FloatCC::UnorderedOrGreaterThan, value, bound, float),
        CheckKind::FloatMultipleOf(d) => {
            let x = float(b, value);
            let divisor = b.ins().f64const(d);
            let call = b.ins().call(imports.float_is_multiple, &[x, divisor]);
            let passes = b.inst_results(call)[0];
            b.ins().bxor_imm_u(passes, 1)
        }
        CheckKind::LenMin(min) => b.ins().icmp_imm_u(IntCC::UnsignedLessThan, value, min as i64),
        CheckKind::LenMax(max) => b.ins().icmp_imm_u(IntCC::UnsignedGreaterThan, value, max as i64),
    }
}

fn float_fails(
    b: &mut FunctionBuilder<'_>,
    cc: FloatCC,
    value: Value,
    bound: f64,
    float: impl Fn(&mut FunctionBuilder<'_>, Value) -> Value,
) -> Value {
    let x = float(b, value);
    let bound = b.ins().f64const(bound);
    b.ins().fcmp(cc, x, bound)
}

/// Body of `fn(slots: *const u64, n: usize, out: *mut u64) -> u32`: evaluates
/// every check without branches and stores the failure bitset.
pub fn flat_function(b: &mut FunctionBuilder<'_>, program: &Program, imports: &Imports) {
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    let params = b.block_params(entry).to_vec();
    let (slots, out) = (params[0], params[2]);

    let mut loaded: Vec<Option<Value>> = vec![None; program.n_slots()];
    let mut words: Vec<Value> = (0..program.out_words()).map(|_| b.ins().iconst(types::I64, 0)).collect();
    let mut failed = b.ins().iconst(types::I32, 0);
    for (i, check) in program.checks().iter().enumerate() {
        let slot = check.slot as usize;
        let value = match loaded[slot] {
            Some(v) => v,
            None => {
                let v = b.ins().load(types::I64, trusted(), slots, (slot * 8) as i32);
                loaded[slot] = Some(v);
                v
            }
        };
        let fails = emit_fails(b, check.kind, value, imports);
        let wide = b.ins().uextend(types::I64, fails);
        let bit = b.ins().ishl_imm_u(wide, (i % 64) as i64);
        words[i / 64] = b.ins().bor(words[i / 64], bit);
        let narrow = b.ins().uextend(types::I32, fails);
        failed = b.ins().iadd(failed, narrow);
    }
    for (w, word) in words.iter().enumerate() {
        b.ins().store(trusted(), *word, out, (w * 8) as i32);
    }
    b.ins().return_(&[failed]);
    b.seal_all_blocks();
}

/// Body of `fn(items: *const u64, n: usize, out: *mut u64) -> u32`: runs the
/// item program (every check reads slot 0) over each item and appends each
/// failing item's index to `out`, which holds at least `n` words.
pub fn array_function(b: &mut FunctionBuilder<'_>, item: &Program, imports: &Imports) {
    let entry = b.create_block();
    let head = b.create_block();
    let body = b.create_block();
    let exit = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.append_block_param(head, types::I64); // index
    b.append_block_param(head, types::I32); // failures so far
    b.append_block_param(exit, types::I32);

    b.switch_to_block(entry);
    let params = b.block_params(entry).to_vec();
    let (items, n, out) = (params[0], params[1], params[2]);
    let zero = b.ins().iconst(types::I64, 0);
    let none = b.ins().iconst(types::I32, 0);
    b.ins().jump(head, &[zero.into(), none.into()]);

    b.switch_to_block(head);
    let index = b.block_params(head)[0];
    let failed = b.block_params(head)[1];
    let more = b.ins().icmp(IntCC::UnsignedLessThan, index, n);
    b.ins().brif(more, body, &[], exit, &[failed.into()]);

    b.switch_to_block(body);
    let offset = b.ins().ishl_imm_u(index, 3);
    let address = b.ins().iadd(items, offset);
    let value = b.ins().load(types::I64, trusted(), address, 0);
    let mut any = b.ins().iconst(types::I8, 0);
    for check in item.checks() {
        let fails = emit_fails(b, check.kind, value, imports);
        any = b.ins().bor(any, fails);
    }
    // Branch-free append: always store at out[failed], advance only on failure.
    let slot_offset = b.ins().uextend(types::I64, failed);
    let slot_offset = b.ins().ishl_imm_u(slot_offset, 3);
    let slot_address = b.ins().iadd(out, slot_offset);
    b.ins().store(trusted(), index, slot_address, 0);
    let step = b.ins().uextend(types::I32, any);
    let failed_next = b.ins().iadd(failed, step);
    let next = b.ins().iadd_imm_u(index, 1);
    b.ins().jump(head, &[next.into(), failed_next.into()]);

    b.switch_to_block(exit);
    let total = b.block_params(exit)[0];
    b.ins().return_(&[total]);
    b.seal_all_blocks();
}
