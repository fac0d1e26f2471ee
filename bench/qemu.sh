#!/usr/bin/env bash
# Runs one target build of a kernel under QEMU with deterministic
# instruction counting and prints the driver's line:
#   kernel=NAME scale=S instructions=N unit=U result=R
# usage: bench/qemu.sh m3|rv32 ELF NAME SCALE
# Exit status: QEMU's, i.e. the driver's (0 = kernel verified its result).
# The same command lines measure mote's firmware on the boards.
set -eu
arch=$1 elf=$2 name=$3 scale=$4
semi="enable=on,target=native,arg=$name,arg=$scale"
case $arch in
  # -icount shift=3: 8 ns per instruction, so CMSDK TIMER0 (25 MHz) ticks
  # once per 5 instructions (see drivers/icount.h).
  m3) exec timeout 600 qemu-system-arm -M mps2-an385 -nographic -monitor none \
        -serial none -icount shift=3 -semihosting-config "$semi" -kernel "$elf" 2>&1 ;;
  # -icount shift=0: minstret is the exact retired-instruction count.
  rv32) exec timeout 600 qemu-system-riscv32 -M virt -bios none -nographic -monitor none \
        -serial none -icount shift=0 -semihosting-config "$semi" -kernel "$elf" 2>&1 ;;
  *) echo "usage: $0 m3|rv32 ELF NAME SCALE" >&2; exit 2 ;;
esac
