// What the doc regions of both tools share (report/loop_region.cpp, report/compose_region.cpp):
// code spans, paths shown relative to the doc, and short but unambiguous locations.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace boundaudit::report {

// A markdown code span that survives backticks inside.
std::string code_span(std::string_view text);

// path as seen from the directory base ("" or "."; path unchanged), lexically: "docs" and
// "src/a.py" give "../src/a.py".
std::string relative_to(std::string_view path, std::string_view base);

// For each path, its shortest suffix of whole components that no other path in the list ends with:
// {"a/x/util.py", "b/util.py", "a/y.py"} -> util.py needs "x/util.py" and "b/util.py"; y.py stays.
std::map<std::string, std::string> unique_suffixes(const std::vector<std::string>& paths);

// "1 poll" / "2 polls": count and noun, with the plural given.
std::string counted(std::size_t n, std::string_view one, std::string_view many);

}  // namespace boundaudit::report
