# Release artefacts, named from project(VERSION): `cmake --build B --target dist` (make dist, in a
# BOUNDAUDIT_STATIC build) writes into BOUNDAUDIT_DIST_DIR
#   boundaudit-<version>-<os>-<arch>.tar.gz   one folder: the two CLIs, README.md, LICENSE,
#                                             CHANGELOG.md and their SHA256SUMS (cmake/dist_archive.cmake)
#   boundaudit_<version>_<debarch>.deb        CPack: /usr/bin/{composelint,loopaudit}, the rule docs
#                                             in /usr/share/doc/boundaudit/rules/ (Linux with dpkg only)
#   SHA256SUMS                                of the two files above
set(BOUNDAUDIT_DIST_DIR ${PROJECT_SOURCE_DIR}/dist CACHE PATH "Where `dist` writes the release archive and the .deb")

string(TOLOWER "${CMAKE_SYSTEM_NAME}" _dist_os)
set(_dist_arch ${CMAKE_SYSTEM_PROCESSOR})
if(_dist_arch STREQUAL "amd64" OR _dist_arch STREQUAL "AMD64")
  set(_dist_arch x86_64)
endif()
set(BOUNDAUDIT_DIST_NAME boundaudit-${PROJECT_VERSION}-${_dist_os}-${_dist_arch})

set(CPACK_PACKAGE_NAME boundaudit)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "boundaudit")
set(CPACK_PACKAGE_CONTACT "boundaudit maintainers <boundaudit@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "bound checks: compose memory limits (composelint) and Python loops, fan-outs and spawns (loopaudit)")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_OUTPUT_FILE_PREFIX ${BOUNDAUDIT_DIST_DIR})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "composelint checks that every Docker Compose service has a real memory limit, judged on the\nresolved configuration; loopaudit inventories the while loops, asyncio fan-outs and process\nspawns of a Python tree with what bounds each one and flags the unbounded ones.")
# The dependencies come from the binaries (dpkg-shlibdeps): libc6 only in a BOUNDAUDIT_STATIC build.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_GENERATOR DEB)
set(CPACK_SOURCE_GENERATOR "")
include(CPack)

if(BOUNDAUDIT_BUILD_CLIS)
  find_program(BOUNDAUDIT_DPKG_DEB dpkg-deb)
  set(_dist_deb_step "")
  if(BOUNDAUDIT_DPKG_DEB AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
    set(_dist_deb_step COMMAND ${CMAKE_CPACK_COMMAND} -G DEB --config ${CMAKE_BINARY_DIR}/CPackConfig.cmake)
  endif()
  add_custom_target(dist
    COMMAND ${CMAKE_COMMAND} -E make_directory ${BOUNDAUDIT_DIST_DIR}
    COMMAND ${CMAKE_COMMAND} -DNAME=${BOUNDAUDIT_DIST_NAME} -DOUT_DIR=${BOUNDAUDIT_DIST_DIR}
            -DWORK_DIR=${CMAKE_BINARY_DIR}/dist-stage -DSTRIP=${CMAKE_STRIP}
            "-DBINARIES=$<TARGET_FILE:composelint>;$<TARGET_FILE:loopaudit>"
            "-DDOCS=${PROJECT_SOURCE_DIR}/README.md;${PROJECT_SOURCE_DIR}/LICENSE;${PROJECT_SOURCE_DIR}/CHANGELOG.md"
            -P ${PROJECT_SOURCE_DIR}/cmake/dist_archive.cmake
    ${_dist_deb_step}
    COMMAND ${CMAKE_COMMAND} -DOUT_DIR=${BOUNDAUDIT_DIST_DIR} -DVERSION=${PROJECT_VERSION}
            -P ${PROJECT_SOURCE_DIR}/cmake/dist_sums.cmake
    DEPENDS composelint loopaudit
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
    COMMENT "Packing ${BOUNDAUDIT_DIST_NAME}.tar.gz and the .deb into ${BOUNDAUDIT_DIST_DIR}"
    VERBATIM)
  if(NOT BOUNDAUDIT_STATIC)
    message(STATUS "dist: this build links yaml-cpp, fmt and libstdc++ shared; release archives come from -DBOUNDAUDIT_STATIC=ON (make dist)")
  endif()
endif()
