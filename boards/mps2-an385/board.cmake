# Arm MPS2 FPGA board with the AN385 image: Cortex-M3, no FPU.  The default
# board.  QEMU: qemu-system-arm -M mps2-an385.
# Memory map: memory.ld.  Peripherals: mote_board.h.
set(MOTE_BOARD_ARCH cortex-m)
set(MOTE_BOARD_TOOLCHAIN arm-none-eabi-)
set(MOTE_BOARD_CPU cortex-m3)
set(MOTE_BOARD_CPU_FLAGS -mcpu=cortex-m3 -mthumb -mfloat-abi=soft)
set(MOTE_BOARD_DRIVERS cmsdk_uart cmsdk_timer mps2_fpgaio ram_nor rtc_soft)
