# capabilities.cmake -- what a board can declare it has, in its board.cmake:
#
#   set(MOTE_BOARD_CAPS gpio flash_write ram_large ...)
#
# This list is the only one.  select_board.cmake refuses a board that names
# a capability not in it, and mote_board_has() a test that asks for one, so
# a misspelt name fails the configure instead of quietly skipping a test.
# Tests and examples choose what to run from these, never from board names
# (port/README.md, "Capabilities", says what each one promises).
set(MOTE_CAPABILITIES
  # What the board has, as mote's HAL drives it (under QEMU 7.2 for the
  # QEMU boards: a part QEMU does not model is a part the board lacks).
  gpio            # GPIO pins, LED0 and LED1 among them (mote_hal_gpio_*)
  gpio_irq        # GPIO edge interrupts (mote_hal_gpio_set_interrupt)
  aux_uart        # a second UART, number 1 (mote_hal_uart_*): the OTA update link
  flash_write     # a writable flash storage region (mote_hal_flash_erase/program)
  flash_image     # a flash image made on the PC with `mote fs` can be put in the
                  # storage region before boot: by QEMU's loader at
                  # MOTE_BOARD_STORAGE_BASE, or by `mote run --flash` on the host
  rtc             # a real-time clock keeps the wall clock (else rtc_soft: unknown until set)
  reset           # mote_hal_reset() restarts the board; the storage region survives it
  semihosting     # the host's files and the exit status reach the board (QEMU semihosting)
  # Its RAM class: exactly one.
  ram_small       # 16 KiB for firmware, VM and app together: apps run from images
                  # precompiled into flash, in the SDK's small-memory mode, with
                  # small stacks (docs/ram-map.md)
  ram_large       # megabytes: apps compiled into RAM, stdio, the spec suite
  # Which of the slow whole-system tests CI runs on it: each runs on the
  # boards that say so, to keep `make test` to a bounded time.
  spec_suite      # the Wasm spec suite under QEMU (MOTE_SPEC_ON_BOARD's default)
  demo            # `make demo` as a user runs it (tests/demo)
  template        # examples/template-firmware built out of tree, both ways, and booted (tests/template)
)
