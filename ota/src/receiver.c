/* The device end of the chunk protocol; see ota_receiver.h and
 * ota_proto.h.  One frame in, at most one frame out. */
#include <string.h>

#include "mote/ota_receiver.h"

enum { IDLE, RECEIVING, FAILED, COMMITTED };

mote_ota_status mote_ota_receiver_init(mote_ota_receiver *r, const mote_ota_receiver_config *cfg)
{
    if (!cfg || (!cfg->slots && !cfg->route) || !cfg->send || !cfg->frame_buf ||
        cfg->frame_buf_size < MOTE_OTA_FRAME_OVERHEAD + 64 || cfg->frame_buf_size > 65535)
        return MOTE_OTA_ERR_ARG;
    memset(r, 0, sizeof *r);
    r->cfg = *cfg;
    r->slots = cfg->slots;
    mote_ota_framer_init(&r->framer, cfg->frame_buf, cfg->frame_buf_size);
    return MOTE_OTA_OK;
}

static void reply(mote_ota_receiver *r, uint8_t type, uint16_t seq, uint32_t offset,
                  const uint8_t *payload, uint16_t len)
{
    mote_ota_frame f = {type, 0, seq, len, offset, payload};
    size_t n = mote_ota_frame_encode(r->reply, sizeof r->reply, &f);
    if (n)
        r->cfg.send(r->cfg.user, r->reply, n);
}

static void nak(mote_ota_receiver *r, uint16_t seq, uint8_t why)
{
    reply(r, MOTE_OTA_F_NAK, seq, r->got, &why, 1);
}

/* RESULT: status, a zero byte, the bundle's version, then r->why. */
static void result(mote_ota_receiver *r, uint16_t seq)
{
    uint8_t p[10 + MOTE_OTA_RESULT_TEXT_MAX];
    size_t text = strlen(r->why);
    p[0] = r->phase == COMMITTED ? MOTE_OTA_OK : r->status;
    p[1] = 0;
    p[2] = r->version.major;
    p[3] = r->version.minor;
    mote_ota_put16(p + 4, r->version.revision);
    mote_ota_put32(p + 6, r->version.build);
    memcpy(p + 10, r->why, text);
    reply(r, MOTE_OTA_F_RESULT, seq, r->total, p, (uint16_t)(10 + text));
}

/* Keeps a copy of the text for RESULT frames, cut to what fits. */
static void set_why(mote_ota_receiver *r, const char *text)
{
    size_t n = 0;
    while (text[n] && n < MOTE_OTA_RESULT_TEXT_MAX) {
        r->why[n] = text[n];
        n++;
    }
    r->why[n] = 0;
}

/* "maj.min.rev+build" */
static void add_version(mote_ota_why *w, const mote_ota_version *v)
{
    mote_ota_why_dec(w, v->major);
    mote_ota_why_add(w, ".");
    mote_ota_why_dec(w, v->minor);
    mote_ota_why_add(w, ".");
    mote_ota_why_dec(w, v->revision);
    mote_ota_why_add(w, "+");
    mote_ota_why_dec(w, v->build);
}

static void fail(mote_ota_receiver *r, uint16_t seq, mote_ota_status s, const char *why)
{
    r->phase = FAILED;
    r->status = (uint8_t)s;
    set_why(r, why ? why : mote_ota_status_str(s));
    result(r, seq);
}

/* A new transfer into the inactive slot (of the app's slot pair, with
 * several apps); false (after a RESULT) if no update may start now. */
static bool begin(mote_ota_receiver *r, uint16_t seq, uint32_t total, const uint8_t *id,
                  const char *app)
{
    memset(&r->version, 0, sizeof r->version);
    r->total = total;
    r->got = 0;
    memcpy(r->id, id, MOTE_OTA_ID_SIZE);
    memcpy(r->app, app, sizeof r->app);
    r->phase = RECEIVING;
    if (r->cfg.route != NULL) {
        const char *why = NULL;
        r->slots = r->cfg.route(r->cfg.user, app, strlen(app), &why);
        if (r->slots == NULL) {
            fail(r, seq, MOTE_OTA_ERR_STATE, why ? why : "no such app on this device");
            return false;
        }
    }
    mote_ota_slots *s = r->slots;
    int slot = mote_ota_inactive_slot(s);
    if (slot < 0) {
        fail(r, seq, MOTE_OTA_ERR_STATE, "no app booted");
        return false;
    }
    mote_ota_writer_begin(&r->writer, s->layout->flash, s->layout->slot_off[slot],
                          s->layout->slot_size);
    /* The running app's own version is never a downgrade, so this asks
     * only whether an update may start now. */
    if (mote_ota_update_allowed(s, &s->booted_image.hdr.version) != MOTE_OTA_OK) {
        fail(r, seq, MOTE_OTA_ERR_STATE, "confirm or roll back the trial app first");
        return false;
    }
    if (total < MOTE_OTA_HEADER_SIZE + 4) {
        fail(r, seq, MOTE_OTA_ERR_TRUNCATED, NULL);
        return false;
    }
    if (total > s->layout->slot_size) {
        fail(r, seq, MOTE_OTA_ERR_TOO_BIG, NULL);
        return false;
    }
    return true;
}

/* The START frame's optional app name into app (NUL-terminated); false
 * if it is malformed: cut off, too long, or holding a NUL byte. */
static bool start_app(const mote_ota_frame *f, char *app)
{
    uint32_t base = 4 + MOTE_OTA_ID_SIZE;
    app[0] = 0;
    if (f->len == base)
        return true;
    uint8_t n = f->payload[base];
    if (n > MOTE_OTA_APP_NAME_MAX || f->len != base + 1u + n ||
        memchr(f->payload + base + 1, 0, n) != NULL)
        return false;
    memcpy(app, f->payload + base + 1, n);
    app[n] = 0;
    return true;
}

static void on_start(mote_ota_receiver *r, const mote_ota_frame *f)
{
    if (f->len < 4 + MOTE_OTA_ID_SIZE) {
        nak(r, f->seq, MOTE_OTA_NAK_NOT_STARTED);
        return;
    }
    uint32_t total = mote_ota_get32(f->payload);
    const uint8_t *id = f->payload + 4;
    char app[MOTE_OTA_APP_NAME_MAX + 1] = "";
    if (!start_app(f, app)) {
        nak(r, f->seq, MOTE_OTA_NAK_NOT_STARTED);
        return;
    }
    bool same =
        r->total == total && memcmp(r->id, id, MOTE_OTA_ID_SIZE) == 0 && strcmp(r->app, app) == 0;
    /* The same bundle again after a verdict gets the verdict again (the
     * host missed it), unless the flash failed: that may be transient. */
    if (r->phase == COMMITTED || (r->phase == FAILED && same && r->status != MOTE_OTA_ERR_FLASH)) {
        result(r, f->seq);
        return;
    }
    if (!(r->phase == RECEIVING && same) && !begin(r, f->seq, total, id, app))
        return;
    uint8_t p[3]; /* READY: the largest chunk we take, protocol version */
    mote_ota_put16(p, (uint16_t)(r->cfg.frame_buf_size - MOTE_OTA_FRAME_OVERHEAD));
    p[2] = MOTE_OTA_PROTO_VERSION;
    reply(r, MOTE_OTA_F_READY, f->seq, r->got, p, sizeof p);
}

/* Runs when the first 32 bytes are in, before anything is erased.  *why
 * gets the detail of a refusal when there is one. */
static mote_ota_status check_header(mote_ota_receiver *r, mote_ota_why *why)
{
    mote_ota_header h;
    mote_ota_status st = mote_ota_header_decode(r->head, &h);
    if (st != MOTE_OTA_OK)
        return st;
    r->version = h.version;
    st = mote_ota_check_flags(h.flags, why);
    if (st != MOTE_OTA_OK)
        return st;
    uint64_t need = (uint64_t)h.hdr_size + h.img_size + h.prot_tlv_size + 4;
    if (need > r->slots->layout->slot_size)
        return MOTE_OTA_ERR_TOO_BIG;
    if (need > r->total)
        return MOTE_OTA_ERR_TRUNCATED;
    st = mote_ota_update_allowed(r->slots, &h.version);
    if (st == MOTE_OTA_ERR_DOWNGRADE) { /* "2.0.0+0 is older than the running 2.1.0+0" */
        why->text[0] = 0;
        add_version(why, &r->version);
        mote_ota_why_add(why, " is older than the running ");
        add_version(why, &r->slots->booted_image.hdr.version);
    }
    return st;
}

/* Takes the new bytes of a DATA frame (the part past what we have).  The
 * header is held back until it has been checked. */
static void take(mote_ota_receiver *r, const mote_ota_frame *f)
{
    uint32_t skip = r->got - f->offset;
    const uint8_t *p = f->payload + skip;
    uint32_t n = f->len - skip;
    mote_ota_status st = MOTE_OTA_OK;
    if (r->got < MOTE_OTA_HEADER_SIZE) {
        uint32_t h = MOTE_OTA_HEADER_SIZE - r->got;
        if (h > n)
            h = n;
        memcpy(r->head + r->got, p, h);
        r->got += h;
        p += h;
        n -= h;
        if (r->got < MOTE_OTA_HEADER_SIZE) {
            reply(r, MOTE_OTA_F_ACK, f->seq, r->got, NULL, 0);
            return;
        }
        mote_ota_why why = {""};
        st = check_header(r, &why);
        if (st != MOTE_OTA_OK) {
            fail(r, f->seq, st, why.text[0] ? why.text : NULL);
            return;
        }
        st = mote_ota_writer_write(&r->writer, r->head, MOTE_OTA_HEADER_SIZE);
    }
    if (st == MOTE_OTA_OK)
        st = mote_ota_writer_write(&r->writer, p, n);
    if (st != MOTE_OTA_OK) {
        fail(r, f->seq, st, NULL);
        return;
    }
    r->got += n;
    reply(r, MOTE_OTA_F_ACK, f->seq, r->got, NULL, 0);
}

static void on_data(mote_ota_receiver *r, const mote_ota_frame *f)
{
    if (r->phase != RECEIVING) {
        if (r->phase == IDLE)
            nak(r, f->seq, MOTE_OTA_NAK_NOT_STARTED);
        else
            result(r, f->seq);
        return;
    }
    if ((uint64_t)f->offset + f->len > r->total) {
        fail(r, f->seq, MOTE_OTA_ERR_PROTOCOL, "data past the announced size");
        return;
    }
    if (f->offset > r->got) {
        nak(r, f->seq, MOTE_OTA_NAK_GAP);
        return;
    }
    if (f->offset + f->len <= r->got) { /* a repeat: our ACK was lost */
        reply(r, MOTE_OTA_F_ACK, f->seq, r->got, NULL, 0);
        return;
    }
    take(r, f);
}

/* A padded transfer must fill exactly this device's slot (imgtool --pad
 * --slot-size), as MCUboot reads the trailer at the end of the slot.
 * Checked before the bundle is verified, so that it is named even when
 * the bundle is signed with another key. */
static mote_ota_status check_padding(const mote_ota_receiver *r, mote_ota_why *why)
{
    uint8_t last[MOTE_OTA_TRAILER_MAGIC_SIZE];
    mote_ota_trailer_check t;
    uint32_t slot = r->slots->layout->slot_size;
    if (r->total == slot || r->total < sizeof last)
        return MOTE_OTA_OK;
    mote_ota_status st = mote_ota_flash_read(
        r->slots->layout->flash, r->writer.off + r->total - sizeof last, last, sizeof last);
    if (st != MOTE_OTA_OK || !mote_ota_trailer_begin(&t, 0, r->total, last))
        return st;
    mote_ota_why_set(why, "padded for a ");
    mote_ota_why_dec(why, r->total);
    mote_ota_why_add(why, "-byte slot, not ");
    mote_ota_why_dec(why, slot);
    return MOTE_OTA_ERR_FORMAT;
}

/* "security counter 3 is below the device's 5" */
static mote_ota_status check_allowed(const mote_ota_receiver *r, const mote_ota_image_info *img,
                                     mote_ota_why *why)
{
    mote_ota_status st = mote_ota_image_allowed(r->slots, img);
    if (st == MOTE_OTA_ERR_ROLLBACK) {
        mote_ota_why_set(why, "security counter ");
        mote_ota_why_dec(why, img->security_counter);
        mote_ota_why_add(why, " is below the device's ");
        mote_ota_why_dec(why, mote_ota_security_counter(r->slots));
    }
    return st;
}

/* All bytes are in flash: verify from flash, validate, commit -- as a
 * trial unless the firmware or the bundle's trailer (--confirm) says it is
 * confirmed already. */
static void finish(mote_ota_receiver *r, uint16_t seq)
{
    mote_ota_slots *s = r->slots;
    mote_ota_image_info img;
    mote_ota_why why = {""};
    const char *detail = NULL;
    mote_ota_status st = mote_ota_writer_finish(&r->writer);
    if (st == MOTE_OTA_OK)
        st = check_padding(r, &why);
    if (st == MOTE_OTA_OK)
        st = mote_ota_image_verify(s->layout->flash, r->writer.off, r->total, true, s->pubkey,
                                   s->crypto, &img, &why);
    /* With the announced size as the limit, "too big" means cut short. */
    if (st == MOTE_OTA_ERR_TOO_BIG)
        st = MOTE_OTA_ERR_TRUNCATED;
    if (st == MOTE_OTA_OK)
        st = check_allowed(r, &img, &why);
    if (st == MOTE_OTA_OK && r->cfg.validate && r->cfg.validate(r->cfg.user, &img, &detail) != 0)
        st = MOTE_OTA_ERR_VALIDATE;
    bool trial = !r->cfg.confirmed;
    if (st == MOTE_OTA_OK) {
        trial = trial && img.trailer != MOTE_OTA_TRAILER_CONFIRMED;
        st = mote_ota_commit(s, &img, trial);
    }
    if (st != MOTE_OTA_OK) {
        fail(r, seq, st, detail ? detail : why.text[0] ? why.text : NULL);
        return;
    }
    r->phase = COMMITTED;
    r->trial = trial;
    if (r->cfg.route != NULL) /* several apps: the firmware restarts that one */
        set_why(r, trial ? "installed; the app restarts on trial" : "installed, confirmed");
    else
        set_why(r, trial ? "installed; reset to run it" : "installed, confirmed; reset to run it");
    result(r, seq);
}

static void on_end(mote_ota_receiver *r, const mote_ota_frame *f)
{
    if (r->phase == IDLE)
        nak(r, f->seq, MOTE_OTA_NAK_NOT_STARTED);
    else if (r->phase != RECEIVING)
        result(r, f->seq);
    else if (r->got != r->total)
        nak(r, f->seq, MOTE_OTA_NAK_INCOMPLETE);
    else
        finish(r, f->seq);
}

static void on_frame(mote_ota_receiver *r, const mote_ota_frame *f)
{
    switch (f->type) {
    case MOTE_OTA_F_START: on_start(r, f); break;
    case MOTE_OTA_F_DATA: on_data(r, f); break;
    case MOTE_OTA_F_END: on_end(r, f); break;
    case MOTE_OTA_F_ABORT:
        if (r->phase != COMMITTED)
            r->phase = IDLE, r->total = 0;
        reply(r, MOTE_OTA_F_ACK, f->seq, 0, NULL, 0);
        break;
    default: break; /* our own reply echoed back, or noise that passed CRC */
    }
}

void mote_ota_receiver_feed(mote_ota_receiver *r, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        mote_ota_frame f;
        switch (mote_ota_framer_push(&r->framer, data[i], &f)) {
        case MOTE_OTA_FRAMER_FRAME: on_frame(r, &f); break;
        case MOTE_OTA_FRAMER_BAD_CRC: nak(r, 0, MOTE_OTA_NAK_CRC); break;
        case MOTE_OTA_FRAMER_TOO_LONG: nak(r, 0, MOTE_OTA_NAK_TOO_LONG); break;
        default: break;
        }
    }
}

void mote_ota_receiver_idle(mote_ota_receiver *r)
{
    mote_ota_framer_reset(&r->framer);
}

bool mote_ota_receiver_committed(const mote_ota_receiver *r)
{
    return r->phase == COMMITTED;
}

bool mote_ota_receiver_done(const mote_ota_receiver *r, mote_ota_status *result)
{
    if (result)
        *result = r->phase == FAILED ? (mote_ota_status)r->status : MOTE_OTA_OK;
    return r->phase == COMMITTED || r->phase == FAILED;
}

uint32_t mote_ota_receiver_progress(const mote_ota_receiver *r)
{
    return r->phase == IDLE ? 0 : r->got;
}

mote_ota_slots *mote_ota_receiver_slots(const mote_ota_receiver *r)
{
    return r->phase == IDLE && r->cfg.route != NULL ? NULL : r->slots;
}

const char *mote_ota_receiver_app(const mote_ota_receiver *r)
{
    return r->app;
}
