# Arm Cortex-M boards: GNU Arm Embedded GCC (arm-none-eabi-gcc) + picolibc.
set(CMAKE_SYSTEM_PROCESSOR arm)
set(MOTE_TOOLCHAIN_PREFIX arm-none-eabi-)
include(${CMAKE_CURRENT_LIST_DIR}/gnu-elf.cmake)
