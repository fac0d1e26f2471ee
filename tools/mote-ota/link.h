/*
 * link.h -- the byte stream to a device: a serial line (termios, raw 8N1),
 * a TCP socket or a unix socket (e.g. a QEMU serial port).
 */
#ifndef MOTE_OTA_LINK_H
#define MOTE_OTA_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum link_kind { LINK_SERIAL, LINK_TCP, LINK_UNIX } link_kind;

typedef struct ota_link {
    link_kind kind;
    const char *target; /* device path, "host:port" or socket path */
    unsigned baud;      /* serial only */
    int connect_ms;     /* sockets: keep retrying a refused connect this long */
    int fd;
} ota_link;

/* Opens the link; prints a one-line error and returns false on failure. */
bool link_open(ota_link *l);
void link_close(ota_link *l);
bool link_write(ota_link *l, const uint8_t *data, size_t len);
/* Waits up to timeout_ms for bytes: returns the count, 0 on timeout, -1 if
 * the link closed or failed. */
int link_read(ota_link *l, uint8_t *buf, size_t cap, int timeout_ms);

#endif
