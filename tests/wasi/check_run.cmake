# check_run.cmake -- runs one command and checks what it did.
#
#   cmake -DCOMMAND=<prog|arg|arg...> [-DSTDIN=<file>] [-DSTATUS=<n>]
#         [-DSTDOUT=<expected file>] [-DSTDERR=<expected file>]
#         [-DMATCH=<regex the stdout must match>]
#         [-DERROR_MATCH=<regex the stderr must match>]
#         [-DTRACE_REGEX=<regex> -DTRACE_COUNT=<n>]   (stderr matches exactly n times)
#         [-DTIMEOUT=<seconds>]                       (default 60: a hang fails)
#         -P check_run.cmake
#
# COMMAND separates its words with '|' (a CMake list would be split by
# add_test).  Without STATUS the command must exit 0.  Expected files are
# compared byte for byte; on a difference both texts are printed.

cmake_policy(VERSION 3.20)

if(NOT COMMAND)
  message(FATAL_ERROR "check_run.cmake: no COMMAND")
endif()
string(REPLACE "|" ";" command "${COMMAND}")
if(NOT DEFINED STDIN)
  set(STDIN /dev/null)
endif()
if(NOT DEFINED STATUS)
  set(STATUS 0)
endif()
if(NOT DEFINED TIMEOUT)
  set(TIMEOUT 60)
endif()
execute_process(COMMAND ${command}
  INPUT_FILE "${STDIN}"
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE rc
  TIMEOUT ${TIMEOUT})

set(failed "")
if(NOT rc STREQUAL STATUS)
  string(APPEND failed "exit status ${rc}, expected ${STATUS}\n")
endif()
foreach(stream STDOUT STDERR)
  if(DEFINED ${stream})
    file(READ "${${stream}}" expected)
    if(stream STREQUAL "STDOUT")
      set(actual "${out}")
    else()
      set(actual "${err}")
    endif()
    if(NOT actual STREQUAL expected)
      string(APPEND failed "${stream} differs from ${${stream}}:\n--- expected\n${expected}--- actual\n${actual}---\n")
    endif()
  endif()
endforeach()
if(DEFINED MATCH AND NOT out MATCHES "${MATCH}")
  string(APPEND failed "stdout does not match ${MATCH}\n")
endif()
if(DEFINED ERROR_MATCH AND NOT err MATCHES "${ERROR_MATCH}")
  string(APPEND failed "stderr does not match ${ERROR_MATCH}\n")
endif()
if(DEFINED TRACE_REGEX)
  string(REGEX MATCHALL "${TRACE_REGEX}" hits "${err}")
  list(LENGTH hits count)
  if(NOT count EQUAL TRACE_COUNT)
    string(APPEND failed "stderr matches ${TRACE_REGEX} ${count} times, expected ${TRACE_COUNT}\n")
  endif()
endif()
if(failed)
  message(FATAL_ERROR "${command}\n${failed}stdout:\n${out}\nstderr:\n${err}")
endif()
