/*
 * fs_hal.h -- the file system on the board's flash storage region
 * (port/include/mote/hal.h).
 */
#ifndef MOTE_FS_HAL_H
#define MOTE_FS_HAL_H

#include "mote/fs.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Fills *out with ops on [offset, offset+size) of the HAL storage region
 * (size 0: to the region's end).  offset and size must be whole sectors.
 * The result is read-only on a board whose region is not writable.
 * MOTE_FS_ERR_GEOMETRY for a range outside the region, MOTE_FS_ERR_IO when
 * the board has no region.
 */
mote_fs_status mote_fs_flash_hal(mote_fs_flash *out, uint32_t offset, uint32_t size);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_FS_HAL_H */
