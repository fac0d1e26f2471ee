# check_wall_clock.cmake -- `mote run` in real time shows the PC's wall
# clock to the app: the time it prints is the time now, within 5 s.
#   cmake -DMOTE=<mote> -DWASM=<clock app> -P check_wall_clock.cmake
cmake_policy(VERSION 3.20)
string(TIMESTAMP before "%s" UTC)
execute_process(COMMAND "${MOTE}" run "${WASM}" OUTPUT_VARIABLE out RESULT_VARIABLE rc TIMEOUT 30)
string(TIMESTAMP after "%s" UTC)
if(NOT rc EQUAL 0 OR NOT out MATCHES "time: ([0-9]+) \\([^)]*\\), realtime agrees: yes")
  message(FATAL_ERROR "mote run ${WASM}: status ${rc}, output:\n${out}")
endif()
set(time ${CMAKE_MATCH_1})
math(EXPR low "${before} - 5")
math(EXPR high "${after} + 5")
if(time LESS low OR time GREATER high)
  message(FATAL_ERROR "the app's time ${time} is not the PC's (${before}..${after})")
endif()
message(STATUS "the app's wall clock is the PC's: ${time}")
