# The host: a POSIX process stands in for a board (port/host).  Built
# with the native compiler; firmware images run directly, without QEMU.
set(MOTE_BOARD_ARCH host)
set(MOTE_BOARD_CPU posix)
