/*
 * nan.h -- NaN classes of the spec's assert_return patterns.
 *
 * The spec's float results may be NaN patterns instead of exact bits:
 *   nan:canonical  -- a canonical NaN: exponent all ones and a payload of
 *                     exactly the most significant mantissa bit; either sign.
 *   nan:arithmetic -- an arithmetic NaN: exponent all ones and the most
 *                     significant mantissa bit set; any other payload bits,
 *                     either sign.
 * Every canonical NaN is arithmetic.  Work on bit patterns only, so the
 * answer does not depend on the target's float unit (or its absence).
 */
#ifndef MOTE_SPEC_NAN_H
#define MOTE_SPEC_NAN_H

#include <stdbool.h>
#include <stdint.h>

bool spec_f32_is_nan(uint32_t bits);
bool spec_f32_is_canonical_nan(uint32_t bits);
bool spec_f32_is_arithmetic_nan(uint32_t bits);

bool spec_f64_is_nan(uint64_t bits);
bool spec_f64_is_canonical_nan(uint64_t bits);
bool spec_f64_is_arithmetic_nan(uint64_t bits);

#endif
