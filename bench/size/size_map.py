#!/usr/bin/env python3
"""size_map.py -- what a firmware image holds, by library, from its GNU ld map.

    size_map.py IMAGE.map...        one line per map: name flash=... ram=... <part>=...
    size_map.py --table LABEL=DIR...
        the table of `make size`: DIR is a build folder holding
        bench/size/size-{empty,core,image,wasi}.elf.map; LABEL names its row

Every input section placed in an output section that is loaded (everything
before the debug sections, except the stack and heap reservations) is
counted against the file it came from, in one of these parts:

    core       the core (libmote.a: the interpreter included)
    wasi       WASI-lite (libmote_wasi.a) and the file system it reaches (libmote_fs.a)
    hal        the board's HAL, drivers and start-up code (port/)
    libgcc     libgcc (soft-float, 64-bit division)
    libc       picolibc's libc and libm
    app        the size firmware's own files (main(), the module bytes, the
               precompiled image)
    other      alignment fill and anything else

flash counts sections stored in flash (code, read-only data, the initial
values of .data); ram counts .data and .bss (not the stack or the heap).
Used by boards/size-report.sh (`make size`).
"""
import re
import sys

RAM_ONLY = {".bss", ".tbss", ".noinit"}
RAM_AND_FLASH = {".data", ".tdata", ".sdata", ".sbss"}
SKIP = {".stack", ".heap", ".comment", ".ARM.attributes", ".riscv.attributes", ".tbss_space"}

OUT_RE = re.compile(r"^(\.[\w.]+)(?:\s+0x[0-9a-f]+\s+0x([0-9a-f]+))?")
IN_RE = re.compile(r"^ (\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(.*)$")
IN_NAME_RE = re.compile(r"^ (\S+)$")
CONT_RE = re.compile(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(.*\S)\s*$")

PARTS = ("core", "wasi", "hal", "libgcc", "libc", "app", "other")


def part_of(path):
    if "libmote.a(" in path or "mote_interp" in path:
        return "core"
    if "libmote_wasi.a(" in path or "libmote_fs.a(" in path:
        return "wasi"
    if "libmote_hal.a(" in path or "mote_startup" in path:
        return "hal"
    if "libgcc.a(" in path:
        return "libgcc"
    if re.search(r"lib(c|m|semihost|crt0[-\w]*)\.a\(", path) or "picolibc" in path or "crt0" in path:
        return "libc"
    if "bench/size/" in path:
        return "app"
    return "other"


def analyse(path):
    flash = dict.fromkeys(PARTS, 0)
    ram = dict.fromkeys(PARTS, 0)
    out = None
    pending = None
    started = False
    ends = {}
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("Linker script and memory map"):
                started = True
                continue
            if not started:
                continue
            if line.startswith(".debug") or line.startswith(".stab"):
                out = None
                continue
            m = OUT_RE.match(line)
            if m:
                out = m.group(1)
                pending = None
                continue
            if out is None or out in SKIP:
                continue
            addr, size, where = None, None, None
            m = IN_RE.match(line)
            if m:
                addr, size, where = int(m.group(2), 16), int(m.group(3), 16), m.group(4)
                if m.group(1) == "*fill*":
                    where = "*fill*"
            else:
                m = IN_NAME_RE.match(line)
                if m and not line.startswith(" *"):
                    pending = m.group(1)
                    continue
                m = CONT_RE.match(line)
                if m and pending is not None:
                    addr, size, where = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
                pending = None
            if size is None or size == 0:
                continue
            # Merged constants (.rodata.str1.1 and the like) are listed at
            # their size before merging, overlapping what follows: count
            # only the bytes past the end of what is counted already.
            start = max(addr, ends.get(out, 0))
            ends[out] = max(ends.get(out, 0), addr + size)
            size = addr + size - start
            if size <= 0:
                continue
            # "*fill*" lines have no file
            part = "other" if where.startswith("*fill*") else part_of(where)
            if out in RAM_ONLY:
                ram[part] += size
            elif out in RAM_AND_FLASH:
                ram[part] += size
                flash[part] += size
            else:
                flash[part] += size
    return flash, ram


def row(label, folder):
    """The figures of one build: the core and WASI-lite as linked."""
    maps = {}
    for name in ("empty", "core", "image", "wasi"):
        flash, ram = analyse("%s/bench/size/size-%s.elf.map" % (folder, name))
        maps[name] = (flash, ram)
    (ef, er), (cf, cr), (wf, wr) = maps["empty"], maps["core"], maps["wasi"]
    imf = maps["image"][0]
    libs = ("libgcc", "libc", "other")
    # The firmware's own main() and module bytes are not the VM's.
    core = sum(cf.values()) - sum(ef.values()) - (cf["app"] - ef["app"])
    # The same for a firmware that attaches precompiled images (no loader).
    images_only = sum(imf.values()) - sum(ef.values()) - (imf["app"] - ef["app"])
    core_libs = sum(cf[p] - ef[p] for p in libs)
    # The core's static RAM, less the size firmware's arena buffer.
    core_ram = sum(cr.values()) - sum(er.values()) - (cr["app"] - er["app"])
    # WASI-lite on top of the core; the HAL it reaches (drivers) counted apart.
    drivers = wf["hal"] - cf["hal"]
    wasi = (sum(wf.values()) - sum(cf.values()) - (wf["app"] - cf["app"]) - drivers)
    # (its context is a variable of the firmware's: counted here)
    wasi_ram = sum(wr.values()) - sum(er.values()) - core_ram - (wr["hal"] - er["hal"])
    return [label, core, images_only, cf["core"], core_libs, cf["libgcc"] - ef["libgcc"], core_ram,
            wasi, wf["wasi"], drivers, wasi_ram]


HEAD = ["board / config", "core linked", "images only", "core objects", "libc+libgcc", "of which libgcc",
        "core RAM", "wasi-lite linked", "wasi-lite objects", "drivers", "wasi-lite RAM"]


def table(args):
    rows = [row(*a.split("=", 1)) for a in args]
    print("| " + " | ".join(HEAD) + " |")
    print("|---|" + "--:|" * (len(HEAD) - 1))
    for r in rows:
        print("| " + " | ".join(str(x) if i == 0 else "{:,}".format(x) for i, x in enumerate(r)) + " |")


def main(argv):
    if len(argv) > 1 and argv[1] == "--table":
        table(argv[2:])
        return
    for path in argv[1:]:
        flash, ram = analyse(path)
        fields = ["flash=%d" % sum(flash.values()), "ram=%d" % sum(ram.values())]
        fields += ["%s=%d" % (p, flash[p]) for p in PARTS]
        fields += ["%s_ram=%d" % (p, ram[p]) for p in PARTS]
        print(path, " ".join(fields))


if __name__ == "__main__":
    main(sys.argv)
