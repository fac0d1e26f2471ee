# mote_wabt.cmake -- wast2json from wabt 1.0.41, which converts the spec
# suite at HEAD (Debian's wabt 1.0.32 cannot parse it).
#
#   mote_wast2json_head(<var>)
#       Sets <var> to a wast2json built from wabt 1.0.41's source (found or
#       fetched by mote_find_source), or to empty with <var>_MISSING saying
#       why.  It is built once, at configure time, into MOTE_TOOLS_DIR (by
#       default build/tools, shared by the presets under build/), so no
#       test times the build and CI builds it once per run.  About three
#       minutes on two cores; later configures find it done.

include_guard(GLOBAL)
include(${CMAKE_CURRENT_LIST_DIR}/mote_fetch.cmake)

# Any build folder under the tree's build/ (presets, bench, size) shares
# build/tools; a build folder elsewhere keeps its own.
string(FIND "${CMAKE_BINARY_DIR}/" "${MOTE_ROOT}/build/" _mote_under_build)
if(_mote_under_build EQUAL 0)
  set(_mote_tools_default "${MOTE_ROOT}/build/tools")
else()
  set(_mote_tools_default "${CMAKE_BINARY_DIR}/tools")
endif()
set(MOTE_TOOLS_DIR "${_mote_tools_default}" CACHE PATH
    "Where build-time tools (wabt 1.0.41's wast2json) are built, once")

function(mote_wast2json_head var)
  set(${var}_MISSING "" PARENT_SCOPE)
  mote_find_source(src wabt-1.0.41)
  if(NOT src)
    set(${var} "" PARENT_SCOPE)
    set(${var}_MISSING "${src_MISSING}" PARENT_SCOPE)
    return()
  endif()
  set(dir "${MOTE_TOOLS_DIR}/wabt-1.0.41")
  set(exe "${dir}/wast2json")
  file(MAKE_DIRECTORY "${MOTE_TOOLS_DIR}")
  # One build at a time, should two presets configure at once.
  file(LOCK "${MOTE_TOOLS_DIR}/wabt-1.0.41.lock" GUARD FUNCTION TIMEOUT 3600)
  if(NOT EXISTS "${exe}")
    message(STATUS "Building wast2json from ${src} into ${dir} (once; about three minutes)")
    execute_process(
      COMMAND "${CMAKE_COMMAND}" -S "${src}" -B "${dir}" -G Ninja -DCMAKE_BUILD_TYPE=Release
              -DBUILD_TESTS=OFF -DBUILD_LIBWASM=OFF -DCMAKE_C_COMPILER=cc -DCMAKE_CXX_COMPILER=c++
              -DCMAKE_TOOLCHAIN_FILE= -DCMAKE_CROSSCOMPILING_EMULATOR=
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(rc EQUAL 0)
      set(jobs 2)
      if(DEFINED ENV{JOBS})
        set(jobs $ENV{JOBS})
      endif()
      execute_process(COMMAND "${CMAKE_COMMAND}" --build "${dir}" --target wast2json -j ${jobs}
                      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    endif()
    if(NOT rc EQUAL 0 OR NOT EXISTS "${exe}")
      string(REGEX MATCH "[^\n]*(error|Error)[^\n]*" first "${out}")
      set(message "wast2json 1.0.41 could not be built from ${src} in ${dir}: ${first}")
      message(WARNING "${message}")
      set(${var} "" PARENT_SCOPE)
      set(${var}_MISSING "${message}" PARENT_SCOPE)
      return()
    endif()
  endif()
  set(${var} "${exe}" PARENT_SCOPE)
endfunction()
