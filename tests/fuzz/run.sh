#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang-14 (ASan + UBSan) in build/fuzz
# and runs each for FUZZ_SECONDS (default 60), one after another.
#
#   tests/fuzz/run.sh [load|run|wasi ...]     (default: every fuzzer built)
#
# Environment: FUZZ_SECONDS, FUZZ_BUILD (default build/fuzz, build/fuzz32
# with FUZZ_M32), FUZZ_FLAGS (extra libFuzzer flags, e.g. "-jobs=2
# -workers=2"), FUZZ_M32=1 for the 32-bit build (i386, run under qemu-i386
# through toolchain/run-i386: a 32-bit size_t, as on the boards).
# The working corpus grows in $FUZZ_BUILD/corpus/<fuzzer> (the committed
# seeds in tests/fuzz/corpus are read, never written); logs go to
# $FUZZ_BUILD/logs.  On a crash whose reproducer fails again when replayed
# alone, the script stops with status 1 and names it; copy it to
# tests/fuzz/regressions/<fuzzer>/ to keep it.  A crash whose reproducer
# replays clean (libFuzzer failing in its own code) runs the fuzzer once more.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
m32=${FUZZ_M32:-}
if [ -n "$m32" ]; then
  build=${FUZZ_BUILD:-$root/build/fuzz32}
  flags=(-DCMAKE_C_FLAGS="-m32 -msse2 -mfpmath=sse -D_FILE_OFFSET_BITS=64"
         -DCMAKE_EXE_LINKER_FLAGS=-m32)
  runner=("$root/toolchain/run-i386")
else
  build=${FUZZ_BUILD:-$root/build/fuzz}
  flags=()
  runner=()
fi
seconds=${FUZZ_SECONDS:-60}
cc=${FUZZ_CC:-clang-14}

command -v "$cc" >/dev/null || { echo "fuzz: $cc not found (toolchain/install-deps)" >&2; exit 1; }
mkdir -p "$build"
build=$(cd "$build" && pwd)
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_C_COMPILER="$cc" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo "${flags[@]}" >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log" >&2; exit 1; }
cmake --build "$build" >"$build.build.log" 2>&1 || { tail -n 40 "$build.build.log" >&2; exit 1; }

fuzzers=${*:-$(cd "$build" && ls fuzz_* 2>/dev/null | grep -E '^fuzz_[a-z]+$' | sed 's/^fuzz_//')}
mkdir -p "$build/logs"
status=0
for f in $fuzzers; do
  exe=$build/fuzz_$f
  [ -x "$exe" ] || { echo "fuzz: no fuzzer $f" >&2; status=1; continue; }
  mkdir -p "$build/corpus/$f" "$build/artifacts/$f"
  seeds=$here/corpus/$f
  regress=()
  [ -d "$here/regressions/$f" ] && regress=("$here/regressions/$f")
  log=$build/logs/$f.log
  start=$SECONDS
  inputs=("$build/corpus/$f" "$seeds" "${regress[@]}")
  workdir=$build
  if [ -n "$m32" ]; then
    # libFuzzer's i386 runtime cannot list directories under qemu-i386
    # (DESIGN.md): it writes new units to the corpus folder, and reads the
    # seeds, the reproducers and that folder's files from a file holding
    # their comma-separated list (-seed_inputs=@FILE).  libFuzzer reads that
    # list into one string; from 128 KiB ASan takes it from its mmap
    # allocator, which fails a CHECK under qemu-i386 (AddrIsInMem).  The
    # fuzzer runs in the corpus folder, so that the corpus's files are
    # listed by bare name (41 bytes each) and the others by relative paths.
    workdir=$build/corpus/$f
    others=()
    for d in "$seeds" "${regress[@]}"; do
      others+=("$(realpath --relative-to="$workdir" "$d")")
    done
    (cd "$workdir" && { find . -type f -printf '%P\n'; find "${others[@]}" -type f; } |
       sort | paste -sd,) >"$build/logs/$f.seeds"
    bytes=$(wc -c <"$build/logs/$f.seeds")
    if [ "$bytes" -gt 120000 ]; then
      echo "fuzz_$f: the seed list is $bytes bytes, more than libFuzzer can read under" \
           "qemu-i386 (120000); minimise the working corpus with the 64-bit build:" \
           "tests/fuzz/run.sh $f (once), then build/fuzz/fuzz_$f -merge=1 NEWDIR" \
           "$build/corpus/$f, and replace the corpus with NEWDIR" >&2
      status=1
      continue
    fi
    inputs=(-seed_inputs=@"$build/logs/$f.seeds" .)
  fi
  # A failure counts when the input libFuzzer wrote for it fails again on its
  # own.  libFuzzer has crashed in its own scheduler under qemu-i386 (an FPE
  # in std::piecewise_constant_distribution, "MS: 0", the empty unit written
  # as the reproducer) while that input ran clean: such a run is repeated
  # once, and its input kept as unreproduced-* beside the artifacts.
  for attempt in 1 2; do
    stamp=$build/logs/$f.stamp
    : >"$stamp"
    # shellcheck disable=SC2086
    if (cd "$workdir" && nice "${runner[@]}" "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 \
         -dict="$here/wasm.dict" -print_final_stats=1 \
         -artifact_prefix="$build/artifacts/$f/" ${FUZZ_FLAGS:-} \
         "${inputs[@]}") >"$log" 2>&1; then
      runs=$(grep -aE '^stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
      corpus=$(ls "$build/corpus/$f" | wc -l)
      echo "fuzz_$f: $runs executions in $((SECONDS - start)) s, working corpus $corpus files, no crash"
      break
    fi
    echo "fuzz_$f: FAILED; log $log" >&2
    grep -aE 'ERROR|broken promise|SUMMARY|Test unit written' "$log" | head -n 20 >&2
    written=$(find "$build/artifacts/$f" -type f -newer "$stamp" ! -name 'unreproduced-*' | head -n 1)
    if [ "$attempt" = 1 ] && [ -n "$written" ] &&
       "${runner[@]}" "$exe" -runs=1 "$written" >"$log.replay" 2>&1; then
      kept=$(dirname "$written")/unreproduced-$(basename "$written")
      mv "$written" "$kept"
      echo "fuzz_$f: the input it wrote runs clean on its own (a libFuzzer failure, not" \
           "mote's; kept as $kept): running again" >&2
      continue
    fi
    status=1
    break
  done
done
exit $status
