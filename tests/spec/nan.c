/* nan.c -- NaN classes; see nan.h. */
#include "nan.h"

#define F32_EXP 0x7F800000u
#define F32_QUIET 0x00400000u
#define F32_FRAC 0x007FFFFFu

#define F64_EXP 0x7FF0000000000000u
#define F64_QUIET 0x0008000000000000u
#define F64_FRAC 0x000FFFFFFFFFFFFFu

bool spec_f32_is_nan(uint32_t bits)
{
    return (bits & F32_EXP) == F32_EXP && (bits & F32_FRAC) != 0;
}

bool spec_f32_is_canonical_nan(uint32_t bits)
{
    return (bits & (F32_EXP | F32_FRAC)) == (F32_EXP | F32_QUIET);
}

bool spec_f32_is_arithmetic_nan(uint32_t bits)
{
    return (bits & (F32_EXP | F32_QUIET)) == (F32_EXP | F32_QUIET);
}

bool spec_f64_is_nan(uint64_t bits)
{
    return (bits & F64_EXP) == F64_EXP && (bits & F64_FRAC) != 0;
}

bool spec_f64_is_canonical_nan(uint64_t bits)
{
    return (bits & (F64_EXP | F64_FRAC)) == (F64_EXP | F64_QUIET);
}

bool spec_f64_is_arithmetic_nan(uint64_t bits)
{
    return (bits & (F64_EXP | F64_QUIET)) == (F64_EXP | F64_QUIET);
}
