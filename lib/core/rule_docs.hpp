// Rule docs from rules/*/*.md, compiled into the library (see cmake/EmbedDocs.cmake).
#pragma once

#include <optional>
#include <string_view>

namespace boundaudit {

// The markdown doc of a rule code ("CL001", "LA101"), or nothing for an unknown code.
std::optional<std::string_view> rule_doc(std::string_view code);

}  // namespace boundaudit
