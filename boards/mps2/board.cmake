# Arm MPS2 FPGA board with the AN385 or AN386 image (MOTE_BOARD_VARIANT
# an385 or an386; MOTE_BOARD=mps2-an385 says the same): one memory map and
# one set of peripherals, two CPUs.
#   an385  Cortex-M3, no FPU.  The default board.
#   an386  Cortex-M4 with single-precision FPU, hard-float ABI.
# QEMU: qemu-system-arm -M mps2-an385 / -M mps2-an386 (qemu-<variant>.args).
# Memory map: memory.ld.  Peripherals: mote_board.h.
# (The AN505 image is a board of its own, boards/mps2-an505: its SSE-200
# subsystem moves every address, interrupt number and clock.)
set(MOTE_BOARD_ARCH cortex-m)
set(MOTE_BOARD_TOOLCHAIN arm-none-eabi-)
set(MOTE_BOARD_DRIVERS cmsdk_uart cmsdk_timer mps2_fpgaio ram_nor rtc_soft)
# GPIO is the FPGAIO block's LEDs and buttons: no edge interrupts.
set(MOTE_BOARD_CAPS gpio aux_uart flash_write flash_image reset semihosting ram_large spec_suite)
set(MOTE_BOARD_STORAGE_BASE 0x00300000)     # RAM_NOR_BASE in mote_board.h
set(MOTE_BOARD_LED_TRACE mps2_fpgaio_write "offset 0x0 data 0x1 ")
if(MOTE_BOARD_VARIANT STREQUAL "an385")
  set(MOTE_BOARD_CPU cortex-m3)
  set(MOTE_BOARD_CPU_FLAGS -mcpu=cortex-m3 -mthumb -mfloat-abi=soft)
  list(APPEND MOTE_BOARD_CAPS demo template)
elseif(MOTE_BOARD_VARIANT STREQUAL "an386")
  set(MOTE_BOARD_CPU cortex-m4)
  set(MOTE_BOARD_CPU_FLAGS -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16)
else()
  message(FATAL_ERROR "mps2: set MOTE_BOARD_VARIANT to an385 or an386 "
                      "(or MOTE_BOARD to mps2-an385 or mps2-an386)")
endif()
