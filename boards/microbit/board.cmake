# BBC micro:bit (v1): Nordic nRF51822, Cortex-M0 (ARMv6-M, Thumb-1 only,
# no FPU), 256 KiB of flash, 16 KiB of RAM: the small-RAM Arm board.
# QEMU: qemu-system-arm -M microbit.
# Memory map: memory.ld.  Peripherals: mote_board.h.
set(MOTE_BOARD_ARCH cortex-m)
set(MOTE_BOARD_TOOLCHAIN arm-none-eabi-)
set(MOTE_BOARD_CPU cortex-m0)
set(MOTE_BOARD_CPU_FLAGS -mcpu=cortex-m0 -mthumb -mfloat-abi=soft)
set(MOTE_BOARD_DRIVERS nrf51_uart uart_aux_none nrf51_timer nrf51_gpio nrf51_nvmc rtc_soft)
# 16 KiB of RAM for firmware, VM and app together (ram_small): apps run
# from images precompiled into flash, in the SDK's small-memory mode
# (docs/ram-map.md).  No gpio_irq: edge interrupts need the GPIOTE, which
# QEMU 7.2 does not model.  No aux_uart: the nRF51822 has one UART.
set(MOTE_BOARD_CAPS gpio flash_write flash_image reset semihosting ram_small)
# The standard set (the default) fits the 224 KiB of flash for the image;
# MOTE_CONFIG=full does not: SIMD alone is about 28 KB of Thumb code (docs/size.md).
set(MOTE_BOARD_STORAGE_BASE 0x00038000)     # NRF51_NVMC_STORAGE_BASE in mote_board.h
# QEMU's view of LED0 (row line P0.13) driven high.
set(MOTE_BOARD_LED_TRACE nrf51_gpio_update_output_irq "line 13 value 1")
