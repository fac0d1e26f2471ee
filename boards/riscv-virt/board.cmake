# QEMU's generic RISC-V "virt" machine, as rv32imac or rv64imac
# (MOTE_BOARD_VARIANT rv32 or rv64): large RAM, a 16550 UART, CLINT, PLIC
# and CFI flash.  QEMU: qemu-system-riscv32/64 -M virt -bios none.
# Memory map: memory.ld.  Peripherals: mote_board.h.
set(MOTE_BOARD_ARCH riscv)
set(MOTE_BOARD_TOOLCHAIN riscv64-unknown-elf-)
if(MOTE_BOARD_VARIANT STREQUAL "rv32")
  set(MOTE_BOARD_CPU rv32imac)
  set(MOTE_BOARD_CPU_FLAGS -march=rv32imac -mabi=ilp32 -mcmodel=medany)
elseif(MOTE_BOARD_VARIANT STREQUAL "rv64")
  set(MOTE_BOARD_CPU rv64imac)
  # medany: the image sits at 0x80000000, out of medlow's reach on rv64.
  set(MOTE_BOARD_CPU_FLAGS -march=rv64imac -mabi=lp64 -mcmodel=medany)
else()
  message(FATAL_ERROR "riscv-virt: set MOTE_BOARD_VARIANT to rv32 or rv64")
endif()
set(MOTE_BOARD_DRIVERS ns16550 uart_aux_none gpio_none cfi_pflash goldfish_rtc)
