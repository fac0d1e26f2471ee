/*
 * mps2-an505: where the peripherals are (AN505 application note and the
 * SSE-200 reference manual, Secure aliases; checked against QEMU 7.2's
 * mps2-an505 machine by the tests in tests/qemu).
 */
#ifndef MOTE_BOARD_H
#define MOTE_BOARD_H

#define MOTE_BOARD_IRQ_COUNT 96 /* external interrupts in the vector table */

#define CMSDK_APB_CLOCK_HZ 20000000u     /* SSE-200 main clock */
#define CMSDK_UART_BASE 0x50200000u      /* UART0: the console */
#define CMSDK_UART_AUX_BASES 0x50201000u /* UART1 (QEMU: the second -serial) */
#define CMSDK_TIMEBASE_BASE 0x50000000u  /* SSE-200 TIMER0 */
#define CMSDK_TIMEBASE_IRQ 3
#define CMSDK_DEADLINE_BASE 0x50001000u /* SSE-200 TIMER1 */
#define CMSDK_DEADLINE_IRQ 4
#define MPS2_FPGAIO_BASE 0x50302000u /* LEDs and buttons */

/* The storage region: the last MiB of SSRAM1, outside the image. */
#define RAM_NOR_BASE 0x10300000u
#define RAM_NOR_SIZE 0x00100000u
#define RAM_NOR_SECTOR_SIZE 4096u
#define RAM_NOR_WRITE_SIZE 4u

/* For firmware and tests. */
#define MOTE_BOARD_LED0_PIN 0
#define MOTE_BOARD_LED1_PIN 1
#define MOTE_BOARD_UNMAPPED_ADDRESS 0x70000000u /* nothing decodes here: a bus fault */

#endif /* MOTE_BOARD_H */
