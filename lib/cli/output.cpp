#include "cli/output.hpp"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

namespace boundaudit::cli {
namespace {

bool set_in(const std::map<std::string, std::string>& env, const char* name) {
  auto it = env.find(name);
  return it != env.end() && !it->second.empty();
}

}  // namespace

ProgressLine::ProgressLine(std::ostream& err, std::string_view tool, bool terminal, bool forced)
    : err_(err), tool_(tool), enabled_(terminal || forced), forced_(forced), start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() { finish(); }

std::function<void(std::size_t, std::size_t)> ProgressLine::callback() {
  if (!enabled_) return {};
  return [this](std::size_t done, std::size_t total) { update(done, total); };
}

void ProgressLine::update(std::size_t done, std::size_t total) {
  using namespace std::chrono_literals;
  auto now = std::chrono::steady_clock::now();
  if (!forced_ && now - start_ < 1s) return;
  if (shown_ && now - last_ < 100ms && done != total) return;
  last_ = now;
  shown_ = true;
  err_ << '\r' << tool_ << ": " << done << '/' << total << " files" << std::flush;
}

void ProgressLine::finish() {
  if (shown_) err_ << "\r\x1b[K" << std::flush;  // back to the line's start, and erase it
  shown_ = false;
}

std::string plural(std::size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

Presentation decide_presentation(std::string_view color, bool show_source, bool output_is_terminal,
                                 const std::map<std::string, std::string>& environment) {
  Presentation p;
  if (color == "always") {
    p.color = true;
  } else if (color == "auto") {
    auto term = environment.find("TERM");
    bool terminal = output_is_terminal && !(term != environment.end() && term->second == "dumb");
    auto force = environment.find("FORCE_COLOR");
    bool forced = set_in(environment, "FORCE_COLOR") && force->second != "0";
    p.color = !set_in(environment, "NO_COLOR") && (terminal || forced);
    p.source_frames = terminal;
  }
  p.source_frames = p.source_frames || p.color || show_source;
  return p;
}

std::string summary_line(std::string_view tool, std::string_view inventory, std::span<const Finding> findings,
                         std::size_t input_errors) {
  std::size_t by[3] = {0, 0, 0};
  for (const auto& f : findings) ++by[static_cast<int>(f.severity)];
  auto line = fmt::format("{}: {}: {}, {}, {}", tool, inventory, plural(by[2], "error"), plural(by[1], "warning"),
                          plural(by[0], "note"));
  if (input_errors) line += ", " + plural(input_errors, "input error");
  return line;
}

void write_statistics(std::ostream& out, std::span<const Finding> findings, std::span<const RuleInfo> rules) {
  std::map<std::string, std::size_t> counts;
  for (const auto& f : findings) ++counts[f.code];
  std::vector<std::pair<std::string, std::size_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& row : rows) {
    const auto& code = row.first;
    auto rule = std::find_if(rules.begin(), rules.end(), [&](const RuleInfo& r) { return r.code == code; });
    out << fmt::format("{:>5}  {}  {}\n", row.second, code, rule == rules.end() ? "" : rule->name);
  }
}

int exit_code(std::span<const Finding> findings, std::size_t input_errors, Severity fail_on, bool exit_zero) {
  if (input_errors) return 2;
  if (exit_zero) return 0;
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.severity >= fail_on; }) ? 1
                                                                                                                 : 0;
}

}  // namespace boundaudit::cli
