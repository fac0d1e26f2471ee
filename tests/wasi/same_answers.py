#!/usr/bin/env python3
"""same_answers.py REF TEST ARG [EMULATOR...] -- runs both programs with ARG
(through EMULATOR, e.g. qemu-i386's wrapper in a host32 build); each must
exit 0, and their "call ..." lines must be the same, in order.
Prints the first difference and "same answers: N passed, N failed"."""
import subprocess
import sys


def calls(program, arg, emulator):
    out = subprocess.run(emulator + [program, arg], stdout=subprocess.PIPE, universal_newlines=True,
                         check=False)
    if out.returncode != 0:
        print(out.stdout)
    return out.returncode, [l for l in out.stdout.splitlines() if l.startswith('call ')]


def main(argv):
    ref_rc, ref = calls(argv[1], argv[3], argv[4:])
    test_rc, test = calls(argv[2], argv[3], argv[4:])
    failed = int(ref_rc != 0) + int(test_rc != 0)
    for i, (a, b) in enumerate(zip(ref, test)):
        if a != b:
            print('FAIL call %d differs:\n  with files:    %s\n  without files: %s' % (i, a, b))
            failed += 1
    if len(ref) != len(test) or not ref:
        print('FAIL %d calls with files, %d without' % (len(ref), len(test)))
        failed += 1
    passed = len(ref) - (failed if failed < len(ref) else len(ref))
    print('same answers: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
