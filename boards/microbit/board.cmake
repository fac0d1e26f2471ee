# BBC micro:bit (v1): Nordic nRF51822, Cortex-M0 (ARMv6-M, Thumb-1 only,
# no FPU), 256 KiB of flash, 16 KiB of RAM: the small-RAM Arm board.
# QEMU: qemu-system-arm -M microbit.
# Memory map: memory.ld.  Peripherals: mote_board.h.
set(MOTE_BOARD_ARCH cortex-m)
set(MOTE_BOARD_TOOLCHAIN arm-none-eabi-)
set(MOTE_BOARD_CPU cortex-m0)
set(MOTE_BOARD_CPU_FLAGS -mcpu=cortex-m0 -mthumb -mfloat-abi=soft)
set(MOTE_BOARD_DRIVERS nrf51_uart uart_aux_none nrf51_timer nrf51_gpio nrf51_nvmc rtc_soft)
# 16 KiB of RAM for firmware, VM and app together: apps run from images
# precompiled into flash, in the SDK's small-memory mode (docs/ram-map.md).
set(MOTE_BOARD_SMALL_RAM ON)
