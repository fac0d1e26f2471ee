# The host board built as a 32-bit x86 program (gcc -m32), so that the
# tests, fuzzers and the differential test run with a 32-bit size_t and
# 32-bit pointers, as on every real board.  The kernels of these machines
# cannot run i386 programs, so every one of them runs under qemu-i386
# (Debian's qemu-user) through run-i386, which CMake prefixes to tests
# and build-time tools (CMAKE_CROSSCOMPILING_EMULATOR).  Packages: gcc-multilib,
# lib32asan8, lib32ubsan1, qemu-user (toolchain/install-deps).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR i686)
set(CMAKE_C_COMPILER gcc)
# SSE2 arithmetic: the x87 unit computes with excess precision, so its
# doubles round twice (f64.wast's sqrt of the largest double fails).
# 64-bit file offsets: under qemu-i386 readdir() fails with EOVERFLOW
# without them (DESIGN.md).
set(CMAKE_C_FLAGS_INIT "-m32 -msse2 -mfpmath=sse -D_FILE_OFFSET_BITS=64")
set(CMAKE_ASM_FLAGS_INIT "-m32")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-m32")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-m32")
find_program(MOTE_QEMU_I386 qemu-i386 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${CMAKE_CURRENT_LIST_DIR}/run-i386")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
