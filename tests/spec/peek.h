/*
 * peek.h -- facts read from a module's binary without loading it, for
 * running the suite in little RAM (boards).
 *
 * How far its memory may grow: a memory grows in place at the end of its
 * arena (mote_memory_grow), so an arena sized to exactly what
 * mote_measure() says cannot grow it at all.  Giving every module the same
 * headroom would waste what a board has least of: most modules define no
 * memory, or one whose maximum is its minimum, and many stay alive for the
 * whole script.
 *
 * Whether it can make references to its functions: if not, nothing needs
 * its arena once the script cannot reach it (see keep_arena in script.h).
 *
 * Which modules it imports from: a module that is skipped for lack of
 * room would have written its data and element segments, and run its
 * start function, on what it imports; those modules' state then differs
 * from what the script expects (see spec_module_diverged in script.h).
 */
#ifndef MOTE_SPEC_PEEK_H
#define MOTE_SPEC_PEEK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The arena room the memories the module defines may need to grow: 0 if it
 * defines none or each one's maximum is its minimum; SIZE_MAX if one has no
 * maximum, or the binary cannot be read (the load will say why).  With
 * several memories, all but the last move when they grow (peek.c).
 */
size_t spec_peek_memory_growth(const uint8_t *wasm, size_t len);

/*
 * Whether the module can make references to its own functions (funcref
 * values): only if it has an element section, where ref.func's functions
 * must be declared and from where segments fill tables.  True if the
 * binary cannot be read.  A module that cannot hands nothing of its arena
 * to other instances except through its exports.
 */
bool spec_peek_makes_func_refs(const uint8_t *wasm, size_t len);

/*
 * Calls fn with the module name of each import, in order (names repeat).
 * Returns false if the import section cannot be read (fn may have been
 * called for the imports before the problem).
 */
bool spec_peek_import_modules(const uint8_t *wasm, size_t len,
                              void (*fn)(void *ctx, const char *name, size_t len), void *ctx);

#endif
