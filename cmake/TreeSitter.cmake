# tree-sitter runtime and tree-sitter-python grammar, built from pinned npm source tarballs.
#
# Debian 12's libtree-sitter (0.20.7) cannot load today's grammars (ABI 15), so the runtime and
# the grammar come from one release line, fetched with `npm pack` at configure time, checked
# against pinned SHA-256 sums and cached in the build tree. For offline builds point
# BOUNDAUDIT_NPM_TARBALLS at a folder that holds the two .tgz files.
set(BOUNDAUDIT_TS_VERSION 0.25.1)
set(BOUNDAUDIT_TS_SHA256 07aeba8dd71630e7e72b2d4ca3bd2680c3471824100cc5ebff44e78a6ed0b6d3)
set(BOUNDAUDIT_TSPY_VERSION 0.25.0)
set(BOUNDAUDIT_TSPY_SHA256 63b76b3fa8181fd79eaad4abcdb21e2babcb504dbfc7710a89934fa456d26096)
set(BOUNDAUDIT_NPM_TARBALLS "" CACHE PATH "Folder with tree-sitter-${BOUNDAUDIT_TS_VERSION}.tgz and tree-sitter-python-${BOUNDAUDIT_TSPY_VERSION}.tgz (offline builds)")

set(_ts_cache ${CMAKE_BINARY_DIR}/_deps/npm)
file(MAKE_DIRECTORY ${_ts_cache})

function(_boundaudit_npm_source name version sha256 outvar)
  set(tgz ${_ts_cache}/${name}-${version}.tgz)
  set(dir ${_ts_cache}/${name}-${version})
  if(NOT EXISTS ${tgz} AND BOUNDAUDIT_NPM_TARBALLS)
    if(NOT EXISTS ${BOUNDAUDIT_NPM_TARBALLS}/${name}-${version}.tgz)
      message(FATAL_ERROR "BOUNDAUDIT_NPM_TARBALLS=${BOUNDAUDIT_NPM_TARBALLS} has no ${name}-${version}.tgz")
    endif()
    file(COPY ${BOUNDAUDIT_NPM_TARBALLS}/${name}-${version}.tgz DESTINATION ${_ts_cache})
  endif()
  if(NOT EXISTS ${tgz})
    find_program(NPM_EXECUTABLE npm)
    if(NOT NPM_EXECUTABLE)
      message(FATAL_ERROR "npm is needed to fetch ${name}@${version} (apt-get install npm), "
                          "or set BOUNDAUDIT_NPM_TARBALLS to a folder holding ${name}-${version}.tgz")
    endif()
    message(STATUS "Fetching ${name}@${version} with npm pack")
    execute_process(COMMAND ${NPM_EXECUTABLE} pack --silent ${name}@${version}
                    WORKING_DIRECTORY ${_ts_cache} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT EXISTS ${tgz})
      message(FATAL_ERROR "npm pack ${name}@${version} failed: ${err}")
    endif()
  endif()
  file(SHA256 ${tgz} got)
  if(NOT got STREQUAL sha256)
    file(REMOVE ${tgz})
    message(FATAL_ERROR "${name}-${version}.tgz: SHA-256 ${got}, expected ${sha256}")
  endif()
  if(NOT EXISTS ${dir}/.extracted)
    file(REMOVE_RECURSE ${dir})
    file(ARCHIVE_EXTRACT INPUT ${tgz} DESTINATION ${dir})
    file(TOUCH ${dir}/.extracted)
  endif()
  set(${outvar} ${dir}/package PARENT_SCOPE)
endfunction()

_boundaudit_npm_source(tree-sitter ${BOUNDAUDIT_TS_VERSION} ${BOUNDAUDIT_TS_SHA256} _ts_pkg)
_boundaudit_npm_source(tree-sitter-python ${BOUNDAUDIT_TSPY_VERSION} ${BOUNDAUDIT_TSPY_SHA256} _tspy_pkg)

set(_ts_lib ${_ts_pkg}/vendor/tree-sitter/lib)
add_library(boundaudit_tree_sitter STATIC
  ${_ts_lib}/src/lib.c
  ${_tspy_pkg}/src/parser.c
  ${_tspy_pkg}/src/scanner.c)
set_target_properties(boundaudit_tree_sitter PROPERTIES C_STANDARD 11 OUTPUT_NAME boundaudit_tree_sitter)
target_include_directories(boundaudit_tree_sitter
  PUBLIC $<BUILD_INTERFACE:${_ts_lib}/include>
  PRIVATE ${_ts_lib}/src ${_tspy_pkg}/src)
target_compile_options(boundaudit_tree_sitter PRIVATE -w)
target_compile_definitions(boundaudit_tree_sitter PRIVATE _POSIX_C_SOURCE=200112L _DEFAULT_SOURCE)
