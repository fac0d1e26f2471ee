/* The host board: no fixed addresses; its 32 GPIO pins are simulated
 * (port/host/gpio.c; input scripts and traces in boards/host). */
#ifndef MOTE_BOARD_H
#define MOTE_BOARD_H

#define MOTE_BOARD_LED0_PIN 0
#define MOTE_BOARD_LED1_PIN 1

#endif /* MOTE_BOARD_H */
