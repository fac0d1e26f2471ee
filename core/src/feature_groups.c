/* feature_groups.c -- see feature_groups.h. */
#include "feature_groups.h"

#include "error.h"

/* Each bit below 2^16 (checked here): half the table of 32-bit ones. */
const uint16_t feature_load_bits[FG_COUNT_] = {
#define G(group, built_, bit_, what_) bit_,
    MOTE_FEATURE_GROUPS(G)
#undef G
};
#define G(group, built_, bit_, what_) \
    _Static_assert((bit_) <= 0xFFFFu, "widen feature_load_bits for " #group);
MOTE_FEATURE_GROUPS(G)
#undef G

/* Every build names the option that would build the group (MOTE_WITH_
 * and the group's name, kept once); a build without message text
 * (error.h) leaves out what the group is.  Both lists are strings in the
 * groups' order (error_nth_string). */
#define G(group, built_, bit_, what_) #group "\0"
static const char names[] = MOTE_FEATURE_GROUPS(G);
#undef G
#if MOTE_WITH_MESSAGES
#define G(group, built_, bit_, what_) what_ "\0"
static const char whats[] = MOTE_FEATURE_GROUPS(G);
#undef G
#endif

mote_status feature_unsupported(mote_error *err, feature_group g, uint32_t offset)
{
#if MOTE_WITH_MESSAGES
    error_setf(err, MOTE_ERR_UNSUPPORTED, "+0x%x: %s are not enabled in this build (MOTE_WITH_%s)",
               offset, error_nth_string(whats, g), error_nth_string(names, g));
#else
    error_setf(err, MOTE_ERR_UNSUPPORTED, "+0x%x: not in this build (MOTE_WITH_%s)", offset,
               error_nth_string(names, g));
#endif
    err->offset = offset;
    return MOTE_ERR_UNSUPPORTED;
}
