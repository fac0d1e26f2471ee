/* The host board: no fixed addresses; GPIO pins are simulated in memory. */
#ifndef MOTE_BOARD_H
#define MOTE_BOARD_H

#define MOTE_BOARD_LED0_PIN 0
#define MOTE_BOARD_LED1_PIN 1

#endif /* MOTE_BOARD_H */
