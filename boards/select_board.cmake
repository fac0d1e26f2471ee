# select_board.cmake -- reads the board MOTE_BOARD names into the including
# scope.  Included by the board toolchain files (before project(), for the
# CPU flags) and by cmake/mote_firmware.cmake; installed with the boards.
#
# MOTE_BOARD is a folder of boards/, or <folder>-<variant> for a folder that
# holds variants (mps2-an385 is mps2 with MOTE_BOARD_VARIANT an385;
# riscv-virt-rv32), so a board is named as its preset is.  Sets:
#   MOTE_BOARD          the folder (mps2)
#   MOTE_BOARD_VARIANT  the variant, or empty
#   MOTE_BOARD_NAME     <folder>[-<variant>] (mps2-an385): test names, installs
#   MOTE_BOARD_DIR      boards/<folder>
# then everything the folder's board.cmake sets (port/README.md), and checks
# its MOTE_BOARD_CAPS against capabilities.cmake.  Defines mote_board_has().

include("${CMAKE_CURRENT_LIST_DIR}/capabilities.cmake")
get_filename_component(MOTE_BOARDS_DIR "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)

# The match is its own if(): ${CMAKE_MATCH_1} in the same condition would be
# expanded before MATCHES runs, and name the previous match.
set(_mote_folder "")
if(NOT EXISTS "${MOTE_BOARDS_DIR}/${MOTE_BOARD}/board.cmake" AND MOTE_BOARD MATCHES "^(.+)-([^-]+)$")
  set(_mote_folder "${CMAKE_MATCH_1}")
  set(_mote_variant "${CMAKE_MATCH_2}")
endif()
if(_mote_folder AND EXISTS "${MOTE_BOARDS_DIR}/${_mote_folder}/board.cmake")
  if(MOTE_BOARD_VARIANT AND NOT MOTE_BOARD_VARIANT STREQUAL _mote_variant)
    message(FATAL_ERROR "MOTE_BOARD=${MOTE_BOARD} names variant ${_mote_variant}, "
                        "but MOTE_BOARD_VARIANT is ${MOTE_BOARD_VARIANT}")
  endif()
  set(MOTE_BOARD "${_mote_folder}")
  set(MOTE_BOARD_VARIANT "${_mote_variant}")
endif()
set(MOTE_BOARD_DIR "${MOTE_BOARDS_DIR}/${MOTE_BOARD}")
if(NOT MOTE_BOARD OR NOT EXISTS "${MOTE_BOARD_DIR}/board.cmake")
  file(GLOB _mote_known RELATIVE "${MOTE_BOARDS_DIR}" "${MOTE_BOARDS_DIR}/*/board.cmake")
  string(REPLACE "/board.cmake" "" _mote_known "${_mote_known}")
  message(FATAL_ERROR "MOTE_BOARD=${MOTE_BOARD}: no boards/${MOTE_BOARD}/board.cmake "
                      "(boards: ${_mote_known}; a folder with variants as <folder>-<variant>)")
endif()
if(MOTE_BOARD_VARIANT)
  set(MOTE_BOARD_NAME "${MOTE_BOARD}-${MOTE_BOARD_VARIANT}")
else()
  set(MOTE_BOARD_NAME "${MOTE_BOARD}")
endif()

# A board.cmake sets what it has; nothing is inherited from a previous read.
foreach(_mote_var MOTE_BOARD_CAPS MOTE_BOARD_STORAGE_BASE MOTE_BOARD_LED_TRACE)
  set(${_mote_var} "")       # not unset(): that would show the cached value
endforeach()
include("${MOTE_BOARD_DIR}/board.cmake")

# The declaration must be one the tests can rely on.
set(_mote_ram "")
foreach(_mote_cap IN LISTS MOTE_BOARD_CAPS)
  if(NOT _mote_cap IN_LIST MOTE_CAPABILITIES)
    message(FATAL_ERROR "boards/${MOTE_BOARD}/board.cmake: unknown capability '${_mote_cap}' "
                        "(the list is boards/capabilities.cmake)")
  endif()
  if(_mote_cap MATCHES "^ram_")
    list(APPEND _mote_ram ${_mote_cap})
  endif()
endforeach()
list(LENGTH _mote_ram _mote_ram)
if(NOT _mote_ram EQUAL 1)
  message(FATAL_ERROR "boards/${MOTE_BOARD}/board.cmake: MOTE_BOARD_CAPS needs exactly one RAM "
                      "class (ram_small or ram_large)")
endif()
if("gpio_irq" IN_LIST MOTE_BOARD_CAPS AND NOT "gpio" IN_LIST MOTE_BOARD_CAPS)
  message(FATAL_ERROR "boards/${MOTE_BOARD}/board.cmake: gpio_irq without gpio")
endif()
if("flash_image" IN_LIST MOTE_BOARD_CAPS AND NOT MOTE_BOARD_ARCH STREQUAL "host"
   AND NOT MOTE_BOARD_STORAGE_BASE)
  message(FATAL_ERROR "boards/${MOTE_BOARD}/board.cmake: flash_image needs MOTE_BOARD_STORAGE_BASE")
endif()

# mote_board_has(<variable> <capability>...): sets <variable> to TRUE when
# the board has every capability named, else FALSE.  A name that is not in
# capabilities.cmake is an error.
function(mote_board_has out)
  set(result TRUE)
  foreach(cap IN LISTS ARGN)
    if(NOT cap IN_LIST MOTE_CAPABILITIES)
      message(FATAL_ERROR "mote_board_has: unknown capability '${cap}' "
                          "(the list is boards/capabilities.cmake)")
    endif()
    if(NOT cap IN_LIST MOTE_BOARD_CAPS)
      set(result FALSE)
    endif()
  endforeach()
  set(${out} ${result} PARENT_SCOPE)
endfunction()
