/* `mote run`'s command line; see run_options.h and docs/cli.md. */
#include "run_options.h"

#include <stdio.h>
#include <string.h>

#include <mote/wasi.h>
#include <mote_host.h>

#include "cli.h"
#include "profiles.h"

static const char HELP[] =
    "usage: mote run [options] app.wasm [args...]\n"
    "       mote run [options] --invoke NAME app.wasm [values...]\n"
    "\n"
    "Runs a WebAssembly app on the host board, with WASI-lite as on a device:\n"
    "its _start (a command) or its mote_on_event handler (a reactor), or with\n"
    "--invoke one exported function, whose results are printed.  The exit\n"
    "status is the app's; see mote --help for mote's own.\n"
    "\n"
    "memory:\n"
    "  --arena SIZE        the arena for module and instance (default 64M, the\n"
    "                      host board's free RAM); mote inspect tells what fits\n"
    "  --mem-cap SIZE      cap on linear memory: memory.grow past it returns -1\n"
    "                      (0: none, the default)\n"
    "  --stack SIZE        instance value stack (default 64K)\n"
    "  --call-stack SIZE   instance call stack (default 8K)\n"
    "  --fuel N            stop (status 124) after N function entries and loop\n"
    "                      iterations\n"
    "app:\n"
    "  --invoke NAME       call export NAME with values parsed by its parameter\n"
    "                      types (42, 0xff, -1.5, inf, nan, nan:0x1)\n"
    "  --env K=V           an environment variable (repeatable); the app gets\n"
    "                      these and no others\n"
    "  --dir HOST[::GUEST] give the app host directory HOST as GUEST (default:\n"
    "                      HOST as written); it cannot reach outside it\n"
    "                      (repeatable; --dir none: no directory, the default)\n"
    "  --flash FILE[::GUEST]  the host board's flash is FILE (made if missing);\n"
    "                      its file system (formatted if the flash is blank) is\n"
    "                      the app's directory GUEST (default /); see mote fs\n"
    "  --pins LIST         GPIO pins the app may use: all, none, or e.g. 0,1,4-7\n"
    "                      (default all 32)\n"
    "  --timers N          timers the app may use (default and most 8)\n"
    "host board:\n"
    "  --virtual-time      the clock moves only when the app sleeps or waits:\n"
    "                      deterministic runs; the wall clock starts at\n"
    "                      2025-01-01T00:00:00Z unless --epoch\n"
    "  --epoch WHEN        start the wall clock (time(), CLOCK_REALTIME) at WHEN:\n"
    "                      seconds since 1970 or a UTC date such as\n"
    "                      2025-06-01T12:00:00Z (default: the PC's clock)\n"
    "  --time-limit TIME   stop (status 124) when the clock reaches TIME\n"
    "                      (e.g. 10s, 250ms, 10m)\n"
    "  --gpio-in SCRIPT    scripted input edges: a file, or the script itself,\n"
    "                      e.g. \"50ms 1=0; +20ms 1=1\" (pin 1 low at 50 ms, high\n"
    "                      20 ms later)\n"
    "  --gpio-trace FILE   write every pin change to FILE as VCD (GTKWave)\n"
    "  --uart WHERE        the console: stdio (default), pty, socket:PATH, tcp:PORT;\n"
    "                      the app's stderr goes to mote's stderr with stdio,\n"
    "                      to the console otherwise\n"
    "  --stats             arena use, fuel and time on stderr at the end\n"
    "  --help              this text\n"
    "\n"
    "SIZE: bytes, or with K, M, G (x1024), e.g. 65536, 64K, 1M.  Options go\n"
    "before app.wasm; everything after it is the app's.  More in docs/cli.md.\n";

/* "all", "none", or "0,1,4-7". */
static bool parse_pins(const char *text, uint64_t *out)
{
    if (!strcmp(text, "all")) {
        *out = (1ull << MOTE_HOST_GPIO_PINS) - 1;
        return true;
    }
    if (!strcmp(text, "none")) {
        *out = 0;
        return true;
    }
    uint64_t mask = 0;
    const char *p = text;
    for (;;) {
        unsigned lo, hi;
        int used = 0;
        if (sscanf(p, "%u%n", &lo, &used) != 1 || p[0] < '0' || p[0] > '9')
            return false;
        p += used;
        hi = lo;
        if (*p == '-') {
            p++;
            if (*p < '0' || *p > '9' || sscanf(p, "%u%n", &hi, &used) != 1)
                return false;
            p += used;
        }
        if (hi < lo || hi >= MOTE_HOST_GPIO_PINS)
            return false;
        for (unsigned pin = lo; pin <= hi; pin++)
            mask |= 1ull << pin;
        if (*p == '\0')
            break;
        if (*p++ != ',')
            return false;
    }
    *out = mask;
    return true;
}

/* Whether the core can make an arena of `size` bytes at all: one smaller
 * than the arena's own bookkeeping is a mistake on the command line, not a
 * module that does not fit.  (Asked of the core, with a buffer that small.) */
static bool arena_can_exist(uint64_t size)
{
    static uint64_t probe[512];
    return size >= sizeof probe || mote_arena_init(probe, (size_t)size) != NULL;
}

static int bad_value(const char *option, const char *value, const char *expected)
{
    return cli_fail(EXIT_USAGE, "%s %s: %s", option, value, expected);
}

/* The options that take a size. */
static int size_option(const char *name, const char *value, uint64_t max, uint64_t *out)
{
    if (!cli_parse_size(value, out) || *out > max)
        return bad_value(name, value, "not a size (e.g. 65536, 64K or 1M)");
    return -1;
}

static int parse_one(run_options *o, int argc, char **argv, int *i)
{
    const char *v = NULL;
    bool bad = false;
    int st = -1;
    uint64_t n = 0;
#define OPTION(name) cli_option(argc, argv, i, name, &v, &bad)
#define FLAG(name) cli_option(argc, argv, i, name, NULL, &bad)
    if (FLAG("--virtual-time")) {
        o->virtual_time = true;
    } else if (FLAG("--stats")) {
        o->stats = true;
    } else if (OPTION("--invoke")) {
        o->invoke = v;
    } else if (OPTION("--arena")) {
        st = size_option("--arena", v, SIZE_MAX, &o->arena);
        if (st < 0 && !arena_can_exist(o->arena))
            st = bad_value("--arena", v,
                           "too small even for the arena's own bookkeeping "
                           "(mote inspect tells the size an app needs)");
    } else if (OPTION("--mem-cap")) {
        st = size_option("--mem-cap", v, UINT64_MAX, &o->mem_cap);
    } else if (OPTION("--stack")) {
        st = size_option("--stack", v, UINT32_MAX, &n);
        if (st < 0 && n == 0)
            st = bad_value("--stack", v, "a stack cannot be empty");
        o->value_stack = (uint32_t)n;
    } else if (OPTION("--call-stack")) {
        st = size_option("--call-stack", v, UINT32_MAX, &n);
        if (st < 0 && n == 0)
            st = bad_value("--call-stack", v, "a stack cannot be empty");
        o->call_stack = (uint32_t)n;
    } else if (OPTION("--fuel")) {
        if (!cli_parse_uint(v, INT64_MAX - 1, &n) || n == 0)
            st = bad_value("--fuel", v, "expected a positive number of fuel units");
        o->fuel = (int64_t)n;
    } else if (OPTION("--env")) {
        if (strchr(v, '=') == NULL || v[0] == '=')
            st = bad_value("--env", v, "expected KEY=VALUE");
        else if (o->envc == RUN_MAX_ENV)
            st = bad_value("--env", v, "too many variables (at most 64)");
        else
            o->env[o->envc++] = v;
    } else if (OPTION("--dir")) {
        if (v[0] == '\0' || !strncmp(v, "::", 2))
            st = bad_value("--dir", v, "expected HOST or HOST::GUEST");
        else if (strcmp(v, "none") != 0 && o->ndirs == RUN_MAX_DIRS)
            st = bad_value("--dir", v, "too many directories (at most 8)");
        else if (strcmp(v, "none") != 0)
            o->dirs[o->ndirs++] = v;
    } else if (OPTION("--flash")) {
        if (v[0] == '\0' || !strncmp(v, "::", 2))
            st = bad_value("--flash", v, "expected FILE or FILE::GUEST");
        o->flash = v;
    } else if (OPTION("--pins")) {
        if (!parse_pins(v, &o->pins))
            st = bad_value("--pins", v, "expected all, none, or pins 0-31 such as 0,1,4-7");
    } else if (OPTION("--timers")) {
        if (!cli_parse_uint(v, MOTE_WASI_MAX_TIMERS, &n))
            st = bad_value("--timers", v, "expected a number from 0 to 8");
        o->timers = (uint32_t)n;
    } else if (OPTION("--time-limit")) {
        if (!mote_host_parse_duration(v, &o->time_limit) || o->time_limit == 0)
            st = bad_value("--time-limit", v, "expected a duration such as 10s, 250ms or 10m");
    } else if (OPTION("--gpio-in")) {
        o->gpio_in = v;
    } else if (OPTION("--gpio-trace")) {
        o->gpio_trace = v;
    } else if (OPTION("--uart")) {
        char err[160];
        o->uart = v;
        if (!mote_host_check_uart(v, err, sizeof err))
            st = cli_fail(EXIT_USAGE, "--uart: %s", err);
    } else if (OPTION("--epoch")) {
        o->epoch_given = true;
        if (!mote_host_parse_epoch(v, &o->epoch))
            st = bad_value("--epoch", v,
                           "expected seconds since 1970 or a UTC date such as "
                           "2025-06-01T12:00:00Z");
    } else {
        return cli_fail(EXIT_USAGE, "unknown option %s (see mote run --help)", argv[*i]);
    }
#undef OPTION
#undef FLAG
    return bad ? EXIT_USAGE : st;
}

int run_options_parse(run_options *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->value_stack = HOST_VALUE_STACK;
    o->call_stack = HOST_CALL_STACK;
    o->pins = (1ull << MOTE_HOST_GPIO_PINS) - 1;
    o->timers = MOTE_WASI_MAX_TIMERS;
    int i = 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(HELP, stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        if (argv[i][0] != '-' || argv[i][1] == '\0')
            break;
        int st = parse_one(o, argc, argv, &i);
        if (st >= 0)
            return st;
    }
    if (i >= argc)
        return cli_fail(EXIT_USAGE, "which app? usage: mote run [options] app.wasm [args...]");
    o->module = argv[i];
    o->args = argv + i + 1;
    o->num_args = argc - i - 1;
    return -1;
}
