#!/usr/bin/env bash
# Joins the native measurements with mote's (when given), computes the
# mote/native ratios and their geometric means, and writes
#   <out>/<date>-<commit>.tsv   one row per kernel plus a geomean row
#   <out>/<date>-<commit>.md    the same as a table, with machine and method
#   <out>/<date>-<commit>.svg   chart.gp: ratios on top, native figures below
#
# usage: bench/report.sh [--out DIR] NATIVE_TSV [MOTE_TSV]
#
# NATIVE_TSV is what run-native.sh writes. MOTE_TSV (tab-separated, '#'
# lines ignored, '-' for a figure not measured) has the columns
#   kernel mote_ms mote_proc_ms m3_mote rv32_mote mote_load_us
#   mote_code_bytes mote_arena_bytes
# mote_ms: in-process median time of bench_run at the host scale;
# mote_proc_ms: whole `mote run` process; m3_mote/rv32_mote: instructions
# under QEMU at the target scale; mote_load_us: decode+validate+compile;
# mote_code_bytes: compiled code; mote_arena_bytes: peak arena use.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=$here/results
if [ "${1:-}" = --out ]; then out=$2; shift 2; fi
native=${1:?usage: report.sh [--out DIR] NATIVE_TSV [MOTE_TSV]}
mote=${2:-/dev/null}

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo uncommitted)
dirty=""
if [ "$commit" != uncommitted ] && ! git -C "$root" diff --quiet HEAD -- 2>/dev/null; then
  dirty=" (with uncommitted changes)"
fi
base=$out/$(date +%F)-$commit
mkdir -p "$out"

# ---- the joined TSV ---------------------------------------------------------
awk -F'\t' -v OFS='\t' '
  function num(x) { return x != "" && x != "-" && x + 0 > 0 }
  function ratio(a, b) { return num(a) && num(b) ? sprintf("%.2f", a / b) : "-" }
  function gm(key) { return n[key] ? sprintf("%.2f", exp(s[key] / n[key])) : "-" }
  function acc(key, r) { if (r != "-") { s[key] += log(r); n[key]++ } }
  /^#/ || NF == 0 { next }
  FILENAME == ARGV[1] { for (i = 2; i <= 8; i++) m[$1, i] = $i; next }
  {
    k = $1
    for (i = 2; i <= 8; i++) if (m[k, i] == "") m[k, i] = "-"
    hr = ratio(m[k, 2], $4); mr = ratio(m[k, 4], $5); rr = ratio(m[k, 5], $6)
    acc("h", hr); acc("m", mr); acc("r", rr)
    print k, $2, $3, $4, m[k, 2], m[k, 3], hr, $5, m[k, 4], mr, $6, m[k, 5], rr, \
          $7, $8, m[k, 6], m[k, 7], m[k, 8]
  }
  BEGIN {
    print "# kernel", "host_scale", "target_scale", "native_ms", "mote_ms", "mote_proc_ms", \
          "host_ratio", "m3_native", "m3_mote", "m3_ratio", "rv32_native", "rv32_mote", \
          "rv32_ratio", "wasm_bytes", "wasm_code_bytes", "mote_load_us", "mote_code_bytes", \
          "mote_arena_bytes"
  }
  END {
    print "geomean", "-", "-", "-", "-", "-", gm("h"), "-", "-", gm("m"), "-", "-", gm("r"), \
          "-", "-", "-", "-", "-"
  }' "$mote" "$native" >"$base.tsv"

# ---- the markdown -----------------------------------------------------------
cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo 2>/dev/null | head -1)
{
  echo "# mote benchmarks: $(date +%F), commit $commit$dirty"
  echo
  echo "- Host: ${cpu:-unknown CPU}, $(nproc) cores, $(uname -sm)"
  echo "- Native host code: $(gcc --version | head -1), -O2; wasm: $(clang-14 --version | head -1), -O2 -mbulk-memory -msign-ext"
  echo "- Targets: $(arm-none-eabi-gcc --version | head -1) -mcpu=cortex-m3 -mthumb -O2;" \
       "$(riscv64-unknown-elf-gcc --version | head -1) -march=rv32imac -O2; picolibc"
  echo "- $(qemu-system-arm --version | head -1): mps2-an385 with -icount shift=3 (TIMER0, 5-instruction resolution)," \
       "riscv virt with -icount shift=0 (minstret, exact)"
  echo "- Host times are the median of repeated in-process runs of bench_run at the host scale;" \
       "instruction counts cover one bench_run at the target scale (bench/scales.tsv)."
  echo "- Ratios are mote / native (lower is better). Issue 7 targets: host and both targets" \
       "<= 10x geomean, no kernel worse than 20x on host."
  echo
  echo "| kernel | native ms | mote ms | mote proc ms | host x | M3 native instr | M3 mote instr | M3 x | rv32 native instr | rv32 mote instr | rv32 x | wasm B | code B | load us | compiled B | arena B |"
  echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  grep -v '^#' "$base.tsv" | awk -F'\t' -v OFS=' | ' '{
    print "| " $1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18 " |"
  }'
  echo
  awk -F'\t' '
    /^#/ || $1 == "geomean" { next }
    { if ($15 + 0 > 0 && $16 + 0 > 0) { code += $15; us += $16 }
      if ($15 + 0 > 0 && $17 + 0 > 0) { code2 += $15; comp += $17 } }
    END {
      if (us > 0) printf "- Load (decode+validate+compile): %.2f MB/s of wasm code (target >= 5)\n", code / us
      if (code2 > 0) printf "- Compiled code: %.2f bytes per wasm code byte (target <= 2.5)\n", comp / code2
      if (us == 0 && code2 == 0) print "- No mote figures in this run: native columns only."
    }' "$base.tsv"
} >"$base.md"

# ---- the chart --------------------------------------------------------------
have_mote=$(awk -F'\t' '$1 == "geomean" { print ($7 != "-" || $10 != "-" || $13 != "-") ? 1 : 0 }' "$base.tsv")
gnuplot -e "in='$base.tsv'; out='$base.svg'; have_mote=$have_mote; heading='mote benchmarks $(date +%F) $commit'" \
  "$here/chart.gp"

echo "wrote $base.md, $base.tsv, $base.svg"
