/* msg.c -- output line building; see msg.h. */
#include "msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void msg_clear(spec_msg *m)
{
    m->len = 0;
    m->text[0] = '\0';
}

/* Marks a cut line; the buffer stays NUL-terminated. */
static void truncated(spec_msg *m)
{
    m->len = SPEC_MSG_MAX - 1;
    memcpy(m->text + SPEC_MSG_MAX - 4, "...", 4);
}

void msg_add(spec_msg *m, const char *fmt, ...)
{
    size_t room = SPEC_MSG_MAX - m->len;
    if (room <= 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(m->text + m->len, room, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= room)
        truncated(m);
    else
        m->len += (size_t)n;
}

void msg_name(spec_msg *m, const char *bytes, size_t len)
{
    msg_add(m, "\"");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if (c == '"' || c == '\\')
            msg_add(m, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            msg_add(m, "\\x%02x", c);
        else
            msg_add(m, "%c", c); /* UTF-8 bytes pass through */
    }
    msg_add(m, "\"");
}
