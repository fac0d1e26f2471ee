# mote_freertos.cmake -- where FreeRTOS-Kernel comes from, for the FreeRTOS
# port (port/freertos).  The kernel is built from its own sources, never
# copied into mote.  mote_fetch.cmake's list pins the tag (V11.3.0) and
# finds it, first found:
#
#   -DMOTE_FREERTOS_KERNEL_DIR=<path>     the user's checkout of that tag
#   ${MOTE_SHARED_DIR}/FreeRTOS-Kernel    a shared copy next to the tree
#   a shallow git fetch of the tag into MOTE_FETCH_DIR (build/_deps),
#   made once (MOTE_FETCH, on by default; MOTE_FREERTOS_KERNEL_URL for a
#   mirror)
#
# Sets MOTE_FREERTOS_TAG, and MOTE_FREERTOS_KERNEL to the kernel's folder,
# or leaves it empty and sets MOTE_FREERTOS_PROBLEM to a sentence saying why
# and what to do.  A folder holding another version is refused (its task.h
# says which): the port is tested against the pinned tag only.
include_guard(GLOBAL)
include(${CMAKE_CURRENT_LIST_DIR}/mote_fetch.cmake)

mote_source_pin(MOTE_FREERTOS_TAG FreeRTOS-Kernel)
set(MOTE_FREERTOS_KERNEL "")
set(MOTE_FREERTOS_PROBLEM "")
mote_find_source(_mote_freertos_dir FreeRTOS-Kernel)
if(NOT _mote_freertos_dir)
  set(MOTE_FREERTOS_PROBLEM "${_mote_freertos_dir_MISSING}")
elseif(NOT EXISTS "${_mote_freertos_dir}/include/task.h" OR NOT EXISTS "${_mote_freertos_dir}/tasks.c")
  set(MOTE_FREERTOS_PROBLEM "${_mote_freertos_dir} is not a FreeRTOS-Kernel checkout (no tasks.c, include/task.h).  Point -DMOTE_FREERTOS_KERNEL_DIR at a checkout of tag ${MOTE_FREERTOS_TAG}")
else()
  file(STRINGS "${_mote_freertos_dir}/include/task.h" _mote_line REGEX "define tskKERNEL_VERSION_NUMBER")
  string(REGEX REPLACE ".*\"(.*)\".*" "\\1" _mote_version "${_mote_line}")
  if(_mote_version STREQUAL MOTE_FREERTOS_TAG)
    set(MOTE_FREERTOS_KERNEL "${_mote_freertos_dir}")
  else()
    set(MOTE_FREERTOS_PROBLEM "${_mote_freertos_dir} holds FreeRTOS-Kernel '${_mote_version}', not ${MOTE_FREERTOS_TAG}, the version port/freertos is tested with.  Point -DMOTE_FREERTOS_KERNEL_DIR at a checkout of tag ${MOTE_FREERTOS_TAG}")
  endif()
endif()
