# check_same.cmake -- one backtrace format: `mote run` (the trap on its
# stderr) and firmware built on WASI-lite (mote_wasi_report, on the
# console) print the very same lines for the same trap.
#   cmake -DCLI=<mote run ... command, |-separated> -DFIRMWARE=<command>
#         -DREGEX=<the backtrace expected> -P check_same.cmake
cmake_policy(VERSION 3.20)
string(REPLACE "|" ";" cli "${CLI}")
string(REPLACE "|" ";" firmware "${FIRMWARE}")
execute_process(COMMAND ${cli} OUTPUT_VARIABLE cli_out ERROR_VARIABLE cli_err
                RESULT_VARIABLE cli_rc TIMEOUT 60)
execute_process(COMMAND ${firmware} OUTPUT_VARIABLE fw_out ERROR_VARIABLE fw_err
                RESULT_VARIABLE fw_rc TIMEOUT 60)
if(NOT cli_rc EQUAL 129 OR NOT fw_rc EQUAL 129)
  message(FATAL_ERROR "statuses ${cli_rc} (mote run) and ${fw_rc} (firmware), expected 129\n"
                      "mote run:\n${cli_err}\nfirmware:\n${fw_out}${fw_err}")
endif()
if(NOT cli_err MATCHES "^${REGEX}$")
  message(FATAL_ERROR "mote run's backtrace is not the expected one:\n${cli_err}")
endif()
if(NOT fw_out STREQUAL cli_err)
  message(FATAL_ERROR "the firmware's backtrace differs from mote run's:\n"
                      "--- mote run\n${cli_err}--- firmware\n${fw_out}")
endif()
message(STATUS "one format:\n${cli_err}")
