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
/// every check without branches and stores the failure bitset. The usual
/// outcome, nothing failed, takes a short path that only ORs the failures.
pub fn flat_function(b: &mut FunctionBuilder<'_>, program: &Program, imports: &Imports) {
    let entry = b.create_block();
    let all_pass = b.create_block();
    let some_fail = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    let params = b.block_params(entry).to_vec();
    let (slots, out) = (params[0], params[2]);

    let mut loaded: Vec<Option<Value>> = vec![None; program.n_slots()];
    let mut fails = Vec::with_capacity(program.checks().len());
    let mut any = b.ins().iconst(types::I8, 0);
    for check in program.checks() {
        let slot = check.slot as usize;
        let value = match loaded[slot] {
            Some(v) => v,
            None => {
                let v = b.ins().load(types::I64, trusted(), slots, (slot * 8) as i32);
                loaded[slot] = Some(v);
                v
            }
        };
        let failed = emit_fails(b, check.kind, value, imports);
        any = b.ins().bor(any, failed);
        fails.push(failed);
    }
    b.ins().brif(any, some_fail, &[], all_pass, &[]);

    b.switch_to_block(all_pass);
    let zero = b.ins().iconst(types::I64, 0);
    for w in 0..program.out_words() {
        b.ins().store(trusted(), zero, out, (w * 8) as i32);
    }
    let none = b.ins().iconst(types::I32, 0);
    b.ins().return_(&[none]);

    b.switch_to_block(some_fail);
    let mut words: Vec<Value> = (0..program.out_words()).map(|_| b.ins().iconst(types::I64, 0)).collect();
    let mut count = b.ins().iconst(types::I32, 0);
    for (i, &failed) in fails.iter().enumerate() {
        let wide = b.ins().uextend(types::I64, failed);
        let bit = b.ins().ishl_imm_u(wide, (i % 64) as i64);
        words[i / 64] = b.ins().bor(words[i / 64], bit);
        let narrow = b.ins().uextend(types::I32, failed);
        count = b.ins().iadd(count, narrow);
    }
    for (w, word) in words.iter().enumerate() {
        b.ins().store(trusted(), *word, out, (w * 8) as i32);
    }
    b.ins().return_(&[count]);
    b.seal_all_blocks();
}

/// Body of `fn(items: *const u64, n: usize, out: *mut u64) -> u32`: runs the
/// item program (every check reads slot 0) over each item and appends each
/// failing item's index to `out`, which holds at least `n` words.
///
/// Two passes: the hot one only ORs the failures together (no stores, no
/// loop-carried count); the second, which lists the failing indices, runs only
/// when something failed.
pub fn array_function(b: &mut FunctionBuilder<'_>, item: &Program, imports: &Imports) {
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    let params = b.block_params(entry).to_vec();
    let (items, n, out) = (params[0], params[1], params[2]);

    // Pass 1: does any item fail? Four items per iteration, then one at a time.
    let quad_head = b.create_block();
    let quad_body = b.create_block();
    let scan_head = b.create_block();
    let scan_body = b.create_block();
    let scan_done = b.create_block();
    for block in [quad_head, scan_head] {
        b.append_block_param(block, types::I64); // index
        b.append_block_param(block, types::I8); // any failure so far
    }
    b.append_block_param(scan_done, types::I8);
    let zero = b.ins().iconst(types::I64, 0);
    let clean = b.ins().iconst(types::I8, 0);
    b.ins().jump(quad_head, &[zero.into(), clean.into()]);

    b.switch_to_block(quad_head);
    let index = b.block_params(quad_head)[0];
    let seen = b.block_params(quad_head)[1];
    // index + 4 <= n, written so that it cannot overflow: index <= n - 4 with n >= 4
    let room = b.ins().isub(n, index);
    let four_left = b.ins().icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, room, 4);
    b.ins().brif(four_left, quad_body, &[], scan_head, &[index.into(), seen.into()]);

    b.switch_to_block(quad_body);
    let mut seen_next = seen;
    for k in 0..4 {
        let at = if k == 0 { index } else { b.ins().iadd_imm_u(index, k) };
        let fails = item_fails(b, item, items, at, imports);
        seen_next = b.ins().bor(seen_next, fails);
    }
    let next = b.ins().iadd_imm_u(index, 4);
    b.ins().jump(quad_head, &[next.into(), seen_next.into()]);

    b.switch_to_block(scan_head);
    let index = b.block_params(scan_head)[0];
    let seen = b.block_params(scan_head)[1];
    let more = b.ins().icmp(IntCC::UnsignedLessThan, index, n);
    b.ins().brif(more, scan_body, &[], scan_done, &[seen.into()]);

    b.switch_to_block(scan_body);
    let fails = item_fails(b, item, items, index, imports);
    let seen_next = b.ins().bor(seen, fails);
    let next = b.ins().iadd_imm_u(index, 1);
    b.ins().jump(scan_head, &[next.into(), seen_next.into()]);

    // Pass 2, only after a failure: list the failing indices.
    let collect_head = b.create_block();
    let collect_body = b.create_block();
    let exit = b.create_block();
    b.append_block_param(collect_head, types::I64); // index
    b.append_block_param(collect_head, types::I32); // failures so far
    b.append_block_param(exit, types::I32);

    b.switch_to_block(scan_done);
    let any = b.block_params(scan_done)[0];
    let none = b.ins().iconst(types::I32, 0);
    let start = b.ins().iconst(types::I64, 0);
    b.ins().brif(any, collect_head, &[start.into(), none.into()], exit, &[none.into()]);

    b.switch_to_block(collect_head);
    let index = b.block_params(collect_head)[0];
    let failed = b.block_params(collect_head)[1];
    let more = b.ins().icmp(IntCC::UnsignedLessThan, index, n);
    b.ins().brif(more, collect_body, &[], exit, &[failed.into()]);

    b.switch_to_block(collect_body);
    let fails = item_fails(b, item, items, index, imports);
    // Branch-free append: always store at out[failed] (failed <= index < n),
    // advance only on failure.
    let slot_offset = b.ins().uextend(types::I64, failed);
    let slot_offset = b.ins().ishl_imm_u(slot_offset, 3);
    let slot_address = b.ins().iadd(out, slot_offset);
    b.ins().store(trusted(), index, slot_address, 0);
    let step = b.ins().uextend(types::I32, fails);
    let failed_next = b.ins().iadd(failed, step);
    let next = b.ins().iadd_imm_u(index, 1);
    b.ins().jump(collect_head, &[next.into(), failed_next.into()]);

    b.switch_to_block(exit);
    let total = b.block_params(exit)[0];
    b.ins().return_(&[total]);
    b.seal_all_blocks();
}

/// Loads `items[index]` and returns an i8 that is 1 when any check fails.
fn item_fails(b: &mut FunctionBuilder<'_>, item: &Program, items: Value, index: Value, imports: &Imports) -> Value {
    let offset = b.ins().ishl_imm_u(index, 3);
    let address = b.ins().iadd(items, offset);
    let value = b.ins().load(types::I64, trusted(), address, 0);
    let mut any = b.ins().iconst(types::I8, 0);
    for check in item.checks() {
        let fails = emit_fails(b, check.kind, value, imports);
        any = b.ins().bor(any, fails);
    }
    any
}
