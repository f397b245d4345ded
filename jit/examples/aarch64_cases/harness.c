/* Runs every generated case against the aarch64 code and compares the
 * failure count and out words with what the host interpreter computed.
 * Prints "N passed, M failed" last and exits non-zero on any mismatch. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cases.h"

/* Words past the end of each output that the code must leave untouched. */
#define GUARD_WORDS 4
#define UNTOUCHED 0xa5a5a5a5a5a5a5a5ull
#define MAX_REPORTED 25

/* The symbol the generated code calls for float multiple_of. Same semantics
 * as interp::float_is_multiple: Rust's `%` on f64 is C's fmod. */
uint8_t satya_float_is_multiple(double value, double divisor);
uint8_t satya_float_is_multiple(double value, double divisor) {
    /* within 1e-9 of the nearest multiple; non-finite values pass, an
       overflowing quotient fails (round() rounds half away from zero, as Rust's does) */
    if (!isfinite(value))
        return 1;
    double quotient = value / divisor;
    if (!isfinite(quotient))
        return 0;
    return fabs(value - round(quotient) * divisor) <= 1e-9;
}

static size_t mismatches;

static void report(const char *what, const struct satya_function *f, size_t case_index, size_t word, uint64_t want,
                   uint64_t got) {
    if (++mismatches <= MAX_REPORTED)
        fprintf(stderr, "MISMATCH case %zu (%s): %s [%zu]: want 0x%llx, got 0x%llx\n", case_index, f->name, what,
                word, (unsigned long long)want, (unsigned long long)got);
}

/* Output words one call may write: the bitset (flat) or one per item (array). */
static size_t output_words(const struct satya_function *f, const struct satya_case *c) {
    return f->shape == SATYA_FLAT ? f->out_words : c->input_len;
}

/* Returns whether the call matched the interpreter in every respect. */
static int run_case(size_t case_index, uint64_t *out) {
    const struct satya_case *c = &satya_cases[case_index];
    const struct satya_function *f = &satya_functions[c->function];
    size_t words = output_words(f, c);
    for (size_t i = 0; i < words + GUARD_WORDS; i++)
        out[i] = UNTOUCHED;

    const uint64_t *input = &satya_inputs[c->input_at];
    size_t n = f->shape == SATYA_FLAT ? f->n_slots : c->input_len;
    uint32_t failed = f->entry(input, n, out);

    size_t before = mismatches;
    if (failed != c->expected_failed)
        report("failure count", f, case_index, 0, c->expected_failed, failed);
    /* Flat code writes the whole bitset; array code only promises the first
     * `failed` indices, so compare just those. */
    size_t compared = f->shape == SATYA_FLAT ? f->out_words : c->expected_failed;
    for (size_t i = 0; i < compared; i++)
        if (out[i] != satya_expected[c->expected_at + i])
            report("out word", f, case_index, i, satya_expected[c->expected_at + i], out[i]);
    for (size_t i = words; i < words + GUARD_WORDS; i++)
        if (out[i] != UNTOUCHED)
            report("write past the output", f, case_index, i, UNTOUCHED, out[i]);
    return mismatches == before;
}

/* Returns whether the C helper agrees with the Rust one on pair `i`. */
static int check_float_helper(size_t i) {
    const struct satya_float_multiple *m = &satya_float_multiples[i];
    union { uint64_t bits; double value; } value = {m->value_bits}, divisor = {m->divisor_bits};
    uint8_t got = satya_float_is_multiple(value.value, divisor.value);
    if (got != m->expected && ++mismatches <= MAX_REPORTED)
        fprintf(stderr, "MISMATCH satya_float_is_multiple(%a, %a): want %u, got %u\n", value.value, divisor.value,
                m->expected, got);
    return got == m->expected;
}

int main(void) {
    size_t capacity = 0;
    for (size_t i = 0; i < satya_case_count; i++) {
        size_t words = output_words(&satya_functions[satya_cases[i].function], &satya_cases[i]);
        if (words > capacity)
            capacity = words;
    }
    uint64_t *out = malloc((capacity + GUARD_WORDS) * sizeof *out);
    if (!out) {
        perror("malloc");
        return 2;
    }

    size_t passed = 0, failed = 0;
    for (size_t i = 0; i < satya_float_multiple_count; i++) {
        if (check_float_helper(i))
            passed++;
        else
            failed++;
    }
    for (size_t i = 0; i < satya_case_count; i++) {
        if (run_case(i, out))
            passed++;
        else
            failed++;
    }
    free(out);

    printf("aarch64: %zu functions, %zu calls, %zu float multiple_of helper checks\n", satya_function_count,
           satya_case_count, satya_float_multiple_count);
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
