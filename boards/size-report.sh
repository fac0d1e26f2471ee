#!/usr/bin/env bash
# size-report.sh [preset...]: the flash (.text + .rodata) and static RAM
# (.data + .bss) of the core and wasi-lite libraries, one row per board.
# Builds the libraries with each board preset (all boards by default) and
# measures them with the board's own size tool (arm-none-eabi-size,
# riscv64-unknown-elf-size): Berkeley "text" is .text + .rodata.
set -eu
cd "$(dirname "$0")/.."

presets=("$@")
if [ ${#presets[@]} -eq 0 ]; then
  mapfile -t presets < <(tests/board-presets.sh)     # every board preset
fi
labels=(core wasi-lite)

printf '%-16s' board
for label in "${labels[@]}"; do printf '  %16s %14s' "$label flash" "$label RAM"; done
printf '\n'

for preset in "${presets[@]}"; do
  log=$(mktemp)
  if ! cmake --preset "$preset" >"$log" 2>&1; then
    echo "size-report: configuring $preset failed:" >&2; tail -n 20 "$log" >&2; exit 1
  fi
  info=build/$preset/mote-size.txt
  size_tool=$(sed -n 's/^size=//p' "$info")
  board=$(sed -n 's/^board=//p' "$info")
  printf '%-16s' "$board"
  for label in "${labels[@]}"; do
    entry=$(sed -n "s/^library=$label://p" "$info")
    if [ -z "$entry" ]; then
      printf '  %16s %14s' - -
      continue
    fi
    target=${entry%%:*} archive=${entry#*:}
    if ! cmake --build "build/$preset" --target "$target" >"$log" 2>&1; then
      echo; echo "size-report: building $target for $preset failed:" >&2; tail -n 20 "$log" >&2; exit 1
    fi
    # The (TOTALS) line: text data bss dec hex.
    read -r text data bss _ < <("$size_tool" -t "$archive" | tail -n 1)
    printf '  %16d %14d' "$text" $((data + bss))
  done
  printf '\n'
  rm -f "$log"
done
