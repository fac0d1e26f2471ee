/*
 * uart-echo -- reads lines from the console (stdin is the board's UART)
 * and echoes each back, until end of input (Ctrl-D) or a line "quit".
 * Plain stdio: fgets blocks in fd_read while the CPU sleeps.
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[128];
    int count = 0;
    printf("uart-echo: type lines; Ctrl-D or \"quit\" ends\n");
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strcmp(line, "quit") == 0)
            break;
        printf("echo: %s\n", line);
        count++;
    }
    printf("uart-echo: %d lines\n", count);
    return 0;
}
