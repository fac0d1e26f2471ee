/*
 * mps2 (AN385 and AN386 images): where the peripherals are (AN385 and
 * AN386 application notes; checked against QEMU 7.2's mps2-an385 and
 * mps2-an386 machines by the tests in tests/qemu).
 */
#ifndef MOTE_BOARD_H
#define MOTE_BOARD_H

#define MOTE_BOARD_IRQ_COUNT 32 /* external interrupts in the vector table */

#define CMSDK_APB_CLOCK_HZ 25000000u     /* clock of the APB peripherals */
#define CMSDK_UART_BASE 0x40004000u      /* UART0: the console */
#define CMSDK_UART_AUX_BASES 0x40005000u /* UART1 (QEMU: the second -serial) */
#define CMSDK_TIMEBASE_BASE 0x40000000u  /* TIMER0 */
#define CMSDK_TIMEBASE_IRQ 8
#define CMSDK_DEADLINE_BASE 0x40001000u /* TIMER1 */
#define CMSDK_DEADLINE_IRQ 9
#define MPS2_FPGAIO_BASE 0x40028000u /* LEDs and buttons */

/* The storage region: the last MiB of code SSRAM, outside the image
 * (board.cmake's MOTE_BOARD_STORAGE_BASE too). */
#define RAM_NOR_BASE 0x00300000u
#define RAM_NOR_SIZE 0x00100000u
#define RAM_NOR_SECTOR_SIZE 4096u
#define RAM_NOR_WRITE_SIZE 4u

/* For firmware and tests. */
#define MOTE_BOARD_LED0_PIN 0
#define MOTE_BOARD_LED1_PIN 1
#define MOTE_BOARD_UNMAPPED_ADDRESS 0x30000000u /* nothing decodes here: a bus fault */

#endif /* MOTE_BOARD_H */
