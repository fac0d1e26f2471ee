#!/usr/bin/env python3
"""check_demangle.py -- mote's demangler against binutils' c++filt, over
every C++ and Rust symbol of the Wasm libraries Debian ships (libc++,
libc++abi, Rust's std, core and alloc) and of given modules' name sections.

    check_demangle.py DRIVER [--archive LIB]... [--wasm MODULE]...

DRIVER is test_demangle (its --names mode).  c++filt prints a template
function's return type, Rust hashes and crate disambiguators, and const
generics with their type; mote leaves those out, so c++filt's text is
normalised before comparing.  Every name mote demangles must match; at
most 2% may be left alone (C++ expressions in template arguments,
construction vtables).
"""
import re
import subprocess
import sys


def names_of_archive(path):
    out = subprocess.run(["llvm-nm-14", path], capture_output=True, text=True).stdout
    return [line.split()[-1] for line in out.splitlines()
            if line.split() and re.match(r"^_[ZR]", line.split()[-1])]


def names_of_wasm(path):
    out = subprocess.run(["wasm-objdump", "-x", "-j", "name", path],
                         capture_output=True, text=True).stdout
    return re.findall(r"<(_[ZR][^>]*)>", out)


def normalise(theirs):
    theirs = re.sub(r"\[[0-9a-f]{16}\]", "", theirs)           # crate disambiguators
    theirs = re.sub(r"::h[0-9a-f]{16}$", "", theirs)            # legacy hashes
    theirs = re.sub(r" \(\.llvm\.[0-9]+\)$", "", theirs)
    theirs = re.sub(r"\b([0-9]+): [iu](size|8|16|32|64|128)\b", r"\1", theirs)
    return theirs


def main():
    driver = sys.argv[1]
    args = sys.argv[2:]
    names = []
    for flag, path in zip(args[::2], args[1::2]):
        names += names_of_archive(path) if flag == "--archive" else names_of_wasm(path)
    names = sorted(set(names))
    if not names:
        sys.exit("no names found")
    text = "\n".join(names) + "\n"
    mine = subprocess.run([driver, "--names"], input=text, capture_output=True, text=True,
                          check=True).stdout.splitlines()
    theirs = subprocess.run(["c++filt"], input=text, capture_output=True, text=True,
                            check=True).stdout.splitlines()
    same = left = 0
    wrong = []
    for line, other in zip(mine, theirs):
        name, readable = line.split("\t", 1)
        other = normalise(other)
        if readable == "(unchanged)":
            left += 1
        elif readable == other or (other.endswith(" " + readable) and "(" in readable):
            same += 1       # equal, or equal but for a template's return type
        else:
            wrong.append((name, readable, other))
    print("%d names: %d as c++filt, %d left alone, %d different" %
          (len(names), same, left, len(wrong)))
    for name, readable, other in wrong[:20]:
        print("  %s\n    mote     %s\n    c++filt  %s" % (name, readable, other))
    if wrong or left > len(names) * 0.02:
        sys.exit(1)


if __name__ == "__main__":
    main()
