# SiFive FE310 (HiFive1-style), rv32imac, 16 KiB of RAM: the small-RAM
# board.  QEMU: qemu-system-riscv32 -M sifive_e.
# Memory map: memory.ld.  Peripherals: mote_board.h.
set(MOTE_BOARD_ARCH riscv)
set(MOTE_BOARD_TOOLCHAIN riscv64-unknown-elf-)
set(MOTE_BOARD_CPU rv32imac)
set(MOTE_BOARD_CPU_FLAGS -march=rv32imac -mabi=ilp32)
set(MOTE_BOARD_DRIVERS sifive_uart uart_aux_none sifive_gpio xip_rom_flash rtc_soft)
# 16 KiB of RAM for firmware, VM and app together: apps run from images
# precompiled into flash, in the SDK's small-memory mode (docs/ram-map.md).
set(MOTE_BOARD_SMALL_RAM ON)
