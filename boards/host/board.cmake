# The host: a POSIX process stands in for a board.  Built with the native
# compiler; firmware images run directly, without QEMU.  The HAL drivers
# are in port/host; the simulation around them -- scripted input, the VCD
# trace, UART back-ends, stopping a run, setup from the environment -- is
# here, with its API for programs in mote_host.h.
set(MOTE_BOARD_ARCH host)
set(MOTE_BOARD_CPU posix)
set(MOTE_BOARD_SOURCES config.c epoch.c script.c stimuli.c stop.c uart.c vcd.c)
