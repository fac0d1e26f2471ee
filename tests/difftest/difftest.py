#!/usr/bin/env python3
"""Differential testing of mote against wabt's reference interpreter.

For each seed: random bytes -> binaryen `wasm-opt -ttf` -> a random valid
module.  Both wabt (wasm-validate) and mote judge its validity; a valid one
is instrumented (instrument.py), and the same calls, with the same
arguments, run in mote (mote-difftest) and in wabt (spectest-interp, from a
generated JSON script).  Results, traps, host-call logs, binaryen's own
memory hash and a hash of all memory and globals must agree.

    difftest.py --driver build/.../mote-difftest [--emulator qemu-i386] [--count N] [--seed S]
                [--out DIR] [--progress N] [--not-built MOTE_WITH_X ...] [--replay DIR...]

Floats cross the boundary as bits; two NaNs of a float result compare
equal, and logged NaNs are folded as one value (instrument.py).  NaN
payloads may still legitimately differ where they reach integers
(reinterpret), memory or globals, so odd seeds are generated with binaryen's
--denan (NaNs become 0 at run time: the comparison is strict), and on even
seeds a mismatch that disappears when the same module is re-run with
--denan counts as a NaN divergence, not a failure (saved in
OUT/nan_divergence-<seed>/ for inspection).

A call that runs out of fuel in mote, or a script that times out in wabt,
makes the module inconclusive; a crash of spectest-interp is counted as a
reference crash.  A mote built without some feature groups (MOTE_WITH_<GROUP>
off, as in the minimal configuration) is given them with --not-built (as the
spec runner's --not-built-ok): a module it refuses as "not in this build"
naming one of them is skipped and counted as such, never compared; in a
build with the group (no --not-built) the refusal is a validation mismatch.
Each mismatch is saved in OUT/mismatch-<seed>/ (raw module, instrumented
module, calls, both outputs); reduce.py minimises it, and a folder copied to
tests/difftest/regressions/ is re-run by --replay.
Exit status: 0 if nothing mismatched.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from instrument import instrument, Unsupported  # noqa: E402

# mote's features (README): 2.0 without SIMD, plus tail calls.  Reference
# types only on some seeds: binaryen 108 then often emits typed function
# references, which both sides must reject (a validation comparison).
BASE_FEATURES = ['--enable-sign-ext', '--enable-nontrapping-float-to-int',
                 '--enable-bulk-memory', '--enable-multivalue',
                 '--enable-mutable-globals', '--enable-tail-call']
WABT_FEATURES = ['--enable-tail-call']
TIMEOUT = 60
CALLS_PER_EXPORT = 2
# The MOTE_WITH_<GROUP> options this build of mote leaves out (--not-built).
NOT_BUILT = ()

# wabt's trap messages -> the kinds mote-difftest prints
WABT_TRAPS = [
    ('unreachable', 'unreachable'),
    ('out of bounds memory access', 'oob_memory'),
    ('out of bounds table access', 'oob_table'),
    ('undefined table index', 'undefined_element'),
    ('uninitialized table element', 'uninitialized_element'),
    ('indirect call signature mismatch', 'indirect_type'),
    ('integer divide by zero', 'div_zero'),
    ('integer overflow', 'overflow'),
    ('invalid conversion to integer', 'conversion'),
    ('call stack exhausted', 'stack'),
]

EDGE32 = [0, 1, 0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 0xFFFF, 0x10000, 65535 * 16]
EDGE64 = [0, 1, (1 << 64) - 1, 1 << 63, (1 << 63) - 1, 0xFFFFFFFF, 1 << 32]
EDGE_F32 = [0, 0x80000000, 0x3F800000, 0x7F800000, 0xFF800000, 0x7FC00000, 0x7FA00001,
            0x00000001, 0x4F000000, 0xCF000000]
EDGE_F64 = [0, 1 << 63, 0x3FF0000000000000, 0x7FF0000000000000, 0xFFF0000000000000,
            0x7FF8000000000000, 0x7FF4000000000001, 1, 0x41E0000000000000, 0xC3E0000000000000]


def not_built(mote_out):
    """The refusal in mote-difftest's output if it is "not in this build"
    (MOTE_ERR_UNSUPPORTED) naming an option left out of this build, else
    None."""
    line = mote_out.splitlines()[0] if mote_out else ''
    if line.startswith('load: not in this build ') and any(f'({o})' in line for o in NOT_BUILT):
        return line
    return None


def run(cmd, timeout=TIMEOUT, **kw):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        return None


def random_arg(rng, t):
    """(mote-difftest token, JSON value) for a parameter of the ORIGINAL
    type t; the wrapper takes floats as integer bits."""
    if t in ('funcref', 'externref'):
        return f'{t}:null', {'type': t, 'value': 'null'}
    edge = rng.random() < 0.5
    if t == 'i32':
        v, wt = rng.choice(EDGE32) if edge else rng.getrandbits(32), 'i32'
    elif t == 'i64':
        v, wt = rng.choice(EDGE64) if edge else rng.getrandbits(64), 'i64'
    elif t == 'f32':
        v, wt = rng.choice(EDGE_F32) if edge else rng.getrandbits(32), 'i32'
    else:
        v, wt = rng.choice(EDGE_F64) if edge else rng.getrandbits(64), 'i64'
    return f'{wt}:{v}', {'type': wt, 'value': str(v)}


def make_calls(exports, rng):
    """[(name, [mote tokens], [json args], original result types)]."""
    names = {e[0] for e in exports}
    calls = []
    for name, params, results in exports:
        if name in ('hangLimitInitializer', '__mote_hash', '__mote_log'):
            continue
        for _ in range(CALLS_PER_EXPORT):
            if 'hangLimitInitializer' in names:
                calls.append(('hangLimitInitializer', [], [], []))
            args = [random_arg(rng, t) for t in params]
            calls.append((name, [a[0] for a in args], [a[1] for a in args], results))
            calls.append(('__mote_log', [], [], ['i64', 'i32']))
    calls.append(('__mote_hash', [], [], ['i64']))
    return calls


def normalise_wabt(text):
    """spectest-interp's output -> mote-difftest's lines."""
    out = []
    for line in text.splitlines():
        if line.startswith('called host spectest.print_'):
            arg = line[line.index('(') + 1:line.rindex(')')]
            out.append('print ' + arg)
        elif ' =>' in line and '(' in line.split(' =>')[0]:
            head, _, tail = line.partition(' =>')
            name = head[:head.index('(')]
            tail = tail.strip()
            if tail.startswith('error: '):
                msg = tail[len('error: '):]
                kind = next((k for p, k in WABT_TRAPS if msg.startswith(p)), 'other:' + msg)
                out.append(f'{name} => trap:{kind}')
            else:
                vals = [v.strip() for v in tail.split(',') if v.strip()]
                out.append(' '.join([f'{name} =>'] + vals))
    return out


def is_nan(bits, width):
    if width == 32:
        return (bits & 0x7F800000) == 0x7F800000 and (bits & 0x7FFFFF) != 0
    return (bits & 0x7FF0000000000000) == 0x7FF0000000000000 and (bits & 0xFFFFFFFFFFFFF) != 0


def same_call(a, b, results):
    """Compares two result lines; float results compare NaN == NaN."""
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or ta[:2] != tb[:2] or len(ta) - 2 != len(results):
        return False
    for x, y, t in zip(ta[2:], tb[2:], results):
        if x == y:
            continue
        if t not in ('f32', 'f64'):
            return False
        vx, vy = int(x.split(':')[1]), int(y.split(':')[1])
        width = 32 if t == 'f32' else 64
        if not (is_nan(vx, width) and is_nan(vy, width)):
            return False
    return True


def compare(mote_lines, wabt_lines, calls):
    """None if they agree, else a description of the first difference."""
    results_of = {}
    for name, _, _, results in calls:
        results_of[name] = results
    for i in range(max(len(mote_lines), len(wabt_lines))):
        a = mote_lines[i] if i < len(mote_lines) else '<end>'
        b = wabt_lines[i] if i < len(wabt_lines) else '<end>'
        if ' =>' in a and ' =>' in b:
            name = a.split(' =>')[0]
            if same_call(a, b, results_of.get(name, [])):
                continue
        elif a == b:
            continue
        return f'line {i + 1}: mote "{a}" vs wabt "{b}"'
    return None


def wabt_script(wasm_name, calls):
    cmds = [{'type': 'module', 'line': 1, 'filename': wasm_name}]
    for i, (name, _, jargs, _) in enumerate(calls):
        cmds.append({'type': 'action', 'line': i + 2,
                     'action': {'type': 'invoke', 'field': name, 'args': jargs},
                     'expected': []})
    return {'source_filename': 'difftest.wast', 'commands': cmds}


class Stats:
    KEYS = ('generated', 'compared', 'calls', 'agree', 'mismatch', 'validation_mismatch',
            'nan_divergence', 'invalid_both', 'inconclusive', 'reference_crash',
            'unsupported', 'not_built', 'tool_error')

    def __init__(self):
        self.counts = {k: 0 for k in self.KEYS}
        self.failures = []

    def add(self, key, n=1):
        self.counts[key] += n


class Outcome:
    """What one module did.  kind: agree, mismatch, validation_mismatch,
    invalid_both, inconclusive, reference_crash, unsupported, not_built,
    tool_error."""

    def __init__(self, kind, diff='', calls=0, mote_out='', wabt_out=''):
        self.kind, self.diff, self.calls = kind, diff, calls
        self.mote_out, self.wabt_out = mote_out, wabt_out


def evaluate(work, raw, driver, rng):
    """Judges raw (a .wasm in folder work): validity on both sides, then the
    instrumented module's calls in both."""
    wabt_valid = run(['wasm-validate'] + WABT_FEATURES + [raw])
    empty = os.path.join(work, 'none.txt')
    open(empty, 'w').close()
    mote_load = run(driver + [raw, empty])
    if wabt_valid is None or mote_load is None or not mote_load.stdout:
        return Outcome('tool_error', 'validation did not run')
    if mote_load.returncode != 0:
        return Outcome('mismatch', f'mote-difftest failed loading: {mote_load.stderr[-2000:]}',
                       mote_out=mote_load.stdout + mote_load.stderr)
    refused = not_built(mote_load.stdout)
    if refused:     # whatever wabt says: mote never judged the module
        return Outcome('not_built', refused)
    mote_ok = mote_load.stdout.startswith('load: ok')
    wabt_ok = wabt_valid.returncode == 0
    if not wabt_ok and not mote_ok:
        return Outcome('invalid_both')
    if wabt_ok != mote_ok:
        if 'limit exceeded' in mote_load.stdout or 'arena too small' in mote_load.stdout:
            return Outcome('unsupported', mote_load.stdout.strip())
        return Outcome('validation_mismatch',
                       'validation: mote says "%s", wabt says "%s"' % (
                           mote_load.stdout.strip(), (wabt_valid.stderr.strip() or 'valid')[:300]),
                       mote_out=mote_load.stdout, wabt_out=wabt_valid.stderr)
    wat = run(['wasm2wat', '--generate-names'] + WABT_FEATURES + [raw])
    if wat is None or wat.returncode != 0:
        return Outcome('tool_error', 'wasm2wat failed')
    try:
        text, exports = instrument(wat.stdout)
    except Unsupported as e:
        return Outcome('unsupported', str(e))
    inst_wat = os.path.join(work, 'inst.wat')
    inst = os.path.join(work, 'inst.wasm')
    with open(inst_wat, 'w') as f:
        f.write(text)
    r = run(['wat2wasm'] + WABT_FEATURES + [inst_wat, '-o', inst])
    if r is None or r.returncode != 0:
        return Outcome('tool_error', 'instrumented module does not assemble: ' +
                       (r.stderr if r else 'timeout'))
    return compare_run(work, inst, make_calls(exports, rng), driver)


def compare_run(work, inst, calls, driver):
    """Runs calls on inst (in folder work) in both interpreters."""
    calls_txt = os.path.join(work, 'calls.txt')
    with open(calls_txt, 'w') as f:
        for name, toks, _, _ in calls:
            f.write(' '.join([name] + toks) + '\n')
    with open(os.path.join(work, 'calls.json'), 'w') as f:
        json.dump([[c[0], c[1], c[2], c[3]] for c in calls], f)
    script = os.path.join(work, 'script.json')
    with open(script, 'w') as f:
        json.dump(wabt_script(os.path.basename(inst), calls), f)
    mote = run(driver + [inst, calls_txt])
    wabt = run(['spectest-interp'] + WABT_FEATURES + [script], cwd=work)
    if mote is None or wabt is None:
        return Outcome('inconclusive', 'timeout')
    refused = not_built(mote.stdout)
    if refused:
        return Outcome('not_built', refused)
    mote_lines = [l for l in mote.stdout.splitlines()
                  if not l.startswith('load:') and not l.startswith('instantiate: ok')]
    if any(l.endswith('=> fuel') for l in mote_lines):
        return Outcome('inconclusive', 'mote ran out of fuel')
    if wabt.returncode < 0 or wabt.returncode >= 128 or 'terminate called' in wabt.stderr:
        # the reference itself crashed (wabt 1.0.32 has a few such bugs)
        return Outcome('reference_crash', 'spectest-interp crashed: ' + wabt.stderr.strip()[-300:],
                       mote_out=mote.stdout, wabt_out=wabt.stdout + wabt.stderr)
    wabt_lines = normalise_wabt(wabt.stdout)
    if mote.returncode != 0:
        diff = f'mote-difftest exited with {mote.returncode}: {mote.stderr[-2000:]}'
    elif not mote.stdout.startswith('load: ok'):
        diff = 'mote does not load the instrumented module: ' + mote.stdout.strip()
    elif any(l.startswith('instantiate:') for l in mote_lines) or not wabt_lines:
        # instantiation failed on one side at least: both must fail
        mote_fail = any(l.startswith('instantiate:') for l in mote_lines)
        diff = None if (mote_fail and not wabt_lines) else (
            f'instantiation: mote {mote_lines[:1]}, wabt {wabt.stdout.strip()[:300]}')
    else:
        diff = compare(mote_lines, wabt_lines, calls)
    return Outcome('mismatch' if diff else 'agree', diff or '', len(calls), mote.stdout, wabt.stdout)


def save(out_dir, name, work, outcome):
    dest = os.path.join(out_dir, name)
    os.makedirs(dest, exist_ok=True)
    for f in ('raw.wasm', 'inst.wasm', 'inst.wat', 'calls.txt', 'calls.json', 'script.json'):
        p = os.path.join(work, f)
        if os.path.exists(p):
            shutil.copy(p, os.path.join(dest, f))
    for f, text in (('mote.out', outcome.mote_out), ('wabt.out', outcome.wabt_out),
                    ('diff.txt', outcome.diff + '\n')):
        with open(os.path.join(dest, f), 'w') as fh:
            fh.write(text)
    return dest


def record(stats, outcome, out_dir, name, work):
    """Counts an outcome; saves and reports the ones worth a look."""
    stats.add(outcome.kind)
    if outcome.kind in ('agree', 'mismatch', 'nan_divergence'):
        stats.add('compared')
        stats.add('calls', outcome.calls)
    if outcome.kind in ('mismatch', 'validation_mismatch', 'tool_error'):
        dest = save(out_dir, f'mismatch-{name}', work, outcome)
        stats.failures.append(dest)
        print(f'MISMATCH {name}: {outcome.diff}', file=sys.stderr)
    elif outcome.kind in ('reference_crash', 'nan_divergence'):
        save(out_dir, f'{outcome.kind}-{name}', work, outcome)


def generate(work, seed, rng):
    """The module of this seed (or None), and whether NaNs were kept.
    Odd seeds run binaryen's --denan (NaNs replaced by 0 at run time) so
    their comparison is strict; even seeds keep NaNs.  One seed in four
    also has reference types."""
    data = os.path.join(work, 'input.bin')
    with open(data, 'wb') as f:
        f.write(rng.randbytes(rng.randint(256, 12000)))
    features = list(BASE_FEATURES)
    if seed % 8 in (0, 5):
        features.append('--enable-reference-types')
    nans = seed % 2 == 0
    raw = os.path.join(work, 'raw.wasm')
    r = run(['wasm-opt', data, '-ttf'] + ([] if nans else ['--denan']) + features + ['-o', raw])
    return (raw if r is not None and r.returncode == 0 else None), nans, features


def one_seed(seed, driver, out_dir, stats):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix='difftest-') as work:
        raw, nans, features = generate(work, seed, rng)
        if raw is None:
            stats.add('tool_error')
            return
        stats.add('generated')
        call_seed = rng.getrandbits(64)
        outcome = evaluate(work, raw, driver, random.Random(call_seed))
        if outcome.kind == 'mismatch' and nans:
            # NaN payloads may differ between conforming engines and reach
            # integers (reinterpret), memory and globals.  If the same module
            # with NaNs replaced by 0 agrees, the difference came from NaNs.
            work2 = os.path.join(work, 'denan')
            os.makedirs(work2)
            raw2 = os.path.join(work2, 'raw.wasm')
            r = run(['wasm-opt', raw, '--denan'] + features + ['-o', raw2])
            if r is not None and r.returncode == 0:
                again = evaluate(work2, raw2, driver, random.Random(call_seed))
                if again.kind == 'agree':
                    outcome.kind = 'nan_divergence'
        record(stats, outcome, out_dir, str(seed), work)


def replay(folder, driver, out_dir, stats):
    """Re-runs a saved case.  A folder holds raw.wasm alone (a validation
    case), or inst.wasm or inst.wat with calls.json: then mote is compared
    with wabt, or, when the folder has expected.txt, with those lines (for
    cases where the reference itself is wrong; README.md there says why)."""
    name = 'replay-' + os.path.basename(os.path.normpath(folder))
    with tempfile.TemporaryDirectory(prefix='difftest-') as work:
        stats.add('generated')
        if not os.path.exists(os.path.join(folder, 'calls.json')):
            raw = os.path.join(work, 'raw.wasm')
            shutil.copy(os.path.join(folder, 'raw.wasm'), raw)
            record(stats, evaluate(work, raw, driver, random.Random(0)), out_dir, name, work)
            return
        inst = os.path.join(work, 'inst.wasm')
        if os.path.exists(os.path.join(folder, 'inst.wasm')):
            shutil.copy(os.path.join(folder, 'inst.wasm'), inst)
        else:
            r = run(['wat2wasm'] + WABT_FEATURES + [os.path.join(folder, 'inst.wat'), '-o', inst])
            if r is None or r.returncode != 0:
                record(stats, Outcome('tool_error', 'inst.wat does not assemble'), out_dir, name, work)
                return
        with open(os.path.join(folder, 'calls.json')) as f:
            calls = [tuple(c) for c in json.load(f)]
        expected = os.path.join(folder, 'expected.txt')
        if os.path.exists(expected):
            outcome = expect_run(work, inst, calls, driver, expected)
        else:
            outcome = compare_run(work, inst, calls, driver)
        record(stats, outcome, out_dir, name, work)


def expect_run(work, inst, calls, driver, expected):
    """Runs calls on inst in mote only and compares with expected lines."""
    calls_txt = os.path.join(work, 'calls.txt')
    with open(calls_txt, 'w') as f:
        for name, toks, _, _ in calls:
            f.write(' '.join([name] + toks) + '\n')
    mote = run(driver + [inst, calls_txt])
    if mote is None:
        return Outcome('inconclusive', 'timeout')
    refused = not_built(mote.stdout)
    if refused:
        return Outcome('not_built', refused)
    with open(expected) as f:
        want = [l for l in f.read().splitlines() if l and not l.startswith('#')]
    got = mote.stdout.splitlines()
    diff = compare(got, want, calls)
    return Outcome('mismatch' if diff else 'agree', diff or '', len(calls), mote.stdout,
                   '\n'.join(want))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--driver', required=True, help='the mote-difftest executable')
    ap.add_argument('--emulator', help='runs the driver (qemu-i386 for a host32 build)')
    ap.add_argument('--count', type=int, default=200)
    ap.add_argument('--seed', type=int, default=1, help='first seed')
    ap.add_argument('--out', default='build/difftest', help='where mismatches are saved')
    ap.add_argument('--replay', nargs='*', default=[], help='saved case folders to re-run')
    ap.add_argument('--progress', type=int, default=0, help='print a line every N seeds')
    ap.add_argument('--not-built', action='append', default=[], metavar='MOTE_WITH_GROUP',
                    help='a feature group this build of mote leaves out: a module it refuses '
                         'naming it is skipped ("not in this build"), not compared')
    args = ap.parse_args()
    global NOT_BUILT
    NOT_BUILT = tuple(args.not_built)
    for tool in ('wasm-opt', 'wasm-validate', 'wasm2wat', 'wat2wasm', 'spectest-interp'):
        if not shutil.which(tool):
            sys.exit(f'difftest: {tool} not found (toolchain/install-deps installs binaryen and wabt)')
    os.makedirs(args.out, exist_ok=True)
    stats = Stats()
    driver = ([args.emulator] if args.emulator else []) + [args.driver]
    if args.replay:
        for folder in args.replay:
            replay(folder, driver, args.out, stats)
    else:
        for i in range(args.count):
            one_seed(args.seed + i, driver, args.out, stats)
            if args.progress and (i + 1) % args.progress == 0:
                print(f'.. {i + 1} seeds: {stats.counts}', flush=True)
    c = stats.counts
    print(f"difftest: {c['generated']} modules, {c['compared']} compared ({c['calls']} calls): "
          f"{c['agree']} agree, {c['mismatch']} mismatch, {c['validation_mismatch']} validation "
          f"mismatch, {c['nan_divergence']} differ only through NaN payloads; "
          f"{c['invalid_both']} rejected by both, {c['inconclusive']} inconclusive, "
          f"{c['reference_crash']} reference crashes, {c['unsupported']} unsupported, "
          f"{c['not_built']} not in this build, {c['tool_error']} tool errors")
    sys.exit(1 if stats.failures else 0)


if __name__ == '__main__':
    main()
