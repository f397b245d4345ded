/* The differential cases shared by the generated cases.c and harness.c.
 * Every function follows the entry ABI of satya-jit; every expected output
 * was computed by the host interpreter. */
#ifndef SATYA_CASES_H
#define SATYA_CASES_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t (*satya_entry)(const uint64_t *slots, size_t n, uint64_t *out);

enum satya_shape { SATYA_FLAT, SATYA_ARRAY };

struct satya_function {
    const char *name;
    satya_entry entry;
    enum satya_shape shape;
    uint32_t n_slots;   /* flat: slots read; array: 1 */
    uint32_t out_words; /* flat: words of the failure bitset */
};

/* One call. The input is satya_inputs[input_at .. input_at + input_len]
 * (the slots, or the array items). The expected out words are
 * satya_expected[expected_at ..]: out_words words for a flat function, the
 * expected_failed failing indices for an array function. */
struct satya_case {
    uint32_t function;
    uint32_t expected_failed;
    size_t input_at;
    size_t input_len;
    size_t expected_at;
};

/* A direct check of the C helper against the Rust one it must match. */
struct satya_float_multiple {
    uint64_t value_bits;
    uint64_t divisor_bits;
    uint8_t expected;
};

extern const struct satya_function satya_functions[];
extern const size_t satya_function_count;
extern const struct satya_case satya_cases[];
extern const size_t satya_case_count;
extern const uint64_t satya_inputs[];
extern const uint64_t satya_expected[];
extern const struct satya_float_multiple satya_float_multiples[];
extern const size_t satya_float_multiple_count;

#endif
