/*
 * dwarf_line.c -- reading DWARF line tables (.debug_line) to map a code
 * address to file:line; see dwarf_line.h.
 *
 * Each unit's line program is run on the DWARF state machine: standard,
 * extended and special opcodes build rows (address, file, line), in
 * sequences of rising addresses.  The row whose range [its address, the
 * next row's) holds the address is the answer.  Only what that needs is
 * kept: no columns, no flags beyond the end of a sequence.
 */
#include "dwarf_line.h"

#include <stdio.h>
#include <string.h>

#include "sections.h"

enum {
    LNS_copy = 1,
    LNS_advance_pc,
    LNS_advance_line,
    LNS_set_file,
    LNS_set_column,
    LNS_negate_stmt,
    LNS_set_basic_block,
    LNS_const_add_pc,
    LNS_fixed_advance_pc,
    LNS_set_prologue_end,
    LNS_set_epilogue_begin,
    LNS_set_isa,
    LNE_end_sequence = 1,
    LNE_set_address = 2,
    LNCT_path = 1,
    LNCT_directory_index = 2,
    FORM_block = 0x09,
    FORM_block1 = 0x0a,
    FORM_data1 = 0x0b,
    FORM_data2 = 0x05,
    FORM_data4 = 0x06,
    FORM_data8 = 0x07,
    FORM_data16 = 0x1e,
    FORM_string = 0x08,
    FORM_strp = 0x0e,
    FORM_line_strp = 0x1f,
    FORM_udata = 0x0f,
    FORM_sdata = 0x0d
};

#define MAX_FILES 512
#define MAX_DIRS 128

typedef struct rd {
    const uint8_t *p, *end;
    bool ok;
} rd;

static uint64_t get(rd *r, unsigned n)
{
    uint64_t v = 0;
    if ((size_t)(r->end - r->p) < n || !r->ok) {
        r->ok = false;
        return 0;
    }
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)r->p[i] << (8 * i);
    r->p += n;
    return v;
}

static uint64_t uleb(rd *r)
{
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        if (!r->ok || r->p >= r->end || shift > 63) {
            r->ok = false;
            return 0;
        }
        uint8_t b = *r->p++;
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            return v;
    }
}

static int64_t sleb(rd *r)
{
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t b;
    do {
        if (!r->ok || r->p >= r->end || shift > 63) {
            r->ok = false;
            return 0;
        }
        b = *r->p++;
        v |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
    } while (b & 0x80);
    if (shift < 64 && (b & 0x40))
        v |= ~0ull << shift;
    return (int64_t)v;
}

static const char *cstring(rd *r)
{
    const uint8_t *nul = r->ok ? memchr(r->p, 0, (size_t)(r->end - r->p)) : NULL;
    if (nul == NULL) {
        r->ok = false;
        return "";
    }
    const char *s = (const char *)r->p;
    r->p = nul + 1;
    return s;
}

/* A string at an offset in .debug_str or .debug_line_str. */
static const char *string_at(const uint8_t *section, size_t size, uint64_t offset)
{
    if (section == NULL || offset >= size || memchr(section + offset, 0, size - offset) == NULL)
        return "";
    return (const char *)section + offset;
}

/* One unit's header: what the program needs to run and name its files. */
typedef struct unit {
    unsigned version, offset_size;
    unsigned min_inst, line_range, opcode_base;
    int line_base;
    const uint8_t *lengths; /* standard_opcode_lengths */
    const char *dirs[MAX_DIRS];
    unsigned ndirs;
    const char *files[MAX_FILES];
    unsigned file_dir[MAX_FILES];
    unsigned nfiles; /* v5 numbers files from 0, earlier from 1 */
} unit;

/* One attribute of a v5 directory or file entry: a string, an index, or
 * something skipped. */
static void entry_form(const dwarf_lines *d, rd *r, const unit *u, uint64_t form, const char **text,
                       uint64_t *number)
{
    switch (form) {
    case FORM_string: *text = cstring(r); break;
    case FORM_line_strp:
        *text = string_at(d->line_str, d->line_str_size, get(r, u->offset_size));
        break;
    case FORM_strp: *text = string_at(d->str, d->str_size, get(r, u->offset_size)); break;
    case FORM_udata: *number = uleb(r); break;
    case FORM_data1: *number = get(r, 1); break;
    case FORM_data2: *number = get(r, 2); break;
    case FORM_data4: *number = get(r, 4); break;
    case FORM_data8: *number = get(r, 8); break;
    case FORM_data16:
        get(r, 8);
        get(r, 8);
        break;
    case FORM_sdata: sleb(r); break;
    case FORM_block: {
        uint64_t n = uleb(r);
        if (n > (uint64_t)(r->end - r->p))
            r->ok = false;
        else
            r->p += n;
        break;
    }
    default: r->ok = false; break;
    }
}

/* v5: a list of entries described by (content type, form) pairs. */
static void entries_v5(const dwarf_lines *d, rd *r, unit *u, bool dirs)
{
    uint64_t formats[8][2];
    unsigned nformats = (unsigned)get(r, 1);
    if (nformats > 8) {
        r->ok = false;
        return;
    }
    for (unsigned i = 0; i < nformats; i++) {
        formats[i][0] = uleb(r);
        formats[i][1] = uleb(r);
    }
    uint64_t count = uleb(r);
    for (uint64_t e = 0; e < count && r->ok; e++) {
        const char *path = "";
        uint64_t dir = 0;
        for (unsigned i = 0; i < nformats && r->ok; i++) {
            const char *text = NULL;
            uint64_t number = 0;
            entry_form(d, r, u, formats[i][1], &text, &number);
            if (formats[i][0] == LNCT_path && text != NULL)
                path = text;
            else if (formats[i][0] == LNCT_directory_index)
                dir = number;
        }
        if (dirs && u->ndirs < MAX_DIRS) {
            u->dirs[u->ndirs++] = path;
        } else if (!dirs && u->nfiles < MAX_FILES) {
            u->file_dir[u->nfiles] = (unsigned)dir;
            u->files[u->nfiles++] = path;
        }
    }
}

/* v2-v4: include_directories then file_names, each ending with "". */
static void entries_v4(rd *r, unit *u)
{
    u->dirs[u->ndirs++] = ""; /* 0: the compilation directory */
    for (const char *s; r->ok && *(s = cstring(r)) != '\0';)
        if (u->ndirs < MAX_DIRS)
            u->dirs[u->ndirs++] = s;
    u->files[u->nfiles++] = ""; /* numbered from 1 */
    for (const char *s; r->ok && *(s = cstring(r)) != '\0';) {
        uint64_t dir = uleb(r);
        uleb(r); /* modification time */
        uleb(r); /* length */
        if (u->nfiles < MAX_FILES) {
            u->file_dir[u->nfiles] = (unsigned)dir;
            u->files[u->nfiles++] = s;
        }
    }
}

/* Reads a unit's header; *program and *end bound its line program. */
static bool read_header(const dwarf_lines *d, rd *r, unit *u, const uint8_t **program,
                        const uint8_t **end)
{
    memset(u, 0, sizeof *u);
    uint64_t length = get(r, 4);
    u->offset_size = 4;
    if (length == 0xFFFFFFFFu) {
        length = get(r, 8);
        u->offset_size = 8;
    }
    if (!r->ok || length > (uint64_t)(r->end - r->p))
        return false;
    *end = r->p + length;
    rd h = {r->p, *end, true};
    u->version = (unsigned)get(&h, 2);
    if (u->version < 2 || u->version > 5)
        return false;
    if (u->version >= 5)
        get(&h, 2); /* address_size, segment_selector_size */
    uint64_t header_length = get(&h, u->offset_size);
    if (!h.ok || header_length > (uint64_t)(h.end - h.p))
        return false;
    *program = h.p + header_length;
    u->min_inst = (unsigned)get(&h, 1);
    if (u->version >= 4)
        get(&h, 1); /* maximum_operations_per_instruction */
    get(&h, 1);     /* default_is_stmt */
    u->line_base = (int8_t)get(&h, 1);
    u->line_range = (unsigned)get(&h, 1);
    u->opcode_base = (unsigned)get(&h, 1);
    if (!h.ok || u->line_range == 0 || u->opcode_base == 0 ||
        u->opcode_base - 1u > (size_t)(h.end - h.p))
        return false;
    u->lengths = h.p;
    h.p += u->opcode_base - 1;
    if (u->version >= 5) {
        entries_v5(d, &h, u, true);
        entries_v5(d, &h, u, false);
    } else {
        entries_v4(&h, u);
    }
    r->p = *end;
    return h.ok;
}

/* "dir/file.c:12", the directory left out when it is the compilation
 * directory (index 0) or the name is already absolute. */
static size_t format_place(const unit *u, uint64_t file, uint64_t line, char *out, size_t cap)
{
    if (file >= u->nfiles || line == 0)
        return 0;
    const char *name = u->files[file];
    unsigned dir = u->file_dir[file];
    int n;
    if (name[0] != '/' && dir != 0 && dir < u->ndirs && u->dirs[dir][0] != '\0')
        n = snprintf(out, cap, "%s/%s:%llu", u->dirs[dir], name, (unsigned long long)line);
    else
        n = snprintf(out, cap, "%s:%llu", name, (unsigned long long)line);
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

/* Runs one line program; returns the length of the place written for
 * address, or 0 if this unit does not cover it. */
static size_t run_program(const unit *u, rd *r, uint64_t address, char *out, size_t cap)
{
    uint64_t addr = 0, file = 1, line = 1;
    bool have_prev = false;
    uint64_t prev_addr = 0, prev_file = 0, prev_line = 0;
    while (r->ok && r->p < r->end) {
        unsigned op = (unsigned)get(r, 1);
        bool emit = false, end_sequence = false;
        if (op >= u->opcode_base) { /* special opcode */
            unsigned adjusted = op - u->opcode_base;
            addr += (uint64_t)(adjusted / u->line_range) * u->min_inst;
            line += (int64_t)u->line_base + (int64_t)(adjusted % u->line_range);
            emit = true;
        } else if (op == 0) { /* extended opcode */
            uint64_t n = uleb(r);
            if (n == 0 || n > (uint64_t)(r->end - r->p))
                return 0;
            const uint8_t *next = r->p + n;
            unsigned sub = (unsigned)get(r, 1);
            if (sub == LNE_end_sequence) {
                emit = end_sequence = true;
            } else if (sub == LNE_set_address) {
                addr = get(r, (unsigned)(n - 1 <= 8 ? n - 1 : 8));
            }
            r->p = next;
        } else {
            switch (op) {
            case LNS_copy: emit = true; break;
            case LNS_advance_pc: addr += uleb(r) * u->min_inst; break;
            case LNS_advance_line: line += (uint64_t)sleb(r); break;
            case LNS_set_file: file = uleb(r); break;
            case LNS_const_add_pc:
                addr += (uint64_t)((255 - u->opcode_base) / u->line_range) * u->min_inst;
                break;
            case LNS_fixed_advance_pc: addr += get(r, 2); break;
            default: /* operands we do not need */
                for (unsigned i = 0; i < u->lengths[op - 1]; i++)
                    uleb(r);
                break;
            }
        }
        if (!emit)
            continue;
        if (have_prev && prev_addr <= address && address < addr)
            return format_place(u, prev_file, prev_line, out, cap);
        have_prev = !end_sequence;
        prev_addr = addr;
        prev_file = file;
        prev_line = line;
        if (end_sequence) {
            addr = 0;
            file = 1;
            line = 1;
        }
    }
    return 0;
}

bool dwarf_lines_open(dwarf_lines *d, const uint8_t *wasm, size_t len)
{
    memset(d, 0, sizeof *d);
    d->line = custom_section(wasm, len, ".debug_line", &d->line_size);
    d->line_str = custom_section(wasm, len, ".debug_line_str", &d->line_str_size);
    d->str = custom_section(wasm, len, ".debug_str", &d->str_size);
    d->code_start = code_section_start(wasm, len);
    return d->line != NULL && d->code_start != 0;
}

size_t dwarf_lines_lookup(const dwarf_lines *d, uint32_t offset, char *out, size_t cap)
{
    if (d->line == NULL || offset < d->code_start)
        return 0;
    uint64_t address = offset - d->code_start;
    static unit u; /* large: not on the stack */
    rd r = {d->line, d->line + d->line_size, true};
    while (r.ok && r.p < r.end) {
        const uint8_t *program, *end;
        if (!read_header(d, &r, &u, &program, &end))
            return 0;
        rd pr = {program, end, true};
        size_t n = run_program(&u, &pr, address, out, cap);
        if (n > 0)
            return n;
    }
    return 0;
}
