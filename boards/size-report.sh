#!/usr/bin/env bash
# size-report.sh [--doc] [board...]: what a firmware links (`make size`).
#
# For each board (default: mps2-an385 riscv-virt-rv32) and each core
# configuration in SIZE_CONFIGS (default: minimal minimal-nofloat standard
# full), builds the size firmware of bench/size in build/size/<board>-<config>
# (the board's preset, MOTE_CONFIG=<config>; minimal-nofloat is minimal with
# MOTE_WITH_FLOAT=OFF) and prints one table row from the link maps
# (bench/size/size_map.py): the core as linked (image minus the empty
# baseline, minus main() and the module; libgcc and libc included), the
# core's own objects, WASI-lite on top of it with the board drivers it
# reaches counted apart, and the static RAM of each.
#
# --doc also writes the table into docs/size.md, between its
# "<!-- size-report -->" markers.
set -eu
cd "$(dirname "$0")/.."

doc=0
if [ "${1:-}" = "--doc" ]; then doc=1; shift; fi
boards=("$@")
[ ${#boards[@]} -gt 0 ] || boards=(mps2-an385 riscv-virt-rv32)
read -r -a configs <<<"${SIZE_CONFIGS:-minimal minimal-nofloat standard full}"

rows=()
for board in "${boards[@]}"; do
  for config in "${configs[@]}"; do
    dir=build/size/$board-$config
    args=(-DMOTE_BUILD_TESTS=OFF -DMOTE_BUILD_TOOLS=OFF)
    case $config in
      minimal-nofloat) args+=(-DMOTE_CONFIG=minimal -DMOTE_WITH_FLOAT=OFF) ;;
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
