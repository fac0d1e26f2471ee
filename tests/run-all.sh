#!/usr/bin/env bash
# Builds and runs every test suite, one CMake preset after another, and ends
# with the plain line "N passed, N failed" (ctest tests over all presets).
#
# Presets: host (unit tests, spec suite, CLI), host-asan (the same under
# AddressSanitizer + UndefinedBehaviorSanitizer), host32 (i386 under
# qemu-i386), host-minimal (every host test on the minimal configuration but
# fuzz/ci and docs.getting-started, which configure builds of their own:
# docs/size.md), host-sparse (the spec suites on another feature set), then
# every board preset (QEMU boots and the spec suite on target).
# MOTE_PRESETS overrides the list.
set -u
cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
cmake_flags=()
[ "${CI:-}" = true ] && cmake_flags+=(-DMOTE_WERROR=ON)

default_presets="host host-asan host32 host-minimal host-sparse $(tests/board-presets.sh 2>/dev/null)"
presets=${MOTE_PRESETS:-$default_presets}

passed=0
failed=0
broken=()
for p in $presets; do
  echo "=== preset $p"
  log=build/logs/$p
  mkdir -p build/logs
  if ! cmake --preset "$p" "${cmake_flags[@]}" >"$log.configure" 2>&1; then
    tail -n 30 "$log.configure"; broken+=("$p: configure"); failed=$((failed + 1)); continue
  fi
  if ! cmake --build --preset "$p" -j "$jobs" >"$log.build" 2>&1; then
    grep -E "error|Error" "$log.build" | head -n 30; broken+=("$p: build"); failed=$((failed + 1)); continue
  fi
  ctest --preset "$p" -j "$jobs" --timeout 600 2>&1 | tee "$log.test" | grep -vE "^\s+Start|Test +#[0-9]+: .* Passed" || true
  line=$(grep -E "tests passed, [0-9]+ tests failed out of" "$log.test" | tail -n 1)
  if [ -z "$line" ]; then
    broken+=("$p: ctest did not run"); failed=$((failed + 1)); continue
  fi
  total=$(echo "$line" | sed -E 's/.*out of ([0-9]+).*/\1/')
  nfail=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed.*/\1/')
  passed=$((passed + total - nfail))
  failed=$((failed + nfail))
done
for b in "${broken[@]}"; do echo "broken: $b"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
