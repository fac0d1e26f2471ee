#!/usr/bin/env bash
# Boots one image and checks what it did.  Used by ctest (CMakeLists.txt).
#
#   run-board-test.sh [options] -- <command that boots the image...>
#
#   --status N          expected exit status (default 0)
#   --expect REGEX      a line of console output must match (repeatable)
#   --reject REGEX      no line may match (repeatable)
#   --same REGEX REGEX  both must match, and their first capture groups
#                       must be equal (e.g. a printed address vs a dumped pc)
#   --stdin FILE        feed FILE to the console (default: no input)
#   --timeout SECONDS   kill the board after this long (default 30): a hang
#                       is a failure, never a stuck test run
set -u

status=0 timeout=30 stdin=/dev/null
expects=() rejects=() same=()
while [ $# -gt 0 ]; do
  case "$1" in
    --status) status=$2; shift 2 ;;
    --expect) expects+=("$2"); shift 2 ;;
    --reject) rejects+=("$2"); shift 2 ;;
    --same) same+=("$2" "$3"); shift 3 ;;
    --stdin) stdin=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "run-board-test: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "run-board-test: no command" >&2; exit 2; }

out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

start_ms=$(date +%s%3N)
timeout -k 5 "$timeout" "$@" <"$stdin" >"$out" 2>"$err"
rc=$?
elapsed_ms=$(( $(date +%s%3N) - start_ms ))

failures=()
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
  failures+=("timed out after ${timeout}s (hang)")
elif [ "$rc" -ne "$status" ]; then
  failures+=("exit status $rc, expected $status")
fi
for re in "${expects[@]+"${expects[@]}"}"; do
  grep -Eq -- "$re" "$out" || failures+=("no output line matches: $re")
done
for re in "${rejects[@]+"${rejects[@]}"}"; do
  grep -Eq -- "$re" "$out" && failures+=("an output line matches: $re")
done
for ((i = 0; i < ${#same[@]}; i += 2)); do
  a=$(sed -nE "s/.*${same[i]}.*/\\1/p" "$out" | head -n1)
  b=$(sed -nE "s/.*${same[i+1]}.*/\\1/p" "$out" | head -n1)
  if [ -z "$a" ] || [ "$a" != "$b" ]; then
    failures+=("'${same[i]}' gave '$a' but '${same[i+1]}' gave '$b'")
  fi
done

echo "--- console output (exit status $rc, ${elapsed_ms} ms):"
cat "$out"
if [ -s "$err" ]; then
  echo "--- stderr:"
  cat "$err"
fi
if [ ${#failures[@]} -gt 0 ]; then
  printf 'FAIL: %s\n' "${failures[@]}"
  exit 1
fi
echo "PASS"
