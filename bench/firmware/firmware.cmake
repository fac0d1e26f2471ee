# Benchmark firmware for the board builds (bench/run-mote.sh): every kernel
# of bench/kernels compiled to wasm32, all embedded in one image's flash
# and run by the core, with bench/drivers/icount.h counting the guest
# instructions of each step under QEMU -icount.  See main.c.
#
# Read by CMakeLists.txt here (when the top-level CMakeLists.txt has
# add_subdirectory(bench/firmware)) or, in a build whose top level lacks
# that line, by hook.cmake in the top-level scope.  Not part of ALL: only
# `cmake --build <dir> --target mote-bench-fw` builds it.
if(MOTE_BOARD_ARCH STREQUAL "host")
  return()                      # the host measures with bench/mote-bench
endif()
include(${CMAKE_CURRENT_LIST_DIR}/../kernels.cmake)

set(_fw_src "${CMAKE_CURRENT_LIST_DIR}")
if(CMAKE_CURRENT_SOURCE_DIR STREQUAL _fw_src)
  set(_fw_bin "${CMAKE_CURRENT_BINARY_DIR}")
else()
  set(_fw_bin "${CMAKE_CURRENT_BINARY_DIR}/bench/firmware")
endif()

mote_bench_kernels(_fw_kernels _fw_smoke)
set(_fw_sources "${_fw_src}/main.c")
set(_fw_table "")
foreach(kernel IN LISTS _fw_kernels)
  mote_bench_wasm(${kernel} wasm "${_fw_bin}/wasm")
  # The module as const data in flash, symbol bench_<kernel>: the
  # embedding step of cmake/mote_firmware.cmake, run as a script.
  set(asm "${_fw_bin}/embed-${kernel}.S")
  add_custom_command(OUTPUT "${asm}"
    COMMAND "${CMAKE_COMMAND}" "-DWASM=${wasm}" "-DASM=${asm}" "-DSYMBOL=bench_${kernel}"
            -P "${MOTE_ROOT}/cmake/mote_firmware.cmake"
    DEPENDS "${wasm}" "${MOTE_ROOT}/cmake/mote_firmware.cmake"
    COMMENT "Embedding ${kernel}.wasm"
    VERBATIM)
  set_source_files_properties("${asm}" PROPERTIES OBJECT_DEPENDS "${wasm}")
  list(APPEND _fw_sources "${asm}")
  string(APPEND _fw_table "KERNEL(${kernel})\n")
endforeach()
file(CONFIGURE OUTPUT "${_fw_bin}/kernels.inc" CONTENT "${_fw_table}")

mote_add_firmware(mote-bench-fw CORE SOURCES ${_fw_sources})
target_include_directories(mote-bench-fw PRIVATE "${_fw_bin}" "${_fw_src}/../drivers")
set_target_properties(mote-bench-fw PROPERTIES EXCLUDE_FROM_ALL ON RUNTIME_OUTPUT_DIRECTORY "${_fw_bin}")
