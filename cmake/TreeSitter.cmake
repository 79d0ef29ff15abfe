# tree-sitter runtime and tree-sitter-python grammar, built from pinned npm source tarballs.
#
# Debian 12's libtree-sitter (0.20.7) cannot load today's grammars (ABI 15), so the runtime and
# the grammar come from one release line: the two tarballs are downloaded by CMake from the npm
# registry (no npm needed), checked against pinned SHA-256 sums and cached in <build>/_deps/npm.
# Offline: -DBOUNDAUDIT_DEPS_DIR=DIR, a folder holding tree-sitter-0.25.1.tgz and
# tree-sitter-python-0.25.0.tgz (cmake/Deps.cmake).
set(BOUNDAUDIT_TS_VERSION 0.25.1)
set(BOUNDAUDIT_TS_SHA256 07aeba8dd71630e7e72b2d4ca3bd2680c3471824100cc5ebff44e78a6ed0b6d3)
set(BOUNDAUDIT_TSPY_VERSION 0.25.0)
set(BOUNDAUDIT_TSPY_SHA256 63b76b3fa8181fd79eaad4abcdb21e2babcb504dbfc7710a89934fa456d26096)

set(_ts_cache ${CMAKE_BINARY_DIR}/_deps/npm)
file(MAKE_DIRECTORY ${_ts_cache})

function(_boundaudit_npm_source name version sha256 outvar)
  set(file ${name}-${version}.tgz)
  set(tgz ${_ts_cache}/${file})
  set(dir ${_ts_cache}/${name}-${version})
  if(EXISTS ${tgz})
    file(SHA256 ${tgz} got)
    if(NOT got STREQUAL sha256)
      file(REMOVE ${tgz})
    endif()
  endif()
  if(NOT EXISTS ${tgz})
    boundaudit_dep_url(${file} https://registry.npmjs.org/${name}/-/${file} url)
    if(BOUNDAUDIT_DEPS_DIR)
      file(COPY_FILE ${url} ${tgz}.part)
    else()
      message(STATUS "Downloading ${url}")
      file(DOWNLOAD ${url} ${tgz}.part STATUS status TLS_VERIFY ON)
      list(GET status 0 rc)
      if(NOT rc EQUAL 0)
        file(REMOVE ${tgz}.part)
        list(GET status 1 why)
        message(FATAL_ERROR "downloading ${url} failed: ${why}; offline, set BOUNDAUDIT_DEPS_DIR to a folder holding ${file}")
      endif()
    endif()
    file(SHA256 ${tgz}.part got)
    if(NOT got STREQUAL sha256)
      file(REMOVE ${tgz}.part)
      message(FATAL_ERROR "${url}: SHA-256 ${got}, expected ${sha256}")
    endif()
    file(RENAME ${tgz}.part ${tgz})
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
