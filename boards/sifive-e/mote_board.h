/*
 * sifive-e: where the peripherals are (FE310-G000 manual; checked against
 * QEMU 7.2's sifive_e machine by the tests in tests/qemu).
 */
#ifndef MOTE_BOARD_H
#define MOTE_BOARD_H

#define CLINT_BASE 0x02000000u
#define CLINT_MTIME_HZ 10000000u /* QEMU's CLINT; a real FE310 ticks at 32768 Hz */
#define PLIC_BASE 0x0C000000u
#define PLIC_SOURCE_COUNT 53u

#define SIFIVE_UART_BASE 0x10013000u /* UART0: the console */
#define SIFIVE_UART_CLOCK_HZ 16000000u
#define SIFIVE_UART_IOF_GPIO_BASE 0x10012000u
#define SIFIVE_UART_IOF_PINS ((1u << 16) | (1u << 17)) /* RX, TX */

#define SIFIVE_GPIO_BASE 0x10012000u
#define SIFIVE_GPIO_IRQ0 8u /* PLIC source of pin 0; pin n is 8 + n */
#define SIFIVE_GPIO_RESERVED SIFIVE_UART_IOF_PINS

/* The storage region: the SPI flash after the image (read-only here). */
#define XIP_FLASH_BASE 0x20C00000u
#define XIP_FLASH_SIZE 0x00400000u
#define XIP_FLASH_SECTOR_SIZE 4096u
#define XIP_FLASH_WRITE_SIZE 1u

/* For firmware and tests. */
#define MOTE_BOARD_LED0_PIN 19                  /* HiFive1: green */
#define MOTE_BOARD_LED1_PIN 21                  /* HiFive1: blue */
#define MOTE_BOARD_UNMAPPED_ADDRESS 0x40000000u /* nothing decodes here */

#endif /* MOTE_BOARD_H */
