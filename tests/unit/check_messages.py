#!/usr/bin/env python3
"""check_messages.py ROOT TEXT_PROGRAM CODES_PROGRAM [EMULATOR...]

Runs test_messages against the core with message text and against the core
without it (tests/unit/test_messages.c), then checks, for each case, that
tools/mote-msg turns the codes of the second back into a format the first's
message matches (numbers and names where the format has %-fields), with the
same status.  Also checks the source tree: each file's tag is its own, and no
two messages share a code.
Prints "messages/codes: N passed, N failed"; exits 1 on any failure.
"""
import importlib.machinery
import importlib.util
import os
import re
import subprocess
import sys

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print('FAIL %s' % what)


def run(program, emulator):
    out = subprocess.run(emulator + [program], stdout=subprocess.PIPE,
                         universal_newlines=True, check=False)
    check(out.returncode == 0, '%s exited %d:\n%s' % (program, out.returncode, out.stdout))
    cases = {}
    for line in out.stdout.splitlines():
        parts = line.split('\t')
        if len(parts) == 3:
            cases[parts[0]] = (parts[1], parts[2])
    return cases


def format_regex(fmt):
    """A regex matching what the core's formatter makes of fmt."""
    fields = {'s': '.*?', 'd': '-?[0-9]+', 'u': '[0-9]+', 'z': '[0-9]+', 'x': '[0-9a-f]+',
              'lx': '[0-9a-f]+', 'ld': '-?[0-9]+', 'lu': '[0-9]+', '.*s': '.*?', '%': '%'}
    out = []
    pos = 0
    for m in re.finditer(r'%(\.\*s|l[xdu]|[sduzx%])', fmt):
        out.append(re.escape(fmt[pos:m.start()]))
        out.append(fields[m.group(1)])
        pos = m.end()
    out.append(re.escape(fmt[pos:]))
    return ''.join(out)


def main(argv):
    root, text_program, codes_program = argv[1:4]
    emulator = argv[4:]
    loader = importlib.machinery.SourceFileLoader('mote_msg', os.path.join(root, 'tools', 'mote-msg'))
    spec = importlib.util.spec_from_loader('mote_msg', loader)
    mote_msg = importlib.util.module_from_spec(spec)
    loader.exec_module(mote_msg)
    src = os.path.join(root, 'core', 'src')
    codes = mote_msg.read_sources(src)

    # The tree: one file per tag, one message per code.
    tags = {}
    for name in sorted(os.listdir(src)):
        if name.endswith('.c'):
            with open(os.path.join(src, name), encoding='utf-8') as f:
                m = re.search(r'#define\s+MOTE_MSG_TAG\s+"([a-z]+)"', f.read())
            if m:
                check(m.group(1) not in tags, 'tag %s of %s is also %s\'s' %
                      (m.group(1), name, tags.get(m.group(1))))
                tags[m.group(1)] = name
    for (tag, line), found in sorted(codes.items()):
        calls = {(name, first) for name, first, _ in found}
        check(len(calls) == 1, '@%s%d names %d messages: %s' % (tag, line, len(calls), sorted(calls)))
    calls = {(name, first) for found in codes.values() for name, first, _ in found}
    check(len(calls) > 150, 'only %d messages found in %s' % (len(calls), src))

    text = run(text_program, emulator)
    coded = run(codes_program, emulator)
    check(len(text) >= 9 and set(text) == set(coded),
          'cases differ: %s / %s' % (sorted(text), sorted(coded)))
    for case in sorted(set(text) & set(coded)):
        (st_t, msg_t), (st_c, msg_c) = text[case], coded[case]
        check(st_t == st_c, '%s: status %s with text, %s without' % (case, st_t, st_c))
        pattern = []
        pos = 0
        for m in mote_msg.CODE.finditer(msg_c):
            pattern.append(re.escape(msg_c[pos:m.start()]))
            fmt = mote_msg.describe(codes, m.group(1), m.group(2))
            check(fmt is not None, '%s: %s is no message of the tree' % (case, m.group(0)))
            pattern.append(format_regex(fmt or ''))
            pos = m.end()
        pattern.append(re.escape(msg_c[pos:]))
        ok = re.fullmatch(''.join(pattern), msg_t) is not None
        check(ok, '%s: "%s" expands to /%s/, which "%s" does not match' %
              (case, msg_c, ''.join(pattern), msg_t))
        if ok:
            print('ok %s: %s -> %s' % (case, msg_c, msg_t))
    print('messages/codes: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
