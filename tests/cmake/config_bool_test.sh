#!/usr/bin/env bash
# config_bool_test.sh ROOT: cmake/mote_config_bool.cmake in a project of its
# own, configured four times in one build folder.  A configuration change
# resets the options left at their default, keeps the ones chosen by hand
# (-D, as a preset's cacheVariables do), and keeps every value of a cache
# made before defaults were recorded.
set -eu
root=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
cat >"$work/src/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(config_bool NONE)
include("$root/cmake/mote_config_bool.cmake")
set(reset OFF)
if(DEFINED APPLIED AND NOT APPLIED STREQUAL CONF)
  set(reset ON)
endif()
set(APPLIED "\${CONF}" CACHE INTERNAL "")
set(x_default OFF)
if(CONF STREQUAL "a")
  set(x_default ON)
endif()
mote_config_bool(OPT_X "on in a, off in b" \${x_default} \${reset})
mote_config_bool(OPT_Z "on in both" ON \${reset})
CMAKE
failed=0
step() { # step NAME WANT_X WANT_Z cmake-args...
  local name=$1 want_x=$2 want_z=$3
  shift 3
  cmake -S "$work/src" -B "$work/b" "$@" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  local x z
  x=$(sed -n 's/^OPT_X:BOOL=//p' "$work/b/CMakeCache.txt")
  z=$(sed -n 's/^OPT_Z:BOOL=//p' "$work/b/CMakeCache.txt")
  if [ "$x" = "$want_x" ] && [ "$z" = "$want_z" ]; then
    echo "ok   $name: X=$x Z=$z"
  else
    echo "FAIL $name: X=$x Z=$z, want X=$want_x Z=$want_z"
    failed=1
  fi
}
step "a, Z chosen off" ON OFF -DCONF=a -DOPT_Z=OFF
step "b: X reset, Z kept" OFF OFF -DCONF=b
step "a again: X reset, Z kept" ON OFF -DCONF=a
sed -i '/_DEFAULT:INTERNAL/d' "$work/b/CMakeCache.txt" # a cache from before
step "b, old cache: values kept" ON OFF -DCONF=b
[ $failed = 0 ] && echo "config_bool: 4 passed, 0 failed" || { echo "config_bool: failed"; exit 1; }
