/*
 * microbit: where the peripherals are (nRF51 Series Reference Manual
 * v3.0, micro:bit v1 schematic; checked against QEMU 7.2's microbit
 * machine by the tests in tests/qemu).
 */
#ifndef MOTE_BOARD_H
#define MOTE_BOARD_H

#define MOTE_BOARD_IRQ_COUNT 32 /* external interrupts in the vector table */

/* TIMER0: the time base and the deadline timer (drivers/nrf51_timer.c). */
#define NRF51_TIMER_BASE 0x40008000u
#define NRF51_TIMER_IRQ 8

#define NRF51_UART_BASE 0x40002000u /* UART0: the console */
#define NRF51_UART_TX_PIN 24u       /* micro:bit edge connector / USB bridge */
#define NRF51_UART_RX_PIN 25u

#define NRF51_GPIO_BASE 0x50000000u
#define NRF51_GPIO_RESERVED ((1u << NRF51_UART_TX_PIN) | (1u << NRF51_UART_RX_PIN))

/* The storage region: the last 32 KiB of flash, after the image, erased
 * and programmed through the NVMC (drivers/nrf51_nvmc.c). */
#define NRF51_NVMC_BASE 0x4001E000u
#define NRF51_NVMC_STORAGE_BASE 0x00038000u
#define NRF51_NVMC_STORAGE_SIZE 0x00008000u
#define NRF51_NVMC_PAGE_SIZE 1024u

/* For firmware and tests.  The LEDs are a 3x9 matrix: a row pin high
 * (13..15) with its column pin (4..12) low lights one; rows stand for
 * LEDs here. */
#define MOTE_BOARD_LED0_PIN 13                  /* ROW1 */
#define MOTE_BOARD_LED1_PIN 14                  /* ROW2 */
#define MOTE_BOARD_UNMAPPED_ADDRESS 0x30000000u /* nothing decodes here: a bus fault */

#endif /* MOTE_BOARD_H */
