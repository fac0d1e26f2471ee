/*
 * riscv-virt: where the peripherals are (QEMU 7.2 hw/riscv/virt memory
 * map, checked by the tests in tests/qemu).
 */
#ifndef MOTE_BOARD_H
#define MOTE_BOARD_H

#define CLINT_BASE 0x02000000u
#define CLINT_MTIME_HZ 10000000u
#define PLIC_BASE 0x0C000000u
#define PLIC_SOURCE_COUNT 96u

#define NS16550_BASE 0x10000000u /* the console */
#define NS16550_CLOCK_HZ 3686400u

#define SIFIVE_TEST_BASE 0x00100000u  /* QEMU's test device: mote_hal_reset() */
#define GOLDFISH_RTC_BASE 0x00101000u /* the real-time clock (wall clock) */

/* The storage region: flash bank 0 (two 16-bit CFI chips, 256 KiB blocks). */
#define CFI_FLASH_BASE 0x20000000u
#define CFI_FLASH_SIZE 0x02000000u
#define CFI_FLASH_SECTOR_SIZE 0x00040000u

/* For firmware and tests. */
#define MOTE_BOARD_LED0_PIN 0 /* there are no LEDs: GPIO reports unsupported */
#define MOTE_BOARD_LED1_PIN 1
#define MOTE_BOARD_UNMAPPED_ADDRESS 0x04000000u /* nothing decodes here */

#endif /* MOTE_BOARD_H */
