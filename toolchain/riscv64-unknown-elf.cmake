# RISC-V boards, 32- and 64-bit: riscv64-unknown-elf-gcc builds both; the
# board's -march/-mabi pick the multilib.  picolibc is the C library.
set(CMAKE_SYSTEM_PROCESSOR riscv)
set(MOTE_TOOLCHAIN_PREFIX riscv64-unknown-elf-)
include(${CMAKE_CURRENT_LIST_DIR}/gnu-elf.cmake)
