#!/usr/bin/env bash
# Runs the spec runner over the whole spec suite under valgrind's memcheck:
# every script that the host build registers as a spec/* ctest, with the
# same command line, prefixed by valgrind.  Complements the host-asan
# preset: valgrind sees uninitialised reads ASan cannot, in an unmodified
# (Release) build.
#
#   tests/memcheck.sh [BUILD_DIR [REGEX]]   (default build/host, every spec/*
#                                           test; JOBS=2 in parallel)
#
# Ends with "memcheck: N scripts, N with valgrind errors, N failed" and a
# non-zero status if any script had an error or failed.  Logs go to
# BUILD_DIR/memcheck/<test>.log.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build/host}
only=${2:-.}
jobs=${JOBS:-2}
command -v valgrind >/dev/null || { echo "memcheck: valgrind not found (toolchain/install-deps)" >&2; exit 1; }
if [ "$build" = build/host ]; then
  cmake --preset host >/dev/null
  cmake --build --preset host >/dev/null
fi
logs=$build/memcheck
rm -rf "$logs"
mkdir -p "$logs"

# The spec/* tests whose command is the runner itself, one per line:
# test name, a tab, then the command's words separated by tabs.
ctest --test-dir "$build" -L spec -R "$only" --show-only=json-v1 | python3 -c '
import json, sys
for t in json.load(sys.stdin)["tests"]:
    cmd = t.get("command") or []
    if cmd and cmd[0].endswith("/mote-spec"):
        print("\t".join([t["name"].replace("/", "_")] + cmd))
' >"$logs/commands.txt"

run_one() {
  IFS=$'\t' read -r -a words <<<"$1"
  name=${words[0]}
  # exit 99: a valgrind error; 1: a spec failure; 0: clean
  valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    "${words[@]:1}" >"$logs/$name.log" 2>&1
  echo "$? $name"
}
export -f run_one
export logs
xargs -P "$jobs" -d '\n' -I{} bash -c 'run_one "$@"' _ {} <"$logs/commands.txt" >"$logs/status.txt"

# 99: valgrind found an error.  1: spec assertions came out differently
# under valgrind, which is not a memory error: valgrind's emulation of
# i64 -> f32 conversion rounds twice (conversions.wast), so those are
# listed, not counted.  Anything else (a crash, a usage error) fails.
total=$(wc -l <"$logs/status.txt")
errors=$(grep -c '^99 ' "$logs/status.txt" || true)
differ=$(grep -c '^1 ' "$logs/status.txt" || true)
failed=$(grep -vcE '^(0|1|99) ' "$logs/status.txt" || true)
grep -E '^99 ' "$logs/status.txt" | while read -r _ name; do echo "valgrind errors: $logs/$name.log"; done
grep -E '^1 ' "$logs/status.txt" | while read -r _ name; do
  echo "assertions differ under valgrind (not a memory error): $logs/$name.log"
done
grep -vE '^(0|1|99) ' "$logs/status.txt" | while read -r _ name; do echo "failed: $logs/$name.log"; done
echo "memcheck: $total scripts, $errors with valgrind errors, $failed failed, $differ with assertions differing under valgrind"
[ "$total" -gt 0 ] && [ "$errors" -eq 0 ] && [ "$failed" -eq 0 ]
