# mote_ota_tool.cmake -- mote-ota for the machine running the build: the
# examples make signing keys, bundles and recorded transfers with it at
# build time, and their tests drive transfers with it.
#
#   mote_ota_host_tool(<var>)
#       Sets <var> to the program's path (a generator expression where
#       tools/mote-ota builds it: the host build), or to "" after a
#       warning when the build machine has no C compiler or libsodium-dev.
#       A board build compiles the tool's sources once per build tree into
#       host-tools/mote-ota with the build machine's compiler, so that it
#       needs no host build; the target mote-ota-host builds it.
include_guard(GLOBAL)

function(mote_ota_host_tool out)
  set(${out} "" PARENT_SCOPE)
  find_program(MOTE_HOST_CC NAMES cc gcc clang)
  find_program(MOTE_PKG_CONFIG NAMES pkg-config)
  set(sodium_flags "")
  set(sodium_rc 1)
  if(MOTE_PKG_CONFIG)
    execute_process(COMMAND "${MOTE_PKG_CONFIG}" --cflags --libs libsodium
      OUTPUT_VARIABLE sodium_flags RESULT_VARIABLE sodium_rc OUTPUT_STRIP_TRAILING_WHITESPACE
      ERROR_QUIET)
  endif()
  if(NOT MOTE_HOST_CC OR NOT sodium_rc EQUAL 0)
    message(WARNING "mote-ota needs a host C compiler and libsodium-dev (pkg-config): "
                    "${CMAKE_CURRENT_SOURCE_DIR} is not built")
    return()
  endif()
  if(TARGET mote-ota)
    set(${out} $<TARGET_FILE:mote-ota> PARENT_SCOPE)     # tools/mote-ota, built here
    return()
  endif()
  set(tool "${CMAKE_BINARY_DIR}/host-tools/mote-ota")
  if(NOT TARGET mote-ota-host)
    separate_arguments(sodium_flags UNIX_COMMAND "${sodium_flags}")
    file(GLOB sources CONFIGURE_DEPENDS
      "${MOTE_ROOT}/tools/mote-ota/*.c" "${MOTE_ROOT}/ota/src/*.c"
      "${MOTE_ROOT}/apps/src/manifest*.c" "${MOTE_ROOT}/apps/src/text.c")
    add_custom_command(OUTPUT "${tool}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/host-tools"
      COMMAND "${MOTE_HOST_CC}" -std=gnu11 -O2 -I "${MOTE_ROOT}/tools/mote-ota"
              -I "${MOTE_ROOT}/ota/include" -I "${MOTE_ROOT}/ota/src"
              -I "${MOTE_ROOT}/apps/include" -I "${MOTE_ROOT}/apps/src"
              -o "${tool}" ${sources} ${sodium_flags}
      DEPENDS ${sources}
      COMMENT "Building mote-ota for the build machine"
      VERBATIM)
    add_custom_target(mote-ota-host ALL DEPENDS "${tool}")
  endif()
  set(${out} "${tool}" PARENT_SCOPE)
endfunction()
