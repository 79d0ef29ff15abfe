// The boundaudit version: one number, CMake's project(VERSION), shown by --version and written into
// the JSON and SARIF tool blocks and the release archive names.
#pragma once

#include <string_view>

namespace boundaudit {

// "0.1.0": compiled into the library (lib/core/version.cpp), not a macro in the consumer's build.
std::string_view version();

}  // namespace boundaudit
