#!/bin/sh
# convert-head.sh WAST2JSON WAST JSON
# Converts one script of the spec suite at HEAD with wabt 1.0.41's wast2json
# and the feature list ../shared/wasm-testsuite-3.0/SOURCE.md gives (not
# --enable-all, which turns on compact-imports and changes the import
# encoding the suite expects).  wast2json 1.0.41 cannot parse some scripts
# (most of GC's): such a script becomes a JSON script with no commands and
# a "mote_unconvertible" note, so that mote-spec says why it ran nothing,
# rather than the build failing.
set -u
tool=$1 wast=$2 json=$3
dir=$(dirname "$json")
mkdir -p "$dir"
rm -f "$dir"/*.wasm "$json"
if err=$("$tool" --enable-exceptions --enable-threads --enable-function-references \
           --enable-tail-call --enable-annotations --enable-gc --enable-memory64 \
           --enable-multi-memory --enable-extended-const --enable-relaxed-simd \
           --enable-custom-page-sizes --enable-wide-arithmetic "$wast" -o "$json" 2>&1); then
  exit 0
fi
first=$(printf '%s\n' "$err" | head -n 1 | sed 's/\\/\\\\/g; s/"/\\"/g' | cut -c1-300)
printf '{"source_filename": "%s", "mote_unconvertible": "%s", "commands": []}\n' \
  "$(basename "$wast")" "$first" > "$json"
