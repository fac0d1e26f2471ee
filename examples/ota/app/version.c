/*
 * The app the OTA example installs, built in three versions
 * (APP_VERSION=1, 2, 3; see CMakeLists.txt).  It prints who it is and
 * returns its exit status, which is the firmware's check of a new app:
 * 0 passes.  Version 3 is a broken release that fails it, so the firmware
 * rolls back.
 */
#include <stdio.h>

int main(void)
{
    switch (APP_VERSION) {
    case 1: printf("app: version %d, the factory app\n", APP_VERSION); return 0;
    case 2: printf("app: version %d, delivered over the air\n", APP_VERSION); return 0;
    default: printf("app: version %d, a broken release: self-test failed\n", APP_VERSION); return 3;
    }
}
