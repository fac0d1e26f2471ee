# backtrace_regex.cmake -- the backtrace deep.wat must give, as a regular
# expression, in BACKTRACE_REGEX: the same lines from `mote run` and from
# firmware (mote_wasi_report).  Frames cycle crash, recurse, dive from the
# trap outwards; 8 innermost and 8 outermost are shown, 26 elided.  Names
# appear demangled; as the module has them (mangled) in a build without
# WASI-lite's demangler (MOTE_WASI_DEMANGLE=OFF); not at all with a core
# that keeps no names (MOTE_WITH_NAMES=OFF), whose frames give function
# indices alone.
if(NOT MOTE_WASI_DEMANGLE)
  set(_names "_ZN3app3BoxIiE5crashEi" "_RNvCslkgq5TcXodA_5fd_rs7recurse"
      "_ZN5fd_rs4dive17h4121452ee825221aE")
else()
  set(_names "app::Box<int>::crash\\(int\\)" "fd_rs::recurse" "fd_rs::dive")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/../cmake/frame_name.cmake)
set(_funcs 0 2 1)
set(BACKTRACE_REGEX "mote: trap: unreachable \\(func 0 \\+0x[0-9a-f]+\\)\n")
foreach(frame RANGE 0 41)
  if(frame EQUAL 8)
    string(APPEND BACKTRACE_REGEX "  \\.\\.\\. 26 frames not shown\n")
  endif()
  if(frame GREATER_EQUAL 8 AND frame LESS 34)
    continue()
  endif()
  if(frame EQUAL 40)
    set(func 3)
    set(name main)
  elseif(frame EQUAL 41)
    set(func 4)
    set(name _start)
  else()
    math(EXPR k "${frame} % 3")
    list(GET _funcs ${k} func)
    list(GET _names ${k} name)
  endif()
  mote_test_frame_name(name "${name}")
  string(APPEND BACKTRACE_REGEX "  #${frame} func ${func} ${name}\\+0x[0-9a-f]+\n")
endforeach()
