#!/usr/bin/env bash
# Installs the build with `cmake --install` into a scratch prefix, then configures, builds and runs
# tests/consumer (find_package(boundaudit REQUIRED), links boundaudit::core) against it.
# Usage (ctest runs it from the repo root): bash tests/scripts/install_consumer.sh <bin_dir> <build_dir>
set -euo pipefail
bin_dir=${1:?usage: install_consumer.sh <bin_dir> <build_dir>}
build_dir=${2:?usage: install_consumer.sh <bin_dir> <build_dir>}
repo=$(pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/boundaudit-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

echo "== cmake --install $build_dir --prefix $prefix"
cmake --install "$build_dir" --prefix "$prefix" > "$work/install.log"
for f in lib/libboundaudit.a include/boundaudit/compose/model.hpp include/boundaudit/core/rule_docs.hpp \
         lib/cmake/boundaudit/boundauditConfig.cmake bin/composelint bin/loopaudit; do
  if [ ! -e "$prefix/$f" ]; then
    echo "FAIL: the install has no $f"; cat "$work/install.log"; exit 1
  fi
done
# Internal headers (they need tree-sitter or nlohmann/json) stay out of the package.
for f in include/boundaudit/loops/ts.hpp include/boundaudit/loops/model.hpp include/boundaudit/report/json_common.hpp \
         include/boundaudit/report/loop_json_value.hpp include/boundaudit/compose/yaml_tree.hpp; do
  if [ -e "$prefix/$f" ]; then
    echo "FAIL: the install has the internal header $f"; exit 1
  fi
done
echo "installed: $(find "$prefix" -type f | wc -l) files, $(find "$prefix/include" -name '*.hpp' | wc -l) headers"

generator=()
command -v ninja > /dev/null && generator=(-G Ninja)
echo "== configure and build tests/consumer against the installed package (and each installed header alone)"
cmake -S "$repo/tests/consumer" -B "$work/build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$prefix" > "$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

echo "== run the consumer"
"$work/build/consumer"
echo "== the installed CLIs run"
"$prefix/bin/composelint" --help > /dev/null
"$prefix/bin/loopaudit" --help > /dev/null
echo "PASS: install_consumer"
