# Third-party dependencies: the installed packages first (find_package), else pinned release tarballs
# checked against their SHA-256 (FetchContent). The fallback downloads from GitHub, so it needs the
# network, unless BOUNDAUDIT_DEPS_DIR names a folder that already holds the tarballs (file names below).
#
#   yaml-cpp   0.8.0   yaml-cpp-0.8.0.tar.gz    (Debian 12: libyaml-cpp-dev 0.7.0; Homebrew: yaml-cpp)
#   fmt        9.1.0   fmt-9.1.0.zip            (libfmt-dev; fmt)
#   nlohmann   3.11.2  json-3.11.2.tar.xz       (nlohmann-json3-dev; nlohmann-json)
#   CLI11      2.3.2   CLI11-2.3.2.tar.gz       (libcli11-dev; cli11)
#   doctest    2.4.9   doctest-2.4.9.tar.gz     (doctest-dev; doctest), tests only
#
# libfyaml has no fallback: it comes from pkg-config (libfyaml-dev; Homebrew libfyaml); nor has toml++
# (libtomlplusplus-dev; Homebrew tomlplusplus), used header-only by the CLIs.
include(FetchContent)

set(BOUNDAUDIT_DEPS_DIR "" CACHE PATH
    "Folder of pre-downloaded dependency tarballs (tree-sitter, tree-sitter-python, and any FetchContent fallback): a fully offline build")
# The old name of the same folder (it held only the npm tarballs); still honoured.
set(BOUNDAUDIT_NPM_TARBALLS "" CACHE PATH "Old name of BOUNDAUDIT_DEPS_DIR")
if(NOT BOUNDAUDIT_DEPS_DIR AND BOUNDAUDIT_NPM_TARBALLS)
  set(BOUNDAUDIT_DEPS_DIR ${BOUNDAUDIT_NPM_TARBALLS})
endif()

# boundaudit_dep_url(FILE URL OUTVAR): where to get FILE: BOUNDAUDIT_DEPS_DIR/FILE when that folder is
# set (it must hold the file: an offline build never falls back to the network), else URL.
function(boundaudit_dep_url file url outvar)
  if(BOUNDAUDIT_DEPS_DIR)
    if(NOT EXISTS ${BOUNDAUDIT_DEPS_DIR}/${file})
      message(FATAL_ERROR "BOUNDAUDIT_DEPS_DIR=${BOUNDAUDIT_DEPS_DIR} has no ${file} (download it from ${url})")
    endif()
    set(${outvar} ${BOUNDAUDIT_DEPS_DIR}/${file} PARENT_SCOPE)
  else()
    set(${outvar} ${url} PARENT_SCOPE)
  endif()
endfunction()

# boundaudit_fetch_dep(NAME FILE URL SHA256): FetchContent of one pinned tarball, made available.
macro(boundaudit_fetch_dep name file url sha256)
  boundaudit_dep_url(${file} ${url} _boundaudit_url)
  message(STATUS "${name}: no installed package found; building it from ${_boundaudit_url}")
  FetchContent_Declare(${name} URL ${_boundaudit_url} URL_HASH SHA256=${sha256} DOWNLOAD_EXTRACT_TIMESTAMP TRUE)
  FetchContent_MakeAvailable(${name})
endmacro()

find_package(yaml-cpp QUIET)
if(NOT yaml-cpp_FOUND)
  set(YAML_CPP_BUILD_TESTS OFF CACHE BOOL "" FORCE)
  set(YAML_CPP_BUILD_TOOLS OFF CACHE BOOL "" FORCE)
  set(YAML_CPP_BUILD_CONTRIB OFF CACHE BOOL "" FORCE)
  set(YAML_BUILD_SHARED_LIBS OFF CACHE BOOL "" FORCE)
  set(YAML_CPP_INSTALL ON CACHE BOOL "" FORCE)  # boundaudit::core's export refers to it
  boundaudit_fetch_dep(yaml-cpp yaml-cpp-0.8.0.tar.gz
    https://github.com/jbeder/yaml-cpp/archive/refs/tags/0.8.0.tar.gz
    fbe74bbdcee21d656715688706da3c8becfd946d92cd44705cc6098bb23b3a16)
endif()

find_package(fmt QUIET)
if(NOT fmt_FOUND)
  set(FMT_INSTALL ON CACHE BOOL "" FORCE)
  boundaudit_fetch_dep(fmt fmt-9.1.0.zip
    https://github.com/fmtlib/fmt/releases/download/9.1.0/fmt-9.1.0.zip
    cceb4cb9366e18a5742128cb3524ce5f50e88b476f1e54737a47ffdf4df4c996)
endif()

find_package(nlohmann_json 3 QUIET)
if(NOT nlohmann_json_FOUND)
  set(JSON_Install ON CACHE BOOL "" FORCE)
  boundaudit_fetch_dep(nlohmann_json json-3.11.2.tar.xz
    https://github.com/nlohmann/json/releases/download/v3.11.2/json.tar.xz
    8c4b26bf4b422252e13f332bc5e388ec0ab5c3443d24399acb675e68278d341f)
endif()

if(BOUNDAUDIT_BUILD_CLIS)
  find_package(CLI11 QUIET)
  if(NOT CLI11_FOUND)
    boundaudit_fetch_dep(CLI11 CLI11-2.3.2.tar.gz
      https://github.com/CLIUtils/CLI11/archive/refs/tags/v2.3.2.tar.gz
      aac0ab42108131ac5d3344a9db0fdf25c4db652296641955720a4fbe52334e22)
  endif()
endif()

# toml++ reads the configuration files (lib/cli/config_file.cpp). It is used header-only, so only its
# include directory matters (Debian's package also ships a shared library, which is not linked). Like
# libfyaml it has no fallback tarball: it comes from the system (libtomlplusplus-dev; tomlplusplus).
if(BOUNDAUDIT_BUILD_CLIS)
  find_path(BOUNDAUDIT_TOMLPP_INCLUDE_DIR toml++/toml.h)
  if(NOT BOUNDAUDIT_TOMLPP_INCLUDE_DIR)
    message(FATAL_ERROR "toml++ not found (toml++/toml.h): install libtomlplusplus-dev (Debian) or tomlplusplus "
                        "(Homebrew), or pass -DBOUNDAUDIT_TOMLPP_INCLUDE_DIR=<its include folder>")
  endif()
endif()

# xxHash hashes loopaudit's content cache keys (lib/loops/cache.cpp), used header-only
# (XXH_INLINE_ALL): only its header matters. From the system: libxxhash-dev (Debian), xxhash (Homebrew).
find_path(BOUNDAUDIT_XXHASH_INCLUDE_DIR xxhash.h)
if(NOT BOUNDAUDIT_XXHASH_INCLUDE_DIR)
  message(FATAL_ERROR "xxHash not found (xxhash.h): install libxxhash-dev (Debian) or xxhash (Homebrew), "
                      "or pass -DBOUNDAUDIT_XXHASH_INCLUDE_DIR=<its include folder>")
endif()

if(BOUNDAUDIT_BUILD_TESTS)
  find_package(doctest QUIET)
  if(NOT doctest_FOUND)
    set(DOCTEST_NO_INSTALL ON CACHE BOOL "" FORCE)
    boundaudit_fetch_dep(doctest doctest-2.4.9.tar.gz
      https://github.com/doctest/doctest/archive/v2.4.9.tar.gz
      19b2df757f2f3703a5e63cee553d85596875f06d91a3333acd80a969ef210856)
  endif()
endif()

# Source encodings (iconv: in glibc, libiconv on macOS) and the worker threads.
find_package(Iconv REQUIRED)
find_package(Threads REQUIRED)

# libfyaml is the strict YAML syntax gate in front of yaml-cpp (lib/compose/yaml_syntax.cpp).
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBFYAML REQUIRED IMPORTED_TARGET libfyaml)

# What boundaudit_core links: the packages' own targets, or with BOUNDAUDIT_STATIC their static
# archives (Debian ships libyaml-cpp.a and libfyaml.a; fmt is used header-only, as libfmt-dev has no
# libfmt.a), plus the C++ runtime linked in, so that only glibc stays shared.
set(BOUNDAUDIT_YAML_CPP yaml-cpp)
set(BOUNDAUDIT_FMT fmt::fmt)
set(BOUNDAUDIT_LIBFYAML PkgConfig::LIBFYAML)
set(BOUNDAUDIT_STATIC_LINK_OPTIONS "")
if(BOUNDAUDIT_STATIC)
  get_target_property(_yaml_type yaml-cpp TYPE)
  if(_yaml_type STREQUAL "SHARED_LIBRARY")
    get_target_property(_yaml_includes yaml-cpp INTERFACE_INCLUDE_DIRECTORIES)
    find_library(BOUNDAUDIT_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a REQUIRED)
    add_library(boundaudit_yaml_cpp_static STATIC IMPORTED)
    set_target_properties(boundaudit_yaml_cpp_static PROPERTIES IMPORTED_LOCATION ${BOUNDAUDIT_YAML_CPP_ARCHIVE})
    if(_yaml_includes)
      set_target_properties(boundaudit_yaml_cpp_static PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_yaml_includes}")
    endif()
    set(BOUNDAUDIT_YAML_CPP boundaudit_yaml_cpp_static)
  endif()
  if(TARGET fmt::fmt-header-only)
    set(BOUNDAUDIT_FMT fmt::fmt-header-only)
  endif()
  find_library(BOUNDAUDIT_LIBFYAML_ARCHIVE NAMES libfyaml.a HINTS ${LIBFYAML_LIBRARY_DIRS} REQUIRED)
  add_library(boundaudit_libfyaml_static STATIC IMPORTED)
  set_target_properties(boundaudit_libfyaml_static PROPERTIES IMPORTED_LOCATION ${BOUNDAUDIT_LIBFYAML_ARCHIVE}
                        INTERFACE_INCLUDE_DIRECTORIES "${LIBFYAML_INCLUDE_DIRS}")
  set(BOUNDAUDIT_LIBFYAML boundaudit_libfyaml_static)
  if(NOT APPLE)
    set(BOUNDAUDIT_STATIC_LINK_OPTIONS -static-libstdc++ -static-libgcc)
  endif()
endif()
