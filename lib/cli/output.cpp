#include "cli/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ostream>

#include <fmt/format.h>

namespace boundaudit::cli {
namespace {

bool set_in(const std::map<std::string, std::string>& env, const char* name) {
  auto it = env.find(name);
  return it != env.end() && !it->second.empty();
}

}  // namespace

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

std::optional<std::string> write_file_atomically(const std::string& path, std::string_view text) {
  auto slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string temp = (slash == std::string::npos ? std::string() : dir) + ".boundaudit-out-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return fmt::format("cannot create a file in {}: {}", dir, std::strerror(errno));
  std::size_t done = 0;
  while (done < text.size()) {
    auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      auto why = std::string(std::strerror(errno));
      ::close(fd);
      ::unlink(temp.c_str());
      return "cannot write: " + why;
    }
    done += static_cast<std::size_t>(n);
  }
  // mkstemp makes the file 0600; a report is an ordinary file (0666 less the umask).
  mode_t mask = ::umask(0);
  ::umask(mask);
  (void)::fchmod(fd, 0666 & ~mask);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temp.c_str());
    return "cannot write: " + std::string(std::strerror(errno));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    auto why = std::string(std::strerror(errno));
    ::unlink(temp.c_str());
    return why;
  }
  return std::nullopt;
}

}  // namespace boundaudit::cli
