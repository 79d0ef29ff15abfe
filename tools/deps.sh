#!/bin/sh
# The Makefile's dependency step: tools/deps.sh build|test|dist|fuzz.
# On Debian/Ubuntu (dpkg-query on PATH) it checks the Debian packages and installs the missing ones when
# run as root, else prints the apt-get line and exits 2. Elsewhere (macOS, other Linux) it prints the
# Homebrew or generic install line, checks the tools and libraries the build cannot do without, and
# goes on (exit 0) when they are there; exit 2 names what is missing.
set -u
what=${1:?usage: deps.sh build|test|dist|fuzz}

case $what in
  build) debs="g++ cmake make pkg-config libyaml-cpp-dev libfmt-dev doctest-dev libcli11-dev nlohmann-json3-dev libfyaml-dev libtomlplusplus-dev libmimalloc-dev libxxhash-dev"
         brew="cmake ninja pkg-config libfyaml yaml-cpp fmt cli11 nlohmann-json doctest tomlplusplus mimalloc xxhash"
         tools="cmake pkg-config"; libs="libfyaml" ;;
  # The tests also drive real clients; npm installs the SARIF validator and the YAML test suite.
  test)  debs="git python3 python3-yaml pre-commit docker-compose npm"
         brew="git python pre-commit docker-compose node"
         tools="git python3"; libs="" ;;
  # make dist: CPack's .deb needs dpkg-shlibdeps (dpkg-dev) and file; the dist tests fetch with curl.
  dist)  debs="dpkg-dev file curl"
         brew="curl"
         tools=""; libs="" ;;
  fuzz)  debs="clang libclang-rt-14-dev"
         brew="llvm"
         tools="clang clang++"; libs="" ;;
  *) echo "deps.sh: unknown set '$what' (build, test, dist or fuzz)" >&2; exit 2 ;;
esac

if command -v dpkg-query > /dev/null 2>&1; then
  missing=""
  for p in $debs; do
    # npm may come from elsewhere (nvm, a tarball): on PATH is enough.
    [ "$p" = npm ] && command -v npm > /dev/null 2>&1 && continue
    dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && exit 0
  if [ "$(id -u)" = 0 ]; then
    echo "installing:$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
    exit $?
  fi
  echo "missing Debian packages; run: sudo apt-get install -y$missing"
  exit 2
fi

# Not Debian: say how to get everything, then check only what the build cannot fetch itself.
if [ "$(uname -s)" = Darwin ]; then
  echo "deps ($what): not a Debian system; with Homebrew: brew install $brew"
else
  echo "deps ($what): not a Debian system (no dpkg-query); install with your package manager: $brew (Homebrew names)"
fi
missing=""
for t in $tools; do
  command -v "$t" > /dev/null 2>&1 || missing="$missing $t"
done
if [ "$what" = build ] && ! command -v c++ > /dev/null 2>&1 && ! command -v g++ > /dev/null 2>&1 \
   && ! command -v clang++ > /dev/null 2>&1; then
  missing="$missing c++-compiler"
fi
for l in $libs; do
  command -v pkg-config > /dev/null 2>&1 && pkg-config --exists "$l" || missing="$missing $l"
done
if [ -n "$missing" ]; then
  echo "deps ($what): missing:$missing"
  exit 2
fi
if [ "$what" = build ]; then
  for l in yaml-cpp fmt; do
    pkg-config --exists "$l" 2> /dev/null \
      || echo "deps (build): $l not found by pkg-config; if CMake does not find it either, it builds the pinned release (needs network, or BOUNDAUDIT_DEPS_DIR)"
  done
fi
echo "deps ($what): the required tools and libraries are present"
exit 0
