// Golden-file check shared by the format tests: tests/golden/<name> pins an output format.
// UPDATE_GOLDEN=1 rewrites the file instead of comparing.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace boundaudit::testing {

inline void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(BOUNDAUDIT_SOURCE_DIR) + "/tests/golden/" + name;
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    MESSAGE("updated " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing golden file " << path << " (run with UPDATE_GOLDEN=1)");
  std::ostringstream expected;
  expected << in.rdbuf();
  CHECK_MESSAGE(actual == expected.str(), "output differs from " << path << " (UPDATE_GOLDEN=1 rewrites it)");
}

}  // namespace boundaudit::testing
