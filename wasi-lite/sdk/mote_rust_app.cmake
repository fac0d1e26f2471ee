# mote_rust_app.cmake -- the SDK's build helper for WebAssembly apps in
# Rust: Debian's rustc (1.63, with libstd-rust-dev-wasm32) for wasm32-wasi,
# no cargo and no crates from outside, plus the SDK's own crate `mote`
# (rust/mote: GPIO, timers, events).  Included by mote_app.cmake.
#
# mote_add_rust_app(<name> SOURCES <main.rs> [<module.rs>...]
#                   [STACK_SIZE <bytes>]       default 32768
#                   [EDITION <year>]           default 2021
#                   [DEBUG]                    DWARF kept: `mote run` shows file:line
#                   [STRIP]                    drop the name section too
#                   [V0_MANGLING]              rustc's v0 symbol names
#                   [RUSTFLAGS <flag>...])
#
# builds ${CMAKE_CURRENT_BINARY_DIR}/<name>.wasm from the crate whose root
# is the first source (the others only tell the build what to watch; rustc
# follows `mod` itself), with `extern crate mote` available, and a target
# <name> with the same properties mote_add_wasm_app() sets, so that
# mote_add_wasi_firmware(... APP <name>) embeds it.  A command app only
# (fn main); panics abort, and the backtrace shows the demangled frames.
# The memory is in 64 KiB pages: boards with 16 KiB of RAM cannot hold a
# Rust std app.
#
# The rustc used is MOTE_RUSTC: Debian's /usr/bin/rustc unless set, since a
# rustup toolchain on the PATH may lack the wasm32-wasi standard library.

include_guard(GLOBAL)

find_program(MOTE_RUSTC rustc PATHS /usr/bin NO_DEFAULT_PATH
             DOC "rustc with the wasm32-wasi standard library, for Rust apps")
find_program(MOTE_RUSTC rustc)

# Whether MOTE_RUSTC can build for wasm32-wasi; why not in <why>.
function(mote_rust_available out why)
  set(${out} FALSE PARENT_SCOPE)
  if(NOT MOTE_RUSTC)
    set(${why} "rustc not found (toolchain/install-deps installs rustc and libstd-rust-dev-wasm32)"
        PARENT_SCOPE)
    return()
  endif()
  execute_process(COMMAND "${MOTE_RUSTC}" --print sysroot OUTPUT_VARIABLE sysroot
                  RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT rc EQUAL 0 OR NOT IS_DIRECTORY "${sysroot}/lib/rustlib/wasm32-wasi/lib")
    set(${why} "${MOTE_RUSTC} has no wasm32-wasi standard library (apt-get install libstd-rust-dev-wasm32, or set MOTE_RUSTC)"
        PARENT_SCOPE)
    return()
  endif()
  set(${out} TRUE PARENT_SCOPE)
endfunction()

# The `mote` crate, compiled once per build tree; <out> is its folder.
function(_mote_rust_crate out)
  set(dir "${CMAKE_BINARY_DIR}/mote-rust")
  if(NOT TARGET mote-rust-crate)
    set(lib "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/rust/mote/src/lib.rs")
    add_custom_command(OUTPUT "${dir}/libmote.rlib"
      COMMAND "${MOTE_RUSTC}" --crate-name mote --crate-type rlib --edition 2021
              --target wasm32-wasi -C opt-level=s --out-dir "${dir}" "${lib}"
      DEPENDS "${lib}"
      COMMENT "Compiling the mote crate for Rust apps"
      VERBATIM)
    add_custom_target(mote-rust-crate DEPENDS "${dir}/libmote.rlib")
  endif()
  set(${out} "${dir}" PARENT_SCOPE)
endfunction()

function(mote_add_rust_app name)
  cmake_parse_arguments(APP "DEBUG;STRIP;V0_MANGLING" "STACK_SIZE;EDITION" "SOURCES;RUSTFLAGS"
                        ${ARGN})
  if(APP_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "mote_add_rust_app(${name}): unknown arguments ${APP_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT APP_SOURCES)
    message(FATAL_ERROR "mote_add_rust_app(${name}): no SOURCES (the crate root first)")
  endif()
  mote_rust_available(ok why)
  if(NOT ok)
    message(FATAL_ERROR "mote_add_rust_app(${name}): ${why}")
  endif()
  if(NOT APP_STACK_SIZE)
    set(APP_STACK_SIZE 32768)
  endif()
  if(NOT APP_EDITION)
    set(APP_EDITION 2021)
  endif()
  set(sources "")
  foreach(src IN LISTS APP_SOURCES)
    get_filename_component(src "${src}" ABSOLUTE)
    list(APPEND sources "${src}")
  endforeach()
  list(GET sources 0 root)
  string(REPLACE "-" "_" crate "${name}")
  _mote_rust_crate(crate_dir)

  set(out "${CMAKE_CURRENT_BINARY_DIR}/${name}.wasm")
  set(flags --crate-name ${crate} --crate-type bin --edition ${APP_EDITION} --target wasm32-wasi
            -C opt-level=s -C "link-arg=-zstack-size=${APP_STACK_SIZE}"
            --extern "mote=${crate_dir}/libmote.rlib" -L "dependency=${crate_dir}")
  if(APP_DEBUG)
    list(APPEND flags -C debuginfo=2)
  else()
    list(APPEND flags -C debuginfo=0 -C link-arg=--strip-debug)
  endif()
  if(APP_STRIP)
    list(APPEND flags -C link-arg=--strip-all)
  endif()
  if(APP_V0_MANGLING)
    list(APPEND flags -C symbol-mangling-version=v0)
  endif()
  if(MOTE_WERROR)
    list(APPEND flags -D warnings)
  endif()
  list(APPEND flags ${APP_RUSTFLAGS})
  # (rustc's dep-info names itself as an output too: declare it.)
  add_custom_command(OUTPUT "${out}" "${out}.d"
    COMMAND "${MOTE_RUSTC}" ${flags} --emit "link=${out},dep-info=${out}.d" "${root}"
    DEPENDS ${sources} "${crate_dir}/libmote.rlib" mote-rust-crate
    DEPFILE "${out}.d"
    COMMENT "Compiling Rust app ${name}"
    VERBATIM)
  add_custom_target(${name} ALL DEPENDS "${out}")
  set_target_properties(${name} PROPERTIES
    MOTE_WASM_FILE "${out}"
    MOTE_WASM_STACK_SIZE ${APP_STACK_SIZE}
    MOTE_WASM_INITIAL_MEMORY 65536)
endfunction()
