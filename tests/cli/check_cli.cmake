# check_cli.cmake -- runs one `mote` command and checks what it did.
#
#   cmake -DCOMMAND=<prog|arg|arg...>     words separated by '|'
#         [-DSTDIN=<file>]                default /dev/null
#         [-DSTATUS=<n>]                  default 0
#         [-DSTDOUT=<expected file>]      compared byte for byte
#         [-DMATCH=<regex>]               stdout must match
#         [-DERROR_MATCH=<regex>]         stderr must match
#         [-DONE_LINE_ERROR=1]            stderr must be exactly one line
#         [-DOUTPUT=<file> -DEXPECTED=<file>]   a file the command writes
#                                               (a VCD trace), compared
#         [-DDECODE=<python|tools/mote-msg>]    ERROR_MATCH sees stderr with
#                                               the text of each message code
#                                               (a core without messages)
#         -P check_cli.cmake
#
# A crash (a signal, a sanitizer report) fails whatever the status: the
# statuses mote uses stay below 128 except 128 + a trap kind.

cmake_policy(VERSION 3.20)

string(REPLACE "|" ";" command "${COMMAND}")
if(NOT DEFINED STDIN)
  set(STDIN /dev/null)
endif()
if(NOT DEFINED STATUS)
  set(STATUS 0)
endif()
if(DEFINED OUTPUT)
  file(REMOVE "${OUTPUT}")
endif()
execute_process(COMMAND ${command}
  INPUT_FILE "${STDIN}"
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE rc
  TIMEOUT 60)

set(failed "")
if(NOT rc STREQUAL STATUS)
  string(APPEND failed "exit status ${rc}, expected ${STATUS}\n")
endif()
if(err MATCHES "AddressSanitizer|UndefinedBehaviorSanitizer|runtime error:|LeakSanitizer")
  string(APPEND failed "a sanitizer reported a problem\n")
endif()
if(DEFINED STDOUT)
  file(READ "${STDOUT}" expected)
  if(NOT out STREQUAL expected)
    string(APPEND failed "stdout differs from ${STDOUT}:\n--- expected\n${expected}--- actual\n${out}---\n")
  endif()
endif()
if(DEFINED MATCH AND NOT out MATCHES "${MATCH}")
  string(APPEND failed "stdout does not match ${MATCH}\n")
endif()
# Codes ("@c38") get their text from the source tree: "@c38 [type mismatch...]".
set(err_matched "${err}")
if(DEFINED DECODE AND err MATCHES "@[a-z]+[0-9]+")
  string(REPLACE "|" ";" decode "${DECODE}")
  string(RANDOM LENGTH 8 tag)
  set(err_file "${CMAKE_CURRENT_BINARY_DIR}/check_cli-${tag}.err")
  file(WRITE "${err_file}" "${err}")
  execute_process(COMMAND ${decode} INPUT_FILE "${err_file}" OUTPUT_VARIABLE err_matched
                  RESULT_VARIABLE decode_rc TIMEOUT 60)
  file(REMOVE "${err_file}")
  if(NOT decode_rc EQUAL 0)
    string(APPEND failed "${DECODE} failed (${decode_rc})\n")
  endif()
endif()
if(DEFINED ERROR_MATCH AND NOT err_matched MATCHES "${ERROR_MATCH}")
  string(APPEND failed "stderr does not match ${ERROR_MATCH}\n")
  if(NOT err_matched STREQUAL err)
    string(APPEND failed "stderr with the codes' text:\n${err_matched}")
  endif()
endif()
if(ONE_LINE_ERROR AND NOT err MATCHES "^mote[^\n]*\n$")
  string(APPEND failed "stderr is not one line starting with \"mote\"\n")
endif()
if(DEFINED OUTPUT)
  if(NOT EXISTS "${OUTPUT}")
    string(APPEND failed "${OUTPUT} was not written\n")
  else()
    file(READ "${OUTPUT}" actual_file)
    file(READ "${EXPECTED}" expected_file)
    if(NOT actual_file STREQUAL expected_file)
      string(APPEND failed "${OUTPUT} differs from ${EXPECTED}:\n--- expected\n${expected_file}--- actual\n${actual_file}---\n")
    endif()
  endif()
endif()
if(failed)
  message(FATAL_ERROR "${command}\n${failed}stdout:\n${out}\nstderr:\n${err}")
endif()
