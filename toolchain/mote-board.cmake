# mote-board.cmake -- the toolchain for whichever board MOTE_BOARD names, for
# firmware projects of one's own (docs/getting-started.md):
#
#   cmake -B build -DMOTE_BOARD=sifive-e \
#         -DCMAKE_TOOLCHAIN_FILE=<mote>/toolchain/mote-board.cmake
#
# (<mote> is mote's source folder, or <prefix>/share/mote of an installed
# mote.)  It reads the board's compiler prefix (MOTE_BOARD_TOOLCHAIN) from
# boards/<board>/board.cmake and then sets up that GNU toolchain as
# arm-none-eabi.cmake and riscv64-unknown-elf.cmake do.  The host board
# needs no toolchain file.
if(NOT MOTE_BOARD)
  message(FATAL_ERROR "mote-board.cmake: set MOTE_BOARD (e.g. -DMOTE_BOARD=mps2-an385)")
endif()
if(NOT EXISTS "${CMAKE_CURRENT_LIST_DIR}/../boards/${MOTE_BOARD}/board.cmake")
  message(FATAL_ERROR "mote-board.cmake: no board ${MOTE_BOARD} (see ${CMAKE_CURRENT_LIST_DIR}/../boards)")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/../boards/${MOTE_BOARD}/board.cmake")
if(MOTE_BOARD_ARCH STREQUAL "host")
  message(FATAL_ERROR "mote-board.cmake: the host board is built with the native compiler: "
                      "configure without a toolchain file")
endif()
if(MOTE_BOARD_ARCH STREQUAL "cortex-m")
  set(CMAKE_SYSTEM_PROCESSOR arm)
else()
  set(CMAKE_SYSTEM_PROCESSOR ${MOTE_BOARD_ARCH})
endif()
set(MOTE_TOOLCHAIN_PREFIX ${MOTE_BOARD_TOOLCHAIN})
include("${CMAKE_CURRENT_LIST_DIR}/gnu-elf.cmake")
