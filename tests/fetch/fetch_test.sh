#!/usr/bin/env bash
# A clone with no ../shared beside it: the build fetches the spec suite at
# its pinned commit, or says exactly what is missing when it cannot.
#
#   1. offline: no ../shared and an unreachable repository.  Configuring
#      succeeds with a warning that names the suite, the URL, the commit
#      and the ways to provide it; the only spec test is a skipped one that
#      says the same; ctest passes.
#   2. a mirror: a file:// git repository made here from the suite this
#      build uses, with its own commit given as the pinned one.  The
#      configure fetches that commit into the build tree (once: a second
#      configure reuses it), the checkout equals the suite, the same spec
#      tests are registered as in this build, and one of them builds and
#      passes.
#
# The HEAD suite and wabt 1.0.41 point at a missing repository throughout:
# this test is about the 2.0 suite, and must not reach the network.
#
# usage: fetch_test.sh <mote source dir> <this build dir> <the suite this build uses> <scratch>
set -u
src=$1 main=$2 suite=$3 work=$4
rm -rf "$work" && mkdir -p "$work" || exit 2
fail() { echo "FAIL: $*"; exit 1; }
configure() {   # configure DIR LOG ARGS...: mote for the host board, no ../shared
  local dir=$1 log=$2
  shift 2
  cmake -S "$src" -B "$dir" -G Ninja -DMOTE_BOARD=host -DCMAKE_BUILD_TYPE=Release \
        -DMOTE_SHARED_DIR="$work/no-shared" \
        -DMOTE_WASM_TESTSUITE_3_0_URL="file://$work/no-such-repository" \
        -DMOTE_WABT_1_0_41_URL="file://$work/no-such-repository" "$@" >"$log" 2>&1
}

echo "-- 1. offline"
configure "$work/offline" "$work/offline.log" -DMOTE_FETCH_DIR="$work/deps-offline" \
    -DMOTE_WASM_TESTSUITE_URL="file://$work/no-such-repository" ||
    { cat "$work/offline.log"; fail "configuring without the suite failed"; }
msg=$(tr -d '\n' < "$work/offline.log" | tr -s ' ')
for want in "the WebAssembly 2.0 spec suite (tests/spec) is missing" \
            "file://$work/no-such-repository at commit 3a04b2cf93bd8fce277458d419eea8d9c326345c" \
            "git clone https://github.com/WebAssembly/testsuite.git" \
            "-DMOTE_WASM_TESTSUITE_DIR=<dir>" "-DMOTE_WASM_TESTSUITE_URL"; do
  case "$msg" in *"$want"*) ;; *) cat "$work/offline.log"; fail "the warning lacks: $want" ;; esac
done
echo "ok: the warning names the suite, where it was looked for and how to provide it"
ctest --test-dir "$work/offline" -R '^spec/suite-missing$' -V >"$work/offline.ctest" 2>&1 ||
    { cat "$work/offline.ctest"; fail "ctest failed offline"; }
grep -q "Skipped" "$work/offline.ctest" || { cat "$work/offline.ctest"; fail "spec/suite-missing was not skipped"; }
grep -q "is missing" "$work/offline.ctest" || fail "spec/suite-missing does not say what is missing"
n=$(ctest --test-dir "$work/offline" -N -R '^spec/' | grep -c 'Test *#')
[ "$n" -le 2 ] || fail "$n spec tests registered without the suite"
echo "ok: offline, ctest passes with spec/suite-missing skipped and saying why"

echo "-- 2. a mirror"
mirror=$work/mirror
cp -r "$suite" "$mirror" && rm -rf "$mirror/.git" || fail "cannot copy $suite"
export GIT_AUTHOR_NAME=mote GIT_AUTHOR_EMAIL=mote@localhost GIT_COMMITTER_NAME=mote \
       GIT_COMMITTER_EMAIL=mote@localhost GIT_AUTHOR_DATE=2022-11-09T00:00:00Z \
       GIT_COMMITTER_DATE=2022-11-09T00:00:00Z
git -C "$mirror" init -q && git -C "$mirror" add -A && git -C "$mirror" commit -qm suite ||
    fail "cannot make the mirror repository"
commit=$(git -C "$mirror" rev-parse HEAD)
configure "$work/fetched" "$work/fetched.log" -DMOTE_FETCH_DIR="$work/deps" \
    -DMOTE_WASM_TESTSUITE_URL="file://$mirror" -DMOTE_WASM_TESTSUITE_COMMIT="$commit" ||
    { cat "$work/fetched.log"; fail "configuring with the mirror failed"; }
grep -q "Fetching the WebAssembly 2.0 spec suite (tests/spec): file://$mirror at $commit" \
    "$work/fetched.log" || { cat "$work/fetched.log"; fail "no fetch was reported"; }
checkout=$work/deps/wasm-testsuite-${commit:0:12}
[ "$(git -C "$checkout" rev-parse HEAD)" = "$commit" ] || fail "the checkout is not at $commit"
diff -r -x .git "$suite" "$checkout" >/dev/null || fail "the checkout differs from $suite"
echo "ok: fetched $commit into the build tree, the same files"
cmake "$work/fetched" >"$work/again.log" 2>&1 || fail "configuring again failed"
! grep -q "Fetching the WebAssembly 2.0" "$work/again.log" || fail "configuring again fetched again"
echo "ok: a second configure reuses the checkout"
count() { ctest --test-dir "$1" -N -R '^spec/' | grep -c 'Test *#'; }
[ "$(count "$work/fetched")" -eq "$(count "$main")" ] ||
    fail "$(count "$work/fetched") spec tests with the fetched suite, $(count "$main") here"
echo "ok: the same $(count "$main") spec tests are registered"
cmake --build "$work/fetched" -j "${JOBS:-2}" --target mote-spec tests/spec/json/i32/i32.json \
    >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; fail "building spec/i32 failed"; }
ctest --test-dir "$work/fetched" -R '^spec/i32$' --output-on-failure >"$work/i32.log" 2>&1 ||
    { cat "$work/i32.log"; fail "spec/i32 failed with the fetched suite"; }
echo "ok: spec/i32 passes with the fetched suite"
