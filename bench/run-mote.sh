#!/usr/bin/env bash
# `make bench`: builds what it needs, measures mote against native code and
# writes bench/results/<date>-<commit>.{md,tsv,svg} (bench/report.sh).
#
# usage: bench/run-mote.sh [--smoke] [--runs N] [--proc-runs N] [--budget S]
#                          [--kernels "K..."] [--no-host] [--no-target]
#                          [--build DIR] [--out DIR]
#   --smoke       smoke scales, 1 run each: checks the whole pipeline in a few
#                 seconds once built; results go to BUILD/smoke-results
#   --runs N      in-process host runs per kernel (default 5): N native, and
#                 N pairs of mote calls unmetered/metered (median of each)
#   --proc-runs N whole-process host runs per kernel and side (default 3)
#   --budget S    a slow kernel stops early: mote's in-process runs after 3
#                 pairs once S seconds have passed, its whole-process runs
#                 after 1 once S/2 have (default 60; 0 = never)
#   --kernels     a subset, e.g. --kernels "fib crc32"
#   --no-host / --no-target   skip the host timing / the QEMU counts
#   --build DIR   build directory (default build/bench)
#   --out DIR     results directory (default bench/results)
#
# What it measures, per kernel (bench/README.md has the details):
#   host    wall and CPU time of bench_run(host scale), in process (native
#           driver drivers/host.c vs mote-bench) and whole process (native
#           ELF vs `mote-bench --once`: read, load, instantiate, one call);
#           mote with fuel metering on and off, alternating in one process
#   targets guest instructions of bench_run(target scale) under QEMU -icount
#           on mps2-an385 (Cortex-M3) and riscv virt (rv32imac): the native
#           ELF vs bench/firmware (mote on the board, MinSizeRel as the
#           board presets build it); also mote's load and metered counts
#   load    best-of-N load time, wasm sizes, compiled code and arena bytes
# Every run checks the kernel's own verification; any failure fails the run.
#
# The current tree's core is built afresh each time (incrementally) into
# BUILD/host, BUILD/mps2-an385 and BUILD/riscv-virt-rv32, so this can run
# while other builds use build/host and build/<preset>.
# The whole script is one { ... } block: bash reads it all before running it,
# so editing this file during a long run cannot derail that run.
{
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$root/build/bench
out=$here/results
runs=5
pruns=3
budget=60
smoke=0
only=""
do_host=1
do_target=1
jobs=${JOBS:-2}
while [ $# -gt 0 ]; do
  case $1 in
    --smoke|--quick) smoke=1 ;;
    --runs) runs=$2; shift ;;
    --proc-runs) pruns=$2; shift ;;
    --budget) budget=$2; shift ;;
    --kernels) only=$2; shift ;;
    --no-host) do_host=0 ;;
    --no-target) do_target=0 ;;
    --build) build=$(realpath -m "$2"); shift ;;
    --out) out=$(realpath -m "$2"); shift ;;
    *) sed -n '2,34p' "$0" >&2; exit 2 ;;
  esac
  shift
done
if [ "$smoke" = 1 ]; then
  runs=1 pruns=1
  [ "$out" = "$here/results" ] && out=$build/smoke-results
fi
mkdir -p "$build/runs"
log=$build/build.log
: >"$log"

say() { printf '%s\n' "$*" >&2; }
step() { printf '== %s\n' "$*" >&2; }

# ---- build ------------------------------------------------------------------
# cmake_build PRESET TARGET...: configure BUILD/PRESET from the preset (once;
# ninja re-runs cmake when CMakeLists change), then build only the targets.
cmake_build() {
  local preset=$1 dir=$build/$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    local extra=()
    # Board builds need bench/firmware; where the top-level CMakeLists.txt
    # does not add it, hook.cmake does.
    if [ "$preset" != host ] && ! grep -q '^[^#]*add_subdirectory(bench/firmware)' "$root/CMakeLists.txt"; then
      extra=(-DCMAKE_PROJECT_mote_INCLUDE="$here/firmware/hook.cmake")
    fi
    (cd "$root" && cmake --preset "$preset" -B "$dir" "${extra[@]}") >>"$log" 2>&1 ||
      { tail -30 "$log" >&2; say "configure of $preset failed (log: $log)"; exit 1; }
  fi
  cmake --build "$dir" -j "$jobs" --target "$@" >>"$log" 2>&1 ||
    { grep -E 'error|Error' "$log" | tail -20 >&2; say "build of $preset failed (log: $log)"; exit 1; }
}

step "building (log: $log)"
make -s -C "$here" -j"$jobs" BUILD="$build/native" all >>"$log" 2>&1 ||
  { tail -30 "$log" >&2; say "native kernel build failed"; exit 1; }
if [ "$do_host" = 1 ]; then cmake_build host mote-bench bench_wasm; fi
if [ "$do_target" = 1 ]; then
  cmake_build mps2-an385 mote-bench-fw
  cmake_build riscv-virt-rv32 mote-bench-fw
fi
mote_bench=$build/host/bench/mote-bench
wasm_dir=$build/host/bench/wasm
fw_m3=$build/mps2-an385/bench/firmware/mote-bench-fw.elf
fw_rv32=$build/riscv-virt-rv32/bench/firmware/mote-bench-fw.elf

# ---- kernels ----------------------------------------------------------------
listed=$(grep -v '^#' "$here/scales.tsv" | cut -f1 | sort | tr '\n' ' ')
built=$(make -s --no-print-directory -C "$here" list | tr ' ' '\n' | sort | tr '\n' ' ')
if [ "$listed" != "$built" ]; then
  say "scales.tsv lists [$listed] but kernels/ has [$built]"
  exit 1
fi
declare -A hscale tscale
kernels=()
while IFS=$'\t' read -r k h t s _; do
  if [ -n "$only" ] && [[ " $only " != *" $k "* ]]; then continue; fi
  kernels+=("$k")
  if [ "$smoke" = 1 ]; then hscale[$k]=$s tscale[$k]=$s; else hscale[$k]=$h tscale[$k]=$t; fi
done < <(grep -v '^#' "$here/scales.tsv")
[ ${#kernels[@]} -gt 0 ] || { say "no kernels selected"; exit 2; }

# value KEY LINE: the value of KEY=value in a driver's output line.
value() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2" | head -1; }
failed=0
fail() { say "FAIL $*"; failed=1; }

# ---- targets: QEMU instruction counts (deterministic; 2 at a time) ----------
declare -A count
if [ "$do_target" = 1 ]; then
  step "targets: QEMU -icount, ${#kernels[@]} kernels x {M3, rv32} x {native, mote}"
  running=0
  for k in "${kernels[@]}"; do
    for job in "m3 $build/native/m3/$k.elf native" "m3 $fw_m3 mote" \
               "rv32 $build/native/rv32/$k.elf native" "rv32 $fw_rv32 mote"; do
      set -- $job
      "$here/qemu.sh" "$1" "$2" "$k" "${tscale[$k]}" >"$build/runs/$k.$1.$3.out" 2>&1 &
      running=$((running + 1))
      if [ $running -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
    done
  done
  wait || true
  for k in "${kernels[@]}"; do
    line=""
    for t in m3 rv32; do
      for side in native mote; do
        f=$build/runs/$k.$t.$side.out
        l=$(grep -m1 "^kernel=" "$f" || true)
        if [ "$(value result "$l")" != 0 ] || [ -z "$(value instructions "$l")" ]; then
          fail "$k on $t ($side): $(tr '\n' ' ' <"$f" | cut -c1-300)"
        fi
        count[$k.$t.$side]=$(value instructions "$l")
        if [ "$side" = mote ]; then
          count[$k.$t.fuel]=$(value fuel_instructions "$l")
          count[$k.$t.load]=$(value load_instructions "$l")
        fi
        line+=" $t/$side=${count[$k.$t.$side]:--}"
      done
    done
    say "  $k:$line"
  done
fi

# ---- host: wall and CPU time ------------------------------------------------
# Runs one after the other, nothing else of ours running. Machine load is
# logged: other builds on the machine make wall times noisy.
declare -A nat mot proc
median_min_max() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END {
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "%.3f %.3f %.3f\n", m, v[1], v[NR] }'; }
elapsed_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) * 1000 }'; }
loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "$do_host" = 1 ]; then
  step "host: ${#kernels[@]} kernels, $runs in-process runs (x2 for mote: fuel off/on), $pruns whole-process runs (budget ${budget} s); load average $loadavg_before"
  for k in "${kernels[@]}"; do
    s=${hscale[$k]}
    wasm=$wasm_dir/$k.wasm
    cmp -s "$wasm" "$build/native/wasm/$k.wasm" ||
      say "  note: $k.wasm differs between the CMake and Makefile builds"
    nl=$("$build/native/host/$k" "$s" "$runs") || { fail "native $k: $nl"; continue; }
    ml=$("$mote_bench" --fuel --budget-ms $((budget * 1000)) "$wasm" "$s" "$runs") ||
      { fail "mote $k: $ml"; continue; }
    nat[$k]=$nl mot[$k]=$ml
    # whole process, alternating native and mote
    pn="" pm="" pstart=$EPOCHREALTIME
    for ((i = 0; i < pruns; i++)); do
      if [ "$i" -ge 1 ] && [ "$budget" != 0 ] &&
         awk -v a="$pstart" -v b="$EPOCHREALTIME" -v l="$budget" 'BEGIN { exit !(b - a > l / 2) }'; then
        break
      fi
      t0=$EPOCHREALTIME
      "$build/native/host/$k" "$s" 1 >/dev/null || fail "native process $k"
      t1=$EPOCHREALTIME
      "$mote_bench" --once "$wasm" "$s" >/dev/null || fail "mote process $k"
      t2=$EPOCHREALTIME
      pn+=" $(elapsed_ms "$t0" "$t1")" pm+=" $(elapsed_ms "$t1" "$t2")"
    done
    proc[$k.native]=$(median_min_max <<<"$pn")
    proc[$k.mote]=$(median_min_max <<<"$pm")
    proc[$k.runs]=$i
    say "$(printf '  %-11s native %9s ms  mote %9s ms  (cpu %s / %s)  fuel %+.1f%%  proc %s / %s ms' \
      "$k" "$(value median_ms "$nl")" "$(value median_ms "$ml")" "$(value cpu_ms "$nl")" \
      "$(value cpu_ms "$ml")" "$(value fuel_pct "$ml")" "${proc[$k.native]%% *}" "${proc[$k.mote]%% *}")"
  done
fi
loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- write the measurements and the report -----------------------------------
ntsv=$build/native.tsv mtsv=$build/mote.tsv
{
  printf '# kernel\thost_scale\ttarget_scale\tnative_ms\tnative_min_ms\tnative_max_ms\tnative_cpu_ms'
  printf '\tnative_proc_ms\tnative_proc_min_ms\tnative_proc_max_ms\tm3_native\trv32_native\twasm_bytes\twasm_code_bytes\n'
  for k in "${kernels[@]}"; do
    nl=${nat[$k]:-} ml=${mot[$k]:-}
    read -r pmed pmin pmax <<<"${proc[$k.native]:-- - -}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$k" "${hscale[$k]}" "${tscale[$k]}" \
      "$(value median_ms "$nl")" "$(value min_ms "$nl")" "$(value max_ms "$nl")" "$(value cpu_ms "$nl")" \
      "$pmed" "$pmin" "$pmax" "${count[$k.m3.native]:-}" "${count[$k.rv32.native]:-}" \
      "$(value wasm_bytes "$ml")" "$(value wasm_code_bytes "$ml")"
  done
} >"$ntsv"
{
  printf '# kernel\tmote_ms\tmote_min_ms\tmote_max_ms\tmote_cpu_ms\tmote_proc_ms\tmote_proc_min_ms\tmote_proc_max_ms'
  printf '\tfuel_ms\tfuel_min_ms\tfuel_max_ms\tfuel_cpu_ms\tfuel_pct\tfuel_cpu_pct\tfuel_steps'
  printf '\tm3_mote\tm3_fuel\tm3_load\trv32_mote\trv32_fuel\trv32_load'
  printf '\tmote_load_us\tmote_code_bytes\tmote_module_bytes\tmote_instance_bytes\tmote_arena_bytes'
  printf '\tnative_runs\tmote_runs\tproc_runs\n'
  for k in "${kernels[@]}"; do
    ml=${mot[$k]:-}
    read -r pmed pmin pmax <<<"${proc[$k.mote]:-- - -}"
    row=("$k")
    for key in median_ms min_ms max_ms cpu_ms; do row+=("$(value $key "$ml")"); done
    row+=("$pmed" "$pmin" "$pmax")
    for key in fuel_median_ms fuel_min_ms fuel_max_ms fuel_cpu_ms fuel_pct fuel_cpu_pct fuel_steps; do
      row+=("$(value $key "$ml")")
    done
    for t in m3 rv32; do row+=("${count[$k.$t.mote]:-}" "${count[$k.$t.fuel]:-}" "${count[$k.$t.load]:-}"); done
    for key in load_us code_bytes module_bytes instance_bytes arena_peak; do row+=("$(value $key "$ml")"); done
    row+=("$(value runs "${nat[$k]:-}")" "$(value runs "$ml")" "${proc[$k.runs]:-}")
    (IFS=$'\t'; echo "${row[*]}")
  done
} >"$mtsv"
# Empty fields become '-'.
sed -i -e ':a' -e 's/\t\t/\t-\t/g; ta' -e 's/\t$/\t-/' "$ntsv" "$mtsv"

if [ "$failed" != 0 ]; then
  say "some kernels failed (see above; QEMU outputs in $build/runs)"
  exit 1
fi
step "report"
env BENCH_LOADAVG="$loadavg_before -> $loadavg_after" BENCH_RUNS="$runs" BENCH_PROC_RUNS="$pruns" BENCH_BUDGET="$budget" \
  BENCH_SMOKE="$smoke" "$here/report.sh" --out "$out" "$ntsv" "$mtsv"
exit
}
