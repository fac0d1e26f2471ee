# Arm MPS2 FPGA board with the AN505 image: Cortex-M33 (ARMv8-M mainline
# with the Security Extension) in the SSE-200 subsystem.  mote runs in the
# Secure state, where the CPU starts, and uses the Secure address aliases.
# Hard-float ABI on the M33's single-precision FPU.
# QEMU: qemu-system-arm -M mps2-an505.
# Memory map: memory.ld.  Peripherals: mote_board.h.
set(MOTE_BOARD_ARCH cortex-m)
set(MOTE_BOARD_TOOLCHAIN arm-none-eabi-)
set(MOTE_BOARD_CPU cortex-m33)
set(MOTE_BOARD_CPU_FLAGS -mcpu=cortex-m33 -mthumb -mfloat-abi=hard -mfpu=fpv5-sp-d16)
set(MOTE_BOARD_DRIVERS cmsdk_uart cmsdk_timer mps2_fpgaio ram_nor rtc_soft)
