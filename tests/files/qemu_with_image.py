#!/usr/bin/env python3
"""Boots a board under QEMU with a flash image loaded into its storage region.

    qemu_with_image.py IMAGE ADDRESS -- qemu-system-... -kernel firmware.elf

QEMU's generic loader refuses a raw file larger than the machine's RAM
(16 KiB on sifive_e, microbit), so the image goes in as one loader per
4 KiB piece that is not blank (0xFF); a blank piece is left as QEMU has
it.  Each -device loader is put before -kernel.  The exit status is
QEMU's.
"""
import os
import subprocess
import sys
import tempfile

PIECE = 4096


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.exit(__doc__)
    image, address, command = sys.argv[1], int(sys.argv[2], 0), sys.argv[4:]
    with open(image, "rb") as f:
        data = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        loaders = []
        for at in range(0, len(data), PIECE):
            piece = data[at:at + PIECE]
            if piece.count(0xFF) == len(piece):
                continue
            name = os.path.join(tmp, "piece-%08x.bin" % at)
            with open(name, "wb") as out:
                out.write(piece)
            loaders += ["-device", "loader,file=%s,addr=0x%x,force-raw=on" % (name, address + at)]
        k = command.index("-kernel")
        sys.exit(subprocess.call(command[:k] + loaders + command[k:]))


if __name__ == "__main__":
    main()
