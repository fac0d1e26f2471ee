#!/usr/bin/env bash
# A clone with no ../shared beside it, for a board with a FreeRTOS port
# (mps2-an385): the build fetches FreeRTOS-Kernel at its pinned tag, or
# says exactly what is missing when it cannot.
#
#   1. offline: no ../shared and an unreachable repository.  Configuring
#      succeeds with a warning that names the kernel, the tag, the URL and
#      the ways to provide it; <board>.freertos-kernel-missing is a skipped
#      test that says the same; no FreeRTOS firmware test is registered.
#   2. the wrong kernel: MOTE_FREERTOS_KERNEL_DIR at a folder whose task.h
#      says another version: refused by name, and the test fails.
#   3. a mirror: a file:// git repository made here from the kernel this
#      build uses, tagged with the pinned tag.  The configure fetches the
#      tag into the build tree, the checkout holds the same files, the
#      FreeRTOS firmware tests are registered, and the port's library
#      (kernel, ARM_CM3 port, mote's glue) builds from the fetched copy.
#
# usage: freertos_test.sh <mote source dir> <the kernel this build uses> <scratch>
set -u
src=$1 kernel=$2 work=$3
board=mps2-an385
rm -rf "$work" && mkdir -p "$work" || exit 2
fail() { echo "FAIL: $*"; exit 1; }
configure() {   # configure DIR LOG ARGS...: mote for the board, no ../shared, nothing else fetched
  local dir=$1 log=$2 nowhere=file://$work/no-such-repository
  shift 2
  cmake -S "$src" -B "$dir" -G Ninja --toolchain "$src/toolchain/arm-none-eabi.cmake" \
        -DMOTE_BOARD=$board -DCMAKE_BUILD_TYPE=MinSizeRel -DMOTE_SHARED_DIR="$work/no-shared" \
        -DMOTE_WASM_TESTSUITE_URL="$nowhere" -DMOTE_WASM_TESTSUITE_3_0_URL="$nowhere" \
        -DMOTE_WABT_1_0_41_URL="$nowhere" "$@" >"$log" 2>&1
}
tests() { ctest --test-dir "$1" -N | sed -nE 's/.*Test +#[0-9]+: //p'; }

echo "-- 1. offline"
configure "$work/offline" "$work/offline.log" -DMOTE_FETCH_DIR="$work/deps-offline" \
    -DMOTE_FREERTOS_KERNEL_URL="file://$work/no-such-kernel" ||
    { cat "$work/offline.log"; fail "configuring without the kernel failed"; }
msg=$(tr -d '\n' < "$work/offline.log" | tr -s ' ')
for want in "FreeRTOS-Kernel V11.3.0 (port/freertos: mote on FreeRTOS) is missing" \
            "file://$work/no-such-kernel at commit V11.3.0" \
            "git clone https://github.com/FreeRTOS/FreeRTOS-Kernel.git" \
            "-DMOTE_FREERTOS_KERNEL_DIR=<dir>" "-DMOTE_FREERTOS_KERNEL_URL" \
            "the FreeRTOS firmware and its tests are not built"; do
  case "$msg" in *"$want"*) ;; *) cat "$work/offline.log"; fail "the warning lacks: $want" ;; esac
done
echo "ok: the warning names the kernel, its tag, where it was looked for and how to provide it"
ctest --test-dir "$work/offline" -R "^$board\\.freertos-kernel-missing\$" -V >"$work/offline.ctest" 2>&1 ||
    { cat "$work/offline.ctest"; fail "ctest failed offline"; }
grep -q "Skipped" "$work/offline.ctest" || { cat "$work/offline.ctest"; fail "the test was not skipped"; }
grep -q "FreeRTOS-Kernel V11.3.0 .* is missing" "$work/offline.ctest" ||
    { cat "$work/offline.ctest"; fail "the skipped test does not say what is missing"; }
! tests "$work/offline" | grep -q "apps-rtos" || fail "FreeRTOS tests registered without a kernel"
echo "ok: offline, $board.freertos-kernel-missing is skipped, saying why"

echo "-- 2. the wrong kernel"
fake=$work/FreeRTOS-Kernel-V10
mkdir -p "$fake/include" && touch "$fake/tasks.c" &&
    echo '#define tskKERNEL_VERSION_NUMBER "V10.6.2"' >"$fake/include/task.h" || exit 2
configure "$work/wrong" "$work/wrong.log" -DMOTE_FREERTOS_KERNEL_DIR="$fake" ||
    { cat "$work/wrong.log"; fail "configuring with the wrong kernel failed"; }
msg=$(tr -d '\n' < "$work/wrong.log" | tr -s ' ')
case "$msg" in *"holds FreeRTOS-Kernel 'V10.6.2', not V11.3.0"*) ;;
  *) cat "$work/wrong.log"; fail "the wrong version is not named" ;; esac
ctest --test-dir "$work/wrong" -R "^$board\\.freertos-kernel-missing\$" >"$work/wrong.ctest" 2>&1 &&
    { cat "$work/wrong.ctest"; fail "a kernel of the wrong version passes"; }
echo "ok: a kernel of another version is refused by name, and its test fails"

echo "-- 3. a mirror"
mirror=$work/mirror
cp -r "$kernel" "$mirror" && rm -rf "$mirror/.git" || fail "cannot copy $kernel"
export GIT_AUTHOR_NAME=mote GIT_AUTHOR_EMAIL=mote@localhost GIT_COMMITTER_NAME=mote \
       GIT_COMMITTER_EMAIL=mote@localhost GIT_AUTHOR_DATE=2026-03-30T00:00:00Z \
       GIT_COMMITTER_DATE=2026-03-30T00:00:00Z
{ git -C "$mirror" init -q && git -C "$mirror" add -A && git -C "$mirror" commit -qm kernel &&
  git -C "$mirror" tag V11.3.0; } || fail "cannot make the mirror repository"
configure "$work/fetched" "$work/fetched.log" -DMOTE_FETCH_DIR="$work/deps" \
    -DMOTE_FREERTOS_KERNEL_URL="file://$mirror" ||
    { cat "$work/fetched.log"; fail "configuring with the mirror failed"; }
grep -q "Fetching FreeRTOS-Kernel V11.3.0 (port/freertos: mote on FreeRTOS): file://$mirror at V11.3.0" \
    "$work/fetched.log" || { cat "$work/fetched.log"; fail "no fetch was reported"; }
checkout=$work/deps/FreeRTOS-Kernel-V11.3.0
grep -q "port/freertos: FreeRTOS-Kernel V11.3.0 from $checkout" "$work/fetched.log" ||
    { cat "$work/fetched.log"; fail "port/freertos does not build from the fetched copy"; }
diff -r -x .git "$kernel" "$checkout" >/dev/null || fail "the checkout differs from $kernel"
echo "ok: fetched tag V11.3.0 into the build tree, the same files"
for t in apps-rtos apps-rtos-latency; do
  tests "$work/fetched" | grep -qx "$board.$t" || fail "$board.$t is not registered"
done
! tests "$work/fetched" | grep -q "freertos-kernel-missing" || fail "the kernel is reported missing"
echo "ok: the FreeRTOS firmware tests are registered"
cmake --build "$work/fetched" -j "${JOBS:-2}" --target mote_freertos >"$work/build.log" 2>&1 ||
    { tail -20 "$work/build.log"; fail "building mote_freertos from the fetched kernel failed"; }
grep -q "$checkout/tasks.c" "$work/fetched/build.ninja" ||
    fail "the kernel was not compiled from $checkout"
echo "ok: mote_freertos builds from the fetched kernel"
