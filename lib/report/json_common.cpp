#include "report/json_common.hpp"

namespace boundaudit::report {

nlohmann::json to_json(const Finding& f) {
  std::vector<std::string> notes;
  for (const auto& n : f.notes) notes.push_back(valid_utf8(n));
  return {{"rule", f.code},        {"severity", to_string(f.severity)}, {"path", display_path(f.site.path)},
          {"line", f.site.line},   {"column", f.site.column},           {"end_line", f.site.end_line},
          {"end_column", f.site.end_column}, {"message", valid_utf8(f.message)}, {"notes", notes}};
}

nlohmann::json to_json(const InputError& e) {
  return {{"path", display_path(e.path)}, {"line", e.line ? nlohmann::json(*e.line) : nlohmann::json(nullptr)},
          {"message", valid_utf8(e.message)}};
}

std::string dump(const nlohmann::json& doc) {
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace boundaudit::report
