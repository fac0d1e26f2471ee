/* feature_groups.c -- see feature_groups.h. */
#include "feature_groups.h"

#include "error.h"

const uint32_t feature_load_bits[FG_COUNT_] = {
#define G(group, built_, bit_, what_) bit_,
    MOTE_FEATURE_GROUPS(G)
#undef G
};

/* Every build names the option that would build the group (MOTE_WITH_
 * and the group's name, kept once); a build without message text
 * (error.h) leaves out what the group is. */
static const struct {
#if MOTE_WITH_MESSAGES
    const char *what;
#endif
    const char *name;
} groups[FG_COUNT_] = {
#if MOTE_WITH_MESSAGES
#define G(group, built_, bit_, what_) {what_, #group},
#else
#define G(group, built_, bit_, what_) {#group},
#endif
    MOTE_FEATURE_GROUPS(G)
#undef G
};

mote_status feature_unsupported(mote_error *err, feature_group g, uint32_t offset)
{
#if MOTE_WITH_MESSAGES
    error_setf(err, MOTE_ERR_UNSUPPORTED, "+0x%x: %s are not enabled in this build (MOTE_WITH_%s)",
               offset, groups[g].what, groups[g].name);
#else
    error_setf(err, MOTE_ERR_UNSUPPORTED, "+0x%x: not in this build (MOTE_WITH_%s)", offset,
               groups[g].name);
#endif
    err->offset = offset;
    return MOTE_ERR_UNSUPPORTED;
}
