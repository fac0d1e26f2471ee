# mote_freertos.cmake -- where FreeRTOS-Kernel V11.3.0 comes from, for the
# FreeRTOS port (port/freertos).  The kernel is built from its own
# sources, never copied into mote.  First found:
#
#   -DMOTE_FREERTOS_DIR=<path>            the user's checkout of tag V11.3.0
#   ${MOTE_SHARED_DIR}/FreeRTOS-Kernel    a shared copy next to the tree
#   a shallow git clone of the tag into <build>/_deps/FreeRTOS-Kernel,
#   made once (MOTE_FREERTOS_FETCH, on by default; needs git and network)
#
# Sets MOTE_FREERTOS_KERNEL to the kernel's folder, or leaves it empty and
# sets MOTE_FREERTOS_PROBLEM to a sentence saying why and what to do.  A
# folder holding another version is refused (its task.h says which).
include_guard(GLOBAL)

set(MOTE_FREERTOS_TAG "V11.3.0")
set(MOTE_FREERTOS_DIR "" CACHE PATH "A FreeRTOS-Kernel checkout of tag ${MOTE_FREERTOS_TAG}")
set(MOTE_FREERTOS_URL "https://github.com/FreeRTOS/FreeRTOS-Kernel.git"
    CACHE STRING "Where to fetch FreeRTOS-Kernel from when no checkout is given")
option(MOTE_FREERTOS_FETCH "Fetch FreeRTOS-Kernel ${MOTE_FREERTOS_TAG} when no checkout is found" ON)

# The version a kernel folder holds ("" if it is none).
function(_mote_freertos_version dir out)
  set(version "")
  if(EXISTS "${dir}/include/task.h" AND EXISTS "${dir}/tasks.c")
    file(STRINGS "${dir}/include/task.h" line REGEX "define tskKERNEL_VERSION_NUMBER")
    string(REGEX REPLACE ".*\"(.*)\".*" "\\1" version "${line}")
  endif()
  set(${out} "${version}" PARENT_SCOPE)
endfunction()

# Takes dir if it holds the right version; else records why not.
function(_mote_freertos_try dir what)
  if(MOTE_FREERTOS_KERNEL OR NOT dir)
    return()
  endif()
  _mote_freertos_version("${dir}" version)
  if(version STREQUAL MOTE_FREERTOS_TAG)
    set(MOTE_FREERTOS_KERNEL "${dir}" PARENT_SCOPE)
  elseif(version)
    set(MOTE_FREERTOS_PROBLEM "${what} ${dir} holds FreeRTOS-Kernel ${version}, not ${MOTE_FREERTOS_TAG}" PARENT_SCOPE)
  elseif(NOT MOTE_FREERTOS_PROBLEM)
    set(MOTE_FREERTOS_PROBLEM "${what} ${dir} is not a FreeRTOS-Kernel checkout" PARENT_SCOPE)
  endif()
endfunction()

set(MOTE_FREERTOS_KERNEL "")
set(MOTE_FREERTOS_PROBLEM "")
if(MOTE_FREERTOS_DIR)
  _mote_freertos_try("${MOTE_FREERTOS_DIR}" "MOTE_FREERTOS_DIR")
else()
  if(EXISTS "${MOTE_SHARED_DIR}/FreeRTOS-Kernel")
    _mote_freertos_try("${MOTE_SHARED_DIR}/FreeRTOS-Kernel" "the shared folder")
  endif()
  set(_mote_fetched "${CMAKE_BINARY_DIR}/_deps/FreeRTOS-Kernel")
  if(NOT MOTE_FREERTOS_KERNEL AND EXISTS "${_mote_fetched}/tasks.c")
    _mote_freertos_try("${_mote_fetched}" "the fetched copy")
  endif()
  if(NOT MOTE_FREERTOS_KERNEL AND MOTE_FREERTOS_FETCH AND NOT EXISTS "${_mote_fetched}")
    find_package(Git QUIET)
    if(GIT_EXECUTABLE)
      message(STATUS "Fetching FreeRTOS-Kernel ${MOTE_FREERTOS_TAG} from ${MOTE_FREERTOS_URL}")
      execute_process(
        COMMAND "${GIT_EXECUTABLE}" -c advice.detachedHead=false clone --quiet --depth 1
                --branch ${MOTE_FREERTOS_TAG} "${MOTE_FREERTOS_URL}" "${_mote_fetched}"
        RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET TIMEOUT 300)
      if(rc EQUAL 0)
        _mote_freertos_try("${_mote_fetched}" "the fetched copy")
      else()
        file(REMOVE_RECURSE "${_mote_fetched}")
        string(STRIP "${err}" err)
        set(MOTE_FREERTOS_PROBLEM "fetching ${MOTE_FREERTOS_URL} (${MOTE_FREERTOS_TAG}) failed: ${err}")
      endif()
    else()
      set(MOTE_FREERTOS_PROBLEM "no checkout found, and git is missing to fetch one")
    endif()
  endif()
endif()
if(NOT MOTE_FREERTOS_KERNEL AND NOT MOTE_FREERTOS_PROBLEM)
  set(MOTE_FREERTOS_PROBLEM "no checkout found (fetching is off: MOTE_FREERTOS_FETCH)")
endif()
if(MOTE_FREERTOS_PROBLEM AND NOT MOTE_FREERTOS_KERNEL)
  set(MOTE_FREERTOS_PROBLEM "${MOTE_FREERTOS_PROBLEM}.  Point the build at a checkout of tag ${MOTE_FREERTOS_TAG}: cmake -DMOTE_FREERTOS_DIR=<path> (git clone --branch ${MOTE_FREERTOS_TAG} ${MOTE_FREERTOS_URL})")
endif()
