/*
 * guest.c -- reaching the app's linear memory safely.  Every guest pointer
 * and length goes through wl_guest_range(), i.e. mote_memory_ptr(), which
 * returns NULL unless the whole range lies inside memory 0.  Records are
 * read and written byte by byte in little-endian order, as Wasm lays them
 * out, so the host's byte order and the pointer's alignment never matter.
 */
#include "internal.h"

uint8_t *wl_guest_range(mote_instance *inst, uint64_t offset, uint64_t len)
{
    return mote_memory_ptr(inst, offset, len);
}

uint16_t wl_load_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

uint32_t wl_load_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint64_t wl_load_u64(const uint8_t *p)
{
    return (uint64_t)wl_load_u32(p) | (uint64_t)wl_load_u32(p + 4) << 32;
}

void wl_store_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

void wl_store_u32(uint8_t *p, uint32_t v)
{
    wl_store_u16(p, (uint16_t)v);
    wl_store_u16(p + 2, (uint16_t)(v >> 16));
}

void wl_store_u64(uint8_t *p, uint64_t v)
{
    wl_store_u32(p, (uint32_t)v);
    wl_store_u32(p + 4, (uint32_t)(v >> 32));
}

bool wl_guest_put_u32(mote_instance *inst, uint32_t offset, uint32_t value)
{
    uint8_t *p = wl_guest_range(inst, offset, 4);
    if (p == NULL)
        return false;
    wl_store_u32(p, value);
    return true;
}

bool wl_guest_put_u64(mote_instance *inst, uint32_t offset, uint64_t value)
{
    uint8_t *p = wl_guest_range(inst, offset, 8);
    if (p == NULL)
        return false;
    wl_store_u64(p, value);
    return true;
}

mote_status wl_wasi_return(mote_value *io, uint16_t err)
{
    io[0].u64 = 0;
    io[0].i32 = err;
    return MOTE_OK;
}

mote_status wl_device_return(mote_value *io, int32_t result)
{
    io[0].u64 = 0;
    io[0].i32 = result;
    return MOTE_OK;
}
