#!/usr/bin/env bash
# Runs every built .wasm kernel in wabt's reference interpreter
# (spectest-interp) and asserts bench_run(scale) returns 0: proof that the
# modules themselves are right, independent of mote. Slow (wabt interprets
# naively), so smoke scales by default.
# usage: bench/wasm-ref.sh [--build DIR] [smoke|target|host]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$here/.." && pwd)/build/bench-dev
if [ "${1:-}" = --build ]; then build=$2; shift 2; fi
case ${1:-smoke} in host) col=2 ;; target) col=3 ;; smoke) col=4 ;;
  *) echo "usage: $0 [--build DIR] [smoke|target|host]" >&2; exit 2 ;; esac

failed=0
while IFS=$'\t' read -r k scale; do
  # spectest-interp reads a wast2json-style script; module paths are
  # relative to the script, so it sits next to the .wasm files.
  script=$build/wasm/$k.ref.json
  cat >"$script" <<JSON
{"source_filename": "$k.wast", "commands": [
 {"type": "module", "line": 1, "filename": "$k.wasm"},
 {"type": "assert_return", "line": 2,
  "action": {"type": "invoke", "field": "bench_run", "args": [{"type": "i32", "value": "$scale"}]},
  "expected": [{"type": "i32", "value": "0"}]}]}
JSON
  if spectest-interp "$script" >"$build/wasm/$k.ref.out" 2>&1; then
    echo "ok   $k scale=$scale"
  else
    echo "FAIL $k scale=$scale: $(tr '\n' ' ' <"$build/wasm/$k.ref.out")"
    failed=1
  fi
done < <(grep -v '^#' "$here/scales.tsv" | cut -f1,$col)
exit $failed
