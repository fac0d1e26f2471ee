# Adds the benchmark firmware (firmware.cmake) to a board build whose
# top-level CMakeLists.txt does not add bench/firmware itself.
# bench/run-mote.sh configures its own build directories with
# -DCMAKE_PROJECT_mote_INCLUDE=<this file>: CMake reads it right after
# project(mote), and the deferred call below runs at the end of the
# top-level CMakeLists.txt, in its scope, once the core and the HAL exist.
cmake_language(DEFER CALL cmake_language EVAL CODE [[
  get_directory_property(_mote_bench_dirs SUBDIRECTORIES)
  if(NOT "${CMAKE_SOURCE_DIR}/bench/firmware" IN_LIST _mote_bench_dirs)
    include("${CMAKE_SOURCE_DIR}/bench/firmware/firmware.cmake")
  endif()
]])
