/* Status strings, version comparison and CRC-32. */
#include "mote/ota_base.h"

const char *mote_ota_status_str(mote_ota_status s)
{
    switch (s) {
    case MOTE_OTA_OK: return "ok";
    case MOTE_OTA_ERR_ARG: return "bad argument or configuration";
    case MOTE_OTA_ERR_FLASH: return "flash operation failed";
    case MOTE_OTA_ERR_MAGIC: return "not a signed bundle (bad image magic)";
    case MOTE_OTA_ERR_FORMAT: return "malformed bundle";
    case MOTE_OTA_ERR_TOO_BIG: return "bundle does not fit the slot";
    case MOTE_OTA_ERR_TRUNCATED: return "bundle is truncated";
    case MOTE_OTA_ERR_HASH: return "SHA-256 of the image does not match";
    case MOTE_OTA_ERR_KEY: return "bundle is signed with a different key";
    case MOTE_OTA_ERR_SIGNATURE: return "bad or missing Ed25519 signature";
    case MOTE_OTA_ERR_DOWNGRADE: return "version is older than the installed one";
    case MOTE_OTA_ERR_VALIDATE: return "firmware rejected the module";
    case MOTE_OTA_ERR_STATE: return "not allowed in the current state";
    case MOTE_OTA_ERR_NO_IMAGE: return "no slot holds a verified image";
    case MOTE_OTA_ERR_PROTOCOL: return "protocol error";
    case MOTE_OTA_ERR_UNSUPPORTED: return "unsupported MCUboot feature";
    case MOTE_OTA_ERR_ROLLBACK: return "security counter is below the device's";
    }
    return "unknown error";
}

int mote_ota_version_cmp(const mote_ota_version *a, const mote_ota_version *b)
{
    if (a->major != b->major)
        return a->major < b->major ? -1 : 1;
    if (a->minor != b->minor)
        return a->minor < b->minor ? -1 : 1;
    if (a->revision != b->revision)
        return a->revision < b->revision ? -1 : 1;
    if (a->build != b->build)
        return a->build < b->build ? -1 : 1;
    return 0;
}

/* Bitwise with a 16-entry table: 64 bytes of table instead of 1 KiB, still
 * fast enough for a UART link. */
uint32_t mote_ota_crc32(uint32_t crc, const void *data, size_t len)
{
    static const uint32_t nibble[16] = {
        0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
        0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
        0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
    };
    const uint8_t *p = data;
    crc = ~crc;
    while (len--) {
        crc ^= *p++;
        crc = (crc >> 4) ^ nibble[crc & 15];
        crc = (crc >> 4) ^ nibble[crc & 15];
    }
    return ~crc;
}
