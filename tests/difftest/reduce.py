#!/usr/bin/env python3
"""Minimises a difftest mismatch with binaryen's wasm-reduce.

    reduce.py --driver build/.../mote-difftest CASE_DIR

CASE_DIR is a folder difftest.py saved (inst.wasm, calls.json).  The
reduced module is written to CASE_DIR/reduced.wasm (and .wat); calls.json
is kept, so the folder can go to tests/difftest/regressions/ as it is once
reduced.wasm has replaced inst.wasm.

wasm-reduce keeps a smaller module only when the check command prints the
same as on the original: the check prints MISMATCH while mote and wabt
still disagree, and something else when they agree or when the smaller
module no longer has what the calls need.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402


def check(driver, calls_json, wasm):
    """Prints MISMATCH, SAME or BROKEN for wasm under the saved calls."""
    with open(calls_json) as f:
        calls = [tuple(c) for c in json.load(f)]
    with tempfile.TemporaryDirectory(prefix='reduce-') as work:
        inst = os.path.join(work, 'inst.wasm')
        shutil.copy(wasm, inst)
        calls_txt = os.path.join(work, 'calls.txt')
        with open(calls_txt, 'w') as f:
            for name, toks, _, _ in calls:
                f.write(' '.join([name] + toks) + '\n')
        script = os.path.join(work, 'script.json')
        with open(script, 'w') as f:
            json.dump(difftest.wabt_script('inst.wasm', calls), f)
        mote = difftest.run([driver, inst, calls_txt], timeout=10)
        wabt = difftest.run(['spectest-interp'] + difftest.WABT_FEATURES + [script],
                            timeout=10, cwd=work)
        if mote is None or wabt is None or mote.returncode != 0:
            return 'BROKEN'
        lines = [l for l in mote.stdout.splitlines()
                 if not l.startswith('load:') and not l.startswith('instantiate: ok')]
        if (not mote.stdout.startswith('load: ok') or 'instantiate:' in ''.join(lines)
                or any(l.endswith(('=> missing', '=> arity', '=> fuel')) for l in lines)
                or 'unknown' in wabt.stdout + wabt.stderr):
            return 'BROKEN'
        wabt_lines = difftest.normalise_wabt(wabt.stdout)
        if len(wabt_lines) < len(calls):
            return 'BROKEN'
        return 'MISMATCH' if difftest.compare(lines, wabt_lines, calls) else 'SAME'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--driver', required=True)
    ap.add_argument('--check', nargs=2, metavar=('CALLS_JSON', 'WASM'),
                    help='(used by wasm-reduce) judge one candidate')
    ap.add_argument('case', nargs='?')
    args = ap.parse_args()
    if args.check:
        print(check(args.driver, args.check[0], args.check[1]))
        return
    case = os.path.abspath(args.case)
    calls_json = os.path.join(case, 'calls.json')
    verdict = check(args.driver, calls_json, os.path.join(case, 'inst.wasm'))
    if verdict != 'MISMATCH':
        sys.exit(f'reduce: the case does not mismatch ({verdict}); nothing to reduce')
    with tempfile.TemporaryDirectory(prefix='reduce-') as work:
        test, good = os.path.join(work, 't.wasm'), os.path.join(work, 'w.wasm')
        cmd = (f'{sys.executable} {os.path.abspath(__file__)} --driver {args.driver} '
               f'--check {calls_json} {test}')
        subprocess.run(['wasm-reduce', os.path.join(case, 'inst.wasm'), '--command=' + cmd,
                        '-t', test, '-w', good, '--timeout', '20',
                        # where wasm-reduce finds wasm-opt
                        '-b', os.path.dirname(shutil.which('wasm-opt'))] + difftest.BASE_FEATURES,
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copy(good, os.path.join(case, 'reduced.wasm'))
    wat = subprocess.run(['wasm2wat', '--generate-names'] + difftest.WABT_FEATURES +
                         [os.path.join(case, 'reduced.wasm')], capture_output=True, text=True)
    with open(os.path.join(case, 'reduced.wat'), 'w') as f:
        f.write(wat.stdout)
    print(f'reduce: {os.path.getsize(os.path.join(case, "inst.wasm"))} -> '
          f'{os.path.getsize(os.path.join(case, "reduced.wasm"))} bytes: {case}/reduced.wat')


if __name__ == '__main__':
    main()
