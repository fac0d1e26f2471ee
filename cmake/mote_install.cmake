# mote_install.cmake -- what `cmake --install <build dir> --prefix <dir>`
# puts in place, and the CMake package that finds it (docs/getting-started.md,
# "Your own firmware project").  Included by the top-level CMakeLists.txt;
# the rules are made when the whole tree has been read (the tools come
# last).
#
# From the host build:                 From a board build (any number of them):
#   bin/       mote, mote-image,          bin/mote-image (for the build machine)
#              mote-ota                   lib/mote/<board>/  the core, WASI-lite,
#   include/   mote/mote.h, wasi.h,                          the HAL, start-up and
#              hal.h, embed.h;                               interpreter objects
#              mote_host.h                lib/cmake/mote/boards/<board>/
#   lib/       libmote.a, libmote.so,                        their CMake targets
#              libmote_wasi.a,
#              libmote_hal.a (the host board)
#   lib/cmake/mote/   the package (moteConfig.cmake) and the host's targets
# From both, the same files:
#   share/mote/cmake/       mote_add_firmware()    share/mote/toolchain/  per-board toolchain
#   share/mote/wasi-lite/   mote_add_wasi_firmware() and its firmware, the app SDK
#                           (mote_app.cmake, headers, runtime, tools)
#   share/mote/boards/      every board's data (memory map, QEMU line, mote_board.h)
#
# So `find_package(mote COMPONENTS wasi sdk tools)` serves a host program
# that runs apps, and `find_package(mote COMPONENTS firmware sdk)` with
# -DMOTE_BOARD=<board> and the toolchain share/mote/toolchain/mote-board.cmake
# serves a firmware project of one's own.

include_guard(GLOBAL)
include(CMakePackageConfigHelpers)

function(mote_install_rules)
  set(share share/mote)
  get_filename_component(root "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/.." ABSOLUTE)

  # ---- the same files from every build -----------------------------------
  install(FILES "${root}/cmake/mote_firmware.cmake" DESTINATION ${share}/cmake)
  install(FILES "${root}/wasi-lite/mote_wasi_firmware.cmake" DESTINATION ${share}/wasi-lite)
  install(FILES "${root}/wasi-lite/firmware/app_main.c" DESTINATION ${share}/wasi-lite/firmware)
  install(FILES "${root}/wasi-lite/sdk/mote_app.cmake" "${root}/wasi-lite/sdk/mote_rust_app.cmake"
                "${root}/wasi-lite/sdk/README.md"
          DESTINATION ${share}/wasi-lite/sdk)
  install(DIRECTORY "${root}/wasi-lite/sdk/include" "${root}/wasi-lite/sdk/runtime"
                    "${root}/wasi-lite/sdk/tools"
          DESTINATION ${share}/wasi-lite/sdk)
  install(DIRECTORY "${root}/wasi-lite/sdk/rust" DESTINATION ${share}/wasi-lite/sdk)
  install(DIRECTORY "${root}/toolchain/" DESTINATION ${share}/toolchain
          FILES_MATCHING PATTERN "*.cmake")
  install(DIRECTORY "${root}/boards/" DESTINATION ${share}/boards
          FILES_MATCHING PATTERN "*.cmake" PATTERN "*.ld" PATTERN "*.h" PATTERN "*.args")
  install(FILES "${root}/core/include/mote/mote.h" "${root}/wasi-lite/include/mote/wasi.h"
                "${root}/port/include/mote/hal.h" "${root}/port/include/mote/embed.h"
                "${root}/fs/include/mote/fs.h" "${root}/fs/include/mote/fs_hal.h"
          DESTINATION include/mote)

  # The package: one file for every board, which picks the board's targets.
  configure_package_config_file("${root}/cmake/moteConfig.cmake.in"
    "${CMAKE_BINARY_DIR}/moteConfig.cmake" INSTALL_DESTINATION lib/cmake/mote)
  write_basic_package_version_file("${CMAKE_BINARY_DIR}/moteConfigVersion.cmake"
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion
    ARCH_INDEPENDENT)   # one package for the host and 32-bit boards alike
  install(FILES "${CMAKE_BINARY_DIR}/moteConfig.cmake" "${CMAKE_BINARY_DIR}/moteConfigVersion.cmake"
          DESTINATION lib/cmake/mote)

  if(MOTE_BOARD STREQUAL "host")
    # ---- the host: libraries for host programs, the tools ----------------
    install(FILES "${root}/boards/host/mote_host.h" DESTINATION include)
    set(targets mote_core mote_shared mote_wasi mote_fs mote_fs_hal mote_hal mote_interp)
    foreach(tool mote mote-image mote-ota)
      if(TARGET ${tool})
        list(APPEND targets ${tool})
      endif()
    endforeach()
    foreach(pair mote=cli mote-image=image_tool mote-ota=ota_tool)
      string(REPLACE "=" ";" pair "${pair}")
      list(GET pair 0 tool)
      list(GET pair 1 name)
      if(TARGET ${tool})
        set_target_properties(${tool} PROPERTIES EXPORT_NAME ${name})
      endif()
    endforeach()
    install(TARGETS ${targets} EXPORT moteTargets
      ARCHIVE DESTINATION lib LIBRARY DESTINATION lib RUNTIME DESTINATION bin
      OBJECTS DESTINATION lib/mote/host/objects)
    install(EXPORT moteTargets NAMESPACE mote:: DESTINATION lib/cmake/mote)
  else()
    # ---- a board: its libraries, and mote-image for the build machine -----
    set(dir lib/mote/${MOTE_BOARD_NAME})
    set(targets mote_core mote_wasi mote_fs mote_fs_hal mote_hal mote_interp)
    if(TARGET mote_startup)
      list(APPEND targets mote_startup)
    endif()
    install(TARGETS ${targets} EXPORT moteBoardTargets
      ARCHIVE DESTINATION ${dir} OBJECTS DESTINATION ${dir}/objects)
    install(EXPORT moteBoardTargets NAMESPACE mote::
            DESTINATION lib/cmake/mote/boards/${MOTE_BOARD_NAME})
    _mote_host_image_tool(tool)
    add_custom_target(mote-image-for-install ALL DEPENDS mote-image-host)
    install(PROGRAMS "${tool}" DESTINATION bin)
  endif()
endfunction()

cmake_language(DEFER DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" CALL mote_install_rules)
