#!/usr/bin/env bash
# Runs the apps example firmware once and checks what it did (ctest).
#
#   run-test.sh [options] -- <command that runs the firmware...>
#
#   --dir DIR           run in DIR (the update file and the VCD are there)
#   --timeout SECONDS   kill it after this long (default 120): a hang fails
#   --stdin FILE        the console's input (default: none)
#   --expect REGEX      a console line must match (repeatable)
#   --reject REGEX      no console line may match (repeatable)
#   --trace ARGS        check_trace.py ARGS on the console log (repeatable;
#                       one quoted argument: "--app blinky --period-ms ...")
#   --vcd-changes PIN N the VCD (MOTE_HOST_GPIO_TRACE) has at least N level
#                       changes on pin PIN
#   --at-most REGEX N   the number the first line matching REGEX captures
#                       (its first group) is at most N (repeatable)
set -u

dir=. timeout=120 stdin=/dev/null
expects=() rejects=() traces=() vcd=() limits=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --stdin) stdin=$2; shift 2 ;;
    --expect) expects+=("$2"); shift 2 ;;
    --reject) rejects+=("$2"); shift 2 ;;
    --trace) traces+=("$2"); shift 2 ;;
    --vcd-changes) vcd+=("$2" "$3"); shift 3 ;;
    --at-most) limits+=("$2" "$3"); shift 3 ;;
    --) shift; break ;;
    *) echo "run-test: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "run-test: no command" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
cd "$dir" || exit 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT

start_ms=$(date +%s%3N)
timeout -k 5 "$timeout" "$@" <"$stdin" >"$log" 2>&1
rc=$?
elapsed_ms=$(( $(date +%s%3N) - start_ms ))

failures=()
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
  failures+=("timed out after ${timeout}s (hang)")
elif [ "$rc" -ne 0 ]; then
  failures+=("exit status $rc, expected 0")
fi
for re in "${expects[@]+"${expects[@]}"}"; do
  grep -Eq -- "$re" "$log" || failures+=("no output line matches: $re")
done
for re in "${rejects[@]+"${rejects[@]}"}"; do
  grep -Eq -- "$re" "$log" && failures+=("an output line matches: $re")
done
checks=""
for t in "${traces[@]+"${traces[@]}"}"; do
  # shellcheck disable=SC2086
  out=$(python3 "$here/check_trace.py" "$log" $t)
  [ $? -eq 0 ] || failures+=("trace check: ${out//$'\n'/; }")
  checks+="$out"$'\n'
done
for ((i = 0; i < ${#vcd[@]}; i += 2)); do
  file=${MOTE_HOST_GPIO_TRACE:-}
  pin=${vcd[i]} want=${vcd[i+1]}
  # the wire's identifier, then its value changes ("0!" / "1!")
  id=$(sed -nE "s/^\\\$var wire 1 (\S+) pin${pin} \\\$end$/\\1/p" "$file" 2>/dev/null | head -n1)
  n=0
  [ -n "$id" ] && n=$(grep -cE "^[01zx]$(printf '%s' "$id" | sed 's/[]\/$*.^[]/\\&/g')\$" "$file")
  [ "$n" -ge "$want" ] || failures+=("VCD $file: $n changes on pin $pin, want at least $want")
  checks+="VCD: $n changes on pin $pin"$'\n'
done

for ((i = 0; i < ${#limits[@]}; i += 2)); do
  v=$(sed -nE "s/${limits[i]}/\\1/p" "$log" | head -n1)
  if [ -z "$v" ] || [ "$v" -gt "${limits[i+1]}" ]; then
    failures+=("'${limits[i]}' gave '${v}', at most ${limits[i+1]} wanted")
  fi
  checks+="'${limits[i]}': ${v} (at most ${limits[i+1]})"$'\n'
done

echo "--- console output (exit status $rc, ${elapsed_ms} ms):"
cat "$log"
printf '%s' "$checks"
if [ ${#failures[@]} -gt 0 ]; then
  printf 'FAIL: %s\n' "${failures[@]}"
  exit 1
fi
echo "PASS"
