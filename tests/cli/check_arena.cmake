# check_arena.cmake -- `mote inspect` tells the arena an app needs; an
# arena of exactly that size must load, instantiate and run the app, and
# the run's real use (the arena's peak) must be at most that and within
# MARGIN bytes of it.
#
#   cmake -DMOTE=<mote> -DWASM=<app.wasm> [-DARGS=<a|b|...>] [-DOPTIONS=<run options|...>]
#         [-DSTACKS=<--stack|8K|--call-stack|2K>] [-DSTDIN=<file>] [-DSTATUS=<n>]
#         -DMARGIN=<bytes> -P check_arena.cmake

cmake_policy(VERSION 3.20)

string(REPLACE "|" ";" args "${ARGS}")
string(REPLACE "|" ";" options "${OPTIONS}")
string(REPLACE "|" ";" stacks "${STACKS}")
if(NOT DEFINED STDIN)
  set(STDIN /dev/null)
endif()
if(NOT DEFINED STATUS)
  set(STATUS 0)
endif()

execute_process(COMMAND "${MOTE}" inspect ${stacks} "${WASM}"
  OUTPUT_VARIABLE inspect RESULT_VARIABLE rc TIMEOUT 60)
if(NOT rc EQUAL 0 OR NOT inspect MATCHES "\narena: ([0-9]+) bytes for mote run")
  message(FATAL_ERROR "mote inspect failed (${rc}):\n${inspect}")
endif()
set(need ${CMAKE_MATCH_1})

execute_process(COMMAND "${MOTE}" run --virtual-time --stats --arena ${need} ${stacks} ${options}
                        "${WASM}" ${args}
  INPUT_FILE "${STDIN}" OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 60)
if(NOT rc STREQUAL STATUS OR NOT err MATCHES "arena peak ([0-9]+) of ([0-9]+) bytes")
  message(FATAL_ERROR "a run in an arena of ${need} bytes (what mote inspect said) failed: "
                      "status ${rc}, expected ${STATUS}\nstdout:\n${out}\nstderr:\n${err}")
endif()
set(peak ${CMAKE_MATCH_1})
math(EXPR spare "${need} - ${peak}")
if(peak GREATER need OR spare GREATER MARGIN)
  message(FATAL_ERROR "mote inspect said ${need} bytes; the run used ${peak} "
                      "(${spare} spare, the margin is ${MARGIN})")
endif()
message(STATUS "inspect: ${need} bytes; the run's peak: ${peak} (${spare} to spare)")
