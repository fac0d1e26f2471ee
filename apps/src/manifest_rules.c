/*
 * manifest_rules.c -- the checks behind every grant of a manifest, shared
 * by its two forms.  Sizes are compared in 64 bits, so no sum of u32
 * fields can wrap on a 32-bit CPU.
 */
#include <string.h>

#include "manifest_rules.h"

void mf_init(mote_manifest *m)
{
    memset(m, 0, sizeof *m);
    m->cpu_share = 100;
}

bool mote_manifest_name_valid(const char *name, size_t len)
{
    if (len == 0 || len > MOTE_MANIFEST_NAME_MAX || name[0] < 'a' || name[0] > 'z')
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* "'<name>': an app name is ..." */
static bool bad_name(const char *s, size_t len, at_text *why)
{
    at_str(why, "'");
    at_mem(why, s, len > 32 ? 32 : len);
    at_str(why, "': an app name is 1..15 of a-z 0-9 _ -, starting with a letter");
    return false;
}

bool mf_name(mote_manifest *m, const char *s, size_t len, at_text *why)
{
    if (!mote_manifest_name_valid(s, len))
        return bad_name(s, len, why);
    memcpy(m->name, s, len);
    m->name[len] = 0;
    return true;
}

bool mf_pin(mote_manifest *m, uint32_t pin, uint32_t dir, at_text *why)
{
    if (pin > 63) {
        at_str(why, "pin ");
        at_u64(why, pin);
        at_str(why, ": pins are 0..63");
        return false;
    }
    if (dir != MOTE_MANIFEST_PIN_IN && dir != MOTE_MANIFEST_PIN_OUT) {
        at_str(why, "pin ");
        at_u64(why, pin);
        at_str(why, ": direction ");
        at_u64(why, dir);
        at_str(why, " (1 in, 2 out)");
        return false;
    }
    uint64_t bit = 1ull << pin;
    if (m->pins & bit) {
        at_str(why, "pin ");
        at_u64(why, pin);
        at_str(why, " granted twice");
        return false;
    }
    m->pins |= bit;
    if (dir == MOTE_MANIFEST_PIN_OUT)
        m->pins_out |= bit;
    return true;
}

bool mf_uart(mote_manifest *m, uint32_t uart, at_text *why)
{
    if (uart > MF_MAX_UART || (m->uarts >> uart & 1u)) {
        at_str(why, "uart ");
        at_u64(why, uart);
        at_str(why, uart > MF_MAX_UART ? ": UARTs are 0 (console) .. 31" : " granted twice");
        return false;
    }
    m->uarts |= 1u << uart;
    return true;
}

bool mf_timers(mote_manifest *m, uint32_t n, at_text *why)
{
    if (n > MF_MAX_TIMERS) {
        at_str(why, "timers ");
        at_u64(why, n);
        at_str(why, ": at most 8");
        return false;
    }
    m->timers = n;
    return true;
}

static bool positive(const char *what, uint32_t v, at_text *why)
{
    if (v > 0)
        return true;
    at_str(why, what);
    at_str(why, " 0: give a size in bytes");
    return false;
}

bool mf_ram(mote_manifest *m, uint32_t bytes, at_text *why)
{
    m->ram = bytes;
    return positive("ram", bytes, why);
}

bool mf_memory(mote_manifest *m, uint32_t bytes, at_text *why)
{
    m->memory_cap = bytes;
    return positive("memory", bytes, why);
}

bool mf_stack(mote_manifest *m, uint32_t value, uint32_t call, at_text *why)
{
    m->value_stack = value;
    m->call_stack = call;
    return positive("stack", value, why) && positive("call stack", call, why);
}

bool mf_cpu(mote_manifest *m, uint32_t share, uint32_t priority, uint32_t watchdog_ms,
            at_text *why)
{
    if (share < 1 || share > 100) {
        at_str(why, "cpu share ");
        at_u64(why, share);
        at_str(why, "%: 1..100%");
        return false;
    }
    if (priority > MOTE_MANIFEST_MAX_PRIORITY) {
        at_str(why, "priority ");
        at_u64(why, priority);
        at_str(why, ": 0..7");
        return false;
    }
    m->cpu_share = share;
    m->priority = priority;
    m->watchdog_ms = watchdog_ms;
    m->has_cpu = true;
    return true;
}

/* "/", "/log", "/a/b": absolute, no empty, "." or ".." component. */
static bool dir_valid(const char *s, size_t len)
{
    if (len == 0 || len > MOTE_MANIFEST_DIR_MAX || s[0] != '/')
        return false;
    size_t start = 1;
    for (size_t i = 1; i <= len; i++) {
        if (i < len && s[i] == 0)
            return false;
        if (i < len && s[i] != '/')
            continue;
        size_t n = i - start;
        bool last = i == len;
        if ((n == 0 && !(last && len == 1)) || (n == 1 && s[start] == '.') ||
            (n == 2 && s[start] == '.' && s[start + 1] == '.'))
            return false;
        start = i + 1;
    }
    return true;
}

bool mf_files(mote_manifest *m, uint32_t bytes, uint32_t files, const char *dir, size_t len,
              at_text *why)
{
    if (!dir_valid(dir, len)) {
        at_str(why, "files '");
        at_mem(why, dir, len > 64 ? 64 : len);
        at_str(why, "': an absolute directory without '.', '..' or '//', at most 63 bytes");
        return false;
    }
    if (!positive("files quota", bytes, why) || !positive("files count", files, why))
        return false;
    if (files > UINT16_MAX) {
        at_str(why, "files: at most 65535 files");
        return false;
    }
    m->has_files = true;
    m->files_bytes = bytes;
    m->files_max = files;
    memcpy(m->files_dir, dir, len);
    m->files_dir[len] = 0;
    return true;
}

bool mf_send(mote_manifest *m, const char *s, size_t len, at_text *why)
{
    if (!mote_manifest_name_valid(s, len))
        return bad_name(s, len, why);
    for (uint32_t i = 0; i < m->send_count; i++)
        if (strlen(m->send[i]) == len && memcmp(m->send[i], s, len) == 0) {
            at_str(why, "send ");
            at_mem(why, s, len);
            at_str(why, " given twice");
            return false;
        }
    if (m->send_count == MOTE_MANIFEST_MAX_SEND) {
        at_str(why, "send: at most 8 apps");
        return false;
    }
    memcpy(m->send[m->send_count], s, len);
    m->send[m->send_count++][len] = 0;
    return true;
}

bool mf_mailbox(mote_manifest *m, uint32_t slots, uint32_t msg_max, at_text *why)
{
    if (slots < 1 || slots > MF_MAX_SLOTS || msg_max < 1 || msg_max > MF_MSG_MAX) {
        at_str(why, "mailbox ");
        at_u64(why, slots);
        at_str(why, " ");
        at_u64(why, msg_max);
        at_str(why, ": 1..255 messages of 1..256 bytes");
        return false;
    }
    m->mailbox_slots = slots;
    m->mailbox_msg_max = msg_max;
    return true;
}

bool mf_complete(const mote_manifest *m, at_text *why)
{
    if (m->name[0] == 0) {
        at_str(why, "no name");
        return false;
    }
    if (m->ram == 0) {
        at_str(why, "no ram: say how many bytes the app may have");
        return false;
    }
    uint64_t mailbox = (uint64_t)m->mailbox_slots * MF_SLOT_BYTES(m->mailbox_msg_max);
    uint64_t fixed = mailbox + m->value_stack + m->call_stack + m->memory_cap;
    if (fixed > m->ram) {
        at_str(why, "ram ");
        at_u64(why, m->ram);
        at_str(why, " is less than its mailbox, stacks and memory cap (");
        at_u64(why, fixed);
        at_str(why, " bytes)");
        return false;
    }
    return true;
}

bool mf_finish(const mote_manifest *m, mote_manifest_error *err)
{
    char reason[112];
    at_text why = at_begin(reason, sizeof reason);
    if (mf_complete(m, &why))
        return true;
    if (err != NULL) {
        at_text t = at_begin(err->text, sizeof err->text);
        at_str(&t, "manifest: ");
        at_str(&t, reason);
    }
    return false;
}

bool mf_fail(mote_manifest_error *err, const char *place, uint64_t n, const char *what)
{
    if (err != NULL) {
        at_text t = at_begin(err->text, sizeof err->text);
        at_str(&t, "manifest ");
        at_str(&t, place);
        at_str(&t, " ");
        at_u64(&t, n);
        at_str(&t, ": ");
        at_str(&t, what);
    }
    return false;
}
