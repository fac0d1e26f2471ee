/* The protocol client; see sender.h. */
#define _POSIX_C_SOURCE 200809L
#include "sender.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "mote/ota_proto.h"

typedef struct session {
    ota_link *l;
    const send_opts *o;
    const uint8_t *bundle;
    uint32_t total;
    uint32_t chunk;
    uint16_t seq;
    mote_ota_framer framer;
    uint8_t fbuf[MOTE_OTA_FRAME_OVERHEAD + 256];
    uint8_t rx[512];
    int rx_pos, rx_len;
    double last_progress;
} session;

/* Outcomes of one protocol step. */
enum { STEP_OK, STEP_FINAL_OK, STEP_REFUSED, STEP_STALLED };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool send_frame(session *s, uint8_t type, uint32_t offset, const uint8_t *p, uint32_t len)
{
    uint8_t out[MOTE_OTA_FRAME_OVERHEAD + 65535];
    mote_ota_frame f = {type, 0, ++s->seq, (uint16_t)len, offset, p};
    size_t n = mote_ota_frame_encode(out, sizeof out, &f);
    return n && link_write(s->l, out, n);
}

/* Next reply frame: 1 got one, 0 timed out, -1 link closed. */
static int next_frame(session *s, int timeout_ms, mote_ota_frame *f)
{
    double deadline = now() + timeout_ms / 1000.0;
    for (;;) {
        while (s->rx_pos < s->rx_len)
            if (mote_ota_framer_push(&s->framer, s->rx[s->rx_pos++], f) == MOTE_OTA_FRAMER_FRAME)
                return 1;
        int left = (int)((deadline - now()) * 1000);
        if (left <= 0)
            return 0;
        int n = link_read(s->l, s->rx, sizeof s->rx, left);
        if (n < 0)
            return -1;
        s->rx_pos = 0;
        s->rx_len = n;
    }
}

static void progress(session *s, uint32_t done, bool force)
{
    if (s->o->quiet || (!force && now() - s->last_progress < 0.2))
        return;
    s->last_progress = now();
    fprintf(stderr, "\rmote-ota send: %u/%u bytes (%u%%)", done, s->total,
            (unsigned)((uint64_t)done * 100 / s->total));
    if (done == s->total)
        fputc('\n', stderr);
}

/* A RESULT frame is the device's last word on the bundle. */
static int verdict(session *s, const mote_ota_frame *f)
{
    char text[MOTE_OTA_RESULT_TEXT_MAX + 1] = "", ver[32];
    mote_ota_version v = {0, 0, 0, 0};
    uint8_t status = f->len ? f->payload[0] : MOTE_OTA_ERR_PROTOCOL;
    if (f->len >= 10) {
        v.major = f->payload[2];
        v.minor = f->payload[3];
        v.revision = mote_ota_get16(f->payload + 4);
        v.build = mote_ota_get32(f->payload + 6);
        size_t n =
            f->len - 10u < MOTE_OTA_RESULT_TEXT_MAX ? f->len - 10u : MOTE_OTA_RESULT_TEXT_MAX;
        memcpy(text, f->payload + 10, n);
        text[n] = 0;
    }
    if (!s->o->quiet)
        fputc('\n', stderr);
    if (status == MOTE_OTA_OK) {
        printf("mote-ota send: device installed version %s (%s)\n", cli_version_str(&v, ver), text);
        return STEP_FINAL_OK;
    }
    cli_error("device rejected the bundle: %s (%s)", mote_ota_status_str((mote_ota_status)status),
              text);
    return STEP_REFUSED;
}

/* The START payload: size, transfer id (the bundle's SHA-256), and the
 * app's name if there is one.  Returns its length. */
static uint32_t start_payload(uint8_t *p, const uint8_t *bundle, uint32_t total, const char *app)
{
    mote_ota_put32(p, total);
    crypto_hash_sha256(p + 4, bundle, total);
    uint32_t n = 4 + MOTE_OTA_ID_SIZE;
    if (app != NULL) {
        size_t len = strlen(app);
        p[n++] = (uint8_t)len;
        memcpy(p + n, app, len);
        n += (uint32_t)len;
    }
    return n;
}

/* START until READY; sets *offset to where the device wants to resume. */
static int handshake(session *s, uint32_t *offset)
{
    uint8_t p[4 + MOTE_OTA_ID_SIZE + 1 + MOTE_OTA_APP_NAME_MAX];
    uint32_t len = start_payload(p, s->bundle, s->total, s->o->app);
    for (int t = 0; t < s->o->retries; t++) {
        if (!send_frame(s, MOTE_OTA_F_START, 0, p, len))
            return STEP_STALLED;
        mote_ota_frame f;
        int r;
        while ((r = next_frame(s, s->o->timeout_ms, &f)) == 1) {
            if (f.type == MOTE_OTA_F_RESULT)
                return verdict(s, &f);
            if (f.type == MOTE_OTA_F_READY && f.seq == s->seq && f.len >= 3 &&
                f.offset <= s->total) {
                uint32_t max = mote_ota_get16(f.payload);
                s->chunk = s->o->chunk < max ? s->o->chunk : max;
                *offset = f.offset;
                return STEP_OK;
            }
        }
        if (r < 0)
            return STEP_STALLED;
    }
    return STEP_STALLED;
}

/* Sends the chunk at *offset and waits for the device to move on. */
static int data_step(session *s, uint32_t *offset)
{
    uint32_t n = s->total - *offset < s->chunk ? s->total - *offset : s->chunk;
    if (!send_frame(s, MOTE_OTA_F_DATA, *offset, s->bundle + *offset, n))
        return STEP_STALLED;
    mote_ota_frame f;
    int r;
    while ((r = next_frame(s, s->o->timeout_ms, &f)) == 1) {
        if (f.type == MOTE_OTA_F_RESULT)
            return verdict(s, &f);
        bool ours = f.seq == s->seq || f.seq == 0; /* 0: a NAK for a damaged frame */
        if (ours && (f.type == MOTE_OTA_F_ACK || f.type == MOTE_OTA_F_NAK) &&
            f.offset <= s->total) {
            /* Any move, even back to an earlier offset after a NAK, is news. */
            bool moved = f.offset != *offset;
            *offset = f.offset;
            return moved ? STEP_OK : STEP_STALLED;
        }
    }
    return r < 0 ? -1 : STEP_STALLED;
}

/* DATA until everything is acknowledged, then END for the verdict. */
static int transfer(session *s, uint32_t offset)
{
    int misses = 0;
    while (misses < s->o->retries) {
        if (offset < s->total) {
            int r = data_step(s, &offset);
            if (r < 0)
                return STEP_STALLED;
            if (r == STEP_FINAL_OK || r == STEP_REFUSED)
                return r;
            misses = r == STEP_OK ? 0 : misses + 1;
            progress(s, offset, offset == s->total);
            continue;
        }
        if (!send_frame(s, MOTE_OTA_F_END, s->total, NULL, 0))
            return STEP_STALLED;
        mote_ota_frame f;
        int r;
        while ((r = next_frame(s, s->o->end_timeout_ms, &f)) == 1) {
            if (f.type == MOTE_OTA_F_RESULT)
                return verdict(s, &f);
            if (f.type == MOTE_OTA_F_NAK && f.seq == s->seq && f.offset < s->total) {
                offset = f.offset; /* some data went missing: resend from there */
                break;
            }
        }
        if (r < 0)
            return STEP_STALLED;
        misses++;
    }
    return STEP_STALLED;
}

int send_bundle(ota_link *l, const uint8_t *bundle, size_t len, const send_opts *o)
{
    session s;
    memset(&s, 0, sizeof s);
    s.l = l;
    s.o = o;
    s.bundle = bundle;
    s.total = (uint32_t)len;
    for (int round = 0; round <= o->reconnects; round++) {
        if (round > 0 && !o->quiet)
            fprintf(stderr, "\nmote-ota send: link stalled; reconnecting to resume (%d/%d)\n",
                    round, o->reconnects);
        if (!link_open(l))
            return round == 0 ? EXIT_USAGE : EXIT_FAIL;
        mote_ota_framer_init(&s.framer, s.fbuf, sizeof s.fbuf);
        s.rx_pos = s.rx_len = 0;
        uint32_t offset = 0;
        int r = handshake(&s, &offset);
        if (r == STEP_OK) {
            if (offset && !o->quiet)
                fprintf(stderr, "mote-ota send: resuming at byte %u\n", offset);
            r = transfer(&s, offset);
        }
        link_close(l);
        if (r == STEP_FINAL_OK)
            return 0;
        if (r == STEP_REFUSED)
            return EXIT_FAIL;
    }
    cli_error("no answer from the device after %d reconnects; giving up", o->reconnects);
    return EXIT_FAIL;
}

static bool put_frame(FILE *out, uint16_t seq, uint8_t type, uint32_t offset, const uint8_t *p,
                      uint32_t len)
{
    static uint8_t buf[MOTE_OTA_FRAME_OVERHEAD + 65535];
    mote_ota_frame f = {type, 0, seq, (uint16_t)len, offset, p};
    size_t n = mote_ota_frame_encode(buf, sizeof buf, &f);
    return n && fwrite(buf, 1, n, out) == n;
}

int write_frames(FILE *out, const uint8_t *bundle, size_t len, const send_opts *o)
{
    uint8_t p[4 + MOTE_OTA_ID_SIZE + 1 + MOTE_OTA_APP_NAME_MAX];
    uint32_t total = (uint32_t)len;
    uint16_t seq = 1;
    bool ok =
        put_frame(out, seq++, MOTE_OTA_F_START, 0, p, start_payload(p, bundle, total, o->app));
    for (uint32_t off = 0; ok && off < total; off += o->chunk) {
        uint32_t n = total - off < o->chunk ? total - off : o->chunk;
        ok = put_frame(out, seq++, MOTE_OTA_F_DATA, off, bundle + off, n);
    }
    ok = ok && put_frame(out, seq, MOTE_OTA_F_END, total, NULL, 0);
    return ok ? 0 : 1;
}
