#!/usr/bin/env python3
"""Reference for kernels/nbody.c: the same set-up and the same velocity
Verlet steps, written out independently in Python, whose floats are IEEE
binary64 with correctly rounded + - * / and sqrt, like every target of the
kernel (no FMA contraction: -std=c11 turns it off, and wasm/soft-float have
none). Prints the FNV-1a hash of the state after CHECK_STEPS steps, which
nbody.c checks bit for bit. Re-run it if nbody.c's set-up or step changes."""
import math
import struct

NB = 8
DT = 0.001
CHECK_STEPS = 100
SEED = 0x0B0D1E5


def xorshift32(state):
    while True:
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        yield state


def setup():
    gen = xorshift32(SEED)
    below = lambda n: next(gen) % n
    x = [[0.0] * 3 for _ in range(NB)]
    v = [[0.0] * 3 for _ in range(NB)]
    m = [1.0] + [0.0] * (NB - 1)
    r = 1.0
    for i in range(1, NB):
        ux = float(below(2001)) - 1000.0
        uy = float(below(2001)) - 1000.0
        n = math.sqrt(ux * ux + uy * uy)
        if n < 1.0:
            ux, n = 1.0, 1.0
        ux /= n
        uy /= n
        tilt = (float(below(1001)) - 500.0) * 1e-5
        speed = math.sqrt(1.0 / r)
        x[i] = [r * ux, r * uy, r * tilt]
        v[i] = [-speed * uy, speed * ux, speed * tilt]
        m[i] = 1e-4 * (1.0 + float(below(1000)) / 1000.0)
        r *= 1.6
    for i in range(1, NB):
        for k in range(3):
            v[0][k] -= m[i] * v[i][k] / m[0]
    return x, v, m


def accelerations(x, m):
    a = [[0.0] * 3 for _ in range(NB)]
    for i in range(NB):
        for j in range(i + 1, NB):
            d = [x[j][k] - x[i][k] for k in range(3)]
            r2 = 0.0
            for k in range(3):
                r2 += d[k] * d[k]
            inv = 1.0 / (r2 * math.sqrt(r2))
            for k in range(3):
                a[i][k] += d[k] * (m[j] * inv)
                a[j][k] -= d[k] * (m[i] * inv)
    return a


def main():
    x, v, m = setup()
    a = accelerations(x, m)
    half = 0.5 * DT
    for _ in range(CHECK_STEPS):
        for i in range(NB):
            for k in range(3):
                v[i][k] += half * a[i][k]
                x[i][k] += DT * v[i][k]
        a = accelerations(x, m)
        for i in range(NB):
            for k in range(3):
                v[i][k] += half * a[i][k]
    h = 0xCBF29CE484222325
    for i in range(NB):
        for val in x[i] + v[i]:
            bits = struct.unpack("<Q", struct.pack("<d", val))[0]
            h = ((h ^ bits) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    print(f"0x{h:016x}")


if __name__ == "__main__":
    main()
