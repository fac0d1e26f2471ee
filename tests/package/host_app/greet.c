/* greet -- a wasi-libc app built with the installed SDK. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    (void)argv;
    const char *greeting = getenv("GREETING");
    printf("%s from a Wasm app, %d argument(s)\n", greeting ? greeting : "hi", argc - 1);
    return 3;
}
