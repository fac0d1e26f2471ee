/*
 * ota_sim_device -- a mote device in a process, for testing `mote-ota send`
 * end to end: the OTA library on a NOR flash simulator whose contents live
 * in a file (so a "reset" is just running the program again), listening on
 * a unix socket like a QEMU serial port.
 *
 *   ota_sim_device init FLASH BUNDLE          factory-install BUNDLE in slot A
 *   ota_sim_device boot FLASH [--confirm]     boot, print what runs, maybe confirm
 *   ota_sim_device serve FLASH SOCKET [--noise N] [--drop-after BYTES]
 *       boot, then run the receiver until it gives a verdict; --noise damages
 *       about N in 100000 incoming bytes, --drop-after hangs up once after
 *       that many bytes (the sender must reconnect and resume)
 *   ota_sim_device flip IN OUT OFFSET         copy IN with byte OFFSET inverted
 *                                             (negative: from the end)
 *   ota_sim_device cut IN OUT LENGTH          copy the first LENGTH bytes
 *   ota_sim_device wasm OUT SIZE ANSWER       write a valid SIZE-byte module
 *
 * OTA_SIM_KEY names the key file the device trusts; OTA_SIM_SLOT (bytes, a
 * multiple of 4096; default 65536) sets its slot size.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "keyfile.h"
#include "simdev.h"
#include "testutil.h"
#ifdef OTA_HAVE_CORE
#include "mote/mote.h"
#endif

enum { SECTOR = 4096, PROG = 8, SLOT_SECTORS = 16 };
static simdev dev;
static const char *flash_path;

static void load_flash(void)
{
    FILE *f = fopen(flash_path, "rb");
    if (!f || fread(dev.nor.mem, 1, dev.nor.flash.size, f) != dev.nor.flash.size) {
        fprintf(stderr, "sim device: cannot read %s\n", flash_path);
        exit(2);
    }
    fclose(f);
}

static void save_flash(void)
{
    FILE *f = fopen(flash_path, "wb");
    if (!f || fwrite(dev.nor.mem, 1, dev.nor.flash.size, f) != dev.nor.flash.size ||
        fclose(f) != 0) {
        fprintf(stderr, "sim device: cannot write %s\n", flash_path);
        exit(2);
    }
}

/* The firmware's check of a new module: load it with the core, as real
 * firmware does, when the core is part of the build. */
static int validate(void *user, const mote_ota_image_info *img, const char **why)
{
    (void)user;
#ifdef OTA_HAVE_CORE
    static uint8_t arena_buf[256 * 1024];
    mote_arena *a = mote_arena_init(arena_buf, sizeof arena_buf);
    mote_module *m;
    if (!a || mote_load(a, img->payload, img->payload_size, NULL, &m) != MOTE_OK) {
        *why = "mote_load refused the module";
        return -1;
    }
    return 0;
#else
    if (img->payload_size < 8 || memcmp(img->payload, "\0asm", 4) != 0) {
        *why = "not a WebAssembly module";
        return -1;
    }
    return 0;
#endif
}

static int boot_and_report(bool confirm)
{
    if (simdev_boot(&dev) != MOTE_OTA_OK) {
        printf("boot: %s\n", mote_ota_status_str(dev.boot_status));
        return 1;
    }
    const mote_ota_version *v = &dev.boot.image.hdr.version;
    printf("boot: slot %c, version %u.%u.%u+%u%s%s%s\n", 'A' + dev.boot.slot, v->major, v->minor,
           v->revision, (unsigned)v->build, dev.boot.trial ? " (trial)" : "",
           dev.boot.rolled_back ? " (rolled back)" : "", dev.boot.fallback ? " (fallback)" : "");
    if (confirm && dev.boot.trial)
        printf("confirm: %s\n", mote_ota_status_str(mote_ota_confirm(&dev.slots)));
    return 0;
}

static int listen_on(const char *path)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
    unlink(path);
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 1) != 0) {
        fprintf(stderr, "sim device: cannot listen on %s: %s\n", path, strerror(errno));
        exit(2);
    }
    return s;
}

static int conn_fd = -1;

static int dev_send(void *user, const uint8_t *data, size_t len)
{
    (void)user;
    return conn_fd >= 0 && write(conn_fd, data, len) == (ssize_t)len ? 0 : -1;
}

/* One connection: bytes in (maybe damaged) until hang-up or verdict. */
static void session(long *drop_after, unsigned noise)
{
    uint8_t buf[512];
    for (;;) {
        struct pollfd p = {.fd = conn_fd, .events = POLLIN};
        if (poll(&p, 1, 100) == 0) {
            mote_ota_receiver_idle(&dev.rx); /* the line went quiet */
            continue;
        }
        ssize_t n = read(conn_fd, buf, sizeof buf);
        if (n <= 0)
            return;
        for (ssize_t i = 0; i < n; i++)
            if (noise && rng_below(100000) < noise)
                buf[i] ^= (uint8_t)(1u << rng_below(8));
        if (*drop_after >= 0 && (*drop_after -= n) < 0) {
            printf("serve: dropping the link\n");
            return;
        }
        mote_ota_receiver_feed(&dev.rx, buf, (size_t)n);
    }
}

static int serve(const char *sock, unsigned noise, long drop_after)
{
    if (simdev_boot(&dev) != MOTE_OTA_OK) {
        fprintf(stderr, "sim device: boot failed: %s\n", mote_ota_status_str(dev.boot_status));
        return 2;
    }
    mote_ota_receiver_config cfg = {
        .slots = &dev.slots,
        .frame_buf = dev.frame_buf,
        .frame_buf_size = sizeof dev.frame_buf,
        .send = dev_send,
        .validate = validate,
    };
    mote_ota_receiver_init(&dev.rx, &cfg);
    int ls = listen_on(sock);
    mote_ota_status result;
    while (!mote_ota_receiver_done(&dev.rx, &result)) {
        conn_fd = accept(ls, NULL, NULL);
        if (conn_fd < 0)
            return 2;
        session(&drop_after, noise);
        /* Let the sender read the verdict before the line goes away. */
        if (mote_ota_receiver_done(&dev.rx, &result))
            while (read(conn_fd, dev.out, sizeof dev.out) > 0) {
            }
        close(conn_fd);
        conn_fd = -1;
    }
    close(ls);
    unlink(sock);
    save_flash();
    printf("serve: %s\n", result == MOTE_OTA_OK ? "update installed" : mote_ota_status_str(result));
    return result == MOTE_OTA_OK ? 0 : 1;
}

static int copy_edit(const char *in, const char *out, long arg, bool flip)
{
    size_t len;
    uint8_t *b = read_whole(in, &len);
    size_t n = len;
    if (flip)
        b[arg < 0 ? (long)len + arg : arg] ^= 0xff;
    else
        n = (size_t)arg < len ? (size_t)arg : len;
    FILE *f = fopen(out, "wb");
    int rc = f && fwrite(b, 1, n, f) == n && fclose(f) == 0 ? 0 : 2;
    free(b);
    return rc;
}

static int write_wasm(const char *out, size_t size, int answer)
{
    uint8_t *w = malloc(size);
    make_wasm(w, size, answer);
    FILE *f = fopen(out, "wb");
    int rc = f && fwrite(w, 1, size, f) == size && fclose(f) == 0 ? 0 : 2;
    free(w);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 5 && (!strcmp(argv[1], "flip") || !strcmp(argv[1], "cut")))
        return copy_edit(argv[2], argv[3], strtol(argv[4], NULL, 0), argv[1][0] == 'f');
    if (argc == 5 && !strcmp(argv[1], "wasm"))
        return write_wasm(argv[2], (size_t)atol(argv[3]), atoi(argv[4]));
    if (argc < 3) {
        fprintf(stderr, "usage: see the comment at the top of sim_device.c\n");
        return 2;
    }
    keyfile k;
    const char *key = getenv("OTA_SIM_KEY");
    if (!key || !keyfile_read(key, &k)) {
        fprintf(stderr, "sim device: set OTA_SIM_KEY to the public key file\n");
        return 2;
    }
    const char *slot = getenv("OTA_SIM_SLOT");
    long slot_sectors = slot ? atol(slot) / SECTOR : SLOT_SECTORS;
    if (slot_sectors < 1 || slot_sectors > 256) {
        fprintf(stderr, "sim device: bad OTA_SIM_SLOT\n");
        return 2;
    }
    simdev_init(&dev, SECTOR, PROG, (uint32_t)slot_sectors, k.pk);
    flash_path = argv[2];
    rng_seed_from_env(1);
    if (!strcmp(argv[1], "init") && argc == 4) {
        size_t len;
        uint8_t *b = read_whole(argv[3], &len);
        norsim_factory(&dev.nor, dev.layout.slot_off[0], b, (uint32_t)len);
        free(b);
        save_flash();
        return 0;
    }
    load_flash();
    if (!strcmp(argv[1], "boot")) {
        int rc = boot_and_report(argc > 3 && !strcmp(argv[3], "--confirm"));
        save_flash();
        return rc;
    }
    if (!strcmp(argv[1], "serve") && argc >= 4) {
        unsigned noise = 0;
        long drop = -1;
        for (int i = 4; i + 1 < argc; i += 2) {
            if (!strcmp(argv[i], "--noise"))
                noise = (unsigned)atoi(argv[i + 1]);
            else if (!strcmp(argv[i], "--drop-after"))
                drop = atol(argv[i + 1]);
        }
        return serve(argv[3], noise, drop);
    }
    fprintf(stderr, "sim device: bad command\n");
    return 2;
}
