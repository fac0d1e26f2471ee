# head_suite.cmake -- the spec suite at HEAD (Wasm 3.0), included by
# tests/spec/CMakeLists.txt after the pinned 2.0 suite.
#
# Every .wast of wasm-testsuite-3.0 (the root, proposals/*, legacy/) is
# converted at build time by wabt 1.0.41's wast2json (cmake/mote_wabt.cmake,
# built once) and run with every feature on: tests spec3/<path>, their total
# spec3/total.  What cannot pass yet is in expected-failures-3.0.txt, a whole
# script as "<file>:*"; scripts wast2json cannot convert run nothing and say
# so.  The pinned 2.0 suite keeps running with the 3.0 features off.

include(${MOTE_ROOT}/cmake/mote_wabt.cmake)
mote_find_source(MOTE_SPEC_HEAD wasm-testsuite-3.0)
if(MOTE_SPEC_HEAD)
  mote_wast2json_head(MOTE_WAST2JSON_HEAD)
endif()
if(NOT MOTE_SPEC_HEAD OR NOT MOTE_WAST2JSON_HEAD)
  set(why "${MOTE_SPEC_HEAD_MISSING}${MOTE_WAST2JSON_HEAD_MISSING}")
  add_test(NAME spec3/suite-missing COMMAND ${CMAKE_COMMAND} -E env "MESSAGE=${why}"
           sh -c "echo \"$MESSAGE\"; exit 77")
  set_tests_properties(spec3/suite-missing PROPERTIES SKIP_RETURN_CODE 77 LABELS spec)
  return()
endif()

set(_head_json_dir ${CMAKE_CURRENT_BINARY_DIR}/json3)
set(_head_results_dir ${CMAKE_CURRENT_BINARY_DIR}/results3)
set(_head_manifest ${CMAKE_CURRENT_BINARY_DIR}/manifest3.txt)
set(_head_xfail ${CMAKE_CURRENT_SOURCE_DIR}/expected-failures-3.0.txt)
set(_head_convert ${CMAKE_CURRENT_SOURCE_DIR}/convert-head.sh)
file(MAKE_DIRECTORY ${_head_results_dir})

file(GLOB _head_wasts CONFIGURE_DEPENDS RELATIVE ${MOTE_SPEC_HEAD}
     ${MOTE_SPEC_HEAD}/*.wast ${MOTE_SPEC_HEAD}/proposals/*/*.wast ${MOTE_SPEC_HEAD}/legacy/*.wast)
list(SORT _head_wasts)
set(_head_jsons)
set(_head_tests)
set(_head_results)
set(_head_manifest_text "")
foreach(rel IN LISTS _head_wasts)
  string(REGEX REPLACE "\\.wast$" "" key "${rel}")
  get_filename_component(base "${rel}" NAME_WLE)
  set(json ${_head_json_dir}/${key}/${base}.json)
  string(REPLACE "/" "." flat "${key}")
  set(result ${_head_results_dir}/${flat}.txt)
  add_custom_command(OUTPUT ${json}
    COMMAND ${_head_convert} ${MOTE_WAST2JSON_HEAD} ${MOTE_SPEC_HEAD}/${rel} ${json}
    DEPENDS ${MOTE_SPEC_HEAD}/${rel} ${_head_convert}
    COMMENT "wast2json 1.0.41 ${rel}"
    VERBATIM)
  mote_spec_register(spec3/${key} ${rel} ${json} ${result} all ${_head_xfail})
  list(APPEND _head_jsons ${json})
  list(APPEND _head_tests spec3/${key})
  list(APPEND _head_results ${result})
  string(APPEND _head_manifest_text "result ${rel} ${result}\n")
endforeach()

add_custom_target(spec3-json ALL DEPENDS ${_head_jsons})
file(WRITE ${_head_manifest} "${_head_manifest_text}")

add_test(NAME spec3/results-reset COMMAND ${CMAKE_COMMAND} -E rm -f ${_head_results})
set_tests_properties(spec3/results-reset PROPERTIES FIXTURES_SETUP spec_results LABELS spec)
if(MOTE_BOARD STREQUAL "host")
  set(_head_label "total at HEAD")
else()
  set(_head_label "total at HEAD on ${MOTE_BOARD_NAME}")
endif()
add_test(NAME spec3/total COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/summary.sh ${_head_manifest}
         ${_head_label})
set_tests_properties(spec3/total PROPERTIES
  FIXTURES_REQUIRED spec_results DEPENDS "${_head_tests}" LABELS spec)
