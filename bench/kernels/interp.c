/* interp: a bytecode interpreter: a stack machine with 28 opcodes
 * dispatched by one dense switch (a br_table in wasm), the inner loop of
 * every scripting engine or protocol parser on an MCU. Two programs run on
 * it: the Collatz step count over a range of numbers (arithmetic and
 * branches) and a sieve in the machine's memory summing a function of the
 * primes through a call (loads, stores, call/return).
 *
 * scale = iterations; each runs both programs on different inputs.
 * Check: the Collatz total is recomputed directly in C; the prime sum is
 * compared with a table built once by trial division. */
#include "bench.h"

enum {
    HALT,
    PUSH,
    PUSHW,
    LOAD,
    STORE,
    INC,
    ADD,
    SUB,
    MUL,
    DIVU,
    REMU,
    AND,
    OR,
    XOR,
    SHL,
    SHRU,
    LTU,
    EQ,
    NE,
    JMP,
    JZ,
    JNZ,
    DUP,
    DROP,
    SWAP,
    MLOAD,
    MSTORE,
    CALL,
    RET,
    NOPS
};

#define MEM_WORDS 4096u
#define CODE_MAX 128

static uint32_t mem[MEM_WORDS];

/* Runs code with the given locals and returns the top of stack at HALT.
 * Instruction word: opcode in bits 0-7, operand in bits 8-31. */
static uint32_t run(const uint32_t *code, uint32_t *local)
{
    uint32_t stack[32], *sp = stack; /* sp points above the top */
    uint32_t ret[8], *rp = ret;
    const uint32_t *pc = code;
    for (;;) {
        uint32_t w = *pc++, arg = w >> 8, t;
        switch (w & 0xffu) {
        case HALT: return sp[-1];
        case PUSH: *sp++ = arg; break;
        case PUSHW: *sp++ = *pc++; break;
        case LOAD: *sp++ = local[arg]; break;
        case STORE: local[arg] = *--sp; break;
        case INC: local[arg & 15u] += arg >> 4; break;
        case ADD:
            sp--;
            sp[-1] += sp[0];
            break;
        case SUB:
            sp--;
            sp[-1] -= sp[0];
            break;
        case MUL:
            sp--;
            sp[-1] *= sp[0];
            break;
        case DIVU:
            sp--;
            sp[-1] = sp[0] ? sp[-1] / sp[0] : 0;
            break;
        case REMU:
            sp--;
            sp[-1] = sp[0] ? sp[-1] % sp[0] : 0;
            break;
        case AND:
            sp--;
            sp[-1] &= sp[0];
            break;
        case OR:
            sp--;
            sp[-1] |= sp[0];
            break;
        case XOR:
            sp--;
            sp[-1] ^= sp[0];
            break;
        case SHL:
            sp--;
            sp[-1] <<= sp[0] & 31u;
            break;
        case SHRU:
            sp--;
            sp[-1] >>= sp[0] & 31u;
            break;
        case LTU:
            sp--;
            sp[-1] = sp[-1] < sp[0];
            break;
        case EQ:
            sp--;
            sp[-1] = sp[-1] == sp[0];
            break;
        case NE:
            sp--;
            sp[-1] = sp[-1] != sp[0];
            break;
        case JMP: pc = code + arg; break;
        case JZ:
            if (*--sp == 0)
                pc = code + arg;
            break;
        case JNZ:
            if (*--sp != 0)
                pc = code + arg;
            break;
        case DUP:
            sp[0] = sp[-1];
            sp++;
            break;
        case DROP: sp--; break;
        case SWAP:
            t = sp[-1];
            sp[-1] = sp[-2];
            sp[-2] = t;
            break;
        case MLOAD: sp[-1] = mem[sp[-1] % MEM_WORDS]; break;
        case MSTORE:
            sp -= 2;
            mem[sp[0] % MEM_WORDS] = sp[1];
            break;
        case CALL:
            *rp++ = (uint32_t)(pc - code);
            pc = code + arg;
            break;
        case RET: pc = code + *--rp; break;
        default: return 0xdeadu; /* corrupt program */
        }
    }
}

/* ---- a tiny assembler with forward labels ------------------------------ */

struct prog {
    uint32_t code[CODE_MAX];
    uint32_t n;
    uint32_t label[16];
    uint32_t fix_at[16], fix_label[16], nfix;
};

static void op(struct prog *p, uint32_t o, uint32_t arg)
{
    p->code[p->n++] = arg << 8 | o;
}

static void jump(struct prog *p, uint32_t o, uint32_t label)
{
    p->fix_at[p->nfix] = p->n;
    p->fix_label[p->nfix++] = label;
    op(p, o, 0);
}

static void here(struct prog *p, uint32_t label)
{
    p->label[label] = p->n;
}

static void resolve(struct prog *p)
{
    for (uint32_t i = 0; i < p->nfix; i++)
        p->code[p->fix_at[i]] |= p->label[p->fix_label[i]] << 8;
}

/* locals: 0 n, 1 end, 2 x, 3 steps. Returns total Collatz steps of
 * n in [n, end). */
static void build_collatz(struct prog *p)
{
    enum { L_N, L_X, L_ODD, L_CONT, L_NEXT, L_DONE };
    here(p, L_N);
    op(p, LOAD, 0);
    op(p, LOAD, 1);
    op(p, LTU, 0);
    jump(p, JZ, L_DONE);
    op(p, LOAD, 0);
    op(p, STORE, 2);
    here(p, L_X); /* while x - 1 != 0 */
    op(p, LOAD, 2);
    op(p, PUSH, 1);
    op(p, SUB, 0);
    jump(p, JZ, L_NEXT);
    op(p, LOAD, 2);
    op(p, PUSH, 1);
    op(p, AND, 0);
    jump(p, JNZ, L_ODD);
    op(p, LOAD, 2);
    op(p, PUSH, 1);
    op(p, SHRU, 0);
    op(p, STORE, 2);
    jump(p, JMP, L_CONT);
    here(p, L_ODD); /* x + (x << 1) + 1 */
    op(p, LOAD, 2);
    op(p, DUP, 0);
    op(p, PUSH, 1);
    op(p, SHL, 0);
    op(p, ADD, 0);
    op(p, PUSH, 1);
    op(p, ADD, 0);
    op(p, STORE, 2);
    here(p, L_CONT);
    op(p, INC, 3 | 1 << 4);
    jump(p, JMP, L_X);
    here(p, L_NEXT);
    op(p, INC, 0 | 1 << 4);
    jump(p, JMP, L_N);
    here(p, L_DONE);
    op(p, LOAD, 3);
    op(p, HALT, 0);
    resolve(p);
}

/* locals: 0 i, 1 j, 2 limit, 3 sum. Sieves mem[2..limit) and returns the
 * sum over primes p < limit of weight(p) = (p*p) % 1000 ^ (p / 8), where
 * weight is a called subroutine. */
static void build_primes(struct prog *p)
{
    enum { L_CLR, L_SV0, L_SV, L_IN, L_SVN, L_SUM0, L_SM, L_SMN, L_END, L_W };
    op(p, PUSH, 2);
    op(p, STORE, 0);
    here(p, L_CLR);
    op(p, LOAD, 0);
    op(p, LOAD, 2);
    op(p, LTU, 0);
    jump(p, JZ, L_SV0);
    op(p, LOAD, 0);
    op(p, PUSH, 1);
    op(p, MSTORE, 0);
    op(p, INC, 0 | 1 << 4);
    jump(p, JMP, L_CLR);
    here(p, L_SV0);
    op(p, PUSH, 2);
    op(p, STORE, 0);
    here(p, L_SV);
    op(p, LOAD, 0);
    op(p, DUP, 0);
    op(p, MUL, 0);
    op(p, LOAD, 2);
    op(p, LTU, 0);
    jump(p, JZ, L_SUM0);
    op(p, LOAD, 0);
    op(p, MLOAD, 0);
    jump(p, JZ, L_SVN);
    op(p, LOAD, 0);
    op(p, DUP, 0);
    op(p, MUL, 0);
    op(p, STORE, 1);
    here(p, L_IN);
    op(p, LOAD, 1);
    op(p, LOAD, 2);
    op(p, LTU, 0);
    jump(p, JZ, L_SVN);
    op(p, LOAD, 1);
    op(p, PUSH, 0);
    op(p, MSTORE, 0);
    op(p, LOAD, 1);
    op(p, LOAD, 0);
    op(p, ADD, 0);
    op(p, STORE, 1);
    jump(p, JMP, L_IN);
    here(p, L_SVN);
    op(p, INC, 0 | 1 << 4);
    jump(p, JMP, L_SV);
    here(p, L_SUM0);
    op(p, PUSH, 2);
    op(p, STORE, 0);
    op(p, PUSH, 0);
    op(p, STORE, 3);
    here(p, L_SM);
    op(p, LOAD, 0);
    op(p, LOAD, 2);
    op(p, LTU, 0);
    jump(p, JZ, L_END);
    op(p, LOAD, 0);
    op(p, MLOAD, 0);
    op(p, PUSH, 0);
    op(p, EQ, 0);
    jump(p, JNZ, L_SMN);
    op(p, LOAD, 3);
    op(p, LOAD, 0);
    jump(p, CALL, L_W);
    op(p, ADD, 0);
    op(p, STORE, 3);
    here(p, L_SMN);
    op(p, INC, 0 | 1 << 4);
    jump(p, JMP, L_SM);
    here(p, L_END);
    op(p, LOAD, 3);
    op(p, HALT, 0);
    here(p, L_W); /* (p -- weight) */
    op(p, DUP, 0);
    op(p, DUP, 0);
    op(p, MUL, 0);
    op(p, PUSHW, 0);
    p->code[p->n++] = 1000; /* PUSHW's operand word */
    op(p, REMU, 0);
    op(p, SWAP, 0);
    op(p, PUSH, 8);
    op(p, DIVU, 0);
    op(p, XOR, 0);
    op(p, RET, 0);
    resolve(p);
}

/* ---- references -------------------------------------------------------- */

static uint32_t collatz_direct(uint32_t lo, uint32_t hi)
{
    uint32_t steps = 0;
    for (uint32_t n = lo; n < hi; n++)
        for (uint32_t x = n; x != 1; steps++)
            x = (x & 1u) ? 3u * x + 1u : x >> 1;
    return steps;
}

/* prime_sum[L] = sum of weight(p) over primes p < L, by trial division. */
static uint32_t prime_sum[MEM_WORDS + 1];

static void build_prime_sums(void)
{
    uint32_t sum = 0;
    prime_sum[0] = 0;
    for (uint32_t n = 0; n < MEM_WORDS; n++) {
        int prime = n >= 2;
        for (uint32_t d = 2; prime && d * d <= n; d++)
            prime = n % d != 0;
        if (prime)
            sum += ((n * n) % 1000u) ^ (n / 8u);
        prime_sum[n + 1] = sum;
    }
}

#define COLLATZ_WIDTH 48u

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    static struct prog collatz, primes;
    collatz.n = collatz.nfix = primes.n = primes.nfix = 0;
    build_collatz(&collatz);
    build_primes(&primes);
    build_prime_sums();
    if (prime_sum[10] != (4u ^ 0) + (9u ^ 0) + (25u ^ 0) + (49u ^ 0))
        return 1; /* 2, 3, 5, 7: the reference itself is sane */

    for (uint32_t it = 0; it < scale; it++) {
        /* Starting values stay below 100000, where no Collatz orbit
         * leaves 32 bits. */
        uint32_t lo = 1 + (it * 997u) % 99000u;
        uint32_t local[4] = {lo, lo + COLLATZ_WIDTH, 0, 0};
        if (run(collatz.code, local) != collatz_direct(lo, lo + COLLATZ_WIDTH))
            return 2;

        uint32_t limit = 1024 + (it * 131u) % (MEM_WORDS - 1024);
        uint32_t plocal[4] = {0, 0, limit, 0};
        if (run(primes.code, plocal) != prime_sum[limit])
            return 3;
    }
    return 0;
}
