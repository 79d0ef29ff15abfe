// compose_fuzz: a project of one to three in-memory files through composelint's loader
// (compose::load_project), its audit and every output format the tool has.
//
// The input is the compose file `compose.yaml`, optionally followed by up to two more files, each
// started by a line `#@ NAME` (a YAML comment, so a seed without one is still plain YAML). NAME
// defaults to `b.yml` for the second file and `.env` for the third. A NAME ending in `.override.yaml`
// or `.override.yml` is merged over compose.yaml as a second -f file, as compose's discovery pairs
// them; any other file is reached only when the compose file names it (`include`, `extends.file`,
// `env_file`) or, for `.env`, as the default variables file beside compose.yaml. Files are served
// from memory through LoadOptions::read; nothing touches the disk. A NAME may hold any bytes but
// NUL (no file name can): the writers must show a name that is not UTF-8 escaped, never abort
// (fuzz/regressions/compose_fuzz/json_abort_non_utf8_path.yaml was that case).
#include <cstddef>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compose/audit.hpp"
#include "compose/model.hpp"
#include "compose/registry.hpp"
#include "core/version.hpp"
#include "fuzz_support.hpp"
#include "report/compose_json.hpp"
#include "report/compose_markdown.hpp"
#include "report/report.hpp"

namespace {

using namespace boundaudit;

constexpr std::string_view kSeparator = "#@";
constexpr std::string_view kDefaultNames[] = {"compose.yaml", "b.yml", ".env"};
constexpr std::size_t kMaxFiles = std::size(kDefaultNames);
constexpr std::size_t kMaxNameLength = 64;
constexpr std::int64_t kBudget = std::int64_t{8} << 30;  // --memory-budget 8g, so CL006 and the shares run

struct MemoryProject {
  std::map<std::string, std::string> files;  // path -> text
  std::vector<std::string> order;            // the -f files: compose.yaml, then override files
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

bool is_override_name(std::string_view name) {
  return name.ends_with(".override.yaml") || name.ends_with(".override.yml");
}

MemoryProject split_files(std::string_view input) {
  std::vector<std::pair<std::string, std::string>> parts{{std::string(kDefaultNames[0]), {}}};
  std::size_t pos = 0;
  while (pos < input.size()) {
    const auto newline = input.find('\n', pos);
    const auto next = newline == std::string_view::npos ? input.size() : newline + 1;
    const auto line = input.substr(pos, next - pos);
    pos = next;
    if (parts.size() < kMaxFiles && line.starts_with(kSeparator)) {
      auto name = trim(line.substr(kSeparator.size()));
      if (name.empty() || name.size() > kMaxNameLength || name.find('\0') != std::string::npos) name = kDefaultNames[parts.size()];
      parts.emplace_back(std::string(name), std::string());
      continue;
    }
    parts.back().second += line;
  }
  MemoryProject project;
  project.order.push_back(parts.front().first);
  for (auto& [name, text] : parts) {
    const bool added = project.files.emplace(name, std::move(text)).second;  // a repeated name: first wins
    if (added && name != project.order.front() && is_override_name(name)) project.order.push_back(name);
  }
  return project;
}

void render(const compose::Project& project, const compose::AuditResult& result) {
  compose::Report report;
  report.projects.push_back(result);
  const auto findings = report.all_findings();
  const auto errors = report.all_errors();

  std::map<std::string, std::string_view> texts;
  for (const auto& source : project.sources) texts.emplace(source.path, source.text);
  report::TextOptions text_options;
  text_options.color = true;
  text_options.show_source = true;
  text_options.lines = [&texts](const std::string& path, int line) -> std::string_view {
    auto it = texts.find(path);
    return it == texts.end() ? std::string_view{} : line_of(it->second, line);
  };

  std::ostringstream text, json, sarif, github, markdown;
  report::write_text(text, findings, errors, text_options);
  report::write_compose_json(json, boundaudit::version(), report);
  report::write_sarif(sarif, {compose::kToolName, boundaudit::version(), compose::rule_infos()}, findings, errors);
  report::write_github(github, findings, errors);
  report::write_compose_markdown(markdown, report);

  fuzz::expect_utf8(text.str(), "composelint --format text");
  fuzz::expect_json(json.str(), "composelint --format json");
  fuzz::expect_json(sarif.str(), "composelint --format sarif");
  fuzz::expect_utf8(github.str(), "composelint --format github");
  fuzz::expect_utf8(markdown.str(), "composelint --format markdown");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  MemoryProject files = split_files({reinterpret_cast<const char*>(data), size});

  compose::LoadOptions load;
  load.files = files.order;
  load.read = [&files](const std::string& path) -> ReadResult {
    auto it = files.files.find(path);
    if (it == files.files.end()) return {std::nullopt, InputError{path, std::nullopt, "no such file"}};
    return {Source{path, it->second}, std::nullopt};
  };
  const compose::Project project = compose::load_project(load);

  compose::Options options;
  options.budget = compose::Budget{kBudget};
  render(project, compose::audit(project, options));
  return 0;
}
