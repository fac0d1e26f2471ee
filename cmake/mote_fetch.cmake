# mote_fetch.cmake -- the third-party sources the tests need, found or
# fetched at their pinned commits.
#
# Developers' machines have them read-only in ../shared (MOTE_SHARED_DIR);
# a user's clone does not, so the build fetches each one it needs with git
# into the build tree (MOTE_FETCH_DIR) -- once: the presets under build/
# share build/_deps -- and says exactly what is missing, and how to
# provide it, when it cannot (offline).  The list below is the one place
# where each source and its commit are named.
#
#   mote_find_source(<var> <name>)
#       Sets <var> to the source's folder: MOTE_<NAME>_DIR if given, else
#       ${MOTE_SHARED_DIR}/<name> if it exists, else a checkout of
#       MOTE_<NAME>_URL at MOTE_<NAME>_COMMIT in MOTE_FETCH_DIR, fetched
#       now if needed.  When none can be had, <var> is empty and
#       <var>_MISSING holds the message for the user (also printed as a
#       warning).  <NAME> is <name> upper-cased with '-' and '.' as '_'
#       (wabt-1.0.41: MOTE_WABT_1_0_41_DIR).
#
# The URL and commit are cache variables, so a mirror can stand in for
# GitHub (-DMOTE_WASM_TESTSUITE_URL=https://mirror.example/testsuite.git
# or file:///srv/git/testsuite) -- the commit must then be there too.

include_guard(GLOBAL)

# The sources: name|URL|commit (or a release tag)|what.  (A function, not a variable: the
# include guard would hide a variable from the second directory to use it.)
function(_mote_sources out)
  set(${out}
    "wasm-testsuite|https://github.com/WebAssembly/testsuite.git|3a04b2cf93bd8fce277458d419eea8d9c326345c|the WebAssembly 2.0 spec suite (tests/spec)"
    "wasm-testsuite-3.0|https://github.com/WebAssembly/testsuite.git|193e551ff22663995b1ac95dc62344133669e14b|the WebAssembly spec suite at HEAD, Wasm 3.0 (tests/spec)"
    "wabt-1.0.41|https://github.com/WebAssembly/wabt.git|1.0.41|wabt 1.0.41's source, for the wast2json that converts the HEAD suite (tests/spec)"
    PARENT_SCOPE)
endfunction()

get_filename_component(_mote_build_parent "${CMAKE_BINARY_DIR}" DIRECTORY)
if(_mote_build_parent STREQUAL "${MOTE_ROOT}/build")
  set(_mote_fetch_default "${MOTE_ROOT}/build/_deps")     # shared by the presets
else()
  set(_mote_fetch_default "${CMAKE_BINARY_DIR}/_deps")
endif()
set(MOTE_FETCH_DIR "${_mote_fetch_default}" CACHE PATH
    "Where sources missing from MOTE_SHARED_DIR are fetched to")
option(MOTE_FETCH "Fetch sources missing from MOTE_SHARED_DIR with git" ON)

# Runs git with no prompt for credentials (an unreachable host must fail,
# not wait) and a time limit; sets <rc> and <out>.
function(_mote_git rc out)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env GIT_TERMINAL_PROMPT=0 GIT_ASKPASS=
                          "${GIT_EXECUTABLE}" ${ARGN}
                  RESULT_VARIABLE result OUTPUT_VARIABLE text ERROR_VARIABLE text
                  TIMEOUT 900)
  set(${rc} "${result}" PARENT_SCOPE)
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Fetches url at commit into dir (which must not exist); sets <error> to
# git's complaint, or empty.
function(_mote_git_checkout error url commit dir)
  set(tmp "${dir}.partial")
  file(REMOVE_RECURSE "${tmp}")
  file(MAKE_DIRECTORY "${tmp}")
  _mote_git(rc out -C "${tmp}" init -q)
  if(rc EQUAL 0)
    if(NOT commit MATCHES "^[0-9a-f]+$")
      # A release tag: that tag's tree.
      _mote_git(rc out -C "${tmp}" fetch -q --depth 1 "${url}" "refs/tags/${commit}:refs/tags/${commit}")
    else()
      # Only the one commit when the server allows it (GitHub does); else
      # everything, then that commit.
      _mote_git(rc out -C "${tmp}" fetch -q --depth 1 "${url}" "${commit}")
      if(NOT rc EQUAL 0)
        _mote_git(rc out -C "${tmp}" fetch -q "${url}")
      endif()
    endif()
  endif()
  if(rc EQUAL 0)
    _mote_git(rc out -C "${tmp}" -c advice.detachedHead=false checkout -q "${commit}")
  endif()
  if(rc EQUAL 0 AND commit MATCHES "^[0-9a-f]+$")
    _mote_git(rc head -C "${tmp}" rev-parse HEAD)
    string(STRIP "${head}" head)
    if(NOT head STREQUAL commit)
      set(rc 1)
      set(out "checked out ${head}, not ${commit}")
    endif()
  endif()
  if(NOT rc EQUAL 0)
    file(REMOVE_RECURSE "${tmp}")
    string(STRIP "${out}" out)
    string(REGEX REPLACE "\n.*" "" out "${out}")      # git's first line says it
    if(out STREQUAL "")
      set(out "git failed")
    endif()
    set(${error} "${out}" PARENT_SCOPE)
    return()
  endif()
  file(RENAME "${tmp}" "${dir}")
  set(${error} "" PARENT_SCOPE)
endfunction()

function(mote_find_source var name)
  set(entry "")
  _mote_sources(sources)
  foreach(line IN LISTS sources)
    if(line MATCHES "^${name}\\|")
      set(entry "${line}")
    endif()
  endforeach()
  if(NOT entry)
    message(FATAL_ERROR "mote_find_source: no source '${name}' in cmake/mote_fetch.cmake")
  endif()
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 1 default_url)
  list(GET entry 2 default_commit)
  list(GET entry 3 what)
  string(TOUPPER "${name}" key)
  string(REGEX REPLACE "[-.]" "_" key "${key}")   # wabt-1.0.41 -> WABT_1_0_41
  set(MOTE_${key}_DIR "" CACHE PATH "${what}: a checkout to use (empty: find or fetch it)")
  set(MOTE_${key}_URL "${default_url}" CACHE STRING "${what}: the git repository to fetch from")
  set(MOTE_${key}_COMMIT "${default_commit}" CACHE STRING "${what}: the commit tests need")
  set(${var}_MISSING "" PARENT_SCOPE)
  # Once per configure: a second directory asking gets the same answer.
  get_property(known GLOBAL PROPERTY MOTE_SOURCE_${key} SET)
  if(known)
    get_property(dir GLOBAL PROPERTY MOTE_SOURCE_${key})
    get_property(missing GLOBAL PROPERTY MOTE_SOURCE_${key}_MISSING)
    set(${var} "${dir}" PARENT_SCOPE)
    set(${var}_MISSING "${missing}" PARENT_SCOPE)
    return()
  endif()
  _mote_find_source(dir missing "${name}" "${key}" "${default_url}" "${what}")
  set_property(GLOBAL PROPERTY MOTE_SOURCE_${key} "${dir}")
  set_property(GLOBAL PROPERTY MOTE_SOURCE_${key}_MISSING "${missing}")
  set(${var} "${dir}" PARENT_SCOPE)
  set(${var}_MISSING "${missing}" PARENT_SCOPE)
endfunction()

# mote_find_source's search: sets <dir_var> (or empty) and <missing_var>.
function(_mote_find_source dir_var missing_var name key default_url what)
  set(${missing_var} "" PARENT_SCOPE)
  if(MOTE_${key}_DIR)
    if(NOT IS_DIRECTORY "${MOTE_${key}_DIR}")
      message(FATAL_ERROR "MOTE_${key}_DIR=${MOTE_${key}_DIR}: no such folder")
    endif()
    set(${dir_var} "${MOTE_${key}_DIR}" PARENT_SCOPE)
    return()
  endif()
  if(EXISTS "${MOTE_SHARED_DIR}/${name}")
    set(${dir_var} "${MOTE_SHARED_DIR}/${name}" PARENT_SCOPE)
    return()
  endif()
  set(commit "${MOTE_${key}_COMMIT}")
  string(SUBSTRING "${commit}" 0 12 short)
  set(dir "${MOTE_FETCH_DIR}/${name}-${short}")
  if(EXISTS "${dir}/.git")
    set(${dir_var} "${dir}" PARENT_SCOPE)
    return()
  endif()

  set(error "fetching is off (MOTE_FETCH=OFF)")
  if(MOTE_FETCH)
    find_package(Git QUIET)
    if(NOT GIT_FOUND)
      set(error "git is not installed (apt-get install git)")
    else()
      file(MAKE_DIRECTORY "${MOTE_FETCH_DIR}")
      # One fetch at a time, should two builds configure at once.
      file(LOCK "${MOTE_FETCH_DIR}/${name}.lock" GUARD FUNCTION TIMEOUT 1800)
      if(EXISTS "${dir}/.git")
        set(error "")
      else()
        message(STATUS "Fetching ${what}: ${MOTE_${key}_URL} at ${commit}")
        _mote_git_checkout(error "${MOTE_${key}_URL}" "${commit}" "${dir}")
      endif()
    endif()
  endif()
  if(error STREQUAL "")
    message(STATUS "${name}: ${dir}")
    set(${dir_var} "${dir}" PARENT_SCOPE)
    return()
  endif()
  string(CONCAT message "${what} is missing: it is not in ${MOTE_SHARED_DIR}/${name} and could not be "
      "fetched from ${MOTE_${key}_URL} at commit ${commit} (${error}).  To provide it, "
      "do one of: connect to the network and configure again; clone it yourself "
      "(git clone ${default_url} <dir> && git -C <dir> checkout ${commit}) and configure "
      "with -DMOTE_${key}_DIR=<dir>; or point -DMOTE_${key}_URL at a mirror that has "
      "that commit.  Until then the tests that need it are not run.")
  message(WARNING "${message}")
  set(${dir_var} "" PARENT_SCOPE)
  set(${missing_var} "${message}" PARENT_SCOPE)
endfunction()
