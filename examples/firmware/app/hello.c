/*
 * The example Wasm app: freestanding C, no libc.  It imports one host
 * function, env.print(text, length), and exports run(n), which prints
 * the n-th Fibonacci number; what run() returns becomes the firmware's
 * exit status.  n comes from the firmware, so the compiler cannot fold
 * the work away: the VM really runs the loop.
 */
#define IMPORT(name) __attribute__((import_module("env"), import_name(name)))

IMPORT("print") void print(const char *text, int length);

int run(unsigned n);

static int length_of(const char *text)
{
    int n = 0;
    while (text[n] != '\0')
        n++;
    return n;
}

static void say(const char *text)
{
    print(text, length_of(text));
}

static unsigned fibonacci(unsigned n)
{
    unsigned a = 0, b = 1;
    while (n-- > 0) {
        unsigned next = a + b;
        a = b;
        b = next;
    }
    return a;
}

/* Writes the decimal digits of value and a newline; returns the length. */
static int format_line(unsigned value, char *out)
{
    char digits[10];
    int count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (int i = 0; i < count; i++)
        out[i] = digits[count - 1 - i];
    out[count] = '\n';
    return count + 1;
}

int run(unsigned n)
{
    say("hello from wasm\n");
    char line[12];
    int length = format_line(n, line) - 1; /* without the newline */
    say("fib(");
    print(line, length);
    say(") = ");
    print(line, format_line(fibonacci(n), line));
    return 42;
}
