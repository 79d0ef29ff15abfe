# cmake -DOUT_DIR=dist -DVERSION=0.1.0 -P dist_sums.cmake: OUT_DIR/SHA256SUMS for the release files of
# VERSION found there (boundaudit-VERSION-*.tar.gz, boundaudit_VERSION_*.deb), for `sha256sum -c`.
cmake_minimum_required(VERSION 3.25)
file(GLOB files RELATIVE ${OUT_DIR} ${OUT_DIR}/boundaudit-${VERSION}-*.tar.gz ${OUT_DIR}/boundaudit_${VERSION}_*.deb)
list(SORT files)
set(sums "")
foreach(name IN LISTS files)
  file(SHA256 ${OUT_DIR}/${name} sum)
  string(APPEND sums "${sum}  ${name}\n")
endforeach()
file(WRITE ${OUT_DIR}/SHA256SUMS "${sums}")
message(STATUS "wrote ${OUT_DIR}/SHA256SUMS: ${files}")
