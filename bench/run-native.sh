#!/usr/bin/env bash
# Builds every kernel four ways and measures the native side of the suite:
# host x86-64 wall time (median of RUNS runs), Cortex-M3 and rv32imac
# instruction counts under QEMU -icount, and wasm module sizes. Every
# measurement also checks the kernel's own verification result.
#
# usage: bench/run-native.sh [--smoke] [--runs N] [--build DIR] [--out DIR]
#   --smoke   smoke scales, one host run, no results file: a quick check that
#             every kernel verifies on every target and as .wasm (CI)
#   --runs N  host runs per kernel, median reported (default 5)
#   --build   build directory (default build/bench-dev)
#   --out     where results files go (default bench/results)
#
# Writes $BUILD/native.tsv, then (unless --smoke) bench/report.sh turns it
# into <out>/<date>-<commit>.{md,tsv,svg}; pass a mote.tsv to report.sh to
# add mote's columns (see bench/README.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$root/build/bench-dev
out=$here/results
runs=5
smoke=0
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=1; runs=1 ;;
    --runs) runs=$2; shift ;;
    --build) build=$2; shift ;;
    --out) out=$2; shift ;;
    *) sed -n '2,17p' "$0" >&2; exit 2 ;;
  esac
  shift
done

make -s -C "$here" -j2 BUILD="$build" all

# kernels/*.c and scales.tsv must list the same kernels.
listed=$(grep -v '^#' "$here/scales.tsv" | cut -f1 | sort | tr '\n' ' ')
built=$(make -s --no-print-directory -C "$here" list | tr ' ' '\n' | sort | tr '\n' ' ')
if [ "$listed" != "$built" ]; then
  echo "scales.tsv lists [$listed] but kernels/ has [$built]" >&2
  exit 1
fi

# value KEY LINE: the value of KEY=value in a driver's output line.
value() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }

# Code section size: wasm-objdump -h prints "Code start=... (size=0x...)".
code_size() {
  local hex
  hex=$(wasm-objdump -h "$1" | sed -n 's/^ *Code .*(size=\(0x[0-9a-f]*\)).*/\1/p')
  echo $((hex))
}

tsv=$build/native.tsv
mkdir -p "$build"
printf '# kernel\thost_scale\ttarget_scale\tnative_ms\tm3_native\trv32_native\twasm_bytes\twasm_code_bytes\n' >"$tsv"
failed=0
printf '%-11s %8s %10s %8s %14s %14s %8s %8s\n' kernel scale host_ms tscale m3_instr rv32_instr wasm_B code_B
while IFS=$'\t' read -r k hscale tscale sscale _; do
  [ "$smoke" = 1 ] && hscale=$sscale tscale=$sscale

  line=$("$build/host/$k" "$hscale" "$runs") || { echo "FAIL host $k: $line"; failed=1; continue; }
  ms=$(value median_ms "$line")

  # The two QEMU runs are independent: run them side by side (2 cores).
  "$here/qemu.sh" m3 "$build/m3/$k.elf" "$k" "$tscale" >"$build/$k.m3.out" &
  m3pid=$!
  rvline=$("$here/qemu.sh" rv32 "$build/rv32/$k.elf" "$k" "$tscale") || rvline="FAILED $rvline"
  if wait $m3pid; then m3line=$(cat "$build/$k.m3.out"); else m3line="FAILED $(cat "$build/$k.m3.out")"; fi
  m3=$(value instructions "$m3line")
  rv=$(value instructions "$rvline")
  for l in "$m3line" "$rvline"; do
    if [ "$(value result "$l")" != 0 ] || [[ $l == FAILED* ]]; then
      echo "FAIL $k: $l"
      failed=1
    fi
  done

  wasm=$build/wasm/$k.wasm
  wbytes=$(stat -c %s "$wasm")
  cbytes=$(code_size "$wasm")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$k" "$hscale" "$tscale" "$ms" "${m3:--}" "${rv:--}" \
    "$wbytes" "$cbytes" >>"$tsv"
  printf '%-11s %8s %10s %8s %14s %14s %8s %8s\n' "$k" "$hscale" "$ms" "$tscale" "${m3:--}" "${rv:--}" \
    "$wbytes" "$cbytes"
done < <(grep -v '^#' "$here/scales.tsv")

if [ "$failed" != 0 ]; then
  echo "some kernels failed their own verification" >&2
  exit 1
fi
echo "all kernels verified (host, Cortex-M3, rv32)"
if [ "$smoke" = 1 ]; then
  # The .wasm modules too, in wabt's reference interpreter.
  "$here/wasm-ref.sh" --build "$build" smoke >/dev/null || { "$here/wasm-ref.sh" --build "$build" smoke; exit 1; }
  echo "all .wasm kernels verified (wabt spectest-interp)"
  exit 0
fi
"$here/report.sh" --out "$out" "$tsv"
