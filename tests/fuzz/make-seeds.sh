#!/usr/bin/env bash
# Regenerates the seed corpora in tests/fuzz/corpus from the spec suite's
# modules (wast2json output of a host build).  The seeds are committed; run
# this only to change the selection.
#
#   tests/fuzz/make-seeds.sh [build/host/tests/spec/json]
#
# corpus/load: the first module of each chosen script, as is, plus a few
#              modules the spec expects to be malformed or invalid.
# corpus/run:  the same valid modules behind fuzz_run's 16-byte control
#              block (host behaviour, stack sizes, fuel, caps, argument seed),
#              a different block per file.
# corpus/wasi: short programs for fuzz_wasi (wasi-seeds.py).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
json=${1:-$here/../../build/host/tests/spec/json}
scripts="i32 i64 f32 f64 conversions call_indirect loop memory_grow table_grow bulk ref_func
select global memory_copy memory_fill table_copy table_init unwind stack traps int_exprs
float_exprs left-to-right labels block if br_if local_tee call fac memory_trap endianness
switch elem data table_fill table_get table_set ref_null ref_is_null memory_size float_misc
tail-call/return_call tail-call/return_call_indirect"
# Modules the spec rejects (by script and number): decoding and validation paths.
rejected="binary.10 binary.30 binary-leb128.20 custom.3 align.10 unreached-invalid.5 type.3"

rm -rf "$here/corpus/load" "$here/corpus/run"
mkdir -p "$here/corpus/load" "$here/corpus/run"
i=0
for s in $scripts; do
  name=${s##*/}
  src=$json/$s/$name.0.wasm
  [ -f "$src" ] || { echo "missing $src" >&2; exit 1; }
  cp "$src" "$here/corpus/load/$name.wasm"
  # control block: byte 0 cycles through the modes, bytes 1-15 from a checksum
  seed=$(printf '%s' "$name" | cksum | cut -d' ' -f1)
  {
    printf "\\x$(printf %02x $(( (i * 37 + 5) & 255 )))"
    for k in $(seq 1 15); do printf "\\x$(printf %02x $(( (seed >> (k % 24)) & 255 )))"; done
    cat "$src"
  } >"$here/corpus/run/$name.bin"
  i=$((i + 1))
done
for r in $rejected; do
  s=${r%.*}
  src=$json/$s/$r.wasm
  [ -f "$src" ] && cp "$src" "$here/corpus/load/rejected-$r.wasm"
done
echo "load: $(ls "$here/corpus/load" | wc -l) files, run: $(ls "$here/corpus/run" | wc -l) files"
rm -rf "$here/corpus/wasi"
python3 "$here/wasi-seeds.py" "$here/corpus/wasi"
