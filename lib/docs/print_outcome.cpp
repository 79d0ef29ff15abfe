#include "docs/print_outcome.hpp"

#include <ostream>

#include "core/utf8.hpp"

namespace boundaudit::docs {

int write_doc_outcome(std::ostream& out, std::ostream& err, std::string_view tool, const std::string& doc,
                      const DocOutcome& outcome, bool check) {
  if (!outcome.errors.empty()) {
    for (const auto& e : outcome.errors) {
      err << tool << ": " << display_name(e.path);
      if (e.line) err << ':' << *e.line;
      err << ": " << display_text(e.message) << '\n';
    }
    err << tool << ": " << display_name(doc) << " left unchanged\n";
    return 2;
  }
  if (check) out << outcome.update.diff;
  err << outcome.update.message;
  if (outcome.update.status == loops::DocStatus::failed) return 2;
  for (const auto& f : outcome.failing)
    err << tool << ": " << display_name(f.site.path) << ':' << f.site.line << ':' << f.site.column << ": " << to_string(f.severity)
        << '[' << f.code << "] " << display_text(f.message) << '\n';
  if (!outcome.failing.empty())
    err << tool << ": " << display_name(doc) << ": " << outcome.failing.size() << " finding" << (outcome.failing.size() == 1 ? "" : "s")
        << " at or above --fail-on in the regions' scope\n";
  return outcome.update.status == loops::DocStatus::stale || !outcome.failing.empty() ? 1 : 0;
}

}  // namespace boundaudit::docs
