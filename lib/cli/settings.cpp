#include "cli/settings.hpp"

#include <algorithm>
#include <ostream>
#include <type_traits>

#include <fmt/format.h>

namespace boundaudit::cli {
namespace {

Setting make(std::string key, Target target, std::string help, std::string value_name) {
  Setting s;
  s.key = std::move(key);
  s.target = target;
  s.help = std::move(help);
  s.value_name = std::move(value_name);
  return s;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", c);
    else out += c;
  }
  return out + '"';
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quoted(items[i]);
  return out + ']';
}

std::string_view type_name(const Target& t) {
  switch (t.index()) {
    case 0: return "a string";
    case 1: return "an array of strings";
    case 2: return "a boolean";
    case 3: return "a non-negative integer";
    default: return "a table of arrays of codes";
  }
}

// Stores a file value in the setting's target; false when its type does not fit.
bool store(const Setting& s, const ConfigValue& v) {
  return std::visit(
      [&](auto* target) -> bool {
        using T = std::remove_pointer_t<decltype(target)>;
        if constexpr (std::is_same_v<T, unsigned>) {
          const auto* i = std::get_if<std::int64_t>(&v);
          if (!i || *i < 0 || *i > 4096) return false;
          *target = static_cast<unsigned>(*i);
          return true;
        } else {
          const auto* value = std::get_if<T>(&v);
          if (!value) return false;
          *target = *value;
          return true;
        }
      },
      s.target);
}

}  // namespace

Setting text(std::string key, std::string* target, std::string help) { return make(std::move(key), target, std::move(help), "TEXT"); }
Setting list(std::string key, std::vector<std::string>* target, std::string help) {
  return make(std::move(key), target, std::move(help), "TEXT");
}
Setting flag(std::string key, bool* target, std::string help) { return make(std::move(key), target, std::move(help), ""); }
Setting count(std::string key, unsigned* target, std::string help) { return make(std::move(key), target, std::move(help), "N"); }
Setting glob_codes(std::string key, GlobCodes* target, std::string help) {
  return make(std::move(key), target, std::move(help), "GLOB:CODES");
}

std::optional<std::string> invalid_value(const Setting& s) {
  auto one = [&](const std::string& v) -> std::optional<std::string> {
    if (!s.choices.empty() && std::find(s.choices.begin(), s.choices.end(), v) == s.choices.end())
      return fmt::format("'{}' is not one of {}", v, fmt::join(s.choices, ", "));
    if (s.check) return s.check(v);
    return std::nullopt;
  };
  if (const auto* const* text = std::get_if<std::string*>(&s.target)) {
    // An empty text is "not set" (the default of every optional text setting).
    return (*text)->empty() ? std::nullopt : one(**text);
  }
  if (const auto* const* items = std::get_if<std::vector<std::string>*>(&s.target))
    for (const auto& v : **items)
      if (auto why = one(v)) return why;
  if (const auto* const* table = std::get_if<GlobCodes*>(&s.target))
    for (const auto& [glob, codes] : **table) {
      if (glob.empty()) return std::string("empty glob");
      for (const auto& v : codes)
        if (auto why = one(v)) return why;
    }
  return std::nullopt;
}

std::optional<ConfigError> apply_config(std::span<Setting> settings, const ConfigFile& file,
                                        const std::function<bool(const Setting&)>& given) {
  for (const auto& item : file.entries) {
    const auto& key = item.first;
    const auto& entry = item.second;
    auto it = std::find_if(settings.begin(), settings.end(),
                           [&](const Setting& s) { return s.in_config && s.key == key; });
    if (it == settings.end()) return ConfigError{file.path, entry.line, key, "unknown key"};
    if (given(*it)) {
      // The command line wins; the file's value must still be a valid one.
      Setting probe = *it;
      std::string t;
      std::vector<std::string> l;
      bool b = false;
      unsigned n = 0;
      GlobCodes g;
      switch (probe.target.index()) {
        case 0: probe.target = &t; break;
        case 1: probe.target = &l; break;
        case 2: probe.target = &b; break;
        case 3: probe.target = &n; break;
        default: probe.target = &g; break;
      }
      if (!store(probe, entry.value))
        return ConfigError{file.path, entry.line, key, fmt::format("expected {}", type_name(it->target))};
      if (auto why = invalid_value(probe)) return ConfigError{file.path, entry.line, key, *why};
      continue;
    }
    if (!store(*it, entry.value))
      return ConfigError{file.path, entry.line, key, fmt::format("expected {}", type_name(it->target))};
    if (auto why = invalid_value(*it)) return ConfigError{file.path, entry.line, key, *why};
    it->origin = fmt::format("{}:{}", file.path, entry.line);
  }
  return std::nullopt;
}

std::string toml_value(const Setting& s) {
  return std::visit(
      [](const auto* target) -> std::string {
        using T = std::remove_cv_t<std::remove_pointer_t<decltype(target)>>;
        if constexpr (std::is_same_v<T, std::string>) return quoted(*target);
        else if constexpr (std::is_same_v<T, std::vector<std::string>>) return quoted_list(*target);
        else if constexpr (std::is_same_v<T, bool>) return *target ? "true" : "false";
        else if constexpr (std::is_same_v<T, unsigned>) return std::to_string(*target);
        else {
          std::string out = "{";
          for (std::size_t i = 0; i < target->size(); ++i)
            out += (i ? ", " : " ") + quoted((*target)[i].first) + " = " + quoted_list((*target)[i].second);
          return out + (target->empty() ? "}" : " }");
        }
      },
      s.target);
}

void write_settings(std::ostream& out, std::string_view tool, std::span<const Setting> settings,
                    const std::optional<std::string>& config_path) {
  out << "# " << tool << " settings; configuration file: " << (config_path ? *config_path : "none") << '\n';
  for (const auto& s : settings)
    if (s.in_config) out << s.key << " = " << toml_value(s) << "  # " << s.origin << '\n';
}

}  // namespace boundaudit::cli
