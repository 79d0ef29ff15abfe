#include "compose/doc_scope.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "compose/memory.hpp"

namespace boundaudit::compose {

std::variant<RegionScope, InputError> region_scope(const std::string& doc_path, const DocRegion& region) {
  namespace fs = std::filesystem;
  auto error = [&](std::string message) { return InputError{doc_path, region.begin_line, std::move(message)}; };
  RegionScope scope;
  const auto* files = region.attribute("files");
  if (!files || split_words(*files).empty())
    return error("a composelint region needs files=\"...\": the compose files of the project, e.g. "
                 "<!-- composelint:begin files=\"compose.yaml\" -->");
  const auto dir = fs::path(doc_path).parent_path();
  for (const auto& f : split_words(*files)) {
    auto p = fs::path(f).is_absolute() || dir.empty() ? fs::path(f) : dir / f;
    scope.files.push_back(p.lexically_normal().generic_string());
  }
  if (const auto* profiles = region.attribute("profiles")) scope.profiles = split_words(*profiles);
  if (const auto* budget = region.attribute("budget")) {
    auto spec = parse_budget_spec(*budget);
    if (auto* why = std::get_if<std::string>(&spec)) return error(fmt::format("budget=\"{}\": {}", *budget, *why));
    scope.budget = std::get<BudgetSpec>(spec);
  }
  if (const auto* headroom = region.attribute("headroom")) {
    if (!scope.budget) return error(fmt::format("headroom=\"{}\" needs a budget=\"...\"", *headroom));
    auto bytes = parse_headroom(*headroom);
    if (auto* why = std::get_if<std::string>(&bytes)) return error(fmt::format("headroom=\"{}\": {}", *headroom, *why));
    scope.headroom = std::get<std::int64_t>(bytes);
  }
  if (const auto* lines = region.attribute("lines")) {
    if (*lines != "yes" && *lines != "no") return error(fmt::format("lines=\"{}\": write yes or no", *lines));
    scope.lines = *lines == "yes";
  }
  return scope;
}

}  // namespace boundaudit::compose
