#include "core/baseline.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/atomic_write.hpp"
#include "core/utf8.hpp"

namespace boundaudit {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// An anchor text is a line, not a file: a minified line cannot make the baseline huge.
constexpr std::size_t kMaxSiteText = 200;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

bool is_word(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || u == '_' || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

std::string normal_path(const std::string& path) {
  std::string normal = std::filesystem::path(path).lexically_normal().generic_string();
  return display_path(normal.empty() ? path : normal);
}

// One entry as one line of the file, fields in a fixed order.
std::string entry_line(const BaselineEntry& e) {
  ordered_json j;
  j["rule"] = e.key.rule;
  j["path"] = e.key.path;
  j["anchor"] = e.key.anchor;
  j["text"] = e.key.text;
  j["message"] = e.message;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

InputError shape_error(const std::string& path, std::string message) {
  return InputError{path, std::nullopt, "not a baseline file: " + std::move(message)};
}

// The entry at index i, or an error saying what is wrong with it.
std::variant<BaselineEntry, std::string> read_entry(const json& j, std::size_t i) {
  const std::string where = "entry " + std::to_string(i + 1);
  if (!j.is_object()) return where + " is not an object";
  BaselineEntry e;
  struct Field {
    const char* name;
    std::string* out;
    bool required, non_empty;
  };
  const Field fields[] = {{"rule", &e.key.rule, true, true},     {"path", &e.key.path, true, true},
                          {"anchor", &e.key.anchor, true, false}, {"text", &e.key.text, true, false},
                          {"message", &e.message, false, false}};
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::none_of(std::begin(fields), std::end(fields), [&](const Field& f) { return it.key() == f.name; }))
      return where + " has an unknown key \"" + valid_utf8(it.key()) + "\"";
  for (const auto& f : fields) {
    auto it = j.find(f.name);
    if (it == j.end()) {
      if (f.required) return where + " has no \"" + f.name + "\"";
      continue;
    }
    if (!it->is_string()) return where + ": \"" + f.name + "\" is not a string";
    *f.out = it->get<std::string>();
    if (f.non_empty && f.out->empty()) return where + ": \"" + f.name + "\" is empty";
  }
  return e;
}

}  // namespace

SourceLine file_lines(std::size_t max_bytes) {
  // Shared, so the SourceLine can be copied; the files stay read for as long as it lives.
  auto files = std::make_shared<std::unordered_map<std::string, std::optional<std::string>>>();
  return [files, max_bytes](const std::string& path, int line) -> std::string {
    auto it = files->find(path);
    if (it == files->end()) {
      auto read = read_source(path, max_bytes);
      it = files->emplace(path, read.source ? std::optional(std::move(read.source->text)) : std::nullopt).first;
    }
    return it->second ? std::string(line_of(*it->second, line)) : std::string();
  };
}

std::string normalize_site_text(std::string_view line) {
  std::string out;
  bool space = false;
  for (char c : line) {
    if (is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space && is_word(out.back()) && is_word(c)) out += ' ';
    space = false;
    out += c;
  }
  out = valid_utf8(out);
  if (out.size() > kMaxSiteText) {
    std::size_t cut = kMaxSiteText;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    out.resize(cut);
  }
  return out;
}

BaselineKey baseline_key(const Finding& f, const SourceLine& lines) {
  std::string text = f.site.line > 0 && lines ? lines(f.site.path, f.site.line) : std::string();
  return BaselineKey{valid_utf8(f.code), normal_path(f.site.path), valid_utf8(f.subject), normalize_site_text(text)};
}

Baseline make_baseline(std::string_view tool, std::span<const Finding> findings, const SourceLine& lines) {
  Baseline b{std::string(tool), {}};
  b.entries.reserve(findings.size());
  for (const auto& f : findings) b.entries.push_back(BaselineEntry{baseline_key(f, lines), valid_utf8(f.message)});
  std::sort(b.entries.begin(), b.entries.end());
  return b;
}

std::string serialize_baseline(const Baseline& baseline) {
  std::vector<BaselineEntry> entries = baseline.entries;  // sorted here too, so the bytes never depend on the caller
  std::sort(entries.begin(), entries.end());
  std::string out = "{\n  \"tool\": " + json(valid_utf8(baseline.tool)).dump() +
                    ",\n  \"format_version\": " + std::to_string(kBaselineFormatVersion) + ",\n  \"entries\": [";
  for (std::size_t i = 0; i < entries.size(); ++i) out += (i ? ",\n    " : "\n    ") + entry_line(entries[i]);
  out += entries.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::variant<Baseline, InputError> parse_baseline(const std::string& path, std::string_view text, std::string_view tool) {
  // A baseline nests three deep (the file, its entries, an entry); anything deeper is refused while
  // parsing, so a file of brackets cannot build a huge tree first.
  struct TooDeep {};
  auto shallow = [](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) && depth >= 3)
      throw TooDeep{};
    return true;
  };
  json doc;
  try {
    doc = json::parse(text, shallow);
  } catch (const TooDeep&) {
    return shape_error(path, "nested deeper than a baseline (the file, its entries, an entry)");
  } catch (const json::parse_error& e) {
    // e.byte is 1-based and may be one past the end (truncated file).
    const std::size_t at = std::min(text.size(), e.byte > 0 ? e.byte - 1 : 0);
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    // What nlohmann says after "[json.exception.parse_error.N] parse error at line L, column C: ".
    std::string what = e.what();
    if (auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    return InputError{path, line, "not valid JSON: " + valid_utf8(what)};
  }
  if (!doc.is_object()) return shape_error(path, "expected a JSON object with \"tool\", \"format_version\" and \"entries\"");
  // The version first: a later format may change everything else.
  auto version = doc.find("format_version");
  if (version == doc.end()) return shape_error(path, "no \"format_version\"");
  if (!version->is_number_integer() || version->get<long long>() != kBaselineFormatVersion)
    return InputError{path, std::nullopt,
                      "unsupported baseline format_version " +
                          valid_utf8(version->dump(-1, ' ', false, json::error_handler_t::replace)) +
                          " (this version reads " + std::to_string(kBaselineFormatVersion) + ")"};
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (it.key() != "tool" && it.key() != "format_version" && it.key() != "entries")
      return shape_error(path, "unknown key \"" + valid_utf8(it.key()) + "\"");
  auto name = doc.find("tool");
  if (name == doc.end() || !name->is_string()) return shape_error(path, "\"tool\" is missing or not a string");
  if (name->get<std::string>() != tool)
    return InputError{path, std::nullopt,
                      "a baseline of " + valid_utf8(name->get<std::string>()) + ", not of " + std::string(tool)};
  auto entries = doc.find("entries");
  if (entries == doc.end() || !entries->is_array()) return shape_error(path, "\"entries\" is missing or not an array");
  Baseline b{std::string(tool), {}};
  b.entries.reserve(entries->size());
  for (std::size_t i = 0; i < entries->size(); ++i) {
    auto e = read_entry((*entries)[i], i);
    if (auto* why = std::get_if<std::string>(&e)) return shape_error(path, *why);
    b.entries.push_back(std::move(std::get<BaselineEntry>(e)));
  }
  std::sort(b.entries.begin(), b.entries.end());
  return b;
}

std::variant<Baseline, InputError> read_baseline(const std::string& path, std::string_view tool) {
  auto read = read_source(path);
  if (!read.source) return read.error ? *read.error : InputError{path, std::nullopt, "cannot read"};
  return parse_baseline(path, read.source->text, tool);
}

std::optional<InputError> write_baseline(const std::string& path, const Baseline& baseline) {
  std::string error;
  if (!write_atomically(path, serialize_baseline(baseline), "--write-baseline", &error))
    return InputError{path, std::nullopt, error};
  return std::nullopt;
}

BaselineOutcome apply_baseline(const Baseline& baseline, std::vector<Finding> findings, const SourceLine& lines,
                               const BaselineScope& scope) {
  // The entries not yet used, per key.
  std::map<BaselineKey, std::vector<const BaselineEntry*>> open;
  for (const auto& e : baseline.entries) open[e.key].push_back(&e);
  std::vector<BaselineKey> keys;
  keys.reserve(findings.size());
  for (const auto& f : findings) keys.push_back(baseline_key(f, lines));
  std::vector<bool> hidden(findings.size(), false);
  // Two passes: the same message first, so that when a key has more findings than entries the one
  // reported is the one whose message the baseline does not know; then any entry of the key.
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t i = 0; i < findings.size(); ++i) {
      if (hidden[i]) continue;
      auto it = open.find(keys[i]);
      if (it == open.end() || it->second.empty()) continue;
      auto& left = it->second;
      auto use = left.begin();
      if (pass == 0) {
        const std::string message = valid_utf8(findings[i].message);
        use = std::find_if(left.begin(), left.end(), [&](const BaselineEntry* e) { return e->message == message; });
        if (use == left.end()) continue;
      }
      left.erase(use);
      hidden[i] = true;
    }
  BaselineOutcome out;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (hidden[i])
      ++out.matched;
    else
      out.findings.push_back(std::move(findings[i]));
  }
  for (const auto& [key, left] : open)
    for (const BaselineEntry* e : left)
      if (!scope || scope(*e)) out.fixed.push_back(*e);
  std::sort(out.fixed.begin(), out.fixed.end());
  return out;
}

}  // namespace boundaudit
