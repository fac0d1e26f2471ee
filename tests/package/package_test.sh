#!/usr/bin/env bash
# Builds an embedder's project against mote three ways -- the installed
# package with the static and with the shared library (find_package), and
# the source tree (add_subdirectory) -- and runs it each time.
# usage: package_test.sh <mote build dir> <mote source dir> <scratch dir>
set -eu
build=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
run() {
  local name=$1; shift
  cmake -S "$src/tests/package/consumer" -B "$work/$name" -G Ninja "$@" >"$work/$name.log" 2>&1 ||
    { cat "$work/$name.log"; exit 1; }
  cmake --build "$work/$name" >>"$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
  LD_LIBRARY_PATH="$work/prefix/lib" "$work/$name/consumer"
}
run static -DCMAKE_PREFIX_PATH="$work/prefix"
run shared -DCMAKE_PREFIX_PATH="$work/prefix" -DUSE_SHARED=ON
ldd "$work/shared/consumer" | grep -q "libmote.so" || { echo "shared build did not link libmote.so"; exit 1; }
run subdirectory -DMOTE_SOURCE_DIR="$src"
echo "package: find_package (static, shared) and add_subdirectory all work"
