# Arm MPS2 FPGA board with the AN505 image: Cortex-M33 (ARMv8-M mainline
# with the Security Extension) in the SSE-200 subsystem.  mote runs in the
# Secure state, where the CPU starts, and uses the Secure address aliases.
# Hard-float ABI on the M33's single-precision FPU.  The same drivers as
# boards/mps2 (AN385, AN386), but not a variant of it: the SSE-200 moves
# the memory map, every peripheral address, the interrupt numbers and
# count, and the clock, so nothing but the driver list would be shared.
# QEMU: qemu-system-arm -M mps2-an505.
# Memory map: memory.ld.  Peripherals: mote_board.h.
set(MOTE_BOARD_ARCH cortex-m)
set(MOTE_BOARD_TOOLCHAIN arm-none-eabi-)
set(MOTE_BOARD_CPU cortex-m33)
set(MOTE_BOARD_CPU_FLAGS -mcpu=cortex-m33 -mthumb -mfloat-abi=hard -mfpu=fpv5-sp-d16)
set(MOTE_BOARD_DRIVERS cmsdk_uart cmsdk_timer mps2_fpgaio ram_nor rtc_soft)
# As boards/mps2: GPIO is the FPGAIO block's LEDs and buttons, no edge interrupts.
set(MOTE_BOARD_CAPS gpio aux_uart flash_write flash_image reset semihosting ram_large)
set(MOTE_BOARD_STORAGE_BASE 0x10300000)     # RAM_NOR_BASE in mote_board.h
set(MOTE_BOARD_LED_TRACE mps2_fpgaio_write "offset 0x0 data 0x1 ")
