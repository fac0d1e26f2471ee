# mote_app.cmake -- the SDK's build helper: WebAssembly apps from C, with
# clang-14 and Debian's wasi-libc, sized for microcontrollers.
#
# In the mote tree wasi-lite/CMakeLists.txt includes this file; an app
# project elsewhere includes it directly:
#
#     include(<mote>/wasi-lite/sdk/mote_app.cmake)
#     mote_add_wasm_app(blinky SOURCES blinky.c)
#
# mote_add_wasm_app(<name> SOURCES <file.c>...
#                   [STACK_SIZE <bytes>]       default 4096
#                   [INITIAL_MEMORY <bytes>]   default 65536 (whole 64 KiB pages)
#                   [MAX_MEMORY <bytes>]       default INITIAL_MEMORY; with HEAP, none
#                   [HEAP]                     let malloc grow the memory
#                   [REACTOR]                  no main(): the firmware calls
#                                              mote_on_start/mote_on_event
#                   [FREESTANDING]             no libc and no entry point
#                                              (--target=wasm32 -nostdlib)
#                   [STRIP]                    drop the name section too
#                   [EXPORTS <symbol>...]
#                   [INCLUDE_DIRECTORIES <dir>...] [DEFINITIONS <NAME=value>...]
#                   [COMPILE_OPTIONS <opt>...] [LINK_OPTIONS <opt>...]
#                   [POST_LINK <command using <IN> and <OUT>>])
#
# builds ${CMAKE_CURRENT_BINARY_DIR}/<name>.wasm (part of `all`) and a target
# <name> whose MOTE_WASM_FILE property is that path, ready for a firmware
# to embed (mote_add_firmware(... APP <name>)).  Its MOTE_WASM_STACK_SIZE
# and MOTE_WASM_INITIAL_MEMORY properties record the layout.
#
# Flags for small devices: -Os; sign-ext and bulk-memory (memcpy and
# memset become single instructions); the stack placed first in memory
# (--stack-first), so an overflow traps at address 0 instead of silently
# overwriting data; a memory that cannot grow unless HEAP is given; debug
# sections stripped but the name section kept, for backtraces with
# function names.  Compilation and linking are separate steps because
# clang runs wasm-opt after an optimising link when it finds one, and
# wasm-opt drops the name section.
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
  add_custom_command(OUTPUT "${obj}"
    COMMAND "${MOTE_CLANG}" ${flags} -MD -MF "${obj}.d" -c "${src}" -o "${obj}"
    DEPENDS "${src}"
    DEPFILE "${obj}.d"
    COMMENT "Compiling ${base} for Wasm app ${name}"
    VERBATIM)
  set(${out_list} ${${out_list}} "${obj}" PARENT_SCOPE)
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
  cmake_parse_arguments(APP "REACTOR;FREESTANDING;STRIP;HEAP"
    "STACK_SIZE;INITIAL_MEMORY;MAX_MEMORY"
    "SOURCES;EXPORTS;INCLUDE_DIRECTORIES;DEFINITIONS;COMPILE_OPTIONS;LINK_OPTIONS;POST_LINK"
    ${ARGN})
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
  list(APPEND flags ${APP_COMPILE_OPTIONS})
  set(app_objects "")
  foreach(src IN LISTS APP_SOURCES)
    _mote_app_compile(${name} "${src}" "${flags}" app_objects)
  endforeach()

  set(link ${flags} -Wl,--stack-first -Wl,-z,stack-size=${APP_STACK_SIZE}
      -Wl,--initial-memory=${APP_INITIAL_MEMORY} -Wl,--strip-debug)
  if(APP_MAX_MEMORY)
    list(APPEND link -Wl,--max-memory=${APP_MAX_MEMORY})
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

  # The chain: link -> [the app's POST_LINK] -> [MOTE_WASM_POST_LINK] -> <name>.wasm
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${name}.wasm")
  set(linked "${out}")
  if(APP_POST_LINK OR MOTE_WASM_POST_LINK)
    set(linked "${CMAKE_CURRENT_BINARY_DIR}/${name}.linked.wasm")
  endif()
  add_custom_command(OUTPUT "${linked}"
    COMMAND "${MOTE_CLANG}" ${link} -o "${linked}" ${app_objects}
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

  add_custom_target(${name} ALL DEPENDS "${out}")
  set_target_properties(${name} PROPERTIES
    MOTE_WASM_FILE "${out}"
    MOTE_WASM_STACK_SIZE ${APP_STACK_SIZE}
    MOTE_WASM_INITIAL_MEMORY ${APP_INITIAL_MEMORY})
endfunction()
