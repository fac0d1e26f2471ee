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

# What else the install holds: WASI-lite and the host HAL for a host
# program, the app SDK, the tools, every board's data.
for f in bin/mote bin/mote-image bin/mote-ota include/mote/wasi.h include/mote/hal.h \
         include/mote_host.h lib/libmote_wasi.a lib/libmote_hal.a \
         share/mote/wasi-lite/sdk/mote_app.cmake share/mote/wasi-lite/sdk/include/mote/device.h \
         share/mote/cmake/mote_firmware.cmake share/mote/wasi-lite/firmware/app_main.c \
         share/mote/toolchain/mote-board.cmake share/mote/boards/mps2-an385/memory.ld; do
  [ -e "$work/prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done
host=$work/host_app
cmake -S "$src/tests/package/host_app" -B "$host" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  >"$host.log" 2>&1 && cmake --build "$host" >>"$host.log" 2>&1 || { cat "$host.log"; exit 1; }
app=$host/app-greet.wasm
expect="hello from a Wasm app, 2 argument(s)"
rc=0; out=$("$host/runner" "$app" one two) || rc=$?
[ "$rc" -eq 3 ] && [ "$out" = "$expect" ] ||
  { echo "runner: status $rc, output '$out'"; exit 1; }
rc=0; out=$("$work/prefix/bin/mote" run --env GREETING=hello "$app" one two) || rc=$?
[ "$rc" -eq 3 ] && [ "$out" = "$expect" ] ||
  { echo "installed mote run: status $rc, output '$out'"; exit 1; }
for lang in cpp rust; do
  rc=0; out=$("$work/prefix/bin/mote" run --env GREETING=hello "$host/app-greet-$lang.wasm" one two) || rc=$?
  case "$lang" in
    cpp) want="hello from a C++ app, 2 argument(s)" ;;
    rust) want="hello from a Rust app, 2 argument(s), timer started" ;;
  esac
  [ "$rc" -eq 3 ] && [ "$out" = "$want" ] || { echo "$lang app: status $rc, output '$out'"; exit 1; }
done
grep -q "^mote=$work/prefix/bin/mote$" "$host/tools.txt" &&
  grep -q "^mote-ota=$work/prefix/bin/mote-ota$" "$host/tools.txt" ||
  { echo "the package does not name the installed tools:"; cat "$host/tools.txt"; exit 1; }
"$work/prefix/bin/mote-image" "$app" -o "$work/checked.wasm" >/dev/null &&
  "$work/prefix/bin/mote-ota" keygen -k "$work/key.pem" >/dev/null &&
  "$work/prefix/bin/mote-ota" sign -k "$work/key.pem" -v 1.0.0 "$app" -o "$work/app.bin" >/dev/null ||
  { echo "the installed mote-image or mote-ota failed"; exit 1; }
echo "package: a host program runs a wasi-libc app built with the installed SDK, as the installed mote run does; C++ and Rust apps too; mote-image and mote-ota work"
