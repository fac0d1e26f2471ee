#!/usr/bin/env bash
# size-report.sh [--doc] [board...]: what a firmware links (`make size`).
#
# For each board (default: mps2-an385 riscv-virt-rv32) and each core
# configuration in SIZE_CONFIGS (default: minimal minimal-nofloat
# minimal-calls standard full), builds the size firmware of bench/size in
# build/size/<board>-<config> (the board's preset, MOTE_CONFIG=<config>;
# minimal-nofloat is minimal with MOTE_WITH_FLOAT=OFF, minimal-calls is
# minimal with WASI-lite linking only the call its app imports,
# MOTE_WASI_CALLS=fd_write) and prints one table row from the link maps
# (bench/size/size_map.py): the core as linked (image minus the empty
# baseline, minus main() and the module; libgcc and libc included), the
# same for a firmware that only attaches precompiled images (no loader),
# the core's own objects, WASI-lite on top of it with the board drivers it
# reaches counted apart, and the static RAM of each.
#
# Then, on the first board, `full` once per feature group with that group
# left out (full-no-<GROUP>): the difference to `full` is what the group
# adds to a firmware.
#
# --doc also writes the table into docs/size.md, between its
# "<!-- size-report -->" markers.
set -eu
cd "$(dirname "$0")/.."

doc=0
if [ "${1:-}" = "--doc" ]; then doc=1; shift; fi
boards=("$@")
[ ${#boards[@]} -gt 0 ] || boards=(mps2-an385 riscv-virt-rv32)
read -r -a configs <<<"${SIZE_CONFIGS:-minimal minimal-nofloat minimal-calls standard full}"
# What each feature group adds: full without it, on the first board only
# (SIZE_GROUPS="" skips these rows).
read -r -a groups <<<"${SIZE_GROUPS-SIMD RELAXED_SIMD EXCEPTIONS LEGACY_EXCEPTIONS TYPED_REFS MULTI_MEMORY MEMORY64 TAIL_CALL EXTENDED_CONST CUSTOM_PAGE_SIZES REFERENCE_TYPES BULK_MEMORY SAT_CONV SIGN_EXT FLOAT}"

rows=()
for board in "${boards[@]}"; do
  extra=()
  [ "$board" = "${boards[0]}" ] && for g in "${groups[@]}"; do extra+=("full-no-$g"); done
  for config in "${configs[@]}" "${extra[@]}"; do
    dir=build/size/$board-$config
    args=(-DMOTE_BUILD_TESTS=OFF -DMOTE_BUILD_TOOLS=OFF)
    case $config in
      minimal-nofloat) args+=(-DMOTE_CONFIG=minimal -DMOTE_WITH_FLOAT=OFF) ;;
      minimal-calls) args+=(-DMOTE_CONFIG=minimal -DMOTE_WASI_CALLS=fd_write) ;;
      full-no-EXCEPTIONS)   # legacy exceptions need exceptions
        args+=(-DMOTE_CONFIG=full -DMOTE_WITH_EXCEPTIONS=OFF -DMOTE_WITH_LEGACY_EXCEPTIONS=OFF) ;;
      full-no-SIMD)         # relaxed SIMD needs SIMD
        args+=(-DMOTE_CONFIG=full -DMOTE_WITH_SIMD=OFF -DMOTE_WITH_RELAXED_SIMD=OFF) ;;
      full-no-*) args+=(-DMOTE_CONFIG=full -DMOTE_WITH_${config#full-no-}=OFF) ;;
      *) args+=(-DMOTE_CONFIG="$config") ;;
    esac
    log=$(mktemp)
    if ! cmake --preset "$board" -B "$dir" "${args[@]}" >"$log" 2>&1 ||
       ! cmake --build "$dir" -j "${JOBS:-2}" --target size-firmware >>"$log" 2>&1; then
      echo "size-report: building $board/$config failed:" >&2; tail -n 30 "$log" >&2
      rm -f "$log"; exit 1
    fi
    rm -f "$log"
    rows+=("$board/$config=$dir")
  done
done

table=$(python3 bench/size/size_map.py --table "${rows[@]}")

# The RAM floor: mote-ram-floor (bench/size/ram_floor.c, the standard core
# built for this machine: the arena figures are the boards') over the bench
# kernels at their target scale (bench/scales.tsv).
tools=build/size/host
mkdir -p "$tools"
cc -std=gnu11 -O2 -ffp-contract=off -Icore/include -Icore/src -o "$tools/mote-ram-floor" \
   bench/size/ram_floor.c core/src/*.c -lm
make -s -C bench BUILD="$PWD/build/size/bench" wasm >/dev/null
floor="| module | wasm bytes | compiled code | module state | instance state | linear memory | smallest value stack | smallest call stack |
|---|--:|--:|--:|--:|--:|--:|--:|"
while IFS=$'\t' read -r kernel _ target _; do
  case $kernel in ''|\#*) continue ;; esac
  line=$("$tools/mote-ram-floor" "$target" "build/size/bench/wasm/$kernel.wasm")
  get() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$line"; }
  floor+=$'\n'"| $kernel (scale $target) | $(get wasm) | $(get code) | $(get module_state) | $(get instance_state) | $(get memory) | $(get value_stack) | $(get call_stack) ($(get frames) frames) |"
done < bench/scales.tsv
table+=$'\n\n'"RAM floor (arena bytes; the same on every board):"$'\n\n'"$floor"
printf '%s\n' "$table"
if [ $doc = 1 ]; then
  python3 - docs/size.md "$table" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2]
text = open(path).read()
start, end = "<!-- size-report -->", "<!-- /size-report -->"
i, j = text.index(start) + len(start), text.index(end)
open(path, "w").write(text[:i] + "\n" + table + "\n" + text[j:])
PY
  echo "size-report: docs/size.md updated"
fi
