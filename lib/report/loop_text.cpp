#include "report/loop_text.hpp"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

namespace boundaudit::report {

std::string loop_inventory(const loops::AuditResult& result) {
  auto count = [&](auto pred) { return std::count_if(result.sites.begin(), result.sites.end(), pred); };
  auto in = [&](loops::Category c) { return count([c](const auto& s) { return s.category == c; }); };
  auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  return fmt::format("{} in {} ({} while, {} fan-out, {} spawn), {} unbounded", plural(result.sites.size(), "site"),
                     plural(static_cast<std::size_t>(result.files_scanned), "file"), in(loops::Category::while_loop),
                     in(loops::Category::fanout), in(loops::Category::spawn),
                     count([](const auto& s) { return !s.bounded(); }));
}

std::string loop_summary(const loops::AuditResult& result) {
  auto n = result.findings.size();
  return fmt::format("{}; {} finding{}", loop_inventory(result), n, n == 1 ? "" : "s");
}

void write_loop_text(std::ostream& out, const loops::AuditResult& result, const TextOptions& options) {
  write_text(out, result.findings, result.errors, options);
  out << loop_summary(result) << '\n';
}

}  // namespace boundaudit::report
