#!/usr/bin/env bash
# Joins measurement tables, computes the mote/native ratios and their
# geometric means, and writes
#   <out>/<date>-<commit>.tsv   one row per kernel plus a geomean row
#   <out>/<date>-<commit>.md    summary against issue 7's targets, tables,
#                               machine, method and noise
#   <out>/<date>-<commit>.svg   chart.gp: the ratios at a glance
#
# usage: bench/report.sh [--out DIR] TSV...
#
# Each input TSV starts with a '# kernel col col ...' header naming its
# columns; rows are joined by kernel, '-' (or nothing) is a figure not
# measured. run-mote.sh writes native.tsv and mote.tsv with every column
# below; run-native.sh writes native.tsv only (then only native figures).
# Columns used (any may be missing):
#   native: host_scale target_scale native_ms native_min_ms native_max_ms
#     native_cpu_ms native_proc_ms native_proc_min_ms native_proc_max_ms
#     m3_native rv32_native wasm_bytes wasm_code_bytes
#   mote: mote_ms mote_min_ms mote_max_ms mote_cpu_ms mote_proc_ms
#     mote_proc_min_ms mote_proc_max_ms fuel_ms fuel_pct fuel_cpu_pct
#     fuel_steps m3_mote m3_fuel m3_load rv32_mote rv32_fuel rv32_load
#     mote_load_us mote_code_bytes mote_module_bytes mote_arena_bytes
# Environment (from run-mote.sh, for the method notes): BENCH_LOADAVG,
# BENCH_RUNS, BENCH_PROC_RUNS, BENCH_BUDGET, BENCH_SMOKE.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=$here/results
if [ "${1:-}" = --out ]; then out=$2; shift 2; fi
[ $# -ge 1 ] || { echo "usage: report.sh [--out DIR] TSV..." >&2; exit 2; }

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo uncommitted)
# Uncommitted changes, by top-level folder (core = the interpreter measured).
dirty=""
if [ "$commit" != uncommitted ]; then
  changed=$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null |
    awk '{ p = $NF; sub(/\/.*/, "", p); if (!(p in s)) { s[p]; printf "%s%s", n++ ? ", " : "", p } }')
  [ -n "$changed" ] && dirty=" + uncommitted changes in $changed"
fi
base=$out/$(date +%F)-$commit
mkdir -p "$out"

# ---- the joined TSV ---------------------------------------------------------
cols="kernel host_scale target_scale native_ms mote_ms host_ratio native_cpu_ms mote_cpu_ms
  host_cpu_ratio native_proc_ms mote_proc_ms proc_ratio fuel_ms fuel_pct fuel_cpu_pct
  m3_native m3_mote m3_ratio m3_fuel_pct m3_load rv32_native rv32_mote rv32_ratio
  rv32_fuel_pct rv32_load wasm_bytes wasm_code_bytes load_us load_mbps load_code_mbps
  code_bytes code_per_wasm module_bytes arena_bytes native_min_ms native_max_ms
  mote_min_ms mote_max_ms native_proc_min_ms native_proc_max_ms mote_proc_min_ms
  mote_proc_max_ms fuel_steps native_runs mote_runs proc_runs"
awk -F'\t' -v OFS='\t' -v cols="$cols" '
  function num(x) { return x != "" && x != "-" && x + 0 > 0 }
  function get(k, name) { return ((k, name) in v) ? v[k, name] : "-" }
  function ratio(a, b, fmt) { return num(a) && num(b) ? sprintf(fmt, a / b) : "-" }
  function pct(a, b) { return num(a) && num(b) ? sprintf("%.4f", 100 * (a / b - 1)) : "-" }
  function acc(name, x) { if (x != "-" && x != "") { s[name] += log(x); n[name]++ } }
  function gm(name, fmt) { return n[name] ? sprintf(fmt, exp(s[name] / n[name])) : "-" }
  FNR == 1 {
    if ($0 !~ /^#/) { print FILENAME ": no header line" > "/dev/stderr"; exit 1 }
    sub(/^# */, ""); for (i = 1; i <= NF; i++) name[FILENAME, i] = $i; next
  }
  /^#/ || NF == 0 { next }
  {
    if (!($1 in seen)) { seen[$1] = 1; order[++nk] = $1 }
    for (i = 2; i <= NF; i++) if ($i != "" && $i != "-") v[$1, name[FILENAME, i]] = $i
  }
  END {
    nc = split(cols, c, /[ \n]+/)
    line = "# " c[1]; for (i = 2; i <= nc; i++) line = line OFS c[i]; print line
    for (j = 1; j <= nk; j++) {
      k = order[j]
      for (i = 2; i <= nc; i++) r[c[i]] = get(k, c[i])
      r["mote_ms"] = get(k, "mote_ms"); r["fuel_ms"] = get(k, "fuel_ms")
      r["host_ratio"] = ratio(r["mote_ms"], r["native_ms"], "%.2f")
      r["host_cpu_ratio"] = ratio(r["mote_cpu_ms"], r["native_cpu_ms"], "%.2f")
      r["proc_ratio"] = ratio(r["mote_proc_ms"], r["native_proc_ms"], "%.2f")
      r["m3_ratio"] = ratio(r["m3_mote"], r["m3_native"], "%.2f")
      r["rv32_ratio"] = ratio(r["rv32_mote"], r["rv32_native"], "%.2f")
      r["m3_fuel_pct"] = pct(get(k, "m3_fuel"), r["m3_mote"])
      r["rv32_fuel_pct"] = pct(get(k, "rv32_fuel"), r["rv32_mote"])
      r["load_us"] = get(k, "mote_load_us")
      r["load_mbps"] = ratio(r["wasm_bytes"], r["load_us"], "%.2f")
      r["load_code_mbps"] = ratio(r["wasm_code_bytes"], r["load_us"], "%.2f")
      r["code_bytes"] = get(k, "mote_code_bytes")
      r["code_per_wasm"] = ratio(r["code_bytes"], r["wasm_code_bytes"], "%.2f")
      r["module_bytes"] = get(k, "mote_module_bytes")
      r["arena_bytes"] = get(k, "mote_arena_bytes")
      line = k; for (i = 2; i <= nc; i++) line = line OFS r[c[i]]; print line
      acc("host_ratio", r["host_ratio"]); acc("host_cpu_ratio", r["host_cpu_ratio"])
      acc("proc_ratio", r["proc_ratio"]); acc("m3_ratio", r["m3_ratio"])
      acc("rv32_ratio", r["rv32_ratio"]); acc("load_mbps", r["load_mbps"])
      acc("load_code_mbps", r["load_code_mbps"]); acc("code_per_wasm", r["code_per_wasm"])
      for (f in fp) delete fp[f]
      split("fuel_pct fuel_cpu_pct m3_fuel_pct rv32_fuel_pct", fp, " ")
      for (f in fp) if (r[fp[f]] != "-") acc(fp[f], 1 + r[fp[f]] / 100)
    }
    for (i = 2; i <= nc; i++) g[c[i]] = "-"
    split("host_ratio host_cpu_ratio proc_ratio m3_ratio rv32_ratio load_mbps load_code_mbps code_per_wasm", gr, " ")
    for (f in gr) g[gr[f]] = gm(gr[f], "%.2f")
    split("fuel_pct fuel_cpu_pct m3_fuel_pct rv32_fuel_pct", fp, " ")
    for (f in fp) { x = gm(fp[f], "%.8f"); g[fp[f]] = x == "-" ? "-" : sprintf("%.4f", 100 * (x - 1)) }
    line = "geomean"; for (i = 2; i <= nc; i++) line = line OFS g[c[i]]; print line
  }' "$@" >"$base.tsv"

# ---- the markdown -----------------------------------------------------------
cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo 2>/dev/null | head -1)
{
  echo "# mote benchmarks: $(date +%F), commit $commit$dirty"
  echo
  awk -F'\t' '
    function has(x) { return x != "-" && x != "" }
    function f(x, fmt) { return has(x) ? sprintf(fmt, x) : "-" }
    function spread(lo, hi, mid) { return has(lo) && has(hi) && mid + 0 > 0 ? sprintf("%.0f%%", 100 * (hi - lo) / mid) : "-" }
    function row(s) { print "| " s " |" }
    NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) ix[$i] = i; next }
    { for (name in ix) d[NR, name] = $(ix[name]); if ($1 == "geomean") G = NR; else K[++nk] = NR }
    function col(r, name) { return d[r, name] }
    function any(name,   j) { for (j = 1; j <= nk; j++) if (has(col(K[j], name))) return 1; return 0 }
    END {
      host = any("mote_ms"); tgt = any("m3_mote") || any("rv32_mote"); load = any("load_us")
      # worst host kernel
      worst = 0
      for (j = 1; j <= nk; j++) { x = col(K[j], "host_ratio"); if (has(x) && x + 0 > worst) { worst = x + 0; wk = col(K[j], "kernel") } }
      # aggregate load speed and code expansion
      for (j = 1; j <= nk; j++) { r = K[j]
        if (has(col(r, "load_us"))) { wb += col(r, "wasm_bytes"); cb += col(r, "wasm_code_bytes"); us += col(r, "load_us") }
        if (has(col(r, "code_bytes"))) { cc += col(r, "code_bytes"); cw += col(r, "wasm_code_bytes") }
      }
      print "## Summary (issue 7 targets; ratios are mote / native, lower is better)"
      print ""
      print "| figure | result | target |"
      print "|---|---|---|"
      if (host) {
        row("host x86-64 time, geomean (in-process wall, median) | **" f(col(G, "host_ratio"), "%.2fx") "** (CPU time " f(col(G, "host_cpu_ratio"), "%.2fx") ", whole process " f(col(G, "proc_ratio"), "%.2fx") ") | <= 10x")
        row("host worst kernel | **" sprintf("%.2fx", worst) "** (" wk ") | <= 20x")
      }
      if (tgt) {
        row("Cortex-M3 instructions, geomean (mps2-an385, QEMU -icount) | **" f(col(G, "m3_ratio"), "%.2fx") "** | <= 10x")
        row("rv32imac instructions, geomean (riscv virt, QEMU -icount) | **" f(col(G, "rv32_ratio"), "%.2fx") "** | <= 10x")
      }
      if (load) {
        row("load (decode + validate + compile) on the host | **" sprintf("%.1f MB/s", wb / us) "** of wasm, all kernels together (" sprintf("%.1f", cb / us) " MB/s of code section; geomean per kernel " f(col(G, "load_mbps"), "%.1f") ") | >= 5 MB/s")
        row("compiled code per wasm code byte | **" sprintf("%.2f", cc / cw) "** all kernels together (geomean " f(col(G, "code_per_wasm"), "%.2f") ") | <= 2.5")
      }
      if (host || tgt)
        row("fuel metering on vs off, geomean | **host " f(col(G, "fuel_pct"), "%+.1f%%") "** wall (CPU " f(col(G, "fuel_cpu_pct"), "%+.1f%%") "); instructions M3 " f(col(G, "m3_fuel_pct"), "%+.4f%%") ", rv32 " f(col(G, "rv32_fuel_pct"), "%+.4f%%") " | <= 5%")
      if (!host && !tgt && !load) print "| no mote figures in this run | native columns only | |"
      print ""

      print "## Host x86-64: time of bench_run at the host scale"
      print ""
      print "Median of the in-process runs (wall, then CPU time); whole process = the native"
      print "ELF vs `mote-bench --once` (read + load + instantiate + one call), median. Spread ="
      print "(max - min) / median of the in-process wall times. Runs = native in-process /"
      print "mote in-process (pairs, fuel off and on) / whole-process runs per side."
      print ""
      print "| kernel | scale | native ms | mote ms | x wall | native CPU ms | mote CPU ms | x CPU | native proc ms | mote proc ms | x proc | spread native | spread mote | runs |"
      print "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
      for (j = 1; j <= nk; j++) { r = K[j]
        row(col(r, "kernel") " | " col(r, "host_scale") " | " col(r, "native_ms") " | " col(r, "mote_ms") " | " col(r, "host_ratio") " | " col(r, "native_cpu_ms") " | " col(r, "mote_cpu_ms") " | " col(r, "host_cpu_ratio") " | " col(r, "native_proc_ms") " | " col(r, "mote_proc_ms") " | " col(r, "proc_ratio") " | " spread(col(r, "native_min_ms"), col(r, "native_max_ms"), col(r, "native_ms")) " | " spread(col(r, "mote_min_ms"), col(r, "mote_max_ms"), col(r, "mote_ms")) " | " col(r, "native_runs") "/" col(r, "mote_runs") "/" col(r, "proc_runs"))
      }
      row("**geomean** | | | | **" col(G, "host_ratio") "** | | | **" col(G, "host_cpu_ratio") "** | | | **" col(G, "proc_ratio") "** | | |")
      print ""

      print "## Targets: guest instructions of bench_run at the target scale (QEMU -icount, exact)"
      print ""
      print "M3 counts have a resolution of 5 instructions (TIMER0 under -icount shift=3), rv32"
      print "counts are exact (minstret). load = mote_load of the module in flash (decode,"
      print "validate, compile), counted on its own."
      print ""
      print "| kernel | scale | M3 native | M3 mote | x M3 | rv32 native | rv32 mote | x rv32 | M3 load | rv32 load |"
      print "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
      for (j = 1; j <= nk; j++) { r = K[j]
        row(col(r, "kernel") " | " col(r, "target_scale") " | " col(r, "m3_native") " | " col(r, "m3_mote") " | " col(r, "m3_ratio") " | " col(r, "rv32_native") " | " col(r, "rv32_mote") " | " col(r, "rv32_ratio") " | " col(r, "m3_load") " | " col(r, "rv32_load"))
      }
      row("**geomean** | | | | **" col(G, "m3_ratio") "** | | | **" col(G, "rv32_ratio") "** | |")
      print ""

      if (load) {
        print "## Load speed and memory"
        print ""
        print "Load = best of many mote_load calls on the host (decode + validate + compile);"
        print "MB/s = 10^6 bytes of the whole .wasm per second. Code section = the payload of"
        print "section 10. Module = arena bytes the loaded module keeps (compiled code included);"
        print "arena peak = the most arena bytes in use, load, instance (linear memory, default"
        print "64 KiB value and 8 KiB call stacks) and the run included."
        print ""
        print "| kernel | wasm B | code section B | load us | MB/s | compiled B | per code B | module B | arena peak B |"
        print "|---|--:|--:|--:|--:|--:|--:|--:|--:|"
        for (j = 1; j <= nk; j++) { r = K[j]
          row(col(r, "kernel") " | " col(r, "wasm_bytes") " | " col(r, "wasm_code_bytes") " | " col(r, "load_us") " | " col(r, "load_mbps") " | " col(r, "code_bytes") " | " col(r, "code_per_wasm") " | " col(r, "module_bytes") " | " col(r, "arena_bytes"))
        }
        row("**all** | " wb " | " cb " | " sprintf("%.1f", us) " | **" sprintf("%.2f", wb / us) "** | " cc " | **" sprintf("%.2f", cc / cw) "** | | ")
        print ""
      }

      if (host || tgt) {
        print "## Fuel metering: cost of mote_set_fuel(huge) vs MOTE_FUEL_OFF"
        print ""
        print "Host: the mote runs above alternate unmetered and metered calls in one process"
        print "(off, on, on, off, ...); the overhead is the median of the per-pair ratios, from wall"
        print "and from CPU time. Targets: the same call counted twice, off then on (exact)."
        print "Steps = fuel units one metered call consumed (function entries and loop back-edges)."
        print ""
        print "| kernel | steps per call | host wall | host CPU | M3 instr | rv32 instr |"
        print "|---|--:|--:|--:|--:|--:|"
        for (j = 1; j <= nk; j++) { r = K[j]
          row(col(r, "kernel") " | " col(r, "fuel_steps") " | " f(col(r, "fuel_pct"), "%+.1f%%") " | " f(col(r, "fuel_cpu_pct"), "%+.1f%%") " | " f(col(r, "m3_fuel_pct"), "%+.4f%%") " | " f(col(r, "rv32_fuel_pct"), "%+.4f%%"))
        }
        row("**geomean** | | **" f(col(G, "fuel_pct"), "%+.1f%%") "** | **" f(col(G, "fuel_cpu_pct"), "%+.1f%%") "** | **" f(col(G, "m3_fuel_pct"), "%+.4f%%") "** | **" f(col(G, "rv32_fuel_pct"), "%+.4f%%") "**")
        print ""
      }
    }' "$base.tsv"

  echo "## Machine, method and noise"
  echo
  echo "- Host: ${cpu:-unknown CPU}, $(nproc) cores, $(uname -sm)"
  echo "- Native host code: $(gcc --version | head -1), -O2; wasm: $(clang-14 --version | head -1)," \
       "-O2 -mbulk-memory -msign-ext; mote: the host preset (Release; interpreter -O2)"
  echo "- Targets: $(arm-none-eabi-gcc --version | head -1) -mcpu=cortex-m3 -mthumb -O2;" \
       "$(riscv64-unknown-elf-gcc --version | head -1) -march=rv32imac -O2; picolibc." \
       "mote on the boards: the mps2-an385 and riscv-virt-rv32 presets (MinSizeRel; interpreter -O2)," \
       "bench/firmware, wasm embedded in flash, HAL not started"
  echo "- $(qemu-system-arm --version | head -1): mps2-an385 with -icount shift=3 (TIMER0, 5-instruction resolution)," \
       "riscv virt with -icount shift=0 (minstret, exact)"
  if [ -n "${BENCH_RUNS:-}" ]; then
    echo "- Host runs per kernel: ${BENCH_RUNS} in process (native) and up to ${BENCH_RUNS} pairs (mote, fuel off/on);" \
         "up to ${BENCH_PROC_RUNS:-?} whole-process runs per side; a slow kernel's mote runs stop after 3 pairs" \
         "once ${BENCH_BUDGET:-?} s have passed, its whole-process runs after 1 once half that has$( [ "${BENCH_SMOKE:-0}" = 1 ] && echo '; SMOKE scales: not a measurement')"
  fi
  [ -n "${BENCH_LOADAVG:-}" ] && echo "- Machine load average (1, 5, 15 min) before -> after the host runs: ${BENCH_LOADAVG}" \
    "on $(nproc) cores (other builds ran concurrently: wall times are noisy, CPU times less so, QEMU counts not at all)"
  awk -F'\t' '
    NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) ix[$i] = i; next }
    $1 == "geomean" { next }
    function sp(lo, hi, mid) { return (lo != "-" && hi != "-" && mid + 0 > 0) ? 100 * (hi - lo) / mid : -1 }
    {
      a = sp($(ix["native_min_ms"]), $(ix["native_max_ms"]), $(ix["native_ms"]))
      b = sp($(ix["mote_min_ms"]), $(ix["mote_max_ms"]), $(ix["mote_ms"]))
      if (a >= 0) { na++; ns[na] = a; if (a >= nw) { nw = a; nwk = $1 } }
      if (b >= 0) { ma++; ms[ma] = b; if (b >= mw) { mw = b; mwk = $1 } }
      lo_n = $(ix["native_min_ms"]); lo_m = $(ix["mote_min_ms"])
      if (lo_n + 0 > 0 && lo_m + 0 > 0) { sl += log(lo_m / lo_n); nl++ }
    }
    function med(v, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
    END {
      if (na) printf "- Spread of the in-process wall times, (max - min) / median, over the kernels: native median %.0f%%, worst %.0f%% (%s); mote median %.0f%%, worst %.0f%% (%s)\n", med(ns, na), nw, nwk, ma ? med(ms, ma) : 0, mw, mwk
      if (nl) printf "- Host ratio from the fastest run of each side (min / min) instead of the medians: geomean %.2fx\n", exp(sl / nl)
    }' "$base.tsv"
  echo "- Ratios are mote / native; geomeans cover the kernels that have both figures."
  echo "- Files: $(basename "$base").tsv (every figure), $(basename "$base").svg (chart); produced by \`make bench\` (bench/run-mote.sh)."
} >"$base.md"

# ---- the chart --------------------------------------------------------------
# chart.gp reads a small fixed-column table: kernel, host wall ratio, whole-
# process ratio, M3 ratio, rv32 ratio, fuel % (host wall, host CPU, M3, rv32),
# load MB/s, compiled bytes per wasm code byte; then the geomean row.
chart=$(mktemp)
trap 'rm -f "$chart" "$chart.err"' EXIT
awk -F'\t' -v OFS='\t' '
  NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) ix[$i] = i; next }
  { print $1, $(ix["host_ratio"]), $(ix["proc_ratio"]), $(ix["m3_ratio"]), $(ix["rv32_ratio"]),
          $(ix["fuel_pct"]), $(ix["fuel_cpu_pct"]), $(ix["m3_fuel_pct"]), $(ix["rv32_fuel_pct"]),
          $(ix["load_mbps"]), $(ix["code_per_wasm"]), $(ix["native_ms"]), $(ix["m3_native"]), $(ix["rv32_native"]) }' \
  "$base.tsv" >"$chart"
have_mote=$(awk -F'\t' '$1 == "geomean" { print ($2 != "-" || $4 != "-" || $5 != "-") ? 1 : 0 }' "$chart")
# (A figure that no kernel has, e.g. without QEMU runs, makes gnuplot warn.)
if ! gnuplot -e "in='$chart'; out='$base.svg'; have_mote=$have_mote; heading='mote benchmarks $(date +%F) $commit$dirty'" \
  "$here/chart.gp" 2>"$chart.err"; then
  cat "$chart.err" >&2
  exit 1
fi
grep -v 'Skipping data file with no valid points' "$chart.err" >&2 || true

echo "wrote $base.md, $base.tsv, $base.svg"
