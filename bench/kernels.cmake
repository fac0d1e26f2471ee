# The benchmark kernels as wasm32 modules, for the CMake builds that run them
# under mote: bench/CMakeLists.txt (host: smoke tests and mote-bench) and
# bench/firmware/CMakeLists.txt (boards: mote-bench-fw).  The flags are
# those of bench/Makefile's wasm rule; keep the two the same.
#
#   mote_bench_kernels(<names var> <smoke scales var>)
#       the kernels listed in bench/scales.tsv, in its order, and their
#       smoke scales
#   mote_bench_wasm(<kernel> <out var> [<dir>])
#       adds the rule that compiles kernels/<kernel>.c to <dir>/<kernel>.wasm
#       (default dir: ${CMAKE_CURRENT_BINARY_DIR}/wasm); sets <out var> to
#       that path
include_guard(GLOBAL)

set(MOTE_BENCH_DIR "${CMAKE_CURRENT_LIST_DIR}")
find_program(MOTE_BENCH_CLANG NAMES clang-14 clang REQUIRED)

function(mote_bench_kernels names_var smoke_var)
  file(STRINGS "${MOTE_BENCH_DIR}/scales.tsv" lines REGEX "^[a-z]")
  set(names "")
  set(smoke "")
  foreach(line IN LISTS lines)
    string(REPLACE "\t" ";" fields "${line}")
    list(GET fields 0 kernel)
    list(GET fields 3 scale)
    list(APPEND names ${kernel})
    list(APPEND smoke ${scale})
  endforeach()
  set(${names_var} "${names}" PARENT_SCOPE)
  set(${smoke_var} "${smoke}" PARENT_SCOPE)
endfunction()

function(mote_bench_wasm kernel out_var)
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/wasm")
  if(ARGC GREATER 2)
    set(dir "${ARGV2}")
  endif()
  set(src "${MOTE_BENCH_DIR}/kernels/${kernel}.c")
  set(out "${dir}/${kernel}.wasm")
  add_custom_command(OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}"
    COMMAND "${MOTE_BENCH_CLANG}" --target=wasm32 -std=c11 -O2 -ffreestanding -fno-math-errno
            -nostdlib -mbulk-memory -msign-ext -Wl,--no-entry -Wl,--export=bench_run
            -Wl,-z,stack-size=32768 -o "${out}" "${src}"
    DEPENDS "${src}" "${MOTE_BENCH_DIR}/kernels/bench.h" "${MOTE_BENCH_DIR}/kernels/sha256_expect.inc"
    COMMENT "wasm kernel ${kernel}"
    VERBATIM)
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()
