#include "core/version.hpp"

// BOUNDAUDIT_PROJECT_VERSION is set on this one file by CMakeLists.txt from project(VERSION).
namespace boundaudit {

std::string_view version() { return BOUNDAUDIT_PROJECT_VERSION; }

}  // namespace boundaudit
