#include "cases.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *token;
    mote_ota_status status;
} TOKENS[] = {
    {"ok", MOTE_OTA_OK},
    {"format", MOTE_OTA_ERR_FORMAT},
    {"unsupported", MOTE_OTA_ERR_UNSUPPORTED},
    {"rollback", MOTE_OTA_ERR_ROLLBACK},
};

const char *ota_case_token(mote_ota_status s)
{
    for (size_t i = 0; i < sizeof TOKENS / sizeof TOKENS[0]; i++)
        if (TOKENS[i].status == s)
            return TOKENS[i].token;
    return NULL;
}

static bool status_of(const char *token, mote_ota_status *s)
{
    for (size_t i = 0; i < sizeof TOKENS / sizeof TOKENS[0]; i++)
        if (!strcmp(TOKENS[i].token, token)) {
            *s = TOKENS[i].status;
            return true;
        }
    return false;
}

/* "case FILE VERDICT [message...]" */
static bool parse_case(const char *line, ota_case *c)
{
    char verdict[16];
    int used = 0;
    if (sscanf(line, "case %47s %15s %n", c->file, verdict, &used) < 2 ||
        !status_of(verdict, &c->want))
        return false;
    snprintf(c->why, sizeof c->why, "%s", used ? line + used : "");
    c->why[strcspn(c->why, "\r\n")] = 0;
    return true;
}

bool ota_cases_read(const char *dir, ota_cases *out)
{
    char path[256], line[512], hex[65];
    snprintf(path, sizeof path, "%s/cases.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("cannot open %s\n", path);
        return false;
    }
    memset(out, 0, sizeof *out);
    bool ok = true, have_key = false;
    while (ok && fgets(line, sizeof line, f)) {
        unsigned long slot;
        if (!strncmp(line, "key ", 4) && sscanf(line, "key %64s", hex) == 1) {
            for (int i = 0; i < 32; i++) {
                unsigned v;
                ok = ok && sscanf(hex + 2 * i, "%2x", &v) == 1;
                out->pk[i] = (uint8_t)v;
            }
            have_key = true;
        } else if (sscanf(line, "slot %lu", &slot) == 1) {
            out->slot = (uint32_t)slot;
        } else if (!strncmp(line, "case ", 5)) {
            ok = out->n < OTA_CASES_MAX && parse_case(line, &out->c[out->n++]);
        }
    }
    fclose(f);
    if (!ok || !have_key || !out->slot || !out->n) {
        printf("%s: malformed\n", path);
        return false;
    }
    return true;
}
