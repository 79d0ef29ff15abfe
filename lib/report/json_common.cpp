#include "report/json_common.hpp"

namespace boundaudit::report {

nlohmann::json to_json(const Finding& f) {
  return {{"rule", f.code},        {"severity", to_string(f.severity)}, {"path", f.site.path},
          {"line", f.site.line},   {"column", f.site.column},           {"end_line", f.site.end_line},
          {"end_column", f.site.end_column}, {"message", f.message},    {"notes", f.notes}};
}

nlohmann::json to_json(const InputError& e) {
  return {{"path", e.path}, {"line", e.line ? nlohmann::json(*e.line) : nlohmann::json(nullptr)},
          {"message", e.message}};
}

}  // namespace boundaudit::report
