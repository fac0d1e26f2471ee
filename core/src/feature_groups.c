/* feature_groups.c -- see feature_groups.h. */
#include "feature_groups.h"

#include "error.h"

const uint32_t feature_load_bits[FG_COUNT_] = {
#define G(group, built_, bit_, what_) bit_,
    MOTE_FEATURE_GROUPS(G)
#undef G
};

static const struct {
    const char *what, *option;
} groups[FG_COUNT_] = {
#define G(group, built_, bit_, what_) {what_, "MOTE_WITH_" #group},
    MOTE_FEATURE_GROUPS(G)
#undef G
};

mote_status feature_unsupported(mote_error *err, feature_group g, uint32_t offset)
{
    error_set(err, MOTE_ERR_UNSUPPORTED, "+0x%x: %s are not enabled in this build (%s)", offset,
              groups[g].what, groups[g].option);
    err->offset = offset;
    return MOTE_ERR_UNSUPPORTED;
}
