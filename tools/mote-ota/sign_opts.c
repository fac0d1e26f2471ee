/* The sign options, imgtool's names and values; see sign_opts.h. */
#include "sign_opts.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "mote/manifest.h"

enum opt_id {
    O_KEY,
    O_VERSION,
    O_OUTPUT,
    O_HEADER_SIZE,
    O_PAD_HEADER,
    O_LOAD_ADDR,
    O_SLOT_SIZE,
    O_PAD,
    O_CONFIRM,
    O_ALIGN,
    O_MAX_ALIGN,
    O_MAX_SECTORS,
    O_OVERWRITE_ONLY,
    O_SECURITY_COUNTER,
    O_CUSTOM_TLV,
    O_CUSTOM_TLV_FILE,
    O_MANIFEST,
    O_KEY_FORMAT,
    O_ERASED_VAL,
    O_ENDIAN,
    O_SHA,
    O_PAD_SIG,
    O_COMPRESSION,
    O_NOT_WASM,
    O_HELP,
    O_REFUSED
};

/* Who takes an option: both commands, mote-ota sign only (not an imgtool
 * option), or neither (an imgtool option mote does not implement). */
enum { BOTH, MOTE_ONLY, REFUSED };

typedef struct sign_option {
    const char *name; /* long form, without the dashes */
    char letter;      /* short form, or 0 */
    uint8_t args;     /* values it takes */
    uint8_t id;
    uint8_t who;
    const char *help; /* what it does, or why mote does not take it */
} sign_option;

static const sign_option OPTIONS[] = {
    {"key", 'k', 1, O_KEY, BOTH, "private key (PKCS#8 PEM, Ed25519)"},
    {"version", 'v', 1, O_VERSION, BOTH, "major.minor.revision+build"},
    {"output", 'o', 1, O_OUTPUT, MOTE_ONLY, "bundle to write (or give it after the .wasm)"},
    {"header-size", 'H', 1, O_HEADER_SIZE, BOTH, "header area, >= 32 bytes (mote-ota: default 32)"},
    {"pad-header", 0, 0, O_PAD_HEADER, BOTH,
     "put the header in front of the module (mote-ota always does)"},
    {"load-addr", 'L', 1, O_LOAD_ADDR, BOTH, "sets RAM_LOAD; devices ignore the address"},
    {"slot-size", 'S', 1, O_SLOT_SIZE, BOTH,
     "checks that bundle and trailer fit; --pad pads to it"},
    {"pad", 0, 0, O_PAD, BOTH, "pad to --slot-size with a trailer: installed on trial"},
    {"confirm", 0, 0, O_CONFIRM, BOTH, "--pad with image_ok set: installed confirmed"},
    {"align", 0, 1, O_ALIGN, BOTH, "1|2|4|8|16|32: trailer size only"},
    {"max-align", 0, 1, O_MAX_ALIGN, BOTH, "8|16|32: the trailer's layout and magic"},
    {"max-sectors", 'M', 1, O_MAX_SECTORS, BOTH, "swap status sectors: trailer size only"},
    {"overwrite-only", 0, 0, O_OVERWRITE_ONLY, BOTH,
     "the short trailer of overwrite-only upgrades"},
    {"security-counter", 's', 1, O_SECURITY_COUNTER, BOTH, "N or auto: the anti-rollback counter"},
    {"custom-tlv", 0, 2, O_CUSTOM_TLV, BOTH,
     "TAG VALUE: protected TLV; devices take 0xa0 (manifest) only"},
    {"custom-tlv-file", 0, 2, O_CUSTOM_TLV_FILE, BOTH, "TAG FILE: the same, its value from a file"},
    {"manifest", 0, 1, O_MANIFEST, MOTE_ONLY,
     "FILE: the app's manifest (text, docs/apps.md) as TLV 0xa0"},
    {"public-key-format", 0, 1, O_KEY_FORMAT, BOTH, "hash (KEYHASH TLV) or full (PUBKEY TLV)"},
    {"erased-val", 'R', 1, O_ERASED_VAL, BOTH, "0xff only: mote's flash erases to 0xff"},
    {"endian", 'e', 1, O_ENDIAN, BOTH, "little only"},
    {"sha", 0, 1, O_SHA, BOTH, "auto or 256 only: devices verify SHA-256"},
    {"pad-sig", 0, 0, O_PAD_SIG, BOTH, "ECDSA only: no effect on an Ed25519 signature"},
    {"compression", 0, 1, O_COMPRESSION, BOTH, "disabled only: devices refuse compressed images"},
    {"not-wasm", 0, 0, O_NOT_WASM, MOTE_ONLY, "accept a payload that is not a .wasm module"},
    {"help", 'h', 0, O_HELP, BOTH, "show this help"},
    {"dependencies", 'd', 1, O_REFUSED, REFUSED,
     "devices refuse dependencies (each app updates alone)"},
    {"boot-record", 0, 1, O_REFUSED, REFUSED, "not written by mote-ota; devices accept one"},
    {"encrypt", 'E', 1, O_REFUSED, REFUSED, "devices refuse encrypted images"},
    {"encrypt-keylen", 0, 1, O_REFUSED, REFUSED, "devices refuse encrypted images"},
    {"save-enctlv", 0, 0, O_REFUSED, REFUSED, "devices refuse encrypted images"},
    {"clear", 'c', 0, O_REFUSED, REFUSED, "devices refuse encrypted images"},
    {"hmac-sha", 0, 1, O_REFUSED, REFUSED, "devices refuse encrypted images"},
    {"rom-fixed", 'F', 1, O_REFUSED, REFUSED, "devices refuse images for a fixed flash address"},
    {"hex-addr", 'x', 1, O_REFUSED, REFUSED, "Intel HEX files are not supported"},
    {"non-bootable", 0, 0, O_REFUSED, REFUSED, "devices refuse non-bootable images"},
    {"pure", 0, 0, O_REFUSED, REFUSED, "devices verify a signature of the SHA-256"},
    {"test", 0, 0, O_REFUSED, REFUSED, "not implemented: --pad installs on trial"},
    {"fix-sig", 0, 1, O_REFUSED, REFUSED, "external signatures are not supported"},
    {"fix-sig-pubkey", 0, 1, O_REFUSED, REFUSED, "external signatures are not supported"},
    {"sig-out", 0, 1, O_REFUSED, REFUSED, "external signatures are not supported"},
    {"vector-to-sign", 0, 1, O_REFUSED, REFUSED, "external signatures are not supported"},
    {"psa-key-ids", 0, 1, O_REFUSED, REFUSED, "devices refuse key id TLVs"},
    {"vid", 0, 1, O_REFUSED, REFUSED, "devices refuse vendor UUID TLVs"},
    {"cid", 0, 1, O_REFUSED, REFUSED, "devices refuse class UUID TLVs"},
    {"extra-tlv", 0, 2, O_REFUSED, REFUSED,
     "devices refuse unprotected TLVs outside MCUboot's list"},
};
#define N_OPTIONS (sizeof OPTIONS / sizeof OPTIONS[0])

void sign_print_options(FILE *out, bool strict)
{
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const sign_option *o = &OPTIONS[i];
        if ((o->who == MOTE_ONLY && strict) || (o->who == REFUSED && !strict))
            continue;
        char name[40];
        snprintf(name, sizeof name, "%c%c%s--%s%s", o->letter ? '-' : ' ',
                 o->letter ? o->letter : ' ', o->letter ? ", " : "  ", o->name,
                 o->args == 2 ? " A B"
                 : o->args    ? " X"
                              : "");
        fprintf(out, "  %-28s %s%s\n", name, o->who == REFUSED ? "refused: " : "", o->help);
    }
}

static const sign_option *find_long(const char *name, size_t len)
{
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (strlen(OPTIONS[i].name) == len && !strncmp(OPTIONS[i].name, name, len))
            return &OPTIONS[i];
    return NULL;
}

static const sign_option *find_short(char c)
{
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (OPTIONS[i].letter == c)
            return &OPTIONS[i];
    return NULL;
}

/* "what opt 'value'", either of the last two may be empty. */
static int usage_error(const char *what, const char *opt, const char *value)
{
    cli_error("%s%s%s%s%s%s", what, *opt ? " " : "", opt, value ? " '" : "", value ? value : "",
              value ? "'" : "");
    return EXIT_USAGE;
}

/* One of the listed words (imgtool's click.Choice values). */
static bool choice(const char *v, const char *const *words)
{
    for (; *words; words++)
        if (!strcmp(v, *words))
            return true;
    return false;
}

static int parse_number(const char *opt, const char *v, uint32_t min, uint32_t max, uint32_t *out)
{
    if (cli_parse_u32(v, max, out) && *out >= min)
        return 0;
    return usage_error("bad value for", opt, v);
}

/* imgtool --custom-tlv TAG VALUE: a vendor tag; "0x..." is hex bytes,
 * anything else the string's bytes. */
static int custom_tlv(sign_args *a, const char *tag, const char *value, bool from_file)
{
    uint32_t t;
    bundle_params *p = &a->p;
    if (!cli_parse_u32(tag, 0xffff, &t))
        return usage_error("bad custom TLV tag", "", tag);
    if (t < MOTE_OTA_TLV_VENDOR_MIN || t > MOTE_OTA_TLV_VENDOR_MAX) {
        cli_error("Invalid custom TLV type value '0x%04x', allowed value should be between "
                  "0x%04x and 0x%04x",
                  t, MOTE_OTA_TLV_VENDOR_MIN, MOTE_OTA_TLV_VENDOR_MAX);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < p->n_custom; i++)
        if (p->custom[i].type == t) {
            cli_error("Custom TLV 0x%x already exists.", t);
            return EXIT_USAGE;
        }
    if (p->n_custom == BUNDLE_MAX_CUSTOM)
        return usage_error("too many custom TLVs at", "", tag);
    uint8_t *data = NULL;
    size_t len = strlen(value);
    if (from_file) {
        if (!cli_read_file(value, 0xffff, &data, &len))
            return EXIT_USAGE;
    } else if (!strncmp(value, "0x", 2)) {
        len = (len - 2) / 2;
        if (strlen(value + 2) % 2) {
            cli_error("Custom TLV length is odd.");
            return EXIT_USAGE;
        }
        data = malloc(len ? len : 1);
        for (size_t i = 0; data && i < len; i++) {
            unsigned byte;
            if (sscanf(value + 2 + 2 * i, "%2x", &byte) != 1) {
                free(data);
                return usage_error("bad hex in custom TLV value", "", value);
            }
            data[i] = (uint8_t)byte;
        }
    } else {
        data = malloc(len ? len : 1);
        if (data)
            memcpy(data, value, len);
    }
    if (!data || len > 0xffff) {
        free(data);
        return usage_error("custom TLV value too long", "", tag);
    }
    a->custom_data[p->n_custom] = data;
    p->custom[p->n_custom++] = (bundle_tlv){(uint16_t)t, (uint16_t)len, data};
    return 0;
}

/* --manifest FILE: the text form, checked and compiled to the binary form
 * devices read, as the protected TLV 0xa0. */
static int manifest_tlv(sign_args *a, const char *file)
{
    uint8_t *text;
    size_t len;
    if (!cli_read_file(file, 64 * 1024, &text, &len))
        return EXIT_USAGE;
    mote_manifest m;
    mote_manifest_error err;
    bool ok = mote_manifest_parse_text((const char *)text, len, &m, &err);
    free(text);
    if (!ok) {
        cli_error("%s: %s", file, err.text);
        return EXIT_USAGE;
    }
    uint8_t bin[MOTE_MANIFEST_MAX_SIZE];
    size_t n = mote_manifest_encode(&m, bin, sizeof bin);
    char hex[2 + 2 * MOTE_MANIFEST_MAX_SIZE + 1] = "0x";
    for (size_t i = 0; i < n; i++)
        snprintf(hex + 2 + 2 * i, 3, "%02x", bin[i]);
    return custom_tlv(a, "0xa0", hex, false);
}

/* Applies one option with its values v[0], v[1]. */
static int apply(sign_args *a, const sign_option *o, const char *opt, char **v)
{
    static const char *const aligns[] = {"1", "2", "4", "8", "16", "32", NULL};
    static const char *const max_aligns[] = {"8", "16", "32", NULL};
    bundle_params *p = &a->p;
    uint32_t n;
    int rc = 0;
    switch (o->id) {
    case O_KEY: a->key = v[0]; break;
    case O_OUTPUT: a->out = v[0]; break;
    case O_VERSION:
        if (!cli_parse_version(v[0], &p->version)) {
            cli_error("bad version '%s' (want major.minor.revision+build)", v[0]);
            return EXIT_USAGE;
        }
        a->have_version = true;
        break;
    case O_HEADER_SIZE:
        rc = parse_number(opt, v[0], MOTE_OTA_HEADER_SIZE, 0xffff, &n);
        p->header_size = (uint16_t)n;
        a->have_header_size = true;
        break;
    case O_PAD_HEADER: a->pad_header = true; break;
    case O_LOAD_ADDR: rc = parse_number(opt, v[0], 0, UINT32_MAX, &p->load_addr); break;
    case O_SLOT_SIZE: rc = parse_number(opt, v[0], 1, UINT32_MAX, &p->slot_size); break;
    case O_CONFIRM: p->confirm = p->pad = true; break; /* --confirm implies --pad */
    case O_PAD: p->pad = true; break;
    case O_ALIGN:
        if (!choice(v[0], aligns))
            return usage_error("bad value (1|2|4|8|16|32) for", opt, v[0]);
        p->align = (uint32_t)atoi(v[0]);
        break;
    case O_MAX_ALIGN:
        if (!choice(v[0], max_aligns))
            return usage_error("bad value (8|16|32) for", opt, v[0]);
        p->max_align = (uint32_t)atoi(v[0]);
        break;
    case O_MAX_SECTORS: rc = parse_number(opt, v[0], 1, 0x10000, &p->max_sectors); break;
    case O_OVERWRITE_ONLY: p->overwrite_only = true; break;
    case O_SECURITY_COUNTER:
        p->has_security_counter = true;
        a->counter_auto = !strcasecmp(v[0], "auto");
        if (!a->counter_auto)
            rc = parse_number(opt, v[0], 0, UINT32_MAX, &p->security_counter);
        break;
    case O_CUSTOM_TLV: rc = custom_tlv(a, v[0], v[1], false); break;
    case O_CUSTOM_TLV_FILE: rc = custom_tlv(a, v[0], v[1], true); break;
    case O_MANIFEST: rc = manifest_tlv(a, v[0]); break;
    case O_KEY_FORMAT:
        if (strcmp(v[0], "hash") && strcmp(v[0], "full"))
            return usage_error("bad value (hash|full) for", opt, v[0]);
        p->public_key_full = !strcmp(v[0], "full");
        break;
    case O_ERASED_VAL:
        if (strcmp(v[0], "0xff"))
            return usage_error("mote's flash erases to 0xff; unsupported", opt, v[0]);
        break;
    case O_ENDIAN:
        if (strcmp(v[0], "little"))
            return usage_error("mote devices read little-endian images only; unsupported", opt,
                               v[0]);
        break;
    case O_SHA:
        if (strcmp(v[0], "auto") && strcmp(v[0], "256"))
            return usage_error("mote devices verify SHA-256 only; unsupported", opt, v[0]);
        break;
    case O_COMPRESSION:
        if (strcmp(v[0], "disabled"))
            return usage_error("mote devices refuse compressed images; unsupported", opt, v[0]);
        break;
    case O_PAD_SIG: break;
    case O_NOT_WASM: a->not_wasm = true; break;
    case O_REFUSED: cli_error("%s is not supported: %s", opt, o->help); return EXIT_USAGE;
    }
    return rc;
}

/* Reads one option (and its values) at argv[*i]. */
static int option(int argc, char **argv, int *i, bool strict, sign_args *a)
{
    const char *arg = argv[*i], *inline_value = NULL;
    const sign_option *o;
    if (arg[1] == '-') {
        const char *eq = strchr(arg + 2, '=');
        o = find_long(arg + 2, eq ? (size_t)(eq - arg - 2) : strlen(arg + 2));
        inline_value = eq ? eq + 1 : NULL;
    } else {
        o = find_short(arg[1]);
        inline_value = arg[2] ? arg + 2 : NULL;
    }
    if (!o || (strict && o->who == MOTE_ONLY))
        return usage_error(strict ? "imgtool sign has no option" : "unknown option", arg, NULL);
    if (o->id == O_HELP)
        return -1;
    char *v[2] = {NULL, NULL};
    for (int k = 0; k < o->args; k++) {
        if (k == 0 && inline_value)
            v[0] = (char *)inline_value;
        else if (*i + 1 < argc)
            v[k] = argv[++*i];
        else
            return usage_error("missing value for", arg, NULL);
    }
    if (!o->args && inline_value && arg[1] == '-')
        return usage_error("no value expected for", arg, NULL);
    return apply(a, o, arg, v);
}

/* imgtool's required options; mote's too. */
static int check_complete(const sign_args *a, bool strict, int npos)
{
    const char *missing = NULL;
    if (!a->have_version)
        missing = "'-v' / '--version'";
    else if (strict && !a->have_header_size)
        missing = "'-H' / '--header-size'";
    else if (strict && !a->p.slot_size)
        missing = "'-S' / '--slot-size'";
    if (missing) {
        cli_error("missing option %s%s", missing, strict ? " (imgtool requires it)" : "");
        return EXIT_USAGE;
    }
    if (!a->key) {
        cli_error("missing --key: mote devices take signed bundles only");
        return EXIT_USAGE;
    }
    if (strict ? npos != 2 : npos < 1 || npos > 2 || (npos == 2) == (a->out != NULL)) {
        cli_error(strict ? "want INFILE OUTFILE" : "want APP.wasm and -o BUNDLE (or BUNDLE)");
        return EXIT_USAGE;
    }
    if (a->p.pad && !a->p.slot_size) {
        cli_error("--pad needs --slot-size");
        return EXIT_USAGE;
    }
    return 0;
}

int sign_parse(int argc, char **argv, bool strict, sign_args *a)
{
    const char *pos[3] = {NULL, NULL, NULL};
    int npos = 0;
    bool options_done = false;
    memset(a, 0, sizeof *a);
    a->p.header_size = MOTE_OTA_HEADER_SIZE;
    a->p.align = 1;
    for (int i = 1; i < argc; i++) {
        if (!options_done && !strcmp(argv[i], "--")) {
            options_done = true;
        } else if (!options_done && argv[i][0] == '-' && argv[i][1]) {
            int rc = option(argc, argv, &i, strict, a);
            if (rc)
                return rc;
        } else if (npos < 3) {
            pos[npos++] = argv[i];
        } else {
            return usage_error("unexpected argument", argv[i], NULL);
        }
    }
    int rc = check_complete(a, strict, npos);
    if (rc)
        return rc;
    a->in = pos[0];
    if (npos == 2)
        a->out = pos[1];
    if (a->counter_auto) /* imgtool: (major << 24) + (minor << 16) + revision */
        a->p.security_counter = ((uint32_t)a->p.version.major << 24) +
                                ((uint32_t)a->p.version.minor << 16) + a->p.version.revision;
    return 0;
}

void sign_args_free(sign_args *a)
{
    for (size_t i = 0; i < a->p.n_custom; i++)
        free(a->custom_data[i]);
    a->p.n_custom = 0;
}
