/* mote_hal_init(): the bring-up order every board shares. */
#include "mote_port.h"

void mote_hal_init(void)
{
    /* The console first, so that anything that goes wrong later can be told. */
    mote_port_console_init();
    /* Drivers attach their interrupts while the CPU still masks them all. */
    mote_port_irq_init();
    mote_port_timer_init();
    mote_port_gpio_init();
    mote_port_flash_init();
    mote_port_rtc_init();
    mote_port_irq_enable_all();
}
