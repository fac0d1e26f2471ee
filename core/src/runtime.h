/*
 * runtime.h -- instances and the objects they share: functions, memories,
 * tables, globals, and the execution state of a call.
 *
 * Like modules, these use fixed-width fields (pointers in 8-byte unions)
 * so an instance needs the same arena bytes on every target.
 */
#ifndef MOTE_RUNTIME_H
#define MOTE_RUNTIME_H

#include "arena.h"
#include "module.h"

/* One value slot of a frame: the public value union, 8 bytes.  Narrow
 * values use the low bytes; the rest of the slot is unspecified. */
typedef mote_value mote_slot;

enum { FUNC_WASM = 0, FUNC_HOST = 1 };

struct mote_func {
    MOTE_PTR(mote_instance *, inst);  /* defining instance (host: the importer) */
    MOTE_PTR(const uint32_t *, code); /* wasm: entry point */
    MOTE_PTR(const mod_type *, type); /* canonical type in inst's module */
    uint32_t index;                   /* function index in inst's module */
    uint32_t kind;                    /* FUNC_WASM or FUNC_HOST */
};

typedef struct host_binding {
    MOTE_PTR(mote_host_fn, fn);
    MOTE_PTR(void *, user);
} host_binding;

struct mote_memory {
    MOTE_PTR(uint8_t *, base);
    MOTE_PTR(mote_arena *, arena); /* where it grows in place */
    uint64_t size;                 /* bytes */
    uint64_t max_pages;            /* the declared maximum, or the format's */
    uint64_t cap;                  /* embedder cap in bytes (0: none) */
    uint64_t reserved;             /* bytes allocated at base (>= size) */
    uint32_t page_log2;
    uint8_t is64, pad_[3]; /* is64: memory64 (i64 addresses) */
};

struct mote_table {
    MOTE_PTR(mote_slot *, elems);
    MOTE_PTR(mote_arena *, arena);
    MOTE_PTR(const mote_module *, module); /* whose types elem_type names
                                          (NULL: made by the embedder) */
    uint32_t size, capacity;               /* capacity: elements reserved */
    uint64_t max;                          /* declared maximum, or UINT32_MAX */
    vtype elem_type;
    uint8_t is64, pad_[3]; /* is64: table64 (i64 indices) */
};

struct mote_global {
    mote_slot value;
    MOTE_PTR(const mote_module *, module); /* whose types `type` names */
    mote_slot value_hi;                    /* a v128: its bytes 8-15 (value holds 0-7) */
    vtype type;
    uint8_t mutable_, pad_[3];
};

/* A tag: the identity of the exceptions thrown with it, and their payload
 * types.  Defined by a module (module, type) or by the embedder (module
 * NULL; the classes of its payload at `classes`). */
struct mote_tag {
    MOTE_PTR(const mote_module *, module);
    MOTE_PTR(const mod_type *, type);
    MOTE_PTR(const mote_valtype *, classes);
    uint32_t nparams, param_slots;
};

/*
 * An exception (exnref values point at these).  Exceptions live at the top
 * end of the value stack of the call they were thrown on, below
 * exec.stack_limit: [exec.stack_end, exec.stack_limit) is a run of these
 * records (exn.c), and frames may use the stack only below stack_end.
 */
struct mote_exception {
    MOTE_PTR(mote_tag *, tag); /* NULL: a free record */
    uint32_t slots;            /* the record's size, this header's
                                  two slots included */
    uint32_t flags;            /* EXN_* (exn.c) */
    mote_slot payload[];       /* the tag's param_slots values */
};

/* A call frame record: where to go back to. */
typedef struct frame {
    MOTE_PTR(const uint32_t *, pc);
    MOTE_PTR(mote_slot *, fp);
    MOTE_PTR(mote_instance *, inst);
} frame;

typedef union ptr_slot {
    void *p;
    uint64_t bits_;
} ptr_slot;

enum { EXEC_IDLE, EXEC_RUNNING, EXEC_PAUSED };

/* The state of the call running (or paused) on an instance's stacks. */
typedef struct exec {
    MOTE_PTR(mote_slot *, stack); /* value stack */
    MOTE_PTR(mote_slot *, stack_end);
    MOTE_PTR(frame *, frames); /* call stack */
    MOTE_PTR(frame *, frames_end);
    /* a paused call resumes from here */
    MOTE_PTR(const uint32_t *, pc);
    MOTE_PTR(mote_slot *, fp);
    MOTE_PTR(frame *, fr);
    MOTE_PTR(mote_instance *, cur);
    MOTE_PTR(mote_value *, results);
    MOTE_PTR(const mote_func *, callee);
    MOTE_PTR(mote_slot *, stack_limit); /* the stack's real end: exceptions
                                           live in [stack_end, stack_limit) */
    MOTE_PTR(mote_exception *, exn);    /* being thrown, or left uncaught */
    int64_t fuel;                       /* MOTE_FUEL_OFF: unmetered */
    uint32_t nresults;
    uint32_t state;
    volatile uint32_t interrupt;
    int32_t exit_code;
    /* the trap that ended the last call */
    MOTE_PTR(const uint32_t *, trap_pc);
    MOTE_PTR(mote_instance *, trap_inst);
    MOTE_PTR(frame *, trap_fr);
    uint32_t stub[2]; /* [enter][exit]: where every call starts and ends */
} exec;

struct mote_instance {
    MOTE_PTR(const mote_module *, module);
    MOTE_PTR(mote_arena *, arena);
    MOTE_PTR(const uint32_t *, code); /* the module's compiled code */
    MOTE_PTR(mote_memory *, mem);     /* memory 0, or NULL */
    MOTE_PTR(ptr_slot *, mems);       /* mote_memory * per memory index */
    MOTE_PTR(ptr_slot *, globals);    /* mote_global * per global index */
    MOTE_PTR(ptr_slot *, tables);     /* mote_table * per table index */
    MOTE_PTR(ptr_slot *, imports);    /* mote_func * per imported function */
    MOTE_PTR(mote_func *, refs);      /* funcref objects of defined functions */
    MOTE_PTR(host_binding *, hosts);  /* per imported function (host ones) */
    MOTE_PTR(uint8_t *, dropped);     /* bit per data segment, then per elem segment */
    MOTE_PTR(ptr_slot *, passive);    /* evaluated passive elem segments (mote_slot *) */
    MOTE_PTR(ptr_slot *, tags);       /* mote_tag * per tag index */
    MOTE_PTR(exec *, host_ex);        /* the call a host function called
                                         from this instance runs in */
    uint64_t mark_bottom, mark_top;   /* arena state before instantiation */
    exec ex;
};

/* Helpers shared by instance.c, api.c and the interpreter. */
mote_func *instance_func(mote_instance *inst, uint32_t index);
bool instance_dropped(const mote_instance *inst, uint32_t bit);
void instance_drop(mote_instance *inst, uint32_t bit);
int64_t instance_memory_grow(mote_memory *mem, uint64_t delta_pages);
int64_t instance_table_grow(mote_table *t, uint32_t delta, mote_slot init);
/* The arena bytes mote_instantiate(m, cfg) takes (mote_measure). */
uint64_t instance_layout_bytes(const mote_module *m, const mote_instance_config *cfg);

/* interp.c: runs until the frame stack unwinds to the exit stub, a trap,
 * an exit or a pause.  The state to start from is in inst->ex. */
mote_status interp_run(mote_instance *inst);

/* Records a trap on the stack owner `owner`. */
mote_status api_raise_trap(mote_instance *owner, mote_trap kind, const char *message);

/* Records that ex->exn of `owner` was not caught; returns MOTE_EXCEPTION. */
mote_status api_raise_exception(mote_instance *owner);

/* The value type class of a signature character ('i', 'I', 'f', 'F', 'r',
 * 'e', 'x'), 0 for another. */
mote_valtype instance_sig_type(char ch);

/* Type of any function object. */
const mod_type *instance_func_type(const mote_func *f, const mote_module **module);

/* The defined function whose code holds pc in inst's code, or MOTE_NO_FUNC. */
uint32_t instance_func_at(const mote_instance *inst, const uint32_t *pc);

/* Exceptions (exn.c).  The live part of the value stack ends at `top`. */
mote_exception *exn_new(exec *ex, mote_slot *top, mote_tag *tag);
void exn_pin(mote_exception *e);
void exn_reset(exec *ex); /* a new call: frees what is not pinned */
/* Where the frames of the state saved in ex (a host call, a throw) end. */
mote_slot *exn_live_top(const exec *ex);
/* Finds the handler for ex->exn from the state at *pc (a return address if
 * `returned`), unwinding frames; on success updates the state to run the
 * handler and returns true.  false: nothing catches it. */
bool exn_unwind(exec *ex, const uint32_t **pc, mote_slot **fp, frame **fr, mote_instance **inst,
                bool returned);

#endif
