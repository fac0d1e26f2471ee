/* Names of HAL status codes, for messages. */
#include <mote/hal.h>

const char *mote_hal_status_name(mote_hal_status status)
{
    switch (status) {
    case MOTE_HAL_OK: return "ok";
    case MOTE_HAL_ERR_UNSUPPORTED: return "unsupported";
    case MOTE_HAL_ERR_ARGUMENT: return "bad argument";
    case MOTE_HAL_ERR_BUSY: return "busy";
    case MOTE_HAL_ERR_IO: return "I/O error";
    }
    return "unknown status";
}
