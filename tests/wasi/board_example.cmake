# board_example.cmake -- registers an example firmware (made with
# mote_add_wasi_firmware) as a test on the board being built: booted under
# QEMU (the board's qemu.args) or natively on the host board, its console
# output and exit status checked by check_run.cmake.  Included by
# examples/<app>/CMakeLists.txt; tests are named <board>.app-<app> and
# labelled board, <board> and wasi.
#
# mote_wasi_example_test(<app> <firmware target> [STATUS n] [STDIN file]
#                        [STDOUT expected file] [MATCH regex]
#                        [TRACE <qemu trace event> <regex> <count>])
#
# TRACE observes the hardware from outside the guest: QEMU logs the trace
# event on stderr, and the regex must match exactly <count> times (e.g.
# the LED register writes of the MPS2 FPGA I/O block).

# (The function finds check_run.cmake through CMAKE_CURRENT_FUNCTION_LIST_DIR:
# with the include guard, variables set here would only exist in the scope
# of the first directory that includes this file.)
include_guard(GLOBAL)

function(mote_wasi_example_test app target)
  cmake_parse_arguments(T "" "STATUS;STDIN;STDOUT;MATCH" "TRACE" ${ARGN})
  # Boards with ram_small have 16 KiB of RAM for firmware, VM and app
  # together: only a firmware that keeps the app's compiled code in flash
  # (IMAGE) and runs an app built in the SDK's small-memory mode
  # (MEMORY_BYTES) fits there.
  mote_board_has(ram_small ram_small)
  if(ram_small)
    get_target_property(image ${target} MOTE_WASI_IMAGE)
    get_target_property(wasm_app ${target} MOTE_WASI_APP)
    set(memory "")
    if(wasm_app)
      get_target_property(memory ${wasm_app} MOTE_WASM_MEMORY_BYTES)
    endif()
    if(NOT image OR NOT memory)
      return()
    endif()
  endif()
  set(run ${MOTE_BOARD_RUN})
  set(defs "")
  if(T_TRACE AND run)
    list(GET T_TRACE 0 event)
    list(GET T_TRACE 1 regex)
    list(GET T_TRACE 2 count)
    list(REMOVE_AT run -1)                  # "-kernel", put back after
    list(APPEND run -trace ${event} -kernel)
    list(APPEND defs "-DTRACE_REGEX=${regex}" "-DTRACE_COUNT=${count}")
  endif()
  foreach(key STATUS STDIN STDOUT MATCH)
    if(DEFINED T_${key})
      list(APPEND defs "-D${key}=${T_${key}}")
    endif()
  endforeach()
  set(cmd ${run} "$<TARGET_FILE:${target}>")
  string(REPLACE ";" "|" cmd "${cmd}")
  set(name ${MOTE_BOARD_NAME}.app-${app})
  add_test(NAME ${name} COMMAND "${CMAKE_COMMAND}" "-DCOMMAND=${cmd}" ${defs}
           -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/check_run.cmake")
  set_tests_properties(${name} PROPERTIES TIMEOUT 90 LABELS "board;${MOTE_BOARD_NAME};wasi")
endfunction()

# mote_wasi_blinky_test(<app> <firmware target> [REPORT]): the checks every
# blinky (examples/blinky in C, blinky-cpp, blinky-rust) passes on a board,
# run with arguments 100 6: six toggles 100 ms apart on the console (then
# the RAM report, with REPORT), and the LED seen from outside where QEMU
# can trace it (the board's MOTE_BOARD_LED_TRACE: switched on 3 times).
# mote_wasi_led_trace(<variable> <count>): TRACE arguments for
# mote_wasi_example_test() that expect LED0 switched on <count> times, as
# QEMU traces it on this board (MOTE_BOARD_LED_TRACE in its board.cmake),
# or nothing on a board QEMU cannot show the LED of.
function(mote_wasi_led_trace out count)
  set(${out} "" PARENT_SCOPE)
  if(MOTE_BOARD_LED_TRACE AND MOTE_BOARD_RUN)
    set(${out} TRACE ${MOTE_BOARD_LED_TRACE} ${count} PARENT_SCOPE)
  endif()
endfunction()

function(mote_wasi_blinky_test app target)
  cmake_parse_arguments(B "REPORT" "" "" ${ARGN})
  # (a board without the pin prints the refusal between the lines)
  set(match "blinky: pin [0-9]+ every 100 ms\n(.*\n)?blink 1: LED on\n(.*\n)?blink 6: LED off\n")
  if(B_REPORT)
    string(APPEND match "mote: ram [^\n]*\n")
  endif()
  mote_wasi_led_trace(led_trace 3)
  mote_wasi_example_test(${app} ${target} ${led_trace} MATCH "${match}$")
endfunction()
