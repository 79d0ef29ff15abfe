// An in-memory FileReader for compose loader tests: path -> text, nothing touches the disk.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "compose/model.hpp"

namespace boundaudit::compose::testing {

inline FileReader memory_reader(std::map<std::string, std::string> files) {
  return [files = std::move(files)](const std::string& path) -> ReadResult {
    auto it = files.find(path);
    if (it == files.end()) return {{}, InputError{path, std::nullopt, "no such file"}};
    return {Source{path, it->second}, {}};
  };
}

// Loads `order` (the -f files) from `files`.
inline Project load(std::map<std::string, std::string> files, std::vector<std::string> order,
                    std::map<std::string, std::string> environment = {}, std::vector<std::string> profiles = {}) {
  LoadOptions o;
  o.files = std::move(order);
  o.environment = std::move(environment);
  o.profiles = std::move(profiles);
  o.read = memory_reader(std::move(files));
  return load_project(o);
}

inline Project load_one(const std::string& text, std::map<std::string, std::string> environment = {}) {
  return load({{"compose.yaml", text}}, {"compose.yaml"}, std::move(environment));
}

inline const Service* find(const Project& p, const std::string& name) {
  for (const auto& s : p.services)
    if (s.name == name) return &s;
  return nullptr;
}

// "text@path:line" of an optional scalar, "<none>" when absent: one string to compare in tests.
inline std::string show(const std::optional<Scalar>& s) {
  if (!s) return "<none>";
  return s->text + "@" + s->site.path + ":" + std::to_string(s->site.line);
}

inline std::string errors_text(const Project& p) {
  std::string out;
  for (const auto& e : p.errors)
    out += e.path + ":" + (e.line ? std::to_string(*e.line) : std::string("-")) + ": " + e.message + "\n";
  return out;
}

}  // namespace boundaudit::compose::testing
