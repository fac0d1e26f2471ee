/*
 * harness.c -- runs README.md's embedding example (its ```c block, compiled
 * as printed) on the host: supplies the board functions the example names
 * and a module (app_wasm, linked in from one of the .wat files here), calls
 * run_app() and checks what came back and what was printed.
 *
 *   readme-embed <expected result> <expected log> <expected error substring>
 *
 * An empty expected error means none may be printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int run_app(void);

static char logged[256];
static size_t logged_len;
static char error[512];

void board_print(const char *text, size_t len)
{
    fwrite(text, 1, len, stdout);
    if (len > sizeof logged - 1 - logged_len)
        len = sizeof logged - 1 - logged_len;
    memcpy(logged + logged_len, text, len);
    logged_len += len;
}

void board_print_error(const char *message)
{
    fprintf(stdout, "error: %s\n", message);
    snprintf(error, sizeof error, "%s", message);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: readme-embed RESULT LOG ERROR\n", stderr);
        return 2;
    }
    int want = atoi(argv[1]);
    int failures = 0;
    /* Twice: the arena is set up afresh on every call. */
    for (int round = 1; round <= 2; round++) {
        logged_len = 0;
        logged[0] = error[0] = '\0';
        int got = run_app();
        logged[logged_len] = '\0';
        if (got != want) {
            printf("FAIL (call %d): run_app() returned %d, expected %d\n", round, got, want);
            failures++;
        }
        if (strcmp(logged, argv[2]) != 0) {
            printf("FAIL (call %d): the app logged '%s', expected '%s'\n", round, logged, argv[2]);
            failures++;
        }
        if (argv[3][0] == '\0' ? error[0] != '\0' : strstr(error, argv[3]) == NULL) {
            printf("FAIL (call %d): error '%s', expected '%s'\n", round, error, argv[3]);
            failures++;
        }
    }
    if (failures == 0)
        printf("readme example: run_app() = %d as expected\n", want);
    return failures != 0;
}
