/*
 * Host flash: a storage region with NOR semantics -- erasing sets a
 * sector to 0xFF, programming can only clear bits -- held in a memory
 * mapping: anonymous RAM by default, or a file (mote_host_set_flash_file)
 * so that what firmware stores (an OTA slot, a settings sector) survives
 * the process, as flash survives a reset.  The mapping is the region's
 * memory-mapped view, so an app stored there can be read in place.  The
 * checks of every call are port/common/flash.c's, as on the boards.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host_sim.h"
#include "mote_port.h"

#define DEFAULT_SIZE (1024u * 1024u) /* as the MPS2 boards' storage region */
#define DEFAULT_SECTOR 4096u
#define WRITE_SIZE 4u

static uint8_t *storage;
static uint32_t region_size = DEFAULT_SIZE, sector_size = DEFAULT_SECTOR;
static bool file_backed;

static bool fail(char *err, size_t err_len, const char *what, const char *path)
{
    snprintf(err, err_len, "flash file %s: %s", path, what);
    return false;
}

static bool power_of_two(uint32_t n)
{
    return n != 0 && (n & (n - 1)) == 0;
}

/* Fills a new file with erased sectors. */
static bool write_erased(int fd, uint32_t size)
{
    uint8_t block[DEFAULT_SECTOR];
    memset(block, 0xFF, sizeof block);
    for (uint32_t done = 0; done < size;) {
        size_t n = size - done < sizeof block ? size - done : sizeof block;
        ssize_t w = write(fd, block, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        done += (uint32_t)w;
    }
    return true;
}

bool mote_host_set_flash_file(const char *path, uint32_t size, uint32_t sector, char *err,
                              size_t err_len)
{
    host_config_touched();
    size = size != 0 ? size : DEFAULT_SIZE;
    sector = sector != 0 ? sector : DEFAULT_SECTOR;
    if (!power_of_two(sector) || sector < WRITE_SIZE)
        return fail(err, err_len, "the sector size must be a power of two, at least 4", path);
    int fd = open(path, O_RDWR | O_CREAT, 0644);
    if (fd < 0)
        return fail(err, err_len, strerror(errno), path);
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return fail(err, err_len, "not a regular file", path);
    }
    if (st.st_size == 0) {
        if (size % sector != 0 || !write_erased(fd, size)) {
            close(fd);
            return fail(err, err_len, "cannot create (the size must be whole sectors)", path);
        }
    } else if (st.st_size % sector != 0 || st.st_size > (off_t)UINT32_MAX) {
        close(fd);
        return fail(err, err_len, "its size is not a whole number of sectors", path);
    } else {
        size = (uint32_t)st.st_size;
    }
    void *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd); /* the mapping keeps the file */
    if (map == MAP_FAILED)
        return fail(err, err_len, strerror(errno), path);
    storage = map;
    region_size = size;
    sector_size = sector;
    file_backed = true;
    return true;
}

void mote_port_flash_init(void)
{
    if (storage != NULL)
        return; /* a file, mapped already */
    void *map = mmap(NULL, region_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return; /* no region: the calls report unsupported */
    storage = map;
    memset(storage, 0xFF, region_size);
}

void host_flash_sync(void)
{
    if (file_backed)
        msync(storage, region_size, MS_SYNC);
}

bool mote_port_flash_geometry(mote_hal_flash_info *info)
{
    if (storage == NULL)
        return false;
    info->base = (uintptr_t)storage;
    info->size = region_size;
    info->sector_size = sector_size;
    info->write_size = WRITE_SIZE;
    info->writable = true;
    return true;
}

mote_hal_status mote_port_flash_erase_sector(uint32_t offset)
{
    memset(storage + offset, 0xFF, sector_size);
    return MOTE_HAL_OK;
}

mote_hal_status mote_port_flash_program(uint32_t offset, const uint8_t *data, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        storage[offset + i] &= data[i];
    return MOTE_HAL_OK;
}
