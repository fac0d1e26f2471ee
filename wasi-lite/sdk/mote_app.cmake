# mote_app.cmake -- the SDK's build helper: WebAssembly apps from C and
# C++, with clang-14, Debian's wasi-libc and libc++ (libc++-14-dev-wasm32),
# sized for microcontrollers; Rust apps are mote_rust_app.cmake's.
#
# In the mote tree wasi-lite/CMakeLists.txt includes this file; an app
# project elsewhere includes it directly, or gets it from the installed
# package (find_package(mote COMPONENTS sdk)):
#
#     include(<mote>/wasi-lite/sdk/mote_app.cmake)
#     mote_add_wasm_app(blinky SOURCES blinky.c)
#
# mote_add_wasm_app(<name> SOURCES <file.c or .cpp>...
#                   [STACK_SIZE <bytes>]       default 4096
#                   [INITIAL_MEMORY <bytes>]   default 65536 (whole 64 KiB pages)
#                   [MAX_MEMORY <bytes>]       default INITIAL_MEMORY; with HEAP, none
#                   [HEAP]                     let malloc grow the memory
#                   [MEMORY_BYTES <bytes> [HEAP <bytes>]]
#                                              small-memory mode (below)
#                   [REACTOR]                  no main(): the firmware calls
#                                              mote_on_start/mote_on_event
#                   [FREESTANDING]             no libc and no entry point
#                                              (--target=wasm32 -nostdlib)
#                   [STRIP]                    drop the name section too
#                   [DEBUG]                    -g, and keep the DWARF sections:
#                                              `mote run` backtraces then show
#                                              file:line (flash size grows)
#                   [EXPORTS <symbol>...]
#                   [INCLUDE_DIRECTORIES <dir>...] [DEFINITIONS <NAME=value>...]
#                   [COMPILE_OPTIONS <opt>...] [LINK_OPTIONS <opt>...]
#                   [POST_LINK <command using <IN> and <OUT>>])
#
# C++ sources (.cpp, .cc, .cxx) are compiled as C++17 without exceptions
# (wasm32-wasi's libc++ has none) and the app is linked with libc++ and
# libc++abi; mix them freely with C sources.
#
# builds ${CMAKE_CURRENT_BINARY_DIR}/<name>.wasm (part of `all`) and a target
# <name> whose MOTE_WASM_FILE property is that path, ready for a firmware
# to embed (mote_add_firmware(... APP <name>)).  Its MOTE_WASM_STACK_SIZE
# and MOTE_WASM_INITIAL_MEMORY properties record the layout (in
# small-memory mode MOTE_WASM_MEMORY_BYTES and MOTE_WASM_HEAP instead).
#
# Flags for small devices: -Os; sign-ext and bulk-memory (memcpy and
# memset become single instructions); the stack placed first in memory
# (--stack-first), so an overflow traps at address 0 instead of silently
# overwriting data; a memory that cannot grow unless HEAP is given; debug
# sections stripped (unless DEBUG) but the name section kept, for
# backtraces with function names.  Compilation and linking are separate steps because
# clang runs wasm-opt after an optimising link when it finds one, and
# wasm-opt drops the name section.
#
# Small-memory mode (MEMORY_BYTES n): for boards with a few KiB of RAM.
# The memory gets 1-byte pages (the custom-page-sizes proposal) instead of
# 64 KiB ones: it starts at exactly the stack plus the static data (plus
# HEAP <bytes>, a heap reserve, if given) and may grow to n bytes.  The
# app is linked with the SDK's allocator (runtime/malloc.c) instead of
# wasi-libc's dlmalloc, which assumes 64 KiB pages: malloc grows the
# memory by the bytes a block needs and returns NULL once memory.grow
# fails (n reached, or the firmware's cap or arena).  wasi-libc mallocs
# argv and the environment at start-up, so a command app needs a little
# heap even if its own code never allocates.  The last step,
# tools/mote_app_memory.c (built for the build machine), rewrites the
# memory section; the build fails if the stack and data exceed n.  Not
# with INITIAL_MEMORY or MAX_MEMORY; with FREESTANDING only the memory is
# rewritten (no libc, no allocator).
#
# Post-link steps: POST_LINK is one command in which <IN> and <OUT> stand
# for the input and output .wasm; a non-empty MOTE_WASM_POST_LINK variable
# (same form) is one more command applied to every app, after the app's
# own.  With steps, the linker writes <name>.linked.wasm and the last step
# writes <name>.wasm.  (This is where a shrink-the-memory step,
# or `wasm-opt -Os -g <IN> -o <OUT>`, plugs in.)

include_guard(GLOBAL)

# (Functions find the SDK's headers through CMAKE_CURRENT_FUNCTION_LIST_DIR:
# variables set here are not seen from sibling directories.)
find_program(MOTE_CLANG NAMES clang-14 clang DOC "clang with the wasm32 target, for Wasm apps")
find_program(MOTE_CLANGXX NAMES clang++-14 clang++ DOC "clang++ with the wasm32 target, for C++ apps")

# True for the file names of C++ sources.
function(_mote_app_is_cxx out src)
  set(cxx FALSE)
  if(src MATCHES "\\.(cpp|cc|cxx|C)$")
    set(cxx TRUE)
  endif()
  set(${out} ${cxx} PARENT_SCOPE)
endfunction()

# The compile flags shared by every app.
function(_mote_app_compile_flags out freestanding)
  if(freestanding)
    set(flags --target=wasm32 -nostdlib)
  else()
    set(flags --target=wasm32-wasi)
  endif()
  # With bulk-memory on, clang-14 keeps thread-locals (errno) as TLS and
  # only supports the local-exec model for them; wasm-ld then turns them
  # into plain data, as the memory is not shared.
  list(APPEND flags -Os -mbulk-memory -msign-ext -ftls-model=local-exec -Wall -Wextra
       "-I${CMAKE_CURRENT_FUNCTION_LIST_DIR}/include")
  if(MOTE_WERROR)
    list(APPEND flags -Werror)
  endif()
  set(${out} ${flags} PARENT_SCOPE)
endfunction()

# Compiles one source to an object; appends the object to the list named
# out_list.  Objects are numbered: two sources may share a file name.
function(_mote_app_compile name src flags out_list)
  get_filename_component(src "${src}" ABSOLUTE)
  get_filename_component(base "${src}" NAME)
  list(LENGTH ${out_list} index)
  set(obj "${CMAKE_CURRENT_BINARY_DIR}/${name}.wasm.dir/${index}-${base}.o")
  set(compiler "${MOTE_CLANG}")
  _mote_app_is_cxx(cxx "${src}")
  if(cxx)
    if(NOT MOTE_CLANGXX)
      message(FATAL_ERROR "mote_add_wasm_app(${name}): clang++-14 not found for ${src} "
                          "(toolchain/install-deps)")
    endif()
    set(compiler "${MOTE_CLANGXX}")
    list(APPEND flags -std=c++17 -fno-exceptions)
  endif()
  add_custom_command(OUTPUT "${obj}"
    COMMAND "${compiler}" ${flags} -MD -MF "${obj}.d" -c "${src}" -o "${obj}"
    DEPENDS "${src}"
    DEPFILE "${obj}.d"
    COMMENT "Compiling ${base} for Wasm app ${name}"
    VERBATIM)
  set(${out_list} ${${out_list}} "${obj}" PARENT_SCOPE)
endfunction()

# The small-memory mode's post-link tool, built once per build tree with
# the build machine's C compiler (the project's may be a cross compiler).
function(_mote_app_memory_tool out)
  set(tool "${CMAKE_BINARY_DIR}/host-tools/mote-app-memory")
  if(NOT TARGET mote-app-memory-host)
    find_program(MOTE_HOST_CC NAMES cc gcc clang REQUIRED)
    set(source "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/tools/mote_app_memory.c")
    set(warnings -Wall -Wextra)
    if(MOTE_WERROR)
      list(APPEND warnings -Werror)
    endif()
    add_custom_command(OUTPUT "${tool}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/host-tools"
      COMMAND "${MOTE_HOST_CC}" -std=c11 -O2 ${warnings} -o "${tool}" "${source}"
      DEPENDS "${source}"
      COMMENT "Building mote-app-memory for the build machine"
      VERBATIM)
    add_custom_target(mote-app-memory-host DEPENDS "${tool}")
  endif()
  set(${out} "${tool}" PARENT_SCOPE)
endfunction()

# Adds one post-link step from `in` to `out`, given as a command list with
# <IN> and <OUT> placeholders.
function(_mote_app_post_link name step in out)
  string(REPLACE "<IN>" "${in}" step "${step}")
  string(REPLACE "<OUT>" "${out}" step "${step}")
  add_custom_command(OUTPUT "${out}" COMMAND ${step} DEPENDS "${in}"
    COMMENT "Post-link step for Wasm app ${name}" VERBATIM)
endfunction()

function(mote_add_wasm_app name)
  # HEAP is a flag, or in small-memory mode may take a size: take the size
  # out before parsing.
  set(args "")
  set(heap_bytes 0)
  set(previous "")
  foreach(arg IN LISTS ARGN)
    if(previous STREQUAL "HEAP" AND arg MATCHES "^[0-9]+$")
      set(heap_bytes ${arg})
    else()
      list(APPEND args "${arg}")
    endif()
    set(previous "${arg}")
  endforeach()
  cmake_parse_arguments(APP "REACTOR;FREESTANDING;STRIP;HEAP;DEBUG"
    "STACK_SIZE;INITIAL_MEMORY;MAX_MEMORY;MEMORY_BYTES"
    "SOURCES;EXPORTS;INCLUDE_DIRECTORIES;DEFINITIONS;COMPILE_OPTIONS;LINK_OPTIONS;POST_LINK"
    ${args})
  if(NOT MOTE_CLANG)
    message(FATAL_ERROR "mote_add_wasm_app(${name}): clang-14 not found (toolchain/install-deps)")
  endif()
  if(NOT APP_SOURCES)
    message(FATAL_ERROR "mote_add_wasm_app(${name}): no SOURCES")
  endif()
  if(APP_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "mote_add_wasm_app(${name}): unknown arguments ${APP_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT APP_STACK_SIZE)
    set(APP_STACK_SIZE 4096)
  endif()
  if(DEFINED APP_MEMORY_BYTES OR "MEMORY_BYTES" IN_LIST APP_KEYWORDS_MISSING_VALUES)
    if(NOT APP_MEMORY_BYTES MATCHES "^[1-9][0-9]*$")
      message(FATAL_ERROR "mote_add_wasm_app(${name}): MEMORY_BYTES needs a byte count")
    endif()
    if(APP_INITIAL_MEMORY OR APP_MAX_MEMORY)
      message(FATAL_ERROR "mote_add_wasm_app(${name}): MEMORY_BYTES sets the memory; "
                          "INITIAL_MEMORY and MAX_MEMORY are for 64 KiB pages")
    endif()
  elseif(heap_bytes)
    message(FATAL_ERROR "mote_add_wasm_app(${name}): HEAP <bytes> needs MEMORY_BYTES "
                        "(with 64 KiB pages, HEAP takes no size)")
  endif()
  if(NOT APP_INITIAL_MEMORY)
    set(APP_INITIAL_MEMORY 65536)
  endif()
  if(NOT APP_MAX_MEMORY AND NOT APP_HEAP)
    set(APP_MAX_MEMORY ${APP_INITIAL_MEMORY})
  endif()

  _mote_app_compile_flags(flags "${APP_FREESTANDING}")
  foreach(dir IN LISTS APP_INCLUDE_DIRECTORIES)
    get_filename_component(dir "${dir}" ABSOLUTE)
    list(APPEND flags "-I${dir}")
  endforeach()
  foreach(def IN LISTS APP_DEFINITIONS)
    list(APPEND flags "-D${def}")
  endforeach()
  if(APP_DEBUG)
    list(APPEND flags -g)
  endif()
  list(APPEND flags ${APP_COMPILE_OPTIONS})
  set(app_objects "")
  foreach(src IN LISTS APP_SOURCES)
    _mote_app_compile(${name} "${src}" "${flags}" app_objects)
  endforeach()

  set(link ${flags} -Wl,--stack-first -Wl,-z,stack-size=${APP_STACK_SIZE})
  if(NOT APP_DEBUG)
    list(APPEND link -Wl,--strip-debug)
  endif()
  if(APP_MEMORY_BYTES)
    # Its own allocator, linked before libc so that dlmalloc is never
    # pulled in (a second malloc would be a duplicate-symbol error), and
    # __heap_base exported for mote-app-memory, which removes the export.
    # wasm-ld picks whole pages that hold the stack and data; the last
    # step re-declares the memory.
    if(NOT APP_FREESTANDING)
      _mote_app_compile(${name} "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/runtime/malloc.c"
                        "${flags};-fno-builtin" app_objects)
    endif()
    list(APPEND link -Wl,--export=__heap_base)
  else()
    list(APPEND link -Wl,--initial-memory=${APP_INITIAL_MEMORY})
    if(APP_MAX_MEMORY)
      list(APPEND link -Wl,--max-memory=${APP_MAX_MEMORY})
    endif()
  endif()
  list(REMOVE_ITEM link -Os)        # no optimising link: see above
  if(APP_FREESTANDING)
    list(APPEND link -Wl,--no-entry)
  elseif(APP_REACTOR)
    list(APPEND link -mexec-model=reactor)
  endif()
  if(APP_STRIP)
    list(APPEND link -Wl,--strip-all)
  endif()
  foreach(sym IN LISTS APP_EXPORTS)
    list(APPEND link "-Wl,--export=${sym}")
  endforeach()
  list(APPEND link ${APP_LINK_OPTIONS})

  # The chain: link -> [the app's POST_LINK] -> [MOTE_WASM_POST_LINK]
  # -> [mote-app-memory] -> <name>.wasm.  The memory step comes last: tools
  # that predate custom page sizes (wasm-opt, wabt) cannot read its output.
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${name}.wasm")
  set(final "${out}")
  if(APP_MEMORY_BYTES)
    set(out "${CMAKE_CURRENT_BINARY_DIR}/${name}.pages.wasm")
  endif()
  set(linked "${out}")
  if(APP_POST_LINK OR MOTE_WASM_POST_LINK)
    set(linked "${CMAKE_CURRENT_BINARY_DIR}/${name}.linked.wasm")
  endif()
  # C++ objects: clang++ links libc++ and libc++abi too.
  set(linker "${MOTE_CLANG}")
  foreach(src IN LISTS APP_SOURCES)
    _mote_app_is_cxx(cxx "${src}")
    if(cxx)
      set(linker "${MOTE_CLANGXX}")
    endif()
  endforeach()
  add_custom_command(OUTPUT "${linked}"
    COMMAND "${linker}" ${link} -o "${linked}" ${app_objects}
    DEPENDS ${app_objects}
    COMMENT "Linking Wasm app ${name}"
    VERBATIM)
  set(stage "${linked}")
  if(APP_POST_LINK)
    set(next "${out}")
    if(MOTE_WASM_POST_LINK)
      set(next "${CMAKE_CURRENT_BINARY_DIR}/${name}.post.wasm")
    endif()
    _mote_app_post_link(${name} "${APP_POST_LINK}" "${stage}" "${next}")
    set(stage "${next}")
  endif()
  if(MOTE_WASM_POST_LINK)
    _mote_app_post_link(${name} "${MOTE_WASM_POST_LINK}" "${stage}" "${out}")
  endif()
  if(APP_MEMORY_BYTES)
    _mote_app_memory_tool(tool)
    add_custom_command(OUTPUT "${final}"
      COMMAND "${tool}" --max ${APP_MEMORY_BYTES} --heap ${heap_bytes} "${out}" -o "${final}"
      DEPENDS "${out}" "${tool}" mote-app-memory-host
      COMMENT "Sizing the memory of Wasm app ${name}"
      VERBATIM)
  endif()

  add_custom_target(${name} ALL DEPENDS "${final}")
  set_target_properties(${name} PROPERTIES
    MOTE_WASM_FILE "${final}"
    MOTE_WASM_STACK_SIZE ${APP_STACK_SIZE})
  if(APP_MEMORY_BYTES)
    set_target_properties(${name} PROPERTIES
      MOTE_WASM_MEMORY_BYTES ${APP_MEMORY_BYTES}
      MOTE_WASM_HEAP ${heap_bytes})
  else()
    set_target_properties(${name} PROPERTIES MOTE_WASM_INITIAL_MEMORY ${APP_INITIAL_MEMORY})
  endif()
endfunction()

# Rust apps: mote_add_rust_app().
include("${CMAKE_CURRENT_LIST_DIR}/mote_rust_app.cmake")
