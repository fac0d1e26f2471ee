# Shared part of the bare-metal GNU toolchain files (arm-none-eabi.cmake,
# riscv64-unknown-elf.cmake).  The including file sets MOTE_TOOLCHAIN_PREFIX
# and CMAKE_SYSTEM_PROCESSOR first.
#
# The C library is picolibc (its specs file selects headers and multilib).
# CPU flags come from the board: its boards/<folder>/board.cmake (read by
# boards/select_board.cmake) sets MOTE_BOARD_CPU_FLAGS, and they are applied to every file of the build, the
# core included, so that one build is one CPU configuration.

set(CMAKE_SYSTEM_NAME Generic)

set(CMAKE_C_COMPILER ${MOTE_TOOLCHAIN_PREFIX}gcc)
set(CMAKE_ASM_COMPILER ${MOTE_TOOLCHAIN_PREFIX}gcc)
set(CMAKE_OBJCOPY ${MOTE_TOOLCHAIN_PREFIX}objcopy CACHE FILEPATH "objcopy for the target")
set(CMAKE_SIZE ${MOTE_TOOLCHAIN_PREFIX}size CACHE FILEPATH "size for the target")

# Compiler checks cannot link a bare-metal program without a linker map.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
# ... but they must compile for the right CPU, so they get the board too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES MOTE_BOARD MOTE_BOARD_VARIANT)

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

if(NOT MOTE_BOARD)
  message(FATAL_ERROR "toolchain: set MOTE_BOARD (e.g. -DMOTE_BOARD=mps2-an385), or use a preset")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/../boards/select_board.cmake)
if(NOT MOTE_BOARD_TOOLCHAIN STREQUAL MOTE_TOOLCHAIN_PREFIX)
  message(FATAL_ERROR "toolchain: board ${MOTE_BOARD} needs the ${MOTE_BOARD_TOOLCHAIN} "
                      "toolchain, not ${MOTE_TOOLCHAIN_PREFIX}")
endif()

# -g costs no flash: debug sections are not loaded, and fault dumps can
# then be mapped to source lines with addr2line.
string(JOIN " " _mote_flags --specs=picolibc.specs ${MOTE_BOARD_CPU_FLAGS}
       -ffunction-sections -fdata-sections -g)
set(CMAKE_C_FLAGS_INIT "${_mote_flags}")
set(CMAKE_ASM_FLAGS_INIT "${_mote_flags}")
