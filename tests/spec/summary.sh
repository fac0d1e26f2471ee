#!/bin/sh
# summary.sh MANIFEST [LABEL] -- the grand total of the spec suite over all scripts.
#
# MANIFEST (written by CMake, build/.../tests/spec/manifest.txt) has one line per script:
#   result <name> <result-file>   a script mote-spec ran; its --result-file holds
#                                 "<name> <passed> <failed> <skipped> <xfail> <stale>
#                                 <arena>" (arena: the skips for lack of RAM, a
#                                 part of skipped)
# Prints one line per script, then:
#   LABEL: N passed, N failed, N skipped (...)
# where LABEL is "total" unless given (a board build passes "total on <board>").
# and exits 0 only if nothing failed, no expected failure is stale and every
# script has a result (a missing one means it was not run in this ctest run,
# or the board crashed or timed out before writing it).
set -u
manifest=${1:?usage: summary.sh MANIFEST [LABEL]}
label=${2:-total}
[ -r "$manifest" ] || { echo "summary.sh: cannot read $manifest" >&2; exit 2; }

passed=0 failed=0 skipped=0 xfail=0 stale=0 arena=0 missing=0 scripts=0
while read -r kind name path; do
  case $kind in
    result)
      scripts=$((scripts + 1))
      if [ -r "$path" ] && read -r _ p f s x st a < "$path" && [ -n "${a:-}" ]; then
        passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
        xfail=$((xfail + x)); stale=$((stale + st)); arena=$((arena + a))
        if [ "$a" -gt 0 ]; then
          echo "$name: $p passed, $f failed, $s skipped ($a arena too small)"
        else
          echo "$name: $p passed, $f failed, $s skipped"
        fi
      else
        missing=$((missing + 1))
        echo "$name: no result (not run in this ctest run, or it crashed)"
      fi ;;
  esac
done < "$manifest"

echo "$label: $passed passed, $failed failed, $skipped skipped" \
     "($scripts scripts run, $missing without a result; $xfail expected failures," \
     "$stale stale; $arena skipped as arena too small)"
[ "$failed" -eq 0 ] && [ "$stale" -eq 0 ] && [ "$missing" -eq 0 ]
