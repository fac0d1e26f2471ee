#!/bin/sh
# The core's symbols: the shared library exports only mote_* (core/mote.map),
# and every other global symbol of the static library carries the prefix of
# the file that defines it, so none can clash with a firmware's own names.
#   symbols.sh NM libmote.a [libmote.so]
nm=$1 lib=$2 so=$3
status=0
# Names the toolchain makes itself are not ours: ASan's ODR indicators
# (__odr_asan.*) and i386's PC thunks (__x86.get_pc_thunk.*).
bad=$("$nm" -g --defined-only "$lib" | awk '$2 ~ /[TDRBC]/ {print $3}' |
      grep -Ev '^(__odr_asan[._]|__x86\.get_pc_thunk\.)' |
      grep -Ev '^(mote_|api_|arena_|compile_|const_|decode_|div64_|error_|exn_|feature_|image_|instance_|interp_|simd_|syntax_|types_|wasm_op_)' || true)
if [ -n "$bad" ]; then
  echo "symbols without a file prefix in $lib:"; echo "$bad"; status=1
fi
if [ -n "$so" ]; then
  leaked=$("$nm" -D --defined-only "$so" | awk '$2 ~ /[TDRBC]/ {print $3}' | grep -v '^mote_' || true)
  if [ -n "$leaked" ]; then
    echo "internal symbols exported by $so:"; echo "$leaked"; status=1
  fi
fi
[ $status -eq 0 ] && echo "symbols: ok"
exit $status
