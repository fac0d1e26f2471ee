# The portable spec runner (standard C only), shared by the host's mote-spec
# and by board firmware that runs the suite under QEMU through semihosting.
# A board build adds these plus board_main.c and links mote_core.
set(MOTE_SPEC_RUNNER_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/action.c
  ${CMAKE_CURRENT_LIST_DIR}/arenas.c
  ${CMAKE_CURRENT_LIST_DIR}/assert_module.c
  ${CMAKE_CURRENT_LIST_DIR}/commands.c
  ${CMAKE_CURRENT_LIST_DIR}/file.c
  ${CMAKE_CURRENT_LIST_DIR}/json.c
  ${CMAKE_CURRENT_LIST_DIR}/link.c
  ${CMAKE_CURRENT_LIST_DIR}/modules.c
  ${CMAKE_CURRENT_LIST_DIR}/msg.c
  ${CMAKE_CURRENT_LIST_DIR}/nan.c
  ${CMAKE_CURRENT_LIST_DIR}/options.c
  ${CMAKE_CURRENT_LIST_DIR}/outcome.c
  ${CMAKE_CURRENT_LIST_DIR}/peek.c
  ${CMAKE_CURRENT_LIST_DIR}/region_heap.c
  ${CMAKE_CURRENT_LIST_DIR}/registry.c
  ${CMAKE_CURRENT_LIST_DIR}/script.c
  ${CMAKE_CURRENT_LIST_DIR}/spectest.c
  ${CMAKE_CURRENT_LIST_DIR}/summary.c
  ${CMAKE_CURRENT_LIST_DIR}/trap_text.c
  ${CMAKE_CURRENT_LIST_DIR}/value.c
  ${CMAKE_CURRENT_LIST_DIR}/xfail.c
)
