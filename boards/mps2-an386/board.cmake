# Arm MPS2 FPGA board with the AN386 image: Cortex-M4 with single-precision
# FPU, hard-float ABI.  Same peripherals and memory as mps2-an385.
# QEMU: qemu-system-arm -M mps2-an386.
# Memory map: memory.ld.  Peripherals: mote_board.h.
set(MOTE_BOARD_ARCH cortex-m)
set(MOTE_BOARD_TOOLCHAIN arm-none-eabi-)
set(MOTE_BOARD_CPU cortex-m4)
set(MOTE_BOARD_CPU_FLAGS -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16)
set(MOTE_BOARD_DRIVERS cmsdk_uart cmsdk_timer mps2_fpgaio ram_nor rtc_soft)
